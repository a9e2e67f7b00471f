"""The core tables: officers, households and people, contacts, cases, events, notes, audit.

Conventions (see ../shared/spec/stack-notes.md):
- integer keys come from one sequence a table, used as the server default, because DuckDB has
  neither SERIAL nor IDENTITY and the same DDL must run on PostgreSQL;
- timestamps are UTC-aware; dates of birth and duty dates are plain dates;
- codes (roles, channels, case types) are stored as their string values, checked by services;
- rows are never deleted: cases close, officers are deactivated, members leave, notes are
  corrected by a later note. Case events and the audit log are append-only.
- the schema is created and changed only by the Alembic migrations in logic/migrations.
- in a table that other tables reference (officer, household, cases) a column that is ever
  updated carries no index and no foreign key: DuckDB rewrites such an update as a delete and an
  insert, which its foreign-key check refuses. Services check those references themselves.
  `UPDATABLE_COLUMNS` lists them; a test holds the schema to it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, DateTime, Sequence, Text, event
from sqlmodel import Field, SQLModel

from logic import clock


def utc_now() -> datetime:
    """This moment, UTC-aware, from the one clock (so tests that set the clock stamp rows too)."""
    return clock.now()


def _id_field(sequence_name: str):
    sequence = Sequence(sequence_name)
    return Field(
        default=None,
        primary_key=True,
        sa_column_args=[sequence],
        sa_column_kwargs={"server_default": sequence.next_value()},
    )


def _timestamp(nullable: bool = False, default: bool = True):
    if default:
        return Field(default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=nullable)
    return Field(default=None, sa_type=DateTime(timezone=True), nullable=nullable)


# Columns that services update in place, per referenced table (see the module's docstring).
# A domain module that updates columns of its own referenced table adds it here.
UPDATABLE_COLUMNS: dict[str, set[str]] = {
    "officer": {"full_name", "email", "role", "team", "password_hash", "active", "hours_per_week",
                "competency_level", "competency_since", "version"},
    "household": {"address_line1", "address_line2", "town", "postcode", "phone", "email", "version"},
    "cases": {"status", "stage", "assigned_officer_id", "closed_at", "closed_reason", "version"},
    "homelessness_duty": {"notified_on", "notified_by_id", "ended_on", "end_reason", "ended_by_id",
                          "end_note", "end_notified_on", "end_notified_by_id", "main_activity",
                          "accommodation_secured"},
    "letting_advert": {"status", "closed_at", "shortlist_json", "let_case_id"},
}


class Role(StrEnum):
    trainee = "trainee"
    officer = "officer"
    senior = "senior"
    manager = "manager"
    admin = "admin"


class ContactChannel(StrEnum):
    phone = "phone"
    email = "email"
    letter = "letter"
    visit = "visit"
    webchat = "webchat"
    online = "online"  # the public front door's self-assessment or referral form (issue 18)


class CaseType(StrEnum):
    advice = "advice"
    homelessness = "homelessness"
    register = "register"


class CaseStatus(StrEnum):
    open = "open"
    closed = "closed"


class Officer(SQLModel, table=True):
    __tablename__ = "officer"

    id: int | None = _id_field("officer_id_seq")
    username: str = Field(index=True, unique=True, max_length=64)
    full_name: str = Field(max_length=120)
    email: str | None = Field(default=None, max_length=200)
    role: str = Field(max_length=16)
    team: str = Field(default="Housing options", max_length=80)
    password_hash: str | None = Field(default=None, max_length=255)
    active: bool = True
    hours_per_week: float = 37.0
    started_on: date | None = None
    competency_level: str | None = Field(default=None, max_length=32)
    competency_since: date | None = None
    created_at: datetime = _timestamp()
    version: int = 1


class Household(SQLModel, table=True):
    __tablename__ = "household"

    id: int | None = _id_field("household_id_seq")
    reference: str = Field(index=True, unique=True, max_length=20)
    address_line1: str | None = Field(default=None, max_length=200)
    address_line2: str | None = Field(default=None, max_length=200)
    town: str | None = Field(default=None, max_length=100)
    postcode: str | None = Field(default=None, max_length=10)
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=200)
    created_at: datetime = _timestamp()
    created_by_id: int | None = Field(default=None, foreign_key="officer.id")
    version: int = 1


class Person(SQLModel, table=True):
    __tablename__ = "person"

    id: int | None = _id_field("person_id_seq")
    household_id: int = Field(foreign_key="household.id", index=True)
    relation: str = Field(max_length=16)  # applicant, partner, child, parent, sibling, other
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    dob: date
    sex: str = Field(max_length=1)  # F, M, X as in the decision scenarios
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=200)
    pregnant: bool = False
    joined_on: date | None = None
    left_on: date | None = None  # a member who left stays on record


class Contact(SQLModel, table=True):
    __tablename__ = "contact"

    id: int | None = _id_field("contact_id_seq")
    household_id: int | None = Field(default=None, foreign_key="household.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    channel: str = Field(max_length=16)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    taken_by_id: int = Field(foreign_key="officer.id")
    occurred_at: datetime = _timestamp()
    referral_from: str | None = Field(default=None, max_length=200)  # s.213B duty to refer


class HousingCase(SQLModel, table=True):
    # `case` is an SQL keyword, and DuckDB does not quote it: the table is `cases`.
    __tablename__ = "cases"

    id: int | None = _id_field("cases_id_seq")
    reference: str = Field(index=True, unique=True, max_length=20)
    household_id: int = Field(foreign_key="household.id", index=True)
    case_type: str = Field(max_length=16)
    status: str = Field(default=CaseStatus.open.value, max_length=16)
    stage: str = Field(max_length=40)
    assigned_officer_id: int | None = None  # an officer's id; checked by the services (see above)
    opened_at: datetime = _timestamp()
    closed_at: datetime | None = _timestamp(nullable=True, default=False)
    closed_reason: str | None = Field(default=None, max_length=200)
    version: int = 1


class CaseEvent(SQLModel, table=True):
    """Append-only history of a case: who did what, when, and why."""

    __tablename__ = "case_event"

    id: int | None = _id_field("case_event_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    occurred_at: datetime = _timestamp()
    actor_id: int = Field(foreign_key="officer.id")
    kind: str = Field(max_length=40)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    reason: str | None = Field(default=None, sa_column=Column(Text))
    # JSON text {"field": [before, after]}; text keeps it portable between DuckDB and PostgreSQL
    changes: str | None = Field(default=None, sa_column=Column(Text))
    # the before values the workload history reads, typed (migration 0011): filled from
    # `changes` on insert (`previous_values`), never typed a second time
    previous_stage: str | None = Field(default=None, max_length=40)
    previous_officer_id: int | None = None

    @staticmethod
    def previous_values(changes: str | dict | None) -> tuple[str | None, int | None]:
        """The stage and the holder a change left (the *before* of `changes["stage"]` and of
        `changes["assigned_officer_id"]`), from an event's `changes` (JSON text or dict)."""
        if not changes:
            return None, None
        found = json.loads(changes) if isinstance(changes, str) else changes
        stage = found.get("stage")
        holder = found.get("assigned_officer_id")
        previous_stage = stage[0] if stage else None
        previous_officer = holder[0] if holder else None
        return (None if previous_stage is None else str(previous_stage),
                None if previous_officer is None else int(previous_officer))


