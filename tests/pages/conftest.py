"""AppTest fixtures: the real app.py over a small seeded DuckDB store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic.seed import DEMO_ACCOUNTS, seed_demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")


DEMO_DAY = date(2026, 11, 23)  # the day the demo store is seeded as at, and the clock is held at


@pytest.fixture
def demo_store(tmp_path, monkeypatch, frozen_clock):
    from logic import config, db
    from logic.store import migrate

    monkeypatch.setenv("HEARTH_DATABASE_URL", f"duckdb:///{tmp_path / 'hearth.duckdb'}")
    config.reload_settings()
    db.dispose_engines()
    migrate()
    frozen_clock(DEMO_DAY)
    seed_demo(seed=5, today=DEMO_DAY, households=30)
    yield
    db.dispose_engines()
    config.reload_settings()


def signed_in_app(role: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    username, password = DEMO_ACCOUNTS[role]
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    app.button[0].click()
    app.run()
    return app
