"""On screen: the assessment opens with what the caller told triage, so an officer who only
confirms it gets the engine's answer on those facts, not the opposite."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from logic import clock
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from logic.front_door.triage import TriageAnswers
from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_the_assessment_opens_with_the_home_and_the_notice_triage_recorded():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    today = clock.today()
    expires = today + timedelta(days=40)
    outcome = intake.complete_intake(
        actor_id=officer.id, today=today, contact=intake.ContactDetails(channel="phone", summary="Section 21"),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Priya", "Shah", date(1991, 2, 3), "F")],
                                          postcode="AB1 2CD"),
        answers=TriageAnswers(applicant_dob=date(1991, 2, 3), applicant_sex="F", immigration_status="british_irish",
                              accommodation_tonight=True, likely_to_lose_home_on=expires, section_21_served=True,
                              section_21_valid="yes", section_21_expires_on=expires),
        chosen_route=triage.HOMELESSNESS)

    app.query_params["ref"] = outcome.case_reference
    app.switch_page("pages/assessment.py")
    app.run()
    assert app.title[0].value == "Assessment", _errors(app)
    assert any("From the triage of" in i.value for i in app.info), [i.value for i in app.info]
    assert app.checkbox(key="assessment_has_home").value is True
    assert app.checkbox(key="assessment_s21").value is True
    assert app.date_input(key="assessment_s21_expires").value == expires
    assert app.selectbox(key="assessment_immigration").value == "british_irish"
    app.text_area(key="assessment_circumstances").input("Landlord is selling.")
    app.text_area(key="assessment_housing_needs").input("One bedroom in the borough.")
    app.text_area(key="assessment_support_needs").input("None identified.")
    app.number_input(key="assessment_months").set_value(12)
    app.button(key="FormSubmitter:assessment_facts_form-Check with the engine").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.selectbox(key="assessment_decision_duty").value == "prevention"
    assert not app.warning  # nothing changed from triage

    # the officer learns she left yesterday: the change is shown and needs a reason
    app.checkbox(key="assessment_has_home").uncheck()
    app.button(key="FormSubmitter:assessment_facts_form-Check with the engine").click()
    app.run()
    assert "Has accommodation they are entitled to occupy: yes at triage, now no" in app.warning[0].value
    app.button(key="assessment_save").click()
    app.run()
    assert any(e.startswith("Why the facts differ from triage:") for e in _errors(app)), _errors(app)
