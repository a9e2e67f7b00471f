"""On screen: an officer records the version-2 facts on the s.189A assessment and the engine's
answer follows them (decision-scenarios.md, version 2)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models import Person
from pages import _keys
from tests.casework.helpers import TODAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")

CHECK = "FormSubmitter:assessment_facts_form-Check with the engine"


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _case(officer_id: int, people: list[PersonDetails]) -> tuple[str, dict[str, int]]:
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=people)
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Asked to leave", assigned_officer_id=officer_id)
        found = session.exec(select(Person).where(Person.household_id == household.id)).all()
        return case.reference, {p.given_name: p.id for p in found}


def _open(app, reference: str):
    app.query_params["ref"] = reference
    app.switch_page("pages/assessment.py")
    app.run()
    assert app.title[0].value == "Assessment", _errors(app)
    app.text_area(key="assessment_circumstances").input("Asked to leave by a friend.")
    app.text_area(key="assessment_housing_needs").input("One bedroom in the borough.")
    app.text_area(key="assessment_support_needs").input("None identified.")
    app.selectbox(key="assessment_immigration").set_value("british_irish")
    app.checkbox(key="assessment_has_home").uncheck()
    app.number_input(key="assessment_months").set_value(12)
    return app


def _findings(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_olu_records_that_marcus_lives_with_his_brother_who_is_vulnerable_and_the_engine_finds_priority_need():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, ids = _case(officer.id, [PersonDetails("applicant", "Marcus", "Reid", date(1985, 3, 3), "M"),
                                        PersonDetails("sibling", "Jon", "Reid", date(1988, 8, 8), "M")])
    _open(app, reference)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.radio(key=_keys.assessment_decision("priority_need")).value == "No"

    app.multiselect(key=_keys.assessment_member("vulnerability", ids["Jon"])).set_value(["mental_illness"])
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.radio(key=_keys.assessment_decision("priority_need")).value == "Yes"
    assert "Priority need grounds: **Lives with someone who is vulnerable**" in _findings(app)


def test_a_17_year_old_care_leaver_is_asked_the_children_act_questions_and_children_services_come_first():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Kai", "Lowe", date(2009, 6, 1), "M")])
    _open(app, reference)
    app.checkbox(key="assessment_relevant_child").check()
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    assert "Children's services' duties come first (Children Act 1989): **Yes**" in _findings(app)


def test_an_adult_applicant_is_not_asked_the_children_act_questions():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Ruth", "Lowe", date(1979, 6, 1), "F")])
    _open(app, reference)
    keys = {c.key for c in app.checkbox}
    assert "assessment_relevant_child" not in keys and "assessment_owed_s20" not in keys
    assert "assessment_carer" in keys and "assessment_care_leaver_here" in keys


def test_twins_expected_by_the_applicant_are_recorded_and_the_engine_counts_the_bedrooms():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    reference, _ = _case(officer.id, [PersonDetails("applicant", "Nia", "Owen", date(1995, 1, 1), "F",
                                                    pregnant=True),
                                      PersonDetails("child", "Ben", "Owen", date(2021, 1, 1), "M")])
    _open(app, reference)
    app.button(key=CHECK).click()
    app.run()
    assert "Bedrooms the household needs: **2**" in _findings(app), _findings(app)
    app.number_input(key="assessment_babies").set_value(2)
    app.button(key=CHECK).click()
    app.run()
    assert not _errors(app), _errors(app)
    # Nia has a room; Ben (5) shares with one baby (two children under 10); a second baby needs another
    assert "Bedrooms the household needs: **3**" in _findings(app), _findings(app)
