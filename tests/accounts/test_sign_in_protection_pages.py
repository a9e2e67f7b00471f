"""The sign-in form and the Officers screen when someone keeps typing wrong passwords (issue 17)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from logic.seed import DEMO_ACCOUNTS
from tests.pages.conftest import APP, demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")

NINE_AM = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # the demo day, 09:00 in London


def _type(app: AppTest, username: str, password: str) -> str:
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    app.button(key="FormSubmitter:sign_in-Sign in").click()
    app.run()
    assert not app.exception, [str(e.value) for e in app.exception]
    return app.error[0].value if app.error else ""


def _lock_out(app: AppTest, frozen_clock, username: str, now: datetime = NINE_AM
              ) -> tuple[list[str], datetime]:
    """Wrong passwords, waiting as the form says, until the account is locked: every message
    the form showed, and the moment it locked."""
    frozen_clock(now)
    messages = []
    while not messages or "is locked" not in messages[-1]:
        assert len(messages) < 40, f"no lock after {len(messages)} wrong passwords"
        messages.append(_type(app, username, f"guess {len(messages)}"))
        wait = re.search(r"^Too many attempts: try again in (\d+) seconds?", messages[-1])
        if wait:
            now += timedelta(seconds=int(wait.group(1)))
            frozen_clock(now)
    return messages, now


def test_the_form_says_plainly_to_wait_and_then_that_the_account_is_locked(frozen_clock):
    frozen_clock(NINE_AM)
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    username, password = DEMO_ACCOUNTS["officer"]
    assert _type(app, username, "guess 1") == (
        "The username or password is not right, or the account is not active.")
    _type(app, username, "guess 2")
    assert _type(app, username, "guess 3").endswith("Too many attempts: try again in 5 seconds.")
    assert _type(app, username, password) == "Too many attempts: try again in 5 seconds."

    messages, locked_at = _lock_out(app, frozen_clock, username,
                                    now=NINE_AM + timedelta(seconds=5))
    assert sum("not right" in m for m in messages) == 7  # ten in all, with the three above
    until = f"{locked_at + timedelta(minutes=30):%H:%M}"  # London is on GMT in November
    locked = (f"This account is locked after 10 failed sign-in attempts. Ask an administrator "
              f"to unlock it, or wait until {until}.")
    assert messages[-1].endswith(locked)
    frozen_clock(locked_at + timedelta(minutes=5))
    assert _type(app, username, password) == locked
    assert not app.sidebar.button  # still signed out


def test_an_administrator_unlocks_the_account_on_the_officers_screen(frozen_clock):
    stranger = AppTest.from_file(APP, default_timeout=30)
    stranger.run()
    username, password = DEMO_ACCOUNTS["officer"]
    _, locked_at = _lock_out(stranger, frozen_clock, username)

    admin = signed_in_app("admin")
    admin.switch_page("pages/officers.py")
    admin.run()
    assert not admin.exception, [str(e.value) for e in admin.exception]
    [table] = [d.value for d in admin.dataframe if "Username or address" in d.value.columns]
    assert table.to_dict("records") == [{
        "Locked": "Username", "Username or address": username, "An officer's username": "Yes",
        "After failed attempts": 10,
        "Opens again at": f"{locked_at + timedelta(minutes=30):%-d %b %Y %H:%M}"}]
    admin.button(key="FormSubmitter:unlock_sign_in_form-Unlock").click()
    admin.run()
    assert admin.error[0].value == "Reason: say why the sign-in is being unlocked"
    admin.text_input(key="unlock_sign_in_reason").input("Olu rang the service desk")
    admin.button(key="FormSubmitter:unlock_sign_in_form-Unlock").click()
    admin.run()
    assert "Unlocked" in admin.success[0].value
    assert "No username or network address is locked." in [m.value for m in admin.markdown]

    officer = AppTest.from_file(APP, default_timeout=30)
    officer.run()
    assert _type(officer, username, password) == ""
    assert officer.sidebar.button(key="sign_out")
