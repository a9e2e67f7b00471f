"""Part 7 reviews (s.202) and appeals (s.204): the challenge side of a homelessness decision.

Append-only tables (a review moves on by a later row, never by an update):
- `part7_review`: the request, against the issued letter that notified the decision (or, for a
  decision with no letter on file, its own date and words), with its s.202(1) ground, the day
  asked, the day of notification and the 21-day deadline (s.202(3)), in time or late and, when
  late, the council's decision on accepting it and why;
- `part7_review_reviewer`: the reviewer assigned (the latest row counts);
- `part7_review_minded_to`: the "minded to" notice (Homelessness (Review Procedure etc.)
  Regulations 2018 reg 7(2)) and the date representations may be made by;
- `part7_review_representations`: representations received, or none by a date;
- `part7_review_extension`: a longer period for the decision agreed in writing (reg 9(1));
- `part7_review_decision`: upheld, varied, overturned or withdrawn, with reasons and the duty a
  decision reopened;
- `part7_appeal` and `part7_appeal_outcome`: the appeal to the county court (s.204) and its end.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, text, timestamp

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _fk(name: str, target: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target), nullable=nullable)


def _date(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Date, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "part7_review",
        id_column(create_sequence("part7_review_id_seq")),
        _fk("case_id", "cases.id"),
        _fk("letter_id", "issued_letter.id", nullable=True),
        string("decision_type", 40, nullable=True),
        _date("decision_on", nullable=True),
        text("decision_summary"),
        string("ground", 16),
        _date("requested_on"),
        _date("notified_on"),
        _date("request_deadline"),
        sa.Column("in_time", sa.Boolean, nullable=False),
        sa.Column("late_accepted", sa.Boolean, nullable=True),
        text("late_reason"),
        _fk("requested_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_case_id", "part7_review", ["case_id"])

    op.create_table(
        "part7_review_reviewer",
        id_column(create_sequence("part7_review_reviewer_id_seq")),
        _fk("review_id", "part7_review.id"),
        _fk("reviewer_id", "officer.id"),
        _date("assigned_on"),
        _fk("assigned_by_id", "officer.id"),
        text("note"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_reviewer_review_id", "part7_review_reviewer", ["review_id"])

    op.create_table(
        "part7_review_minded_to",
        id_column(create_sequence("part7_review_minded_to_id_seq")),
        _fk("review_id", "part7_review.id"),
        _date("notified_on"),
        text("points", nullable=False),
        _date("representations_by"),
        _fk("letter_id", "issued_letter.id", nullable=True),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_minded_to_review_id", "part7_review_minded_to", ["review_id"])

    op.create_table(
        "part7_review_representations",
        id_column(create_sequence("part7_review_representations_id_seq")),
        _fk("review_id", "part7_review.id"),
        _fk("minded_to_id", "part7_review_minded_to.id", nullable=True),
        _date("received_on"),
        string("kind", 16),
        text("summary"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_representations_review_id", "part7_review_representations",
                    ["review_id"])

    op.create_table(
        "part7_review_extension",
        id_column(create_sequence("part7_review_extension_id_seq")),
        _fk("review_id", "part7_review.id"),
        _date("agreed_on"),
        _date("decide_by"),
        text("note"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_extension_review_id", "part7_review_extension", ["review_id"])

    op.create_table(
        "part7_review_decision",
        id_column(create_sequence("part7_review_decision_id_seq")),
        _fk("review_id", "part7_review.id"),
        string("outcome", 16),
        text("reasons", nullable=False),
        _date("decided_on"),
        _date("notified_on"),
        _fk("decided_by_id", "officer.id"),
        _fk("duty_id", "homelessness_duty.id", nullable=True),
        _fk("letter_id", "issued_letter.id", nullable=True),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_review_decision_review_id", "part7_review_decision", ["review_id"])

    op.create_table(
        "part7_appeal",
        id_column(create_sequence("part7_appeal_id_seq")),
        _fk("review_id", "part7_review.id"),
        _date("lodged_on"),
        _date("appeal_deadline"),
        sa.Column("in_time", sa.Boolean, nullable=False),
        sa.Column("late_permission", sa.Boolean, nullable=True),
        text("permission_note"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_appeal_review_id", "part7_appeal", ["review_id"])

    op.create_table(
        "part7_appeal_outcome",
        id_column(create_sequence("part7_appeal_outcome_id_seq")),
        _fk("appeal_id", "part7_appeal.id"),
        string("outcome", 16),
        _date("decided_on"),
        text("note"),
        _fk("recorded_by_id", "officer.id"),
        timestamp("written_at"),
    )
    op.create_index("ix_part7_appeal_outcome_appeal_id", "part7_appeal_outcome", ["appeal_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
