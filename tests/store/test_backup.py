"""`python -m logic.store backup --to FILE` and `restore --from FILE`: the council's IT team backs
the store up each night; the day the machine dies, the backup restored into an empty store
holds every row and every letter exactly as sent, on DuckDB and on PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from logic import db
from logic.db import engine_for, session_scope
from logic.letters import service as letters
from logic.models import Officer
from logic.models.letters import IssuedLetter
from logic.seed import seed_demo
from logic.store import current_revision, head_revision, migrate
from logic.store import main as store_main
from logic.store_generate import rows_in_store
from tests.conftest import BACKENDS, DEMO_DAY, DEMO_SEED, Team, duckdb_url, use_store
from tests.letters.helpers import OPTIONS, case_for_letter, version
from tests.store.test_store_in_use import HOLD, PROJECT

PDF_LETTERS = ("prevention_duty", "s184_not_eligible")


def _team_of_the_demo() -> Team:
    with session_scope() as session:
        ids = dict(session.exec(select(Officer.username, Officer.id)).all())
    officers = sorted(n for n in ids if n.endswith(".officer") and n != "olu.officer")
    return Team(admin=ids["ade.admin"], manager=ids["maya.manager"], senior=ids["sam.senior"],
                officer=ids["olu.officer"], other_officer=ids[officers[0]],
                trainee=ids["tara.trainee"])


@pytest.fixture(params=BACKENDS)
def council(request, tmp_path, monkeypatch, frozen_clock) -> str:
    """The demo store, with real letters issued (their PDFs), on DuckDB or PostgreSQL."""
    frozen_clock(DEMO_DAY)
    if request.param == "duckdb":
        path = tmp_path / "council.duckdb"
        shutil.copyfile(request.getfixturevalue("seeded_demo_template"), path)
        url = duckdb_url(path)
        use_store(monkeypatch, url)
    else:
        url = request.getfixturevalue("postgres_cluster").create_database(
            template=request.getfixturevalue("migrated_postgres_template"), prefix="council")
        use_store(monkeypatch, url)
        seed_demo(engine=engine_for(url), seed=DEMO_SEED, today=DEMO_DAY, households=20)
    team = _team_of_the_demo()
    for code in PDF_LETTERS:
        case_id = case_for_letter(team, code)
        letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                             letter_type_code=code, officer_id=team.officer, options=OPTIONS[code])
    db.dispose_engines()
    return url


def _empty_store_like(url: str, tmp_path: Path, request) -> str:
    if url.startswith("duckdb"):
        return duckdb_url(tmp_path / "restored.duckdb")
    return request.getfixturevalue("postgres_cluster").create_database(prefix="restored")


def _every_row(url: str) -> dict[str, list[tuple]]:
    engine = engine_for(url)
    rows = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            order = [table.c[c.name] for c in table.primary_key.columns] or list(table.columns)
            rows[table.name] = [tuple(r) for r in connection.execute(
                sa.select(*table.columns).order_by(*order))]
    return rows


def _letters(url: str) -> dict[int, tuple[str, str]]:
    with engine_for(url).connect() as connection:
        found = connection.execute(sa.select(IssuedLetter.id, IssuedLetter.pdf, IssuedLetter.sha256))
        return {i: (hashlib.sha256(pdf).hexdigest(), sha) for i, pdf, sha in found}


def _status(capsys) -> list[str]:
    assert store_main(["status"]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_backup_restored_into_an_empty_store_holds_every_row_and_every_letter_as_sent(
        council, tmp_path, monkeypatch, request, capsys):
    before = _status(capsys)
    source_rows, source_letters = _every_row(council), _letters(council)
    assert len(source_letters) >= len(PDF_LETTERS)
    assert all(found == recorded for found, recorded in source_letters.values())
    db.dispose_engines()

    backup = tmp_path / "nightly" / "hearth-2026-11-23.zip"
    backup.parent.mkdir()
    assert store_main(["backup", "--to", str(backup)]) == 0
    said = capsys.readouterr()
    assert said.out.startswith("backed up ") and said.err == ""
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]  # no partial left
    manifest = json.loads(zipfile.ZipFile(backup).read("hearth-backup.json"))
    assert manifest["revision"] == head_revision()
    assert manifest["counts"] == rows_in_store(engine_for(council))
    db.dispose_engines()

    restored = _empty_store_like(council, tmp_path, request)
    use_store(monkeypatch, restored)
    assert store_main(["restore", "--from", str(backup), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("restored ")
    assert _status(capsys) == before
    assert _every_row(restored) == source_rows
    assert _letters(restored) == source_letters


def test_the_backup_of_a_duckdb_store_the_app_holds_says_so_in_one_line_and_writes_nothing(
        tmp_path, seeded_demo_template):
    store = tmp_path / "hearth.duckdb"
    shutil.copyfile(seeded_demo_template, store)
    backup = tmp_path / "backups" / "hearth.zip"
    backup.parent.mkdir()
    env = {**os.environ, "HEARTH_DATABASE_URL": duckdb_url(store)}
    app = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None and app.stdout.readline() == "holding\n"
        r = subprocess.run([sys.executable, "-m", "logic.store", "backup", "--to", str(backup)],
                           cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    finally:
        app.communicate(input="", timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1, r.stderr[-800:]
    assert r.stderr.startswith(f"the store {store} is in use by another process (PID {app.pid}), "
                               "most likely the running app: stop the app and back up again")
    assert list(backup.parent.iterdir()) == []  # neither the file nor a partial one
    # with the app stopped, the same command makes the backup
    r = subprocess.run([sys.executable, "-m", "logic.store", "backup", "--to", str(backup)],
                       cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-800:]
    assert zipfile.is_zipfile(backup)


@pytest.fixture
def backup_of_the_demo(tmp_path, monkeypatch, seeded_demo_template) -> Path:
    store = tmp_path / "demo.duckdb"
    shutil.copyfile(seeded_demo_template, store)
    use_store(monkeypatch, duckdb_url(store))
    backup = tmp_path / "demo.zip"
    assert store_main(["backup", "--to", str(backup)]) == 0
    return backup


def test_a_restore_into_a_store_that_holds_rows_is_refused_and_changes_nothing(
        store, tmp_path, backup_of_the_demo, monkeypatch, capsys):
    use_store(monkeypatch, store)
    with session_scope() as session:
        session.add(Officer(username="x.officer", full_name="X Officer", role="officer"))
    capsys.readouterr()
    assert store_main(["restore", "--from", str(backup_of_the_demo), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "has 1 rows: restore only into an empty store" in err
    assert rows_in_store(engine_for(store)) == {"officer": 1}


def test_a_backup_from_a_newer_hearth_is_refused(tmp_path, backup_of_the_demo, monkeypatch, capsys):
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(backup_of_the_demo) as old, zipfile.ZipFile(newer, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "hearth-backup.json":
                data = json.dumps({**json.loads(data), "revision": "0099_later"}).encode()
            new.writestr(item, data)
    target = tmp_path / "empty.duckdb"
    use_store(monkeypatch, duckdb_url(target))
    capsys.readouterr()
    assert store_main(["restore", "--from", str(newer), "--quiet"]) == 1
    assert capsys.readouterr().err == (
        f"the backup is at schema 0099_later, which this Hearth does not know (its latest is "
        f"{head_revision()}): restore it with the Hearth version that made it, or a later one\n")
    assert rows_in_store(engine_for(duckdb_url(target))) == {}


def test_a_damaged_backup_is_refused(tmp_path, backup_of_the_demo, monkeypatch, capsys):
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup_of_the_demo) as old, zipfile.ZipFile(damaged, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "hearth-backup.json":
                data = json.dumps({**json.loads(data), "sha256": "0" * 64}).encode()
            new.writestr(item, data)
    use_store(monkeypatch, duckdb_url(tmp_path / "empty.duckdb"))
    capsys.readouterr()
    assert store_main(["restore", "--from", str(damaged), "--quiet"]) == 1
    assert "is damaged" in capsys.readouterr().err


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_backup_made_before_an_upgrade_is_restored_at_the_latest_schema(
        backend, tmp_path, monkeypatch, request, capsys):
    if backend == "duckdb":
        old = duckdb_url(tmp_path / "old.duckdb")
    else:
        old = request.getfixturevalue("postgres_cluster").create_database(prefix="old")
    use_store(monkeypatch, old)
    migrate(engine_for(old), revision="0014")
    with session_scope() as session:
        session.add(Officer(username="x.officer", full_name="X Officer", role="officer"))
    db.dispose_engines()
    backup = tmp_path / "old.zip"
    assert store_main(["backup", "--to", str(backup)]) == 0
    assert json.loads(zipfile.ZipFile(backup).read("hearth-backup.json"))["revision"] == "0014"

    restored = _empty_store_like(old, tmp_path, request)
    use_store(monkeypatch, restored)
    assert store_main(["restore", "--from", str(backup), "--quiet"]) == 0
    assert current_revision(engine_for(restored)) == head_revision()
    assert rows_in_store(engine_for(restored)) == {"officer": 1}


@pytest.mark.postgres
def test_without_pg_dump_the_backup_says_what_to_install(postgres_cluster, migrated_postgres_template,
                                                         tmp_path, monkeypatch, capsys):
    from logic import store_backup

    use_store(monkeypatch, postgres_cluster.create_database(template=migrated_postgres_template))
    monkeypatch.setattr(store_backup, "PG_BINDIRS", str(tmp_path / "nowhere"))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    backup = tmp_path / "x.zip"
    assert store_main(["backup", "--to", str(backup)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert re.match(r"pg_dump was not found: install PostgreSQL's client tools, of the server's "
                    r"version \d+ or later \(Debian: postgresql-client-\d+\)$", err), err
    assert list(tmp_path.iterdir()) == []  # neither the file nor a partial one
