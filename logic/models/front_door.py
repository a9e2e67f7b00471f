"""The front door: triage records, signposting given, safeguarding flags, s.213B referrals.

Conventions are core.py's. Every table here is append-only except `safeguarding_flag`, which is
ended (never deleted) with who and why; because `safeguarding_referral` references it, the
columns that ending updates carry no index and no foreign key (`ended_by_id` is checked by
logic.front_door.safeguarding) and are listed in UPDATABLE_COLUMNS.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, DateTime, Text
from sqlmodel import Field, SQLModel

from logic.models.core import UPDATABLE_COLUMNS, _id_field, _timestamp

UPDATABLE_COLUMNS["safeguarding_flag"] = {"ended_at", "ended_by_id", "end_reason", "version"}


class FlagKind(StrEnum):
    adult_at_risk = "adult_at_risk"
    child_at_risk = "child_at_risk"
    domestic_abuse_risk = "domestic_abuse_risk"
    other = "other"


class ReferringBody(StrEnum):
    """The public authorities under the s.213B duty to refer (Homelessness (Review Procedure
    etc.) Regulations 2018 reg 10), plus a code for a body referring voluntarily."""

    prison = "prison"
    young_offender_institution = "young_offender_institution"
    secure_training_centre = "secure_training_centre"
    youth_offending_team = "youth_offending_team"
    probation = "probation"
    jobcentre = "jobcentre"
    childrens_services = "childrens_services"
    adult_social_care = "adult_social_care"
    emergency_department = "emergency_department"
    urgent_treatment_centre = "urgent_treatment_centre"
    hospital_inpatient = "hospital_inpatient"
    armed_forces = "armed_forces"
    other_public_body = "other_public_body"


class TriageRecord(SQLModel, table=True):
    """One triage: the answers, the facts built from them, the engine's answer, the route the
    engine recommended and the one the officer chose (with their reason where they differ)."""

    __tablename__ = "triage_record"

    id: int | None = _id_field("triage_record_id_seq")
    household_id: int = Field(foreign_key="household.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()
    answers: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the questionnaire
    facts: str = Field(sa_column=Column(Text, nullable=False))  # JSON: engine scenario facts
    determination: str = Field(sa_column=Column(Text, nullable=False))  # JSON: engine answer
    recommended_route: str = Field(max_length=16)
    recommendation: str = Field(sa_column=Column(Text, nullable=False))  # JSON: reasons, actions
    chosen_route: str = Field(max_length=16)
    override_reason: str | None = Field(default=None, sa_column=Column(Text))
    # H-CLIC: who referred the household (codes.REFERRAL_SOURCES; a s.213B referral's body)
    referral_source: str | None = Field(default=None, max_length=40)


class SignpostingGiven(SQLModel, table=True):
    """A service from the directory given to a household on a contact (name kept as given)."""

    __tablename__ = "signposting_given"

    id: int | None = _id_field("signposting_given_id_seq")
    contact_id: int = Field(foreign_key="contact.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    service_id: str = Field(max_length=60)
    service_name: str = Field(max_length=200)
    category: str = Field(max_length=40)
    contact_details: str | None = Field(default=None, max_length=300)
    given_by_id: int = Field(foreign_key="officer.id")
    given_at: datetime = _timestamp()


class SafeguardingFlag(SQLModel, table=True):
    __tablename__ = "safeguarding_flag"

    id: int | None = _id_field("safeguarding_flag_id_seq")
    household_id: int = Field(foreign_key="household.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    kind: str = Field(max_length=32)
    details: str = Field(sa_column=Column(Text, nullable=False))
    raised_by_id: int = Field(foreign_key="officer.id")
    raised_at: datetime = _timestamp()
    # ended, never deleted; no FK on ended_by_id (see the module docstring)
    ended_at: datetime | None = _timestamp(nullable=True, default=False)
    ended_by_id: int | None = None
    end_reason: str | None = Field(default=None, sa_column=Column(Text))
    version: int = 1


class SafeguardingReferral(SQLModel, table=True):
    """A referral made about a flagged concern: to whom, when, and their reference."""

    __tablename__ = "safeguarding_referral"

    id: int | None = _id_field("safeguarding_referral_id_seq")
    flag_id: int = Field(foreign_key="safeguarding_flag.id", index=True)
    referred_to: str = Field(max_length=200)
    referred_at: datetime = Field(sa_type=DateTime(timezone=True))  # when the referral was made
    reference: str | None = Field(default=None, max_length=60)
    made_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()


class ReferralReceived(SQLModel, table=True):
    """A referral under the s.213B duty to refer, received as a contact from a public body."""

    __tablename__ = "referral_received"

    id: int | None = _id_field("referral_received_id_seq")
    contact_id: int = Field(foreign_key="contact.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    body_type: str = Field(max_length=32)
    body_name: str = Field(max_length=200)
    referrer_name: str | None = Field(default=None, max_length=120)
    referrer_contact: str | None = Field(default=None, max_length=200)
    consent_given: bool
    received_at: datetime = _timestamp()
    recorded_by_id: int = Field(foreign_key="officer.id")
