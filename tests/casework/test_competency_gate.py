"""One competency gate for a trainee, asked by the service at every door a trainee can reach
(workload.toml's levels: the lower of the recorded level and the months in post)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from logic.cases import service as cases
from logic.casework import placements as ta
from logic.casework import plan
from logic.common.errors import FieldError, PermissionDenied
from logic.db import engine_for
from tests.casework.helpers import HOMELESS, TODAY, assess, days_ago, move, new_case, version


def _trainee_at(team, level: str | None, *, started_on: date = date(2025, 1, 6)) -> None:
    with engine_for().begin() as c:
        c.execute(sa.text("UPDATE officer SET competency_level = :l, started_on = :s WHERE id = :t"),
                  {"l": level, "s": started_on, "t": team.trainee})


def _assessments(case_id: int) -> int:
    with engine_for().connect() as c:
        return c.execute(sa.text("SELECT count(*) FROM homelessness_assessment WHERE case_id = :c"),
                         {"c": case_id}).scalar_one()


def test_a_prevention_level_trainee_cannot_decide_the_relief_duty_by_saving_an_assessment(team):
    # the case is still at assessment, which the trainee may work; the facts say the household
    # is homeless tonight, so saving it decides the relief duty, which their level does not cover
    _trainee_at(team, "prevention")
    case_id = new_case(team, assigned_to=team.trainee)
    with pytest.raises(PermissionDenied, match=r"Prevention casework.*para 6\.2.*relief duty"):
        assess(case_id, team.trainee, on=TODAY, housing=HOMELESS)
    assert _assessments(case_id) == 0
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    assert _assessments(case_id) == 1


def test_a_trainee_recorded_at_relief_level_is_held_to_the_level_their_months_in_post_allow(team):
    # eight months in post: workload.toml para 6.3 allows relief cases only from twelve months
    _trainee_at(team, "relief", started_on=date(2026, 3, 23))
    case_id = new_case(team, assigned_to=team.trainee)
    assess(case_id, team.officer, on=days_ago(1), housing=HOMELESS)
    with pytest.raises(PermissionDenied, match=r"8 months in post.*does not cover"):
        move(case_id, team.trainee, "relief", on=TODAY)


def test_reassigning_a_relief_case_to_a_prevention_level_trainee_is_refused_with_the_reason(team):
    _trainee_at(team, "prevention")
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(2), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(2))
    with pytest.raises(FieldError, match=r"^Reassign to: .*para 6\.2.*relief duty"):
        cases.reassign_case(case_id=case_id, expected_version=version(case_id, team.senior), actor_id=team.senior,
                            to_officer_id=team.trainee, reason="Tim has capacity")
    assert cases.open_case_record(case_id=case_id, viewer_id=team.senior).assigned_officer_id == team.officer
    cases.reassign_case(case_id=case_id, expected_version=version(case_id, team.senior), actor_id=team.senior,
                        to_officer_id=team.other_officer, reason="Olga on leave")
    assert cases.open_case_record(case_id=case_id, viewer_id=team.senior).assigned_officer_id == team.other_officer


def test_reassigning_a_prevention_case_to_a_prevention_level_trainee_is_allowed(team):
    _trainee_at(team, "prevention")
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(2), housing={"has_accommodation": True,
                                                          "likely_to_lose_on": TODAY + timedelta(days=40)})
    move(case_id, team.officer, "prevention", on=days_ago(2))
    cases.reassign_case(case_id=case_id, expected_version=version(case_id, team.senior), actor_id=team.senior,
                        to_officer_id=team.trainee, reason="A prevention case for Tim")
    assert cases.open_case_record(case_id=case_id, viewer_id=team.trainee).assigned_officer_id == team.trainee


# every write a trainee can make on their case, as the officer's screen calls it
DOORS = {
    "assessment": lambda case_id, who: assess(case_id, who, on=TODAY, housing=HOMELESS),
    "stage move": lambda case_id, who: move(case_id, who, "main_duty_decision", on=TODAY),
    "plan step": lambda case_id, who: plan.add_plan_step(
        case_id=case_id, expected_version=version(case_id, who), officer_id=who, owner="council",
        description="Refer to the private rented sector team", due_on=TODAY + timedelta(days=7)),
    "plan review": lambda case_id, who: plan.record_plan_review(
        case_id=case_id, expected_version=version(case_id, who), officer_id=who, reviewed_on=TODAY,
        note="Reviewed with Amara by phone"),
    "placement request": lambda case_id, who: ta.request_placement(
        case_id=case_id, expected_version=version(case_id, who), officer_id=who, placement_type="hostel",
        address="12 Station Road", cost_per_night="45.50", starts_on=TODAY, reason="Nothing else tonight",
        legal_basis="s188_1_interim"),
    "belongings stored": lambda case_id, who: ta.record_belongings_stored(
        case_id=case_id, expected_version=version(case_id, who), officer_id=who, stored_on=TODAY,
        description="Furniture and boxes", stored_with="Acme Removals"),
}


@pytest.mark.parametrize("door", DOORS)
def test_a_prevention_level_trainee_holding_a_relief_case_is_refused_at_every_door(team, door):
    # an officer moved the trainee's case on to relief: from then on the trainee only reads it
    _trainee_at(team, "prevention")
    case_id = new_case(team, assigned_to=team.trainee, children=1)
    assess(case_id, team.officer, on=days_ago(60), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(60))
    DOORS["plan step"](case_id, team.officer)
    with pytest.raises(PermissionDenied, match=r"Prevention casework.*para 6\.2.*does not cover"):
        DOORS[door](case_id, team.trainee)
    DOORS[door](case_id, team.officer)
