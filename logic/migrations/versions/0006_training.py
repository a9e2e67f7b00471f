"""Training: practice attempts on the practice cases, marked against the law.

Revision ID: 0006
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_attempt",
        id_column(create_sequence("practice_attempt_id_seq")),
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        string("practice_case_id", 20),
        sa.Column("difficulty", sa.Integer, nullable=False),
        timestamp("started_at", nullable=True),
        timestamp("submitted_at"),
        text("questions_asked", nullable=False),
        text("answers", nullable=False),
        text("marks", nullable=False),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_index("ix_practice_attempt_officer_id", "practice_attempt", ["officer_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
