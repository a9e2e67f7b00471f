"""The housing register (Part 6 Housing Act 1996): applications, evidence, assessments with the
officer's decision, reviews (s.166A(9)(c)), renewals and lapses.

A register case is a `cases` row with case_type "register"; its stages are
    application -> assessment (details recorded, awaiting or after a decision)
                -> active (on the register with a band) -> lapsed (closed, not renewed).
The law is the decision engine's (`logic.law.determine`); the scheme's register choices are
`logic.register.rules` over `data/policy/register.toml`. Every change records a case event and
an audit row in its own transaction, and claims the case version the officer saw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from logic import clock
from logic.cases.service import open_case
from logic.casework.service import OwedDuty, duties_owed_to_household
from logic.common import codes
from logic.common.errors import FieldError, NotFound, PermissionDenied, StaleRecord
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event, record_view
from logic.db import session_scope
from logic.law import Determination, determine, policy_as_at
from logic.law.core import Reason
from logic.models import (
    CaseStatus,
    CaseType,
    Household,
    HousingCase,
    Officer,
    Person,
    Role,
    utc_now,
)
from logic.models.register import (
    ACCESSIBILITY_NEEDS,
    TENURES,
    RegisterApplication,
    RegisterAssessment,
    RegisterEvidence,
    RegisterHouseholdNeeds,
    RegisterRenewal,
    RegisterReview,
)
from logic.register.policy import register_policy_as_at
from logic.register.rules import (
    FinancialAssessment,
    MemberSnapshot,
    RenewalPosition,
    band_order,
    facts_from_application,
    financial_assessment,
    member_needs_from,
    member_needs_json,
    override_band_date,
    renewal_position,
    review_request_timing,
    settle_band_date,
    snapshot_json,
)

# The form's labels, so a refused answer is named as the officer saw it:
# pages/_register.py, pages/register_application.py, pages/register_renewals.py.
FIELD_LABELS: dict[str, str] = {
    "application_date": "Application date",
    "tenure": "Tenure",
    "immigration_status": "Immigration status",
    "accessibility_need": "Access need",
    "current_bedrooms": "Bedrooms in current home",
    "has_accommodation": "Has accommodation",
    "months_resident_last_12": "Months lived here, last 12",
    "years_resident_last_5": "Years lived here, last 5",
    "household_income": "Gross household income, £ a year",
    "household_savings": "Savings, £",
    "housing_costs_monthly": "Rent or mortgage, £ a month",
    "rent_arrears": "Housing debt, £",
    "conditions_detail": "What is wrong with the home",
    "medical_welfare_detail": "The medical or welfare need",
    "case": "Application",
    "household_id": "Household",
    "details": "Application details",
    "what": "Evidence received",
    "received_on": "Received",
    "evidence": "Evidence",
    "checked_on": "Checked on",
    "application": "Application",
    "decision": "Decision",
    "assessed_on": "Assess as at",
    "override_band": "Band (override)",
    "override_bedroom_need": "Bedroom need (override)",
    "override_reason": "Reason for the override (recorded on the case)",
    "grounds": "What the applicant says is wrong",
    "requested_on": "Review requested on",
    "late_reason": "If late: why the council accepts it",
    "outcome": "Outcome",
    "reason": "Grounds for the review decision (sent to the applicant)",
    "decided_on": "Review decided on",
    "review": "Review",
    "new_band": "New band (if varied)",
    "new_bedroom_need": "New bedroom need (if varied)",
    "renewed_on": "Renewed on",
    "note": "What the applicant confirmed or told us",
    "overnight_carer": "A carer who lives elsewhere stays overnight",
    "member_needs": "Household members' needs",
    "member_needs.expected_babies": "Babies expected",
    "member_needs.needs_own_room": "Cannot share a bedroom because of a disability",
}

REGISTER_ROLES = frozenset({Role.officer.value, Role.senior.value, Role.manager.value})
LEAD_ROLES = frozenset({Role.senior.value, Role.manager.value})
STAGES = codes.REGISTER_STAGES.codes()
IMMIGRATION_STATUSES = codes.IMMIGRATION_STATUSES.codes()
MONEY_LIMIT = 10_000_000  # a typo guard, not policy: nobody's income is ten million a year


# --- inputs ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplicationDetails:
    """What the applicant tells the council, as the officer records it."""

    application_date: date
    tenure: str
    immigration_status: str = "british_irish"
    habitually_resident: bool = True
    has_accommodation: bool = True
    reasonable_to_occupy: bool = True
    current_bedrooms: int | None = None
    unsatisfactory_conditions: bool = False
    conditions_detail: str | None = None
    medical_welfare_need: bool = False
    medical_welfare_detail: str | None = None
    hardship_locality_need: bool = False
    accessibility_need: str = "none"
    months_resident_last_12: int = 0
    years_resident_last_5: int = 0
    employed_in_district: bool = False
    close_family_5_years: bool = False
    household_income: float | None = None
    household_savings: float | None = None
    housing_costs_monthly: float | None = None
    rent_arrears: float = 0
    arrears_plan_kept: bool = False
    unacceptable_behaviour: bool = False
    owns_home: bool = False
    armed_forces: bool = False
    moving_for_work: bool = False
    # needs that change the bedroom need: a carer who stays overnight (HB Regs 2006 reg 13D), and
    # for each member (by person id) babies expected and a room of their own; `member_needs` is
    # given as {person id: {"expected_babies": n, "needs_own_room": bool}} and kept as JSON
    overnight_carer: bool = False
    member_needs: dict[int, dict[str, Any]] | str = "{}"


NEED_FIELDS = ("overnight_carer", "member_needs")  # kept in register_household_needs
DETAIL_FIELDS = tuple(f.name for f in fields(ApplicationDetails) if f.name not in NEED_FIELDS)


@dataclass(frozen=True)
class HouseholdNeeds:
    """The household needs the application records that change the bedroom need."""

    overnight_carer: bool = False
    member_needs: dict[int, dict[str, Any]] = field(default_factory=dict)


def _needs(session: Session, case_id: int) -> HouseholdNeeds:
    row = session.exec(select(RegisterHouseholdNeeds).where(RegisterHouseholdNeeds.case_id == case_id)
                       .order_by(RegisterHouseholdNeeds.id.desc())).first()
    if row is None:
        return HouseholdNeeds()
    return HouseholdNeeds(row.overnight_carer, member_needs_from(row.member_needs))


def _clean(details: ApplicationDetails, today: date) -> ApplicationDetails:
    """Check every field, naming the first that is wrong; tidy free text."""
    if details.application_date > today:
        raise FieldError("application_date", "cannot be in the future", FIELD_LABELS)
    if details.application_date.year < 2000:
        raise FieldError("application_date", "is before 2000; check the year", FIELD_LABELS)
    if details.tenure not in TENURES:
        raise FieldError("tenure", f"choose one of {', '.join(TENURES)}", FIELD_LABELS)
    if details.immigration_status not in IMMIGRATION_STATUSES:
        raise FieldError("immigration_status", f"choose one of {', '.join(IMMIGRATION_STATUSES)}",
                         FIELD_LABELS)
    if details.accessibility_need not in ACCESSIBILITY_NEEDS:
        raise FieldError("accessibility_need", f"choose one of {', '.join(ACCESSIBILITY_NEEDS)}",
                         FIELD_LABELS)
    if details.current_bedrooms is not None and not 0 <= details.current_bedrooms <= 15:
        raise FieldError("current_bedrooms", "must be a number of bedrooms from 0 to 15",
                         FIELD_LABELS)
    if details.tenure == "no_fixed_abode" and details.has_accommodation:
        raise FieldError("has_accommodation", "a household of no fixed abode has no accommodation",
                         FIELD_LABELS)
    if not details.has_accommodation and details.current_bedrooms:
        raise FieldError("current_bedrooms", "leave empty when the household has no accommodation",
                         FIELD_LABELS)
    if not 0 <= details.months_resident_last_12 <= 12:
        raise FieldError("months_resident_last_12", "must be from 0 to 12", FIELD_LABELS)
    if not 0 <= details.years_resident_last_5 <= 5:
        raise FieldError("years_resident_last_5", "must be from 0 to 5", FIELD_LABELS)
    for name in ("household_income", "household_savings", "housing_costs_monthly", "rent_arrears"):
        value = getattr(details, name)
        if value is None:
            continue
        if value != value or value < 0:
            raise FieldError(name, "must be an amount in pounds, not negative", FIELD_LABELS)
        if value > MONEY_LIMIT:
            raise FieldError(name, f"£{value:,.0f} looks wrong; check the amount", FIELD_LABELS)
    if details.unsatisfactory_conditions and not (details.conditions_detail or "").strip():
        raise FieldError("conditions_detail", "say what is wrong with the home", FIELD_LABELS)
    if details.medical_welfare_need and not (details.medical_welfare_detail or "").strip():
        raise FieldError("medical_welfare_detail", "say what the medical or welfare need is",
                         FIELD_LABELS)
    needs = (member_needs_from(details.member_needs) if isinstance(details.member_needs, str)
             else details.member_needs)
    for need in needs.values():
        babies = need.get("expected_babies", 1)
        if babies is not None and (type(babies) is not int or not 1 <= babies <= 9):
            raise FieldError("member_needs.expected_babies", "must be a number from 1 to 9", FIELD_LABELS)
    return replace(
        details,
        member_needs=member_needs_json(needs),
        conditions_detail=(details.conditions_detail or "").strip() or None,
        medical_welfare_detail=(details.medical_welfare_detail or "").strip() or None,
    )


# --- results ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class AssessmentView:
    id: int
    kind: str
    assessed_on: date
    decided_by: str
    decided_at: datetime
    decision: str
    override_reason: str | None
    qualifies: bool
    band: str | None
    band_effective_date: date | None
    band_date_reason: str | None
    bedroom_need: int
    reasonable_preference: tuple[str, ...]
    engine_qualifies: bool
    engine_band: str | None
    engine_bedroom_need: int
    determination: dict[str, Any]
    financial: dict[str, Any]
    policy: str


@dataclass(frozen=True)
class EvidenceView:
    id: int
    what: str
    received_on: date
    recorded_by: str
    checked_by: str | None
    checked_on: date | None
    note: str | None


@dataclass(frozen=True)
class ReviewView:
    id: int
    assessment_id: int
    requested_on: date
    grounds: str
    in_time: bool
    late_reason: str | None
    outcome: str | None
    decided_on: date | None
    reviewer: str | None
    outcome_reason: str | None


@dataclass(frozen=True)
class RenewalView:
    due_on: date
    outcome: str
    renewed_on: date
    recorded_by: str
    note: str | None


@dataclass(frozen=True)
class RegisterRecord:
    case_id: int
    reference: str
    version: int
    status: str
    stage: str
    household_id: int
    applicant: str
    members: tuple[MemberSnapshot, ...]
    application: RegisterApplication | None
    evidence: tuple[EvidenceView, ...]
    assessments: tuple[AssessmentView, ...]  # newest first
    reviews: tuple[ReviewView, ...]
    renewals: tuple[RenewalView, ...]
    renewal: RenewalPosition | None
    needs: HouseholdNeeds = HouseholdNeeds()

    @property
    def current(self) -> AssessmentView | None:
        return self.assessments[0] if self.assessments else None


@dataclass(frozen=True)
class AssessmentPreview:
    """The engine's answer on the recorded facts, before the officer decides."""

    assessed_on: date
    facts: dict[str, Any]
    determination: Determination
    financial: FinancialAssessment
    band_effective_date: date | None
    band_date_reason: Reason | None
    bands: tuple[str, ...]


