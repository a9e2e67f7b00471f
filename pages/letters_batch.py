"""Issue the same letter on many cases at once (seniors and managers), with a progress bar."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from logic.letters import LETTER_TYPES
from logic.letters import service as letters
from pages import _keys, _ui
from pages._sections import letters as _letters

officer = _ui.require_page("letters-batch")
st.title("Letters in a batch")
st.caption("Each case's letter is filled from that case; the details below are the same for all. "
           "A case whose letter cannot be issued is listed with the reason, and the rest go on.")

case_type = st.radio("Cases", ["homelessness", "register"], key=_keys.LETTER_BATCH_CASE_TYPE,
                     horizontal=True, format_func=codes.CASE_TYPES.label)
available = {c: label for c, label in letters.letter_types_for(case_type).items()
             if LETTER_TYPES[c].may_be_batched}
code = st.selectbox("Letter", list(available), key=_keys.LETTER_BATCH_TYPE,
                    format_func=lambda c: f"{available[c]} ({LETTER_TYPES[c].citation})")
kind = LETTER_TYPES[code]

open_cases = views.open_cases(case_type)
if open_cases.empty:
    st.info("No open cases of this type.")
    st.stop()
chosen = st.dataframe(
    open_cases[["reference", "applicant", "stage", "officer", "postcode"]], key=_keys.LETTER_BATCH_TABLE,
    hide_index=True, on_select="rerun", selection_mode="multi-row",
    column_config=_ui.CASE_COLUMNS,
)
rows = chosen.selection.rows if chosen else []
case_ids = [int(open_cases.iloc[i]["id"]) for i in rows]
st.caption(f"{len(case_ids)} case(s) chosen.")

with st.form(_keys.LETTER_BATCH_FORM):
    options = _letters.option_widgets(kind, _keys.LETTER_BATCH_OPTION_PREFIX)
    notified_on = st.date_input("Date of the letters", value=_letters.today(),
                                key=_keys.LETTER_BATCH_NOTIFIED_ON, format="DD/MM/YYYY")
    go = st.form_submit_button(f"Issue to {len(case_ids)} case(s)", type="primary")

if go:
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
