"""The H-CLIC checks of one case, as an officer meets them: each documented rule, and what is
missing at each stage, said in words with where to put it right."""

from __future__ import annotations

from datetime import date

import pytest

from logic.statistics import rules
from logic.statistics.rules import Quarter, check_case, in_quarter
from tests.statistics.builders import assessment, case, duty, stay

APPLIED = date(2026, 8, 3)


def rules_of(c) -> list[str]:
    return [p.rule for p in check_case(c)]


def a_complete_prevention_case(**kw):
    return case(APPLIED, assessments=[assessment(APPLIED)], duties=[duty("prevention", APPLIED)], **kw)


def test_a_complete_prevention_case_has_nothing_to_fix():
    assert check_case(a_complete_prevention_case()) == ()


def test_a_case_not_yet_assessed_is_not_reported_so_has_nothing_to_fix():
    assert check_case(case(APPLIED)) == ()


def test_rule_1_an_assessment_dated_before_the_application_is_found_with_where_to_fix_it():
    c = case(APPLIED, assessments=[assessment(date(2026, 8, 1))])
    found = [p for p in check_case(c) if p.rule == "rule 1"]
    assert len(found) == 1
    assert "before the application on 3 Aug 2026" in found[0].message
    assert found[0].fix_where == rules.AT_ASSESSMENT


def test_rule_1_a_duty_starting_before_the_application_is_found():
    c = case(APPLIED, assessments=[assessment(APPLIED)], duties=[duty("prevention", date(2026, 7, 30))])
    assert "rule 1" in rules_of(c)


def test_rule_3_prevention_ended_homeless_with_a_settled_outcome_elsewhere_is_an_error():
    ended = duty("prevention", APPLIED, date(2026, 9, 1), "became_homeless",
                 main_activity="mediation_prevent_eviction", accommodation_secured="council_tenancy")
    c = case(APPLIED, assessments=[assessment(APPLIED)], duties=[ended, duty("relief", date(2026, 9, 1))])
    assert "rule 3" in rules_of(c)


@pytest.mark.parametrize("outcome", ["living_with_friends", "other", "private_rented_self_contained"])
def test_rule_3_staying_where_they_were_or_with_friends_is_allowed(outcome):
    ended = duty("prevention", APPLIED, date(2026, 9, 1), "became_homeless",
                 main_activity="mediation_prevent_eviction", accommodation_secured=outcome)
    c = case(APPLIED, assessments=[assessment(APPLIED)], duties=[ended, duty("relief", date(2026, 9, 1))])
    assert "rule 3" not in rules_of(c)


def test_rule_4_temporary_accommodation_while_prevention_runs_is_an_error():
    c = case(APPLIED, assessments=[assessment(APPLIED)], duties=[duty("prevention", APPLIED)],
             stays=[stay(date(2026, 8, 10), basis="s193_2_main_duty")])
    found = [p for p in check_case(c) if p.rule == "rule 4"]
    assert found and found[0].fix_where == rules.AT_TA


def test_rule_4_temporary_accommodation_after_prevention_ended_is_fine():
    c = case(APPLIED, assessments=[assessment(APPLIED)],
             duties=[duty("prevention", APPLIED, date(2026, 9, 1), "became_homeless",
                          main_activity="advice_only"),
                     duty("relief", date(2026, 9, 1))],
             stays=[stay(date(2026, 9, 1))])
    assert check_case(c) == ()


def test_rule_5_interim_accommodation_after_prevention_secured_a_home_is_an_error():
    c = case(APPLIED, assessments=[assessment(APPLIED)],
             duties=[duty("prevention", APPLIED, date(2026, 9, 1), "accommodation_secured",
                          main_activity="helped_with_payment",
                          accommodation_secured="private_rented_self_contained")],
             stays=[stay(date(2026, 9, 5))])
    assert "rule 5" in rules_of(c)
    assert "rule 4" not in rules_of(c)


def test_rule_5_interim_accommodation_before_the_assessment_is_fine():
    c = case(APPLIED, assessments=[assessment(date(2026, 8, 5))], duties=[duty("prevention", date(2026, 8, 5))],
             stays=[stay(APPLIED, date(2026, 8, 5))])
    assert "rule 5" not in rules_of(c)


def test_rule_6_a_reason_that_does_not_fit_the_last_settled_home_is_an_error():
    c = case(APPLIED, assessments=[assessment(APPLIED, reason_for_loss="social_rent_arrears")],
             duties=[duty("prevention", APPLIED)])
    found = [p for p in check_case(c) if p.rule == "rule 6"]
    assert found and "end of social rented tenancy: rent arrears" in found[0].message


def test_rule_6_sleeping_rough_is_never_a_last_settled_home():
    c = case(APPLIED, assessments=[assessment(APPLIED, duty="relief", accommodation_at_application="rough_sleeping",
                                              last_settled_accommodation="rough_sleeping",
                                              reason_for_loss="other")],
             duties=[duty("relief", APPLIED)])
    assert "rule 6" in rules_of(c)


