"""The audit log and the issued letters are append-only in the database itself (issue 17).

On PostgreSQL, a trigger refuses every UPDATE and DELETE (and a TRUNCATE) of `audit_log` and
`issued_letter`, whoever runs it: Hearth, a report tool, or someone at a SQL prompt with the
app's login. No service changes a row of either (a letter is corrected by a new letter naming
the one it corrects; an audit entry is never edited), so nothing legitimate is refused.

The one exception is the retention command, which removes rows past their retention period
(`python -m logic.privacy retention --apply`): it works in a transaction that has said so with
`SET LOCAL hearth.retention_run = 'on'`, and only that transaction may delete or change them.
A setting is not a secret (anyone who can run SQL can set it), so this keeps out mistakes and
casual edits, and says plainly in the refusal what happened; keeping the database's owner and
the app's login apart (grants) is the council's further step.

DuckDB has no triggers: there the same rule is kept by the code alone (no service updates or
deletes these rows), as the README says.

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLES = ("audit_log", "issued_letter")
FUNCTION = "hearth_append_only"


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _on_postgresql():
        return
    op.execute(f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF coalesce(current_setting('hearth.retention_run', true), '') = 'on' THEN
                IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' THEN
                    RETURN OLD;
                END IF;
                IF TG_LEVEL = 'ROW' THEN
                    RETURN NEW;
                END IF;
                RETURN NULL;
            END IF;
            RAISE EXCEPTION 'Hearth: % rows are never changed or removed (% refused); only a retention run may remove them', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$
    """)
    for table in TABLES:
        op.execute(f"""
            CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
        """)
        op.execute(f"""
            CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()
        """)


def downgrade() -> None:
    if not _on_postgresql():
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
