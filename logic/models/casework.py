"""Homelessness casework (Part 7 Housing Act 1996): assessments, duties, the personalised
housing plan, temporary accommodation, belongings in storage and financial assistance.

Conventions are those of `logic.models.core`. In particular:
- an assessment is never overwritten: a reassessment is a new row, and the latest one (by
  date, then id) is the one that counts;
- plan steps are never edited: a change of status is a new `plan_step_status` row, so the
  plan keeps its whole history;
- `homelessness_duty` rows are the clock: `started_on`/`ended_on`/`end_reason` give every
  56-day end and every "how long has this been open". Warnings reference a duty, so the
  columns a service updates on it (`notified_on`, the ending) carry no index and no foreign
  key (DuckDB; listed in UPDATABLE_COLUMNS);
- money is whole pence, so sums are exact.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Double, Text
from sqlmodel import Field, SQLModel

from logic.models.core import _id_field, _timestamp


class HomelessnessAssessment(SQLModel, table=True):
    """The s.189A assessment: the officer's findings, the engine's, and why they differ."""

    __tablename__ = "homelessness_assessment"

    id: int | None = _id_field("homelessness_assessment_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    assessed_on: date
    assessed_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()
    circumstances: str = Field(sa_column=Column(Text, nullable=False))  # s.189A(1)(a)
    housing_needs: str = Field(sa_column=Column(Text, nullable=False))  # s.189A(1)(b)
    support_needs: str = Field(sa_column=Column(Text, nullable=False))  # s.189A(1)(c)
    facts_json: str = Field(sa_column=Column(Text, nullable=False))  # the engine's input
    determination_json: str = Field(sa_column=Column(Text, nullable=False))  # with its reasons
    # The officer's own decisions (these, not the engine's, drive the case)
    eligible: bool
    homelessness: str = Field(max_length=16)
    priority_need: bool
    intentionally_homeless: bool
    local_connection: bool
    duty: str = Field(max_length=24)
    engine_duty: str = Field(max_length=24)
    # {"field": {"engine": ..., "officer": ..., "reason": "..."}} for each decision that differs
    overrides_json: str | None = Field(default=None, sa_column=Column(Text))
    # H-CLIC categories recorded at the assessment (codes.ACCOMMODATION_TYPES, LOSS_REASONS,
    # EMPLOYMENT_STATUSES; SUPPORT_NEEDS as a JSON list of codes, each once). Empty on
    # assessments recorded before migration 0012: they stay readable.
    accommodation_at_application: str | None = Field(default=None, max_length=40)
    last_settled_accommodation: str | None = Field(default=None, max_length=40)
    reason_for_loss: str | None = Field(default=None, max_length=40)
    employment: str | None = Field(default=None, max_length=40)
    support_need_codes: str | None = Field(default=None, sa_column=Column(Text))


class HomelessnessDuty(SQLModel, table=True):
    """One duty owed, from its start to its end: prevention, relief, main, s.190(2)."""

    __tablename__ = "homelessness_duty"

    id: int | None = _id_field("homelessness_duty_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    duty: str = Field(max_length=24)
    started_on: date
    started_by_id: int = Field(foreign_key="officer.id")
    assessment_id: int | None = Field(default=None, foreign_key="homelessness_assessment.id")
    notified_on: date | None = None  # written notification of the duty (letters come later)
    notified_by_id: int | None = None  # an officer's id (updated column: no foreign key)
    ended_on: date | None = None
    end_reason: str | None = Field(default=None, max_length=32)
    ended_by_id: int | None = None  # an officer's id (updated column: no foreign key)
    end_note: str | None = Field(default=None, sa_column=Column(Text))
    # the ending given in writing with the review right (the duty_ended letter or the s.193B(2)
    # notice sets it when issued); updated columns: no index, no foreign key
    end_notified_on: date | None = None
    end_notified_by_id: int | None = None
    # H-CLIC: what the council mainly did (codes.MAIN_ACTIVITIES) and, when the duty ended
    # with accommodation secured, its kind (codes.ACCOMMODATION_SECURED); set when it ends
    main_activity: str | None = Field(default=None, max_length=40)
    accommodation_secured: str | None = Field(default=None, max_length=40)


class CooperationWarning(SQLModel, table=True):
    """The s.193B(4) warning that must come before a notice for refusing to co-operate."""

    __tablename__ = "cooperation_warning"

    id: int | None = _id_field("cooperation_warning_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    duty_id: int = Field(foreign_key="homelessness_duty.id")
    warned_on: date
    warned_by_id: int = Field(foreign_key="officer.id")
    steps_refused: str = Field(sa_column=Column(Text, nullable=False))
    written_at: datetime = _timestamp()


class PlanStep(SQLModel, table=True):
    """A reasonable step of the personalised housing plan (s.189A(4)-(6)). Never edited."""

    __tablename__ = "plan_step"

    id: int | None = _id_field("plan_step_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    owner: str = Field(max_length=16)  # applicant | council
    description: str = Field(sa_column=Column(Text, nullable=False))
    due_on: date | None = None
    created_on: date
    created_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class PlanStepStatus(SQLModel, table=True):
    """A step's status from a date on; the latest row is the step's status now."""

    __tablename__ = "plan_step_status"

    id: int | None = _id_field("plan_step_status_id_seq")
    step_id: int = Field(foreign_key="plan_step.id", index=True)
    status: str = Field(max_length=16)  # open | done | not_done
    changed_on: date
    changed_by_id: int = Field(foreign_key="officer.id")
    note: str | None = Field(default=None, sa_column=Column(Text))
    written_at: datetime = _timestamp()


class PlanReview(SQLModel, table=True):
    """A review of the plan (s.189A(9)): the date it was reviewed and what was found."""

    __tablename__ = "plan_review"

    id: int | None = _id_field("plan_review_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    reviewed_on: date
    reviewed_by_id: int = Field(foreign_key="officer.id")
    note: str = Field(sa_column=Column(Text, nullable=False))
    written_at: datetime = _timestamp()


class PlanAgreement(SQLModel, table=True):
    """Whether the applicant agreed the plan's steps (s.189A(4)-(5)) or, if not, why not
    (s.189A(6)(a)); the latest row is the plan's state now. Never edited."""

    __tablename__ = "plan_agreement"

    id: int | None = _id_field("plan_agreement_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    agreed: bool
    recorded_on: date
    reason: str | None = Field(default=None, sa_column=Column(Text))  # why not agreed
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class PlanCopyGiven(SQLModel, table=True):
    """A copy of the written plan given to the applicant (s.189A(8))."""

    __tablename__ = "plan_copy_given"

    id: int | None = _id_field("plan_copy_given_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    given_on: date
    given_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class Placement(SQLModel, table=True):
    """Temporary accommodation (s.188, s.190(2), s.193(2)); takes effect only once approved."""

    __tablename__ = "placement"

    id: int | None = _id_field("placement_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    placement_type: str = Field(max_length=32)
    address: str = Field(max_length=300)
    cost_per_night_pence: int
    starts_on: date
    planned_end_on: date | None = None
    request_reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_by_id: int = Field(foreign_key="officer.id")
    requested_at: datetime = _timestamp()
    status: str = Field(default="requested", max_length=16)  # requested|approved|refused|ended
    # the duty or power it is made under (codes.TA_LEGAL_BASES); None on rows from before 0009
    legal_basis: str | None = Field(default=None, max_length=24)
    decided_by_id: int | None = None
    decided_at: datetime | None = _timestamp(nullable=True, default=False)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text))
    ended_on: date | None = None
    end_reason: str | None = Field(default=None, sa_column=Column(Text))


class BelongingsStorage(SQLModel, table=True):
    """The applicant's belongings protected under s.211 (and s.212)."""

    __tablename__ = "belongings_storage"

    id: int | None = _id_field("belongings_storage_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    stored_on: date
    description: str = Field(sa_column=Column(Text, nullable=False))
    stored_with: str = Field(max_length=200)
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()
    released_on: date | None = None
    released_by_id: int | None = None


class FinancialAssistance(SQLModel, table=True):
    """A deposit or rent in advance to secure a private rented tenancy, with its
    affordability check; paid only once a senior officer approves it."""

    __tablename__ = "financial_assistance"

    id: int | None = _id_field("financial_assistance_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: str = Field(max_length=24)  # deposit | rent_in_advance
    amount_pence: int
    property_address: str = Field(max_length=300)
    monthly_rent_pence: int
    monthly_income_pence: int
    rent_share_percent: float = Field(sa_type=Double)  # double: DuckDB's FLOAT is 4 bytes
    affordability: str = Field(max_length=16)  # affordable | budget_check
    request_reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_by_id: int = Field(foreign_key="officer.id")
    requested_at: datetime = _timestamp()
    status: str = Field(default="requested", max_length=16)  # requested | approved | refused
    decided_by_id: int | None = None
    decided_at: datetime | None = _timestamp(nullable=True, default=False)
    decision_reason: str | None = Field(default=None, sa_column=Column(Text))


class AccommodationOffer(SQLModel, table=True):
    """An offer of accommodation under a duty (codes.OFFER_KINDS) with the council's assessment
    of its suitability (s.206; Suitability Order 1996 art.2 affordability, Suitability Order 2012
    art.2 location and art.3 private rented). Never edited: the answer is an `offer_answer` row,
    the written notice of the consequences an `offer_notice` row."""

    __tablename__ = "accommodation_offer"

    id: int | None = _id_field("accommodation_offer_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    duty_id: int = Field(foreign_key="homelessness_duty.id")
    kind: str = Field(max_length=32)
    address: str = Field(max_length=300)
    offered_on: date
    respond_by: date | None = None
    suitable: bool
    suitability_reasons: str = Field(sa_column=Column(Text, nullable=False))
    location_reasons: str | None = Field(default=None, sa_column=Column(Text))  # 2012 Order art.2
    monthly_rent_pence: int | None = None
    monthly_income_pence: int | None = None
    rent_share_percent: float | None = Field(default=None, sa_type=Double)
    affordability: str | None = Field(default=None, max_length=16)
    offered_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class OfferAnswer(SQLModel, table=True):
    """The applicant's answer to an offer (codes.OFFER_ANSWERS); the latest row counts."""

    __tablename__ = "offer_answer"

    id: int | None = _id_field("offer_answer_id_seq")
    offer_id: int = Field(foreign_key="accommodation_offer.id", index=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    answer: str = Field(max_length=24)
    answered_on: date
    reasons: str | None = Field(default=None, sa_column=Column(Text))  # the applicant's, when refused
    review_requested_on: date | None = None  # s.202(1)(f), (1A): accepted and asked for a review
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class OfferNotice(SQLModel, table=True):
    """The applicant told in writing of the consequences of refusing (or accepting) an offer and of
    the right to a review of its suitability: written when the final-offer letter is issued."""

    __tablename__ = "offer_notice"

    id: int | None = _id_field("offer_notice_id_seq")
    offer_id: int = Field(foreign_key="accommodation_offer.id", index=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    letter_id: int = Field(foreign_key="issued_letter.id")
    notified_on: date
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


# --- s.202 reviews and s.204 appeals (issue 15) -------------------------------------------------
# Every row below is written once: a review moves on by a later row (a reviewer assigned, a
# minded-to notice, representations, an extension, the decision, an appeal and its outcome), so
# nothing is silently overwritten. The one update is the notification: issuing the minded-to or
# decision letter records the letter and its date on that row (audited with the value replaced;
# logic.casework.letter_sources). DuckDB refuses that update on a row another row references:
# the minded-to letter is offered only until representations (which reference the notice) come.


class Part7Review(SQLModel, table=True):
    """A request for a review under s.202 of a decision on the case. The decision is named by the
    issued letter that notified it; only a decision with no letter on file gives its own date and
    words (`decision_on`, `decision_summary`)."""

    __tablename__ = "part7_review"

    id: int | None = _id_field("part7_review_id_seq")
    case_id: int = Field(foreign_key="cases.id", index=True)
    letter_id: int | None = Field(default=None, foreign_key="issued_letter.id")
    decision_type: str | None = Field(default=None, max_length=40)  # the letter's type
    decision_on: date | None = None  # only for a decision with no letter on file
    decision_summary: str | None = Field(default=None, sa_column=Column(Text))
    ground: str = Field(max_length=16)  # codes.S202_GROUNDS
    requested_on: date
    notified_on: date  # the day the applicant was notified of the decision (the letter's)
    request_deadline: date  # s.202(3): 21 days beginning with the day of notification
    in_time: bool
    late_accepted: bool | None = None  # a late request: the council's decision (s.202(3))
    late_reason: str | None = Field(default=None, sa_column=Column(Text))
    requested_by_id: int = Field(foreign_key="officer.id")  # the officer recording the request
    written_at: datetime = _timestamp()


class Part7ReviewReviewer(SQLModel, table=True):
    """The reviewer assigned to a review; a later row reassigns it (the latest one counts)."""

    __tablename__ = "part7_review_reviewer"

    id: int | None = _id_field("part7_review_reviewer_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    reviewer_id: int = Field(foreign_key="officer.id")
    assigned_on: date
    assigned_by_id: int = Field(foreign_key="officer.id")
    note: str | None = Field(default=None, sa_column=Column(Text))
    written_at: datetime = _timestamp()


class Part7ReviewMindedTo(SQLModel, table=True):
    """The reviewer's notice that, despite a deficiency or irregularity in the original decision,
    they are minded to decide against the applicant, and the time given for representations."""

    __tablename__ = "part7_review_minded_to"

    id: int | None = _id_field("part7_review_minded_to_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    notified_on: date
    points: str = Field(sa_column=Column(Text, nullable=False))  # the reasons the reviewer is so minded
    representations_by: date
    letter_id: int | None = Field(default=None, foreign_key="issued_letter.id")
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class Part7ReviewRepresentations(SQLModel, table=True):
    """Representations received for a review (orally, in writing or both), or none by a date."""

    __tablename__ = "part7_review_representations"

    id: int | None = _id_field("part7_review_representations_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    minded_to_id: int | None = Field(default=None, foreign_key="part7_review_minded_to.id")
    received_on: date  # or, for `none`, the date by which none had come
    kind: str = Field(max_length=16)  # codes.REPRESENTATION_KINDS
    summary: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class Part7ReviewExtension(SQLModel, table=True):
    """A longer period for the review decision, agreed in writing with the applicant."""

    __tablename__ = "part7_review_extension"

    id: int | None = _id_field("part7_review_extension_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    agreed_on: date
    decide_by: date
    note: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class Part7ReviewDecision(SQLModel, table=True):
    """The decision on a review (or the applicant's withdrawal of the request); one per review."""

    __tablename__ = "part7_review_decision"

    id: int | None = _id_field("part7_review_decision_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    outcome: str = Field(max_length=16)  # codes.PART7_REVIEW_OUTCOMES
    reasons: str = Field(sa_column=Column(Text, nullable=False))
    decided_on: date
    notified_on: date  # the day the applicant is told: the s.204 appeal period runs from it
    decided_by_id: int = Field(foreign_key="officer.id")
    duty_id: int | None = Field(default=None, foreign_key="homelessness_duty.id")  # a duty reopened
    letter_id: int | None = Field(default=None, foreign_key="issued_letter.id")
    written_at: datetime = _timestamp()


class Part7Appeal(SQLModel, table=True):
    """An appeal to the county court on a point of law against a review decision (s.204)."""

    __tablename__ = "part7_appeal"

    id: int | None = _id_field("part7_appeal_id_seq")
    review_id: int = Field(foreign_key="part7_review.id", index=True)
    lodged_on: date
    appeal_deadline: date  # s.204(2): 21 days beginning with the day of notification
    in_time: bool
    late_permission: bool | None = None  # a late appeal: the court's permission (s.204(2A))
    permission_note: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()


class Part7AppealOutcome(SQLModel, table=True):
    """What the court decided on an appeal (s.204(3)), or its withdrawal; one per appeal."""

    __tablename__ = "part7_appeal_outcome"

    id: int | None = _id_field("part7_appeal_outcome_id_seq")
    appeal_id: int = Field(foreign_key="part7_appeal.id", index=True)
    outcome: str = Field(max_length=16)  # codes.APPEAL_OUTCOMES
    decided_on: date
    note: str | None = Field(default=None, sa_column=Column(Text))
    recorded_by_id: int = Field(foreign_key="officer.id")
    written_at: datetime = _timestamp()