# --- helpers ---------------------------------------------------------------------------------

def _actor(session: Session, actor_id: int, roles: frozenset[str] = REGISTER_ROLES) -> Officer:
    officer = session.get(Officer, actor_id)
    if officer is None or not officer.active:
        raise PermissionDenied("Your account is not active.")
    if officer.role not in roles:
        raise PermissionDenied("Housing register work is for officers, senior officers and managers.")
    return officer


def may_decide_review(officer: Actor, *, on: date) -> Permission:
    """Who decides a s.166A(9)(c) review is the council's scheme (register.toml
    reviews.reviewer_roles as at `on`); the service also refuses the officer who made the
    decision under review."""
    rules = register_policy_as_at(on)
    who = " or ".join(rules.reviewer_roles)
    if officer.role not in rules.reviewer_roles:
        return refused(f"Reviews are decided by a {who} ({rules.ref('reviews.reviewer_roles')}).")
    return allowed(f"A {who} decides reviews ({rules.ref('reviews.reviewer_roles')}), unless "
                   "they made the decision under review.")


def may_lapse_applications(officer: Actor) -> Permission:
    """Lapsing applications past their grace period ends people's registration: a team lead's act."""
    if officer.role not in LEAD_ROLES:
        return refused("Only a senior officer or a manager lapses applications past their grace "
                       "period.")
    return allowed("A senior officer or a manager lapses applications past their grace period.")


