"""One chain again: joins the six features that were each built on 0002.

Front door (0003f), homelessness casework (0003), the housing register (0004), workload (0005),
training (0006) and issued letters (0007) were each written as a revision of 0002, which left
six heads: `alembic upgrade head` refused to choose between them. This merge revision changes
no table; it only gives every store, old or new, one revision to be at, so a later migration
that touches two features has one parent.

Revision ID: 0008
Revises: 0003, 0003f, 0004, 0005, 0006, 0007
"""

revision = "0008"
down_revision = ("0003", "0003f", "0004", "0005", "0006", "0007")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
