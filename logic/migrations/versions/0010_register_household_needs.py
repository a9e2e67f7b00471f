"""A register application's household needs that change the bedroom need (decision-scenarios
version 2): a carer who lives elsewhere and stays overnight (one more bedroom, HB Regs 2006
reg 13D), and, for each member, babies expected and a disability that means a room of their own.

`register_household_needs`: append-only, one row each time the officer records them; the
latest row of a case is its current needs. `member_needs` is JSON by person id
(`{"12": {"expected_babies": 2, "needs_own_room": true}}`). A case with no row has none recorded
(no carer, one baby a pregnancy, everyone shares as usual): no existing row changes.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from logic.migrations.helpers import create_sequence, id_column, text, timestamp

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "register_household_needs",
        id_column(create_sequence("register_household_needs_id_seq")),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("overnight_carer", sa.Boolean, nullable=False),
        text("member_needs", nullable=False),
        sa.Column("recorded_by_id", sa.Integer, sa.ForeignKey("officer.id"), nullable=False),
        timestamp("recorded_at"),
    )
    op.create_index("ix_register_household_needs_case_id", "register_household_needs", ["case_id"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
