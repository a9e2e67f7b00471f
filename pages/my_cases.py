"""An officer's own open cases, oldest first."""

import streamlit as st

from logic.cases import views
from pages import _ui

officer = _ui.require_page("my-cases")
st.title("My caseload")
show_closed = st.toggle("Include closed cases", key="my_cases_show_closed")
cases = views.caseload(officer.id, include_closed=show_closed)
st.caption(f"{len(cases)} case(s) allocated to {officer.full_name}.")
_ui.case_table(cases, key="my_cases_table")
