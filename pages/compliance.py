"""The compliance guard for the team: every open case with something the Ombudsman would find."""

import streamlit as st

from logic import clock
from logic.casework import views as views_casework
from logic.law import policy_as_at
from pages import _ui

_ui.require_page("compliance")
st.title("Compliance")
today = clock.today()
law = policy_as_at(today)
st.caption("Owed a duty with no written assessment or plan, a duty not notified, a plan not reviewed in time, "
           "a homeless applicant still on prevention, a priority-need applicant in relief with no interim "
           f"accommodation, a family in B&B past {_ui.in_words(law.bnb_family_limit_weeks)} weeks.")
problems = _ui.cached_view(views_casework.compliance_problems)(today=today)  # once a day, until a save
if problems.empty:
    st.success("No compliance problems on open homelessness cases.")
    st.stop()
counts = problems.groupby("problem").size().sort_values(ascending=False)
cols = st.columns(min(len(counts), 4))
for i, (problem, count) in enumerate(counts.items()):
    cols[i % len(cols)].metric(problem, int(count))
officers = ["Everyone", *sorted(problems["officer"].unique())]
who = st.selectbox("Officer", officers, key="compliance_officer")
kinds = st.multiselect("Problems", list(counts.index), key="compliance_kinds")
shown = problems
if who != "Everyone":
    shown = shown[shown["officer"] == who]
if kinds:
    shown = shown[shown["problem"].isin(kinds)]
selection = st.dataframe(
    shown[["reference", "applicant", "officer", "stage", "problem", "detail", "citation"]], hide_index=True,
    key="compliance_table", on_select="rerun", selection_mode="single-row",
    column_config={"reference": "Case", "applicant": "Applicant", "officer": "Officer", "stage": "Stage",
                   "problem": "Problem", "detail": st.column_config.TextColumn("Detail", width="large"),
                   "citation": "Rests on"})
if selection and selection.selection.rows:
    _ui.open_case(shown.iloc[selection.selection.rows[0]]["reference"])
st.caption(f"{len(shown)} problem(s) on {shown['reference'].nunique()} case(s). Choose a row to open the case.")