def test_main_and_support_left_empty_at_the_assessment_are_each_named():
    c = case(APPLIED, referral=None,
             assessments=[assessment(APPLIED, accommodation_at_application=None, last_settled_accommodation=None,
                                     reason_for_loss=None, employment=None, support_needs=None)],
             duties=[duty("prevention", APPLIED)])
    messages = [p.message for p in check_case(c)]
    assert messages == [
        "The applicant's employment is not recorded.",
        "Where the household last lived settled is not recorded.",
        "Where the household lived when it applied is not recorded.",
        "Who referred the household is not recorded.",
        "Why the household lost (or is losing) its last settled home is not recorded.",
        "The household's support needs (or none, or not known) is not recorded.",
    ]
    assert {p.fix_where for p in check_case(c)} == {rules.AT_ASSESSMENT, rules.AT_INTAKE}


def test_an_applicant_found_not_eligible_is_not_asked_for_main_people_or_support():
    c = case(APPLIED, referral=None,
             assessments=[assessment(APPLIED, eligible=False, duty="advice_only", accommodation_at_application=None,
                                     employment=None, support_needs=None)], stage="advice_only")
    assert check_case(c) == ()


def test_none_with_another_support_need_is_an_error():
    c = case(APPLIED, assessments=[assessment(APPLIED, support_needs=("none", "mental_health"))],
             duties=[duty("prevention", APPLIED)])
    assert "complete: support" in rules_of(c)


def test_a_prevention_duty_ended_without_its_activity_or_accommodation_is_incomplete():
    c = case(APPLIED, assessments=[assessment(APPLIED)],
             duties=[duty("prevention", APPLIED, date(2026, 9, 20), "accommodation_secured")])
    messages = [p.message for p in check_case(c)]
    assert ("Prevention duty ended on 20 Sep 2026: what the council mainly did is not recorded." in messages)
    assert ("Prevention duty ended with accommodation secured: the kind of accommodation is not recorded."
            in messages)


def test_a_closed_case_with_a_duty_still_open_is_found_at_close():
    c = case(APPLIED, assessments=[assessment(APPLIED)], duties=[duty("prevention", APPLIED)],
             status="closed", closed_on=date(2026, 9, 1))
    assert "complete: assistance" in rules_of(c)


def test_a_placement_without_its_duty_is_incomplete():
    c = case(APPLIED, assessments=[assessment(APPLIED, duty="relief", homelessness="homeless")],
             duties=[duty("relief", APPLIED)], stays=[stay(APPLIED, basis=None)])
    assert "complete: temporary_accommodation" in rules_of(c)


# --- which quarter ------------------------------------------------------------------------------

Q3 = Quarter.parse("2026-Q3")


def test_a_quarter_reads_as_its_calendar_months():
    assert (Q3.first_day, Q3.last_day) == (date(2026, 7, 1), date(2026, 9, 30))
    assert Quarter.parse("2026-q4").last_day == date(2026, 12, 31)
    with pytest.raises(ValueError, match="like 2026-Q3"):
        Quarter.parse("Q3 2026")


def test_a_duty_owed_in_the_quarter_puts_the_case_in_it():
    assert in_quarter(a_complete_prevention_case(), Q3)
    assert not in_quarter(a_complete_prevention_case(), Quarter.parse("2026-Q4"))


def test_a_household_in_ta_on_the_last_day_is_in_the_snapshot_of_a_later_quarter():
    c = case(date(2026, 5, 1), assessments=[assessment(date(2026, 5, 1), duty="relief")],
             duties=[duty("relief", date(2026, 5, 1), date(2026, 6, 26), "56_days_elapsed"),
                     duty("main_duty", date(2026, 6, 30))],
             stays=[stay(date(2026, 5, 1), basis="s193_2_main_duty")])
    assert in_quarter(c, Q3)  # nothing happened in Q3, but it was in TA on 30 September
    moved_out = case(date(2026, 5, 1), assessments=[assessment(date(2026, 5, 1), duty="relief")],
                     duties=[duty("relief", date(2026, 5, 1))], stays=[stay(date(2026, 5, 1), date(2026, 6, 1))])
    assert not in_quarter(moved_out, Q3)


def test_advice_only_contacts_are_left_out_unless_placed_in_ta():
    advice = case(APPLIED, case_type="advice", stage="advice", assessments=[], duties=[])
    assert not in_quarter(advice, Q3)
    assert in_quarter(case(APPLIED, case_type="advice", stage="advice", stays=[stay(APPLIED)]), Q3)


def test_a_case_closed_in_the_quarter_is_in_it():
    c = case(date(2026, 4, 1), assessments=[assessment(date(2026, 4, 1))],
             duties=[duty("prevention", date(2026, 4, 1), date(2026, 5, 27), "56_days_elapsed")],
             status="closed", closed_on=date(2026, 7, 2))
    assert in_quarter(c, Q3)
