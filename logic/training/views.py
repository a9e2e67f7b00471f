"""Read-only queries for the training screens: SQL in, DataFrame out. No writes here.

Only ``practice_attempt`` and ``officer`` are read: practice never touches ``cases``, and the
caseload and report queries in ``logic.cases.views`` never read ``practice_attempt``.
"""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy import text

from logic.common import codes
from logic.db import engine_for

PRACTISING_ROLES = codes.CASEWORK_ROLES


def _frame(sql: str, **params) -> pd.DataFrame:
    with engine_for().connect() as connection:
        return pd.read_sql_query(text(sql), connection, params=params)


def attempts_of(officer_id: int) -> pd.DataFrame:
    """An officer's practice attempts, newest first, with the marks as JSON text."""
    return _frame(
        """SELECT id, practice_case_id, difficulty, started_at, submitted_at, score,
                  questions_asked, marks
           FROM practice_attempt WHERE officer_id = :officer_id
           ORDER BY submitted_at DESC, id DESC""",
        officer_id=officer_id,
    )


def topic_scores_over_time(officer_id: int) -> pd.DataFrame:
    """One row an attempt and topic (attempt_id, submitted_at, practice_case_id, topic, score),
    oldest first: what the progress chart plots."""
    attempts = attempts_of(officer_id)
    rows = []
    for row in attempts.itertuples(index=False):
        for topic, score in json.loads(row.marks)["topic_scores"].items():
            rows.append({"attempt_id": row.id, "submitted_at": row.submitted_at,
                         "practice_case_id": row.practice_case_id, "topic": topic,
                         "score": float(score)})
    frame = pd.DataFrame(rows, columns=["attempt_id", "submitted_at", "practice_case_id",
                                        "topic", "score"])
    return frame.sort_values(["submitted_at", "attempt_id"]).reset_index(drop=True)


def team_practice_summary(team: str, roles: tuple[str, ...] = PRACTISING_ROLES) -> pd.DataFrame:
    """Practice per active officer of a team: attempts, last attempt, average score."""
    names = ", ".join(f":r{i}" for i in range(len(roles)))
    return _frame(
        f"""SELECT o.id AS officer_id, o.full_name AS officer, o.role,
                   COUNT(a.id) AS attempts, MAX(a.submitted_at) AS last_attempt,
                   AVG(a.score) AS average_score
            FROM officer o LEFT JOIN practice_attempt a ON a.officer_id = o.id
            WHERE o.active AND o.team = :team AND o.role IN ({names})
            GROUP BY o.id, o.full_name, o.role
            ORDER BY CASE WHEN o.role = 'trainee' THEN 0 ELSE 1 END, o.full_name""",
        team=team, **{f"r{i}": r for i, r in enumerate(roles)},
    )
