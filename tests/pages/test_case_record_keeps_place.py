"""The case record after a save: the officer stays where they were working, and a box they
filled in is emptied once the service has taken what it said (kept when it is refused)."""

from __future__ import annotations

from datetime import date, timedelta

from streamlit.proto.Block_pb2 import Block as BlockProto
from streamlit.testing.v1 import AppTest

from logic.cases import service as cases
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from pages import _keys
from tests.casework.helpers import HOMELESS, TODAY, assess, move
from tests.pages.conftest import signed_in_app


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _assessed_case(officer_id: int) -> tuple[int, str]:
    """Kwame, homeless tonight, assessed by the officer and allocated to her."""
    with session_scope() as session:
        household = add_household(session, actor_id=officer_id, today=TODAY, postcode="ab1 2cd", people=[
            PersonDetails("applicant", "Kwame", "Asante", date(1984, 6, 2), "M")])
        case = cases.open_case(session, actor_id=officer_id, household_id=household.id, case_type="homelessness",
                               reason="Locked out by his landlord", assigned_officer_id=officer_id)
        case_id, reference = case.id, case.reference
    assess(case_id, officer_id, on=TODAY, housing=HOMELESS)
    return case_id, reference


def _case_record(app: AppTest, reference: str) -> AppTest:
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert not app.exception, _errors(app)
    return app


def _as_the_browser_shows_it(before_id: str, typed: str, box) -> str:
    """A browser keeps what was typed in a box under the box's id; the server empties it only by
    sending a new box (a new id) or by setting its value (set_value). AppTest redraws every box
    from the server, so this asks the question the browser does."""
    if box.id != before_id:
        return box.proto.default
    if box.proto.set_value:
        return box.proto.value
    return typed


def test_the_officers_reason_is_kept_after_a_refused_move_and_emptied_after_the_move(demo_store):
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    _, reference = _assessed_case(officer.id)
    app = _case_record(app, reference)

    typed = "Homeless tonight: relief duty accepted"
    app.selectbox(key="casework_to_stage").set_value("relief")
    app.text_area(key=_keys.CASEWORK_STAGE_REASON).input(typed)
    app.date_input(key="casework_stage_on").set_value(TODAY + timedelta(days=1))
    box_id = app.text_area(key=_keys.CASEWORK_STAGE_REASON).id
    app.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    app.run()
    assert _errors(app) == ["With effect from: cannot be a date still to come"]
    assert _as_the_browser_shows_it(box_id, typed, app.text_area(key=_keys.CASEWORK_STAGE_REASON)) == typed

    app.date_input(key="casework_stage_on").set_value(TODAY)
    app.button(key="FormSubmitter:casework_stage_form-Move the case").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert any("Relief duty" in s.value for s in app.success)
    boxes = [t for t in app.text_area if t.label == "Officer's reason"]
    assert boxes, "the relief duty can be moved on too, so the form is still there"
    assert _as_the_browser_shows_it(box_id, typed, boxes[0]) == ""


def _tabs(app: AppTest) -> list:
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, BlockProto) and proto.WhichOneof("type") == "tab_container":
            found.append(node)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    return found


def _open_tab(app: AppTest) -> str:
    """The casework tab the browser shows: the tab container's selected index, as sent."""
    container = next(t for t in _tabs(app)
                     if "Housing plan" in [c.label for c in container_tabs(t)])
    labels = [c.label for c in container_tabs(container)]
    return labels[container.proto.tab_container.default_tab_index]


def container_tabs(container) -> list:
    return [c for c in container.children.values() if getattr(c, "type", "") == "tab"]


def test_after_adding_a_plan_step_the_officer_is_still_on_the_housing_plan(demo_store):
    app = signed_in_app("officer")
    officer = app.session_state[_keys.OFFICER]
    case_id, reference = _assessed_case(officer.id)
    move(case_id, officer.id, "relief", on=TODAY)
    app.session_state[_keys.CASEWORK_SECTION] = "Housing plan"  # the officer opens the plan
    app = _case_record(app, reference)
    assert _open_tab(app) == "Housing plan"

    app.text_input(key=_keys.CASEWORK_STEP_DESCRIPTION).input("Register with two letting agents")
    app.button(key="FormSubmitter:casework_step_form-Add step").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert [s.value for s in app.success] == ["Step added."]
    assert _open_tab(app) == "Housing plan"
