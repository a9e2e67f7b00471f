"""An officer's own cases, oldest first, narrowed by type, stage and what is due, a page at a time."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from pages import _ui

SCREEN = "my_cases"

officer = _ui.require_page("my-cases")
st.title("My caseload")
cols = st.columns(4)
case_type = cols[0].selectbox(
    "Case type", [None, *codes.CASE_TYPES.codes()], key="my_cases_type",
    format_func=lambda c: "Any type" if c is None else codes.CASE_TYPES.label(c),
    on_change=_ui.first_page, args=(SCREEN,),
)
stages = codes.CASE_STAGES[case_type].codes() if case_type else ()
stage = cols[1].selectbox(
    "Stage", [None, *stages], key=f"my_cases_stage_{case_type}", disabled=not case_type,
    format_func=lambda s: ("Any stage" if case_type else "Choose a type first") if s is None
    else codes.stage_label(case_type, s),
    on_change=_ui.first_page, args=(SCREEN,),
)
due = cols[2].selectbox(
    "What is due", [None, *codes.DUE_FILTERS.codes()], key="my_cases_due",
    format_func=lambda d: "Anything or nothing" if d is None else codes.DUE_FILTERS.label(d),
    on_change=_ui.first_page, args=(SCREEN,), help="Dates due on homelessness cases, as on Dates due.",
)
show_closed = cols[3].toggle("Include closed cases", key="my_cases_show_closed",
                             on_change=_ui.first_page, args=(SCREEN,))
_ui.paged_case_table(SCREEN, lambda limit, offset: views.case_list(
    officer_id=officer.id, include_closed=show_closed, case_type=case_type, stage=stage, due=due,
    limit=limit, offset=offset))
st.caption(f"Cases allocated to {officer.full_name}.")
