"""A small demo store with the register seed, for the register screens' AppTest tests."""

from __future__ import annotations

from datetime import date

import pytest

DEMO_DAY = date(2026, 11, 23)


@pytest.fixture
def register_demo_store(tmp_path, monkeypatch):
    from logic import config, db
    from logic.seed import seed_demo
    from logic.store import migrate

    monkeypatch.setenv("HEARTH_DATABASE_URL", f"duckdb:///{tmp_path / 'hearth.duckdb'}")
    config.reload_settings()
    db.dispose_engines()
    migrate()
    seed_demo(seed=5, today=DEMO_DAY, households=60)  # includes the register's own demo rows
    yield
    db.dispose_engines()
    config.reload_settings()
