"""The store's schema comes from the migrations, and an upgrade never loses a council's rows."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import SQLModel

from logic.db import engine_for
from logic.store import (
    current_revision,
    head_revision,
    init_store,
    migrate,
    revisions_in_order,
    row_counts,
)

FIRST = "0001"


def test_migrations_build_exactly_the_tables_and_columns_the_models_describe(store):
    # information_schema rather than SQLAlchemy reflection: DuckDB lacks the pg_catalog tables
    # that the PostgreSQL-flavoured inspector queries.
    with engine_for().connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema IN ('main', 'public') AND table_name <> 'alembic_version'"
        )).all()
    in_store: dict[str, set[str]] = {}
    for table, column in rows:
        in_store.setdefault(table, set()).add(column)
    in_models = {name: {c.name for c in table.columns} for name, table in SQLModel.metadata.tables.items()}
    assert in_store == in_models


def test_a_store_made_by_the_first_migration_upgrades_with_its_rows_intact(empty_store):
    engine = engine_for()
    migrate(revision=FIRST)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO officer (username, full_name, role, team, active, hours_per_week, created_at, version) "
            "VALUES ('early.bird', 'Early Bird', 'officer', 'Housing options', true, 37, CURRENT_TIMESTAMP, 1)"
        ))
        officer_id = connection.execute(sa.text("SELECT id FROM officer")).scalar_one()
        connection.execute(sa.text(
            "INSERT INTO household (reference, postcode, created_at, version) "
            "VALUES ('HH-000001', 'AB1 2CD', CURRENT_TIMESTAMP, 1)"
        ))
        household_id = connection.execute(sa.text("SELECT id FROM household")).scalar_one()
        connection.execute(sa.text(
            "INSERT INTO person (household_id, relation, given_name, family_name, dob, sex, pregnant) "
            "VALUES (:h, 'applicant', 'Zoë', 'Łukasik', :dob, 'F', false)"
        ), {"h": household_id, "dob": date(1990, 2, 3)})
        connection.execute(sa.text(
            "INSERT INTO cases (reference, household_id, case_type, status, stage, assigned_officer_id, opened_at, version) "
            "VALUES ('HL-000001', :h, 'homelessness', 'open', 'relief', :o, CURRENT_TIMESTAMP, 3)"
        ), {"h": household_id, "o": officer_id})
        case_id = connection.execute(sa.text("SELECT id FROM cases")).scalar_one()
        connection.execute(sa.text(
            "INSERT INTO case_event (case_id, occurred_at, actor_id, kind, summary) "
            "VALUES (:c, CURRENT_TIMESTAMP, :o, 'case_opened', 'opened')"
        ), {"c": case_id, "o": officer_id})

    assert revisions_in_order()[0] == FIRST and len(revisions_in_order()) >= 2
    migrate()

    assert current_revision() == head_revision()
    with engine.connect() as connection:
        person = connection.execute(sa.text("SELECT given_name, family_name, dob FROM person")).one()
        case = connection.execute(sa.text("SELECT reference, stage, version FROM cases")).one()
        events = connection.execute(sa.text("SELECT count(*) FROM case_event")).scalar_one()
    assert (person.given_name, person.family_name, person.dob) == ("Zoë", "Łukasik", date(1990, 2, 3))
    assert tuple(case) == ("HL-000001", "relief", 3)
    assert events == 1


def test_the_demo_is_seeded_into_an_empty_store_only(empty_store):
    first = init_store(demo=True, seed=7)
    assert "seeded demo data" in first
    counts = row_counts()
    assert counts["officer"] == 13 and counts["household"] == 200 and counts["cases"] >= 200

    second = init_store(demo=True, seed=7)
    assert "no demo was seeded" in second
    assert row_counts() == counts


def test_columns_that_services_update_carry_no_index_or_foreign_key_in_referenced_tables():
    """DuckDB refuses updates to indexed or foreign-key columns of a table others reference."""
    from logic.models import UPDATABLE_COLUMNS

    for table_name, updatable in UPDATABLE_COLUMNS.items():
        table = SQLModel.metadata.tables[table_name]
        indexed = {c.name for index in table.indexes for c in index.columns}
        keyed = {fk.parent.name for fk in table.foreign_keys}
        assert updatable <= set(table.columns.keys()), table_name
        assert not (updatable & (indexed | keyed)), f"{table_name}: {updatable & (indexed | keyed)}"
