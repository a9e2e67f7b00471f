"""Issued letters: the exact PDF sent, its hash, who sent it and when it was notified.

Revision ID: 0007
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0007"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issued_letter",
        id_column(create_sequence("issued_letter_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        string("letter_type", 40),
        sa.Column("template_version", sa.Integer, nullable=False),
        string("title", 300),
        string("notification_kind", 24, nullable=True),
        sa.Column("notified_on", sa.Date, nullable=False),
        sa.Column("review_request_by", sa.Date, nullable=True),
        text("options_json", nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        string("sha256", 64),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("issued_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("issued_at"),
        sa.Column("corrects_letter_id", sa.Integer, sa.ForeignKey("issued_letter.id"), nullable=True),
        text("correction_reason"),
        string("batch_id", 36, nullable=True),
    )
    op.create_index("ix_issued_letter_case_id", "issued_letter", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
