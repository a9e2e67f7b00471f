"""Homelessness casework: the s.189A assessment, the duty stages, notification, the s.193B
warning, and everything the case page shows about them.

The rules live in `logic.casework.stages` (pure); this module reads the case, asks the rules,
and writes the result with its case event and audit row in one transaction. The personalised
housing plan is in `logic.casework.plan`; temporary accommodation, storage and
financial assistance in `logic.casework.placements`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from logic import clock
from logic.cases.service import _case_for, _officer
from logic.casework import categories as hclic
from logic.casework import stages
from logic.casework.policy import CaseworkPolicy, casework_policy_as_at
from logic.common import codes, limits
from logic.common.errors import FieldError, StaleRecord
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import (
    STALE_CASE_MESSAGE,
    claim_case_version,
    record_audit,
    record_case_event,
)
from logic.db import session_scope
from logic.front_door.service import triage_facts_for_case
from logic.front_door.triage import young_person
from logic.law import deadlines as law_deadlines
from logic.law import determine, parse_facts, policy_as_at
from logic.law.deadlines import day_of_duty
from logic.law.household import is_dependent_child
from logic.law.policy import Policy, PolicyError
from logic.models import HousingCase, Officer, Person
from logic.models.casework import (
    AccommodationOffer,
    BelongingsStorage,
    CooperationWarning,
    FinancialAssistance,
    HomelessnessAssessment,
    HomelessnessDuty,
    OfferAnswer,
    OfferNotice,
    Part7Appeal,
    Part7Review,
    Part7ReviewDecision,
    Part7ReviewExtension,
    Part7ReviewMindedTo,
    Part7ReviewRepresentations,
    Part7ReviewReviewer,
    Placement,
    PlanAgreement,
    PlanCopyGiven,
    PlanReview,
    PlanStep,
    PlanStepStatus,
)
from logic.models.letters import IssuedLetter
from logic.workload.allocation import may_act_on_case

DECISION_FIELDS: dict[str, str] = {
    "eligible": "Eligible for assistance (s.185)",
    "homelessness": "Homeless or threatened (s.175)",
    "priority_need": "Priority need (s.189)",
    "intentionally_homeless": "Intentionally homeless (s.191)",
    "local_connection": "Local connection (s.199)",
    "duty": "Duty owed",
}
# The casework forms' labels (pages/assessment.py, pages/_casework.py), so that a refused answer
# is named as the officer saw it; the plan and placement services raise with them too.
FIELD_LABELS: dict[str, str] = {
    "assessed_on": "Assessment date",
    "circumstances": "Circumstances that caused the homelessness or threat",
    "housing_needs": "Housing needs",
    "support_needs": "Support needs of the applicant and household",
    "fact_change_reason": "Why the facts differ from triage",
    **hclic.ASSESSMENT_LABELS,
    **hclic.ENDING_LABELS,
    **{f"decisions.{key}": f"Your decision: {label}" for key, label in DECISION_FIELDS.items()},
    **{f"override_reasons.{key}": f"Why you decide otherwise: {label}"
       for key, label in DECISION_FIELDS.items()},
    # the facts the assessment form gathers, by their path in the engine's facts
    "facts.applicant.immigration_status": "Immigration status",
    "facts.applicant.habitually_resident": "Habitually resident in the Common Travel Area",
    "facts.applicant.vulnerability": "Significantly more vulnerable than an ordinary person",
    "facts.housing.likely_to_lose_on": "Likely to lose it on",
    "facts.housing.section_21.expires_on": "Notice expires on",
    "facts.housing.emergency": "Emergency (fire, flood, disaster)",
    "facts.local_connection.months_resident_last_12": "Months resident in the last 12",
    "facts.local_connection.years_resident_last_5": "Years resident in the last 5",
    # version 2 of the facts (decision-scenarios.md): the form's words for each
    "facts.applicant.relevant_child": "A relevant child (left care at 16 or 17, Children Act 1989 s.23A)",
    "facts.applicant.owed_s20_duty": "Owed accommodation by children's services (Children Act 1989 s.20)",
    "facts.applicant.relevant_student": "A relevant student (care leaver in full-time education, "
                                        "no term-time home in the vacation)",
    "facts.applicant.expected_babies": "Babies expected",
    "facts.household.vulnerability": "Significantly more vulnerable than an ordinary person",
    "facts.household.expected_babies": "Babies expected",
    "facts.household.needs_own_room": "Cannot share a bedroom because of a disability",
    "facts.household.local_connection_here": "Has a local connection with this district",
    "facts.housing.domestic_abuse_victim": "Who is at risk of the abuse",
    "facts.housing.overnight_carer": "A carer who lives elsewhere stays overnight",
    "facts.intentionality.whose_act": "Whose act or omission",
    "facts.intentionality.acquiesced": "The applicant went along with the member's act",
    "facts.intentionality.collusive_arrangement": "A collusive arrangement to leave (s.191(3))",
    "facts.local_connection.care_leaver_here": "Care leaver's connection here (s.199(8)-(11))",
    "facts.local_connection.asylum_support_here": "Last asylum support (s.95) was in this district "
                                                  "(s.199(6))",
    "facts.history.decision_notified_on": "Decision notified on",
    "facts.history.review_requested_on": "Review requested on",
    "on": "With effect from",
    "reason": "Reason",
    "warned_on": "Warning given on",
    "steps_refused": "Steps deliberately and unreasonably refused",
    "notified_on": "Duty notified in writing on",
    "owner": "Step for",
    "due_on": "Due",
    "status": "Status of the step",
    "reviewed_on": "Plan reviewed on",
    "recorded_on": "Agreement recorded on",
    "agreement_reason": "Why the steps could not be agreed",
    "given_on": "Copy of the plan given on",
    "placement_type": "Type of placement",
    "legal_basis": "Duty or power it is made under",
    "cost_per_night": "Cost a night (£)",
    "starts_on": "Placement from",
    "planned_end_on": "Placement planned to end on",
    "stored_with": "Stored with",
    "storage": "Belongings stored",
    "request": "Financial assistance",
    "plan": "Personalised housing plan",
    "kind": "Kind of assistance",
    "amount": "Amount (£)",
    "monthly_rent": "Rent a month (£)",
    "monthly_income": "Household income a month, benefits included (£)",
    "property_address": "Tenancy address",
}

# The engine's other answers the assessment shows beside the facts that decide them (the
# version-2 keys among them); null ones (a key that does not apply) are not shown.
ENGINE_FINDINGS: dict[str, str] = {
    "priority_need_grounds": "Priority need grounds",
    "interim_accommodation_duty": "Interim accommodation duty (s.188(1))",
    "refer_to_childrens_services": "Children's services' duties come first (Children Act 1989)",
    "referral_possible": "Referral to another authority possible (s.198)",
    "bedroom_need": "Bedrooms the household needs",
    "prevention_duty_ends_on": "The prevention duty's 56 days end on (s.195(8)(b))",
    "prevention_56_day_end_allowed": "The prevention duty may then be ended by notice (s.195(5)-(6))",
    "review_request_by": "A review must be asked for by (s.202(3))",
    "review_in_time": "The review was asked for in time (s.202(3))",
}


def finding_in_words(field: str, value: Any) -> str | None:
    """An engine answer as the officer reads it: yes/no, a date as "30 Nov 2026", grounds by
    their labels; None where the answer does not apply."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return _long(value)
    if field == "priority_need_grounds":
        return ", ".join(codes.PRIORITY_NEED_GROUNDS.label(g) for g in value) or "None"
    return str(value)


def engine_findings(determination: Any) -> list[tuple[str, str, str, tuple[Any, ...]]]:
    """(field, label, answer in words, reasons) for each of ENGINE_FINDINGS the engine answers."""
    out = []
    for key, label in ENGINE_FINDINGS.items():
        words = finding_in_words(key, getattr(determination, key, None))
        if words is not None:
            out.append((key, label, words, determination.reasons_for(key)))
    return out


HOMELESSNESS_CODES = codes.HOMELESSNESS.codes()
DUTY_CODES = codes.ENGINE_DUTIES.codes()  # the officer decides in the engine's codes
TEXT_LIMIT = limits.FREE_TEXT_LIMIT  # the one limit of officers' free text


# --- shared helpers (used by the plan and placement services too) -----------------------------


def policies(on: date) -> tuple[Policy, CaseworkPolicy]:
    try:
        return policy_as_at(on), casework_policy_as_at(on)
    except (PolicyError, ValueError) as error:
        raise FieldError("date", str(error), FIELD_LABELS) from None


