"""Data protection: retention holds, tombstones of removed records, data requests (issue 17).

- `retention_hold`: a legal hold or a complaint that keeps a case past its retention period
  until the hold's end date, with the manager who recorded it, when and why.
- `retention_tombstone`: what is left of a record removed under the retention schedule or an
  agreed erasure: its reference and dates, the rule and its reference, who removed it and when.
- `data_request`: rectification (UK GDPR art.16) and erasure (art.17) requests: who asked,
  whose data, what, when received, and the decision with its ground, reason, who and when.

None references the case or household it names: those rows are removed, these stay.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_hold",
        id_column(create_sequence("retention_hold_id_seq")),
        sa.Column("case_id", sa.Integer, nullable=False),
        string("kind", 16),
        text("reason", nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("recorded_at"),
    )
    op.create_index("ix_retention_hold_case_id", "retention_hold", ["case_id"])

    op.create_table(
        "retention_tombstone",
        id_column(create_sequence("retention_tombstone_id_seq")),
        string("rule", 32),
        text("rule_ref", nullable=False),
        string("reference", 60),
        sa.Column("record_id", sa.Integer, nullable=True),
        string("case_type", 16, nullable=True),
        sa.Column("opened_on", sa.Date, nullable=True),
        sa.Column("closed_on", sa.Date, nullable=True),
        text("rows_removed", nullable=False),
        sa.Column("data_request_id", sa.Integer, nullable=True),
        sa.Column("removed_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        timestamp("removed_at"),
        timestamp("finished_at", nullable=True),
    )

    op.create_table(
        "data_request",
        id_column(create_sequence("data_request_id_seq")),
        string("kind", 16),
        string("requested_by", 200),
        sa.Column("household_id", sa.Integer, nullable=False),
        sa.Column("case_id", sa.Integer, nullable=True),
        string("case_reference", 20, nullable=True),
        string("person", 200, nullable=True),
        text("what", nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("recorded_at"),
        string("decision", 16, nullable=True),
        string("refusal_ground", 32, nullable=True),
        text("decision_reason"),
        sa.Column("decided_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        sa.Column("decided_on", sa.Date, nullable=True),
    )
    op.create_index("ix_data_request_household_id", "data_request", ["household_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
