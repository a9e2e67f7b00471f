"""A bookmarked link opened while signed out shows the sign-in form, then the page it names."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from logic.cases import views
from logic.seed import DEMO_ACCOUNTS
from tests.pages.conftest import APP


def _sign_in(app: AppTest, role: str) -> None:
    username, password = DEMO_ACCOUNTS[role]
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    app.button(key="FormSubmitter:sign_in-Sign in").click()
    app.run()


def _open_signed_out(page: str, **query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    for name, value in query.items():
        app.query_params[name] = value
    app.switch_page(page)  # the address of a bookmark: the page is known before sign-in
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    assert [t.label for t in app.text_input] == ["Username", "Password"]
    return app


def test_a_bookmarked_case_opens_after_signing_in(demo_store):
    reference = views.open_cases("homelessness").iloc[0]["reference"]
    app = _open_signed_out("pages/case_record.py", ref=reference)
    assert app.title[0].value == "Hearth"  # nothing of the case is shown before sign-in

    _sign_in(app, "officer")
    assert not app.exception, [str(e.value) for e in app.exception]
    assert app.title[0].value.startswith(reference)


def test_a_bookmark_to_a_screen_the_role_may_not_open_lands_on_home(demo_store):
    app = _open_signed_out("pages/audit_log.py")
    _sign_in(app, "trainee")
    assert not app.exception, [str(e.value) for e in app.exception]
    assert [t.value for t in app.title] == ["Home"]
    assert not app.error, [e.value for e in app.error]