@event.listens_for(CaseEvent, "before_insert")
def _fill_previous_values(_mapper, _connection, target: CaseEvent) -> None:
    """Every event written through the ORM (services, seeds) carries its typed before values."""
    if target.changes and target.previous_stage is None and target.previous_officer_id is None:
        target.previous_stage, target.previous_officer_id = CaseEvent.previous_values(target.changes)


class Note(SQLModel, table=True):
    __tablename__ = "note"

    id: int | None = _id_field("note_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    author_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()
    body: str = Field(sa_column=Column(Text, nullable=False))
    corrects_note_id: int | None = Field(default=None, foreign_key="note.id")


class AuditLog(SQLModel, table=True):
    """Who viewed or changed which record, and when (failed sign-ins included)."""

    __tablename__ = "audit_log"

    id: int | None = _id_field("audit_log_id_seq")
    occurred_at: datetime = _timestamp()
    actor_id: int | None = Field(default=None, foreign_key="officer.id", index=True)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    detail: str | None = Field(default=None, sa_column=Column(Text))


class LoginSession(SQLModel, table=True):
    """A signed-in officer's session; the browser holds a signed token naming it."""

    __tablename__ = "login_session"

    id: int | None = _id_field("login_session_id_seq")
    token_hash: str = Field(index=True, unique=True, max_length=64)
    officer_id: int = Field(foreign_key="officer.id", index=True)
    created_at: datetime = _timestamp()
    last_seen_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_type=DateTime(timezone=True))
    ended_at: datetime | None = _timestamp(nullable=True, default=False)
    end_reason: str | None = Field(default=None, max_length=32)
