"""Temporary accommodation's legal basis, and the personalised housing plan's agreement.

- `placement.legal_basis`: the duty or power a placement is asked under (s.188(1), s.190(2)(a),
  s.193(2), s.200(1); the powers s.188(3), s.204(4)); nullable, so placements made before it
  read "Not recorded".
- `plan_agreement`: whether the applicant agreed the plan's steps (s.189A(4)-(5)) or why not
  (s.189A(6)); `plan_copy_given`: when a copy of the plan was given. Both append-only.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("placement", string("legal_basis", 24, nullable=True))

    op.create_table(
        "plan_agreement",
        id_column(create_sequence("plan_agreement_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("agreed", sa.Boolean, nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
        text("reason"),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_plan_agreement_case_id", "plan_agreement", ["case_id"])

    op.create_table(
        "plan_copy_given",
        id_column(create_sequence("plan_copy_given_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("given_on", sa.Date, nullable=False),
        sa.Column("given_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_plan_copy_given_case_id", "plan_copy_given", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
