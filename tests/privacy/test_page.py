"""The manager's Subject access screen: find the household by a reference, choose whose request
it is, see what the export holds, and download the zip; no one else is offered the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from logic.db import session_scope
from logic.models import AuditLog, Household, Person
from logic.navigation import PAGES, pages_for
from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")
PAGE = "pages/subject_access.py"
ROOT = Path(__file__).resolve().parents[2]


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def _household_with_members() -> tuple[str, int, str]:
    """A demo household of several people: its reference, and a member who is not the applicant."""
    with session_scope() as session:
        for household in session.exec(select(Household).order_by(Household.id)):
            people = session.exec(select(Person).where(Person.household_id == household.id)
                                  .order_by(Person.id)).all()
            others = [p for p in people if p.relation != "applicant"]
            if others:
                return household.reference, others[0].id, f"{others[0].given_name} {others[0].family_name}"
    raise AssertionError("the demo has no household of more than one person")


def test_a_manager_finds_a_child_of_the_household_sees_what_is_held_and_downloads_the_zip():
    reference, child_id, child_name = _household_with_members()
    app = signed_in_app("manager")
    app.switch_page(PAGE)
    app.run()
    assert app.title[0].value == "Subject access", _errors(app)

    app.text_input(key=_keys.SUBJECT_ACCESS_REFERENCE).input(reference.lower())
    app.button(key=f"FormSubmitter:{_keys.SUBJECT_ACCESS_FORM}-Find the household").click()
    app.run()
    assert not _errors(app), _errors(app)
    person_ref = f"{reference}-P{child_id}"
    choice = app.selectbox(key=_keys.SUBJECT_ACCESS_PERSON)
    assert any(child_name in o and "born" in o and person_ref in o for o in choice.options), choice.options
    choice.set_value(person_ref)
    app.button(key="subject_access_summarise").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert app.subheader[0].value == "What the export holds"
    assert app.text[0].value.startswith(f"{child_name} · born ")
    sections = next(d.value for d in app.dataframe)
    assert {"Household", "Cases", "People in the household"} <= set(sections["Section"])
    assert not any("_" in s for s in sections["Section"])  # labels, never table names

    app.button(key="subject_access_export").click()
    app.run()
    assert not _errors(app), _errors(app)
    download = app.get("download_button")
    assert len(download) == 1
    with session_scope() as session:
        audited = session.exec(select(AuditLog).where(AuditLog.action == "subject_access")).all()
    assert [(a.entity, a.entity_id) for a in audited] == [("person", child_id)]


@pytest.mark.parametrize("role", ["trainee", "officer", "senior", "admin"])
def test_only_managers_are_offered_the_subject_access_screen(role):
    spec = next(p for p in PAGES if p.path == PAGE)
    assert spec.roles == {"manager"}
    assert spec not in pages_for(role)


def test_a_caseworker_who_reaches_the_screen_is_refused_and_nothing_is_exported():
    app = signed_in_app("officer")
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not even registered
        app.switch_page(PAGE)
    # the screen itself refuses them too, should it ever be run for them
    screen = AppTest.from_file(str(ROOT / PAGE), default_timeout=30)
    screen.session_state[_keys.OFFICER] = app.session_state[_keys.OFFICER]
    screen.run()
    assert [e.value for e in screen.error] == ["You do not have access to this page."]
    assert not screen.text_input and not screen.get("download_button")
    with session_scope() as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == "subject_access")).first() is None


def test_a_name_typed_with_a_markdown_image_is_shown_as_text_so_no_browser_fetches_it():
    from datetime import date

    from logic.front_door.households import PersonDetails, add_household
    from tests.conftest import DEMO_DAY

    app = signed_in_app("manager")
    with session_scope() as session:
        household = add_household(session, actor_id=app.session_state[_keys.OFFICER].id, today=DEMO_DAY, people=[
            PersonDetails("applicant", "Amy ![seen](https://tracker.example/p.png)", "Hale", date(1990, 1, 2), "F")])
        reference = household.reference
    app.switch_page(PAGE)
    app.run()
    app.text_input(key=_keys.SUBJECT_ACCESS_REFERENCE).input(reference)
    app.button(key=f"FormSubmitter:{_keys.SUBJECT_ACCESS_FORM}-Find the household").click()
    app.run()
    app.button(key="subject_access_summarise").click()
    app.run()
    assert not _errors(app), _errors(app)
    assert any("tracker.example" in o for o in app.selectbox(key=_keys.SUBJECT_ACCESS_PERSON).options)
    assert any("tracker.example" in t.value for t in app.text)  # shown, as plain text
    rendered = [*app.markdown, *app.title, *app.subheader, *app.caption, *app.success, *app.info, *app.error]
    assert not [e.value for e in rendered if "tracker.example" in str(e.value)]
