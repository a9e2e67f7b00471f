"""Dates due and overdue on homelessness cases: the officer's own first; seniors see the team."""

import streamlit as st

from logic import clock
from logic.cases import service as cases
from logic.casework import views as views_casework
from logic.common import codes
from logic.law import policy_as_at
from pages import _ui

officer = _ui.require_page("deadlines")
st.title("Dates due")
today = clock.today()
law = policy_as_at(today)
st.caption(f"{law.relief_days}-day ends, s.184 decisions, notifications, review windows, plan steps "
           f"and reviews, and the B&B {_ui.in_words(law.bnb_family_limit_weeks)}-week limit, "
           "computed from each case's duties, plan and placements.")
within = st.slider("Show what falls due within (days)", 0, law.relief_days, 14,
                   key="deadlines_within")
COLUMNS = {
    "reference": st.column_config.TextColumn("Case"),
    "applicant": st.column_config.TextColumn("Applicant"),
    "officer": st.column_config.TextColumn("Officer"),
    "what": st.column_config.TextColumn("What", width="large"),
    "due_on": st.column_config.DateColumn("Due", format="D MMM YYYY"),
    "days_left": st.column_config.NumberColumn("Days left"),
    "status": st.column_config.TextColumn("Status"),
    "citation": st.column_config.TextColumn("Rests on"),
}


def show(frame, key: str) -> None:
    if frame.empty:
        st.success("Nothing due in this period.")
        return
    counts = frame["status"].value_counts()
    cols = st.columns(3)
    cols[0].metric("Overdue", int(counts.get("overdue", 0)))
    cols[1].metric("Due today", int(counts.get("due today", 0)))
    cols[2].metric("Due soon", int(counts.get("upcoming", 0) + counts.get("warning", 0)))
    page = _ui.paged_rows(key, frame, "Dates")  # a team's thousands of dates, fifty at a time
    shown = page.assign(status=page["status"].map(codes.DUE_STATUSES.label))
    selection = st.dataframe(shown[list(COLUMNS)], hide_index=True, column_config=COLUMNS, key=key,
                             on_select="rerun", selection_mode="single-row")
    if selection and selection.selection.rows:
        _ui.open_case(page.iloc[selection.selection.rows[0]]["reference"])
    _ui.page_buttons(key, len(frame))
    st.caption("Choose a row to open the case.")


# the team's dates are worked out once a day (cached until a save) and narrowed here
dates = _ui.team_dates_due(today)
if cases.may_oversee_team(officer):
    mine, team = st.tabs(["My cases", "Team"])
    with mine:
        show(views_casework.falling_due_within(dates, within, officer.id), "deadlines_mine")
    with team:
        show(views_casework.falling_due_within(dates, within), "deadlines_team")
else:
    show(views_casework.falling_due_within(dates, within, officer.id), "deadlines_mine")
