"""On PostgreSQL the audit log and the issued letters cannot be changed or removed behind
Hearth's back, even with the app's own login at a SQL prompt: the database refuses an UPDATE or
a DELETE of either. Only a retention run, which says so in its transaction, removes rows past
their retention period. Downgrading the schema takes the rule away again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError

import logic.migrations
from logic.db import engine_for
from tests.store.test_migrations import _core_rows

# the database's own rule is PostgreSQL's: DuckDB has no triggers (the code keeps the rule there)
pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("store", ["postgresql"], indirect=True)]


@pytest.fixture
def pg_store(store):
    assert engine_for().dialect.name == "postgresql"
    return store


def _rows() -> tuple[int, int]:
    """An audit entry and an issued letter, as Hearth writes them."""
    with engine_for().begin() as connection:
        _core_rows(connection)
        case_id, officer_id = connection.execute(sa.text("SELECT id, assigned_officer_id FROM cases")).one()
        audit_id = connection.execute(sa.text(
            "INSERT INTO audit_log (occurred_at, actor_id, action, entity, entity_id) "
            "VALUES (CURRENT_TIMESTAMP, :o, 'view', 'case', :c) RETURNING id"), {"o": officer_id, "c": case_id}).scalar_one()
        letter_id = connection.execute(sa.text(
            "INSERT INTO issued_letter (case_id, letter_type, template_version, title, notified_on, options_json, "
            "pdf, sha256, size_bytes, issued_by_id, issued_at) VALUES (:c, 'duty_ended', 1, 'Your relief duty has ended', "
            "CURRENT_DATE, '{}', :pdf, :sha, 9, :o, CURRENT_TIMESTAMP) RETURNING id"),
            {"c": case_id, "o": officer_id, "pdf": b"%PDF-1.7", "sha": "0" * 64}).scalar_one()
    return audit_id, letter_id


def _refused(statement: str, **params) -> str:
    with pytest.raises(DBAPIError) as refused, engine_for().begin() as connection:
        connection.execute(sa.text(statement), params)
    return str(refused.value.orig)


def _count(table: str, row_id: int) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


def test_the_database_refuses_to_change_or_remove_an_audit_entry_or_an_issued_letter(pg_store):
    audit_id, letter_id = _rows()
    for statement in ("UPDATE audit_log SET actor_id = NULL, detail = 'nothing to see' WHERE id = :id",
                      "DELETE FROM audit_log WHERE id = :id"):
        assert "audit_log rows are never changed or removed" in _refused(statement, id=audit_id)
    for statement in ("UPDATE issued_letter SET pdf = 'altered' WHERE id = :id",
                      "UPDATE issued_letter SET notified_on = CURRENT_DATE - 30 WHERE id = :id",
                      "DELETE FROM issued_letter WHERE id = :id"):
        assert "issued_letter rows are never changed or removed" in _refused(statement, id=letter_id)
    for table in ("audit_log", "issued_letter"):
        assert "TRUNCATE refused" in _refused(f"TRUNCATE {table} CASCADE")
    assert _count("audit_log", audit_id) == 1
    assert _count("issued_letter", letter_id) == 1
    with engine_for().connect() as connection:
        detail = connection.execute(sa.text("SELECT detail FROM audit_log WHERE id = :id"), {"id": audit_id}).scalar_one()
    assert detail is None


def test_a_retention_run_that_says_so_in_its_transaction_removes_rows(pg_store):
    audit_id, letter_id = _rows()
    with engine_for().begin() as connection:
        connection.execute(sa.text("SET LOCAL hearth.retention_run = 'on'"))
        connection.execute(sa.text("DELETE FROM issued_letter WHERE id = :id"), {"id": letter_id})
        connection.execute(sa.text("DELETE FROM audit_log WHERE id = :id"), {"id": audit_id})
    assert _count("audit_log", audit_id) == 0
    assert _count("issued_letter", letter_id) == 0
    # the setting lasted only for that transaction: the next one is refused again
    audit_id, _ = (_rows_again())
    assert "never changed or removed" in _refused("DELETE FROM audit_log WHERE id = :id", id=audit_id)


def _rows_again() -> tuple[int, None]:
    with engine_for().begin() as connection:
        audit_id = connection.execute(sa.text(
            "INSERT INTO audit_log (occurred_at, action, entity) VALUES (CURRENT_TIMESTAMP, 'sign_in_failed', "
            "'officer') RETURNING id")).scalar_one()
    return audit_id, None


def _migration_0018():
    path = Path(logic.migrations.__file__).parent / "versions" / "0018_append_only.py"
    spec = importlib.util.spec_from_file_location("append_only_0018", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_step(step) -> None:
    # 0018's own downgrade and upgrade, run directly: the later migrations never drop records
    # (their downgrade refuses), so alembic cannot step back to 0017 on a store at the head
    with engine_for().begin() as connection, Operations.context(MigrationContext.configure(connection)):
        step()


def test_downgrading_takes_the_rule_away_and_upgrading_brings_it_back(pg_store):
    audit_id, letter_id = _rows()
    append_only = _migration_0018()
    _run_step(append_only.downgrade)
    with engine_for().begin() as connection:
        connection.execute(sa.text("UPDATE audit_log SET detail = 'changed' WHERE id = :id"), {"id": audit_id})
        connection.execute(sa.text("DELETE FROM issued_letter WHERE id = :id"), {"id": letter_id})
        triggers = connection.execute(sa.text(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%append_only' OR tgname LIKE '%no_truncate'")).scalar_one()
    assert triggers == 0
    _run_step(append_only.upgrade)
    assert "never changed or removed" in _refused("DELETE FROM audit_log WHERE id = :id", id=audit_id)
