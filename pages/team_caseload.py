"""Open cases per officer and stage, for seniors and managers."""

import streamlit as st

from logic.cases import views
from logic.common import codes
from pages import _ui

_ui.require_page("team-caseload")
st.title("Team caseload")
load = views.team_caseload()
if load.empty:
    st.info("No active officers.")
    st.stop()
load["stage"] = [_ui.case_stage(t, s) for t, s in zip(load["case_type"], load["stage"], strict=True)]
load["role"] = load["role"].map(codes.ROLES.label)
table = load.pivot_table(index=["officer", "role", "hours_per_week"], columns="stage", values="open_cases",
                         aggfunc="sum", fill_value=0)
table = table.drop(columns=[""], errors="ignore")
table["Total open"] = table.sum(axis=1)
st.dataframe(table.reset_index(), hide_index=True, key="team_caseload_table")
