"""Retention: what the council's schedule makes due for removal, and its removal.

The schedule (``data/policy/retention.toml``, :mod:`logic.privacy.policy`) gives each kind of
record a period after its end: a closed homelessness case, a cancelled or closed register
application, a closed advice-only contact, an audit row, a practice attempt. :func:`dry_run`
lists what is due on a day and what holds it; :func:`apply` removes what is due and not held.

A record is held (kept past its period) while
* a review of a decision on the case is not decided (Housing Act 1996 s.202, s.166A(9)(c)),
* an appeal to the county court is not decided (s.204),
* a complaint or a legal hold recorded by a manager has not reached its end date
  (:func:`record_hold`).

Removing a case removes every row that hangs from it (its events, notes, assessments, duties,
letters, reviews, register rows ...), children first, and leaves a tombstone (the reference, the
dates, the rule and its reference, who removed it and when) and an audit row. On PostgreSQL that
is one transaction a case. DuckDB refuses to delete a row whose referencing rows were deleted in
the same transaction (see stack-notes), so there the tombstone and audit row are written with
the first layer of rows and each further layer is its own transaction; the tombstone is marked
finished with the case row, and an unfinished removal (a crash half way) is finished by the next
``--apply`` before anything else.

The audit and issued-letter tables may be append-only in PostgreSQL (a trigger that refuses
UPDATE and DELETE unless the transaction says it is a retention run): every removal transaction
starts with :func:`_open_for_removal`, which says so.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from logic import clock
from logic.common import codes
from logic.common.errors import FieldError, NotFound, Refused
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import begin_retention_run, record_audit
from logic.db import engine_for, session_scope
from logic.models import AuditLog, HousingCase, Officer, Role
from logic.models.accounts import SignInAttempt
from logic.models.casework import Part7Appeal, Part7AppealOutcome, Part7Review, Part7ReviewDecision
from logic.models.privacy import RetentionHold, RetentionTombstone
from logic.models.public import TAKEN, PublicSubmission
from logic.models.register import RegisterReview
from logic.models.training import PracticeAttempt
from logic.privacy.policy import RetentionSchedule, retention_schedule_as_at
from logic.public.inbox import public_inbox
from logic.public.policy import public_policy

# the case type -> the rule that removes its closed cases
CASE_RULES: dict[str, str] = {
    "homelessness": "homelessness_case",
    "register": "register_application",
    "advice": "advice_contact",
}

FIELD_LABELS = {
    "case_reference": "Case reference",
    "kind": "Kind of hold",
    "reason": "Why the record is held",
    "ends_on": "Hold ends on",
    "actor": "Officer running the removal",
}
REASON_MAX = 2000


def may_apply_retention(officer: Actor) -> Permission:
    """Removing records is a manager's or an administrator's act, never a caseworker's."""
    if officer.role in (Role.manager, Role.admin):
        return allowed("A manager or an administrator removes what the retention schedule makes due.")
    return refused("Only a manager or an administrator removes records under the retention schedule.")


def may_record_hold(officer: Actor) -> Permission:
    if officer.role == Role.manager:
        return allowed("A manager records a legal hold or a complaint that keeps a record.")
    return refused("Only a manager records a legal hold or a complaint.")


@dataclass(frozen=True)
class Hold:
    kind: str  # codes.RETENTION_HOLDS
    until: date | None = None  # a recorded hold's end date
    reason: str = ""

    @property
    def words(self) -> str:
        label = codes.RETENTION_HOLDS.label(self.kind)
        if self.until is not None:
            return f"{label} until {self.until:%-d %b %Y}: {self.reason}"
        return label


@dataclass(frozen=True)
class DueRecord:
    """One record the schedule makes due (a case), or one kind of row in bulk (audit rows)."""

    rule: str  # codes.RETENTION_RULES
    rule_ref: str
    reference: str
    due_on: date
    count: int = 1
    record_id: int | None = None  # the case's id
    case_type: str | None = None
    opened_on: date | None = None
    closed_on: date | None = None
    holds: tuple[Hold, ...] = ()

    @property
    def held(self) -> bool:
        return bool(self.holds)


