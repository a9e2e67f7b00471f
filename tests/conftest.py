"""Shared fixtures: a fresh, migrated store on each backend, the small demo store the screens'
tests run over, and a small team to work with.

Store tests take the `store` fixture and so run twice: on the embedded DuckDB file and on a
throwaway PostgreSQL cluster (started once a test session). Where PostgreSQL cannot be started,
the PostgreSQL half fails under CI and is skipped locally, with the reason.

Every test still gets a store of its own, but nothing is migrated or seeded per test: each
xdist worker (or the one process under -n 0) migrates a template once, and seeds the demo once,
and each test gets a copy (a copied DuckDB file; a PostgreSQL database made WITH TEMPLATE).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from logic import clock, config, db
from logic.accounts.service import hash_password
from logic.models import Officer
from logic.seed import seed_demo
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


def use_store(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point the app (settings and engines) at the store at `url` for this test."""
    monkeypatch.setenv("HEARTH_DATABASE_URL", url)
    config.reload_settings()
    db.dispose_engines()


def duckdb_url(path: Path) -> str:
    return f"duckdb:///{path}"


def _migrate_and_close(url: str) -> None:
    """Migrate, then close every connection: DuckDB writes its log into the file on close (so
    the file alone can be copied), and PostgreSQL copies a template only when nobody is on it."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        migrate(engine)
        if url.startswith("duckdb"):
            with engine.connect() as connection:
                connection.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def migrated_duckdb_template(tmp_path_factory) -> Path:
    """A DuckDB file at the latest schema, made once a worker; copy it, never open it."""
    path = tmp_path_factory.mktemp("template") / "hearth.duckdb"
    _migrate_and_close(duckdb_url(path))
    assert not path.with_name(path.name + ".wal").exists(), "template left a write-ahead log"
    return path


POSTGRES_TEMPLATE = "hearth_template"


@pytest.fixture(scope="session")
def migrated_postgres_template(postgres_cluster) -> str:
    """A PostgreSQL database at the latest schema, made once a worker (each has its own
    cluster); tests get `CREATE DATABASE ... TEMPLATE` copies of it."""
    _migrate_and_close(postgres_cluster.create_database(name=POSTGRES_TEMPLATE))
    return POSTGRES_TEMPLATE


def _fresh_url(request, tmp_path, migrated: bool) -> str:
    if request.param == "duckdb":
        path = tmp_path / "hearth.duckdb"
        if migrated:
            shutil.copyfile(request.getfixturevalue("migrated_duckdb_template"), path)
        return duckdb_url(path)
    cluster = request.getfixturevalue("postgres_cluster")
    if migrated:
        return cluster.create_database(template=request.getfixturevalue("migrated_postgres_template"))
    return cluster.create_database()


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
    url = _fresh_url(request, tmp_path, migrated)
    use_store(monkeypatch, url)
    try:
        yield url
    finally:
        db.dispose_engines()
        if request.param != "duckdb":
            request.getfixturevalue("postgres_cluster").drop_database(url)
        config.reload_settings()


# The demo store of the screens' tests: the demo team and a small, fixed set of households
# seen on a fixed day, so that what a screen shows does not move with the calendar.
DEMO_SEED = 5
DEMO_DAY = date(2026, 11, 23)
DEMO_HOUSEHOLDS = 60


@pytest.fixture(scope="session")
def seeded_demo_template(migrated_duckdb_template, tmp_path_factory) -> Path:
    """The demo store (register, casework, workload rows included), seeded once a worker;
    the `demo_store` fixture (tests/pages/conftest.py) gives each test its own copy."""
    path = tmp_path_factory.mktemp("demo_template") / "hearth.duckdb"
    shutil.copyfile(migrated_duckdb_template, path)
    engine = create_engine(duckdb_url(path), poolclass=NullPool)
    try:
        with clock.fixed(DEMO_DAY):  # the seed's rows are stamped as on that day
            seed_demo(engine=engine, seed=DEMO_SEED, today=DEMO_DAY, households=DEMO_HOUSEHOLDS)
        with engine.connect() as connection:
            connection.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()
    return path


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


@pytest.fixture(autouse=True)
def own_public_inbox(tmp_path, monkeypatch) -> Path:
    """Each test its own public inbox (HEARTH_PUBLIC_INBOX), so no test reads another's forms
    or the project's data/public_inbox."""
    folder = tmp_path / "public_inbox"
    monkeypatch.setenv("HEARTH_PUBLIC_INBOX", str(folder))
    config.reload_settings()
    return folder
