"""Triage as officers meet it at the front door: the route, and the reason for it, cited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from logic.common.errors import FieldError
from logic.front_door import triage
from logic.law import parse_facts
from tests.front_door.helpers import TODAY, answers


def rules(rec: triage.Recommendation) -> list[str]:
    return [r.rule for r in rec.reasons]


def test_nowhere_to_stay_tonight_with_a_child_is_an_emergency_with_interim_accommodation():
    rec = triage.recommend(answers(accommodation_tonight=False), TODAY)
    assert rec.route == triage.EMERGENCY and rec.case_type == "homelessness"
    first = rec.reasons[0]
    assert first.rule == "no_accommodation_tonight" and first.citation == "Housing Act 1996 s.188(1)"
    assert "must provide somewhere to stay" in first.text
    assert "interim_accommodation" in rules(rec) and "relief_duty" in rules(rec)
    assert any("interim accommodation for tonight" in a for a in rec.actions_today)


def test_a_single_adult_with_nowhere_tonight_is_still_seen_today_but_not_promised_a_room():
    rec = triage.recommend(answers(accommodation_tonight=False, members=()), TODAY)
    assert rec.route == triage.EMERGENCY
    assert "no reason yet to believe you have a priority need" in rec.reasons[0].text
    assert "interim_no_priority_need" in rules(rec)
    assert not any("interim accommodation for tonight" in a for a in rec.actions_today)


def test_domestic_abuse_at_home_is_an_emergency_citing_s177_and_the_2021_act():
    rec = triage.recommend(answers(domestic_abuse=True), TODAY)
    assert rec.route == triage.EMERGENCY and rec.case_type == "homelessness"
    assert rec.reasons[0].rule == "domestic_abuse"
    assert "Domestic Abuse Act 2021" in rec.reasons[0].citation
    assert "s.177(1)" in rec.reasons[0].text
    assert "domestic_abuse_not_reasonable" in rules(rec)  # the engine: homeless under s.177(1)
    assert "domestic_abuse" in rec.suggested_categories


def test_a_home_lost_to_flood_is_an_emergency_with_priority_need_under_s189_1_d():
    rec = triage.recommend(answers(disaster="flood", members=()), TODAY)
    assert rec.route == triage.EMERGENCY
    assert rec.reasons[0].rule == "disaster" and rec.reasons[0].citation == "Housing Act 1996 s.189(1)(d)"
    assert "emergency_home_lost" in rules(rec)
    assert rec.determination.priority_need and rec.determination.interim_accommodation_duty


def test_a_safeguarding_concern_alone_is_an_emergency_but_opens_no_homelessness_case():
    rec = triage.recommend(answers(safeguarding_concern=True), TODAY)
    assert rec.route == triage.EMERGENCY and rec.case_type is None
    assert rec.reasons[0].rule == "safeguarding_concern"
    assert rec.reasons[0].citation == "Children Act 2004 s.11" and "Care Act 2014 s.42" in rec.reasons[0].text
    assert any("safeguarding flag" in a for a in rec.actions_today)


def test_a_section_21_expiring_within_56_days_opens_a_homelessness_case_for_prevention():
    rec = triage.recommend(answers(section_21_served=True, section_21_valid="yes",
                                   section_21_expires_on=TODAY + timedelta(days=30)), TODAY)
    assert rec.route == triage.HOMELESSNESS and rec.case_type == "homelessness"
    assert rules(rec)[:2] == ["reason_to_believe", "threatened_section_21"]
    assert rec.reasons[0].citation == "Housing Act 1996 s.184(1)"
    assert "prevention_duty" in rules(rec)
    assert next(r for r in rec.reasons if r.rule == "prevention_duty").citation == "Housing Act 1996 s.195(2)"
    assert "prevention duty" in rec.headline and not rec.assumptions


def test_a_notice_nobody_has_checked_is_treated_as_valid_and_says_so():
    rec = triage.recommend(answers(section_21_served=True, section_21_valid="not_checked",
                                   section_21_expires_on=TODAY + timedelta(days=30)), TODAY)
    assert rec.route == triage.HOMELESSNESS
    assert [a.rule for a in rec.assumptions] == ["notice_not_checked"]


def test_an_invalid_notice_alone_gives_advice_with_the_engine_reason():
    rec = triage.recommend(answers(section_21_served=True, section_21_valid="no",
                                   section_21_expires_on=TODAY + timedelta(days=30)), TODAY)
    assert rec.route == triage.ADVICE
    assert "section_21_invalid" in rules(rec)
    assert rec.reasons[0].citation == "Housing Act 1996 s.179(1)"


def test_losing_the_home_in_four_months_is_advice_now_with_a_follow_up_date():
    rec = triage.recommend(answers(likely_to_lose_home_on=TODAY + timedelta(days=120)), TODAY)
    assert rec.route == triage.ADVICE and rec.case_type is None
    assert "not_yet_threatened" in rules(rec)
    follow_up = TODAY + timedelta(days=120 - 56)
    assert any(f"{follow_up.day} {follow_up.strftime('%B')} {follow_up.year}" in a
               for a in rec.actions_today)


def test_overcrowded_and_wanting_to_move_starts_a_register_application_citing_s166a():
    rec = triage.recommend(answers(wants_to_move=True, current_bedrooms=0), TODAY)
    assert rec.route == triage.REGISTER and rec.case_type == "register"
    assert rec.reasons[0].citation == "Housing Act 1996 s.166(3)"
    assert any(r.citation.startswith("Housing Act 1996 s.166A(3)") for r in rec.reasons)


def test_someone_not_eligible_for_an_allocation_is_not_sent_to_the_register():
    rec = triage.recommend(answers(wants_to_move=True, immigration_status="limited_leave_no_recourse"),
                           TODAY)
    assert rec.route == triage.ADVICE
    assert "ineligible_advice_only" in rules(rec)


def test_homeless_but_probably_ineligible_still_opens_a_case_for_the_s184_decision():
    rec = triage.recommend(answers(accommodation_tonight=False, immigration_status="asylum_seeker"), TODAY)
    assert rec.case_type == "homelessness"
    assert "asylum_seeker_ineligible" in rules(rec)
    assert any("s.213A" in a for a in rec.actions_today)


def test_unknown_immigration_status_is_assumed_eligible_and_never_stated_as_fact():
    rec = triage.recommend(answers(section_21_served=True, section_21_valid="yes",
                                   section_21_expires_on=TODAY + timedelta(days=10),
                                   immigration_status="not_known"), TODAY)
    assert rec.route == triage.HOMELESSNESS
    assert [a.rule for a in rec.assumptions] == ["immigration_status_not_known"]
    assert not any("British or Irish" in r.text for r in rec.reasons)


def test_the_facts_are_the_engines_scenario_format():
    rec = triage.recommend(answers(domestic_abuse=True, applicant_pregnant=True,
                                   vulnerability=("mental_illness",)), TODAY)
    facts = parse_facts(rec.facts)  # the engine's own reader accepts them
    assert facts.housing.domestic_abuse and facts.applicant.pregnant
    assert facts.applicant.vulnerability == ("mental_illness",)


def test_every_route_reason_cites_a_provision():
    for scenario in (answers(accommodation_tonight=False), answers(wants_to_move=True),
                     answers(), answers(safeguarding_concern=True, domestic_abuse=True)):
        rec = triage.recommend(scenario, TODAY)
        assert rec.reasons
        for reason in rec.reasons:
            assert reason.citation.strip() and any(ch.isdigit() for ch in reason.citation), reason


@pytest.mark.parametrize(("changes", "field"), [
    ({"applicant_dob": TODAY + timedelta(days=1)}, "applicant_dob"),
    ({"immigration_status": "tourist"}, "immigration_status"),
    ({"section_21_served": True}, "section_21_expires_on"),
    ({"disaster": "earthquake"}, "disaster"),
    ({"vulnerability": ("sad",)}, "vulnerability[0]"),
    ({"current_bedrooms": -1}, "current_bedrooms"),
    ({"members": (triage.MemberAnswer("child", TODAY + timedelta(days=9), "F"),)}, "members[0].dob"),
    ({"members": (triage.MemberAnswer("lodger", date(1990, 1, 1), "F"),)}, "members[0].relation"),
])
def test_an_impossible_answer_is_refused_naming_the_question(changes, field):
    with pytest.raises(FieldError) as refused:
        triage.recommend(answers(**changes), TODAY)
    assert refused.value.field == field


def test_a_route_that_does_not_exist_is_refused():
    rec = triage.recommend(answers(), TODAY)
    with pytest.raises(FieldError, match="^Route: "):
        triage.case_type_for("shelter", rec)
    assert triage.case_type_for(triage.HOMELESSNESS, rec) == "homelessness"
    assert triage.case_type_for(triage.ADVICE, rec) is None


def test_a_refused_answer_is_named_as_the_intake_screen_asks_the_question():
    # the engine's reader refuses the fact; the officer reads the question they answered
    baby = triage.MemberAnswer("child", TODAY + timedelta(days=9), "F")
    with pytest.raises(FieldError) as refused:
        triage.recommend(answers(members=(triage.MemberAnswer("partner", date(1990, 1, 1), "M"), baby)),
                         TODAY)
    assert refused.value.field == "members[1].dob"
    assert refused.value.message.startswith("Who lives with them, row 2: Date of birth: after the "
                                            "assessment date")
    assert "expected baby is counted from 'pregnant'" in refused.value.problem
    with pytest.raises(FieldError) as status:
        triage.recommend(answers(immigration_status="tourist"), TODAY)
    assert status.value.message.startswith("Immigration status: unknown code \"tourist\"")
    assert "facts." not in status.value.message
