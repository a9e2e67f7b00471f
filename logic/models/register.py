"""The housing register (Part 6 Housing Act 1996) and choice-based lettings.

A register case is a row of `cases` with case_type "register" and stages
application -> assessment -> active (or lapsed). Around it:

- `register_application`: the application's details (one a case, kept current; each change is
  a case event with the before and after values). Nothing references it, so it may be updated.
- `register_household_needs`: append-only; a carer who stays overnight and each member's babies
  expected and need of a room of their own (the latest row is current).
- `register_evidence`: what was received, when, and who checked it.
- `register_assessment`: append-only. Each assessment keeps the facts given to the engine, the
  engine's determination with its reasons, the financial assessment, and the officer's decision
  (confirmed or overridden, with the reason). The latest row is the case's current assessment.
  Housekeeping, renewals and reviews add rows; none is ever changed.
- `register_review`: a s.166A(9)(c) review of an assessment, and its outcome.
- `register_renewal`: each annual renewal (or lapse) of an application.
- `letting_advert` (referenced by bids and nominations: its updated columns carry no index and
  no foreign key, see logic.models.core), `letting_bid`, `letting_nomination`.

Conventions are those of logic.models.core (sequence keys, UTC timestamps, codes as strings).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from logic.common import codes
from logic.models.core import _id_field, _timestamp

TENURES = codes.TENURES.codes()
ACCESSIBILITY_NEEDS = codes.ACCESSIBILITY_NEEDS.codes()
ADVERT_ACCESSIBILITY = codes.ADVERT_ACCESSIBILITY.codes()
PROPERTY_TYPES = codes.PROPERTY_TYPES.codes()
LANDLORD_KINDS = codes.LANDLORD_KINDS.codes()


class RegisterApplication(SQLModel, table=True):
    __tablename__ = "register_application"

    id: int | None = _id_field("register_application_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True, unique=True)
    application_date: date
    registered_on: date | None = None  # first placed on the register (renewals run from here)
    # eligibility (s.160ZA)
    immigration_status: str = Field(default="british_irish", max_length=40)
    habitually_resident: bool = True
    # current home
    tenure: str = Field(max_length=32)
    has_accommodation: bool = True
    reasonable_to_occupy: bool = True
    current_bedrooms: int | None = None
    unsatisfactory_conditions: bool = False
    conditions_detail: str | None = Field(default=None, sa_column=Column(Text))
    # needs
    medical_welfare_need: bool = False
    medical_welfare_detail: str | None = Field(default=None, sa_column=Column(Text))
    hardship_locality_need: bool = False
    accessibility_need: str = Field(default="none", max_length=16)
    # local connection
    months_resident_last_12: int = 0
    years_resident_last_5: int = 0
    employed_in_district: bool = False
    close_family_5_years: bool = False
    # money and conduct (s.160ZA(7) qualification)
    household_income: float | None = None  # gross a year, pounds
    household_savings: float | None = None
    housing_costs_monthly: float | None = None  # rent or mortgage, pounds a month
    rent_arrears: float = 0
    arrears_plan_kept: bool = False
    unacceptable_behaviour: bool = False
    owns_home: bool = False
    armed_forces: bool = False
    moving_for_work: bool = False
    updated_at: datetime = _timestamp()
    updated_by_id: int = Field(foreign_key="officer.id")


class RegisterHouseholdNeeds(SQLModel, table=True):
    """Append-only: the household needs that change the bedroom need, as the officer recorded
    them on the application (migration 0010); the latest row of a case is current."""

    __tablename__ = "register_household_needs"

    id: int | None = _id_field("register_household_needs_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    overnight_carer: bool  # a carer who lives elsewhere stays overnight (HB Regs 2006 reg 13D)
    # each member's babies expected and need of a room of their own, JSON by person id
    member_needs: str = Field(sa_column=Column(Text, nullable=False))
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()


class RegisterEvidence(SQLModel, table=True):
    __tablename__ = "register_evidence"

    id: int | None = _id_field("register_evidence_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    what: str = Field(max_length=200)
    received_on: date
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()
    checked_by_id: int | None = Field(default=None, foreign_key="officer.id")
    checked_on: date | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))


class RegisterAssessment(SQLModel, table=True):
    """Append-only: the engine's determination and the officer's decision on it."""

    __tablename__ = "register_assessment"

    id: int | None = _id_field("register_assessment_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=16)  # assessment, review, renewal, housekeeping
    assessed_on: date
    decided_by_id: int = Field(foreign_key="officer.id")
    decided_at: datetime = _timestamp()
    facts_json: str = Field(sa_column=Column(Text, nullable=False))
    household_json: str = Field(sa_column=Column(Text, nullable=False))  # members by person id
    determination_json: str = Field(sa_column=Column(Text, nullable=False))
    financial_json: str = Field(sa_column=Column(Text, nullable=False))
    engine_qualifies: bool
    engine_band: str | None = Field(default=None, max_length=8)
    engine_bedroom_need: int
    decision: str = Field(max_length=16)  # confirmed, overridden, recalculated
    override_reason: str | None = Field(default=None, sa_column=Column(Text))
    qualifies: bool
    band: str | None = Field(default=None, max_length=8)
    band_effective_date: date | None = None
    band_date_reason: str | None = Field(default=None, sa_column=Column(Text))
    bedroom_need: int
    reasonable_preference: str = Field(default="", max_length=200)  # codes, comma-separated
    policy: str = Field(max_length=200)


class RegisterReview(SQLModel, table=True):
    """A request for a review of a register decision (s.166A(9)(c)) and its outcome."""

    __tablename__ = "register_review"

    id: int | None = _id_field("register_review_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    assessment_id: int = Field(foreign_key="register_assessment.id")
    requested_on: date
    grounds: str = Field(sa_column=Column(Text, nullable=False))
    in_time: bool
    late_reason: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by_id: int = Field(foreign_key="officer.id")
    outcome: str | None = Field(default=None, max_length=16)  # upheld, varied
    decided_on: date | None = None
    reviewer_id: int | None = Field(default=None, foreign_key="officer.id")
    outcome_reason: str | None = Field(default=None, sa_column=Column(Text))
    new_assessment_id: int | None = Field(default=None, foreign_key="register_assessment.id")


class RegisterRenewal(SQLModel, table=True):
    """Append-only: one row each time an application is renewed or lapses."""

    __tablename__ = "register_renewal"

    id: int | None = _id_field("register_renewal_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    due_on: date
    outcome: str = Field(max_length=24)  # renewed, renewed_with_changes, lapsed
    renewed_on: date
    recorded_by_id: int = Field(foreign_key="officer.id")
    recorded_at: datetime = _timestamp()
    note: str | None = Field(default=None, sa_column=Column(Text))


class LettingAdvert(SQLModel, table=True):
    """A home advertised for bids. Bids and nominations reference it, so the columns updated
    when it closes or is let (status, shortlist_json, closed_at, let_case_id) carry no index
    and no foreign key; the lettings service checks let_case_id itself."""

    __tablename__ = "letting_advert"

    id: int | None = _id_field("letting_advert_id_seq")
    reference: str = Field(index=True, unique=True, max_length=20)
    address: str = Field(max_length=200)
    bedrooms: int
    property_type: str = Field(max_length=16)
    accessibility: str = Field(max_length=16)
    landlord: str = Field(max_length=120)
    landlord_kind: str = Field(max_length=24)
    weekly_rent: float
    opens_on: date
    closes_on: date
    created_by_id: int = Field(foreign_key="officer.id")
    created_at: datetime = _timestamp()
    status: str = Field(default="open", max_length=16)  # open, closed, let, withdrawn
    closed_at: datetime | None = _timestamp(nullable=True, default=False)
    shortlist_json: str | None = Field(default=None, sa_column=Column(Text))
    let_case_id: int | None = None


class LettingBid(SQLModel, table=True):
    __tablename__ = "letting_bid"

    id: int | None = _id_field("letting_bid_id_seq")
    advert_id: int = Field(foreign_key="letting_advert.id", index=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    placed_at: datetime = _timestamp()
    placed_by_id: int = Field(foreign_key="officer.id")
    status: str = Field(default="active", max_length=16)  # active, withdrawn
    withdrawn_reason: str | None = Field(default=None, max_length=200)


class LettingNomination(SQLModel, table=True):
    """A nomination to a housing association (or a direct offer of a council home)."""

    __tablename__ = "letting_nomination"

    id: int | None = _id_field("letting_nomination_id_seq")
    advert_id: int = Field(foreign_key="letting_advert.id", index=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    landlord: str = Field(max_length=120)
    shortlist_position: int
    bypass_reason: str | None = Field(default=None, sa_column=Column(Text))
    nominated_on: date
    nominated_by_id: int = Field(foreign_key="officer.id")
    outcome: str = Field(default="pending", max_length=24)  # pending, accepted, refused_by_applicant, refused_by_landlord
    outcome_on: date | None = None
    outcome_reason: str | None = Field(default=None, sa_column=Column(Text))