@dataclass(frozen=True)
class RetentionRun:
    on: date
    records: tuple[DueRecord, ...]
    removed: tuple[RetentionTombstone, ...] = field(default=())
    # the public inbox's unused one-time links and sender counts past receipt_days: how many
    # would go (dry run) or went (apply); no tombstone, the forms themselves are in the store
    inbox_files: int = 0

    @property
    def due(self) -> tuple[DueRecord, ...]:
        return tuple(r for r in self.records if not r.held)

    @property
    def held(self) -> tuple[DueRecord, ...]:
        return tuple(r for r in self.records if r.held)


# --- dates -------------------------------------------------------------------------------------

def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _years_after(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year + years)
    except ValueError:
        return on.replace(year=on.year + years, day=28)


def _months_before(on: date, months: int) -> date:
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    for day in (on.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _london_date(moment: datetime) -> date:
    if moment.tzinfo is None:  # DuckDB may hand back a naive UTC value
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(clock.LONDON).date()


def _start_of(day: date) -> datetime:
    """The first moment of ``day`` in London, as the store keeps timestamps (UTC-aware)."""
    return datetime.combine(day, time(0), clock.LONDON)


# --- what is due -------------------------------------------------------------------------------

def _holds(session: Session, case_ids: Iterable[int], on: date) -> dict[int, list[Hold]]:
    ids = list(case_ids)
    found: dict[int, list[Hold]] = defaultdict(list)
    if not ids:
        return found
    for hold in session.exec(select(RetentionHold).where(
            RetentionHold.case_id.in_(ids), RetentionHold.ends_on >= on)
            .order_by(RetentionHold.ends_on)):
        found[hold.case_id].append(Hold(hold.kind, hold.ends_on, hold.reason))
    decided = select(Part7ReviewDecision.review_id)
    for case_id in session.exec(select(Part7Review.case_id).where(
            Part7Review.case_id.in_(ids), Part7Review.id.not_in(decided))):
        found[case_id].append(Hold("review"))
    for case_id in session.exec(select(RegisterReview.case_id).where(
            RegisterReview.case_id.in_(ids), RegisterReview.outcome.is_(None))):
        found[case_id].append(Hold("review"))
    outcome = select(Part7AppealOutcome.appeal_id)
    for case_id in session.exec(select(Part7Review.case_id).join(
            Part7Appeal, Part7Appeal.review_id == Part7Review.id).where(
            Part7Review.case_id.in_(ids), Part7Appeal.id.not_in(outcome))):
        found[case_id].append(Hold("appeal"))
    return found


def _due_cases(session: Session, schedule: RetentionSchedule, on: date,
               case_ids: Iterable[int] | None = None) -> list[DueRecord]:
    latest = max(_years_before(on, schedule.years[rule]) for rule in CASE_RULES.values())
    query = select(HousingCase).where(HousingCase.closed_at.is_not(None),
                                      HousingCase.closed_at < _start_of(latest + timedelta(days=1)))
    if case_ids is not None:
        query = query.where(HousingCase.id.in_(list(case_ids)))
    records: list[DueRecord] = []
    for case in session.exec(query.order_by(HousingCase.closed_at, HousingCase.id)):
        rule = CASE_RULES.get(case.case_type)
        if rule is None:
            continue
        closed_on = _london_date(case.closed_at)
        due_on = _years_after(closed_on, schedule.years[rule])
        if due_on > on:
            continue
        records.append(DueRecord(
            rule=rule, rule_ref=schedule.rule_ref(rule), reference=case.reference, due_on=due_on,
            record_id=case.id, case_type=case.case_type, opened_on=_london_date(case.opened_at),
            closed_on=closed_on))
    holds = _holds(session, [r.record_id for r in records], on)
    return [DueRecord(**{**r.__dict__, "holds": tuple(holds.get(r.record_id, ()))}) for r in records]


# Records removed in bulk by age (one tombstone a run, not one a row): rule -> table, the moment
# the period counts from.
BULK_RULES = {
    "audit_row": (AuditLog, AuditLog.occurred_at),
    "practice_attempt": (PracticeAttempt, PracticeAttempt.submitted_at),
    "sign_in_attempt": (SignInAttempt, SignInAttempt.attempted_at),
    "public_submission": (PublicSubmission, PublicSubmission.submitted_at),
}
# The rows of a bulk rule's table it covers, where not all: an online submission an officer took
# became a contact and follows that contact's case (rows_of_case finds it through its contact).
BULK_ROWS = {"public_submission": PublicSubmission.status != TAKEN}


def _bulk_before(schedule: RetentionSchedule, rule: str, on: date) -> date:
    if rule in schedule.months:
        return _months_before(on, schedule.months[rule])
    return _years_before(on, schedule.years[rule])


def _bulk_rows(rule: str, before: date) -> list:
    _table, column = BULK_RULES[rule]
    return [column < _start_of(before), *([BULK_ROWS[rule]] if rule in BULK_ROWS else [])]


def _bulk(session: Session, schedule: RetentionSchedule, on: date) -> list[DueRecord]:
    found = []
    for rule, (table, _column) in BULK_RULES.items():
        before = _bulk_before(schedule, rule, on)
        count = session.exec(select(sa.func.count()).select_from(table)
                             .where(*_bulk_rows(rule, before))).one()
        if count:
            found.append(DueRecord(rule=rule, rule_ref=schedule.rule_ref(rule),
                                   reference=f"written before {before:%-d %b %Y}",
                                   due_on=before, count=count, closed_on=before))
    return found


def dry_run(on: date | None = None) -> RetentionRun:
    """What the schedule makes due on ``on`` (today), each with what holds it; changes nothing."""
    on = on or clock.today()
    schedule = retention_schedule_as_at(on)
    with Session(engine_for()) as session:
        return RetentionRun(on=on, records=tuple(_due_cases(session, schedule, on)
                                                 + _bulk(session, schedule, on)),
                            inbox_files=public_inbox().count_before(_inbox_cutoff(on)))


def _inbox_cutoff(on: date) -> datetime:
    """The start of the day ``receipt_days`` before ``on``: older receipts and counts go."""
    return _start_of(on - timedelta(days=public_policy(on).receipt_days))


# --- removal -----------------------------------------------------------------------------------

def _open_for_removal(session: Session) -> None:
    """Start a removal transaction as a retention run (logic.common.recording.begin_retention_run):
    the code's guard and, on PostgreSQL, the database's trigger keep the audit log and issued
    letters append-only except in such a transaction (the setting ends with it)."""
    begin_retention_run(session)


def _is_duckdb(session: Session) -> bool:
    return session.get_bind().dialect.name == "duckdb"


def _tables() -> dict[str, sa.Table]:
    return dict(SQLModel.metadata.tables)


def rows_of_case(session: Session, case_id: int) -> dict[str, set[int]]:
    """Every row that hangs from the case, table by table: rows referencing the case, rows
    referencing those, and so on (the household, its people and the officers are not the
    case's and are kept)."""
    tables = _tables()
    found: dict[str, set[int]] = {"cases": {case_id}}
    fresh: dict[str, set[int]] = {"cases": {case_id}}  # rows found in the last round
    while fresh:
        newly: dict[str, set[int]] = {}
        for table in tables.values():
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                if not fresh.get(parent):
                    continue
                ids = set(session.execute(sa.select(table.c.id).where(
                    fk.parent.in_(sorted(fresh[parent])))).scalars())
                new = ids - found.get(table.name, set()) - newly.get(table.name, set())
                if new:
                    newly.setdefault(table.name, set()).update(new)
        for name, ids in newly.items():
            found.setdefault(name, set()).update(ids)
        fresh = newly
    return found


def _layers(session: Session, found: dict[str, set[int]]) -> list[dict[str, list[int]]]:
    """The rows in the order they can go: first the rows nothing references, then the rows only
    those referenced, and so on up to the case."""
    tables = _tables()
    referrers: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for name, ids in found.items():
        table = tables[name]
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent not in found:
                continue
            for child_id, parent_id in session.execute(sa.select(table.c.id, fk.parent).where(
                    table.c.id.in_(sorted(ids)), fk.parent.in_(sorted(found[parent])))):
                if (name, child_id) != (parent, parent_id):
                    referrers[(parent, parent_id)].add((name, child_id))
    height: dict[tuple[str, int], int] = {}

    def level(row: tuple[str, int]) -> int:
        if row not in height:
            height[row] = 1 + max((level(r) for r in referrers.get(row, ())), default=-1)
        return height[row]

    layers: list[dict[str, list[int]]] = []
    for name, ids in found.items():
        for row_id in ids:
            n = level((name, row_id))
            while len(layers) <= n:
                layers.append({})
            layers[n].setdefault(name, []).append(row_id)
    return layers


def _delete(session: Session, layer: dict[str, list[int]]) -> None:
    tables = _tables()
    for name, ids in layer.items():
        table = tables[name]
        for start in range(0, len(ids), 1000):
            session.execute(sa.delete(table).where(table.c.id.in_(sorted(ids)[start:start + 1000])))


def _mark_finished(session: Session, tombstone_id: int) -> None:
    session.get(RetentionTombstone, tombstone_id).finished_at = clock.now()


def _start(session: Session, tombstone_id: int, found: dict[str, set[int]]) -> list[dict[str, list[int]]]:
    """Delete the case's rows in ``session`` (the transaction that wrote the tombstone) as far as
    the backend allows: all of them on PostgreSQL, the first layer on DuckDB. Returns the layers
    left, each to go in a transaction of its own."""
    layers = _layers(session, found)
    if not _is_duckdb(session):
        for layer in layers:
            _delete(session, layer)
        _mark_finished(session, tombstone_id)
        return []
    _delete(session, layers[0])
    if len(layers) == 1:
        _mark_finished(session, tombstone_id)
    return layers[1:]


def _finish(tombstone_id: int, layers: list[dict[str, list[int]]]) -> None:
    """The layers left, a transaction each; the last marks the tombstone finished."""
    for i, layer in enumerate(layers):
        with session_scope() as session:
            _open_for_removal(session)
            _delete(session, layer)
            if i == len(layers) - 1:
                _mark_finished(session, tombstone_id)


def _resume(tombstone_id: int, case_id: int) -> None:
    """Finish a removal cut short: whatever of the case is left goes, layer by layer."""
    with Session(engine_for()) as session:
        left = rows_of_case(session, case_id) if session.get(HousingCase, case_id) else {}
        layers = _layers(session, left) if left else []
    if layers:
        _finish(tombstone_id, layers)
    else:
        with session_scope() as session:
            _mark_finished(session, tombstone_id)


def remove_case(*, case_id: int, rule: str, rule_ref: str, actor_id: int | None,
                data_request_id: int | None = None,
                also: Callable[[Session], None] | None = None) -> RetentionTombstone:
    """Remove the case and every row that hangs from it; leave a tombstone and an audit row.

    ``also`` writes what goes with the removal in its first transaction (an erasure request's
    decision). Checks nothing about periods or holds: the callers (:func:`apply`, an agreed
    erasure) have.
    """
    with session_scope() as session:
        _open_for_removal(session)
        case = session.get(HousingCase, case_id)
        if case is None:
            raise NotFound(f"Case {case_id} does not exist.")
        found = rows_of_case(session, case_id)
        tombstone = RetentionTombstone(
            rule=rule, rule_ref=rule_ref, reference=case.reference, record_id=case.id,
            case_type=case.case_type, opened_on=_london_date(case.opened_at),
            closed_on=_london_date(case.closed_at) if case.closed_at else None,
            rows_removed=json.dumps({name: len(ids) for name, ids in sorted(found.items())}),
            data_request_id=data_request_id, removed_by_id=actor_id, removed_at=clock.now())
        session.add(tombstone)
        if also is not None:
            also(session)
        session.flush()
        record_audit(session, actor_id=actor_id, action="retention_remove", entity="case",
                     entity_id=case_id,
                     detail=(f"{case.reference} removed: {codes.RETENTION_RULES.label(rule)} "
                             f"({rule_ref}); {sum(len(i) for i in found.values())} rows"))
        left = _start(session, tombstone.id, found)
        tombstone_id = tombstone.id
    _finish(tombstone_id, left)
    with Session(engine_for()) as session:
        return session.get(RetentionTombstone, tombstone_id)


def _remove_bulk(record: DueRecord, actor_id: int) -> RetentionTombstone:
    table, _column = BULK_RULES[record.rule]
    with session_scope() as session:
        _open_for_removal(session)
        removed = session.execute(sa.delete(table).where(*_bulk_rows(record.rule, record.due_on))).rowcount
        tombstone = RetentionTombstone(
            rule=record.rule, rule_ref=record.rule_ref, reference=record.reference,
            closed_on=record.due_on, rows_removed=json.dumps({table.__tablename__: removed}),
            removed_by_id=actor_id, removed_at=clock.now(), finished_at=clock.now())
        session.add(tombstone)
        record_audit(session, actor_id=actor_id, action="retention_remove",
                     entity=table.__tablename__,
                     detail=(f"{removed} {codes.RETENTION_RULES.label(record.rule).lower()} rows "
                             f"{record.reference} removed ({record.rule_ref})"))
    return tombstone


def unfinished() -> list[RetentionTombstone]:
    with Session(engine_for()) as session:
        return list(session.exec(select(RetentionTombstone).where(
            RetentionTombstone.finished_at.is_(None)).order_by(RetentionTombstone.id)))


def _actor(session: Session, actor_id: int) -> Officer:
    officer = session.get(Officer, actor_id)
    if officer is None or not officer.active:
        raise FieldError("actor", "no active officer with that id", FIELD_LABELS)
    return officer


def apply(*, actor_id: int, on: date | None = None) -> RetentionRun:
    """Remove what is due on ``on`` (today) and not held; finish any removal left unfinished.
    Returns the run: what was listed, and the tombstones written."""
    with Session(engine_for()) as session:
        may_apply_retention(_actor(session, actor_id)).require()
    for tombstone in unfinished():
        if tombstone.record_id is not None:
            _resume(tombstone.id, tombstone.record_id)
    run = dry_run(on)
    removed = []
    for record in run.due:
        if record.record_id is not None:
            removed.append(remove_case(case_id=record.record_id, rule=record.rule,
                                       rule_ref=record.rule_ref, actor_id=actor_id))
        else:
            removed.append(_remove_bulk(record, actor_id))
    forgotten = public_inbox().forget_before(_inbox_cutoff(run.on))
    return RetentionRun(on=run.on, records=run.records, removed=tuple(removed),
                        inbox_files=forgotten)


# --- holds -------------------------------------------------------------------------------------

def case_id_for(session: Session, reference: str, field_code: str = "case_reference",
                labels: dict[str, str] | None = None) -> int:
    reference = (reference or "").strip().upper()
    if not reference:
        raise FieldError(field_code, "give the case's reference", labels or FIELD_LABELS)
    found = session.exec(select(HousingCase.id).where(HousingCase.reference == reference)).first()
    if found is None:
        raise FieldError(field_code, f"no case has the reference {reference}", labels or FIELD_LABELS)
    return found


def record_hold(*, case_reference: str, kind: str, reason: str, ends_on: date | None,
                actor_id: int) -> int:
    """A legal hold or a complaint that keeps the case (and every row of it) until ``ends_on``."""
    if kind not in codes.RECORDED_HOLDS:
        raise FieldError("kind", "choose a legal hold or a complaint", FIELD_LABELS)
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "say why the record must be kept (the claim, the complaint)",
                         FIELD_LABELS)
    if len(reason) > REASON_MAX:
        raise FieldError("reason", f"at most {REASON_MAX} characters, not {len(reason)}", FIELD_LABELS)
    if ends_on is None:
        raise FieldError("ends_on", "give the date the hold ends (it can be extended by a new hold)",
                         FIELD_LABELS)
    today = clock.today()
    if ends_on < today:
        raise FieldError("ends_on", f"must be today or later, not {ends_on:%-d %b %Y}", FIELD_LABELS)
    if ends_on > _years_after(today, 25):
        raise FieldError("ends_on", "must be within 25 years; record a new hold when it ends",
                         FIELD_LABELS)
    with session_scope() as session:
        may_record_hold(_actor(session, actor_id)).require()
        case_id = case_id_for(session, case_reference)
        hold = RetentionHold(case_id=case_id, kind=kind, reason=reason, ends_on=ends_on,
                             recorded_by_id=actor_id, recorded_at=clock.now())
        session.add(hold)
        session.flush()
        record_audit(session, actor_id=actor_id, action="retention_hold", entity="case",
                     entity_id=case_id,
                     detail=f"{codes.RETENTION_HOLDS.label(kind)} until {ends_on.isoformat()}: {reason}")
        return hold.id


