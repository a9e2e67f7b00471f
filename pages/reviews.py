"""The reviews register for seniors and managers: the open s.202 reviews (late ones first, by the
day the decision is due and the reviewer), and how reviews have been decided over time."""

from datetime import date

import pandas as pd
import plotly.express as px
import streamlit as st

from logic import clock
from logic.casework import views
from logic.common import codes
from pages import _keys, _ui

_ui.require_page("reviews")
st.title("Reviews")
today = clock.today()
SCREEN = "reviews_open"

# --- open reviews ------------------------------------------------------------------------------
st.subheader("Open reviews")
st.caption("Every review asked for under section 202 of the Housing Act 1996 and not yet decided. The "
           "decision is due within the period of regulation 9(1) of the Homelessness (Review Procedure "
           "etc.) Regulations 2018, or a longer one the applicant agreed in writing. Late ones first.")
everything = _ui.cached_view(views.open_reviews)(today=today)  # once a day, until a save
if everything.empty:
    st.success("No review is open.")
else:
    late = everything[everything["days_left"] < 0]
    cols = st.columns(3)
    cols[0].metric("Open reviews", len(everything))
    cols[1].metric("Decision late", len(late))
    cols[2].metric("No reviewer assigned", int((everything["reviewer"] == views.NOT_ASSIGNED).sum()))
    who = st.selectbox("Reviewer", [None, *sorted(everything["reviewer"].unique())], key="reviews_reviewer",
                       format_func=lambda name: "Every reviewer" if name is None else name,
                       on_change=_ui.first_page, args=(SCREEN,))
    shown = everything if who is None else everything[everything["reviewer"] == who]
    offset = min(st.session_state.get(_keys.case_list_offset(SCREEN), 0),
                 (max(len(shown), 1) - 1) // _ui.ROWS_A_PAGE * _ui.ROWS_A_PAGE)
    st.session_state[_keys.case_list_offset(SCREEN)] = offset
    page = shown.iloc[offset:offset + _ui.ROWS_A_PAGE]
    if len(shown) > _ui.ROWS_A_PAGE:
        st.caption(f"Reviews {offset + 1}–{offset + len(page)} of {len(shown):,}.")
    table = page.assign(requested_on=page["requested_on"].map(_ui.format_date),
                        due_on=page["due_on"].map(_ui.format_date))
    selection = st.dataframe(
        table[["reference", "applicant", "decision", "ground", "requested_on", "reviewer", "due_on", "status",
               "citation"]],
        hide_index=True, key=SCREEN, on_select="rerun", selection_mode="single-row",
        column_config={"reference": "Case", "applicant": "Applicant", "decision": "Decision reviewed",
                       "ground": "About (s.202(1))", "requested_on": "Asked on", "reviewer": "Reviewer",
                       "due_on": "Decision due by", "status": "When",
                       "citation": st.column_config.TextColumn("Period rests on", width="medium")})
    if selection and selection.selection.rows:
        _ui.open_case(page.iloc[selection.selection.rows[0]]["reference"])
    _ui.page_buttons(SCREEN, len(shown))
    st.caption("Choose a row to open the case.")

# --- outcomes over time -----------------------------------------------------------------------------
st.subheader("Review outcomes over time")
filters = st.columns([1, 2])
period = filters[0].radio("By", list(views.PERIODS), key="reviews_period", horizontal=True,
                          format_func=views.PERIODS.get)
span = filters[1].date_input("Decided between", value=(date(today.year - 2, 1, 1), today), max_value=today,
                             key="reviews_span", format="DD/MM/YYYY")
if not isinstance(span, tuple | list) or len(span) != 2:
    st.info("Choose the first and the last day of the period.")
    st.stop()
outcomes = _ui.cached_view(views.review_outcomes)(start=span[0], end=span[1], period=period)
if outcomes.empty:
    st.info("No review was decided in this period.")
    st.stop()
types = list(dict.fromkeys(outcomes.sort_values("decided", ascending=False)["decision_type"]))
kind = st.selectbox("Decision reviewed", types, key="reviews_decision_type")
RATES = {f"{o}_rate": codes.PART7_REVIEW_OUTCOMES.label(o) for o in views.DECIDING_OUTCOMES}
chosen = outcomes[outcomes["decision_type"] == kind]
long = chosen.melt(id_vars=["period_label"], value_vars=list(RATES), var_name="outcome", value_name="share")
long["outcome"] = long["outcome"].map(RATES)
figure = px.bar(long, x="period_label", y="share", color="outcome", barmode="stack",
                labels={"period_label": views.PERIODS[period], "share": "Share of reviews decided (%)",
                        "outcome": "Outcome"})
WORDS = {"period_label": views.PERIODS[period], "decision_type": "Decision reviewed", "decided": "Decided",
         "upheld": "Upheld", "varied": "Varied", "overturned": "Overturned",
         "withdrawn": "Withdrawn by the applicant", "upheld_rate": "Upheld (%)", "varied_rate": "Varied (%)",
         "overturned_rate": "Overturned (%)"}
table: pd.DataFrame = outcomes[list(WORDS)].rename(columns=WORDS)
chart_tab, table_tab = st.tabs(["Chart", "Table"])
with chart_tab:
    st.plotly_chart(figure, key="reviews_outcomes_chart", width="stretch")
with table_tab:
    st.dataframe(table, key="reviews_outcomes_table", hide_index=True, width="stretch")
st.caption("Each review decided in the period, by the decision it reviewed (the letter that notified it). "
           "Shares are of the reviews decided (upheld, varied or overturned); a request the applicant "
           "withdrew is counted apart.")
st.download_button("Download CSV", table.to_csv(index=False).encode("utf-8"),
                   file_name=f"review_outcomes_{today.isoformat()}.csv", mime="text/csv", key="reviews_outcomes_csv")