def _register_case(session: Session, case_id: int) -> HousingCase:
    case = session.get(HousingCase, case_id)
    if case is None:
        raise NotFound(f"Case {case_id} does not exist.")
    if case.case_type != CaseType.register.value:
        raise FieldError("case", f"{case.reference} is not a housing register case", FIELD_LABELS)
    return case


def _application(session: Session, case_id: int) -> RegisterApplication | None:
    return session.exec(
        select(RegisterApplication).where(RegisterApplication.case_id == case_id)).first()


def _members(session: Session, household_id: int) -> list[MemberSnapshot]:
    people = session.exec(
        select(Person).where(Person.household_id == household_id).order_by(Person.id)).all()
    return [MemberSnapshot(p.id, p.relation, p.given_name, p.dob, p.sex, p.pregnant, p.left_on)
            for p in people]


def current_assessment(session: Session, case_id: int) -> RegisterAssessment | None:
    return session.exec(
        select(RegisterAssessment).where(RegisterAssessment.case_id == case_id)
        .order_by(RegisterAssessment.id.desc())).first()


def owed_duty(session: Session, household_id: int, on: date) -> OwedDuty | None:
    """The Part 7 duty the household's casework records as owed on `on` (the strongest, if its
    cases record more than one), read from casework's duty rows."""
    # the duties the engine names (codes.ENGINE_DUTIES); the s.193C(4) duty after a s.193B notice
    # is not one of them, and such a household is homeless (s.166A(3)(a)) on the application
    owed = [o for o in duties_owed_to_household(session, household_id, on)
            if o.duty in codes.ENGINE_TO_CASEWORK_DUTY.values()]
    return owed[0] if owed else None


def _run_engine(session: Session, case: HousingCase, application: RegisterApplication,
                members: list[MemberSnapshot], on: date
                ) -> tuple[dict[str, Any], Determination, FinancialAssessment]:
    policy = policy_as_at(on)
    rules = register_policy_as_at(on)
    duty = owed_duty(session, case.household_id, on)
    needs = _needs(session, case.id)
    facts = facts_from_application(application, members, on, policy,
                                   codes.engine_duty(duty.duty) if duty else None,
                                   overnight_carer=needs.overnight_carer, member_needs=needs.member_needs)
    try:
        determination = determine(facts)
    except FieldError as error:
        # the facts come from the record, so a refusal means the record needs correcting
        raise FieldError(error.field.replace("facts.", ""), error.problem, FIELD_LABELS) from error
    money = financial_assessment(
        income=application.household_income, savings=application.household_savings,
        arrears=application.rent_arrears, arrears_plan_kept=application.arrears_plan_kept,
        housing_costs_monthly=application.housing_costs_monthly, policy=policy, rules=rules)
    return facts, determination, money


def record_assessment(
    session: Session, *, case: HousingCase, application: RegisterApplication,
    members: list[MemberSnapshot], actor_id: int, on: date, kind: str, decision: str,
    override_band: str | None = None, override_bedroom_need: int | None = None,
    override_reason: str | None = None,
) -> RegisterAssessment:
    """Run the engine on the record and append an assessment with the officer's decision
    (inside the caller's transaction). `override_band` "none" records that the household does
    not qualify; a band date carries over from the previous assessment as register.toml says."""
    policy = policy_as_at(on)
    rules = register_policy_as_at(on)
    facts, d, money = _run_engine(session, case, application, members, on)
    previous = current_assessment(session, case.id)
    qualifies, band, band_date = d.qualifies, d.band, d.band_effective_date
    bedroom_need = d.bedroom_need
    date_reason: Reason | None = None
    if decision == "overridden":
        if override_band is not None:
            if override_band == "none":
                qualifies, band, band_date = False, None, None
            else:
                qualifies, band = True, override_band
                if band != d.band:
                    band_date, date_reason = override_band_date(
                        band, policy=policy, application_date=application.application_date,
                        assessed_on=on)
        if override_bedroom_need is not None:
            bedroom_need = override_bedroom_need
    if band is not None and band_date is not None:
        band_date, date_reason = settle_band_date(
            previous_band=previous.band if previous else None,
            previous_date=previous.band_effective_date if previous else None,
            new_band=band, new_date=band_date, policy=policy, rules=rules)
    row = RegisterAssessment(
        case_id=case.id, kind=kind, assessed_on=on, decided_by_id=actor_id,
        facts_json=json.dumps(facts), household_json=snapshot_json(members),
        determination_json=json.dumps(d.to_json_dict()), financial_json=json.dumps(money.to_json()),
        engine_qualifies=d.qualifies, engine_band=d.band, engine_bedroom_need=d.bedroom_need,
        decision=decision, override_reason=override_reason, qualifies=qualifies, band=band,
        band_effective_date=band_date, band_date_reason=date_reason.text if date_reason else None,
        bedroom_need=bedroom_need, reasonable_preference=",".join(d.reasonable_preference),
        policy=d.policy[:200],
    )
    session.add(row)
    session.flush()
    return row


def _band_words(qualifies: bool, band: str | None, band_date: date | None, need: int) -> str:
    if not qualifies:
        return "does not qualify for the register"
    return (f"band {band} from {band_date.strftime('%d %b %Y') if band_date else '?'}, "
            f"{need} bedroom(s)")


