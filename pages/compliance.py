"""The compliance guard for the team: every open case with something the Ombudsman would find."""

import streamlit as st

from logic import clock
from logic.law import policy_as_at
from pages import _ui

_ui.require_page("compliance")
st.title("Compliance")
today = clock.today()
law = policy_as_at(today)
st.caption("Owed a duty with no written assessment or plan, a duty not notified, a plan not reviewed in time, "
           "a homeless applicant still on prevention, a priority-need applicant in relief with no interim "
           f"accommodation, a family in B&B past {_ui.in_words(law.bnb_family_limit_weeks)} weeks.")
SCREEN = "compliance_table"
everything = _ui.compliance_page(SCREEN, today, None, ())  # once a day, until a save
if not everything["total"]:
    st.success("No compliance problems on open homelessness cases.")
    st.stop()
counts = everything["counts"]
cols = st.columns(min(len(counts), 4))
for i, (problem, count) in enumerate(counts.items()):
    cols[i % len(cols)].metric(problem, int(count))
who = st.selectbox("Officer", [None, *everything["officers"]], key="compliance_officer",
                   format_func=lambda name: "Everyone" if name is None else name,
                   on_change=_ui.first_page, args=(SCREEN,))
kinds = st.multiselect("Problems", list(counts), key="compliance_kinds", on_change=_ui.first_page, args=(SCREEN,))
found = _ui.compliance_page(SCREEN, today, who, tuple(kinds))
shown = found["page"]
if found["total"] > _ui.ROWS_A_PAGE:  # a large team's problems, fifty at a time
    st.caption(f"Problems {found['offset'] + 1}–{found['offset'] + len(shown)} of {found['total']:,}.")
selection = st.dataframe(
    shown[["reference", "applicant", "officer", "stage", "problem", "detail", "citation"]], hide_index=True,
    key=SCREEN, on_select="rerun", selection_mode="single-row",
    column_config={"reference": "Case", "applicant": "Applicant", "officer": "Officer", "stage": "Stage",
                   "problem": "Problem", "detail": st.column_config.TextColumn("Detail", width="large"),
                   "citation": "Rests on"})
if selection and selection.selection.rows:
    _ui.open_case(shown.iloc[selection.selection.rows[0]]["reference"])
_ui.page_buttons(SCREEN, found["total"])
st.caption(f"{found['total']} problem(s) on {found['cases']} case(s). Choose a row to open the case.")
