"""Households and cases the casework tests start from, and the facts officers record."""

from __future__ import annotations

from datetime import date, timedelta

from logic.cases import service as cases
from logic.casework import service as cw
from logic.casework.categories import AssessmentCategories, DutyEnding
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household

TODAY = date(2026, 11, 23)  # the day these cases are worked: tests/casework/conftest.py sets the clock to it


# What the assessment records for H-CLIC (issue 16): required on every assessment; the tests
# that are not about it give a private renter losing her home to a landlord's sale.
CATEGORIES = AssessmentCategories(
    accommodation_at_application="private_rented_self_contained",
    last_settled_accommodation="private_rented_self_contained",
    reason_for_loss="ast_landlord_selling", support_needs=("none",), employment="part_time")

# How a prevention or relief duty ended, for H-CLIC: required when a duty is ended for a reason.
ENDING = DutyEnding(main_activity="helped_without_payment",
                    accommodation_secured="private_rented_self_contained")


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def new_case(team, *, assigned_to: int | None = None, children: int = 0, pregnant: bool = False) -> int:
    people = [PersonDetails("applicant", "Amara", "Okonkwo", date(1992, 3, 14), "F", pregnant=pregnant)]
    for i in range(children):
        people.append(PersonDetails("child", f"Child{i}", "Okonkwo", date(2018 + i, 6, 1), "M"))
    with session_scope() as session:
        household = add_household(session, actor_id=team.officer, today=TODAY, postcode="ab1 2cd", people=people)
        case = cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type="homelessness", reason="Section 21 notice",
                               assigned_officer_id=assigned_to or team.officer)
        return case.id


def version(case_id: int, viewer: int) -> int:
    return cases.open_case_record(case_id=case_id, viewer_id=viewer).version


APPLICANT = {"immigration_status": "british_irish"}
LOCAL = {"months_resident_last_12": 12, "years_resident_last_5": 5}
THREATENED = {"has_accommodation": True, "likely_to_lose_on": None}
HOMELESS = {"has_accommodation": False}


def threatened_housing(on: date) -> dict:
    return {"has_accommodation": True, "likely_to_lose_on": on + timedelta(days=30)}


def assess(case_id: int, officer: int, *, on: date, housing: dict, decisions: dict | None = None,
           override_reasons: dict | None = None, applicant: dict | None = None,
           intentionality: dict | None = None) -> int:
    return cw.record_assessment(
        case_id=case_id, expected_version=version(case_id, officer), officer_id=officer, assessed_on=on,
        circumstances="Landlord served a section 21 notice to sell the property.",
        housing_needs="Two-bedroom home in the borough near the children's school.",
        support_needs="None identified.", applicant=applicant or APPLICANT, housing=housing,
        local_connection=LOCAL, intentionality=intentionality, decisions=decisions,
        override_reasons=override_reasons, categories=CATEGORIES)


def move(case_id: int, officer: int, to_stage: str, *, on: date, end_reason: str | None = None,
         reason: str = "Decided on the assessment") -> str:
    return cw.change_stage(case_id=case_id, expected_version=version(case_id, officer), officer_id=officer,
                           to_stage=to_stage, on=on, reason=reason, end_reason=end_reason,
                           ending=ENDING if to_stage == "duty_ended" else None)
