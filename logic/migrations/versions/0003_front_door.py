"""Front door: triage records, signposting given, safeguarding flags and referrals, s.213B
referrals received.

Revision ID: 0003f
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0003f"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "triage_record",
        id_column(create_sequence("triage_record_id_seq")),
        _fk("household_id", "household.id"),
        _fk("contact_id", "contact.id"),
        _fk("case_id", "cases.id", nullable=True),
        _fk("recorded_by_id", "officer.id"),
        timestamp("recorded_at"),
        text("answers", nullable=False),
        text("facts", nullable=False),
        text("determination", nullable=False),
        string("recommended_route", 16),
        text("recommendation", nullable=False),
        string("chosen_route", 16),
        text("override_reason"),
    )
    op.create_index("ix_triage_record_household_id", "triage_record", ["household_id"])
    op.create_index("ix_triage_record_contact_id", "triage_record", ["contact_id"])
    op.create_index("ix_triage_record_case_id", "triage_record", ["case_id"])

    op.create_table(
        "signposting_given",
        id_column(create_sequence("signposting_given_id_seq")),
        _fk("contact_id", "contact.id"),
        _fk("household_id", "household.id"),
        string("service_id", 60),
        string("service_name", 200),
        string("category", 40),
        string("contact_details", 300, nullable=True),
        _fk("given_by_id", "officer.id"),
        timestamp("given_at"),
    )
    op.create_index("ix_signposting_given_contact_id", "signposting_given", ["contact_id"])
    op.create_index("ix_signposting_given_household_id", "signposting_given", ["household_id"])

    op.create_table(
        "safeguarding_flag",
        id_column(create_sequence("safeguarding_flag_id_seq")),
        _fk("household_id", "household.id"),
        _fk("person_id", "person.id", nullable=True),
        _fk("contact_id", "contact.id", nullable=True),
        string("kind", 32),
        text("details", nullable=False),
        _fk("raised_by_id", "officer.id"),
        timestamp("raised_at"),
        timestamp("ended_at", nullable=True),
        sa.Column("ended_by_id", sa.Integer, nullable=True),  # no FK: updated when ended
        text("end_reason"),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_safeguarding_flag_household_id", "safeguarding_flag", ["household_id"])

    op.create_table(
        "safeguarding_referral",
        id_column(create_sequence("safeguarding_referral_id_seq")),
        _fk("flag_id", "safeguarding_flag.id"),
        string("referred_to", 200),
        timestamp("referred_at"),
        string("reference", 60, nullable=True),
        _fk("made_by_id", "officer.id"),
        timestamp("recorded_at"),
    )
    op.create_index("ix_safeguarding_referral_flag_id", "safeguarding_referral", ["flag_id"])

    op.create_table(
        "referral_received",
        id_column(create_sequence("referral_received_id_seq")),
        _fk("contact_id", "contact.id"),
        _fk("household_id", "household.id"),
        string("body_type", 32),
        string("body_name", 200),
        string("referrer_name", 120, nullable=True),
        string("referrer_contact", 200, nullable=True),
        sa.Column("consent_given", sa.Boolean, nullable=False),
        timestamp("received_at"),
        _fk("recorded_by_id", "officer.id"),
    )
    op.create_index("ix_referral_received_contact_id", "referral_received", ["contact_id"])
    op.create_index("ix_referral_received_household_id", "referral_received", ["household_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
