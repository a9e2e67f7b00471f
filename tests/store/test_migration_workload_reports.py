"""Migration 0011: a council's existing case events get their typed before values, and
PostgreSQL gets the indexes the workload reports need (issue 14)."""

from __future__ import annotations

import json

import sqlalchemy as sa

from logic.db import engine_for, is_duckdb
from logic.store import migrate
from tests.store.test_migrations import _core_rows


def test_a_council_upgrading_keeps_its_events_and_their_before_values_become_columns(empty_store):
    engine = engine_for()
    migrate(revision="0010")
    with engine.begin() as connection:
        _core_rows(connection)
        case_id, officer_id = connection.execute(sa.text(
            "SELECT id, assigned_officer_id FROM cases")).one()
        for kind, changes in (("stage_changed", {"stage": ["prevention", "relief"]}),
                              ("reassigned", {"assigned_officer_id": [officer_id, officer_id + 1]}),
                              ("allocated", {"assigned_officer_id": [None, officer_id]}),
                              ("note_added", None)):
            connection.execute(sa.text(
                "INSERT INTO case_event (case_id, occurred_at, actor_id, kind, summary, changes) "
                "VALUES (:c, CURRENT_TIMESTAMP, :o, :k, 'a change', :j)"),
                {"c": case_id, "o": officer_id, "k": kind, "j": json.dumps(changes) if changes else None})

    migrate()

    with engine.connect() as connection:
        rows = {r.kind: (r.previous_stage, r.previous_officer_id) for r in connection.execute(sa.text(
            "SELECT kind, previous_stage, previous_officer_id FROM case_event"))}
    assert rows == {"case_opened": (None, None), "stage_changed": ("prevention", None),
                    "reassigned": (None, officer_id), "allocated": (None, None),
                    "note_added": (None, None)}


def test_on_postgresql_the_reports_find_their_indexes(store):
    engine = engine_for()
    if is_duckdb(engine.url.drivername):
        return  # DuckDB scans columns; an index on cases.assigned_officer_id would block reassignments
    with engine.connect() as connection:
        indexes = set(connection.execute(sa.text("SELECT indexname FROM pg_indexes")).scalars())
        trigram = connection.execute(sa.text(
            "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar_one()
    assert {"ix_case_event_kind", "ix_cases_open_officer", "ix_homelessness_duty_started_on",
            "ix_audit_log_recent"} <= indexes
    if trigram:
        assert {"ix_person_family_name_trgm", "ix_person_full_name_trgm"} <= indexes
