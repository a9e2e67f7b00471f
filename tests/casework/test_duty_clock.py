"""The duty clock the case record shows: its length comes from the engine, not from the screen."""

from __future__ import annotations

from datetime import date

from logic.casework.service import DutyClock
from logic.law import deadlines as law_deadlines
from logic.law import policy_as_at


def _clock(duty: str, started_on: date, ends_on: date | None) -> DutyClock:
    return DutyClock(duty, duty, started_on, 1, ends_on, None, None)


def test_a_relief_duty_runs_for_the_days_the_law_in_force_gives_it():
    started = date(2026, 3, 2)
    law = policy_as_at(started)
    ends = law_deadlines.relief_duty_ends(started, law).on
    clock = _clock("relief", started, ends)
    assert clock.period_days == law.relief_days == 56
    assert clock.cooperation_warning_applies


def test_a_main_duty_has_no_period_and_no_co_operation_warning():
    clock = _clock("main", date(2026, 3, 2), None)
    assert clock.period_days is None
    assert not clock.cooperation_warning_applies
