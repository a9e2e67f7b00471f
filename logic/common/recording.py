"""Writing the case history and the audit log, always inside the caller's transaction.

Every service that changes a case calls `record_case_event` in the same session as the change,
so a change and its explanation commit or roll back together (nothing changes unexplained).

Recording an event also marks the case as saved: as the transaction commits, after every change
of the save is in, the case's H-CLIC checks run and their results are stored in the same
transaction (`logic.statistics.service.refresh_marked`), so the case page and the team's list
say what the rules say of the case as saved.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from logic.common.errors import NotFound, StaleRecord
from logic.models import AuditLog, CaseEvent, HousingCase
from logic.models.letters import IssuedLetter

STALE_CASE_MESSAGE = (
    "This case was changed by someone else after you opened it, so your change was not saved "
    "and theirs is kept. Reload the case to see their change, then make yours again."
)


def _json_safe(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record_case_event(
    session: Session,
    *,
    case_id: int,
    actor_id: int,
    kind: str,
    summary: str,
    reason: str | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case_id,
        actor_id=actor_id,
        kind=kind,
        summary=summary,
        reason=reason,
        changes=json.dumps(
            {field: [_json_safe(before), _json_safe(after)] for field, (before, after) in changes.items()}
        )
        if changes
        else None,
    )
    session.add(event)
    from logic.statistics.service import mark_case_saved  # the domain's own check (no cycle)

    mark_case_saved(session, case_id)
    return event


@sa_event.listens_for(OrmSession, "before_commit")
def _check_saved_cases(session: OrmSession) -> None:
    """The H-CLIC checks of the cases this transaction recorded events on, stored with it."""
    from logic.statistics.service import refresh_marked

    refresh_marked(session)


@sa_event.listens_for(OrmSession, "after_rollback")
def _forget_saved_cases(session: OrmSession) -> None:
    from logic.statistics.service import forget_marked

    forget_marked(session)


def record_audit(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    detail: str | None = None,
) -> None:
    session.add(
        AuditLog(actor_id=actor_id, action=action, entity=entity, entity_id=entity_id, detail=detail)
    )


# Views already recorded, by opening: (opening, actor, entity, entity id, detail). A screen reruns
# on every click, so a view is recorded once an opening of a screen (pages/_ui.py `opening()`),
# not once a rerun. Held by the server process that serves the officer's browser session (a
# session stays on one process); a restarted server starts new openings. Bounded: the oldest
# openings are forgotten first, long after their screens were left.
_RECORDED_VIEWS: OrderedDict[tuple, None] = OrderedDict()
_RECORDED_VIEWS_LIMIT = 50_000
_RECORDED_VIEWS_LOCK = threading.Lock()
_PENDING_VIEWS = "hearth_pending_views"  # session.info key: views recorded, not yet committed


def record_view(
    session: Session,
    *,
    actor_id: int,
    entity: str,
    entity_id: int | None = None,
    opening: str | None = None,
    detail: str | None = None,
) -> bool:
    """Record that an officer viewed a record, once an opening of the screen showing it.

    `opening` names one opening of a screen (a new one each time the officer navigates to it);
    the reruns of that opening record nothing more. Without an opening (a command, a test), every
    call is a view. Returns whether a row was written.
    """
    key = (opening, actor_id, entity, entity_id, detail)
    if opening is not None:
        with _RECORDED_VIEWS_LOCK:
            if key in _RECORDED_VIEWS:
                return False
        session.info.setdefault(_PENDING_VIEWS, []).append(key)
    record_audit(session, actor_id=actor_id, action="view", entity=entity, entity_id=entity_id, detail=detail)
    return True


@sa_event.listens_for(OrmSession, "after_commit")
def _remember_recorded_views(session: OrmSession) -> None:
    pending = session.info.pop(_PENDING_VIEWS, None)
    if not pending:
        return
    with _RECORDED_VIEWS_LOCK:
        for key in pending:
            _RECORDED_VIEWS[key] = None
            _RECORDED_VIEWS.move_to_end(key)
        while len(_RECORDED_VIEWS) > _RECORDED_VIEWS_LIMIT:
            _RECORDED_VIEWS.popitem(last=False)


@sa_event.listens_for(OrmSession, "after_rollback")
def _forget_pending_views(session: OrmSession) -> None:
    session.info.pop(_PENDING_VIEWS, None)


# The audit log and the issued letters are written once and never changed or removed, except by
# a retention run removing rows past their retention period. On PostgreSQL the database refuses
# it too (migration 0016, a trigger); DuckDB has no triggers, so this guard is the rule there.
APPEND_ONLY = (AuditLog, IssuedLetter)
_RETENTION_RUN = "hearth_retention_run"  # session.info flag: this transaction is a retention run


class AppendOnlyViolation(RuntimeError):
    """A change or removal of an audit entry or an issued letter outside a retention run."""


def begin_retention_run(session: Session) -> None:
    """Say, inside this transaction only, that it is a retention run: it may remove audit entries
    and issued letters past their retention period. On PostgreSQL the setting is what the
    database's trigger checks (SET LOCAL ends with the transaction)."""
    session.info[_RETENTION_RUN] = True
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL hearth.retention_run = 'on'"))


@sa_event.listens_for(OrmSession, "before_flush")
def _keep_append_only(session: OrmSession, flush_context, instances) -> None:
    if session.info.get(_RETENTION_RUN):
        return
    for row in (*session.dirty, *session.deleted):
        if isinstance(row, APPEND_ONLY) and (row in session.deleted or session.is_modified(row)):
            raise AppendOnlyViolation(
                f"{row.__tablename__} rows are never changed or removed; only a retention run may remove them")


@sa_event.listens_for(OrmSession, "after_commit")
@sa_event.listens_for(OrmSession, "after_rollback")
def _end_retention_run(session: OrmSession) -> None:
    session.info.pop(_RETENTION_RUN, None)


def claim_case_version(
    session: Session, *, case_id: int, expected_version: int, values: dict[str, Any] | None = None
) -> int:
    """Move a case from the version the officer saw to the next, or refuse.

    The conditional UPDATE is the optimistic lock: if another officer saved the case since this
    one opened it, no row matches and the save is refused rather than overwriting their change.
    A plain UPDATE (not UPDATE ... RETURNING) because DuckDB refuses RETURNING on a row that
    other tables reference.
    """
    statement = (
        update(HousingCase)
        .where(HousingCase.id == case_id, HousingCase.version == expected_version)
        .values(version=expected_version + 1, **(values or {}))
    )
    try:
        result = session.execute(statement)
    except DBAPIError as error:  # DuckDB: two writers on the same row at once
        if "conflict" in str(error.orig).lower():
            raise StaleRecord(STALE_CASE_MESSAGE) from error
        raise
    if result.rowcount != 1:
        if session.get(HousingCase, case_id) is None:
            raise NotFound(f"Case {case_id} does not exist.")
        raise StaleRecord(STALE_CASE_MESSAGE)
    return expected_version + 1
