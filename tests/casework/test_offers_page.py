"""The Offers part of the case record: an officer records a final offer and the family's refusal
on screen, and is told why the relief duty cannot end on it until the letter has gone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from pages import _keys
from tests.casework.helpers import HOMELESS, TODAY, assess, move
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _family_on_relief(officer_id: int) -> str:
    """Nia and her two children, homeless and owed the relief duty for three weeks."""
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=[
            PersonDetails("applicant", "Nia", "Baptiste", date(1990, 2, 11), "F"),
            PersonDetails("child", "Leo", "Baptiste", date(2016, 5, 3), "M"),
            PersonDetails("child", "Ivy", "Baptiste", date(2019, 9, 20), "F")])
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id,
                               case_type="homelessness", reason="Evicted by her landlord",
                               assigned_officer_id=officer_id)
        case_id, reference = case.id, case.reference
    assess(case_id, officer_id, on=TODAY - timedelta(days=21), housing=HOMELESS)
    move(case_id, officer_id, "relief", on=TODAY - timedelta(days=21))
    return reference


def _case_record(app: AppTest, reference: str) -> AppTest:
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not app.exception, _errors(app)
    return app


def test_an_officer_records_a_final_offer_and_its_refusal_and_cannot_end_the_duty_without_the_letter():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference = _family_on_relief(officer.id)
    app.session_state[_keys.CASEWORK_SECTION] = "Offers"
    app = _case_record(app, reference)
    assert any("No offer of accommodation recorded" in i.value for i in app.info)

    app.selectbox(key=_keys.OFFER_KIND).set_value("final_part6_offer")
    app.text_input(key=_keys.OFFER_ADDRESS).input("12 Orchard Way, Hearthton, HT2 3CD")
    app.date_input(key=_keys.OFFER_RESPOND_BY).set_value(TODAY + timedelta(days=3))
    app.text_area(key=_keys.OFFER_SUITABILITY).input("Three bedrooms for a mother and two children; good repair.")
    app.button(key="FormSubmitter:offers_offer_form-Record the offer").click()
    app.run()
    # the location is part of suitability: asked for in the screen's words, the box kept
    assert _errors(app) == ["Its location: distance from the district, work, schools, care and support "
                            "(Suitability Order 2012 art.2): write how its location was considered "
                            "(Suitability Order 2012 art.2)"]
    app.text_area(key=_keys.OFFER_LOCATION).input("A mile from Leo's school; Ivy's nursery is on the way.")
    app.button(key="FormSubmitter:offers_offer_form-Record the offer").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert any(s.value.startswith("Offer recorded.") for s in app.success)
    table = next(d.value for d in app.dataframe if "Consequences told in writing" in d.value.columns)
    assert list(table["Offer"]) == ["Final Part 6 offer, stated in writing to be final"]
    assert list(table["Answer by"]) == ["26 Nov 2026"] and list(table["Consequences told in writing"]) == ["No"]

    app.selectbox(key=_keys.OFFER_ANSWER).set_value("refused")
    app.button(key="FormSubmitter:offers_answer_form-Record the answer").click()
    app.run()
    assert _errors(app)[0].startswith("The applicant's reasons: write the applicant's reasons for refusing")
    app.text_area(key=_keys.OFFER_ANSWER_REASONS).input("Too far from my sister, who looks after Ivy.")
    app.button(key="FormSubmitter:offers_answer_form-Record the answer").click()
    app.run()
    assert not _errors(app), _errors(app)
    refusal = next(m.value for m in app.markdown if m.value.startswith("**Refused**"))
    assert "not told in writing of the consequences of refusing it" in refusal
    assert "Too far from my sister" in refusal

    # ending the relief duty on the refusal is refused, saying what is missing
    app.selectbox(key="casework_to_stage").set_value("duty_ended")
    # each way the duty can end is offered with the Act's provision
    assert ("Refused a final accommodation offer or a final Part 6 offer (no main housing duty follows) "
            "(s.193A(1)-(3))") in app.selectbox(key="casework_end_reason").options
    app.selectbox(key="casework_end_reason").set_value("refused_final_offer")
    app.text_area(key=_keys.CASEWORK_STAGE_REASON).input("Refused the final offer")
    app.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    app.run()
    assert any("was not told in writing, before answering the offer at 12 Orchard Way" in e
               for e in _errors(app)), _errors(app)
    assert cases.open_case_record(case_id=cases.case_id_for_reference(reference),
                                  viewer_id=officer.id).stage == "relief"
