"""Dates due and overdue on homelessness cases: the officer's own first; seniors see the team."""

import streamlit as st

from logic import clock
from logic.cases import service as cases
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


def show(officer_id: int | None, key: str) -> None:
    counts, total, page, offset = _ui.dates_due_page(key, today, within, officer_id)
    if not total:
        st.success("Nothing due in this period.")
        return
    cols = st.columns(3)
    cols[0].metric("Overdue", int(counts.get("overdue", 0)))
    cols[1].metric("Due today", int(counts.get("due today", 0)))
    cols[2].metric("Due soon", int(counts.get("upcoming", 0) + counts.get("warning", 0)))
    if total > _ui.ROWS_A_PAGE:  # a team's thousands of dates, fifty at a time, most urgent first
        st.caption(f"Dates {offset + 1}–{offset + len(page)} of {total:,}.")
    shown = page.assign(status=page["status"].map(codes.DUE_STATUSES.label))
    selection = st.dataframe(shown[list(COLUMNS)], hide_index=True, column_config=COLUMNS, key=key,
                             on_select="rerun", selection_mode="single-row")
    if selection and selection.selection.rows:
        _ui.open_case(page.iloc[selection.selection.rows[0]]["reference"])
    _ui.page_buttons(key, total)
    st.caption("Choose a row to open the case.")


# the team's dates are worked out once a day (cached until a save); each table reads its page
if cases.may_oversee_team(officer):
    mine, team = st.tabs(["My cases", "Team"])
    with mine:
        show(officer.id, "deadlines_mine")
    with team:
        show(None, "deadlines_team")
else:
    show(officer.id, "deadlines_mine")
