"""Households, cases and assessment facts the letter tests start from."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household

TODAY = date(2026, 11, 23)  # the day the letters are written: tests/letters/conftest.py sets the clock to it


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def new_case(team, *, case_type: str = "homelessness", given: str = "Zoë", family: str = "Łukasik",
             address: bool = True, children: int = 0, officer: int | None = None) -> int:
    people = [PersonDetails("applicant", given, family, date(1990, 2, 3), "F")]
    for i in range(children):
        people.append(PersonDetails("child", ("Siân", "Øystein", "Chloé")[i % 3], "Ó Briain",
                                    date(2018 + i, 6, 1), "M"))
    place: dict[str, Any] = (
        {"address_line1": "Flat 2, 14 Ffordd Glyndŵr", "town": "Hearthton", "postcode": "ht2 3ab"}
        if address else {})
    with session_scope() as session:
        household = add_household(session, actor_id=team.officer, today=TODAY, people=people,
                                  **place)
        case = cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type=case_type, reason="Asked for help",
                               assigned_officer_id=officer or team.officer)
        # letters come weeks into a case: open it a month ago (opened_at is never updated by
        # services, so this stands in for having opened it then)
        case.opened_at = case.opened_at - timedelta(days=30)
        session.add(case)
        return case.id


def version(case_id: int, viewer: int) -> int:
    return cases.open_case_record(case_id=case_id, viewer_id=viewer).version


def pdf_text(data: bytes) -> str:
    """The letter's text as pypdf extracts it, with line breaks folded to spaces."""
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages)


# --- assessment facts (the engine's input), one a decision ----------------------------------

LOCAL = {"months_resident_last_12": 12, "years_resident_last_5": 5}
BRITISH = {"dob": "1990-02-03", "sex": "F", "immigration_status": "british_irish"}
CHILD = [{"relation": "child", "dob": "2018-06-01", "sex": "M", "dependent": True}]


def facts(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"assessment_date": TODAY.isoformat(), "applicant": dict(BRITISH),
                            "household": [], "housing": {"has_accommodation": False},
                            "local_connection": dict(LOCAL)}
    base.update(parts)
    return base


RELIEF_ENDED = {"relief_duty_started_on": (TODAY - timedelta(days=70)).isoformat()}

PREVENTION = facts(housing={"has_accommodation": True, "section_21": {
    "valid": True, "expires_on": (TODAY + timedelta(days=40)).isoformat()}})
RELIEF_FAMILY = facts(household=CHILD)
MAIN_DUTY = facts(household=CHILD, history=RELIEF_ENDED)
NOT_PRIORITY = facts(history=RELIEF_ENDED)
INTENTIONAL = facts(household=CHILD, history=RELIEF_ENDED, intentionality={
    "deliberate_act_or_omission": True, "good_faith_unaware": False,
    "accommodation_available_and_reasonable": True, "caused_loss": True})
NOT_ELIGIBLE = facts(applicant={**BRITISH, "immigration_status": "limited_leave_no_recourse"})
REFERRAL = facts(household=CHILD, local_connection={
    "months_resident_last_12": 1, "years_resident_last_5": 0, "connection_elsewhere": True})
REGISTER = facts(household=CHILD)

STEPS = [
    {"owner": "applicant", "description": "Send us your last two months' bank statements.",
     "due_on": (TODAY + timedelta(days=7)).isoformat()},
    {"owner": "applicant", "description": "Register with two letting agents in Hearthton.",
     "due_on": None},
    {"owner": "council", "description": "Contact your landlord to negotiate more time.",
     "due_on": (TODAY + timedelta(days=3)).isoformat()},
    {"owner": "council", "description": "Check whether you can get help with a deposit.",
     "due_on": (TODAY + timedelta(days=14)).isoformat()},
]

OFFICER_REASONS = ["We spoke to your GP, who told us your condition is well managed.",
                   "You told us you can manage day to day without support."]

# Options that make each letter type, for one case each (a dict a type).
OPTIONS: dict[str, dict[str, Any]] = {
    "prevention_duty": {"duty_started_on": TODAY, "facts": PREVENTION},
    "relief_duty": {"duty_started_on": TODAY, "facts": RELIEF_FAMILY},
    "s184_main_duty_accepted": {"facts": MAIN_DUTY},
    "s184_not_priority_need": {"facts": NOT_PRIORITY, "reasons": OFFICER_REASONS},
    "s184_intentionally_homeless": {
        "facts": INTENTIONAL, "accommodation_until": TODAY + timedelta(days=28),
        "reasons": ["You stopped paying the rent although you could afford it."]},
    "s184_not_eligible": {"facts": NOT_ELIGIBLE,
                          "reasons": ["Your visa has a no recourse to public funds condition."]},
    "s193b_warning": {"duty": "relief", "respond_by": TODAY + timedelta(days=14),
                      "steps_refused": ["Attend the viewing arranged with the letting agent.",
                                        "Give us your income details."]},
    "s193b_notice": {"duty": "relief", "warning_given_on": TODAY - timedelta(days=15),
                     "reasons": ["You did not attend three viewings arranged for you."]},
    "duty_ended": {"duty": "prevention", "ended_on": TODAY,
                   "reasons": ["You have accepted an assured shorthold tenancy of 12 months."]},
    "referral_to_authority": {
        "other_authority": "Northshire District Council",
        "other_authority_address": ["Town Hall", "Northtown", "NT1 1AA"],
        "facts": REFERRAL,
        "reasons": ["The applicant lived in Northtown for four years until last month."]},
    "referral_notification": {
        "other_authority": "Northshire District Council", "facts": REFERRAL,
        "reasons": ["You lived in Northtown for four years until last month."]},
    "personal_housing_plan": {
        "duty": "prevention", "steps": STEPS,
        "circumstances": "Your landlord has served a section 21 notice because they are selling.",
        "housing_needs": "A one-bedroom home in Hearthton near your work.",
        "support_needs": "None identified."},
    "register_decision": {"eligible": True, "qualifies": True, "facts": REGISTER},
    "ta_offer": {"basis": "main", "placement_address": ["Flat 5, Beacon House", "3 Quay Street",
                                                        "Hearthton", "HT4 5CD"],
                 "placement_type": "Self-contained two-bedroom flat", "starts_on": TODAY,
                 "charge": "£95.00 a week", "respond_by": TODAY + timedelta(days=2)},
}
