"""Households, cases and assessment facts the letter tests start from.

Every homelessness letter states a duty or a decision, so a letter test builds the case's state
first, through the casework services an officer uses (record the s.189A assessment, start the
duty, add plan steps, give a warning, request a placement, end a duty): ``case_for_letter(team,
code)`` builds, for each letter type, a case on which that letter is sent, and the builders it
uses (``case_on_prevention_duty``, ``case_on_relief_duty``, ``case_after_relief_day_57``...) are
for tests that need a particular case. Nothing is inserted behind the services' backs.
"""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from typing import Any

from pypdf import PdfReader

from logic.cases import service as cases
from logic.casework import placements as ta
from logic.casework import plan
from logic.casework import service as cw
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from tests.casework.helpers import CATEGORIES, ENDING

TODAY = date(2026, 11, 23)  # the day the letters are written: tests/letters/conftest.py sets the clock to it


def long_date(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def new_case(team, *, case_type: str = "homelessness", given: str = "Zoë", family: str = "Łukasik",
             address: bool = True, children: int = 0, officer: int | None = None,
             opened_days_ago: int = 30) -> int:
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
        case.opened_at = case.opened_at - timedelta(days=opened_days_ago)
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

# What the officer still gives for each letter type on the case ``case_for_letter`` builds (the
# rest, the statutory content, comes from the case's record).
OPTIONS: dict[str, dict[str, Any]] = {
    "prevention_duty": {},
    "relief_duty": {},
    "s184_main_duty_accepted": {},
    "s184_not_priority_need": {"reasons": OFFICER_REASONS},
    "s184_intentionally_homeless": {
        "accommodation_until": TODAY + timedelta(days=28),
        "reasons": ["You stopped paying the rent although you could afford it."]},
    "s184_not_eligible": {"reasons": ["Your visa has a no recourse to public funds condition."]},
    "s193b_warning": {"respond_by": TODAY + timedelta(days=14),
                      "steps_refused": ["Attend the viewing arranged with the letting agent.",
                                        "Give us your income details."]},
    "s193b_notice": {"reasons": ["You did not attend three viewings arranged for you."]},
    "duty_ended": {"reasons": ["You have accepted an assured shorthold tenancy of 12 months."]},
    "referral_to_authority": {
        "other_authority": "Northshire District Council",
        "other_authority_address": ["Town Hall", "Northtown", "NT1 1AA"],
        "reasons": ["The applicant lived in Northtown for four years until last month."]},
    "referral_notification": {
        "other_authority": "Northshire District Council",
        "reasons": ["You lived in Northtown for four years until last month."]},
    "personal_housing_plan": {"support_needs": "We will refer you to the tenancy support service."},
    "register_decision": {"eligible": True, "qualifies": True, "facts": REGISTER},
    "ta_offer": {"charge": "£95.00 a week", "respond_by": TODAY + timedelta(days=2)},
}


# --- the case's state, built through the casework services -----------------------------------

APPLICANT = {"immigration_status": "british_irish"}
NO_RECOURSE = {"immigration_status": "limited_leave_no_recourse"}
SECTION_21_HOUSING = {"has_accommodation": True, "section_21": {
    "valid": True, "expires_on": (TODAY + timedelta(days=40)).isoformat()}}
HOMELESS = {"has_accommodation": False}
ELSEWHERE = {"months_resident_last_12": 1, "years_resident_last_5": 0, "connection_elsewhere": True}
CIRCUMSTANCES = "Your landlord has served a section 21 notice because they are selling."
HOUSING_NEEDS = "A one-bedroom home in Hearthton near your work."
TA_ADDRESS = "Flat 5, Beacon House, 3 Quay Street, Hearthton, HT4 5CD"


def record_assessment(team, case_id: int, *, on: date = TODAY, housing: dict[str, Any],
                      applicant: dict[str, Any] | None = None,
                      local_connection: dict[str, Any] | None = None,
                      intentionality: dict[str, Any] | None = None,
                      decisions: dict[str, Any] | None = None,
                      override_reasons: dict[str, str] | None = None) -> int:
    """The officer records the s.189A assessment (the engine decides beside them)."""
    return cw.record_assessment(
        case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        assessed_on=on, circumstances=CIRCUMSTANCES, housing_needs=HOUSING_NEEDS,
        support_needs="None identified.", applicant=applicant or APPLICANT, housing=housing,
        local_connection=local_connection or dict(LOCAL), intentionality=intentionality,
        decisions=decisions, override_reasons=override_reasons, categories=CATEGORIES)


def move(team, case_id: int, to_stage: str, *, on: date = TODAY, end_reason: str | None = None,
         reason: str = "Decided on the assessment") -> str:
    return cw.change_stage(case_id=case_id, expected_version=version(case_id, team.officer),
                           officer_id=team.officer, to_stage=to_stage, on=on, reason=reason,
                           end_reason=end_reason, ending=ENDING if to_stage == "duty_ended" else None)


def add_steps(team, case_id: int, steps: list[dict[str, Any]]) -> None:
    for step in steps:
        due = step["due_on"]
        plan.add_plan_step(case_id=case_id, expected_version=version(case_id, team.officer),
                           officer_id=team.officer, owner=step["owner"],
                           description=step["description"],
                           due_on=date.fromisoformat(due) if due else None)


def case_assessed(team, *, housing: dict[str, Any] = HOMELESS, on: date = TODAY,
                  applicant: dict[str, Any] | None = None,
                  local_connection: dict[str, Any] | None = None,
                  decisions: dict[str, Any] | None = None,
                  override_reasons: dict[str, str] | None = None, **case: Any) -> int:
    """A case with its s.189A assessment recorded and no duty begun yet."""
    case_id = new_case(team, **case)
    record_assessment(team, case_id, on=on, housing=housing, applicant=applicant,
                      local_connection=local_connection, decisions=decisions,
                      override_reasons=override_reasons)
    return case_id


def case_on_prevention_duty(team, *, housing: dict[str, Any] = SECTION_21_HOUSING,
                            began: date = TODAY, steps: list[dict[str, Any]] | None = None,
                            **case: Any) -> int:
    """A household threatened with homelessness, assessed and owed the prevention duty
    (s.195(2)) from ``began``, with the plan's ``steps`` added."""
    case_id = new_case(team, opened_days_ago=max(30, (TODAY - began).days + 1), **case)
    record_assessment(team, case_id, on=began, housing=housing)
    move(team, case_id, "prevention", on=began)
    if steps:
        add_steps(team, case_id, steps)
    return case_id


def case_on_relief_duty(team, *, began: date = TODAY, children: int = 1,
                        warned_on: date | None = None, steps_refused: str = "",
                        local_connection: dict[str, Any] | None = None, **case: Any) -> int:
    """A homeless household, assessed and owed the relief duty (s.189B(2)) from ``began``;
    with ``warned_on``, given the s.193B(4) warning for refusing ``steps_refused``."""
    case_id = new_case(team, children=children, opened_days_ago=max(30, (TODAY - began).days + 1),
                       **case)
    record_assessment(team, case_id, on=began, housing=HOMELESS, local_connection=local_connection)
    move(team, case_id, "relief", on=began)
    if warned_on is not None:
        cw.give_cooperation_warning(case_id=case_id, expected_version=version(case_id, team.officer),
                                    officer_id=team.officer, warned_on=warned_on,
                                    steps_refused=steps_refused)
    return case_id


def case_after_relief_day_57(team, *, decided_on: date = TODAY - timedelta(days=7),
                             children: int = 1, intentionality: dict[str, Any] | None = None,
                             then: str | None = None, **case: Any) -> int:
    """A homeless household whose relief duty ran its 56 days and ended (s.189B(4)); the case
    waits for the main duty decision made on ``decided_on`` (day 57), or moves ``then`` to
    the duty decided (main_duty, intentional_priority, no_further_duty)."""
    began = decided_on - timedelta(days=56)
    case_id = new_case(team, children=children, opened_days_ago=(TODAY - began).days + 1, **case)
    record_assessment(team, case_id, on=began, housing=HOMELESS, intentionality=intentionality)
    move(team, case_id, "relief", on=began)
    move(team, case_id, "main_duty_decision", on=decided_on)
    if then is not None:
        move(team, case_id, then, on=decided_on)
    return case_id


def case_with_duty_ended(team, *, end_reason: str = "accommodation_secured", on: date = TODAY,
                         why: str = "You have found a home of your own.", **case: Any) -> int:
    """A prevention duty that began ten days before ``on`` and was ended then, for ``end_reason``."""
    case_id = case_on_prevention_duty(team, began=on - timedelta(days=10), **case)
    move(team, case_id, "duty_ended", on=on, end_reason=end_reason, reason=why)
    return case_id


def case_in_temporary_accommodation(team, **case: Any) -> int:
    """A family owed the main housing duty (s.193(2)), with a placement requested under it."""
    case_id = case_after_relief_day_57(team, then="main_duty", **case)
    ta.request_placement(case_id=case_id, expected_version=version(case_id, team.officer),
                         officer_id=team.officer, placement_type="private_sector_leased",
                         address=TA_ADDRESS, cost_per_night="25.00", starts_on=TODAY,
                         reason="A two-bedroom home for the family under the main duty.",
                         legal_basis="s193_2_main_duty")
    return case_id


INTENTIONALITY = {"deliberate_act_or_omission": True, "good_faith_unaware": False,
                  "accommodation_available_and_reasonable": True, "caused_loss": True}


def case_for_letter(team, code: str, **case: Any) -> int:
    """A case whose recorded state is the one on which the letter ``code`` is sent."""
    builders = {
        "prevention_duty": lambda: case_on_prevention_duty(team, **case),
        "relief_duty": lambda: case_on_relief_duty(team, **case),
        "s184_main_duty_accepted": lambda: case_after_relief_day_57(team, then="main_duty", **case),
        "s184_not_priority_need": lambda: case_after_relief_day_57(team, children=0, **case),
        "s184_intentionally_homeless": lambda: case_after_relief_day_57(
            team, intentionality=INTENTIONALITY, **case),
        "s184_not_eligible": lambda: case_assessed(team, applicant=NO_RECOURSE, **case),
        "s193b_warning": lambda: case_on_relief_duty(team, **case),
        "s193b_notice": lambda: case_on_relief_duty(
            team, began=TODAY - timedelta(days=20), warned_on=TODAY - timedelta(days=15),
            steps_refused="Attend the viewing arranged with the letting agent.", **case),
        "duty_ended": lambda: case_with_duty_ended(team, **case),
        "referral_to_authority": lambda: case_on_relief_duty(team, local_connection=ELSEWHERE, **case),
        "referral_notification": lambda: case_on_relief_duty(team, local_connection=ELSEWHERE, **case),
        "personal_housing_plan": lambda: case_on_prevention_duty(team, steps=STEPS, **case),
        "register_decision": lambda: new_case(team, case_type="register", children=1, **case),
        "ta_offer": lambda: case_in_temporary_accommodation(team, **case),
    }
    return builders[code]()
