"""A register application records the household needs that change the bedroom need (decision-
scenarios version 2): twins expected, a disabled child who cannot share, a carer who stays
overnight. Each goes to the engine with the member it describes, and each change is kept."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import select

from logic.common.errors import FieldError
from logic.db import engine_for, session_scope
from logic.models import Person
from logic.register import service as register
from tests.pages.conftest import signed_in_app
from tests.register.helpers import TODAY, apply, new_household, person, version


def _ids(household_id: int) -> dict[str, int]:
    with session_scope() as session:
        return {p.given_name: p.id for p in session.exec(select(Person).where(Person.household_id == household_id))}


def _ada_expecting_with_leo(team) -> tuple[int, dict[str, int]]:
    """Ada, pregnant, and her son Leo, 5 (shares with one baby: two children under 10)."""
    household_id = new_household(team, person("child", "Leo", date(2021, 5, 5), "M"))
    with session_scope() as session:  # the pregnancy is on the household record
        ada = session.exec(select(Person).where(Person.household_id == household_id,
                                                Person.relation == "applicant")).one()
        ada.pregnant = True
        session.add(ada)
    return household_id, _ids(household_id)


def _preview(team, case_id: int):
    return register.preview_assessment(case_id=case_id, viewer_id=team.officer, assessed_on=TODAY)


def test_twins_expected_go_to_the_engine_as_two_babies(team):
    household_id, ids = _ada_expecting_with_leo(team)
    case_id = apply(team, household_id, member_needs={ids["Ada"]: {"expected_babies": 2}})
    facts = _preview(team, case_id).facts
    assert facts["applicant"]["expected_babies"] == 2
    assert "needs_own_room" not in facts["applicant"]  # the applicant's own room is counted anyway


def test_leo_who_cannot_share_and_a_carer_who_stays_overnight_go_to_the_engine(team):
    household_id, ids = _ada_expecting_with_leo(team)
    case_id = apply(team, household_id, overnight_carer=True,
                    member_needs={ids["Leo"]: {"needs_own_room": True, "expected_babies": 1}})
    facts = _preview(team, case_id).facts
    leo = facts["household"][0]
    assert leo["needs_own_room"] is True and "expected_babies" not in leo
    assert facts["housing"]["overnight_carer"] is True
    assert "expected_babies" not in facts["applicant"]  # one baby is the default


def test_an_application_with_no_needs_recorded_gives_the_engine_the_facts_it_always_had(team):
    household_id, _ = _ada_expecting_with_leo(team)
    facts = _preview(team, apply(team, household_id)).facts
    assert "overnight_carer" not in facts["housing"]
    assert set(facts["household"][0]) == {"relation", "dob", "sex", "dependent", "pregnant"}
    with engine_for().connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM register_household_needs")).scalar_one() == 0


def test_a_change_of_needs_is_kept_as_a_new_row_and_named_in_the_case_event(team):
    household_id, ids = _ada_expecting_with_leo(team)
    case_id = apply(team, household_id)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    assert record.needs == register.HouseholdNeeds()
    details = register.ApplicationDetails(**{
        **{name: getattr(record.application, name) for name in register.DETAIL_FIELDS},
        "member_needs": {ids["Ada"]: {"expected_babies": 2}}})
    register.save_application(case_id=case_id, expected_version=version(case_id, team), actor_id=team.officer,
                              details=details, today=TODAY)
    record = register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY)
    assert record.needs.member_needs == {ids["Ada"]: {"expected_babies": 2}}
    with engine_for().connect() as c:
        summary, changes = c.execute(sa.text(
            "SELECT summary, changes FROM case_event WHERE case_id = :c AND kind = 'register_application' "
            "ORDER BY id DESC LIMIT 1"), {"c": case_id}).one()
    assert summary.startswith("Register application details changed")
    assert json.loads(changes)["member_needs"] == ["{}", json.dumps({str(ids["Ada"]): {"expected_babies": 2}})]
    with pytest.raises(FieldError, match="nothing has changed"):
        register.save_application(case_id=case_id, expected_version=version(case_id, team),
                                  actor_id=team.officer, details=details, today=TODAY)


def test_no_babies_is_refused_naming_the_field(team):
    household_id, ids = _ada_expecting_with_leo(team)
    with pytest.raises(FieldError, match="^Babies expected: must be a number from 1 to 9"):
        apply(team, household_id, member_needs={ids["Ada"]: {"expected_babies": 0}})


def test_the_engine_counts_a_bedroom_for_the_second_twin(team):
    household_id, ids = _ada_expecting_with_leo(team)
    one = _preview(team, apply(team, household_id)).determination.bedroom_need
    household_id, ids = _ada_expecting_with_leo(team)
    twins = _preview(team, apply(team, household_id, member_needs={ids["Ada"]: {"expected_babies": 2}}))
    assert (one, twins.determination.bedroom_need) == (2, 3)


def test_on_screen_an_officer_records_twins_expected_and_the_assessment_shows_the_bedroom_need(demo_store):
    from logic.front_door.households import add_household
    from tests.register.helpers import details

    app = signed_in_app("officer")
    officer = app.session_state["hearth_officer"]
    with session_scope() as session:
        household = add_household(session, actor_id=officer.id, today=TODAY, postcode="AB1 2CD", people=[
            person("applicant", "Ada", date(1990, 1, 1), "F", pregnant=True),
            person("child", "Leo", date(2021, 5, 5), "M")])
        household_id = household.id
    case_id = register.open_register_application(actor_id=officer.id, household_id=household_id,
                                                 details=details(), today=TODAY)
    ada = _ids(household_id)["Ada"]
    record = register.open_register_record(case_id=case_id, viewer_id=officer.id)

    app.query_params["ref"] = record.reference
    app.switch_page("pages/register_application.py")
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    assert [m.value for m in app.metric if m.label == "Bedroom need"][-1] == "2"  # Ada; Leo shares with the baby
    app.number_input(key=f"register_details_member_expected_babies_{ada}").set_value(2)
    app.button(key="FormSubmitter:register_details_form-Save the application").click()
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    assert app.number_input(key=f"register_details_member_expected_babies_{ada}").value == 2
    assert [m.value for m in app.metric if m.label == "Bedroom need"][-1] == "3"  # the second twin's room
