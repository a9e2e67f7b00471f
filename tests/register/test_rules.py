"""The register's own rules against the policy files (pure: no store).

Each expected value is worked by hand from data/policy/allocation.toml and register.toml as
they stand on 23 November 2026, so changing a policy number makes these tests say so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from logic.common.policy_file import PolicyError
from logic.law import policy_as_at
from logic.register.policy import load_register_policy, register_policy_as_at
from logic.register.rules import (
    MemberSnapshot,
    bid_fits,
    financial_assessment,
    household_changes,
    override_band_date,
    renewal_position,
    rent_affordability,
    review_request_timing,
    settle_band_date,
)

ON = date(2026, 11, 23)
POLICY = policy_as_at(ON)
RULES = register_policy_as_at(ON)


def money(**kw):
    base = {"income": 24000.0, "savings": 1500.0, "arrears": 0.0, "arrears_plan_kept": False,
            "housing_costs_monthly": 650.0}
    return financial_assessment(**(base | kw), policy=POLICY, rules=RULES)


def test_income_and_savings_at_the_limits_are_within_them_and_a_pound_over_is_not():
    assert money(income=60000.0, savings=16000.0).result == "within_thresholds"
    assert money(income=60001.0).result == "above_thresholds"
    assert money(savings=16001.0).result == "above_thresholds"


def test_arrears_over_1000_count_unless_a_repayment_plan_is_kept():
    assert money(arrears=1000.0).result == "within_thresholds"
    assert money(arrears=1200.0).result == "above_thresholds"
    kept = money(arrears=1200.0, arrears_plan_kept=True)
    assert kept.result == "within_thresholds"
    assert "arrears_plan_kept" in [r.rule for r in kept.reasons]


def test_housing_costs_over_35_percent_of_income_are_unaffordable():
    # 650 x 12 = 7,800 of 24,000 = 32.5%; 720 x 12 = 8,640 = 36%
    assert (money().affordability, money().housing_cost_share_percent) == ("affordable", 32.5)
    high = money(housing_costs_monthly=720.0)
    assert (high.affordability, high.housing_cost_share_percent) == ("unaffordable", 36.0)
    assert "more than the 35%" in high.reasons[-1].text
    assert money(income=None).affordability == "not_assessed"


def test_every_money_reason_cites_the_scheme_paragraph():
    for r in money(income=70000.0, arrears=2000.0).reasons:
        assert "para 3." in str(r.citation), r


def test_an_advertised_rent_is_checked_against_income_without_excluding_anyone():
    # £140 a week = £606.67 a month = 30.3% of £24,000
    assert rent_affordability(income=24000.0, weekly_rent=140.0, rules=RULES).rule == "rent_affordable"
    assert rent_affordability(income=15000.0, weekly_rent=140.0, rules=RULES).rule == "rent_unaffordable"


def test_band_dates_are_kept_in_the_same_band_and_on_a_move_down_but_not_on_a_move_up():
    kept, why = settle_band_date(previous_band="C", previous_date=date(2025, 2, 1), new_band="C",
                                 new_date=ON, policy=POLICY, rules=RULES)
    assert kept == date(2025, 2, 1) and "para 6.7" in str(why.citation)
    down, why = settle_band_date(previous_band="B", previous_date=date(2025, 2, 1), new_band="C",
                                 new_date=ON, policy=POLICY, rules=RULES)
    assert down == date(2025, 2, 1) and "para 6.8" in str(why.citation)
    up, why = settle_band_date(previous_band="C", previous_date=date(2025, 2, 1), new_band="A",
                               new_date=ON, policy=POLICY, rules=RULES)
    assert up == ON and why.rule == "band_date_higher_band"


def test_an_overridden_band_takes_that_band_s_own_date_rule():
    # band D counts from the application (allocation.toml para 6.5), A-C from the assessment
    assert override_band_date("D", policy=POLICY, application_date=date(2026, 1, 12),
                              assessed_on=ON)[0] == date(2026, 1, 12)
    assert override_band_date("B", policy=POLICY, application_date=date(2026, 1, 12),
                              assessed_on=ON)[0] == ON


@pytest.mark.parametrize(("today", "state"), [
    (date(2027, 9, 1), "not_due"),       # more than 42 days before 23 Nov 2027
    (date(2027, 10, 12), "due_soon"),    # 42 days before: the queue opens (register.toml 4.1)
    (date(2027, 11, 23), "overdue"),     # due: 12 months on (allocation.toml para 4.1)
    (date(2027, 12, 21), "overdue"),     # the last day of the 28 days' grace (para 4.2)
    (date(2027, 12, 22), "past_grace"),  # lapses
])
def test_renewal_runs_on_a_rolling_twelve_months_with_28_days_grace(today, state):
    position = renewal_position(ON, today, POLICY, RULES)
    assert (position.due_on, position.grace_ends_on) == (date(2027, 11, 23), date(2027, 12, 21))
    assert position.state == state


def test_a_review_must_be_asked_for_within_21_days_counting_the_decision_day():
    assert review_request_timing(notified_on=ON, requested_on=date(2026, 12, 13), policy=POLICY)[0]
    late, why = review_request_timing(notified_on=ON, requested_on=date(2026, 12, 14), policy=POLICY)
    assert not late and "s.166A(9)(c)" in str(why.citation)


@pytest.mark.parametrize(("need", "access", "beds", "home", "fits", "rule"), [
    (2, "none", 2, "general_needs", True, "size_and_access_fit"),
    (2, "none", 3, "general_needs", False, "wrong_size"),   # under-occupation: para 7.2
    (3, "none", 2, "general_needs", False, "wrong_size"),   # overcrowding
    (2, "step_free", 2, "general_needs", False, "access_need_not_met"),
    (2, "step_free", 2, "wheelchair", False, "adapted_home_reserved"),
    (2, "wheelchair", 2, "wheelchair", True, "size_and_access_fit"),
])
def test_who_may_bid_for_a_home_by_size_and_access(need, access, beds, home, fits, rule):
    ok, why = bid_fits(bedroom_need=need, accessibility_need=access, advert_bedrooms=beds,
                       advert_accessibility=home, rules=RULES)
    assert (ok, why.rule) == (fits, rule)
    assert why.citation.provision.startswith("para 7.")


def test_a_ninth_birthday_changes_nothing_but_a_tenth_crosses_the_any_sex_sharing_age():
    boy = MemberSnapshot(2, "child", "Tomi", date(2016, 12, 1), "M")
    before = [MemberSnapshot(1, "applicant", "Ada", date(1988, 3, 14), "F"), boy]
    assert household_changes(before, before, since=ON, on=date(2026, 12, 1), policy=POLICY)
    assert not household_changes(before, before, since=ON, on=date(2026, 11, 30), policy=POLICY)
    [change] = household_changes(before, before, since=ON, on=date(2026, 12, 1), policy=POLICY)
    assert change.kind == "reached_age" and change.on == date(2026, 12, 1)
    assert "Tomi turned 10 on 1 December 2026" in change.text


def test_births_pregnancies_and_departures_are_each_named():
    mum = MemberSnapshot(1, "applicant", "Ada", date(1988, 3, 14), "F")
    partner = MemberSnapshot(2, "partner", "Kunle", date(1986, 1, 1), "M")
    later = [replace_left(partner, date(2026, 12, 5)), MemberSnapshot(1, "applicant", "Ada", mum.dob, "F", True),
             MemberSnapshot(3, "child", "Femi", date(2026, 12, 10), "M")]
    kinds = [c.kind for c in household_changes([mum, partner], later, since=ON,
                                                on=date(2026, 12, 20), policy=POLICY)]
    assert sorted(kinds) == ["born", "expecting", "left"]


def replace_left(member: MemberSnapshot, left_on: date) -> MemberSnapshot:
    from dataclasses import replace

    return replace(member, left_on=left_on)


def test_a_malformed_register_policy_is_refused_naming_the_key(tmp_path: Path):
    text = (Path(__file__).resolve().parents[2] / "data/policy/register.toml").read_text()
    bad = tmp_path / "register.toml"
    bad.write_text(text.replace('max_active_bids = { value = 3', 'max_active_bids = { value = "3"'))
    with pytest.raises(PolicyError, match=r"lettings.max_active_bids: must be a whole number"):
        load_register_policy(bad)
    bad.write_text(text.replace('same_band = { value = "keep"', 'same_band = { value = "kept"'))
    with pytest.raises(PolicyError, match=r"band_dates.same_band: unknown value 'kept'"):
        load_register_policy(bad)
