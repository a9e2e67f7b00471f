"""Core records: officers, households and people, contacts, cases, case events, notes, audit.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer",
        id_column(create_sequence("officer_id_seq")),
        string("username", 64),
        string("full_name", 120),
        string("email", 200, nullable=True),
        string("role", 16),
        string("team", 80),
        string("password_hash", 255, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("hours_per_week", sa.Float, nullable=False),
        sa.Column("started_on", sa.Date, nullable=True),
        string("competency_level", 32, nullable=True),
        sa.Column("competency_since", sa.Date, nullable=True),
        timestamp("created_at"),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_officer_username", "officer", ["username"], unique=True)

    op.create_table(
        "household",
        id_column(create_sequence("household_id_seq")),
        string("reference", 20),
        string("address_line1", 200, nullable=True),
        string("address_line2", 200, nullable=True),
        string("town", 100, nullable=True),
        string("postcode", 10, nullable=True),
        string("phone", 30, nullable=True),
        string("email", 200, nullable=True),
        timestamp("created_at"),
        sa.Column("created_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_household_reference", "household", ["reference"], unique=True)

    op.create_table(
        "person",
        id_column(create_sequence("person_id_seq")),
        sa.Column("household_id", sa.Integer, sa.ForeignKey("household.id"), nullable=False),
        string("relation", 16),
        string("given_name", 100),
        string("family_name", 100),
        sa.Column("dob", sa.Date, nullable=False),
        string("sex", 1),
        string("phone", 30, nullable=True),
        string("email", 200, nullable=True),
        sa.Column("pregnant", sa.Boolean, nullable=False),
        sa.Column("joined_on", sa.Date, nullable=True),
        sa.Column("left_on", sa.Date, nullable=True),
    )
    op.create_index("ix_person_household_id", "person", ["household_id"])

    op.create_table(
        "cases",
        id_column(create_sequence("cases_id_seq")),
        string("reference", 20),
        sa.Column("household_id", sa.Integer, sa.ForeignKey("household.id"), nullable=False),
        string("case_type", 16),
        string("status", 16),
        string("stage", 40),
        sa.Column("assigned_officer_id", sa.Integer, nullable=True),
        timestamp("opened_at"),
        timestamp("closed_at", nullable=True),
        string("closed_reason", 200, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_cases_reference", "cases", ["reference"], unique=True)
    op.create_index("ix_cases_household_id", "cases", ["household_id"])

    op.create_table(
        "contact",
        id_column(create_sequence("contact_id_seq")),
        sa.Column("household_id", sa.Integer, sa.ForeignKey("household.id"), nullable=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=True),
        string("channel", 16),
        text("summary", nullable=False),
        sa.Column("taken_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("occurred_at"),
        string("referral_from", 200, nullable=True),
    )
    op.create_index("ix_contact_household_id", "contact", ["household_id"])
    op.create_index("ix_contact_case_id", "contact", ["case_id"])

    op.create_table(
        "case_event",
        id_column(create_sequence("case_event_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        timestamp("occurred_at"),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        string("kind", 40),
        text("summary", nullable=False),
        text("reason"),
        text("changes"),
    )
    op.create_index("ix_case_event_case_id", "case_event", ["case_id"])

    op.create_table(
        "note",
        id_column(create_sequence("note_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("written_at"),
        text("body", nullable=False),
        sa.Column("corrects_note_id", sa.Integer, sa.ForeignKey("note.id"), nullable=True),
    )
    op.create_index("ix_note_case_id", "note", ["case_id"])

    op.create_table(
        "audit_log",
        id_column(create_sequence("audit_log_id_seq")),
        timestamp("occurred_at"),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=True),
        string("action", 32),
        string("entity", 32),
        sa.Column("entity_id", sa.Integer, nullable=True),
        text("detail"),
    )
    op.create_index("ix_audit_log_actor_id", "audit_log", ["actor_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
