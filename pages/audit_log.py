"""Who viewed or changed what, and when: a period's entries, newest first, a page at a time."""

from datetime import timedelta

import streamlit as st

from logic import clock
from logic.accounts import audit
from logic.cases import views
from logic.common import codes
from pages import _keys, _ui

SCREEN = "audit_log"

officer = _ui.require_page("audit-log")
st.title("Audit log")
today = clock.today()
people = views.officers().set_index("id")["full_name"]
cols = st.columns(4)
since = cols[0].date_input("From", value=today - timedelta(days=7), max_value=today, format="DD/MM/YYYY",
                           key="audit_since", on_change=_ui.first_page, args=(SCREEN,))
until = cols[1].date_input("To", value=today, max_value=today, format="DD/MM/YYYY",
                           key="audit_until", on_change=_ui.first_page, args=(SCREEN,))
who = cols[2].selectbox("Officer", [None, *people.index.tolist()], key="audit_officer",
                        format_func=lambda i: "Everyone" if i is None else people[i],
                        on_change=_ui.first_page, args=(SCREEN,))
action = cols[3].selectbox("Action", [None, *codes.AUDIT_ACTIONS.codes()], key="audit_action",
                           format_func=lambda a: "Any" if a is None else codes.AUDIT_ACTIONS.label(a),
                           on_change=_ui.first_page, args=(SCREEN,))
chosen = {"since": since, "until": until, "officer_id": who, "action": action}


def _in_words(trail):
    return trail.assign(action=[codes.AUDIT_ACTIONS.get(a, a) for a in trail["action"]],
                        entity=[codes.AUDITED_RECORDS.get(e, e) for e in trail["entity"]])


offset = st.session_state.get(_keys.case_list_offset(SCREEN), 0)
size = views.AUDIT_ROWS_A_PAGE
trail = _ui.run_service(lambda: audit.audit_trail(  # one more: is there a next page?
    viewer_id=officer.id, opening=_ui.opening(), **chosen, limit=size + 1, offset=offset))
if trail is None:
    st.stop()
if trail.empty:
    st.info(f"No entries from {_ui.format_date(since)} to {_ui.format_date(until)} with these choices.")
else:
    st.caption(f"Entries {offset + 1}–{offset + min(size, len(trail))} from {_ui.format_date(since)} "
               f"to {_ui.format_date(until)}, newest first.")
    st.dataframe(_in_words(trail.head(size)), hide_index=True, key="audit_table",
                 column_config={"occurred_at": st.column_config.DatetimeColumn("When", format="D MMM YYYY HH:mm"),
                                "officer": "Officer", "action": "Action", "entity": "Record",
                                "entity_id": "Number", "detail": "Detail"})
_ui.page_buttons(SCREEN, offset + len(trail), size)
# The file is made, and its making recorded, only when asked for: a download button's file is
# built before it is clicked, on every rerun, so it would record exports nobody made.
export_name = f"hearth-audit-{since:%Y%m%d}-{until:%Y%m%d}.csv"
if st.button(f"Prepare a CSV file (this period's entries, up to {views.AUDIT_CSV_ROWS:,})", key="audit_csv_prepare"):
    entries = _ui.run_service(lambda: audit.audit_export(viewer_id=officer.id, **chosen))
    if entries is not None:
        st.session_state[_keys.AUDIT_EXPORT] = (chosen, _in_words(entries).to_csv(index=False))
prepared = st.session_state.get(_keys.AUDIT_EXPORT)
if prepared and prepared[0] == chosen:
    st.download_button("Download the CSV file", prepared[1], file_name=export_name, mime="text/csv",
                       key="audit_csv", on_click="ignore")
