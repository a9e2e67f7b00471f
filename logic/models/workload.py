"""Workload tables: officers' absences and trainees' competency levels.

Neither table is referenced by another, so the columns a service updates (an absence's
cancellation) may sit next to indexed and foreign-key columns without tripping DuckDB's
update-of-a-referenced-row edge (see `logic.models.core`). Rows are never deleted: an absence
entered in error is cancelled with a reason; a competency level is superseded by a later row.
The officer's current level is also kept on `officer.competency_level`/`competency_since`
(existing, updatable columns); `competency_record` is its dated history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class OfficerAbsence(SQLModel, table=True):
    """A period an officer is away: leave, sickness or training (dates inclusive)."""

    __tablename__ = "officer_absence"

    id: int | None = _id_field("officer_absence_id_seq")
    officer_id: int = Field(foreign_key="officer.id", index=True)
    kind: str = Field(max_length=16)  # leave | sickness | training
    starts_on: date
    ends_on: date  # the last day away
    note: str | None = Field(default=None, max_length=200)
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()
    cancelled_at: datetime | None = _timestamp(nullable=True, default=False)
    cancelled_by_id: int | None = None  # an officer's id, checked by the service
    cancel_reason: str | None = Field(default=None, sa_column=Column(Text))


class CompetencyRecord(SQLModel, table=True):
    """A trainee's competency level from a date, as a manager recorded it (append-only)."""

    __tablename__ = "competency_record"

    id: int | None = _id_field("competency_record_id_seq")
    officer_id: int = Field(foreign_key="officer.id", index=True)
    level: str = Field(max_length=32)
    since: date
    reason: str = Field(sa_column=Column(Text, nullable=False))
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))