def clean_text(value: str | None, field: str, what: str, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise FieldError(field, f"write {what}", FIELD_LABELS)
    if len(text) > TEXT_LIMIT:
        raise FieldError(field, "is longer than 20,000 characters", FIELD_LABELS)
    return text


def check_date(value: Any, field: str, today: date, *, future_ok: bool = False) -> date:
    if not isinstance(value, date):
        raise FieldError(field, "give a date", FIELD_LABELS)
    if not future_ok and value > today:
        raise FieldError(field, "cannot be a date still to come", FIELD_LABELS)
    return value


def homelessness_case_for(session: Session, officer_id: int, case_id: int, *,
                          acting_on: tuple[str, ...] | None = None, acting: bool = False,
                          expected_version: int | None = None) -> tuple[Officer, HousingCase]:
    """The officer and the case, refusing anyone who may not see it; with ``acting_on``, also a
    trainee whose competency level does not cover those stages (their own cases only; ``acting``
    means the case's current stage). With
    ``expected_version``, a screen that is out of date is refused before any rule is checked,
    so the officer is told that someone else changed the case, not a rule about its new state."""
    officer = _officer(session, officer_id)
    case = _case_for(session, officer, case_id)
    if expected_version is not None and case.version != expected_version:
        raise StaleRecord(STALE_CASE_MESSAGE)
    if case.case_type != "homelessness":
        raise FieldError("case", "this is not a homelessness case", FIELD_LABELS)
    if acting and acting_on is None:
        acting_on = (case.stage,)
    if acting_on is not None:
        may_act_on_case(session, officer, case, acting_on).require()
    return officer, case


def require_open(case: HousingCase) -> None:
    if case.status != "open":
        raise FieldError("case", "the case is closed", FIELD_LABELS)


def is_family(people: list[Person], on: date, law: Policy) -> bool:
    """Children or a pregnant member in the household (Suitability Order 2003 art.2)."""
    for p in people:
        if p.left_on is not None and p.left_on <= on:
            continue
        if p.pregnant:
            return True
        if is_dependent_child(p.relation, p.dob, on, law):
            return True
    return False


def snapshot(session: Session, case: HousingCase, today: date) -> stages.CaseSnapshot:
    """The case as the rules in `logic.casework.stages` see it."""
    return snapshots(session, [case], today)[case.id]


def check_closing(session: Session, case: HousingCase) -> None:
    """Refused (stages.check_closing) while a duty is owed or the s.184 decision is due."""
    stages.check_closing(snapshot(session, case, clock.today()))


def snapshots(session: Session, cases: list[Any], today: date, *, among: Any = None
              ) -> dict[int, stages.CaseSnapshot]:
    """Snapshots of many cases with one query a table (the team views use this too).

    `cases` are the cases' rows (a HousingCase, or any row with its id, household_id,
    reference, stage, status and opened_at); `among`, where given, is a query of those cases'
    ids, which the store reads in place of a list of thousands of ids. Each table's rows are
    grouped by case once, and only the columns the rules read are fetched (the latest
    assessment's, not every assessment's)."""
    law, _ = policies(today)
    ids = [c.id for c in cases]
    if not ids:
        return {}
    if among is None:
        among = ids

    read = session.connection().execute  # plain rows (no ORM objects): the columns read, by name

    def rows(columns, case_id, *order):
        grouped: dict[int, list] = {}
        for row in read(select(*columns).where(case_id.in_(among)).order_by(*order)).fetchall():
            grouped.setdefault(row.case_id, []).append(row)
        return grouped

    A, D, S = HomelessnessAssessment, HomelessnessDuty, PlanStep
    duties = rows((D.id, D.case_id, D.duty, D.started_on, D.ended_on, D.end_reason, D.notified_on,
                   D.end_notified_on), D.case_id, D.started_on, D.id)
    newest = sa.func.row_number().over(partition_by=A.case_id, order_by=(A.assessed_on.desc(), A.id.desc()))
    ranked = (select(A.id, A.case_id, A.assessed_on, A.eligible, A.homelessness, A.priority_need,
                     A.intentionally_homeless, A.duty, A.local_connection, A.facts_json,
                     newest.label("newest")).where(A.case_id.in_(among)).subquery())
    latest = {r.case_id: r for r in read(select(*ranked.c).where(ranked.c.newest == 1)).fetchall()}
    steps = rows((S.id, S.case_id, S.owner, S.description, S.due_on, S.created_on), S.case_id, S.id)
    statuses = {}  # each step's latest status (the history is ordered oldest first)
    for r in read(select(PlanStepStatus.step_id, PlanStepStatus.status)
                  .where(PlanStepStatus.step_id.in_(select(S.id).where(S.case_id.in_(among))))
                  .order_by(PlanStepStatus.changed_on, PlanStepStatus.id)).fetchall():
        statuses[r.step_id] = r.status
    reviews = rows((PlanReview.case_id, PlanReview.reviewed_on), PlanReview.case_id, PlanReview.reviewed_on)
    placements = rows((Placement.id, Placement.case_id, Placement.placement_type, Placement.starts_on,
                       Placement.status, Placement.ended_on, Placement.address),
                      Placement.case_id, Placement.starts_on, Placement.id)
    warnings = rows((CooperationWarning.case_id, CooperationWarning.duty_id, CooperationWarning.warned_on),
                    CooperationWarning.case_id, CooperationWarning.warned_on)
    agreements = rows((PlanAgreement.case_id, PlanAgreement.recorded_on, PlanAgreement.agreed),
                      PlanAgreement.case_id, PlanAgreement.recorded_on, PlanAgreement.id)
    copies = rows((PlanCopyGiven.case_id, PlanCopyGiven.given_on),
                  PlanCopyGiven.case_id, PlanCopyGiven.given_on, PlanCopyGiven.id)
    offers = offer_states(read, among)
    part7 = _review_states(read, among, duties)
    decision_letters: dict[int, list] = {}
    for r in read(select(IssuedLetter.case_id, IssuedLetter.letter_type, IssuedLetter.title,
                         IssuedLetter.notified_on)
                  .where(IssuedLetter.case_id.in_(among),
                         IssuedLetter.letter_type.in_(stages.DECISION_LETTERS_WITHOUT_A_DUTY))
                  .order_by(IssuedLetter.notified_on, IssuedLetter.id)).fetchall():
        decision_letters.setdefault(r.case_id, []).append((r.letter_type, r.title, r.notified_on))
    households = (sorted({c.household_id for c in cases}) if among is ids
                  else select(HousingCase.household_id).where(HousingCase.id.in_(among)))
    people: dict[int, list] = {}
    for p in read(select(Person.household_id, Person.relation, Person.dob, Person.pregnant, Person.left_on)
                  .where(Person.household_id.in_(households))).fetchall():
        people.setdefault(p.household_id, []).append(p)

    out = {}
    for case in cases:
        last = latest.get(case.id)
        out[case.id] = stages.CaseSnapshot(
            case_id=case.id, reference=case.reference, stage=case.stage, status=case.status,
            opened_on=case.opened_at.date(),
            duties=tuple(stages.DutyPeriod(d.id, d.duty, d.started_on, d.ended_on, d.end_reason, d.notified_on,
                                           d.end_notified_on)
                         for d in duties.get(case.id, ())),
            assessment=findings_of(last) if last else None,
            steps=tuple(stages.StepState(s.id, s.owner, s.description, s.due_on, s.created_on,
                                         statuses.get(s.id, "open"))
                        for s in steps.get(case.id, ())),
            reviews=tuple(r.reviewed_on for r in reviews.get(case.id, ())),
            placements=tuple(stages.PlacementState(p.id, p.placement_type, p.starts_on, p.status, p.ended_on,
                                                   p.address) for p in placements.get(case.id, ())),
            warnings=tuple((w.duty_id, w.warned_on) for w in warnings.get(case.id, ())),
            plan_agreements=tuple((r.recorded_on, r.agreed) for r in agreements.get(case.id, ())),
            plan_copies=tuple(r.given_on for r in copies.get(case.id, ())),
            family=family_of(last, people.get(case.household_id, []), today, law),
            offers=offers.get(case.id, ()),
            part7_reviews=part7.get(case.id, ()),
            decision_letters=tuple(decision_letters.get(case.id, ())),
        )
    return out


def offer_states(read: Any, among: Any) -> dict[int, tuple[stages.OfferState, ...]]:
    """Each case's offers of accommodation as the rules see them: the latest answer to each and
    the first written notice of its consequences (one query a table, like the other rows)."""
    Of, A, N = AccommodationOffer, OfferAnswer, OfferNotice
    answers: dict[int, Any] = {}
    for r in read(select(A.offer_id, A.answer, A.answered_on).where(A.case_id.in_(among))
                  .order_by(A.answered_on, A.id)).fetchall():
        answers[r.offer_id] = r  # the latest answer counts
    notices: dict[int, date] = {}
    for r in read(select(N.offer_id, N.notified_on).where(N.case_id.in_(among))
                  .order_by(N.notified_on, N.id)).fetchall():
        notices.setdefault(r.offer_id, r.notified_on)
    out: dict[int, list[stages.OfferState]] = {}
    for r in read(select(Of.id, Of.case_id, Of.duty_id, Of.kind, Of.address, Of.offered_on, Of.suitable,
                         Of.respond_by).where(Of.case_id.in_(among)).order_by(Of.offered_on, Of.id)).fetchall():
        answer = answers.get(r.id)
        out.setdefault(r.case_id, []).append(stages.OfferState(
            r.id, r.duty_id, r.kind, r.address, r.offered_on, r.suitable, r.respond_by,
            answer.answer if answer else None, answer.answered_on if answer else None,
            notices.get(r.id)))
    return {case_id: tuple(states) for case_id, states in out.items()}


def _review_states(read, among, duties: dict[int, list]) -> dict[int, tuple[stages.ReviewState, ...]]:
    """Each case's s.202 reviews as the rules see them: one query a table (the team lists run
    over thousands of cases), the later rows of each review folded into its state."""
    R = Part7Review
    reviews = list(read(select(R.id, R.case_id, R.letter_id, R.decision_type, R.decision_summary, R.ground,
                               R.requested_on, R.notified_on, R.in_time, R.late_accepted,
                               IssuedLetter.title)
                        .outerjoin(IssuedLetter, IssuedLetter.id == R.letter_id)
                        .where(R.case_id.in_(among)).order_by(R.requested_on, R.id)))
    if not reviews:
        return {}
    of_cases = select(R.id).where(R.case_id.in_(among))

    def latest(model, *columns, order):
        found: dict[int, Any] = {}
        for row in read(select(model.review_id, *columns).where(model.review_id.in_(of_cases)).order_by(*order)):
            found[row.review_id] = row  # oldest first: the last row read is the latest
        return found

    reviewers = latest(Part7ReviewReviewer, Part7ReviewReviewer.reviewer_id,
                       order=(Part7ReviewReviewer.assigned_on, Part7ReviewReviewer.id))
    notices = latest(Part7ReviewMindedTo, Part7ReviewMindedTo.notified_on, Part7ReviewMindedTo.representations_by,
                     order=(Part7ReviewMindedTo.notified_on, Part7ReviewMindedTo.id))
    extensions = latest(Part7ReviewExtension, Part7ReviewExtension.decide_by,
                        order=(Part7ReviewExtension.agreed_on, Part7ReviewExtension.id))
    decisions = latest(Part7ReviewDecision, Part7ReviewDecision.decided_on, Part7ReviewDecision.outcome,
                       Part7ReviewDecision.notified_on, order=(Part7ReviewDecision.id,))
    appealed = {r.review_id for r in read(select(Part7Appeal.review_id).where(Part7Appeal.review_id.in_(of_cases)))}
    received: dict[int, list[date]] = {}
    for r in read(select(Part7ReviewRepresentations.review_id, Part7ReviewRepresentations.received_on)
                  .where(Part7ReviewRepresentations.review_id.in_(of_cases),
                         Part7ReviewRepresentations.kind != "none")
                  .order_by(Part7ReviewRepresentations.received_on)):
        received.setdefault(r.review_id, []).append(r.received_on)
    out: dict[int, list[stages.ReviewState]] = {}
    for r in reviews:
        notice, decision = notices.get(r.id), decisions.get(r.id)
        after = notice.notified_on if notice else r.requested_on
        came = next((d for d in received.get(r.id, ()) if d >= after), None)
        ends_prevention = r.ground == "bb" and any(
            d.duty == "prevention" and d.end_reason == stages.NON_COOPERATION for d in duties.get(r.case_id, ()))
        out.setdefault(r.case_id, []).append(stages.ReviewState(
            id=r.id, decision=r.title or (r.decision_summary or "Decision with no letter on file"),
            decision_type=r.decision_type, ground=r.ground, requested_on=r.requested_on,
            notified_on=r.notified_on, in_time=r.in_time, late_accepted=r.late_accepted,
            reviewer_id=reviewers[r.id].reviewer_id if r.id in reviewers else None,
            minded_to_on=notice.notified_on if notice else None,
            representations_by=notice.representations_by if notice else None,
            representations_on=came,
            extended_to=extensions[r.id].decide_by if r.id in extensions else None,
            decided_on=decision.decided_on if decision else None,
            decision_notified_on=decision.notified_on if decision else None,
            outcome=decision.outcome if decision else None,
            ends_prevention=ends_prevention, appealed=r.id in appealed))
    return {case_id: tuple(states) for case_id, states in out.items()}


@dataclass(frozen=True)
class OwedDuty:
    """A Part 7 duty a household's homelessness case records as owed on a day."""

    duty: str  # casework's code (codes.CASEWORK_DUTIES)
    started_on: date
    case_reference: str


# the order a household's duties are read in when it has more than one (its strongest first)
_DUTY_STRENGTH = ("main_duty", "non_cooperation_duty", "intentional_priority", "prevention", "relief")


def duties_owed_to_household(session: Session, household_id: int, on: date) -> list[OwedDuty]:
    """The duties the household's homelessness cases record as owed on `on`: started on or
    before it and not ended by it (a duty ended on a day is not owed that day). The one reading
    of a household's duties for other domains (the register's band, s.166A(3)(b))."""
    found = session.exec(
        select(HomelessnessDuty, HousingCase.reference)
        .join(HousingCase, HousingCase.id == HomelessnessDuty.case_id)
        .where(HousingCase.household_id == household_id, HomelessnessDuty.started_on <= on,
               (HomelessnessDuty.ended_on.is_(None)) | (HomelessnessDuty.ended_on > on))).all()
    owed = [OwedDuty(d.duty, d.started_on, reference) for d, reference in found]
    return sorted(owed, key=lambda o: (_DUTY_STRENGTH.index(o.duty), o.started_on))


def family_of(latest: HomelessnessAssessment | None, people: list[Person], today: date, law: Policy) -> bool:
    if latest is not None:  # the assessment says who is a dependent child and who is pregnant
        facts = json.loads(latest.facts_json)
        if facts["applicant"].get("pregnant"):
            return True
        if any(m.get("pregnant") or m.get("dependent") for m in facts.get("household", [])
               if m.get("resides_with_applicant", True)):
            return True
    return is_family(people, today, law)


def findings_of(a: HomelessnessAssessment) -> stages.AssessmentFindings:
    housing = json.loads(a.facts_json).get("housing", {})
    lose = housing.get("likely_to_lose_on")
    s21 = housing.get("section_21") or {}
    return stages.AssessmentFindings(
        id=a.id, assessed_on=a.assessed_on, eligible=a.eligible, homelessness=a.homelessness,
        priority_need=a.priority_need, intentionally_homeless=a.intentionally_homeless, duty=a.duty,
        likely_to_lose_on=date.fromisoformat(lose) if lose else None,
        section_21_expires_on=date.fromisoformat(s21["expires_on"]) if s21.get("valid") else None,
        local_connection=a.local_connection,
    )


def latest_assessment(session: Session, case_id: int) -> HomelessnessAssessment | None:
    return session.exec(select(HomelessnessAssessment).where(HomelessnessAssessment.case_id == case_id)
                        .order_by(HomelessnessAssessment.assessed_on.desc(),
                                  HomelessnessAssessment.id.desc())).first()


def step_statuses(session: Session, step_ids: list[int]) -> dict[int, list[tuple[str, date, int, str | None]]]:
    """Each step's status history, oldest first: (status, changed_on, officer id, note)."""
    if not step_ids:
        return {}
    rows = session.exec(select(PlanStepStatus).where(PlanStepStatus.step_id.in_(step_ids))
                        .order_by(PlanStepStatus.changed_on, PlanStepStatus.id)).all()
    out: dict[int, list[tuple[str, date, int, str | None]]] = {}
    for r in rows:
        out.setdefault(r.step_id, []).append((r.status, r.changed_on, r.changed_by_id, r.note))
    return out


# --- the assessment (s.189A) ------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentPreview:
    facts: dict[str, Any]
    determination: Any  # logic.law.Determination


def _iso(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso(v) for v in value]
    return value


# Version 2 of the facts (decision-scenarios.md): each is optional, and its default gives the
# version-1 reading, so a fact left at its default is not written into the facts at all (a
# household with none of them is assessed on exactly the facts it always was).
_APPLICANT_V2 = ("relevant_child", "owed_s20_duty", "relevant_student")
MEMBER_FACTS = ("vulnerability", "expected_babies", "needs_own_room", "local_connection_here")


def _babies(count: Any, pregnant: bool) -> dict[str, Any]:
    """`expected_babies` is read only while pregnant; one is the default."""
    if not pregnant or count in (None, 1):
        return {}
    return {"expected_babies": count}


def _applicant_facts(applicant: dict[str, Any], pregnant: bool) -> dict[str, Any]:
    out = {k: v for k, v in applicant.items() if k not in (*_APPLICANT_V2, "expected_babies")}
    out.update({k: True for k in _APPLICANT_V2 if applicant.get(k)})
    out.update(_babies(applicant.get("expected_babies"), pregnant))
    return out


def _member_facts(given: dict[str, Any] | None, pregnant: bool) -> dict[str, Any]:
    given = given or {}
    out: dict[str, Any] = {}
    if given.get("vulnerability"):
        out["vulnerability"] = list(given["vulnerability"])
    out.update(_babies(given.get("expected_babies"), pregnant))
    out.update({k: True for k in ("needs_own_room", "local_connection_here") if given.get(k)})
    return out


def _housing_facts(housing: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in housing.items() if k not in ("domestic_abuse_victim", "overnight_carer")}
    victim = housing.get("domestic_abuse_victim") or "applicant"
    if housing.get("domestic_abuse") and victim != "applicant":
        out["domestic_abuse_victim"] = victim
    if housing.get("overnight_carer"):
        out["overnight_carer"] = True
    return out


def _intentionality_facts(intentionality: dict[str, Any] | None) -> dict[str, Any] | None:
    if intentionality is None:
        return None
    out = {k: v for k, v in intentionality.items()
           if k not in ("whose_act", "acquiesced", "collusive_arrangement")}
    if (intentionality.get("whose_act") or "applicant") == "member":
        out["whose_act"] = "member"
        if intentionality.get("acquiesced"):
            out["acquiesced"] = True
    if intentionality.get("collusive_arrangement"):
        out["collusive_arrangement"] = True
    return out


def _local_connection_facts(local_connection: dict[str, Any]) -> dict[str, Any]:
    extra = ("care_leaver_here", "asylum_support_here")
    out = {k: v for k, v in local_connection.items() if k not in extra}
    out.update({k: True for k in extra if local_connection.get(k)})
    return out


def build_facts(*, people: list[Person], assessed_on: date, applicant: dict[str, Any],
                housing: dict[str, Any], intentionality: dict[str, Any] | None,
                local_connection: dict[str, Any], law: Policy,
                dependent_person_ids: list[int] | None = None, away_person_ids: list[int] | None = None,
                member_facts: dict[int, dict[str, Any]] | None = None,
                relief_duty_started_on: date | None = None,
                prevention_duty_started_on: date | None = None,
                decision_notified_on: date | None = None,
                review_requested_on: date | None = None) -> dict[str, Any]:
    """The engine's facts (decision-scenarios format) from the household's people and what the
    officer recorded. Members who left by the date are not counted; a child is a
    dependent unless the officer says otherwise (under the Code's age unless listed).
    `member_facts` holds what the officer found about each member (by person id): vulnerability,
    babies expected, a disability that means a room of their own, a local connection here."""
    lead = next((p for p in people if p.relation == "applicant"), None)
    if lead is None:
        raise FieldError("household", "the household has no applicant recorded", FIELD_LABELS)
    away = set(away_person_ids or [])
    found = member_facts or {}
    members = []
    for p in people:
        if p.relation == "applicant":
            continue
        # `joined_on` is when the member was recorded, often after they moved in, so only a
        # member who has left is left out
        if p.left_on is not None and p.left_on <= assessed_on:
            continue
        if p.dob > assessed_on:
            continue
        if dependent_person_ids is None:
            dependent = is_dependent_child(p.relation, p.dob, assessed_on, law)
        else:
            dependent = p.relation == "child" and p.id in dependent_person_ids
        members.append({"relation": p.relation, "dob": p.dob, "sex": p.sex,
                        "resides_with_applicant": p.id not in away, "dependent": dependent,
                        "pregnant": bool(p.pregnant),
                        **_member_facts(found.get(p.id), bool(p.pregnant))})
    facts: dict[str, Any] = {
        "assessment_date": assessed_on,
        "applicant": {"dob": lead.dob, "sex": lead.sex, "pregnant": bool(lead.pregnant),
                      **_applicant_facts(applicant, bool(lead.pregnant))},
        "household": members,
        "housing": _housing_facts(housing),
        "intentionality": _intentionality_facts(intentionality),
        "local_connection": _local_connection_facts(local_connection),
    }
    history = {"relief_duty_started_on": relief_duty_started_on,
               "prevention_duty_started_on": prevention_duty_started_on,
               "decision_notified_on": decision_notified_on, "review_requested_on": review_requested_on}
    history = {k: v for k, v in history.items() if v is not None}
    if history:
        facts["history"] = history
    return _iso(facts)


def _members_of(session: Session, case: HousingCase) -> list[Person]:
    return list(session.exec(select(Person).where(Person.household_id == case.household_id)
                             .order_by(Person.id)).all())


def _latest_duty_started(session: Session, case: HousingCase, duty: str, on: date) -> date | None:
    row = session.exec(select(HomelessnessDuty).where(HomelessnessDuty.case_id == case.id,
                                                      HomelessnessDuty.duty == duty)
                       .order_by(HomelessnessDuty.started_on.desc())).first()
    return row.started_on if row is not None and row.started_on <= on else None


def stored_decision_notified_on(session: Session, case_id: int, on: date) -> date | None:
    """The day the case's latest decision (s.184 or s.202(1)) was notified, as the letter issued
    records it (`issued_letter.notified_on`), on or before `on`; None when no letter records it."""
    row = session.exec(select(IssuedLetter).where(IssuedLetter.case_id == case_id,
                                                  IssuedLetter.notification_kind == "decision",
                                                  IssuedLetter.notified_on <= on)
                       .order_by(IssuedLetter.notified_on.desc(), IssuedLetter.id.desc())).first()
    return row.notified_on if row is not None else None


def _facts_for_case(session: Session, case: HousingCase, assessed_on: date, law: Policy, *,
                    history: dict[str, Any] | None = None, **inputs: Any) -> dict[str, Any]:
    """The facts of the case: the people from the store, the duties' start days and the decision's
    notification from the case's rows; typed only what the case does not record (the day a review
    was asked for, a notification no letter on the case records)."""
    typed = history or {}
    notified = stored_decision_notified_on(session, case.id, assessed_on) or typed.get("decision_notified_on")
    return build_facts(people=_members_of(session, case), assessed_on=assessed_on, law=law,
                       relief_duty_started_on=_latest_duty_started(session, case, "relief", assessed_on),
                       prevention_duty_started_on=_latest_duty_started(session, case, "prevention",
                                                                       assessed_on),
                       decision_notified_on=notified, review_requested_on=typed.get("review_requested_on"),
                       **inputs)


def _determine(facts: dict[str, Any]):
    try:
        return determine(parse_facts(facts))
    except FieldError as error:  # named by its path in the facts: say it as the form asks it
        raise FieldError(error.field, error.problem, FIELD_LABELS) from None
    except PolicyError as error:
        raise FieldError("assessed_on", str(error), FIELD_LABELS) from None


def preview_assessment(*, case_id: int, viewer_id: int, assessed_on: date, applicant: dict[str, Any],
                       housing: dict[str, Any], intentionality: dict[str, Any] | None = None,
                       local_connection: dict[str, Any] | None = None,
                       dependent_person_ids: list[int] | None = None,
                       away_person_ids: list[int] | None = None,
                       member_facts: dict[int, dict[str, Any]] | None = None,
                       history: dict[str, Any] | None = None, today: date | None = None
                       ) -> AssessmentPreview:
    """What the engine finds on these facts, before anything is saved."""
    today = today or clock.today()
    check_date(assessed_on, "assessed_on", today)
    law, _ = policies(assessed_on)
    with session_scope() as session:
        _, case = homelessness_case_for(session, viewer_id, case_id)
        facts = _facts_for_case(session, case, assessed_on, law, applicant=applicant, housing=housing,
                                intentionality=intentionality, local_connection=local_connection or {},
                                dependent_person_ids=dependent_person_ids, away_person_ids=away_person_ids,
                                member_facts=member_facts, history=history)
    return AssessmentPreview(facts, _determine(facts))


# The facts triage asks (logic/front_door/triage.py) that the assessment confirms or changes,
# by their path in the assessment's inputs, with the form's label.
TRIAGE_FACTS: dict[str, str] = {
    "applicant.immigration_status": "Immigration status",
    "applicant.vulnerability": "Significantly more vulnerable than an ordinary person",
    "housing.has_accommodation": "Has accommodation they are entitled to occupy",
    "housing.likely_to_lose_on": "Likely to lose it on",
    "housing.section_21.expires_on": "Section 21 notice expires on",
    "housing.domestic_abuse": "Staying would probably lead to domestic abuse",
    "housing.emergency": "Emergency (fire, flood, disaster)",
    "housing.domestic_abuse_victim": "Who is at risk of the abuse",
    "applicant.relevant_child": "A relevant child (left care at 16 or 17)",
    "applicant.owed_s20_duty": "Owed accommodation by children's services (s.20)",
}


@dataclass(frozen=True)
class AssessmentStart:
    """What the assessment form starts from: the last assessment, else what triage recorded,
    else nothing (and then nothing is assumed: the officer answers every question)."""

    source: str  # "assessment", "triage" or "none"
    said: str  # where the answers come from, in the officer's words
    applicant: dict[str, Any]
    housing: dict[str, Any]
    local_connection: dict[str, Any]
    intentionality: dict[str, Any] | None
    triage: dict[str, Any] | None  # the triage answer for each TRIAGE_FACTS path
    # the s.189A(1)(a)-(c) answers in the officer's words: a reassessment starts from the last
    # ones, so that what was written once is confirmed or changed, never typed again
    written: dict[str, str] = field(default_factory=dict)
    # what the last assessment found about each member still in the household, by person id
    members: dict[int, dict[str, Any]] = field(default_factory=dict)
    # the dates the case records (never typed): the prevention duty's start, the decision's
    # notification (from the letter issued); and the dates typed at the last assessment
    prevention_duty_started_on: date | None = None
    decision_notified_on: date | None = None
    typed_history: dict[str, date | None] = field(default_factory=dict)
    # the H-CLIC categories the form starts from: the last assessment's, else where triage
    # found them living (accommodation at application), else nothing chosen
    categories: hclic.AssessmentCategories = field(default_factory=hclic.AssessmentCategories)


def _dated(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _housing_from_facts(housing: dict[str, Any]) -> dict[str, Any]:
    s21 = housing.get("section_21") or None
    return {"has_accommodation": bool(housing.get("has_accommodation")),
            "reasonable_to_occupy": housing.get("reasonable_to_occupy", True),
            "domestic_abuse": bool(housing.get("domestic_abuse")),
            "emergency": housing.get("emergency") or None,
            "likely_to_lose_on": _dated(housing.get("likely_to_lose_on")),
            "section_21": {"valid": bool(s21.get("valid", True)), "expires_on": _dated(s21.get("expires_on"))}
            if s21 else None,
            "domestic_abuse_victim": housing.get("domestic_abuse_victim") or "applicant",
            "overnight_carer": bool(housing.get("overnight_carer"))}


def _valid_notice_expiry(s21: dict[str, Any] | None) -> Any:
    return s21.get("expires_on") if s21 and s21.get("valid", True) else None


def _triage_values(found) -> dict[str, Any]:
    """Each triage fact as the assessment's inputs hold it (an unknown status is no answer)."""
    status = found.answers.get("immigration_status")
    housing = _housing_from_facts(found.facts.get("housing", {}))
    return {
        "applicant.immigration_status": None if status == codes.NOT_KNOWN else status,
        "applicant.vulnerability": sorted(found.facts.get("applicant", {}).get("vulnerability") or []),
        "housing.has_accommodation": housing["has_accommodation"],
        "housing.likely_to_lose_on": housing["likely_to_lose_on"],
        "housing.section_21.expires_on": _valid_notice_expiry(housing["section_21"]),
        "housing.domestic_abuse": housing["domestic_abuse"],
        "housing.emergency": housing["emergency"],
        "housing.domestic_abuse_victim": _victim(housing),
        "applicant.relevant_child": bool(found.facts.get("applicant", {}).get("relevant_child")),
        "applicant.owed_s20_duty": bool(found.facts.get("applicant", {}).get("owed_s20_duty")),
    }


def _victim(housing: dict[str, Any]) -> str | None:
    """Who is at risk of the abuse, where the housing records abuse at all."""
    return (housing.get("domestic_abuse_victim") or "applicant") if housing.get("domestic_abuse") else None


def _given_values(applicant: dict[str, Any], housing: dict[str, Any]) -> dict[str, Any]:
    s21 = housing.get("section_21") or {}
    return {
        "applicant.immigration_status": applicant.get("immigration_status"),
        "applicant.vulnerability": sorted(applicant.get("vulnerability") or []),
        "housing.has_accommodation": bool(housing.get("has_accommodation")),
        "housing.likely_to_lose_on": housing.get("likely_to_lose_on"),
        "housing.section_21.expires_on": _valid_notice_expiry(s21),
        "housing.domestic_abuse": bool(housing.get("domestic_abuse")),
        "housing.emergency": housing.get("emergency") or None,
        "housing.domestic_abuse_victim": _victim(housing),
        "applicant.relevant_child": bool(applicant.get("relevant_child")),
        "applicant.owed_s20_duty": bool(applicant.get("owed_s20_duty")),
    }


def changed_from_triage(start: AssessmentStart, applicant: dict[str, Any], housing: dict[str, Any]
                        ) -> dict[str, tuple[Any, Any]]:
    """The triage facts the officer has changed, by label: (what triage recorded, what it is now).
    A question triage left unanswered (immigration status not known) is confirmed, not changed."""
    if start.triage is None:
        return {}
    given = _given_values(applicant, _iso(housing))
    was = _iso(start.triage)
    unanswered = {path for path, value in was.items() if path == "applicant.immigration_status" and value is None}
    return {TRIAGE_FACTS[path]: (was[path], given[path]) for path in TRIAGE_FACTS
            if path not in unanswered and was[path] != given[path]}


_TRIAGE_VOCABULARIES = {"Immigration status": codes.IMMIGRATION_STATUSES,
                        "Significantly more vulnerable than an ordinary person": codes.VULNERABILITIES,
                        "Emergency (fire, flood, disaster)": codes.EMERGENCIES,
                        "Who is at risk of the abuse": codes.DOMESTIC_ABUSE_VICTIMS}


def _in_words(label: str, value: Any) -> str:
    if value is None or value == []:
        return "none" if label in _TRIAGE_VOCABULARIES else "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_in_words(label, v) for v in value)
    if label in _TRIAGE_VOCABULARIES:
        return _TRIAGE_VOCABULARIES[label].label(value)
    try:
        return _long(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def triage_changes_in_words(changed: dict[str, tuple[Any, Any]]) -> list[str]:
    """Each change from triage as the officer reads it: "Has accommodation ...: yes at triage, now no"."""
    return [f"{label}: {_in_words(label, was)} at triage, now {_in_words(label, now)}"
            for label, (was, now) in changed.items()]


def _members_found(facts: dict[str, Any], people: list[Person]) -> dict[int, dict[str, Any]]:
    """What an assessment's facts found about each member, by the person it describes: a member's
    facts are matched to the household's person of the same relation, birth date and sex (the
    first not yet matched, in the order the facts were built)."""
    out: dict[int, dict[str, Any]] = {}
    unmatched = list(facts.get("household", []))
    for p in people:
        if p.relation == "applicant":
            continue
        match = next((m for m in unmatched if m.get("relation") == p.relation and m.get("sex") == p.sex
                      and m.get("dob") == p.dob.isoformat()), None)
        if match is None:
            continue
        unmatched.remove(match)
        out[p.id] = {"vulnerability": list(match.get("vulnerability") or []),
                     "expected_babies": int(match.get("expected_babies", 1)),
                     "needs_own_room": bool(match.get("needs_own_room")),
                     "local_connection_here": bool(match.get("local_connection_here"))}
    return out


def _start(session: Session, case: HousingCase) -> AssessmentStart:
    found = triage_facts_for_case(session, case.id)
    triage = _triage_values(found) if found is not None else None
    latest = latest_assessment(session, case.id)
    today = clock.today()
    stored = {"prevention_duty_started_on": _latest_duty_started(session, case, "prevention", today),
              "decision_notified_on": stored_decision_notified_on(session, case.id, today)}
    if latest is not None:
        facts = json.loads(latest.facts_json)
        applicant = {k: v for k, v in facts["applicant"].items() if k not in ("dob", "sex", "pregnant")}
        history = facts.get("history") or {}
        typed = {"review_requested_on": _dated(history.get("review_requested_on")),
                 "decision_notified_on": _dated(history.get("decision_notified_on"))}
        recorded = hclic.stored_categories(latest)
        said = f"From the assessment of {_long(latest.assessed_on)}: confirm or change each answer."
        if recorded is None:
            said += (" That assessment did not record the H-CLIC categories (accommodation, reason for "
                     "loss, support needs, employment): answer them now.")
        return AssessmentStart(
            "assessment", said,
            applicant, _housing_from_facts(facts.get("housing", {})), facts.get("local_connection") or {},
            facts.get("intentionality"), None,
            {"circumstances": latest.circumstances, "housing_needs": latest.housing_needs,
             "support_needs": latest.support_needs},
            members=_members_found(facts, _members_of(session, case)), typed_history=typed,
            categories=recorded or hclic.AssessmentCategories(), **stored)
    if found is not None:
        said = found.facts.get("applicant", {})
        applicant = {"immigration_status": triage["applicant.immigration_status"],
                     "vulnerability": triage["applicant.vulnerability"], "habitually_resident": True,
                     **{k: True for k in ("relevant_child", "owed_s20_duty") if said.get(k)}}
        housing = _housing_from_facts(found.facts.get("housing", {}))
        where = found.answers.get("current_accommodation")
        where = where if where in codes.ACCOMMODATION_TYPES else None
        said = (f"From the triage of {_long(found.recorded_on)} by {found.recorded_by}: confirm or "
                "change each answer; a change from triage is kept on the case with your reason.")
        said += (" The accommodation at application is where triage found them living; the other H-CLIC "
                 "categories were not asked at triage: answer them." if where else
                 " The H-CLIC categories (accommodation, reason for loss, support needs, employment) "
                 "were not asked at triage: answer them.")
        return AssessmentStart(
            "triage", said, applicant, housing, {}, None, triage,
            categories=hclic.AssessmentCategories(accommodation_at_application=where), **stored)
    return AssessmentStart("none", "Nothing was recorded at triage for this case: answer every question.",
                           {"immigration_status": None, "habitually_resident": True, "vulnerability": []},
                           _housing_from_facts({}), {}, None, None, **stored)


def asks_children_act(*, dob: date, on: date) -> bool:
    """Whether the assessment asks the Children Act questions (a relevant child, a s.20 duty):
    the engine reads them only for a young person (16 or 17, Priority Need Order 2002 art.3;
    the ages are in the statutory policy file)."""
    law, _ = policies(on)
    return young_person(dob, on, law)


def _long(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def assessment_start(*, case_id: int, viewer_id: int) -> AssessmentStart:
    """What the s.189A assessment form starts from (the last assessment, else triage)."""
    with session_scope() as session:
        _, case = homelessness_case_for(session, viewer_id, case_id)
        return _start(session, case)


def _engine_value(determination, field: str) -> Any:
    return getattr(determination, field)


def record_assessment(*, case_id: int, expected_version: int, officer_id: int, assessed_on: date,
                      circumstances: str, housing_needs: str, support_needs: str,
                      applicant: dict[str, Any], housing: dict[str, Any],
                      intentionality: dict[str, Any] | None = None,
                      local_connection: dict[str, Any] | None = None,
                      dependent_person_ids: list[int] | None = None,
                      away_person_ids: list[int] | None = None,
                      member_facts: dict[int, dict[str, Any]] | None = None,
                      history: dict[str, Any] | None = None,
                      decisions: dict[str, Any] | None = None,
                      override_reasons: dict[str, str] | None = None,
                      fact_change_reason: str | None = None,
                      categories: hclic.AssessmentCategories | None = None,
                      today: date | None = None) -> int:
    """Save a (re)assessment: the facts, the engine's determination with its reasons, and the
    officer's own decisions; where the officer decides otherwise, their reason; and the H-CLIC
    categories (each required). Never overwrites: a reassessment is a new row."""
    today = today or clock.today()
    check_date(assessed_on, "assessed_on", today)
    circumstances = clean_text(circumstances, "circumstances", "the circumstances that caused the "
                               "homelessness or threat (s.189A(1)(a))")
    housing_needs = clean_text(housing_needs, "housing_needs", "the housing the household needs "
                               "(s.189A(1)(b))")
    support_needs = clean_text(support_needs, "support_needs", "the support needed to have and keep "
                               "accommodation, or 'none identified' (s.189A(1)(c))")
    law, _ = policies(assessed_on)
    decisions = dict(decisions or {})
    reasons = {k: (v or "").strip() for k, v in (override_reasons or {}).items()}
    for key in decisions:
        if key not in DECISION_FIELDS:
            raise FieldError(f"decisions.{key}", f"unknown decision; known: {', '.join(DECISION_FIELDS)}",
                             FIELD_LABELS)
    with session_scope() as session:
        officer, case = homelessness_case_for(session, officer_id, case_id, acting=True,
                                              expected_version=expected_version)
        require_open(case)
        facts = _facts_for_case(session, case, assessed_on, law, applicant=applicant, housing=housing,
                                intentionality=intentionality, local_connection=local_connection or {},
                                dependent_person_ids=dependent_person_ids, away_person_ids=away_person_ids,
                                member_facts=member_facts, history=history)
        start = _start(session, case)
        changed = changed_from_triage(start, applicant, housing)
        change_reason = (fact_change_reason or "").strip()
        if changed and not change_reason:
            raise FieldError("fact_change_reason", f"you changed {', '.join(changed)} from what triage "
                             "recorded: say why (the change is kept on the case)", FIELD_LABELS)
        determination = _determine(facts)
        officer_view: dict[str, Any] = {}
        overrides: dict[str, dict[str, Any]] = {}
        for key in DECISION_FIELDS:
            engine_value = _engine_value(determination, key)
            value = decisions.get(key, engine_value)
            if key == "homelessness" and value not in HOMELESSNESS_CODES:
                raise FieldError("decisions.homelessness", f"choose one of {', '.join(HOMELESSNESS_CODES)}",
                                 FIELD_LABELS)
            if key == "duty" and value not in DUTY_CODES:
                raise FieldError("decisions.duty", f"choose one of {', '.join(DUTY_CODES)}",
                                 FIELD_LABELS)
            if key not in ("homelessness", "duty") and not isinstance(value, bool):
                raise FieldError(f"decisions.{key}", "answer yes or no", FIELD_LABELS)
            officer_view[key] = value
            if value != engine_value:
                if not reasons.get(key):
                    raise FieldError(
                        f"override_reasons.{key}",
                        f"you decided {_say(value)} where the engine found {_say(engine_value)} on "
                        f"'{DECISION_FIELDS[key]}': say why, for the record and the decision letter",
                        FIELD_LABELS)
                overrides[key] = {"engine": engine_value, "officer": value, "reason": reasons[key]}
        # the H-CLIC categories, each required (asked after the decisions, which the law needs first)
        categories = hclic.check_assessment(categories)
        # the duty decided is the stage the case goes to: the trainee's level must cover it too
        owed = codes.casework_duty(officer_view["duty"])
        if owed is not None:
            may_act_on_case(session, officer, case, (case.stage, owed)).require()
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        row = HomelessnessAssessment(
            case_id=case_id, assessed_on=assessed_on, assessed_by_id=officer_id,
            circumstances=circumstances, housing_needs=housing_needs, support_needs=support_needs,
            facts_json=json.dumps(facts, sort_keys=True),
            determination_json=json.dumps(determination.to_json_dict(), sort_keys=True, default=str),
            engine_duty=determination.duty, overrides_json=json.dumps(overrides) if overrides else None,
            accommodation_at_application=categories.accommodation_at_application,
            last_settled_accommodation=categories.last_settled_accommodation,
            reason_for_loss=categories.reason_for_loss, employment=categories.employment,
            support_need_codes=categories.support_needs_json(),
            **officer_view,
        )
        session.add(row)
        session.flush()
        previous = session.exec(select(HomelessnessAssessment.id).where(
            HomelessnessAssessment.case_id == case_id, HomelessnessAssessment.id != row.id)).first()
        summary = ("Reassessment" if previous else "Assessment") + (
            f" recorded (s.189A): {_say(officer_view['homelessness'])}, duty {_say(officer_view['duty'])}")
        why = "; ".join(f"{DECISION_FIELDS[k]}: officer decided {_say(v['officer'])}, engine found "
                        f"{_say(v['engine'])}, because {v['reason']}" for k, v in overrides.items())
        if changed:
            record_case_event(session, case_id=case_id, actor_id=officer_id, kind="triage_facts_changed",
                              summary="The assessment changed what triage recorded: " + ", ".join(changed),
                              reason=change_reason, changes=changed)
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="assessment_recorded",
                          summary=summary + (" — officer decided otherwise than the engine" if overrides else ""),
                          reason=why or None)
        record_audit(session, actor_id=officer_id, action="create", entity="homelessness_assessment",
                     entity_id=row.id)
        return row.id


def _say(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


# --- stages -------------------------------------------------------------------------------------


def change_stage(*, case_id: int, expected_version: int, officer_id: int, to_stage: str, on: date,
                 reason: str, end_reason: str | None = None, ending: hclic.DutyEnding | None = None,
                 today: date | None = None) -> str:
    """Move the case to its next stage, if the law allows it now; the duty rows follow.

    Ending a prevention or relief duty for a reason (the stage "duty ended") records on the duty
    row, in the same transaction, the council's main activity and, when accommodation was
    secured, its kind (``ending``; H-CLIC): see :func:`_duty_ending`."""
    today = today or clock.today()
    check_date(on, "on", today)
    reason = clean_text(reason, "reason", "why (the officer's reason is kept on the case)")
    law, casework = policies(on)
    with session_scope() as session:
        case = session.get(HousingCase, case_id)
        here = case.stage if case is not None else stages.ASSESSMENT
        acting = (here,) if to_stage in (stages.DUTY_ENDED, stages.ADVICE_ONLY) else (here, to_stage)
        officer, case = homelessness_case_for(session, officer_id, case_id, acting_on=acting,
                                              expected_version=expected_version)
        snap = snapshot(session, case, today)
        plan = stages.check_transition(snap, to_stage, on, today, end_reason=end_reason,
                                       law=law, casework=casework)
        if plan.end_reason == stages.NON_COOPERATION:
            may_give_cooperation_notice(officer, on=on).require()
        recorded = None
        if plan.ends_duty_id is not None:
            ended = session.get(HomelessnessDuty, plan.ends_duty_id)
            recorded = _duty_ending(ended.duty, plan.end_reason, ending, required=to_stage == stages.DUTY_ENDED)
        apply_transition(session, case, plan, officer_id=officer_id, reason=reason,
                         expected_version=expected_version, ending=recorded)
        return to_stage


def apply_transition(session: Session, case: HousingCase, plan: stages.TransitionPlan, *, officer_id: int,
                     reason: str, expected_version: int, values: dict[str, Any] | None = None,
                     ending: hclic.DutyEnding | None = None) -> int | None:
    """Write a move the rules planned (`stages.check_transition`, `stages.review_outcome_plan`):
    the case's new stage (with `values`, e.g. reopening a closed case), the duty it ends and the
    duty it starts, each with its case event, the register's band following the duties, and the
    audit row. `ending` is what the ended duty's row records of its ending for H-CLIC (the main
    activity and the accommodation secured). Returns the id of the duty started, if any."""
    case_id, on, to_stage = case.id, plan.on, plan.to_stage
    claim_case_version(session, case_id=case_id, expected_version=expected_version,
                       values={"stage": to_stage, **(values or {})})
    when = on.strftime("%d %b %Y")
    duty_changes: list[str] = []
    started_id = None
    if plan.ends_duty_id is not None:
        duty = session.get(HomelessnessDuty, plan.ends_duty_id)
        duty_changes.append(f"the {stages.DUTY_LABELS[duty.duty]} on {case.reference} ended on {when}")
        duty.ended_on, duty.end_reason, duty.ended_by_id, duty.end_note = on, plan.end_reason, officer_id, reason
        if ending is not None:
            duty.main_activity, duty.accommodation_secured = ending.main_activity, ending.accommodation_secured
        if plan.end_reason == stages.NON_COOPERATION:
            # the s.193B(2) notice may have been issued before the ending was recorded: it is
            # the ending given in writing (logic.casework.letter_sources.notify_end)
            given = session.exec(select(IssuedLetter.notified_on).where(
                IssuedLetter.case_id == case_id, IssuedLetter.letter_type == "s193b_notice",
                IssuedLetter.notified_on >= duty.started_on)
                .order_by(IssuedLetter.notified_on.desc())).first()
            if given is not None:
                duty.end_notified_on, duty.end_notified_by_id = given, officer_id
        session.add(duty)
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="duty_ended",
            summary=f"The {stages.DUTY_LABELS[duty.duty]} ended on {on.isoformat()}: {plan.end_label} "
                    f"({plan.citation.split(';')[0]})",
            reason=reason, changes={"duty_end_reason": (None, plan.end_reason)})
    if plan.starts_duty is not None:
        latest = latest_assessment(session, case_id)
        started = HomelessnessDuty(case_id=case_id, duty=plan.starts_duty, started_on=on,
                                   started_by_id=officer_id, assessment_id=latest.id if latest else None)
        session.add(started)
        session.flush()
        started_id = started.id
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="duty_started",
            summary=f"The {stages.DUTY_LABELS[plan.starts_duty]} began on {on.isoformat()}",
            reason=reason)
        duty_changes.append(f"owed the {stages.DUTY_LABELS[plan.starts_duty]} on {case.reference} "
                            f"from {when}")
    if duty_changes:
        # the register's band reads the household's duties (s.166A(3)(b)); imported here
        # because the register reads casework's duties at import
        from logic.register.service import follow_homelessness_duty

        follow_homelessness_duty(session, household_id=case.household_id, actor_id=officer_id,
                                 on=on, why="; ".join(duty_changes))
    record_case_event(
        session, case_id=case_id, actor_id=officer_id, kind="stage_changed",
        summary=f"{plan.summary} ({plan.citation})", reason=reason,
        changes={"stage": (plan.from_stage, to_stage)})
    record_audit(session, actor_id=officer_id, action="update", entity="case", entity_id=case_id,
                 detail=f"stage {plan.from_stage} -> {to_stage}")
    return started_id


def _duty_ending(duty: str, end_reason: str | None, ending: hclic.DutyEnding | None, *,
                 required: bool) -> hclic.DutyEnding:
    """What the duty row records of its ending for H-CLIC. Required where the officer ends a
    prevention or relief duty for a reason; where the duty ends because the case moves on (from
    prevention to relief, or relief's 56 days to the main duty decision) it is recorded if given."""
    if required or (ending is not None and ending.main_activity):
        return hclic.check_duty_ending(duty, end_reason, ending)
    return hclic.DutyEnding()


def record_duty_notified(*, case_id: int, expected_version: int, officer_id: int, notified_on: date,
                         today: date | None = None) -> None:
    """Record that the open duty was notified in writing (letters come later; the date is kept)."""
    today = today or clock.today()
    check_date(notified_on, "notified_on", today)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id,
                                        acting=True, expected_version=expected_version)
        require_open(case)
        duty = session.exec(select(HomelessnessDuty).where(HomelessnessDuty.case_id == case_id,
                                                           HomelessnessDuty.ended_on.is_(None))).first()
        if duty is None:
            raise FieldError("duty", "no duty is open on this case to notify", FIELD_LABELS)
        if duty.notified_on is not None:
            raise FieldError("notified_on", f"the duty was already notified on {duty.notified_on.isoformat()}",
                             FIELD_LABELS)
        if notified_on < duty.started_on:
            raise FieldError("notified_on", "a duty is notified on or after the day it began",
                             FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        duty.notified_on, duty.notified_by_id = notified_on, officer_id
        session.add(duty)
        record_case_event(session, case_id=case_id, actor_id=officer_id, kind="duty_notified",
                          summary=f"The {stages.DUTY_LABELS[duty.duty]} was notified in writing on "
                                  f"{notified_on.isoformat()} (s.184(3))",
                          changes={"notified_on": (None, notified_on)})
        record_audit(session, actor_id=officer_id, action="update", entity="homelessness_duty",
                     entity_id=duty.id, detail="notified")


def may_give_cooperation_notice(officer: Actor, *, on: date) -> Permission:
    """Whether `officer` may give the s.193B(2) notice ending a duty for refusing to co-operate:
    the roles the council's policy names (casework.toml cooperation.notice_roles, as at `on`)."""
    _, casework = policies(on)
    roles = casework.notice_roles
    words = " or ".join(codes.ROLES.words(r) for r in roles)
    if officer.role not in roles:
        return refused(f"A notice for refusing to co-operate (s.193B(2)) is given by a {words}, not by "
                       f"the caseworker alone ({casework.cite('cooperation.notice_roles')}): ask a "
                       f"{words} to decide it.")
    return allowed(f"A {words} gives the notice for refusing to co-operate (s.193B(2)).")


def give_cooperation_warning(*, case_id: int, expected_version: int, officer_id: int, warned_on: date,
                             steps_refused: str, today: date | None = None) -> int:
    """The s.193B(4) warning: the steps refused, and that a notice may follow after the period."""
    today = today or clock.today()
    check_date(warned_on, "warned_on", today)
    steps_refused = clean_text(steps_refused, "steps_refused", "which steps of the plan the "
                               "applicant has deliberately and unreasonably refused to take")
    _, casework = policies(warned_on)
    with session_scope() as session:
        _, case = homelessness_case_for(session, officer_id, case_id,
                                        acting=True, expected_version=expected_version)
        require_open(case)
        snap = snapshot(session, case, today)
        duty = stages.check_warning(snap, warned_on, today)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        warning = CooperationWarning(case_id=case_id, duty_id=duty.id, warned_on=warned_on,
                                     warned_by_id=officer_id, steps_refused=steps_refused)
        session.add(warning)
        session.flush()
        record_case_event(
            session, case_id=case_id, actor_id=officer_id, kind="cooperation_warning",
            summary=f"Warning under s.193B(4) given on {warned_on.isoformat()}: a notice ending the "
                    f"{stages.DUTY_LABELS[duty.duty]} may follow after {casework.warning_period_days} days",
            reason=steps_refused)
        record_audit(session, actor_id=officer_id, action="create", entity="cooperation_warning",
                     entity_id=warning.id)
        return warning.id


# --- what the case page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class DutyClock:
    duty: str
    label: str
    started_on: date
    day: int
    ends_on: date | None
    days_left: int | None
    notified_on: date | None

    @property
    def cooperation_warning_applies(self) -> bool:
        """A s.193B(4) warning is given only while this duty runs (stages.check_warning)."""
        return self.duty in stages.COOPERATION_WARNING_DUTIES

    @property
    def period_days(self) -> int | None:
        """How many days the duty's period runs (prevention s.195(8)(b), relief s.189B(4)), as
        the engine dated its end from the law in force when it began; None if it has no end."""
        return (self.ends_on - self.started_on).days + 1 if self.ends_on else None


@dataclass(frozen=True)
class AssessmentView:
    id: int
    assessed_on: date
    assessed_by: str
    circumstances: str
    housing_needs: str
    support_needs: str
    decisions: dict[str, Any]
    engine: dict[str, Any]
    overrides: dict[str, Any]
    facts: dict[str, Any]
    # the H-CLIC categories as (question, answer) in words; "Not recorded" on old assessments
    categories: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class StepView:
    id: int
    owner: str
    description: str
    due_on: date | None
    created_on: date
    status: str
    history: list[tuple[str, date, str, str | None]]


@dataclass(frozen=True)
class TransitionOption:
    to_stage: str
    label: str
    end_reasons: dict[str, str]  # code -> officer's words (only when the move ends a duty)


@dataclass(frozen=True)
class CaseworkSummary:
    case_id: int
    reference: str
    stage: str
    stage_label: str
    status: str
    version: int
    clock: DutyClock | None
    duties: list[dict[str, Any]]
    assessments: list[AssessmentView]
    steps: list[StepView]
    reviews: list[tuple[date, str, str]]
    placements: list[dict[str, Any]]
    storage: list[dict[str, Any]]
    financial_assistance: list[dict[str, Any]]
    warnings: list[date]
    flags: list[stages.Flag]
    deadlines: list[tuple[stages.DueItem, str]]
    transitions: list[TransitionOption]
    may_act: bool
    family: bool
    as_at: date | None = None  # the day the summary was read as at: the law its numbers come from
    # (recorded on, agreed, why not, by) oldest first: the last is the plan's state (s.189A(5)-(6))
    plan_agreements: list[tuple[date, bool, str, str]] = field(default_factory=list)
    plan_copies: list[tuple[date, str]] = field(default_factory=list)  # (given on, by) s.189A(8)

    @property
    def may_record(self) -> bool:
        """Whether the viewer may record anything on the case now: it is open, and its stage is
        within their competency (`may_act`)."""
        return self.status == "open" and self.may_act


def casework_summary(*, case_id: int, viewer_id: int, today: date | None = None) -> CaseworkSummary:
    """Everything the casework section of the case record shows."""
    today = today or clock.today()
    law, casework = policies(today)
    with session_scope() as session:
        viewer, case = homelessness_case_for(session, viewer_id, case_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        snap = snapshot(session, case, today)
        duty_clock = None
        duty = snap.open_duty
        if duty is not None:
            ends = None
            if duty.duty == "relief":
                ends = law_deadlines.relief_duty_ends(duty.started_on, law).on
            elif duty.duty == "prevention":
                ends = law_deadlines.prevention_period_ends(duty.started_on, law).on
            duty_clock = DutyClock(duty.duty, stages.DUTY_LABELS[duty.duty], duty.started_on,
                                   day_of_duty(duty.started_on, today), ends,
                                   (ends - today).days if ends else None, duty.notified_on)
        assessments = session.exec(select(HomelessnessAssessment).where(HomelessnessAssessment.case_id == case_id)
                                   .order_by(HomelessnessAssessment.assessed_on.desc(),
                                             HomelessnessAssessment.id.desc())).all()
        steps = session.exec(select(PlanStep).where(PlanStep.case_id == case_id).order_by(PlanStep.id)).all()
        history = step_statuses(session, [s.id for s in steps])
        reviews = session.exec(select(PlanReview).where(PlanReview.case_id == case_id)
                               .order_by(PlanReview.reviewed_on.desc())).all()
        agreements = session.exec(select(PlanAgreement).where(PlanAgreement.case_id == case_id)
                                  .order_by(PlanAgreement.recorded_on, PlanAgreement.id)).all()
        copies = session.exec(select(PlanCopyGiven).where(PlanCopyGiven.case_id == case_id)
                              .order_by(PlanCopyGiven.given_on, PlanCopyGiven.id)).all()
        placements = session.exec(select(Placement).where(Placement.case_id == case_id)
                                  .order_by(Placement.starts_on.desc())).all()
        storage = session.exec(select(BelongingsStorage).where(BelongingsStorage.case_id == case_id)).all()
        money = session.exec(select(FinancialAssistance).where(FinancialAssistance.case_id == case_id)
                             .order_by(FinancialAssistance.id.desc())).all()
        duties = session.exec(select(HomelessnessDuty).where(HomelessnessDuty.case_id == case_id)
                              .order_by(HomelessnessDuty.started_on, HomelessnessDuty.id)).all()
        may_act = bool(may_act_on_case(session, viewer, case))
        transitions = []
        if case.status == "open":
            for to in stages.TRANSITIONS.get(case.stage, ()):
                reasons = {}
                if to == stages.DUTY_ENDED and duty is not None:
                    # each ending with the Act's provision: the officer chooses a cited move
                    reasons = {code: f"{label} ({cite.split(';')[0].replace('Housing Act 1996 ', '')})"
                               for code, (label, cite) in stages.END_REASONS[duty.duty].items()}
                transitions.append(TransitionOption(to, stages.STAGE_LABELS[to], reasons))
        return CaseworkSummary(
            case_id=case.id, reference=case.reference, stage=case.stage,
            stage_label=stages.STAGE_LABELS.get(case.stage, case.stage), status=case.status,
            version=case.version, clock=duty_clock,
            duties=[{"duty": stages.DUTY_LABELS[d.duty], "started_on": d.started_on, "ended_on": d.ended_on,
                     "end_reason": stages.end_reason_label(d.duty, d.end_reason),
                     "notified_on": d.notified_on,
                     "main_activity": codes.MAIN_ACTIVITIES.get(d.main_activity),
                     "accommodation_secured": codes.ACCOMMODATION_SECURED.get(d.accommodation_secured)}
                    for d in duties],
            assessments=[AssessmentView(
                a.id, a.assessed_on, names.get(a.assessed_by_id, "?"), a.circumstances, a.housing_needs,
                a.support_needs,
                {k: getattr(a, k) for k in DECISION_FIELDS}, json.loads(a.determination_json),
                json.loads(a.overrides_json) if a.overrides_json else {}, json.loads(a.facts_json),
                hclic.in_words(hclic.stored_categories(a)))
                for a in assessments],
            steps=[StepView(s.id, s.owner, s.description, s.due_on, s.created_on,
                            history.get(s.id, [("open",)])[-1][0],
                            [(st, on, names.get(by, "?"), note) for st, on, by, note in history.get(s.id, [])])
                   for s in steps],
            reviews=[(r.reviewed_on, names.get(r.reviewed_by_id, "?"), r.note) for r in reviews],
            plan_agreements=[(r.recorded_on, r.agreed, r.reason or "", names.get(r.recorded_by_id, "?"))
                             for r in agreements],
            plan_copies=[(r.given_on, names.get(r.given_by_id, "?")) for r in copies],
            placements=[{"id": p.id, "type": p.placement_type, "address": p.address,
                         "cost_per_night": p.cost_per_night_pence / 100, "starts_on": p.starts_on,
                         "planned_end_on": p.planned_end_on, "status": p.status,
                         "requested_by": names.get(p.requested_by_id, "?"),
                         "decided_by": names.get(p.decided_by_id, "") if p.decided_by_id else "",
                         "decision_reason": p.decision_reason or "", "ended_on": p.ended_on,
                         "legal_basis": codes.TA_LEGAL_BASES.cited(p.legal_basis)
                         if p.legal_basis in codes.TA_LEGAL_BASES else codes.TA_BASIS_NOT_RECORDED}
                        for p in placements],
            storage=[{"id": s.id, "stored_on": s.stored_on, "description": s.description,
                      "stored_with": s.stored_with, "released_on": s.released_on} for s in storage],
            financial_assistance=[{"id": f.id, "kind": f.kind, "amount": f.amount_pence / 100,
                                   "property_address": f.property_address,
                                   "rent_share_percent": f.rent_share_percent,
                                   "affordability": f.affordability, "status": f.status,
                                   "decision_reason": f.decision_reason or ""} for f in money],
            warnings=sorted(w for d, w in snap.warnings if duty is not None and d == duty.id),
            flags=stages.compliance_flags(snap, today, law, casework),
            deadlines=sorted(((item, stages.due_status(item, today))
                              for item in stages.deadlines_for(snap, today, law, casework)),
                             key=lambda pair: pair[0].due_on),
            transitions=transitions, may_act=may_act, family=snap.family,
            as_at=today,
        )
