"""Every open case in the team, filterable by type."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from pages import _ui

_ui.require_page("open-cases")
st.title("All open cases")
case_type = st.segmented_control(
    "Case type", ["homelessness", "register", "advice"], key="open_cases_type",
    format_func=codes.CASE_TYPES.label, selection_mode="single",
)
cases = views.open_cases(case_type)
st.caption(f"{len(cases)} open case(s).")
_ui.case_table(cases, key="open_cases_table")
