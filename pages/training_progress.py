"""Training progress: scores by topic over time and topics still weak; team leads follow
their team's trainees."""

import pandas as pd
import plotly.express as px
import streamlit as st

from logic.training import service as training
from logic.training.library import TOPIC_LABELS
from pages import _training as tw
from pages import _ui

officer = _ui.require_page("training-progress")


def _label(attempt_id: int) -> str:
    row = progress.attempts.set_index("id").loc[attempt_id]
    return (f"{row['practice_case_id']} · {row['title']} · {_ui.format_moment(row['submitted_at'])}"
            f" · {row['score']:.0f}%")


st.title("Training progress")

people = _ui.run_service(lambda: training.practitioners_i_follow(viewer_id=officer.id)) or []
names = {pid: f"{name} ({_ui.role_label(role).lower()})" for pid, name, role in people}
if len(people) > 1:
    chosen = st.selectbox("Whose practice", list(names), key="progress_officer",
                          format_func=lambda pid: "Me" if pid == officer.id else names[pid])
else:
    chosen = officer.id
progress = _ui.run_service(lambda: training.progress_for(viewer_id=officer.id, officer_id=chosen,
                                                           opening=_ui.opening()))
if progress is None:
    st.stop()

std = progress.standard
ready = [r for r in progress.readiness.values() if r.ready]
a, b, c = st.columns(3)
a.metric("Practice attempts", len(progress.attempts))
a_mean = progress.attempts["score"].mean() if not progress.attempts.empty else None
b.metric("Average score", f"{a_mean:.0f}%" if a_mean is not None else "–")
c.metric("Topics learned", f"{len(ready)} of {len(progress.readiness)}")
st.caption(f"A topic is learned at {std.pass_mark}% or more over the latest "
           f"{std.recent_attempts} attempts that test it, after at least {std.min_attempts} "
           f"attempts ({std.name}).")

if progress.weak_topics:
    st.warning("Still weak: " + "; ".join(
        f"{r.label} ({r.score:.0f}% over {r.attempts} attempt{'s' if r.attempts != 1 else ''})"
        for r in progress.weak_topics), icon=":material/trending_down:")
if progress.unpractised_topics:
    st.info("Not practised yet: " + ", ".join(r.label for r in progress.unpractised_topics),
            icon=":material/school:")

table = pd.DataFrame([{
    "Topic": r.label, "Recent score %": r.score, "Attempts": r.attempts,
    "Learned": "yes" if r.ready else "not yet", "Last practised": r.last_attempt_at,
} for r in progress.readiness.values()])
st.dataframe(table, hide_index=True, key="progress_readiness",
             column_config={"Last practised": st.column_config.DatetimeColumn(format="D MMM YYYY")})

history = progress.topic_history
if not history.empty:
    chart = history.assign(Topic=history["topic"].map(TOPIC_LABELS))
    figure = px.line(chart, x="submitted_at", y="score", color="Topic", markers=True,
                     labels={"submitted_at": "Attempt submitted", "score": "Score %"},
                     title="Scores by topic over time")
    figure.add_hline(y=std.pass_mark, line_dash="dot", annotation_text="pass mark")
    figure.update_yaxes(range=[-5, 105])
    st.plotly_chart(figure, key="progress_chart")

    st.markdown("#### Attempts")
    shown = progress.attempts[["id", "practice_case_id", "title", "difficulty", "submitted_at",
                               "score"]]
    st.dataframe(shown, hide_index=True, key="progress_attempts", column_config={
        "id": st.column_config.NumberColumn("Attempt"),
        "practice_case_id": st.column_config.TextColumn("Case"),
        "title": st.column_config.TextColumn("Title"),
        "difficulty": st.column_config.NumberColumn("Difficulty"),
        "submitted_at": st.column_config.DatetimeColumn("Submitted", format="D MMM YYYY HH:mm"),
        "score": st.column_config.NumberColumn("Score %", format="%.0f"),
    })
    attempt_id = st.selectbox(
        "Review an attempt", list(shown["id"]), index=None, key="progress_review",
        placeholder="Choose an attempt to see how it was marked",
        format_func=lambda i: _label(i))
    if attempt_id is not None:
        result = _ui.run_service(lambda: training.attempt_result(
            viewer_id=officer.id, attempt_id=int(attempt_id), opening=_ui.opening()))
        if result is not None:
            st.subheader(f"{result.practice_case_id} · {result.title}")
            tw.render_marks(result, key="progress_result")
else:
    st.info("No practice attempts yet. Open Practice cases to start.")

if training.may_follow_team(officer):
    st.divider()
    st.markdown("#### Your team's practice")
    summary = _ui.run_service(lambda: training.team_summary(viewer_id=officer.id))
    if summary is not None:
        st.dataframe(summary.drop(columns=["officer_id"]), hide_index=True, key="progress_team",
                     column_config={
                         "officer": "Officer", "role": "Role", "attempts": "Attempts",
                         "last_attempt": st.column_config.DatetimeColumn(
                             "Last attempt", format="D MMM YYYY"),
                         "average_score": st.column_config.NumberColumn(
                             "Average score %", format="%.0f"),
                     })
