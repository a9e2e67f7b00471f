"""H-CLIC: the case's stored check results and each quarter's export (migration 0013).

Conventions are those of `logic.models.core`. `hclic_problem` rows are what the checks of
`logic.statistics.rules` found at the case's last save; they are replaced whole on every save
(no table references them), so they are never edited.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class HclicProblem(SQLModel, table=True):
    """One problem the case's H-CLIC checks found: in words, with where to fix it."""

    __tablename__ = "hclic_problem"

    id: int | None = _id_field("hclic_problem_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    rule: str = Field(max_length=40)  # e.g. "rule 3" or "complete: main"
    section: str = Field(max_length=24)  # the return's section (codes.HCLIC_SECTIONS)
    message: str = Field(sa_column=Column(Text, nullable=False))
    fix_where: str = Field(max_length=200)
    checked_at: datetime = _timestamp()


class HclicExport(SQLModel, table=True):
    """A quarter's return exported: who, when, what it held, and why it went with problems."""

    __tablename__ = "hclic_export"

    id: int | None = _id_field("hclic_export_id_seq")
    quarter: str = Field(max_length=7)  # 2026-Q3
    exported_by_id: int | None = Field(default=None, foreign_key="officer.id")  # none: the command
    exported_at: datetime = _timestamp()
    cases: int
    people: int
    problems: int
    reason: str | None = Field(default=None, sa_column=Column(Text))  # the manager's, if problems
    manifest_sha256: str = Field(max_length=64)
