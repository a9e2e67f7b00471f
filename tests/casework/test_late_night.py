"""Casework recorded near midnight takes the date on the office wall (Europe/London), not UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from logic import clock
from logic.cases import service as cases
from logic.casework import service as cw
from logic.common.errors import HearthError
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from tests.casework.helpers import HOMELESS, assess, move


def _family_asking_for_help_now(team) -> int:
    people = [PersonDetails("applicant", "Amara", "Okonkwo", date(1992, 3, 14), "F"),
              PersonDetails("child", "Tobi", "Okonkwo", date(2019, 6, 1), "M")]
    with session_scope() as session:
        household = add_household(session, actor_id=team.officer, today=clock.today(),
                                  postcode="ab1 2cd", people=people)
        return cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type="homelessness", reason="Asked to leave tonight",
                               assigned_officer_id=team.officer).id


def test_a_relief_duty_accepted_at_half_past_midnight_in_summer_starts_that_day(team, frozen_clock):
    # 00:30 BST on 1 July 2026 is 23:30 UTC on 30 June: the officer's day is 1 July
    frozen_clock(datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    case_id = _family_asking_for_help_now(team)
    assess(case_id, team.officer, on=date(2026, 7, 1), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=date(2026, 7, 1))

    duty = cw.casework_summary(case_id=case_id, viewer_id=team.officer).clock
    assert (duty.duty, duty.started_on, duty.day) == ("relief", date(2026, 7, 1), 1)
    assert duty.ends_on == date(2026, 8, 25)  # 56 days beginning with 1 July (s.189B(4))


def test_just_before_midnight_in_winter_tomorrow_is_still_a_date_to_come(team, frozen_clock):
    # 23:30 GMT on 15 January is 23:30 UTC: the officer's day is still 15 January
    frozen_clock(datetime(2026, 1, 15, 23, 30, tzinfo=UTC))
    case_id = _family_asking_for_help_now(team)
    with pytest.raises(HearthError, match="cannot be a date still to come"):
        assess(case_id, team.officer, on=date(2026, 1, 16), housing=HOMELESS)
    assess(case_id, team.officer, on=date(2026, 1, 15), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=date(2026, 1, 15))
    duty = cw.casework_summary(case_id=case_id, viewer_id=team.officer).clock
    assert (duty.started_on, duty.day) == (date(2026, 1, 15), 1)
