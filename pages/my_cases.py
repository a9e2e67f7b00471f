"""An officer's own cases, oldest first, narrowed by type, stage and what is due, a page at a time."""

import streamlit as st

from pages import _ui

SCREEN = "my_cases"

officer = _ui.require_page("my-cases")
st.title("My caseload")
cols = st.columns(4)
case_type, stage, due = _ui.case_filters(SCREEN, cols[0], cols[1], cols[2])
show_closed = cols[3].toggle("Include closed cases", key="my_cases_show_closed",
                             on_change=_ui.first_page, args=(SCREEN,))
_ui.paged_case_table(SCREEN, lambda limit, offset: _ui.case_page(
    officer_id=officer.id, include_closed=show_closed, case_type=case_type, stage=stage, due=due,
    limit=limit, offset=offset))
st.caption(f"Cases allocated to {_ui.plain(officer.full_name)}.")
