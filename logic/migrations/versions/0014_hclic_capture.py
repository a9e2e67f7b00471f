"""H-CLIC categories recorded where the work happens (issue 16).

- `homelessness_assessment`: `accommodation_at_application`, `last_settled_accommodation`,
  `reason_for_loss`, `employment` (codes of logic.common.codes ACCOMMODATION_TYPES, LOSS_REASONS,
  EMPLOYMENT_STATUSES) and `support_need_codes` (a JSON list of SUPPORT_NEEDS codes, each once;
  the existing `support_needs` column is the officer's s.189A(1)(c) narrative and is unchanged).
- `triage_record.referral_source`: who referred the household (REFERRAL_SOURCES).
- `homelessness_duty.main_activity` and `.accommodation_secured` (MAIN_ACTIVITIES,
  ACCOMMODATION_SECURED): set when a prevention or relief duty ends. The duty is referenced by
  warnings, so these updated columns carry no index and no foreign key (DuckDB).

All nullable: rows recorded before this revision read as not recorded, and no row changes.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


# (table, column, type): IF NOT EXISTS, as 0011 does: a store whose rows were written through
# today's models before it was upgraded (tests/store/test_migrations.py) may hold them already
COLUMNS = (
    ("homelessness_assessment", "accommodation_at_application", "VARCHAR(40)"),
    ("homelessness_assessment", "last_settled_accommodation", "VARCHAR(40)"),
    ("homelessness_assessment", "reason_for_loss", "VARCHAR(40)"),
    ("homelessness_assessment", "employment", "VARCHAR(40)"),
    ("homelessness_assessment", "support_need_codes", "TEXT"),
    ("triage_record", "referral_source", "VARCHAR(40)"),
    ("homelessness_duty", "main_activity", "VARCHAR(40)"),
    ("homelessness_duty", "accommodation_secured", "VARCHAR(40)"),
)


def upgrade() -> None:
    for table, column, kind in COLUMNS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
