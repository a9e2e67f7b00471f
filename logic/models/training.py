"""Practice attempts: a trainee's determinations on a practice case and how the law marked them.

Practice never touches the real records: a practice case lives in ``data/training`` (never in
``cases`` or ``household``), and an attempt refers only to the officer who made it and the
practice case's id (a string such as ``TR07``). Caseloads, reports and returns read ``cases``,
so practice cannot appear in them. An attempt is written once, when it is submitted, and
never updated (append-only, like the audit log).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class PracticeAttempt(SQLModel, table=True):
    __tablename__ = "practice_attempt"

    id: int | None = _id_field("practice_attempt_id_seq")
    officer_id: int = Field(foreign_key="officer.id", index=True)
    practice_case_id: str = Field(max_length=20)  # a data/training case id, not a cases row
    difficulty: int
    started_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True),
                                        nullable=True)
    submitted_at: datetime = _timestamp()
    # JSON text (portable between DuckDB and PostgreSQL): the interview questions asked, in
    # order (indices into the case's interview), the answers given, and the marks.
    questions_asked: str = Field(sa_column=Column(Text, nullable=False))
    answers: str = Field(sa_column=Column(Text, nullable=False))
    marks: str = Field(sa_column=Column(Text, nullable=False))
    score: float  # percentage of the marks, 0..100
