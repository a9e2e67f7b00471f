"""On screen: the assessment asks the H-CLIC categories beside the s.189A answers, starting from
where triage found the household living, and names the question it refuses (issue 16)."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from logic import clock
from logic.cases import service as cases
from logic.db import engine_for
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from logic.front_door.triage import TriageAnswers
from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")
CHECK = "FormSubmitter:assessment_facts_form-Check with the engine"


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_the_officer_answers_the_categories_starting_from_where_triage_found_her_living():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    today = clock.today()
    outcome = intake.complete_intake(
        actor_id=officer.id, today=today,
        contact=intake.ContactDetails(channel="visit", summary="Her mother has asked her to leave tonight."),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Nia", "Evans", date(2001, 7, 9), "F")],
                                          postcode="AB1 2CD"),
        answers=TriageAnswers(applicant_dob=date(2001, 7, 9), applicant_sex="F", immigration_status="british_irish",
                              accommodation_tonight=False, current_accommodation="living_with_family"),
        chosen_route=triage.EMERGENCY, referral_source="none")

    app.query_params["ref"] = outcome.case_reference
    app.switch_page("pages/assessment.py")
    app.run()
    assert not _errors(app), _errors(app)
    said = " ".join(i.value for i in app.info)
    assert "The accommodation at application is where triage found them living" in said, said
    assert app.selectbox(key="assessment_accommodation_at_application").value == "living_with_family"
    assert app.selectbox(key="assessment_last_settled_accommodation").value is None
    # the choices read as words, never as codes
    assert "Young parent needing support to live independently" in app.multiselect(
        key="assessment_support_need_codes").options
    app.text_area(key="assessment_circumstances").input("Her mother asked her to leave after a row.")
    app.text_area(key="assessment_housing_needs").input("A studio or one-bedroom flat in the borough.")
    app.text_area(key="assessment_support_needs").input("Budgeting help; she has just started work.")
    app.selectbox(key="assessment_last_settled_accommodation").set_value("living_with_family")
    app.selectbox(key="assessment_reason_for_loss").set_value("family_friends")
    app.selectbox(key="assessment_employment").set_value("part_time")
    app.number_input(key="assessment_months").set_value(12)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    app.button(key="assessment_save").click()
    app.run()
    assert _errors(app) == ["Support needs of the household (H-CLIC categories): choose every support need that "
                            "applies, or 'No support needs', or 'Not known'"], _errors(app)

    app.multiselect(key="assessment_support_need_codes").set_value(["young_person_18_25",
                                                                      "education_employment_training"])
    app.button(key=CHECK).click()
    app.run()
    app.button(key="assessment_save").click()
    app.run()
    assert not _errors(app), _errors(app)
    case_id = cases.case_id_for_reference(outcome.case_reference)
    with engine_for().connect() as connection:
        row = connection.execute(sa.text(
            "SELECT accommodation_at_application, last_settled_accommodation, reason_for_loss, employment, "
            "support_need_codes FROM homelessness_assessment WHERE case_id = :c"), {"c": case_id}).one()
        source = connection.execute(sa.text(
            "SELECT referral_source FROM triage_record WHERE case_id = :c"), {"c": case_id}).scalar_one()
    assert tuple(row[:4]) == ("living_with_family", "living_with_family", "family_friends", "part_time")
    assert json.loads(row[4]) == ["young_person_18_25", "education_employment_training"]
    assert source == "none"
