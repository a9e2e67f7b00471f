"""Homelessness casework: assessments, duties, personalised housing plans, temporary
accommodation, belongings in storage, financial assistance.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "homelessness_assessment",
        id_column(create_sequence("homelessness_assessment_id_seq")),
        _fk("case_id", "cases.id"),
        _date("assessed_on"),
        _fk("assessed_by_id", "officer.id"),
        timestamp("written_at"),
        text("circumstances", nullable=False),
        text("housing_needs", nullable=False),
        text("support_needs", nullable=False),
        text("facts_json", nullable=False),
        text("determination_json", nullable=False),
        sa.Column("eligible", sa.Boolean, nullable=False),
        string("homelessness", 16),
        sa.Column("priority_need", sa.Boolean, nullable=False),
        sa.Column("intentionally_homeless", sa.Boolean, nullable=False),
        sa.Column("local_connection", sa.Boolean, nullable=False),
        string("duty", 24),
        string("engine_duty", 24),
        text("overrides_json"),
    )
    op.create_index("ix_homelessness_assessment_case_id", "homelessness_assessment", ["case_id"])

    op.create_table(
        "homelessness_duty",
        id_column(create_sequence("homelessness_duty_id_seq")),
        _fk("case_id", "cases.id"),
        string("duty", 24),
        _date("started_on"),
        _fk("started_by_id", "officer.id"),
        _fk("assessment_id", "homelessness_assessment.id", nullable=True),
        _date("notified_on", nullable=True),
        sa.Column("notified_by_id", sa.Integer, nullable=True),
        _date("ended_on", nullable=True),
        string("end_reason", 32, nullable=True),
        sa.Column("ended_by_id", sa.Integer, nullable=True),
        text("end_note"),
    )
    op.create_index("ix_homelessness_duty_case_id", "homelessness_duty", ["case_id"])

    op.create_table(
        "cooperation_warning",
        id_column(create_sequence("cooperation_warning_id_seq")),
        _fk("case_id", "cases.id"),
        _fk("duty_id", "homelessness_duty.id"),
        _date("warned_on"),
        _fk("warned_by_id", "officer.id"),
        text("steps_refused", nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_cooperation_warning_case_id", "cooperation_warning", ["case_id"])

    op.create_table(
        "plan_step",
        id_column(create_sequence("plan_step_id_seq")),
        _fk("case_id", "cases.id"),
        string("owner", 16),
        text("description", nullable=False),
        _date("due_on", nullable=True),
        _date("created_on"),
        _fk("created_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_plan_step_case_id", "plan_step", ["case_id"])

    op.create_table(
        "plan_step_status",
        id_column(create_sequence("plan_step_status_id_seq")),
        _fk("step_id", "plan_step.id"),
        string("status", 16),
        _date("changed_on"),
        _fk("changed_by_id", "officer.id"),
        text("note"),
        timestamp("written_at"),
    )
    op.create_index("ix_plan_step_status_step_id", "plan_step_status", ["step_id"])

    op.create_table(
        "plan_review",
        id_column(create_sequence("plan_review_id_seq")),
        _fk("case_id", "cases.id"),
        _date("reviewed_on"),
        _fk("reviewed_by_id", "officer.id"),
        text("note", nullable=False),
        timestamp("written_at"),
    )
    op.create_index("ix_plan_review_case_id", "plan_review", ["case_id"])

    op.create_table(
        "placement",
        id_column(create_sequence("placement_id_seq")),
        _fk("case_id", "cases.id"),
        string("placement_type", 32),
        string("address", 300),
        sa.Column("cost_per_night_pence", sa.Integer, nullable=False),
        _date("starts_on"),
        _date("planned_end_on", nullable=True),
        text("request_reason", nullable=False),
        _fk("requested_by_id", "officer.id"),
        timestamp("requested_at"),
        string("status", 16),
        sa.Column("decided_by_id", sa.Integer, nullable=True),
        timestamp("decided_at", nullable=True),
        text("decision_reason"),
        _date("ended_on", nullable=True),
        text("end_reason"),
    )
    op.create_index("ix_placement_case_id", "placement", ["case_id"])

    op.create_table(
        "belongings_storage",
        id_column(create_sequence("belongings_storage_id_seq")),
        _fk("case_id", "cases.id"),
        _date("stored_on"),
        text("description", nullable=False),
        string("stored_with", 200),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
        _date("released_on", nullable=True),
        sa.Column("released_by_id", sa.Integer, nullable=True),
    )
    op.create_index("ix_belongings_storage_case_id", "belongings_storage", ["case_id"])

    op.create_table(
        "financial_assistance",
        id_column(create_sequence("financial_assistance_id_seq")),
        _fk("case_id", "cases.id"),
        string("kind", 24),
        sa.Column("amount_pence", sa.Integer, nullable=False),
        string("property_address", 300),
        sa.Column("monthly_rent_pence", sa.Integer, nullable=False),
        sa.Column("monthly_income_pence", sa.Integer, nullable=False),
        sa.Column("rent_share_percent", sa.Double, nullable=False),
        string("affordability", 16),
        text("request_reason", nullable=False),
        _fk("requested_by_id", "officer.id"),
        timestamp("requested_at"),
        string("status", 16),
        sa.Column("decided_by_id", sa.Integer, nullable=True),
        timestamp("decided_at", nullable=True),
        text("decision_reason"),
    )
    op.create_index("ix_financial_assistance_case_id", "financial_assistance", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