def refuse_if_held(session: Session, case_id: int, on: date) -> None:
    """An erasure never removes a case a review, an appeal or a hold keeps."""
    holds = _holds(session, [case_id], on).get(case_id)
    if holds:
        raise Refused("The case cannot be removed while it is held: "
                      + "; ".join(h.words for h in holds) + ".", citation="UK GDPR art.17(3)(e)")


# --- the command -------------------------------------------------------------------------------

def _officer_by_username(username: str) -> int:
    with Session(engine_for()) as session:
        found = session.exec(select(Officer.id).where(Officer.username == username.strip())).first()
    if found is None:
        raise FieldError("actor", f"no officer has the username {username.strip()!r}",
                         {"actor": "--actor"})
    return found


def _line(record: DueRecord) -> str:
    what = codes.RETENTION_RULES.label(record.rule)
    if record.record_id is None:
        head = f"{what}: {record.count} {record.reference}"
    else:
        head = (f"{record.reference}: {what}, opened {record.opened_on:%-d %b %Y}, closed "
                f"{record.closed_on:%-d %b %Y}, due {record.due_on:%-d %b %Y}")
    if record.held:
        return f"KEPT     {head}; held: {'; '.join(h.words for h in record.holds)}"
    return f"DUE      {head} [{record.rule_ref}]"


