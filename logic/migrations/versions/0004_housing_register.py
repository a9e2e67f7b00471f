"""Housing register (Part 6): applications, evidence, assessments, reviews, renewals, and
choice-based lettings (adverts, bids, nominations).

Revision ID: 0004
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable)


def _bool(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean, nullable=False)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable)


def _int(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, nullable=nullable)


def _float(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Float, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "register_application",
        id_column(create_sequence("register_application_id_seq")),
        _fk("case_id", "cases.id"),
        _date("application_date"),
        _date("registered_on", nullable=True),
        string("immigration_status", 40),
        _bool("habitually_resident"),
        string("tenure", 32),
        _bool("has_accommodation"),
        _bool("reasonable_to_occupy"),
        _int("current_bedrooms", nullable=True),
        _bool("unsatisfactory_conditions"),
        text("conditions_detail"),
        _bool("medical_welfare_need"),
        text("medical_welfare_detail"),
        _bool("hardship_locality_need"),
        string("accessibility_need", 16),
        _int("months_resident_last_12"),
        _int("years_resident_last_5"),
        _bool("employed_in_district"),
        _bool("close_family_5_years"),
        _float("household_income", nullable=True),
        _float("household_savings", nullable=True),
        _float("housing_costs_monthly", nullable=True),
        _float("rent_arrears"),
        _bool("arrears_plan_kept"),
        _bool("unacceptable_behaviour"),
        _bool("owns_home"),
        _bool("armed_forces"),
        _bool("moving_for_work"),
        timestamp("updated_at"),
        _fk("updated_by_id", "officer.id"),
    )
    op.create_index("ix_register_application_case_id", "register_application", ["case_id"], unique=True)

    op.create_table(
        "register_evidence",
        id_column(create_sequence("register_evidence_id_seq")),
        _fk("case_id", "cases.id"),
        string("what", 200),
        _date("received_on"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("recorded_at"),
        _fk("checked_by_id", "officer.id", nullable=True),
        _date("checked_on", nullable=True),
        text("note"),
    )
    op.create_index("ix_register_evidence_case_id", "register_evidence", ["case_id"])

    op.create_table(
        "register_assessment",
        id_column(create_sequence("register_assessment_id_seq")),
        _fk("case_id", "cases.id"),
        string("kind", 16),
        _date("assessed_on"),
        _fk("decided_by_id", "officer.id"),
        timestamp("decided_at"),
        text("facts_json", nullable=False),
        text("household_json", nullable=False),
        text("determination_json", nullable=False),
        text("financial_json", nullable=False),
        _bool("engine_qualifies"),
        string("engine_band", 8, nullable=True),
        _int("engine_bedroom_need"),
        string("decision", 16),
        text("override_reason"),
        _bool("qualifies"),
        string("band", 8, nullable=True),
        _date("band_effective_date", nullable=True),
        text("band_date_reason"),
        _int("bedroom_need"),
        string("reasonable_preference", 200),
        string("policy", 200),
    )
    op.create_index("ix_register_assessment_case_id", "register_assessment", ["case_id"])

    op.create_table(
        "register_review",
        id_column(create_sequence("register_review_id_seq")),
        _fk("case_id", "cases.id"),
        _fk("assessment_id", "register_assessment.id"),
        _date("requested_on"),
        text("grounds", nullable=False),
        _bool("in_time"),
        text("late_reason"),
        _fk("recorded_by_id", "officer.id"),
        string("outcome", 16, nullable=True),
        _date("decided_on", nullable=True),
        _fk("reviewer_id", "officer.id", nullable=True),
        text("outcome_reason"),
        _fk("new_assessment_id", "register_assessment.id", nullable=True),
    )
    op.create_index("ix_register_review_case_id", "register_review", ["case_id"])

    op.create_table(
        "register_renewal",
        id_column(create_sequence("register_renewal_id_seq")),
        _fk("case_id", "cases.id"),
        _date("due_on"),
        string("outcome", 24),
        _date("renewed_on"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("recorded_at"),
        text("note"),
    )
    op.create_index("ix_register_renewal_case_id", "register_renewal", ["case_id"])

    op.create_table(
        "letting_advert",
        id_column(create_sequence("letting_advert_id_seq")),
        string("reference", 20),
        string("address", 200),
        _int("bedrooms"),
        string("property_type", 16),
        string("accessibility", 16),
        string("landlord", 120),
        string("landlord_kind", 24),
        _float("weekly_rent"),
        _date("opens_on"),
        _date("closes_on"),
        _fk("created_by_id", "officer.id"),
        timestamp("created_at"),
        string("status", 16),
        timestamp("closed_at", nullable=True),
        text("shortlist_json"),
        # updated when the home is let, and letting_advert is referenced: no foreign key here
        _int("let_case_id", nullable=True),
    )
    op.create_index("ix_letting_advert_reference", "letting_advert", ["reference"], unique=True)

    op.create_table(
        "letting_bid",
        id_column(create_sequence("letting_bid_id_seq")),
        _fk("advert_id", "letting_advert.id"),
        _fk("case_id", "cases.id"),
        timestamp("placed_at"),
        _fk("placed_by_id", "officer.id"),
        string("status", 16),
        string("withdrawn_reason", 200, nullable=True),
    )
    op.create_index("ix_letting_bid_advert_id", "letting_bid", ["advert_id"])
    op.create_index("ix_letting_bid_case_id", "letting_bid", ["case_id"])

    op.create_table(
        "letting_nomination",
        id_column(create_sequence("letting_nomination_id_seq")),
        _fk("advert_id", "letting_advert.id"),
        _fk("case_id", "cases.id"),
        string("landlord", 120),
        _int("shortlist_position"),
        text("bypass_reason"),
        _date("nominated_on"),
        _fk("nominated_by_id", "officer.id"),
        string("outcome", 24),
        _date("outcome_on", nullable=True),
        text("outcome_reason"),
    )
    op.create_index("ix_letting_nomination_advert_id", "letting_nomination", ["advert_id"])
    op.create_index("ix_letting_nomination_case_id", "letting_nomination", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
