"""Issue the same letter on many cases at once (seniors and managers), with a progress bar.

The cases are listed a page at a time, one stage first, narrowed by officer and by a reference
or name: the store returns the page shown, never every open case of the council."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from logic.letters import LETTER_TYPES
from logic.letters import service as letters
from pages import _keys, _ui
from pages._sections import letters as _letters

SCREEN = _keys.LETTER_BATCH_SCREEN

officer = _ui.require_page("letters-batch")
st.title("Letters in a batch")
st.caption("Each case's letter is filled from that case; the details below are the same for all. "
           "A case whose letter cannot be issued is listed with the reason, and the rest go on.")

case_type = st.radio("Cases", ["homelessness", "register"], key=_keys.LETTER_BATCH_CASE_TYPE,
                     horizontal=True, format_func=codes.CASE_TYPES.label,
                     on_change=_ui.first_page, args=(SCREEN,))
available = {c: label for c, label in letters.letter_types_for(case_type).items()
             if LETTER_TYPES[c].may_be_batched}
code = st.selectbox("Letter", list(available), key=_keys.LETTER_BATCH_TYPE,
                    format_func=lambda c: f"{available[c]} ({LETTER_TYPES[c].citation})")
kind = LETTER_TYPES[code]

stages = codes.CASE_STAGES[case_type]
staff = views.case_officers().set_index("id")["full_name"]
cols = st.columns(3)
stage = cols[0].selectbox(  # one stage first: the cases a letter is sent on are at one stage
    "Stage", [*stages.codes(), None], key=_keys.letter_batch_stage(case_type),
    format_func=lambda s: "Any stage" if s is None else stages.label(s),
    on_change=_ui.first_page, args=(SCREEN,))
held_by = cols[1].selectbox("Officer", [None, *staff.index.tolist()], key=_keys.LETTER_BATCH_OFFICER,
                            format_func=lambda i: "Anyone" if i is None else staff[i],
                            on_change=_ui.first_page, args=(SCREEN,))
text = cols[2].text_input("Reference or applicant's name", key=_keys.LETTER_BATCH_SEARCH,
                          on_change=_ui.first_page, args=(SCREEN,))
filters = {"case_type": case_type, "stage": stage, "officer_id": held_by, "text": text.strip() or None}

size = _ui.ROWS_A_PAGE
offset = st.session_state.get(_keys.case_list_offset(SCREEN), 0)
page = _ui.case_page(**filters, limit=size, offset=offset)
if page.total and offset >= page.total:  # fewer cases than when the page was chosen
    offset = (page.total - 1) // size * size
    st.session_state[_keys.case_list_offset(SCREEN)] = offset
    page = _ui.case_page(**filters, limit=size, offset=offset)
if not page.total:
    st.info("No open case matches these choices.")
    st.stop()
st.caption(f"Cases {offset + 1}–{offset + len(page.cases)} of {page.total}.")
every = st.checkbox(f"Every case these choices find ({page.total})", key=_keys.LETTER_BATCH_EVERY,
                    help=f"Otherwise tick the cases in the list. A batch holds at most {letters.MAX_BATCH} cases.")
chosen = st.dataframe(
    _ui.with_case_labels(page.cases[["reference", "applicant", "case_type", "stage", "officer", "postcode"]])
    .drop(columns=["case_type"]),
    key=_keys.letter_batch_table(case_type, stage, held_by, filters["text"], offset),
    hide_index=True, on_select="ignore" if every else "rerun", selection_mode="multi-row",
    column_config=_ui.CASE_COLUMNS,
)
_ui.page_buttons(SCREEN, page.total, size)
rows = [] if every or not chosen else chosen.selection.rows
case_ids = [int(page.cases.iloc[i]["id"]) for i in rows]
count = page.total if every else len(case_ids)
st.caption(f"{count} case(s) chosen." + ("" if every else " Ticks on this page only: issue them before "
                                                          "turning the page."))

with st.form(_keys.LETTER_BATCH_FORM):
    options = _letters.option_widgets(kind, _keys.LETTER_BATCH_OPTION_PREFIX)
    notified_on = st.date_input("Date of the letters", value=_letters.today(),
                                key=_keys.LETTER_BATCH_NOTIFIED_ON, format="DD/MM/YYYY")
    go = st.form_submit_button(f"Issue to {count} case(s)", type="primary")

if go:
    if every:  # the ids of every case found (one more than a batch holds: the service refuses it)
        found = _ui.case_page(**filters, limit=letters.MAX_BATCH + 1, offset=0).cases
        case_ids = [int(i) for i in found["id"]]
    progress = _ui.run_service(lambda: letters.issue_batch(
        case_ids=case_ids, letter_type_code=code, officer_id=officer.id, options=options,
        notified_on=notified_on), writes=True)
    if progress is not None:
        bar = st.progress(0.0, text="Issuing letters…")
        results = []
        for step in progress:
            results.append(step)
            bar.progress(step.done / step.total, text=f"{step.done} of {step.total}: {step.reference}")
        st.session_state[_keys.LETTER_BATCH_RESULT] = results

results = st.session_state.get(_keys.LETTER_BATCH_RESULT)
if results:
    issued = sum(1 for r in results if r.letter_id)
    (st.success if issued == len(results) else st.warning)(
        f"{issued} of {len(results)} letter(s) issued.")
    st.dataframe([{"Case": r.reference, "Letter": f"L-{r.letter_id:06d}" if r.letter_id else "",
                   "Problem": r.problem or ""} for r in results],
                 hide_index=True, key="letters_batch_results_table")
