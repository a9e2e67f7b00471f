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

from logic.casework.categories import (
    ACCOMMODATION_SECURED_REASON,
    COUNTED_DUTIES,
    AssessmentCategories,
    DutyEnding,
)
from logic.casework.service import DECISION_FIELDS, build_facts
from logic.common import codes
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


# --- H-CLIC categories that agree with each other (the spec's cross-field rule 6) -------------
# reason for loss -> the kinds of settled home it is lost from
_SETTLED_HOME = {
    "ast": ("private_rented_self_contained", "private_rented_self_contained", "private_rented_hmo"),
    "other_private_tenancy_end": ("private_rented_lodging", "private_rented_hmo"),
    "social": ("council_tenant", "housing_association_tenant"),
    "supported": ("supported_housing",),
    "family_friends": ("living_with_family", "living_with_family", "living_with_friends"),
    "relationship_breakdown": ("private_rented_self_contained", "council_tenant", "owner_occupier"),
    "domestic_abuse": ("private_rented_self_contained", "council_tenant", "housing_association_tenant"),
    "other_violence": ("private_rented_self_contained", "council_tenant"),
    "left_institution": ("custody", "hospital", "psychiatric_hospital", "looked_after_placement"),
    "asylum_accommodation": ("asylum_accommodation",),
    "mortgage_repossession": ("owner_occupier",),
}
_THREATENED_REASONS = (
    ["ast_landlord_selling"] * 6 + ["ast_rent_arrears"] * 3 + ["ast_other"] * 2
    + ["ast_after_disrepair_complaint", "ast_breach", "other_private_tenancy_end"]
    + ["family_friends"] * 4 + ["relationship_breakdown"] * 2
    + ["social_rent_arrears", "social_other", "supported_breach", "mortgage_repossession", "domestic_abuse"])
_HOMELESS_REASONS = (
    ["family_friends"] * 6 + ["relationship_breakdown"] * 3 + ["domestic_abuse"] * 4
    + ["ast_landlord_selling"] * 2 + ["ast_rent_arrears", "ast_illegal_eviction", "other_violence"]
    + ["left_institution"] * 2 + ["asylum_accommodation", "supported_rent_arrears", "supported_other",
                                  "fire_flood", "other"])
# where a homeless household is at application, other than the home it lost
_HOMELESS_NOW = (["living_with_friends"] * 4 + ["no_fixed_abode"] * 3 + ["living_with_family"] * 2
                 + ["rough_sleeping"] * 2 + ["temporary_accommodation", "other"])
_NEEDS = [n for n in codes.SUPPORT_NEEDS.codes()
          if n not in (codes.SUPPORT_NEEDS_NONE, codes.SUPPORT_NEEDS_NOT_KNOWN)]
_EMPLOYMENT = (["registered_unemployed"] * 4 + ["full_time"] * 3 + ["part_time"] * 3
               + ["not_seeking_work"] * 3 + ["long_term_sick"] * 2
               + ["unemployed_seeking_work", "student_training", "retired", "other", "not_known"])


def demo_categories(r: random.Random, homeless: bool) -> AssessmentCategories:
    """Plausible H-CLIC categories for a demo assessment, agreeing with each other: the reason
    for loss chooses the last settled home; a threatened household still lives there."""
    reason = r.choice(_HOMELESS_REASONS if homeless else _THREATENED_REASONS)
    prefix = reason.split("_")[0]
    settled_from = _SETTLED_HOME.get(reason) or _SETTLED_HOME.get(prefix) or (
        "private_rented_self_contained", "living_with_family")
    settled = r.choice(settled_from)
    if not homeless:
        at_application = settled
    elif reason == "domestic_abuse" and r.random() < 0.4:
        at_application = "refuge"
    else:
        at_application = r.choice(_HOMELESS_NOW)
    roll = r.random()
    if roll < 0.45:
        needs: tuple[str, ...] = (codes.SUPPORT_NEEDS_NONE,)
    elif roll < 0.5:
        needs = (codes.SUPPORT_NEEDS_NOT_KNOWN,)
    else:
        chosen = set(r.sample(_NEEDS, k=r.choice((1, 1, 2, 3))))
        if reason == "domestic_abuse":
            chosen.add("domestic_abuse")
        needs = tuple(n for n in _NEEDS if n in chosen)
    return AssessmentCategories(at_application, settled, reason, needs, r.choice(_EMPLOYMENT))


_SECURING = (["helped_without_payment"] * 3 + ["helped_with_payment"] * 3
             + ["accommodation_secured_by_council"] * 2 + ["mediation_prevent_eviction"] * 2
             + ["mediation_family_friends", "discretionary_housing_payment", "supported_housing", "other_payments"])
_NOT_SECURING = (["advice_only"] * 3 + ["other_activity"] * 2 + ["mediation_prevent_eviction",
                                                                  "mediation_family_friends", "other_payments"])
_SECURED_BY = {
    "helped_without_payment": ("private_rented_self_contained", "private_rented_hmo", "living_with_family"),
    "helped_with_payment": ("private_rented_self_contained", "private_rented_hmo", "private_rented_lodging"),
    "accommodation_secured_by_council": ("council_tenancy", "housing_association_tenancy",
                                         "private_rented_self_contained"),
    "mediation_prevent_eviction": ("private_rented_self_contained", "council_tenancy"),
    "mediation_family_friends": ("living_with_family", "living_with_friends"),
    "discretionary_housing_payment": ("private_rented_self_contained",),
    "supported_housing": ("supported_housing",),
    "other_payments": ("private_rented_self_contained", "private_rented_hmo"),
}


def demo_ending(r: random.Random, duty: str, end_reason: str | None) -> DutyEnding:
    """A plausible main activity (and accommodation secured) for a demo duty's ending."""
    if duty not in COUNTED_DUTIES or end_reason is None:
        return DutyEnding()
    if end_reason != ACCOMMODATION_SECURED_REASON:
        return DutyEnding(r.choice(_NOT_SECURING))
    activity = r.choice(_SECURING)
    return DutyEnding(activity, r.choice(_SECURED_BY[activity]))


def _hclic_rng(case_id: int, on: date, what: str) -> random.Random:
    # its own generator a row, so the demo's other rows are what they were before H-CLIC
    return random.Random(f"hclic-{what}-{case_id}-{on.isoformat()}")


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
    found = demo_categories(_hclic_rng(case.id, on, "assessment"), homeless)
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
        accommodation_at_application=found.accommodation_at_application,
        last_settled_accommodation=found.last_settled_accommodation, reason_for_loss=found.reason_for_loss,
        employment=found.employment, support_need_codes=found.support_needs_json(),
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
    ending = demo_ending(_hclic_rng(case.id, start, duty), duty, end_reason if ended_on else None)
    row = HomelessnessDuty(case_id=case.id, duty=duty, started_on=start, started_by_id=case.assigned_officer_id,
                           assessment_id=assessment.id if assessment else None,
                           notified_on=start + timedelta(days=1) if notified else None,
                           notified_by_id=case.assigned_officer_id if notified else None,
                           ended_on=ended_on, end_reason=end_reason,
                           ended_by_id=case.assigned_officer_id if ended_on else None,
                           main_activity=ending.main_activity, accommodation_secured=ending.accommodation_secured)
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
