"""When a trainee may take prevention and relief work, as the allocation screen tells it."""

from __future__ import annotations

from datetime import date

from logic.workload.policy import workload_policy_as_at
from logic.workload.rules import trainee_months_for_stage


def test_a_trainee_takes_prevention_cases_from_six_months_and_relief_from_twelve():
    policy = workload_policy_as_at(date(2026, 11, 23))
    assert trainee_months_for_stage("prevention", policy) == 6
    assert trainee_months_for_stage("relief", policy) == 12


def test_an_assessment_waits_for_full_casework():
    # no trainee level below full casework lists assessment among its stages
    assert trainee_months_for_stage("assessment", workload_policy_as_at(date(2026, 11, 23))) is None
