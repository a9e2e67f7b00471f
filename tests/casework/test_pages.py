"""An officer takes a homeless applicant from assessment to an ended relief duty on screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models import HousingCase
from logic.models.casework import HomelessnessDuty
from pages import _keys
from tests.casework.helpers import TODAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _new_case(officer_id: int) -> str:
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=[
            PersonDetails("applicant", "Joel", "Mensah", date(1988, 1, 9), "M"),
            PersonDetails("child", "Ama", "Mensah", date(2019, 4, 2), "F")])
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Asked to leave by family", assigned_officer_id=officer_id)
        return case.reference


def _section(reference: str, officer) -> AppTest:
    """The casework section as the case record shows it (pages/_sections/casework.py)."""

    def script(reference: str, officer) -> None:
        import streamlit as st

        from logic.cases import service as cases
        from pages._sections.casework import render_casework_section
        from pages._ui import remember_version_seen, show_flash

        show_flash()
        record = cases.open_case_record(case_id=cases.case_id_for_reference(reference), viewer_id=officer.id)
        render_casework_section(record, officer)
        remember_version_seen(record.id, record.version)
        st.write("rendered")

    return AppTest.from_function(script, kwargs={"reference": reference, "officer": officer}, default_timeout=30)


def test_an_officer_assesses_a_homeless_family_and_takes_the_case_to_an_ended_relief_duty():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference = _new_case(officer.id)

    app.query_params["ref"] = reference
    app.switch_page("pages/assessment.py")
    app.run()
    assert app.title[0].value == "Assessment", _errors(app)
    # no triage on this case: nothing is assumed, the status is asked
    assert app.selectbox(key="assessment_immigration").value is None
    app.selectbox(key="assessment_immigration").set_value("british_irish")
    app.text_area(key="assessment_circumstances").input("Asked to leave by his sister after the baby arrived.")
    app.text_area(key="assessment_housing_needs").input("Two-bedroom home near Ama's nursery.")
    app.text_area(key="assessment_support_needs").input("None identified.")
    app.selectbox(key="assessment_accommodation_at_application").set_value("living_with_family")
    app.selectbox(key="assessment_last_settled_accommodation").set_value("living_with_family")
    app.selectbox(key="assessment_reason_for_loss").set_value("family_friends")
    app.selectbox(key="assessment_employment").set_value("full_time")
    app.multiselect(key="assessment_support_need_codes").set_value(["none"])
    app.number_input(key="assessment_months").set_value(12)
    app.button(key="FormSubmitter:assessment_facts_form-Check with the engine").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.selectbox(key="assessment_decision_duty").value == "relief"
    assert app.radio(key="assessment_decision_priority_need").value == "Yes"
    # the officer disagrees on local connection: a reason is asked for and required
    app.radio(key="assessment_decision_local_connection").set_value("No")
    app.run()
    app.button(key="assessment_save").click()
    app.run()
    # the refusal names the question as the screen asks it, not the field's code
    assert any(e.startswith("Why you decide otherwise: Local connection (s.199): you decided no")
               for e in _errors(app)), _errors(app)
    assert not any("override_reasons" in e for e in _errors(app))
    app.text_area(key="assessment_override_local_connection").input("Lived here only three weeks; sofa-surfing")
    app.button(key="assessment_save").click()
    app.run()
    assert not app.exception, _errors(app)

    section = _section(reference, officer)
    section.run()
    assert not section.exception, _errors(section)
    assert not section.warning  # no duty yet, so nothing for the guard to find
    section.selectbox(key="casework_to_stage").set_value("relief")
    section.text_area(key="casework_stage_reason").input("Homeless today: relief duty accepted")
    section.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    section.run()
    assert not section.exception and not section.error, _errors(section)
    assert "Relief duty" in section.success[0].value
    flags = " ".join(w.value for w in section.warning).lower()
    assert "no interim accommodation" in flags and "no personalised housing plan" in flags

    # a relief duty refused to end on a reason the law does not give is explained, not saved
    section.selectbox(key="casework_to_stage").set_value("duty_ended")
    section.selectbox(key="casework_end_reason").set_value("withdrew")
    section.selectbox(key="casework_main_activity").set_value("advice_only")
    section.text_area(key="casework_stage_reason").input("Applicant phoned to withdraw; moving to Leeds")
    section.date_input(key="casework_stage_on").set_value(TODAY + timedelta(days=1))
    section.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    section.run()
    assert _errors(section)[0] == "With effect from: cannot be a date still to come"
    section.date_input(key="casework_stage_on").set_value(TODAY)
    section.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    section.run()
    assert not section.exception and not section.error, _errors(section)

    with session_scope() as session:
        case_id = cases.case_id_for_reference(reference)
        assert session.get(HousingCase, case_id).stage == "duty_ended"
        duty = session.query(HomelessnessDuty).filter_by(case_id=case_id).one()
        assert (duty.duty, duty.ended_on, duty.end_reason) == ("relief", TODAY, "withdrew")
        assert (duty.main_activity, duty.accommodation_secured) == ("advice_only", None)
    kinds = [e.kind for e in cases.open_case_record(case_id=case_id, viewer_id=officer.id).events]
    assert kinds[:4] == ["stage_changed", "duty_ended", "stage_changed", "duty_started"]


@pytest.mark.parametrize("role", ["officer", "senior", "trainee"])
def test_the_casework_screens_open_for_each_role_that_has_them(role):
    from logic.navigation import pages_for

    app = signed_in_app(role)
    for spec in pages_for(role):
        if spec.url_path in ("deadlines", "compliance", "temporary-accommodation", "assessment"):
            app.switch_page(spec.path)
            app.run()
            assert not app.exception, (spec.path, _errors(app))
            assert app.title[0].value == spec.title


def test_ending_a_relief_duty_with_a_home_found_asks_what_was_done_and_what_was_secured_on_screen():
    from tests.casework.helpers import HOMELESS, assess, move

    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference = _new_case(officer.id)
    case_id = cases.case_id_for_reference(reference)

    assess(case_id, officer.id, on=TODAY - timedelta(days=20), housing=HOMELESS)
    move(case_id, officer.id, "relief", on=TODAY - timedelta(days=20))
    section = _section(reference, officer)
    section.run()
    assert "Helped to secure accommodation the applicant found, with a payment" in section.selectbox(
        key="casework_main_activity").options  # in words, never codes
    section.selectbox(key="casework_to_stage").set_value("duty_ended")
    section.selectbox(key="casework_end_reason").set_value("accommodation_secured")
    section.selectbox(key="casework_main_activity").set_value("helped_with_payment")
    section.text_area(key="casework_stage_reason").input("Joel signed a 12-month tenancy; we paid the deposit.")
    section.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    section.run()
    assert _errors(section) == ["Accommodation secured: the duty ends with accommodation secured: choose the "
                                "kind of accommodation"], _errors(section)
    section.selectbox(key="casework_accommodation_secured").set_value("private_rented_self_contained")
    section.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    section.run()
    assert not _errors(section), _errors(section)
    with session_scope() as session:
        duty = session.query(HomelessnessDuty).filter_by(case_id=case_id, duty="relief").one()
        assert (duty.end_reason, duty.main_activity, duty.accommodation_secured) == (
            "accommodation_secured", "helped_with_payment", "private_rented_self_contained")
