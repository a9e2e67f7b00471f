"""The manager's workload dashboard: is the work fairly spread, and where is it at risk?"""

from datetime import timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from logic import clock
from logic.law import policy_as_at
from logic.workload import views as views_workload
from logic.workload.policy import workload_policy_as_at
from pages import _ui

officer = _ui.require_page("workload")
st.title("Workload dashboard")
today = clock.today()
policy = workload_policy_as_at(today)


def _csv(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8")


csv_of = _ui.cached_view(_csv)  # a table's CSV, kept while the table is the same


def chart_block(key: str, figure: go.Figure, table: pd.DataFrame, caption: str) -> None:
    """A chart with its table view and a CSV download of the same figures."""
    chart_tab, table_tab = st.tabs(["Chart", "Table"])
    with chart_tab:
        st.plotly_chart(figure, key=f"{key}_chart", width="stretch")
    with table_tab:
        st.dataframe(table, key=f"{key}_table", hide_index=True, width="stretch")
    st.caption(caption)
    st.download_button("Download CSV", csv_of(table),
                       file_name=f"{key}_{today.isoformat()}.csv", mime="text/csv",
                       key=f"{key}_csv")


# every figure is read once a rerun and kept between reruns (keyed by the day and the
# filters; any write through run_service forgets it)
teams_of = _ui.cached_view(views_workload.teams)
officers_of = _ui.cached_view(views_workload.officers)
figures_of = _ui.cached_view(views_workload.dashboard)

filters = st.columns([2, 3, 2])
team_choice = filters[0].multiselect("Team", teams_of(), key="workload_teams",
                                     placeholder="All teams")
staff = officers_of(tuple(team_choice) or None)
names = dict(zip(staff["officer_id"], staff["officer"], strict=True))
officer_choice = filters[1].multiselect("Officers", list(names), key="workload_officers",
                                        format_func=lambda i: names.get(i, str(i)),
                                        placeholder="All officers")
period = filters[2].date_input("Period", value=(today - timedelta(weeks=12), today),
                               max_value=today, key="workload_period", format="DD/MM/YYYY")
if not isinstance(period, tuple | list) or len(period) != 2:
    st.info("Choose the first and the last day of the period.")
    st.stop()
start, end = period
teams_filter = tuple(team_choice) or None
officers_filter = tuple(int(i) for i in officer_choice) or None
figures = figures_of(today, start, end, teams_filter, officers_filter)

# --- load against capacity ----------------------------------------------------------------
st.subheader("Caseload against capacity")
detail = figures.load_detail
summary = figures.load
measure = st.radio("Show", ["Weighted load", "Open cases"], horizontal=True, key="workload_measure")
value = "points" if measure == "Weighted load" else "open_cases"
stacked = detail.dropna(subset=["stage"]).copy()
stacked["stage_label"] = [_ui.case_stage(t, s) for t, s in zip(stacked["case_type"], stacked["stage"], strict=True)]
figure = px.bar(stacked, x="officer", y=value, color="stage_label", barmode="stack",
                labels={"officer": "Officer", value: measure, "stage_label": "Stage"})
if value == "points":
    figure.add_trace(go.Scatter(x=summary["officer"], y=summary["capacity"], mode="markers",
                                name="Capacity", marker={"symbol": "line-ew", "size": 30, "color": "#222",
                                                         "line": {"width": 4, "color": "#222"}}))
over = summary[summary["share_of_capacity"] > 1]
table = summary[["officer", "team", "role", "hours_per_week", "fte", "capacity", "open_cases",
                 "weighted_load", "load_per_fte", "share_of_capacity"]]
chart_block("load", figure, table,
            f"Each open case counts by its stage and complexity ({policy.name}, in force from "
            f"{policy.effective_from:%d %b %Y}); capacity is {policy.points_per_fte.value:g} points "
            f"per FTE, FTE = hours / {policy.standard_week.value:g}."
            + (f" Over capacity: {', '.join(over['officer'])}." if not over.empty else ""))

# --- fairness over time ----------------------------------------------------------------------
st.subheader("Fairness over time")
spread = figures.fairness
figure = go.Figure()
figure.add_trace(go.Scatter(x=spread["day"], y=spread["coefficient_of_variation"], mode="lines+markers",
                            name="Coefficient of variation"))
figure.add_trace(go.Scatter(x=spread["day"], y=spread["max_over_mean"], mode="lines+markers",
                            name="Heaviest load / mean", yaxis="y2"))
figure.add_hline(y=policy.alert_cv.value, line_dash="dot", annotation_text="review above this")
figure.update_layout(yaxis={"title": "Coefficient of variation"},
                     yaxis2={"title": "Heaviest / mean", "overlaying": "y", "side": "right"})
chart_block("fairness", figure, spread,
            "The spread of weighted load per FTE across officers holding cases, at the end of each "
            "week, rebuilt from case events (openings, reassignments, stage changes, closures). "
            "Coefficient of variation = standard deviation / mean: 0 is perfectly even. Past weeks "
            f"use stage weights and current hours. {policy.cite(policy.alert_cv)}.")

# --- deadlines -------------------------------------------------------------------------------
st.subheader("Deadlines due this week and overdue")
by_officer = figures.deadlines_by_officer
long = by_officer.melt(id_vars=["officer_id", "officer"], value_vars=["overdue", "due this week"],
                       var_name="status", value_name="cases")
figure = px.bar(long, x="officer", y="cases", color="status", barmode="stack",
                color_discrete_map={"overdue": "#c0392b", "due this week": "#e67e22"},
                labels={"officer": "Officer", "cases": "Deadlines", "status": ""})
chart_block("deadlines", figure, figures.deadlines,
            f"Relief duty ends {policy_as_at(today).relief_days} days from the day the case moved "
            "into relief (Housing Act 1996 s.189B(4)); the s.184 decision target is the council's "
            "service standard from the day the case was opened. The week runs to Sunday.")

# --- flows -------------------------------------------------------------------------------------
st.subheader("New approaches, preventions and reliefs by week")
flows = figures.flows
figure = px.bar(flows, x="week", y="cases", color="measure", barmode="group",
                labels={"week": "Week beginning", "cases": "Cases", "measure": ""})
chart_block("flows", figure, flows,
            "Approaches are advice and homelessness cases opened; preventions and reliefs are cases "
            "moved into the prevention (s.195) or relief (s.189B) duty. Officer and team filters "
            "use the case's current officer.")

# --- time to decision ----------------------------------------------------------------------
st.subheader("Time from first contact to decision")
decisions = figures.decisions
figure = px.box(decisions, x="week", y="days", points="all",
                labels={"week": "Week of decision", "days": "Days from first contact"})
median = decisions["days"].median() if not decisions.empty else None
chart_block("decisions", figure, decisions[["reference", "officer", "first_contact_at",
                                            "decided_at", "decision", "days"]],
            "Days from the first contact on a homelessness case to its first decision out of "
            "assessment (a prevention or relief duty, s.195 / s.189B)."
            + (f" Median over the period: {median:.1f} days." if median is not None else ""))
