"""What the workload reports read, typed and indexed (issue 14: PostgreSQL as a first-class store).

- `case_event.previous_stage` and `case_event.previous_officer_id`: the *before* value of a
  `stage_changed` event's `changes["stage"]` and of a holder change's (`allocated`,
  `reassigned`) `changes["assigned_officer_id"]`, as typed columns, so the caseload history
  (the fairness figure) and the allocation's continuity read a column instead of casting the
  JSON text of a million events. Both nullable: other events leave them empty. Existing rows
  are filled here from their own `changes`; every new event fills them where it is recorded
  (`logic.models.core.CaseEvent.previous_values`, the one reading of `changes`).
- PostgreSQL only, the indexes its planner needs for the reports (DuckDB scans columns and
  would refuse updates of an indexed `cases.assigned_officer_id`, see stack notes):
  the event kind (with the case and time the history orders by), the officer holding open
  cases, the duties by start date, the audit log's latest rows, and, where the `pg_trgm`
  extension can be created, trigram indexes for the name search (`lower(family_name)`, `lower(given_name || ' ' ||
  family_name)`, `lower(given_name)`).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: a store whose events were written through today's models before it was
    # upgraded (tests/store/test_migrations.py, the six feature heads) may hold them already
    op.execute("ALTER TABLE case_event ADD COLUMN IF NOT EXISTS previous_stage VARCHAR(40)")
    op.execute("ALTER TABLE case_event ADD COLUMN IF NOT EXISTS previous_officer_id INTEGER")
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("""UPDATE case_event SET previous_stage = CAST(changes AS json) -> 'stage' ->> 0
                      WHERE changes IS NOT NULL""")
        op.execute("""UPDATE case_event SET previous_officer_id =
                          CAST(CAST(changes AS json) -> 'assigned_officer_id' ->> 0 AS INTEGER)
                      WHERE changes IS NOT NULL""")
    else:
        op.execute("""UPDATE case_event SET previous_stage = json_extract_string(changes, '$.stage[0]')
                      WHERE changes IS NOT NULL""")
        op.execute("""UPDATE case_event SET previous_officer_id =
                          TRY_CAST(json_extract_string(changes, '$.assigned_officer_id[0]') AS INTEGER)
                      WHERE changes IS NOT NULL""")
    if not postgres:
        return
    op.execute("CREATE INDEX ix_case_event_kind ON case_event (kind, case_id, occurred_at, id)")
    op.execute("CREATE INDEX ix_cases_open_officer ON cases (assigned_officer_id) WHERE status = 'open'")
    op.execute("CREATE INDEX ix_cases_type_opened_at ON cases (case_type, opened_at)")
    op.execute("CREATE INDEX ix_homelessness_duty_started_on ON homelessness_duty (started_on, case_id)")
    # the audit log shows the latest rows first, for everyone or one officer
    op.execute("CREATE INDEX ix_audit_log_recent ON audit_log (occurred_at, id)")
    op.execute("CREATE INDEX ix_audit_log_actor_recent ON audit_log (actor_id, occurred_at, id)")
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it; where it
    # cannot be created, the name search still works, by scanning
    op.execute("""DO $$ BEGIN
                      CREATE EXTENSION IF NOT EXISTS pg_trgm;
                  EXCEPTION WHEN OTHERS THEN
                      RAISE NOTICE 'pg_trgm is not available: the name search scans person';
                  END $$""")
    trigram = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).scalar_one()
    if trigram:
        for name, expression in (
                ("family_name", "lower(family_name)"),
                ("given_name", "lower(given_name)"),
                ("full_name", "lower(given_name || ' ' || family_name)")):
            op.execute(f"CREATE INDEX ix_person_{name}_trgm ON person USING gin ({expression} gin_trgm_ops)")


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
