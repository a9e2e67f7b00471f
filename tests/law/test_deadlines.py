"""Deadlines as law: each counted with the first day as day 1, each cited."""

from __future__ import annotations

from datetime import date

from logic.law import determine, policy_as_at
from logic.law.deadlines import (
    add_months,
    add_working_days,
    allocation_review_deadline,
    bnb_family_limit,
    day_of_duty,
    decision_target,
    last_day,
    php_review_due,
    prevention_period_ends,
    register_renewal,
    relief_duty_ends,
    review_request_deadline,
)

P = policy_as_at(date(2026, 11, 23))


def test_the_start_day_is_day_one() -> None:
    assert day_of_duty(date(2026, 9, 1), date(2026, 9, 1)) == 1
    assert day_of_duty(date(2026, 9, 1), date(2026, 10, 26)) == 56
    assert day_of_duty(date(2026, 9, 1), date(2026, 10, 27)) == 57
    assert last_day(date(2026, 9, 1), 56) == date(2026, 10, 26)


def test_relief_that_began_on_1_september_ends_at_the_end_of_26_october() -> None:
    d = relief_duty_ends(date(2026, 9, 1), P)
    assert d.on == date(2026, 10, 26)
    assert str(d.citation) == "Housing Act 1996 s.189B(4)"
    assert "26 October 2026" in d.text


def test_prevention_period_and_the_section_21_bar() -> None:
    d = prevention_period_ends(date(2026, 11, 23), P, section_21_running=True)
    assert d.on == date(2027, 1, 17)
    assert str(d.citation) == "Housing Act 1996 s.195(8)(b)"
    assert "195(6)" in d.text


def test_a_review_must_be_asked_for_within_21_days_counting_the_day_of_notification() -> None:
    d = review_request_deadline(date(2026, 11, 23), P)
    assert d.on == date(2026, 12, 13)
    assert str(d.citation) == "Housing Act 1996 s.202(3)"


def test_a_family_in_bed_and_breakfast_must_leave_within_six_weeks() -> None:
    d = bnb_family_limit(date(2026, 11, 23), P)
    assert d.on == date(2027, 1, 3)  # day 42
    assert "Suitability of Accommodation" in str(d.citation)


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    # Thursday 24 December 2026: Christmas (Fri) and the Boxing Day substitute (Mon 28) skipped.
    assert add_working_days(date(2026, 12, 24), 1, P.bank_holidays) == date(2026, 12, 29)
    assert add_working_days(date(2026, 11, 20), 1, P.bank_holidays) == date(2026, 11, 23)
    d = decision_target(date(2026, 11, 23), P)
    assert d.on == date(2027, 1, 12)
    assert d.citation.instrument == P.name  # a council standard, not a statute


def test_council_periods() -> None:
    assert allocation_review_deadline(date(2026, 11, 23), P).on == date(2026, 12, 13)
    assert php_review_due(date(2026, 11, 23), P).on == date(2026, 12, 21)
    due, grace = register_renewal(date(2026, 1, 31), P)
    assert due.on == date(2027, 1, 31) and grace.on == date(2027, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_a_determination_carries_the_dates_that_apply() -> None:
    facts = {
        "assessment_date": "2026-11-23",
        "applicant": {"dob": "1990-01-01", "sex": "F", "immigration_status": "british_irish"},
        "household": [{"relation": "child", "dob": "2020-01-01", "sex": "F", "dependent": True}],
        "housing": {"has_accommodation": False},
        "history": {"relief_duty_started_on": "2026-11-01"},
    }
    d = determine(facts)
    assert d.relief_duty_day == 23
    assert d.deadlines["relief_duty_ends_on"] == date(2026, 12, 26)
    assert d.deadlines["bnb_family_limit_on"] == date(2027, 1, 3)
    assert d.deadlines["s202_review_request_by"] == date(2026, 12, 13)
    assert "s184_decision_due_by" not in d.deadlines  # the application was made earlier
