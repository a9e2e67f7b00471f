"""Sign-in protection: failed sign-ins kept in the store (issue 17).

- `sign_in_attempt`: one row a wrong password (`failed`), and the markers that start a count
  again or stop it: `locked` (the failure that reached the council's limit locked it),
  `unlocked` (an administrator's unlock, with its audit row), `succeeded` (a sign-in after
  failures). Each row names the username typed (known or not: an unknown one is counted alike)
  or the network address it came from (`source`), never the password. Kept in the store, so
  the counts hold across restarts and across app servers sharing one PostgreSQL store. Rows
  are written once; nothing references the table.

Revision ID: 0017
Revises: 0016
"""

from alembic import op

from logic.migrations.helpers import create_sequence, id_column, string, timestamp

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempt",
        id_column(create_sequence("sign_in_attempt_id_seq")),
        string("counter", 8),  # account (subject: a username) or source (subject: an address)
        string("subject", 100),
        string("outcome", 16),
        timestamp("attempted_at"),
    )
    op.create_index("ix_sign_in_attempt_counter_subject", "sign_in_attempt",
                    ["counter", "subject", "attempted_at"])


def downgrade() -> None:
    raise NotImplementedError("Hearth never drops a council's records; restore a backup instead.")