def add_command(sub) -> None:
    """``retention --dry-run | --apply [--actor USERNAME]`` on the privacy command's parser."""
    parser = sub.add_parser("retention", help="list (--dry-run) or remove (--apply) the records "
                            "the retention schedule makes due today, except those under a hold")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="list what is due; change nothing")
    mode.add_argument("--apply", action="store_true", help="remove what is due and not held")
    parser.add_argument("--actor", default=None,
                        help="the username of the manager or administrator removing (with --apply)")
    parser.set_defaults(run=run_command)


def run_command(args) -> int:
    """Exit 0 done; 1 refused (not a manager or administrator); 2 wrong input (no --actor)."""
    from logic.common.errors import PermissionDenied

    if args.dry_run:
        found = dry_run()
        for record in found.records:
            print(_line(record))
        print(f"public inbox: {found.inbox_files} unused summary links and sender counts due to be "
              "forgotten")
        print(f"{found.on:%-d %b %Y}: {len(found.due)} due for removal, {len(found.held)} kept "
              "under a hold (dry run: nothing removed)")
        return 0
    if not args.actor:
        print("--actor: give the username of the manager or administrator removing the records",
              file=sys.stderr)
        return 2
    try:
        done = apply(actor_id=_officer_by_username(args.actor))
    except FieldError as error:
        print(error.message, file=sys.stderr)
        return 2
    except PermissionDenied as error:
        print(f"refused: {error.message}", file=sys.stderr)
        return 1
    for record in done.held:
        print(_line(record))
    for tombstone in done.removed:
        print(f"REMOVED  {tombstone.reference}: {codes.RETENTION_RULES.label(tombstone.rule)} "
              f"[{tombstone.rule_ref}]")
    print(f"public inbox: {done.inbox_files} unused summary links and sender counts forgotten")
    print(f"{done.on:%-d %b %Y}: {len(done.removed)} removed (a tombstone and an audit row each), "
          f"{len(done.held)} kept under a hold")
    return 0
