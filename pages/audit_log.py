"""Who viewed or changed what, and when: a period's entries, newest first, a page at a time."""

from datetime import timedelta

import streamlit as st

from logic import clock
from logic.cases import views
from logic.common import codes
from pages import _keys, _ui

SCREEN = "audit_log"

_ui.require_page("audit-log")
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
trail = views.audit_trail(**chosen, limit=size + 1, offset=offset)  # one more: is there a next page?
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
st.download_button(  # the period's entries, read only when the manager asks for the file
    f"Download CSV (this period's entries, up to {views.AUDIT_CSV_ROWS:,})",
    lambda: _in_words(views.audit_trail(**chosen, limit=views.AUDIT_CSV_ROWS)).to_csv(index=False),
    file_name=f"hearth-audit-{since:%Y%m%d}-{until:%Y%m%d}.csv", key="audit_csv")
