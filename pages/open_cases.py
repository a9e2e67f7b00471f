"""Every open case in the team, narrowed by type, stage, officer and what is due, a page at a time."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from pages import _ui

SCREEN = "open_cases"

_ui.require_page("open-cases")
st.title("All open cases")
cols = st.columns(4)
case_type = cols[0].selectbox(
    "Case type", [None, *codes.CASE_TYPES.codes()], key="open_cases_type",
    format_func=lambda c: "Any type" if c is None else codes.CASE_TYPES.label(c),
    on_change=_ui.first_page, args=(SCREEN,),
)
stages = codes.CASE_STAGES[case_type].codes() if case_type else ()
stage = cols[1].selectbox(
    "Stage", [None, *stages], key=f"open_cases_stage_{case_type}", disabled=not case_type,
    format_func=lambda s: ("Any stage" if case_type else "Choose a type first") if s is None
    else codes.stage_label(case_type, s),
    on_change=_ui.first_page, args=(SCREEN,),
)
team = views.case_officers()
names = dict(zip(team["id"].tolist(), team["full_name"].tolist(), strict=True))
officer_id = cols[2].selectbox(
    "Officer", [None, *names], key="open_cases_officer",
    format_func=lambda i: "Any officer" if i is None else names[i],
    on_change=_ui.first_page, args=(SCREEN,),
)
due = cols[3].selectbox(
    "What is due", [None, *codes.DUE_FILTERS.codes()], key="open_cases_due",
    format_func=lambda d: "Anything or nothing" if d is None else codes.DUE_FILTERS.label(d),
    on_change=_ui.first_page, args=(SCREEN,), help="Dates due on homelessness cases, as on Dates due.",
)
_ui.paged_case_table(SCREEN, lambda limit, offset: views.case_list(
    case_type=case_type, stage=stage, officer_id=officer_id, due=due, limit=limit, offset=offset))
