"""Offers of accommodation, the applicant's answers, and the written notice of an ended duty.

- `accommodation_offer`: an offer under a duty (Part 6, private rented, final offers under
  s.193A and s.193(7), private rented sector offers s.193(7AA)) with its suitability assessment;
  `offer_answer`: the applicant's answer (accepted, refused with reasons, accepted while asking
  for a suitability review s.202(1)(f), (1A), no reply); `offer_notice`: the final-offer letter
  that told the applicant the consequences of refusal and the review right. All append-only.
- `homelessness_duty.end_notified_on`, `end_notified_by_id`: the day the ending was given in
  writing (the duty_ended letter or the s.193B(2) notice); nullable, no index, no foreign key
  (updated in place, like `notified_on`).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS (both DuckDB and PostgreSQL): a store that feature heads joined late may
    # have been given the columns already, as 0011 does for case_event
    op.execute("ALTER TABLE homelessness_duty ADD COLUMN IF NOT EXISTS end_notified_on DATE")
    op.execute("ALTER TABLE homelessness_duty ADD COLUMN IF NOT EXISTS end_notified_by_id INTEGER")

    op.create_table(
        "accommodation_offer",
        id_column(create_sequence("accommodation_offer_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("duty_id", sa.Integer, sa.ForeignKey("homelessness_duty.id"), nullable=False),
        string("kind", 32),
        string("address", 300),
        sa.Column("offered_on", sa.Date, nullable=False),
        sa.Column("respond_by", sa.Date, nullable=True),
        sa.Column("suitable", sa.Boolean, nullable=False),
        text("suitability_reasons", nullable=False),
        text("location_reasons"),
        sa.Column("monthly_rent_pence", sa.Integer, nullable=True),
        sa.Column("monthly_income_pence", sa.Integer, nullable=True),
        sa.Column("rent_share_percent", sa.Double, nullable=True),
        string("affordability", 16, nullable=True),
        sa.Column("offered_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_accommodation_offer_case_id", "accommodation_offer", ["case_id"])

    op.create_table(
        "offer_answer",
        id_column(create_sequence("offer_answer_id_seq")),
        sa.Column("offer_id", sa.Integer, sa.ForeignKey("accommodation_offer.id"), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        string("answer", 24),
        sa.Column("answered_on", sa.Date, nullable=False),
        text("reasons"),
        sa.Column("review_requested_on", sa.Date, nullable=True),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_offer_answer_offer_id", "offer_answer", ["offer_id"])
    op.create_index("ix_offer_answer_case_id", "offer_answer", ["case_id"])

    op.create_table(
        "offer_notice",
        id_column(create_sequence("offer_notice_id_seq")),
        sa.Column("offer_id", sa.Integer, sa.ForeignKey("accommodation_offer.id"), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("letter_id", sa.Integer, sa.ForeignKey("issued_letter.id"), nullable=False),
        sa.Column("notified_on", sa.Date, nullable=False),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_offer_notice_offer_id", "offer_notice", ["offer_id"])
    op.create_index("ix_offer_notice_case_id", "offer_notice", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
