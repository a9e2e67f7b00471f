"""The store's schema comes from the migrations, and an upgrade never loses a council's rows."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from logic.config import PROJECT_ROOT
from logic.db import engine_for
from logic.seed import seed_demo
from logic.store import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    init_store,
    migrate,
    revisions_in_order,
    row_counts,
)

FIRST = "0001"
BEFORE_THE_FEATURES = "0002"
# front door, homelessness casework, register, workload, training, letters: each built on 0002
SIX_FEATURE_HEADS = ("0003f", "0003", "0004", "0005", "0006", "0007")


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


def _core_rows(connection) -> None:
    """An officer, a household with one person, an open case and its first event: what every
    store has held since the first migration."""
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


def _assert_core_rows_intact(connection) -> None:
    person = connection.execute(sa.text("SELECT given_name, family_name, dob FROM person")).one()
    case = connection.execute(sa.text("SELECT reference, stage, version FROM cases")).one()
    events = connection.execute(sa.text("SELECT count(*) FROM case_event")).scalar_one()
    assert (person.given_name, person.family_name, person.dob) == ("Zoë", "Łukasik", date(1990, 2, 3))
    assert tuple(case) == ("HL-000001", "relief", 3)
    assert events == 1


def test_a_store_made_by_the_first_migration_upgrades_with_its_rows_intact(empty_store):
    engine = engine_for()
    migrate(revision=FIRST)
    with engine.begin() as connection:
        _core_rows(connection)

    assert revisions_in_order()[0] == FIRST and len(revisions_in_order()) >= 2
    migrate()

    assert current_revision() == head_revision()
    with engine.connect() as connection:
        _assert_core_rows_intact(connection)


def test_a_store_made_before_the_features_upgrades_through_every_feature_with_its_rows_intact(
    empty_store,
):
    # 0002 is where the six features branched: a council that installed Hearth then has
    # officers, households, cases and signed-in sessions, and none of the features' tables.
    engine = engine_for()
    migrate(revision=BEFORE_THE_FEATURES)
    with engine.begin() as connection:
        _core_rows(connection)
        connection.execute(sa.text(
            "INSERT INTO login_session (token_hash, officer_id, created_at, last_seen_at, expires_at) "
            "SELECT :token, id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM officer"
        ), {"token": "f" * 64})

    migrate()

    assert current_revision() == head_revision()
    with engine.connect() as connection:
        _assert_core_rows_intact(connection)
        session = connection.execute(sa.text(
            "SELECT s.token_hash, o.username FROM login_session s JOIN officer o ON o.id = s.officer_id"
        )).one()
        feature_tables = connection.execute(sa.text(
            "SELECT count(*) FROM issued_letter"
        )).scalar_one()
    assert tuple(session) == ("f" * 64, "early.bird")
    assert feature_tables == 0


def _columns_in_store(connection) -> dict[str, list[str]]:
    rows = connection.execute(sa.text(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema IN ('main', 'public') AND table_name <> 'alembic_version' "
        "ORDER BY table_name, ordinal_position")).all()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def _every_row(connection, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every model's table; or, given the tables and columns a store had before an
    upgrade, every row of those columns (a later revision adds tables and columns)."""
    if columns is None:
        columns = {name: ["*"] for name in SQLModel.metadata.tables}
    return {
        name: sorted((tuple(row) for row in connection.execute(
            sa.text(f"SELECT {', '.join(cols)} FROM {name}"))), key=repr)
        for name, cols in columns.items()
    }


