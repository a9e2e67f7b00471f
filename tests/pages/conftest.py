"""AppTest helpers: the real app.py, signed in as a demo account (the `demo_store` fixture it
runs over is in tests/conftest.py, shared by every folder's screen tests)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from logic.seed import DEMO_ACCOUNTS

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def signed_in_app(role: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    username, password = DEMO_ACCOUNTS[role]
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    app.button[0].click()
    app.run()
    return app
