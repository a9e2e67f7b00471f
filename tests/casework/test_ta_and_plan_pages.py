"""On screen: a placement asked for under a duty, the senior told whether the case supports it,
and the plan's agreement and copy recorded."""

from __future__ import annotations

from datetime import date

import pytest

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models.casework import Placement
from pages import _keys
from tests.casework.helpers import HOMELESS, TODAY, assess, move, version
from tests.casework.test_pages import _errors, _section
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _case_in_relief(officer_id: int, *, child: bool) -> tuple[int, str]:
    people = [PersonDetails("applicant", "Tomasz", "Nowak", date(1979, 2, 11), "M")]
    if child:
        people.append(PersonDetails("child", "Ola", "Nowak", date(2017, 5, 3), "F"))
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=people)
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Evicted by his landlord", assigned_officer_id=officer_id)
        case_id, reference = case.id, case.reference
    assess(case_id, officer_id, on=TODAY, housing=HOMELESS)
    move(case_id, officer_id, "relief", on=TODAY)
    return case_id, reference


def test_an_officer_asks_for_bed_and_breakfast_under_a_duty_and_the_senior_sees_it_is_not_supported():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    case_id, reference = _case_in_relief(officer.id, child=False)  # single, no priority need

    section = _section(reference, officer)
    section.run()
    section.selectbox(key="casework_placement_type").set_value("bed_and_breakfast")
    section.text_input(key=_keys.CASEWORK_PLACEMENT_ADDRESS).input("Kings Court B&B, 4 Station Road")
    section.number_input(key="casework_placement_cost").set_value(48.0)
    section.text_area(key=_keys.CASEWORK_PLACEMENT_REASON).input("Sleeping in his car tonight")
    section.button(key="FormSubmitter:casework_placement_form-Ask for approval").click()
    section.run()
    assert _errors(section)[0].startswith("Duty or power it is made under: choose the duty or power")
    section.selectbox(key=_keys.CASEWORK_PLACEMENT_BASIS).set_value("s188_1_interim")
    section.button(key="FormSubmitter:casework_placement_form-Ask for approval").click()
    section.run()
    assert not section.exception and not section.error, _errors(section)
    with session_scope() as session:
        placement = session.query(Placement).filter_by(case_id=case_id).one()
        assert placement.legal_basis == "s188_1_interim"

    senior = signed_in_app("senior")
    senior.switch_page("pages/temporary_accommodation.py")
    senior.run()
    shown = " ".join(e.value for e in senior.error)
    assert "The case's findings do not support interim accommodation" in shown
    assert "the latest assessment finds no priority need" in shown and "s.188(1)" in shown
    assert any("**Under:** Interim accommodation" in m.value for m in senior.markdown)
    key = _keys.approval("placement", placement.id)
    senior.text_input(key=f"{key}_reason").input("Fine")
    senior.button(key=f"{key}_approve").click()
    senior.run()
    assert any("To approve it anyway, say why" in e for e in _errors(senior))
    with session_scope() as session:
        assert session.get(Placement, placement.id).status == "requested"


def test_an_officer_records_that_the_plan_was_not_agreed_and_that_a_copy_was_given():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    case_id, reference = _case_in_relief(officer.id, child=True)
    from logic.casework import plan as php

    for owner, text in (("applicant", "Register with two letting agents"), ("council", "Negotiate with landlord")):
        php.add_plan_step(case_id=case_id, expected_version=version(case_id, officer.id), officer_id=officer.id,
                          owner=owner, description=text)

    section = _section(reference, officer)
    section.run()
    assert any("Agreement of the steps not recorded yet" in c.value for c in section.caption)
    section.radio(key=_keys.CASEWORK_PLAN_AGREED).set_value(False)
    section.button(key="FormSubmitter:casework_plan_agreement_form-Record agreement").click()
    section.run()
    assert _errors(section)[0] == "Why the steps could not be agreed: write why the steps could not be agreed"
    section.text_area(key=_keys.CASEWORK_PLAN_NOT_AGREED_REASON).input(
        "He will not look outside the borough; the council considers the step reasonable")
    section.button(key="FormSubmitter:casework_plan_agreement_form-Record agreement").click()
    section.run()
    assert not section.exception and not section.error, _errors(section)
    assert any("not agreed (23 Nov 2026" in m.value and "will not look outside" in m.value
               for m in section.markdown)
    section.button(key="FormSubmitter:casework_plan_copy_form-Record copy given").click()
    section.run()
    assert not section.error, _errors(section)
    assert any("Copy given to the applicant on 23 Nov 2026" in c.value for c in section.caption)
    kinds = [e.kind for e in cases.open_case_record(case_id=case_id, viewer_id=officer.id).events]
    assert kinds[:2] == ["plan_copy_given", "plan_not_agreed"]
