"""On either store, Hearth's own code cannot change or remove an audit entry (on DuckDB, which
has no triggers, this is the whole of the rule); a retention run that says so may remove one."""

from __future__ import annotations

import pytest
from sqlmodel import select

from logic.common.recording import AppendOnlyViolation, begin_retention_run
from logic.db import session_scope
from logic.models import AuditLog


def _entry() -> int:
    with session_scope() as session:
        row = AuditLog(actor_id=None, action="sign_in_failed", entity="officer", detail="someone")
        session.add(row)
        session.flush()
        return row.id


def test_an_audit_entry_cannot_be_edited_or_removed_through_hearths_code(store):
    entry = _entry()
    with pytest.raises(AppendOnlyViolation, match="audit_log rows are never changed"), session_scope() as session:
        session.get(AuditLog, entry).detail = "nothing to see"
    with pytest.raises(AppendOnlyViolation), session_scope() as session:
        session.delete(session.get(AuditLog, entry))
    with session_scope() as session:
        assert session.get(AuditLog, entry).detail == "someone"


def test_a_retention_run_removes_an_entry_and_the_next_transaction_is_guarded_again(store):
    first, second = _entry(), _entry()
    with session_scope() as session:
        begin_retention_run(session)
        session.delete(session.get(AuditLog, first))
    with pytest.raises(AppendOnlyViolation), session_scope() as session:
        session.delete(session.get(AuditLog, second))
    with session_scope() as session:
        assert session.exec(select(AuditLog.id).where(AuditLog.id.in_([first, second]))).all() == [second]
