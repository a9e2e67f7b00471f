"""H-CLIC: the case's checks as stored rows, and each quarter's export (issue 16).

- `hclic_problem`: what the case's H-CLIC checks found at its last save (one row a problem, in
  the officer's words, with where to fix it). Written in the transaction of every save that
  records a case event (`logic.common.recording`), replaced whole each time, so a team list
  reads rows instead of checking thousands of cases. Nobody references it, so a case's rows are
  deleted and written again.
- `hclic_export`: each quarter's export: who (none from the command line without --as), when,
  the counts, the manifest's SHA-256, and the manager's reason when it went with problems left.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hclic_problem",
        id_column(create_sequence("hclic_problem_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        string("rule", 40),
        string("section", 24),
        text("message", nullable=False),
        string("fix_where", 200),
        timestamp("checked_at"),
    )
    op.create_index("ix_hclic_problem_case_id", "hclic_problem", ["case_id"])

    op.create_table(
        "hclic_export",
        id_column(create_sequence("hclic_export_id_seq")),
        string("quarter", 7),
        # none: exported from the command line without --as (only a return with nothing to fix)
        sa.Column("exported_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        timestamp("exported_at"),
        sa.Column("cases", sa.Integer, nullable=False),
        sa.Column("people", sa.Integer, nullable=False),
        sa.Column("problems", sa.Integer, nullable=False),
        text("reason"),
        string("manifest_sha256", 64),
    )


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
