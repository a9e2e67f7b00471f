"""AppTest fixtures: the real app.py over a small seeded DuckDB store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logic import config, db
from logic.seed import DEMO_ACCOUNTS
from tests.conftest import DEMO_DAY, duckdb_url, use_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def demo_store(seeded_demo_template, tmp_path, monkeypatch, frozen_clock) -> Iterator[str]:
    """The one demo store of the screens' tests: a copy, for this test only, of the demo seeded
    once a worker (tests/conftest.py). Other folders import this fixture from here."""
    frozen_clock(DEMO_DAY)
    path = tmp_path / "hearth.duckdb"
    shutil.copyfile(seeded_demo_template, path)
    url = duckdb_url(path)
    use_store(monkeypatch, url)
    try:
        yield url
    finally:
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
