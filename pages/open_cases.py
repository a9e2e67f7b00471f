"""Every open case in the team, narrowed by type, stage, officer and what is due, a page at a time."""

import streamlit as st

from logic.cases import service as cases
from logic.cases import views
from pages import _ui

SCREEN = "open_cases"

officer = _ui.require_page("open-cases")
st.title("All open cases")
_ui.run_service(lambda: cases.record_open_cases_view(viewer_id=officer.id, opening=_ui.opening()))
cols = st.columns(4)
case_type, stage, due = _ui.case_filters(SCREEN, cols[0], cols[1], cols[3])
team = _ui.cached_view(views.case_officers)()
names = dict(zip(team["id"].tolist(), team["full_name"].tolist(), strict=True))
officer_id = cols[2].selectbox(
    "Officer", [None, *names], key="open_cases_officer",
    format_func=lambda i: "Any officer" if i is None else names[i],
    on_change=_ui.first_page, args=(SCREEN,),
)
_ui.paged_case_table(SCREEN, lambda limit, offset: _ui.case_page(
    case_type=case_type, stage=stage, officer_id=officer_id, due=due, limit=limit, offset=offset))