# --- applications ----------------------------------------------------------------------------

def open_register_application(
    *, actor_id: int, household_id: int, details: ApplicationDetails, today: date | None = None,
    assigned_officer_id: int | None = None,
) -> int:
    """Open a register case for a household with its application details; returns the case id.
    A household has one open register application at a time."""
    today = today or clock.today()
    details = _clean(details, today)
    with session_scope() as session:
        _actor(session, actor_id)
        if session.get(Household, household_id) is None:
            raise NotFound(f"Household {household_id} does not exist.")
        already = session.exec(select(HousingCase.reference).where(
            HousingCase.household_id == household_id, HousingCase.case_type == "register",
            HousingCase.status == CaseStatus.open.value)).first()
        if already:
            raise FieldError("household_id",
                               f"the household already has an open register application, {already}",
                               FIELD_LABELS)
        case = open_case(session, actor_id=actor_id, household_id=household_id,
                         case_type="register", reason="Housing register application",
                         assigned_officer_id=assigned_officer_id or actor_id)
        _write_application(session, case=case, actor_id=actor_id, details=details,
                           expected_version=case.version)
        return case.id


def save_application(*, case_id: int, expected_version: int, actor_id: int,
                     details: ApplicationDetails, today: date | None = None) -> None:
    """Record or correct an application's details; the event lists what changed. A case at the
    application stage moves to assessment once its details are recorded."""
    today = today or clock.today()
    details = _clean(details, today)
    with session_scope() as session:
        _actor(session, actor_id)
        case = _register_case(session, case_id)
        if case.status != CaseStatus.open.value:
            raise FieldError("case", "the application is closed; open a new one", FIELD_LABELS)
        _write_application(session, case=case, actor_id=actor_id, details=details,
                           expected_version=expected_version)


def _write_application(session: Session, *, case: HousingCase, actor_id: int,
                       details: ApplicationDetails, expected_version: int) -> None:
    existing = _application(session, case.id)
    values = {name: getattr(details, name) for name in DETAIL_FIELDS}
    was_needs = _needs(session, case.id)
    needs = {"overnight_carer": details.overnight_carer, "member_needs": details.member_needs}
    needs_changed = {name: (old, new) for name, old, new in (
        ("overnight_carer", was_needs.overnight_carer, details.overnight_carer),
        ("member_needs", member_needs_json(was_needs.member_needs), details.member_needs)) if old != new}
    if needs_changed:
        session.add(RegisterHouseholdNeeds(case_id=case.id, recorded_by_id=actor_id, **needs))
    if existing is None:
        changes = needs_changed or None
        session.add(RegisterApplication(case_id=case.id, updated_by_id=actor_id, **values))
        summary = "Register application details recorded"
    else:
        changes = {name: (getattr(existing, name), value) for name, value in values.items()
                   if getattr(existing, name) != value}
        changes.update(needs_changed)
        if not changes:
            raise FieldError("details", "nothing has changed", FIELD_LABELS)
        for name, value in values.items():
            setattr(existing, name, value)
        existing.updated_by_id = actor_id
        existing.updated_at = utc_now()
        session.add(existing)
        summary = "Register application details changed: " + "; ".join(
            FIELD_LABELS.get(name, name.replace("_", " ")) for name in changes)
    stage = {"stage": "assessment"} if case.stage == "application" else {}
    claim_case_version(session, case_id=case.id, expected_version=expected_version, values=stage)
    record_case_event(session, case_id=case.id, actor_id=actor_id, kind="register_application",
                      summary=summary, changes=changes)
    if stage:
        record_case_event(session, case_id=case.id, actor_id=actor_id, kind="stage_changed",
                          summary=(f"Stage changed from {codes.stage_label('register', 'application')} "
                                   f"to {codes.stage_label('register', 'assessment')}"),
                          reason="Application details recorded; ready for assessment",
                          changes={"stage": ("application", "assessment")})
    record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case.id,
                 detail="register application saved")


