"""Workload: officers' absences and trainees' competency history.

Revision ID: 0005
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_absence",
        id_column(create_sequence("officer_absence_id_seq")),
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        string("kind", 16),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        string("note", 200, nullable=True),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("recorded_at"),
        timestamp("cancelled_at", nullable=True),
        sa.Column("cancelled_by_id", sa.Integer, nullable=True),
        text("cancel_reason"),
    )
    op.create_index("ix_officer_absence_officer_id", "officer_absence", ["officer_id"])

    op.create_table(
        "competency_record",
        id_column(create_sequence("competency_record_id_seq")),
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        string("level", 32),
        sa.Column("since", sa.Date, nullable=False),
        text("reason", nullable=False),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("recorded_at"),
    )
    op.create_index("ix_competency_record_officer_id", "competency_record", ["officer_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
