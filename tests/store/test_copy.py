"""`python -m logic.store copy --to URL`: a council's DuckDB store moved to PostgreSQL (and a
PostgreSQL store copied back to a file) with every row, every id and working sequences."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from logic import db
from logic.cases.service import add_note, open_case_record
from logic.db import engine_for, session_scope
from logic.models import HousingCase, Officer
from logic.store import main as store_main
from logic.store import migrate
from logic.store_copy import CopyRefused, copy_store
from logic.store_generate import generate_store, rows_in_store
from tests.conftest import duckdb_url, use_store

DAY = date(2026, 11, 23)

pytestmark = pytest.mark.postgres


def _council_on_duckdb(tmp_path, monkeypatch) -> str:
    url = duckdb_url(tmp_path / "council.duckdb")
    use_store(monkeypatch, url)
    generate_store(households=150, seed=7, today=DAY, progress=False)
    db.dispose_engines()
    return url


def _case_seen_by_senior(url: str) -> tuple[str, int, list[str]]:
    with session_scope() as session:
        senior = session.exec(select(Officer.id).where(Officer.username == "sam.senior")).one()
        case = session.exec(select(HousingCase).where(HousingCase.status == "open",
                                                      HousingCase.case_type == "homelessness")
                            .order_by(HousingCase.id)).first()
    record = open_case_record(case_id=case.id, viewer_id=senior)
    return record.reference, senior, [e.summary for e in record.events]


def test_a_duckdb_store_moves_to_postgresql_with_every_row_and_keeps_working(
        tmp_path, monkeypatch, postgres_cluster, frozen_clock):
    frozen_clock(DAY)
    source = _council_on_duckdb(tmp_path, monkeypatch)
    reference, _senior, history = _case_seen_by_senior(source)  # (opening it is audited)
    before = rows_in_store(engine_for(source))
    db.dispose_engines()

    target = postgres_cluster.create_database(prefix="moved")
    assert store_main(["copy", "--to", target, "--quiet"]) == 0
    db.dispose_engines()

    use_store(monkeypatch, target)
    assert rows_in_store(engine_for(target)) == before
    moved_reference, senior, moved_history = _case_seen_by_senior(target)
    assert (moved_reference, moved_history) == (reference, history)  # the same case and history
    with session_scope() as session:
        case_id = session.exec(select(HousingCase.id).where(HousingCase.reference == reference)).one()
    record = open_case_record(case_id=case_id, viewer_id=senior)
    add_note(case_id=case_id, expected_version=record.version, author_id=senior,
             body="Moved to the new database; the case carries on.")  # ids past the copied ones
    assert rows_in_store(engine_for(target))["note"] == before["note"] + 1


def test_a_postgresql_store_copies_back_to_a_duckdb_file(tmp_path, monkeypatch, postgres_cluster,
                                                          frozen_clock):
    frozen_clock(DAY)
    source = postgres_cluster.create_database(prefix="council")
    use_store(monkeypatch, source)
    generate_store(households=80, seed=9, today=DAY, progress=False)
    before = rows_in_store(engine_for(source))
    copy = duckdb_url(tmp_path / "copy.duckdb")
    summary = copy_store(source=engine_for(source), target=engine_for(copy), progress=False)
    assert summary.counts == before
    db.dispose_engines()
    assert rows_in_store(engine_for(copy)) == before


def test_a_target_that_holds_data_is_refused_and_left_as_it_was(tmp_path, monkeypatch,
                                                                 postgres_cluster, frozen_clock,
                                                                 capsys):
    frozen_clock(DAY)
    _council_on_duckdb(tmp_path, monkeypatch)
    other = postgres_cluster.create_database(prefix="busy")
    migrate(engine_for(other))
    with Session(engine_for(other)) as session:
        session.add(Officer(username="x.officer", full_name="X Officer", role="officer"))
        session.commit()
    assert store_main(["copy", "--to", other, "--quiet"]) == 1
    assert "already holds data (1 officer)" in capsys.readouterr().err
    assert rows_in_store(engine_for(other)) == {"officer": 1}


def test_a_source_behind_the_latest_schema_is_refused(tmp_path, monkeypatch, postgres_cluster):
    old = duckdb_url(tmp_path / "old.duckdb")
    migrate(engine_for(old), revision="0002")
    target = postgres_cluster.create_database(prefix="new")
    with pytest.raises(CopyRefused, match="run `python -m logic.store init` on it first"):
        copy_store(source=engine_for(old), target=engine_for(target), progress=False)
    assert rows_in_store(engine_for(target)) == {}
