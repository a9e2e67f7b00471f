"""The app as officers meet it: sign in, see only their own role's screens, and use them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from logic.navigation import PAGES, pages_for
from pages import _keys
from tests.pages.conftest import APP, signed_in_app

ROLES = ["trainee", "officer", "senior", "manager", "admin"]


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_the_sign_in_form_is_all_a_stranger_sees(demo_store):
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert app.title[0].value == "Hearth"
    assert [t.label for t in app.text_input] == ["Username", "Password"]
    assert not app.sidebar.button


def test_a_wrong_password_gets_a_clear_message_and_no_screens(demo_store):
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    app.text_input(key="sign_in_username").input("olu.officer")
    app.text_input(key="sign_in_password").input("guess")
    app.button[0].click()
    app.run()
    assert "username or password is not right" in app.error[0].value
    assert not app.sidebar.button


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lands_on_its_home_and_can_open_every_screen_it_is_given(demo_store, role):
    app = signed_in_app(role)
    assert not app.exception, _errors(app)
    assert app.sidebar.button(key="sign_out")
    for spec in pages_for(role):
        app.switch_page(spec.path)
        app.run()
        assert not app.exception, (spec.path, _errors(app))
        if spec.listed:
            assert app.title and app.title[0].value.startswith(spec.title.split(" ")[0]), spec.path


def test_the_admin_screens_are_not_even_registered_for_a_trainee(demo_store):
    app = signed_in_app("trainee")
    admin_page = next(p for p in PAGES if p.url_path == "officers")
    with pytest.raises(Exception):  # noqa: B017 - Streamlit refuses a page not in the navigation
        app.switch_page(admin_page.path)
        app.run()
        assert app.title[0].value != "Officers"
        raise RuntimeError("reached")


def test_signing_out_returns_to_the_sign_in_form(demo_store):
    app = signed_in_app("officer")
    app.switch_page("pages/my_cases.py")
    app.run()
    app.sidebar.button(key="sign_out").click()
    app.run()
    assert [t.label for t in app.text_input] == ["Username", "Password"]


def test_an_officer_opens_a_case_from_the_caseload_and_adds_a_note(demo_store):
    from logic.cases import views

    app = signed_in_app("officer")
    officer_id = app.session_state[_keys.OFFICER].id
    reference = views.caseload(officer_id).iloc[0]["reference"]
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert app.title[0].value.startswith(reference)
    app.text_area(key="add_note_body").input("Rang the landlord; mediation booked for Friday.")
    app.button(key="FormSubmitter:add_note_form-Save note").click()
    app.run()
    assert not app.exception, _errors(app)
    assert any("Rang the landlord" in m.value for m in app.markdown)


def test_a_trainee_is_refused_a_case_that_is_not_theirs(demo_store):
    from logic.cases import views

    app = signed_in_app("trainee")
    trainee_id = app.session_state[_keys.OFFICER].id
    someone_elses = views.open_cases("homelessness")
    reference = someone_elses[someone_elses["assigned_officer_id"] != trainee_id].iloc[0]["reference"]
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    assert "not allocated to you" in app.error[0].value


def test_an_administrator_adds_an_officer_and_bad_details_name_the_field(demo_store):
    app = signed_in_app("admin")
    app.switch_page("pages/officers.py")
    app.run()
    app.text_input(key="add_officer_username").input("new.starter")
    app.text_input(key="add_officer_full_name").input("New Starter")
    app.text_input(key="add_officer_password").input("short")
    app.button(key="FormSubmitter:add_officer_form-Add officer").click()
    app.run()
    assert app.error[0].value == "Password: must be at least 10 characters long"  # its label
    app.text_input(key="add_officer_password").input("a long enough password")
    app.button(key="FormSubmitter:add_officer_form-Add officer").click()
    app.run()
    assert app.success[0].value == "Officer added."


def test_a_note_on_a_case_someone_else_changed_meanwhile_is_refused_and_the_typed_text_kept(demo_store):
    from logic.cases import service as cases
    from logic.cases import views

    app = signed_in_app("officer")
    officer_id = app.session_state[_keys.OFFICER].id
    reference = views.caseload(officer_id).iloc[0]["reference"]
    app.query_params["ref"] = reference
    app.switch_page("pages/case_record.py")
    app.run()
    # meanwhile a senior, at another desk, writes on the same case
    senior = views.officers().query("role == 'senior'").iloc[0]["id"]
    case_id = cases.case_id_for_reference(reference)
    current = cases.open_case_record(case_id=case_id, viewer_id=int(senior))
    cases.add_note(case_id=case_id, expected_version=current.version, author_id=int(senior), body="Senior's note")

    app.text_area(key="add_note_body").input("My note, typed before I saw theirs")
    app.button(key="FormSubmitter:add_note_form-Save note").click()
    app.run()
    assert "changed by someone else" in app.error[0].value
    assert app.text_area(key="add_note_body").value == "My note, typed before I saw theirs"
    notes = [n.body for n in cases.open_case_record(case_id=case_id, viewer_id=officer_id).notes]
    assert notes[0] == "Senior's note" and "My note, typed before I saw theirs" not in notes


def test_with_single_sign_on_switched_on_the_sign_in_screen_offers_it_and_no_password(demo_store, monkeypatch):
    from logic import config

    monkeypatch.setenv("HEARTH_AUTH", "oidc")
    config.reload_settings()
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.text_input
    assert app.button(key="sso_sign_in").label == "Sign in with single sign-on"