def add_evidence(*, case_id: int, actor_id: int, what: str, received_on: date,
                 checked: bool = False, note: str | None = None, today: date | None = None) -> int:
    """Record a document received (proof of income, residence, a medical letter...). With
    `checked`, the recording officer is also the one who checked it, today."""
    today = today or clock.today()
    what = what.strip()
    if not what:
        raise FieldError("what", "say what was received", FIELD_LABELS)
    if len(what) > 200:
        raise FieldError("what", "keep it under 200 characters; put detail in the note",
                         FIELD_LABELS)
    if received_on > today:
        raise FieldError("received_on", "cannot be in the future", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        case = _register_case(session, case_id)
        evidence = RegisterEvidence(
            case_id=case.id, what=what, received_on=received_on, recorded_by_id=actor_id,
            checked_by_id=actor_id if checked else None, checked_on=today if checked else None,
            note=(note or "").strip() or None)
        session.add(evidence)
        session.flush()
        record_case_event(session, case_id=case.id, actor_id=actor_id, kind="register_evidence",
                          summary=f"Evidence received: {what} ({received_on.isoformat()})"
                          + (", checked" if checked else ""))
        record_audit(session, actor_id=actor_id, action="create", entity="register_evidence",
                     entity_id=evidence.id)
        return evidence.id


def check_evidence(*, evidence_id: int, actor_id: int, checked_on: date | None = None) -> None:
    checked_on = checked_on or clock.today()
    with session_scope() as session:
        officer = _actor(session, actor_id)
        evidence = session.get(RegisterEvidence, evidence_id)
        if evidence is None:
            raise NotFound(f"Evidence {evidence_id} does not exist.")
        if evidence.checked_by_id is not None:
            raise FieldError("evidence", "this evidence has already been checked", FIELD_LABELS)
        if checked_on < evidence.received_on:
            raise FieldError("checked_on", "cannot be before the evidence was received",
                             FIELD_LABELS)
        evidence.checked_by_id, evidence.checked_on = actor_id, checked_on
        session.add(evidence)
        record_case_event(session, case_id=evidence.case_id, actor_id=actor_id,
                          kind="register_evidence",
                          summary=f"Evidence checked by {officer.full_name}: {evidence.what}")
        record_audit(session, actor_id=actor_id, action="update", entity="register_evidence",
                     entity_id=evidence_id, detail="checked")


# --- assessment ------------------------------------------------------------------------------

def preview_assessment(*, case_id: int, viewer_id: int, assessed_on: date) -> AssessmentPreview:
    """What the engine finds on the recorded facts as at `assessed_on` (nothing is saved)."""
    with session_scope() as session:
        _actor(session, viewer_id)
        case = _register_case(session, case_id)
        application = _application(session, case_id)
        if application is None:
            raise FieldError("application", "record the application details first", FIELD_LABELS)
        members = _members(session, case.household_id)
        facts, d, money = _run_engine(session, case, application, members, assessed_on)
        previous = current_assessment(session, case_id)
    band_date, why = d.band_effective_date, None
    if d.band is not None and band_date is not None:
        band_date, why = settle_band_date(
            previous_band=previous.band if previous else None,
            previous_date=previous.band_effective_date if previous else None,
            new_band=d.band, new_date=band_date, policy=policy_as_at(assessed_on),
            rules=register_policy_as_at(assessed_on))
    return AssessmentPreview(assessed_on, facts, d, money, band_date, why,
                             tuple(band_order(policy_as_at(assessed_on))))


def decide_assessment(
    *, case_id: int, expected_version: int, actor_id: int, assessed_on: date, decision: str,
    override_band: str | None = None, override_bedroom_need: int | None = None,
    override_reason: str | None = None, today: date | None = None,
) -> int:
    """The officer confirms the engine's assessment, or overrides its band (or "none": does not
    qualify) and/or bedroom need with a recorded reason. A qualifying household becomes active on
    the register; one that does not stays at assessment, open for a review request."""
    today = today or clock.today()
    if decision not in ("confirm", "override"):
        raise FieldError("decision", "choose confirm or override", FIELD_LABELS)
    if assessed_on > today:
        raise FieldError("assessed_on", "cannot be in the future", FIELD_LABELS)
    reason = (override_reason or "").strip()
    if decision == "override":
        if override_band is None and override_bedroom_need is None:
            raise FieldError("override_band", "choose the band or bedroom need you are setting",
                             FIELD_LABELS)
        if len(reason) < 10:
            raise FieldError("override_reason",
                               "give the reason for departing from the assessment (a sentence)",
                               FIELD_LABELS)
        bands = band_order(policy_as_at(assessed_on))
        if override_band is not None and override_band not in (*bands, "none"):
            raise FieldError("override_band", f"choose one of {', '.join(bands)} or none",
                             FIELD_LABELS)
        if override_bedroom_need is not None and not 1 <= override_bedroom_need <= 10:
            raise FieldError("override_bedroom_need", "must be from 1 to 10 bedrooms", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        case = _register_case(session, case_id)
        if case.status != CaseStatus.open.value:
            raise FieldError("case", "the application is closed", FIELD_LABELS)
        application = _application(session, case_id)
        if application is None:
            raise FieldError("application", "record the application details first", FIELD_LABELS)
        if assessed_on < application.application_date:
            raise FieldError("assessed_on", "cannot be before the application date", FIELD_LABELS)
        row = record_assessment(
            session, case=case, application=application, members=_members(session, case.household_id),
            actor_id=actor_id, on=assessed_on, kind="assessment",
            decision="confirmed" if decision == "confirm" else "overridden",
            override_band=override_band if decision == "override" else None,
            override_bedroom_need=override_bedroom_need if decision == "override" else None,
            override_reason=reason or None)
        _after_decision(session, case=case, application=application, row=row,
                        expected_version=expected_version, actor_id=actor_id)
        return row.id


def _after_decision(session: Session, *, case: HousingCase, application: RegisterApplication,
                    row: RegisterAssessment, expected_version: int, actor_id: int,
                    kind: str = "register_assessment", summary: str | None = None,
                    reason: str | None = None) -> None:
    stage = "active" if row.qualifies else "assessment"
    before = session.exec(select(RegisterAssessment).where(
        RegisterAssessment.case_id == case.id, RegisterAssessment.id < row.id)
        .order_by(RegisterAssessment.id.desc())).first()
    stage_before = case.stage  # read now: the version claim below refreshes the loaded case
    values: dict[str, Any] = {"stage": stage}
    if row.qualifies and case.status != CaseStatus.open.value:
        values |= {"status": CaseStatus.open.value, "closed_at": None, "closed_reason": None}
    claim_case_version(session, case_id=case.id, expected_version=expected_version, values=values)
    if row.qualifies and application.registered_on is None:
        application.registered_on = row.assessed_on
        session.add(application)
    words = _band_words(row.qualifies, row.band, row.band_effective_date, row.bedroom_need)
    if summary is None and row.decision == "overridden":
        summary = (f"Assessment overridden: {words} (the engine found "
                   f"{_band_words(row.engine_qualifies, row.engine_band, None, row.engine_bedroom_need)})")
    elif summary is None:
        summary = f"Assessment {row.decision}: {words}"
    record_case_event(
        session, case_id=case.id, actor_id=actor_id, kind=kind, summary=summary,
        reason=reason or row.override_reason or row.band_date_reason,
        changes={"band": (before.band if before else None, row.band),
                 "band_effective_date": (before.band_effective_date if before else None,
                                         row.band_effective_date),
                 "bedroom_need": (before.bedroom_need if before else None, row.bedroom_need)})
    if stage != stage_before:
        record_case_event(session, case_id=case.id, actor_id=actor_id, kind="stage_changed",
                          summary=(f"Stage changed from {codes.stage_label('register', stage_before)} "
                                   f"to {codes.stage_label('register', stage)}"),
                          changes={"stage": (stage_before, stage)})
    record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case.id,
                 detail=f"register {kind}")


def follow_homelessness_duty(session: Session, *, household_id: int, actor_id: int, on: date,
                             why: str) -> RegisterAssessment | None:
    """A Part 7 duty started or ended on `on` for this household (`why` says which, and on which
    case): the band of its open register application is recalculated in the caller's
    transaction, with an event on the register case, when the duty changes what the engine
    finds (s.166A(3)(a)-(b)). An officer's earlier override is kept and flagged for review, as
    housekeeping does. Nothing happens before the application's first decision (the officer's
    assessment reads the duty then) or for a change dated before the last decision."""
    case = session.exec(select(HousingCase).where(
        HousingCase.household_id == household_id, HousingCase.case_type == CaseType.register.value,
        HousingCase.status == CaseStatus.open.value)).first()
    if case is None:
        return None
    previous = current_assessment(session, case.id)
    application = _application(session, case.id)
    if previous is None or application is None or previous.assessed_on > on:
        return None
    members = _members(session, household_id)
    _facts, d, _money = _run_engine(session, case, application, members, on)
    if (d.qualifies, d.band) == (previous.engine_qualifies, previous.engine_band):
        return None
    kept_override = previous.decision == "overridden"
    row = record_assessment(
        session, case=case, application=application, members=members, actor_id=actor_id, on=on,
        kind="duty_change", decision="overridden" if kept_override else "recalculated",
        override_band=(previous.band or "none") if kept_override else None,
        override_bedroom_need=previous.bedroom_need if kept_override else None,
        override_reason=(f"Kept from the override of {previous.assessed_on.strftime('%d %b %Y')}: "
                         f"{previous.override_reason}") if kept_override else None)
    words = _band_words(d.qualifies, d.band, row.band_effective_date if not kept_override else
                        d.band_effective_date, d.bedroom_need)
    because = " ".join(r.text for r in d.reasons_for("band") if r.rule == "band")
    if kept_override:
        summary = (f"The engine now finds {words}: {why}. The officer's override "
                   f"({_band_words(row.qualifies, row.band, row.band_effective_date, row.bedroom_need)}) "
                   "is kept: review the override")
    else:
        summary = f"{words[0].upper()}{words[1:]}: {why}"
    _after_decision(session, case=case, application=application, row=row,
                    expected_version=case.version, actor_id=actor_id,
                    kind="register_duty_change", summary=summary, reason=because or None)
    return row


# --- reviews (s.166A(9)(c)) -------------------------------------------------------------------

def request_review(*, case_id: int, expected_version: int, actor_id: int, requested_on: date,
                   grounds: str, late_reason: str | None = None, today: date | None = None) -> int:
    """Record a request for a review of the current register decision. A request after the
    scheme's period is accepted only with the officer's reason for accepting it late."""
    today = today or clock.today()
    grounds = grounds.strip()
    if not grounds:
        raise FieldError("grounds", "record what the applicant says is wrong with the decision",
                         FIELD_LABELS)
    if requested_on > today:
        raise FieldError("requested_on", "cannot be in the future", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        _register_case(session, case_id)
        decided = current_assessment(session, case_id)
        if decided is None:
            raise FieldError("case", "there is no decision to review yet", FIELD_LABELS)
        open_review = session.exec(select(RegisterReview.id).where(
            RegisterReview.case_id == case_id, RegisterReview.outcome.is_(None))).first()
        if open_review is not None:
            raise FieldError("case", "a review is already waiting for a decision", FIELD_LABELS)
        if requested_on < decided.assessed_on:
            raise FieldError("requested_on", "cannot be before the decision being reviewed",
                             FIELD_LABELS)
        in_time, why = review_request_timing(notified_on=decided.assessed_on,
                                             requested_on=requested_on,
                                             policy=policy_as_at(decided.assessed_on))
        late = (late_reason or "").strip() or None
        if not in_time and not late:
            raise FieldError("late_reason", why.text + " Say why the late request is accepted.",
                             FIELD_LABELS)
        review = RegisterReview(case_id=case_id, assessment_id=decided.id, requested_on=requested_on,
                                grounds=grounds, in_time=in_time, late_reason=late,
                                recorded_by_id=actor_id)
        session.add(review)
        session.flush()
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        record_case_event(session, case_id=case_id, actor_id=actor_id, kind="register_review",
                          summary="Review requested (s.166A(9)(c))", reason=f"{grounds} — {why.text}")
        record_audit(session, actor_id=actor_id, action="create", entity="register_review",
                     entity_id=review.id)
        return review.id


def decide_review(
    *, review_id: int, expected_version: int, actor_id: int, decided_on: date, outcome: str,
    reason: str, new_band: str | None = None, new_bedroom_need: int | None = None,
    today: date | None = None,
) -> None:
    """A reviewer (register.toml reviews.reviewer_roles) who did not make the decision upholds it
    or varies it; a varied decision is a new assessment on today's facts with the reviewer's
    band or bedroom need and reason. The applicant is told the outcome and the grounds
    (s.166A(9)(c))."""
    today = today or clock.today()
    reason = reason.strip()
    if outcome not in ("upheld", "varied"):
        raise FieldError("outcome", "choose upheld or varied", FIELD_LABELS)
    if len(reason) < 10:
        raise FieldError("reason", "give the grounds for the review decision (a sentence)",
                         FIELD_LABELS)
    if decided_on > today:
        raise FieldError("decided_on", "cannot be in the future", FIELD_LABELS)
    with session_scope() as session:
        reviewer = _actor(session, actor_id)
        may_decide_review(reviewer, on=decided_on).require()
        review = session.get(RegisterReview, review_id)
        if review is None:
            raise NotFound(f"Review {review_id} does not exist.")
        if review.outcome is not None:
            raise FieldError("review", "this review has already been decided", FIELD_LABELS)
        if decided_on < review.requested_on:
            raise FieldError("decided_on", "cannot be before the review was requested",
                             FIELD_LABELS)
        reviewed = session.get(RegisterAssessment, review.assessment_id)
        if reviewed.decided_by_id == actor_id:
            raise PermissionDenied("You made the decision under review; another officer must review it.")
        case = _register_case(session, review.case_id)
        review.outcome, review.decided_on, review.reviewer_id = outcome, decided_on, actor_id
        review.outcome_reason = reason
        if outcome == "varied":
            bands = band_order(policy_as_at(decided_on))
            if new_band is None and new_bedroom_need is None:
                raise FieldError("new_band", "a varied decision sets a band or a bedroom need",
                                 FIELD_LABELS)
            if new_band is not None and new_band not in (*bands, "none"):
                raise FieldError("new_band", f"choose one of {', '.join(bands)} or none",
                                 FIELD_LABELS)
            if new_bedroom_need is not None and not 1 <= new_bedroom_need <= 10:
                raise FieldError("new_bedroom_need", "must be from 1 to 10 bedrooms", FIELD_LABELS)
            application = _application(session, case.id)
            row = record_assessment(
                session, case=case, application=application,
                members=_members(session, case.household_id), actor_id=actor_id, on=decided_on,
                kind="review", decision="overridden", override_band=new_band,
                override_bedroom_need=new_bedroom_need, override_reason=f"Review: {reason}")
            review.new_assessment_id = row.id
            session.add(review)
            _after_decision(session, case=case, application=application, row=row,
                            expected_version=expected_version, actor_id=actor_id,
                            kind="register_review")
        else:
            session.add(review)
            claim_case_version(session, case_id=case.id, expected_version=expected_version)
            record_case_event(session, case_id=case.id, actor_id=actor_id, kind="register_review",
                              summary="Review decided: the decision is upheld", reason=reason)
            record_audit(session, actor_id=actor_id, action="update", entity="register_review",
                         entity_id=review_id, detail="upheld")


# --- renewals and lapses ----------------------------------------------------------------------

def _renewal_base(session: Session, case_id: int, application: RegisterApplication) -> date | None:
    last = session.exec(select(RegisterRenewal.renewed_on).where(
        RegisterRenewal.case_id == case_id, RegisterRenewal.outcome != "lapsed")
        .order_by(RegisterRenewal.renewed_on.desc())).first()
    return last or application.registered_on


@dataclass(frozen=True)
class RenewalRow:
    case_id: int
    reference: str
    version: int
    applicant: str
    band: str | None
    registered_on: date
    due_on: date
    grace_ends_on: date
    state: str
    explanation: str

    @property
    def may_renew(self) -> bool:
        """Renewal is recorded once it falls due and until the grace period ends (register.toml
        renewal periods); past the grace period the application lapses instead."""
        return self.state in ("due_soon", "overdue")

    @property
    def may_lapse(self) -> bool:
        return self.state == "past_grace"


def renewal_queue(*, viewer_id: int, today: date, include_not_due: bool = False) -> list[RenewalRow]:
    """Active applications due for renewal (within the queue window), overdue, or past their
    grace period (to lapse), earliest due first.

    One query for every active application: its base (the latest renewal that was not a lapse,
    else the registration, as `_renewal_base` reads it for one case) and its current band (the
    newest assessment, `current_assessment`). The rolling year (`renewal_position`) depends only
    on the base, so it is worked out once a base date."""
    with session_scope() as session:
        _actor(session, viewer_id)
        renewed = (select(RegisterRenewal.case_id, func.max(RegisterRenewal.renewed_on).label("on"))
                   .where(RegisterRenewal.outcome != "lapsed")
                   .group_by(RegisterRenewal.case_id).subquery())
        newest = (select(RegisterAssessment.case_id, func.max(RegisterAssessment.id).label("id"))
                  .group_by(RegisterAssessment.case_id).subquery())
        rows = session.exec(
            select(HousingCase.id, HousingCase.reference, HousingCase.version, Person.given_name,
                   Person.family_name, RegisterAssessment.band,
                   func.coalesce(renewed.c.on, RegisterApplication.registered_on).label("base"))
            .join(RegisterApplication, RegisterApplication.case_id == HousingCase.id)
            .join(Person, (Person.household_id == HousingCase.household_id)
                  & (Person.relation == "applicant"))
            .outerjoin(renewed, renewed.c.case_id == HousingCase.id)
            .outerjoin(newest, newest.c.case_id == HousingCase.id)
            .outerjoin(RegisterAssessment, RegisterAssessment.id == newest.c.id)
            .where(HousingCase.case_type == "register", HousingCase.stage == "active",
                   HousingCase.status == CaseStatus.open.value)).all()
    policy, rules = policy_as_at(today), register_policy_as_at(today)
    positions: dict[date, RenewalPosition] = {}
    out = []
    for case_id, reference, version, given_name, family_name, band, base in rows:
        if base is None:
            continue
        position = positions.get(base)
        if position is None:
            position = positions[base] = renewal_position(base, today, policy, rules)
        if position.state == "not_due" and not include_not_due:
            continue
        out.append(RenewalRow(case_id, reference, version, f"{given_name} {family_name}", band, base,
                              position.due_on, position.grace_ends_on, position.state,
                              position.reason.text))
    return sorted(out, key=lambda r: (r.due_on, r.reference))


def renewals_matching(queue: list[RenewalRow], text: str) -> list[RenewalRow]:
    """The rows of a renewal queue whose reference or applicant's name holds the typed words
    (any case); nothing typed keeps them all."""
    text = " ".join(text.split()).lower()
    if not text:
        return queue
    return [r for r in queue if text in r.reference.lower() or text in r.applicant.lower()]


def renew_application(*, case_id: int, expected_version: int, actor_id: int, renewed_on: date,
                      circumstances_changed: bool, note: str | None = None,
                      today: date | None = None) -> None:
    """The applicant renews: circumstances confirmed (the application stays active and its
    renewal year starts again), or changed (the renewal is recorded and the case returns to
    assessment for the officer to record the changes and re-assess)."""
    today = today or clock.today()
    note = (note or "").strip() or None
    if renewed_on > today:
        raise FieldError("renewed_on", "cannot be in the future", FIELD_LABELS)
    if circumstances_changed and not note:
        raise FieldError("note", "say what has changed", FIELD_LABELS)
    with session_scope() as session:
        _actor(session, actor_id)
        case = _register_case(session, case_id)
        application = _application(session, case_id)
        if case.status != CaseStatus.open.value or case.stage != "active" or application is None:
            raise FieldError("case", "only an active application on the register is renewed",
                             FIELD_LABELS)
        base = _renewal_base(session, case_id, application)
        position = renewal_position(base, renewed_on, policy_as_at(renewed_on),
                                    register_policy_as_at(renewed_on))
        if position.state == "past_grace":
            raise FieldError("renewed_on", position.reason.text
                               + " Make a new application instead.", FIELD_LABELS)
        if position.state == "not_due":
            raise FieldError("renewed_on", position.reason.text + " It is not yet open for renewal.",
                             FIELD_LABELS)
        outcome = "renewed_with_changes" if circumstances_changed else "renewed"
        session.add(RegisterRenewal(case_id=case_id, due_on=position.due_on, outcome=outcome,
                                    renewed_on=renewed_on, recorded_by_id=actor_id, note=note))
        values = {"stage": "assessment"} if circumstances_changed else {}
        claim_case_version(session, case_id=case_id, expected_version=expected_version, values=values)
        record_case_event(
            session, case_id=case_id, actor_id=actor_id, kind="register_renewal",
            summary=("Application renewed; circumstances changed, to be re-assessed"
                     if circumstances_changed else "Application renewed; circumstances confirmed"),
            reason=note, changes={"stage": ("active", "assessment")} if values else None)
        record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case_id,
                     detail=f"register {outcome}")


def lapse_overdue(*, actor_id: int, today: date) -> list[str]:
    """Close every active application whose grace period has ended without a renewal
    (allocation.toml deadlines.register_renewal_*). Returns the references lapsed."""
    with session_scope() as session:
        _actor(session, actor_id, LEAD_ROLES)
    lapsed = []
    for row in renewal_queue(viewer_id=actor_id, today=today):
        if row.state != "past_grace":
            continue
        try:
            _lapse(row, actor_id=actor_id, today=today)
        except StaleRecord:
            continue  # changed while this ran (renewed, perhaps): the next run looks again
        lapsed.append(row.reference)
    return lapsed


def _lapse(row: RenewalRow, *, actor_id: int, today: date) -> None:
    with session_scope() as session:
        session.add(RegisterRenewal(case_id=row.case_id, due_on=row.due_on, outcome="lapsed",
                                    renewed_on=today, recorded_by_id=actor_id,
                                    note=row.explanation))
        claim_case_version(session, case_id=row.case_id, expected_version=row.version, values={
            "stage": "lapsed", "status": CaseStatus.closed.value,
            "closed_at": utc_now(), "closed_reason":
            "Application lapsed: not renewed within the grace period"})
        record_case_event(session, case_id=row.case_id, actor_id=actor_id, kind="register_lapsed",
                          summary="Application lapsed: not renewed within the grace period",
                          reason=row.explanation,
                          changes={"stage": ("active", "lapsed"), "status": ("open", "closed")})
        record_audit(session, actor_id=actor_id, action="update", entity="case",
                     entity_id=row.case_id, detail="register lapsed")


# --- reading ---------------------------------------------------------------------------------

def open_register_record(*, case_id: int, viewer_id: int, today: date | None = None,
                         opening: str | None = None) -> RegisterRecord:
    """Everything the register screens show about one case; the opening is audited, once an
    opening of the screen (`opening`: logic/common/recording.py record_view)."""
    today = today or clock.today()
    with session_scope() as session:
        _actor(session, viewer_id)
        case = _register_case(session, case_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        members = _members(session, case.household_id)
        applicant = next(m for m in members if m.relation == "applicant")
        person = session.exec(select(Person).where(Person.id == applicant.person_id)).one()
        application = _application(session, case_id)
        evidence = session.exec(select(RegisterEvidence).where(RegisterEvidence.case_id == case_id)
                                .order_by(RegisterEvidence.received_on.desc(), RegisterEvidence.id.desc())).all()
        assessments = session.exec(select(RegisterAssessment).where(RegisterAssessment.case_id == case_id)
                                   .order_by(RegisterAssessment.id.desc())).all()
        reviews = session.exec(select(RegisterReview).where(RegisterReview.case_id == case_id)
                               .order_by(RegisterReview.id.desc())).all()
        renewals = session.exec(select(RegisterRenewal).where(RegisterRenewal.case_id == case_id)
                                .order_by(RegisterRenewal.id.desc())).all()
        position = None
        if application is not None and case.stage == "active" and case.status == "open":
            base = _renewal_base(session, case_id, application)
            if base is not None:
                position = renewal_position(base, today, policy_as_at(today),
                                            register_policy_as_at(today))
        record_view(session, actor_id=viewer_id, entity="case", entity_id=case_id, opening=opening,
                    detail="register record")
        return RegisterRecord(
            case_id=case.id, reference=case.reference, version=case.version, status=case.status,
            stage=case.stage, household_id=case.household_id,
            applicant=f"{person.given_name} {person.family_name}", members=tuple(members),
            application=application, needs=_needs(session, case.id),
            evidence=tuple(EvidenceView(e.id, e.what, e.received_on, names.get(e.recorded_by_id, "?"),
                                        names.get(e.checked_by_id), e.checked_on, e.note)
                           for e in evidence),
            assessments=tuple(AssessmentView(
                a.id, a.kind, a.assessed_on, names.get(a.decided_by_id, "?"), a.decided_at,
                a.decision, a.override_reason, a.qualifies, a.band, a.band_effective_date,
                a.band_date_reason, a.bedroom_need,
                tuple(c for c in a.reasonable_preference.split(",") if c), a.engine_qualifies,
                a.engine_band, a.engine_bedroom_need, json.loads(a.determination_json),
                json.loads(a.financial_json), a.policy) for a in assessments),
            reviews=tuple(ReviewView(r.id, r.assessment_id, r.requested_on, r.grounds, r.in_time,
                                     r.late_reason, r.outcome, r.decided_on,
                                     names.get(r.reviewer_id), r.outcome_reason) for r in reviews),
            renewals=tuple(RenewalView(r.due_on, r.outcome, r.renewed_on,
                                       names.get(r.recorded_by_id, "?"), r.note) for r in renewals),
            renewal=position,
        )
