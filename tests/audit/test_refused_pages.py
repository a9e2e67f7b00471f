"""A trainee types the audit log's address into the browser: the screen is refused (their Home
is shown instead) and the attempt is in the audit log, naming the screen. Someone not signed in
who opens a bookmarked case link is shown the sign-in form, and that is recorded too, with no
officer and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from logic.db import session_scope
from logic.models.core import AuditLog
from pages import _keys
from tests.pages.conftest import APP, demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _refusals() -> list[AuditLog]:
    with session_scope() as session:
        return list(session.exec(select(AuditLog).where(AuditLog.action == "view_refused",
                                                        AuditLog.entity == "page")
                                 .order_by(AuditLog.id)).all())


def _ask_for_address(app: AppTest, url_path: str) -> None:
    """As the browser asks for a screen by its page id (a link, or its address once the app is
    loaded): AppTest.switch_page only reaches registered pages, and a refused one is not."""
    app._page_hash = calc_hash(url_path)
    app.run()
    app._page_hash = ""  # as the browser does: its next rerun asks for the page it was shown


def test_a_trainee_who_types_the_audit_logs_address_is_refused_and_the_attempt_is_recorded():
    app = signed_in_app("trainee")
    trainee = app.session_state[_keys.OFFICER]
    assert _refusals() == []

    _ask_for_address(app, "audit-log")
    assert not app.exception, [e.value for e in app.exception]
    assert app.title[0].value != "Audit log"  # the trainee's Home, never the audit log
    assert "Audit log" not in [t.value for t in app.title]
    refusals = _refusals()
    assert [(r.actor_id, r.detail) for r in refusals] == [
        (trainee.id, "Audit log: not open to the officer's role")]

    app.run()  # a click on Home afterwards is not another attempt
    assert len(_refusals()) == 1


def test_opening_a_bookmarked_case_link_signed_out_is_recorded_once_with_no_officer():
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    app.query_params["ref"] = "HL-000204"
    app.switch_page("pages/case_record.py")
    app.run()
    assert app.text_input(key="sign_in_username")  # the sign-in form, not the case
    app.text_input(key="sign_in_username").input("someone")
    app.run()  # typing on the sign-in form is the same opening
    assert [(r.actor_id, r.detail) for r in _refusals()] == [(None, "Case record: not signed in")]


def test_the_page_guard_records_a_refusal_when_a_screen_is_reached_without_the_role():
    """Belt and braces: a page run outside the router (its own guard, pages/_ui.py require_page)."""
    page = str(Path(APP).parent / "pages" / "officers.py")
    app = AppTest.from_file(page, default_timeout=30)
    app.run()
    assert [e.value for e in app.error] == ["You do not have access to this page."]
    assert [(r.actor_id, r.detail) for r in _refusals()] == [(None, "Officers: not signed in")]
