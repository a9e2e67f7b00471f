"""An officer opens a case record and works on it for a while: every click or word typed reruns
the screen, but the audit log records one view of the case for that opening. Opening
the case again from the list is a second view."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models.core import AuditLog
from pages import _keys
from tests.conftest import DEMO_DAY
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _new_case(officer_id: int) -> tuple[int, str, str]:
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=DEMO_DAY, postcode="ab1 2cd", people=[
            PersonDetails("applicant", "Joel", "Mensah", date(1988, 1, 9), "M")])
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Asked to leave by family", assigned_officer_id=officer_id)
        return case.id, case.reference, household.reference


def _views(entity: str, entity_id: int, officer_id: int) -> int:
    with session_scope() as session:
        return len(session.exec(select(AuditLog).where(
            AuditLog.action == "view", AuditLog.entity == entity, AuditLog.entity_id == entity_id,
            AuditLog.actor_id == officer_id)).all())


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_working_on_a_case_record_records_one_view_and_opening_it_again_from_the_list_a_second():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    case_id, reference, _ = _new_case(officer.id)

    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not _problems(app), _problems(app)
    assert _views("case", case_id, officer.id) == 1

    for words in ("Rang Joel", "Rang Joel back", "Rang Joel back at 3pm"):  # each change reruns the screen
        app.text_area(key=_keys.NOTE_BODY).input(words)
        app.run()
        assert not _problems(app), _problems(app)
    assert _views("case", case_id, officer.id) == 1

    app.query_params.clear()
    app.switch_page("pages/open_cases.py")
    app.run()
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not _problems(app), _problems(app)
    assert _views("case", case_id, officer.id) == 2


def test_a_household_record_rerun_by_a_click_records_one_view():
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    _, _, household_reference = _new_case(officer.id)
    with session_scope() as session:
        from logic.models import Household
        household_id = session.exec(select(Household.id).where(Household.reference == household_reference)).one()

    app.query_params["ref"] = household_reference
    app.switch_page("pages/household.py")
    app.run()
    assert not _problems(app), _problems(app)
    for _ in range(3):
        app.run()  # a click anywhere on the screen reruns it
    assert _views("household", household_id, officer.id) == 1