def test_a_store_at_the_six_feature_heads_joins_the_one_chain_with_every_row_kept(empty_store, monkeypatch):
    # A store migrated before the merge revision stands at six heads at once; it must reach
    # the one head without a row lost or changed, in any feature's tables.
    engine = engine_for()
    for feature in SIX_FEATURE_HEADS:
        migrate(revision=feature)
    assert current_revision() == ",".join(sorted(SIX_FEATURE_HEADS))
    # The seed writes through today's models; a placement has a column (0009 legal_basis) that a
    # store at the six heads does not have yet, so the demo is seeded here without placements.
    monkeypatch.setattr("logic.casework.seed._placement", lambda *args, **kwargs: None)
    # Likewise the register reads a household's needs from a table (0010 register_household_needs)
    # such a store does not have yet: the demo's households are seeded with none recorded.
    from logic.register.service import HouseholdNeeds

    monkeypatch.setattr("logic.register.service._needs", lambda session, case_id: HouseholdNeeds())
    # And the seed's last step stores each case's H-CLIC checks in a table (0015 hclic_return)
    # such a store does not have yet: the demo is seeded without them.
    monkeypatch.setattr("logic.statistics.seed.seed_statistics", lambda *args, **kwargs: {})
    # And every case event written through today's model carries its typed before values
    # (0011): the store is given those two columns first, as 0011 adds them where missing.
    with engine.begin() as connection:
        connection.execute(sa.text("ALTER TABLE case_event ADD COLUMN previous_stage VARCHAR(40)"))
        connection.execute(sa.text("ALTER TABLE case_event ADD COLUMN previous_officer_id INTEGER"))
        # and a duty row carries the day its ending was notified (0012 offers)
        connection.execute(sa.text("ALTER TABLE homelessness_duty ADD COLUMN end_notified_on DATE"))
        connection.execute(sa.text("ALTER TABLE homelessness_duty ADD COLUMN end_notified_by_id INTEGER"))
        # and the H-CLIC categories (0014 hclic_capture) on the rows the seed writes
        for table, column, kind in (("homelessness_assessment", "accommodation_at_application", "VARCHAR(40)"),
                                    ("homelessness_assessment", "last_settled_accommodation", "VARCHAR(40)"),
                                    ("homelessness_assessment", "reason_for_loss", "VARCHAR(40)"),
                                    ("homelessness_assessment", "employment", "VARCHAR(40)"),
                                    ("homelessness_assessment", "support_need_codes", "TEXT"),
                                    ("triage_record", "referral_source", "VARCHAR(40)"),
                                    ("homelessness_duty", "main_activity", "VARCHAR(40)"),
                                    ("homelessness_duty", "accommodation_secured", "VARCHAR(40)")):
            connection.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
    seed_demo(seed=3, today=date(2026, 11, 23), households=12)
    with engine.begin() as connection:
        officer_id, case_id = connection.execute(sa.text(
            "SELECT assigned_officer_id, id FROM cases ORDER BY id LIMIT 1")).one()
        connection.execute(sa.text(
            "INSERT INTO practice_attempt (officer_id, practice_case_id, difficulty, submitted_at, "
            "questions_asked, answers, marks, score) "
            "VALUES (:o, 'PC-001', 1, CURRENT_TIMESTAMP, '[]', '{}', '[]', 0.75)"
        ), {"o": officer_id})
        connection.execute(sa.text(
            "INSERT INTO issued_letter (case_id, letter_type, template_version, title, notified_on, "
            "options_json, pdf, sha256, size_bytes, issued_by_id, issued_at) "
            "VALUES (:c, 'relief_duty', 1, 'Relief duty', :on, '{}', :pdf, :sha, 9, :o, CURRENT_TIMESTAMP)"
        ), {"c": case_id, "o": officer_id, "on": date(2026, 11, 23), "pdf": b"%PDF-1.7\n",
            "sha": "0" * 64})
    with engine.connect() as connection:
        columns_before = _columns_in_store(connection)
        before = _every_row(connection, columns_before)
    for table in ("homelessness_duty", "signposting_given", "register_application",
                  "officer_absence", "practice_attempt", "issued_letter"):
        assert before[table], f"{table} should hold rows before the upgrade"

    migrate()

    assert current_revision() == head_revision()
    with engine.connect() as connection:
        assert _every_row(connection, columns_before) == before


def test_the_migrations_form_one_chain_with_one_head():
    # Two heads make `alembic upgrade head` refuse to run for a council's IT team: a feature
    # built beside another must be joined by a merge revision before it is released.
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    assert len(heads) == 1, f"the migrations have {len(heads)} heads: {sorted(heads)}"
    assert head_revision() == heads[0]


def test_the_alembic_command_upgrades_a_duckdb_store_and_reports_its_revision(tmp_path):
    # the console script installed beside this Python, as a council's IT team would run it
    script = Path(sys.executable).with_name("alembic")
    alembic = [str(script)] if script.exists() else [sys.executable, "-m", "alembic"]
    environment = {**os.environ, "HEARTH_DATABASE_URL": f"duckdb:///{tmp_path / 'council.duckdb'}"}

    def run(*arguments: str) -> str:
        finished = subprocess.run(
            [*alembic, *arguments], cwd=PROJECT_ROOT, env=environment, capture_output=True,
            text=True, timeout=300, check=False,
        )
        assert finished.returncode == 0, finished.stderr
        return finished.stdout + finished.stderr

    upgraded = run("upgrade", "head")
    current = run("current")
    history = run("history")

    assert f"-> {head_revision()}" in upgraded
    assert f"{head_revision()} (head)" in current
    assert history.count("(head)") == 1 and "<base> -> 0001" in history
    with engine_for(environment["HEARTH_DATABASE_URL"]).connect() as connection:
        assert current_revision(connection.engine) == head_revision()
        officers = connection.execute(sa.text("SELECT count(*) FROM officer")).scalar_one()
    assert officers == 0


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
