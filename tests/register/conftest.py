"""A small demo store with the register seed, for the register screens' AppTest tests; and the
clock held at TODAY (tests/register/helpers.py) for every register test."""

from __future__ import annotations

from datetime import date

import pytest

from tests.register.helpers import TODAY

DEMO_DAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)


@pytest.fixture
def register_demo_store(tmp_path, monkeypatch, frozen_clock):
    from logic import config, db
    from logic.seed import seed_demo
    from logic.store import migrate

    monkeypatch.setenv("HEARTH_DATABASE_URL", f"duckdb:///{tmp_path / 'hearth.duckdb'}")
    config.reload_settings()
    db.dispose_engines()
    migrate()
    frozen_clock(DEMO_DAY)
    seed_demo(seed=5, today=DEMO_DAY, households=60)  # includes the register's own demo rows
    yield
    db.dispose_engines()
    config.reload_settings()
