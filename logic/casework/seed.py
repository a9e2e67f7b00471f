"""Demo casework for the seeded homelessness cases: an assessment decided by the engine, duty
rows whose clocks match each case's stage, personalised housing plans, placements and a few
requests waiting for approval -- with some of the problems the compliance guard exists to find
(a duty not notified, no plan, a plan not reviewed, a homeless applicant left on prevention, a
family in relief with no interim accommodation, a family near the B&B limit).

Called by the demo seed with its session, random generator and day: the rows are added to the
caller's transaction, never committed here.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from sqlmodel import Session, select

from logic.casework.service import DECISION_FIELDS, build_facts
from logic.law import determine, parse_facts, policy_as_at
from logic.models import HousingCase, Person
from logic.models.casework import (
    FinancialAssistance,
    HomelessnessAssessment,
    HomelessnessDuty,
    Placement,
    PlanReview,
    PlanStep,
    PlanStepStatus,
)

APPLICANT_STEPS = [
    "Bring proof of income and the last three months' bank statements",
    "Register with two letting agents and send the officer their details",
    "Apply for the housing register online",
    "Ask the landlord for a reference",
    "Attend the tenancy sustainment appointment",
    "Look at the rooms on the list of local landlords and report back",
]
COUNCIL_STEPS = [
    "Contact the landlord to negotiate more time (landlord mediation)",
    "Refer to the debt advice service about the rent arrears",
    "Check Discretionary Housing Payment eligibility",
    "Search the private rented sector offer list for a two-bedroom home",
    "Refer to the tenancy sustainment team",
    "Ask children's services for a joint assessment",
]
# An address matches its type: the B&B six-week rule reads the type, so a B&B typed as a
# self-contained let would hide a family past the limit.
ADDRESSES = {
    "bed_and_breakfast": ["Kings Court B&B, 4 Station Road", "Cedar Lodge B&B, 9 Park Terrace"],
    "nightly_let": ["Flat 3, 22 Albion Street", "Unit 7, Harbour House", "12 Orchard Way"],
}
# The duty a seeded placement is made under, by the case's stage (codes.TA_LEGAL_BASES)
BASIS_OF_STAGE = {"relief": "s188_1_interim", "main_duty_decision": "s188_1_interim",
                  "main_duty": "s193_2_main_duty"}


def _assessment(session: Session, case: HousingCase, people: list[Person], on: date, homeless: bool,
                rng: random.Random, relief_started: date | None = None) -> HomelessnessAssessment:
    law = policy_as_at(on)
    housing = {"has_accommodation": False} if homeless else {
        "has_accommodation": True, "likely_to_lose_on": (on + timedelta(days=rng.randrange(20, 50))).isoformat()}
    facts = build_facts(people=people, assessed_on=on, law=law, applicant={"immigration_status": "british_irish"},
                        housing=housing, intentionality=None,
                        local_connection={"months_resident_last_12": 12, "years_resident_last_5": 4},
                        relief_duty_started_on=relief_started)
    determination = determine(parse_facts(facts))
    row = HomelessnessAssessment(
        case_id=case.id, assessed_on=on, assessed_by_id=case.assigned_officer_id,
        circumstances=rng.choice(["Private landlord served a section 21 notice to sell the property.",
                                  "Parents asked the applicant to leave after overcrowding became too much.",
                                  "Relationship ended; the applicant left the joint home.",
                                  "Rent arrears after a cut in working hours."]),
        housing_needs=rng.choice(["A home near the children's school.", "A one-bedroom home on a bus route.",
                                  "Ground-floor accommodation (mobility)."]),
        support_needs=rng.choice(["None identified.", "Budgeting support.", "Mental health support (GP-led)."]),
        facts_json=json.dumps(facts, sort_keys=True),
        determination_json=json.dumps(determination.to_json_dict(), sort_keys=True, default=str),
        engine_duty=determination.duty,
        **{k: getattr(determination, k) for k in DECISION_FIELDS},
    )
    session.add(row)
    session.flush()
    return row


def _plan(session: Session, case: HousingCase, start: date, today: date, rng: random.Random,
          both_sides: bool, reviewed: bool) -> None:
    owners = ["applicant", "council"] if both_sides else ["council"]
    for owner in owners:
        for text in rng.sample(APPLICANT_STEPS if owner == "applicant" else COUNCIL_STEPS, 2):
            step = PlanStep(case_id=case.id, owner=owner, description=text, created_on=start,
                            due_on=start + timedelta(days=rng.randrange(7, 35)), created_by_id=case.assigned_officer_id)
            session.add(step)
            session.flush()
            session.add(PlanStepStatus(step_id=step.id, status="open", changed_on=start,
                                       changed_by_id=case.assigned_officer_id))
            if step.due_on < today and rng.random() < 0.6:
                session.add(PlanStepStatus(step_id=step.id, status="done", changed_on=step.due_on,
                                           changed_by_id=case.assigned_officer_id, note="Confirmed at review"))
    if reviewed and (today - start).days > 7:
        session.add(PlanReview(case_id=case.id, reviewed_on=today - timedelta(days=rng.randrange(1, 7)),
                               reviewed_by_id=case.assigned_officer_id, note="Reviewed with the applicant by phone."))


def _duty(session: Session, case: HousingCase, duty: str, start: date, assessment: HomelessnessAssessment | None,
          notified: bool, ended_on: date | None = None, end_reason: str | None = None) -> HomelessnessDuty:
    row = HomelessnessDuty(case_id=case.id, duty=duty, started_on=start, started_by_id=case.assigned_officer_id,
                           assessment_id=assessment.id if assessment else None,
                           notified_on=start + timedelta(days=1) if notified else None,
                           notified_by_id=case.assigned_officer_id if notified else None,
                           ended_on=ended_on, end_reason=end_reason,
                           ended_by_id=case.assigned_officer_id if ended_on else None)
    session.add(row)
    return row


def _placement(session: Session, case: HousingCase, start: date, kind: str, rng: random.Random,
               approver: int, status: str = "approved") -> None:
    session.add(Placement(
        case_id=case.id, placement_type=kind, address=rng.choice(ADDRESSES[kind]),
        legal_basis=BASIS_OF_STAGE.get(case.stage),
        cost_per_night_pence=rng.choice([3500, 4250, 5500, 6800]), starts_on=start,
        request_reason="Homeless with a priority need; nothing else available that day.",
        requested_by_id=case.assigned_officer_id, status=status,
        decided_by_id=approver if status == "approved" else None,
        decision_reason="Suitable for the household's needs" if status == "approved" else None))


def seed_casework(session: Session, rng: random.Random, today: date) -> dict[str, int]:
    """Give every seeded homelessness case rows that match its stage; returns counts."""
    from logic.models import Officer

    seniors = [o.id for o in session.exec(select(Officer).where(Officer.role.in_(["senior", "manager"]))).all()]
    cases = session.exec(select(HousingCase).where(HousingCase.case_type == "homelessness")
                         .order_by(HousingCase.id)).all()
    counts = {"assessments": 0, "duties": 0, "placements": 0}
    family_in_bnb = False
    for case in cases:
        if case.assigned_officer_id is None:
            continue
        people = list(session.exec(select(Person).where(Person.household_id == case.household_id)).all())
        approver = rng.choice(seniors) if seniors else case.assigned_officer_id
        opened = case.opened_at.date()
        stage = case.stage
        if stage == "assessment":
            continue  # being assessed: nothing decided yet (their s.184 target shows as due)
        if stage == "prevention":
            start = max(opened, today - timedelta(days=rng.randrange(1, 50)))
            a = _assessment(session, case, people, start, False, rng)
            _duty(session, case, "prevention", start, a, notified=rng.random() > 0.15)
            _plan(session, case, start, today, rng, both_sides=rng.random() > 0.2, reviewed=rng.random() > 0.3)
            if rng.random() < 0.12:  # became homeless, not yet moved to relief: the guard finds it
                _assessment(session, case, people, today - timedelta(days=1), True, rng)
            counts["duties"] += 1
        elif stage in ("relief", "main_duty_decision", "main_duty", "closed"):
            days = {"relief": rng.randrange(1, 50), "main_duty_decision": rng.randrange(57, 75),
                    "main_duty": rng.randrange(70, 160), "closed": rng.randrange(30, 120)}[stage]
            start = today - timedelta(days=days)
            if stage == "closed":
                start = opened
                ended = (case.closed_at.date() if case.closed_at else today)
                ended = max(ended, start)
                reason = {"Contact lost": "contact_lost", "Withdrew application": "withdrew"}.get(
                    case.closed_reason or "", "accommodation_secured")
                a = _assessment(session, case, people, start, False, rng)
                _duty(session, case, "prevention", start, a, notified=True, ended_on=ended, end_reason=reason)
                counts["duties"] += 1
                counts["assessments"] += 1
                continue
            if opened < start - timedelta(days=3):  # prevention came first
                pa = _assessment(session, case, people, opened, False, rng)
                _duty(session, case, "prevention", opened, pa, notified=True, ended_on=start,
                      end_reason="became_homeless")
                counts["duties"] += 1
            a = _assessment(session, case, people, start, True, rng)
            relief_end = start + timedelta(days=55)
            family = a.priority_need
            if stage == "relief":
                _duty(session, case, "relief", start, a, notified=rng.random() > 0.15)
                _plan(session, case, start, today, rng, both_sides=rng.random() > 0.15,
                      reviewed=rng.random() > 0.3)
                if family and rng.random() > 0.2:  # some families in relief with no interim: a flag
                    kind = "bed_and_breakfast" if rng.random() < 0.35 else "nightly_let"
                    _placement(session, case, start, kind, rng, approver)
                    counts["placements"] += 1
                if family and rng.random() < 0.15:
                    session.add(FinancialAssistance(
                        case_id=case.id, kind="deposit", amount_pence=95000,
                        property_address="4 Elm Close", monthly_rent_pence=72500, monthly_income_pence=230000,
                        rent_share_percent=31.5, affordability="affordable",
                        request_reason="Landlord will let if the deposit is paid.",
                        requested_by_id=case.assigned_officer_id))
            else:
                _duty(session, case, "relief", start, a, notified=True, ended_on=relief_end + timedelta(days=1),
                      end_reason="56_days_elapsed")
                if family:
                    # one family still in B&B after its relief duty, past the six weeks: the flag
                    # and the TA screen's warning have a case to show
                    kind = "bed_and_breakfast" if not family_in_bnb else "nightly_let"
                    family_in_bnb = True
                    _placement(session, case, start, kind, rng, approver)
                    counts["placements"] += 1
                if stage == "main_duty":
                    decided = relief_end + timedelta(days=rng.randrange(2, 12))
                    d = _assessment(session, case, people, decided, True, rng, relief_started=start)
                    if d.duty == "main":
                        _duty(session, case, "main_duty", decided, d, notified=True)
                    else:  # the seed's household has no priority need: s.190 is not it either
                        d.priority_need, d.duty = True, "main"
                        d.overrides_json = json.dumps({"priority_need": {
                            "engine": False, "officer": True,
                            "reason": "Medical evidence: vulnerable (Hotak test), per the GP's letter"}})
                        _duty(session, case, "main_duty", decided, d, notified=True)
            counts["duties"] += 1
        counts["assessments"] += 1
    session.flush()
    return counts
