"""The public front door: online self-assessments and s.213B referrals (issue 18).

- `public_submission`: one self-assessment or referral sent online, exactly as sent (JSON
  answers), the consent given and its words, the referring body and referrer, the reading the
  public was shown, a salted hash of the sender's network address (the rate limit; never the
  address), the hash of the one-time link's token and when it was used, and its state at the
  front door (new, taken into an intake with the household and contact it became, closed as a
  duplicate or withdrawn). Nothing references it.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_submission",
        id_column(create_sequence("public_submission_id_seq")),
        string("reference", 20),
        string("kind", 20),
        timestamp("submitted_at"),
        text("answers", nullable=False),
        sa.Column("emergency", sa.Boolean, nullable=False),
        sa.Column("consent_given", sa.Boolean, nullable=False),
        text("consent_text", nullable=False),
        string("body_type", 32, nullable=True),
        string("body_name", 200, nullable=True),
        string("referrer_name", 120, nullable=True),
        string("referrer_contact", 200, nullable=True),
        text("engine_reading", nullable=False),
        string("source_hash", 64),
        string("summary_token_hash", 64),
        timestamp("summary_used_at", nullable=True),
        string("status", 20),
        sa.Column("taken_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        timestamp("taken_at", nullable=True),
        text("closed_reason"),
        sa.Column("household_id", sa.Integer, sa.ForeignKey("household.id"), nullable=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id"), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_public_submission_reference", "public_submission", ["reference"], unique=True)
    op.create_index("ix_public_submission_source", "public_submission", ["source_hash", "submitted_at"])
    op.create_index("ix_public_submission_status", "public_submission", ["status", "submitted_at"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
