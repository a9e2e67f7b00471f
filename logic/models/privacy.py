"""Data protection: holds that keep a record past its retention period, the tombstones of
records removed, and rectification and erasure requests with their decisions (issue 17).

None of these tables has a foreign key to the records it names (a case, a household): the
record goes when its period ends or an erasure is agreed, and what is written here stays as the
evidence of what was held, why and what was done.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class RetentionHold(SQLModel, table=True):
    """A legal hold or a complaint that keeps a case until its end date, recorded by a manager."""

    __tablename__ = "retention_hold"

    id: int | None = _id_field("retention_hold_id_seq")
    case_id: int = Field(index=True)  # the case held (no foreign key: see the module docstring)
    kind: str = Field(max_length=16)  # codes.RECORDED_HOLDS
    reason: str = Field(sa_column=Column(Text, nullable=False))
    ends_on: date  # the hold holds up to and including this day
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()


class RetentionTombstone(SQLModel, table=True):
    """What is left of a record removed under the retention schedule or an agreed erasure."""

    __tablename__ = "retention_tombstone"

    id: int | None = _id_field("retention_tombstone_id_seq")
    rule: str = Field(max_length=32)  # codes.RETENTION_RULES
    rule_ref: str = Field(sa_column=Column(Text, nullable=False))  # the schedule's reference
    reference: str = Field(max_length=60)  # a case's reference, or what a bulk removal covered
    record_id: int | None = None  # the case's id (no foreign key): lets an unfinished removal resume
    case_type: str | None = Field(default=None, max_length=16)
    opened_on: date | None = None
    closed_on: date | None = None
    rows_removed: str = Field(sa_column=Column(Text, nullable=False))  # JSON {table: count}
    data_request_id: int | None = None  # the erasure request carried out, if any
    removed_by_id: int | None = Field(default=None, foreign_key="officer.id")
    removed_at: datetime = _timestamp()
    finished_at: datetime | None = _timestamp(nullable=True, default=False)


class DataRequest(SQLModel, table=True):
    """A request to correct (art.16) or erase (art.17) personal data, and its decision."""

    __tablename__ = "data_request"

    id: int | None = _id_field("data_request_id_seq")
    kind: str = Field(max_length=16)  # codes.DATA_REQUEST_KINDS
    requested_by: str = Field(max_length=200)  # who asked (the person, or who for them)
    household_id: int = Field(index=True)  # whose data (no foreign key: see the module docstring)
    case_id: int | None = None  # the case the request is about, if one
    case_reference: str | None = Field(default=None, max_length=20)
    person: str | None = Field(default=None, max_length=200)  # which member, in words
    what: str = Field(sa_column=Column(Text, nullable=False))  # what they ask to be corrected or erased
    received_on: date
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()
    decision: str | None = Field(default=None, max_length=16)  # codes.DATA_REQUEST_DECISIONS
    refusal_ground: str | None = Field(default=None, max_length=32)  # codes.DATA_REQUEST_REFUSAL_GROUNDS
    decision_reason: str | None = Field(default=None, sa_column=Column(Text))
    decided_by_id: int | None = Field(default=None, foreign_key="officer.id")
    decided_on: date | None = None
