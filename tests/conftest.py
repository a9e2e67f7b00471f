"""Shared fixtures: a fresh, migrated store on each backend, and a small team to work with.

Store tests take the `store` fixture and so run twice: on the embedded DuckDB file and on a
throwaway PostgreSQL cluster (started once a test session). Where PostgreSQL cannot be started,
the PostgreSQL half fails under CI and is skipped locally, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlmodel import Session

from logic import clock, config, db
from logic.accounts.service import hash_password
from logic.models import Officer
from logic.store import migrate
from tests.support import unavailable

TEST_PASSWORD = "correct horse battery"
_PASSWORD_HASH = hash_password(TEST_PASSWORD)


@pytest.fixture(scope="session")
def postgres_cluster():
    from tests.support.postgres import PostgresUnavailable, start_postgres

    try:
        cluster = start_postgres()
    except PostgresUnavailable as error:
        unavailable(f"PostgreSQL unavailable: {error}")
    yield cluster
    cluster.stop()


def _use_store(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("HEARTH_DATABASE_URL", url)
    config.reload_settings()
    db.dispose_engines()


def _fresh_url(request, tmp_path) -> str:
    if request.param == "duckdb":
        return f"duckdb:///{tmp_path / 'hearth.duckdb'}"
    return request.getfixturevalue("postgres_cluster").create_database()


BACKENDS = ["duckdb", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def empty_store(request, tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh store with no schema yet, on DuckDB and on PostgreSQL."""
    yield from _store(request, tmp_path, monkeypatch, migrated=False)


@pytest.fixture(params=BACKENDS)
def store(request, monkeypatch, tmp_path) -> Iterator[str]:
    """A fresh store migrated to the latest schema, on DuckDB and on PostgreSQL."""
    yield from _store(request, tmp_path, monkeypatch, migrated=True)


def _store(request, tmp_path, monkeypatch, migrated: bool) -> Iterator[str]:
    url = _fresh_url(request, tmp_path)
    _use_store(monkeypatch, url)
    if migrated:
        migrate()
    try:
        yield url
    finally:
        db.dispose_engines()
        if request.param != "duckdb":
            request.getfixturevalue("postgres_cluster").drop_database(url)
        config.reload_settings()


@dataclass(frozen=True)
class Team:
    admin: int
    manager: int
    senior: int
    officer: int
    other_officer: int
    trainee: int


@pytest.fixture
def team(store) -> Team:
    """A small housing options team, written directly (account creation is tested on its own)."""
    people = {
        "admin": ("ada.admin", "Ada Admin", "admin"),
        "manager": ("mo.manager", "Mo Manager", "manager"),
        "senior": ("sade.senior", "Sade Senior", "senior"),
        "officer": ("olga.officer", "Olga Officer", "officer"),
        "other_officer": ("oscar.officer", "Oscar Officer", "officer"),
        "trainee": ("tim.trainee", "Tim Trainee", "trainee"),
    }
    ids = {}
    with Session(db.engine_for()) as session:
        for key, (username, name, role) in people.items():
            officer = Officer(
                username=username, full_name=name, role=role, password_hash=_PASSWORD_HASH,
                email=f"{username}@council.example", started_on=date(2025, 1, 6),
            )
            session.add(officer)
            session.flush()
            ids[key] = officer.id
        session.commit()
    return Team(**ids)


@pytest.fixture
def frozen_clock() -> Iterator[Callable[[date | datetime], datetime]]:
    """Hold Hearth's one clock (logic/clock.py) still for this test, and give it back after.

    `frozen_clock(date(2026, 11, 23))` makes that day "today" (at noon in London) for the
    services and for pages run by AppTest; call it again to move on to a later day or moment.
    """
    with ExitStack() as held:
        yield lambda moment: held.enter_context(clock.fixed(moment))
