"""Triage on the facts version 2 of the engine reads (decision-scenarios.md): a 16- or
17-year-old who left care or is owed a s.20 duty goes to children's services first, abuse
against a member of the household is named as such, a home lost to fire is no longer one it
is reasonable to live in, and what triage heard is where the s.189A assessment starts."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from logic.casework import service as cw
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from tests.front_door.helpers import TODAY, answers
from tests.pages.conftest import signed_in_app

KAI_DOB = date(2009, 6, 1)  # 17 on TODAY


def _kai(**changes) -> triage.TriageAnswers:
    """Kai, 17, left foster care at 16; his friend's mother has told him he cannot stay tonight."""
    given = dict(applicant_dob=KAI_DOB, applicant_sex="M", accommodation_tonight=False, members=(),
                 relevant_child=True)
    given.update(changes)
    return answers(**given)


def test_a_17_year_old_who_left_care_at_16_is_referred_to_childrens_services_first():
    rec = triage.recommend(_kai(), TODAY)
    assert rec.route == triage.EMERGENCY and rec.case_type == "homelessness"
    first = rec.reasons[0]
    assert first.rule == "refer_to_childrens_services" and first.citation.startswith("Children Act 1989 s.20")
    assert "You are 17 and you left care at 16 or 17" in first.text
    assert rec.headline.startswith("Act today: refer to children's services")
    assert rec.actions_today[0].startswith("Refer to children's services today")
    assert rec.facts["applicant"]["relevant_child"] is True


def test_a_17_year_old_owed_a_section_20_duty_is_referred_too_but_one_of_18_is_not():
    assert triage.recommend(_kai(relevant_child=False, owed_s20_duty=True), TODAY).reasons[0].rule == \
        "refer_to_childrens_services"
    adult = triage.recommend(_kai(applicant_dob=date(2008, 6, 1)), TODAY)
    assert "refer_to_childrens_services" not in [r.rule for r in adult.reasons]


def test_the_children_act_questions_are_for_16_and_17_year_olds():
    assert triage.young_person(KAI_DOB, TODAY)
    assert triage.young_person(date(2010, 11, 23), TODAY)  # 16 today
    assert not triage.young_person(date(2008, 11, 23), TODAY)  # 18 today
    assert not triage.young_person(date(2010, 11, 24), TODAY)  # 16 tomorrow


def test_abuse_against_zoes_son_is_named_as_his_and_cites_s177_not_the_applicants_priority_ground():
    rec = triage.recommend(answers(domestic_abuse=True, domestic_abuse_victim="member"), TODAY)
    assert rec.route == triage.EMERGENCY
    abuse = next(r for r in rec.reasons if r.rule == "domestic_abuse")
    assert abuse.citation == "Housing Act 1996 s.177(1)"
    assert "against someone in your household" in abuse.text and "priority need" not in abuse.text
    assert rec.facts["housing"]["domestic_abuse_victim"] == "member"


def test_abuse_against_zoe_herself_is_recorded_as_before():
    rec = triage.recommend(answers(domestic_abuse=True), TODAY)
    assert "domestic_abuse_victim" not in rec.facts["housing"]
    assert next(r for r in rec.reasons if r.rule == "domestic_abuse").citation.startswith("Domestic Abuse Act 2021")


def test_a_home_lost_to_fire_is_recorded_as_not_reasonable_to_live_in_with_the_fire_as_its_cause():
    rec = triage.recommend(answers(disaster="fire"), TODAY)
    assert rec.facts["housing"]["emergency"] == "fire"
    assert rec.facts["housing"]["reasonable_to_occupy"] is False
    assert rec.route == triage.EMERGENCY and rec.determination.homelessness == "homeless"


def test_who_is_at_risk_must_be_one_of_the_three_answers():
    import pytest

    from logic.common.errors import FieldError

    with pytest.raises(FieldError, match="Who is at risk of the abuse"):
        triage.recommend(answers(domestic_abuse=True, domestic_abuse_victim="neighbour"), TODAY)


def test_what_kai_told_triage_is_where_his_assessment_starts(team):
    outcome = intake.complete_intake(
        actor_id=team.officer, today=TODAY, contact=intake.ContactDetails(channel="visit", summary="Left care"),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Kai", "Lowe", KAI_DOB, "M")],
                                          postcode="AB1 2CD"),
        answers=_kai(domestic_abuse=True, domestic_abuse_victim="both"), chosen_route=triage.EMERGENCY)
    start = cw.assessment_start(case_id=outcome.case_id, viewer_id=team.officer)
    assert start.applicant["relevant_child"] is True
    assert start.housing["domestic_abuse_victim"] == "both"
    assert start.triage["applicant.relevant_child"] is True


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_on_screen_a_17_year_old_relevant_child_is_routed_to_childrens_services(demo_store):
    app = signed_in_app("officer")
    app.switch_page("pages/intake.py")
    app.run()
    app.selectbox(key="intake_channel").set_value("visit")
    app.text_input(key="intake_search_text").input("Lowe-Tremayne")
    app.button(key="FormSubmitter:intake_search_form-Search").click()
    app.run()
    app.text_input(key="intake_new_given").input("Kai")
    app.text_input(key="intake_new_family").input("Lowe-Tremayne")
    app.date_input(key="intake_new_dob").set_value(KAI_DOB)
    app.selectbox(key="intake_new_sex").set_value("M")
    app.text_input(key="intake_new_postcode").input("ab1 2cd")
    app.button(key="FormSubmitter:intake_new_household_form-Check for duplicates").click()
    app.run()
    assert not _errors(app), _errors(app)
    app.radio(key="intake_tonight").set_value("No")
    app.run()
    assert not any("children's services" in e.value for e in app.error)
    app.checkbox(key="intake_relevant_child").check()
    app.run()
    assert not app.exception, _errors(app)
    said = [e.value for e in app.error]
    assert any("Recommended: Emergency today" in v and "refer to children's services" in v for v in said), said
    assert any("Children's services' duties to you come first" in m.value for m in app.markdown)


def test_on_screen_an_adult_caller_is_not_asked_whether_they_left_care_at_16_or_17(demo_store):
    app = signed_in_app("officer")
    app.switch_page("pages/intake.py")
    app.run()
    app.text_input(key="intake_search_text").input("Lowe-Tremayne")
    app.button(key="FormSubmitter:intake_search_form-Search").click()
    app.run()
    app.text_input(key="intake_new_given").input("Ruth")
    app.text_input(key="intake_new_family").input("Lowe-Tremayne")
    app.date_input(key="intake_new_dob").set_value(date(1979, 6, 1))
    app.selectbox(key="intake_new_sex").set_value("F")
    app.text_input(key="intake_new_postcode").input("ab1 2cd")
    app.button(key="FormSubmitter:intake_new_household_form-Check for duplicates").click()
    app.run()
    keys = {c.key for c in app.checkbox}
    assert "intake_da" in keys and "intake_relevant_child" not in keys
    app.checkbox(key="intake_da").check()
    app.run()
    assert app.selectbox(key="intake_da_victim").value == "applicant"
