"""The quarter's figures from a small quarter built by hand, each counted on paper first: nine
households worked between April and September 2026, counted for July to September."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest

from logic.statistics import tables
from logic.statistics.rules import Quarter, in_quarter
from tests.statistics.builders import assessment, case, duty, member, stay

Q3 = Quarter.parse("2026-Q3")
D = date


def six_weeks(start: date) -> date:  # the last day of six weeks in B&B
    return start + timedelta(days=41)


def target(applied: date) -> date:  # a decision due ten days after the application
    return applied + timedelta(days=10)


# the decision after relief does not ask the H-CLIC details again: the first answers stand
NOT_ASKED_AGAIN = dict(accommodation_at_application=None, last_settled_accommodation=None, reason_for_loss=None,
                       employment=None, support_needs=None)


def the_quarter():
    single_woman = case(D(2026, 7, 6), reference="HL-000001", members=[member("applicant", sex="F")],
                        assessments=[assessment(D(2026, 7, 6), support_needs=("mental_health", "alcohol_dependency"))],
                        duties=[duty("prevention", D(2026, 7, 6), D(2026, 8, 20), "accommodation_secured",
                                     main_activity="helped_with_payment",
                                     accommodation_secured="private_rented_self_contained")])
    family_in_bnb = case(
        D(2026, 7, 10), reference="HL-000002", referral="probation",
        members=[member("applicant", sex="M", name="Tom"), member("partner", sex="F"),
                 member("child", dob=D(2020, 1, 1))],
        assessments=[assessment(D(2026, 7, 12), duty="relief", accommodation_at_application="living_with_friends",
                                last_settled_accommodation="living_with_family", reason_for_loss="family_friends",
                                employment="registered_unemployed"),
                     assessment(D(2026, 9, 10), duty="main", priority_need=True, **NOT_ASKED_AGAIN,
                                grounds_json=json.dumps(["dependent_children"]))],
        duties=[duty("relief", D(2026, 7, 12), D(2026, 9, 6), "56_days_elapsed", main_activity="other_activity"),
                duty("main_duty", D(2026, 9, 10))],
        stays=[stay(D(2026, 7, 12), kind="bed_and_breakfast")])
    no_duty = case(D(2026, 7, 20), reference="HL-000003", status="closed", closed_on=D(2026, 8, 2),
                   assessments=[assessment(D(2026, 8, 1), duty="advice_only", homelessness="neither")])
    not_eligible = case(D(2026, 8, 3), reference="HL-000004",
                        assessments=[assessment(D(2026, 8, 8), eligible=False, duty="advice_only")])
    prevention_then_relief = case(
        D(2026, 4, 1), reference="HL-000005", assessments=[assessment(D(2026, 4, 1))],
        duties=[duty("prevention", D(2026, 4, 1), D(2026, 7, 15), "became_homeless",
                     main_activity="mediation_prevent_eviction"),
                duty("relief", D(2026, 7, 15), D(2026, 9, 1), "accommodation_secured",
                     main_activity="accommodation_secured_by_council", accommodation_secured="council_tenancy")],
        stays=[stay(D(2026, 7, 15), D(2026, 9, 1), kind="hostel")])
    main_duty_refused = case(
        D(2026, 1, 10), reference="HL-000006", assessments=[assessment(D(2026, 1, 10), duty="relief")],
        duties=[duty("relief", D(2026, 1, 10), D(2026, 3, 6), "56_days_elapsed"),
                duty("main_duty", D(2026, 3, 6), D(2026, 8, 15), "refused_suitable_offer")],
        stays=[stay(D(2026, 3, 6), D(2026, 8, 15), kind="private_sector_leased", basis="s193_2_main_duty")])
    advice_in_ta = case(D(2026, 9, 20), reference="HL-000007", case_type="advice", stage="advice",
                        stays=[stay(D(2026, 9, 20), kind="council_temporary")])
    no_priority = case(
        D(2026, 5, 1), reference="HL-000008", assessments=[
            assessment(D(2026, 5, 1), duty="relief"),
            assessment(D(2026, 7, 3), duty="advice_only", homelessness="homeless", priority_need=False)],
        duties=[duty("relief", D(2026, 5, 1), D(2026, 6, 26), "56_days_elapsed", main_activity="advice_only")])
    mother_in_bnb = case(
        D(2026, 9, 10), reference="HL-000009", referral=None,
        members=[member("applicant", sex="F"), member("child", dob=D(2024, 3, 1))],
        assessments=[assessment(D(2026, 9, 10), duty="relief", accommodation_at_application="rough_sleeping",
                                last_settled_accommodation=None, reason_for_loss=None, employment=None,
                                support_needs=None)],
        duties=[duty("relief", D(2026, 9, 10))], stays=[stay(D(2026, 9, 10), kind="bed_and_breakfast")])
    return [single_woman, family_in_bnb, no_duty, not_eligible, prevention_then_relief, main_duty_refused,
            advice_in_ta, no_priority, mother_in_bnb]


def test_every_household_worked_in_the_quarter_is_in_its_return():
    assert all(in_quarter(c, Q3) for c in the_quarter())


EXPECTED = {
    "A1": {"prevention": 1, "relief": 2, "no_duty": 1, "not_eligible": 1},
    "A2P": {"ast_end": 1},
    "A2R": {"family_friends": 1, "not_recorded": 1},
    "A3": {"mental_health": 1, "alcohol_dependency": 1, "none": 1, "not_recorded": 1},
    "A4P": {"private_rented_self_contained": 1},
    "A4R": {"living_with_friends": 1, "rough_sleeping": 1},
    "A5P": {"single_female": 1},
    "A5R": {"couple_children": 1, "single_parent_female": 1},
    "A7": {"none": 1, "probation": 1, "not_recorded": 1},
    "A10": {"part_time": 1, "registered_unemployed": 1, "not_recorded": 1},
    "P1": {"accommodation_secured": 1, "became_homeless": 1},
    "P2": {"private_rented_self_contained": 1},
    "P3": {"helped_with_payment": 1},
    "R1": {"56_days_elapsed": 1, "accommodation_secured": 1},
    "R2": {"council_tenancy": 1},
    "R3": {"accommodation_secured_by_council": 1},
    "MD1": {"main_duty": 1, "no_priority_need": 1},
    "MD2": {"refused_suitable_offer": 1},
    "MD3": {"dependent_children": 1},
    "TA1": {"bed_and_breakfast": 2, "social_stock": 1},
}


@pytest.mark.parametrize("figure", sorted(EXPECTED))
def test_each_figure_matches_the_count_by_hand(figure):
    figures = tables.count_figures(the_quarter(), Q3, six_weeks)
    assert figures.tables[figure] == Counter(EXPECTED[figure])


def test_families_in_bnb_and_those_there_over_six_weeks():
    figures = tables.count_figures(the_quarter(), Q3, six_weeks)
    # two families with children in B&B on 30 September; the one placed on 12 July is past six weeks
    assert (figures.children_in_bnb, figures.children_in_bnb_over_six_weeks) == (2, 1)


def test_the_managers_kpis_match_the_count_by_hand():
    cases = the_quarter()
    figures = tables.count_figures(cases, Q3, six_weeks)
    kpis = tables.count_kpis(cases, Q3, figures, target)
    # two prevention duties ended in the quarter, one with accommodation secured
    assert (kpis.prevention_ended, kpis.prevention_secured, kpis.prevention_secured_share) == (2, 1, 0.5)
    # five initial assessments: 0, 2, 12, 5 and 0 days after the application
    assert (kpis.assessments, kpis.median_days_to_assessment) == (5, 2.0)
    # within ten days: all but the one assessed after 12 days
    assert (kpis.decisions_within_target, kpis.decisions_within_target_share) == (4, 0.8)
    assert kpis.families_in_bnb_over_six_weeks == 1
