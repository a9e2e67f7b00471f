"""Rectification (UK GDPR art.16) and erasure (art.17) requests, recorded with their decision.

A manager records who asked, whose data (the household, and the member in words), what they
ask, and when it was received; then the decision: agreed, partly agreed or refused, with the
reason and, for a refusal in whole or part, the ground it rests on (for erasure, e.g.
art.17(3)(b): the council keeps the record to comply with its legal obligations under Part 7;
art.17(3)(e): it is needed for legal claims). Every step is audited.

An agreed rectification is carried out by correcting the record through the normal screens,
which record their own case events: the decision says so. An agreed erasure of a case is
carried out by the same removal as the retention schedule's (:func:`logic.privacy.retention.
remove_case`), leaving a tombstone naming the request; never while the case is open or held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from logic import clock
from logic.common import codes
from logic.common.errors import FieldError, NotFound, Refused
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit
from logic.db import engine_for, session_scope
from logic.models import Household, HousingCase, Officer, Role
from logic.models.privacy import DataRequest, RetentionHold, RetentionTombstone
from logic.privacy import retention

FIELD_LABELS = {
    "kind": "Kind of request",
    "requested_by": "Who asked",
    "household_reference": "Household reference",
    "case_reference": "Case reference",
    "person": "Whose data",
    "what": "What they ask",
    "received_on": "Received on",
    "decision": "Decision",
    "refusal_ground": "Ground for refusing",
    "reason": "Reason for the decision",
    "decided_on": "Decided on",
}
TEXT_MAX = {"requested_by": 200, "person": 200, "what": 4000, "reason": 4000}
RECTIFY_THROUGH_SCREENS = (
    "Correct the record through the case's own screens (household details, a note correcting a "
    "note, a corrected letter): each correction is recorded in the case history.")


def may_manage_data_requests(officer: Actor) -> Permission:
    """Data protection requests and holds are decided by a manager (the council's scheme of
    delegation names the service manager for them)."""
    if officer.role == Role.manager:
        return allowed("A manager records data protection requests, their decisions and holds.")
    return refused("Only a manager records data protection requests and their decisions.")


@dataclass(frozen=True)
class Decided:
    request_id: int
    decision: str
    next_step: str  # what the manager is told to do next, in words
    tombstone_id: int | None = None


def _text(value: str | None, name: str, *, required: bool, what: str = "") -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise FieldError(name, what or "must be given", FIELD_LABELS)
        return None
    if len(value) > TEXT_MAX[name]:
        raise FieldError(name, f"at most {TEXT_MAX[name]} characters, not {len(value)}", FIELD_LABELS)
    return value


def _manager(session: Session, actor_id: int) -> Officer:
    officer = session.get(Officer, actor_id)
    if officer is None or not officer.active:
        raise NotFound("No active officer with that id.")
    may_manage_data_requests(officer).require()
    return officer


def record_request(*, kind: str, requested_by: str, household_reference: str, what: str,
                   received_on: date | None, actor_id: int, case_reference: str | None = None,
                   person: str | None = None) -> int:
    """A request received, before any decision. Returns its id."""
    if kind not in codes.DATA_REQUEST_KINDS:
        raise FieldError("kind", "choose rectification or erasure", FIELD_LABELS)
    requested_by = _text(requested_by, "requested_by", required=True,
                         what="say who asked (the person, or who asked for them)")
    person = _text(person, "person", required=False)
    what = _text(what, "what", required=True, what="say what they ask to be corrected or erased")
    if received_on is None:
        raise FieldError("received_on", "give the day the request was received", FIELD_LABELS)
    if received_on > clock.today():
        raise FieldError("received_on", f"cannot be after today, not {received_on:%-d %b %Y}",
                         FIELD_LABELS)
    with session_scope() as session:
        _manager(session, actor_id)
        reference = (household_reference or "").strip().upper()
        if not reference:
            raise FieldError("household_reference", "give the household's reference", FIELD_LABELS)
        household = session.exec(select(Household).where(Household.reference == reference)).first()
        if household is None:
            raise FieldError("household_reference", f"no household has the reference {reference}",
                             FIELD_LABELS)
        case_id = None
        if (case_reference or "").strip():
            case_id = retention.case_id_for(session, case_reference, labels=FIELD_LABELS)
            if session.get(HousingCase, case_id).household_id != household.id:
                raise FieldError("case_reference", f"is not a case of household {reference}",
                                 FIELD_LABELS)
        request = DataRequest(
            kind=kind, requested_by=requested_by, household_id=household.id, case_id=case_id,
            case_reference=case_reference.strip().upper() if case_id else None, person=person,
            what=what, received_on=received_on, recorded_by_id=actor_id, recorded_at=clock.now())
        session.add(request)
        session.flush()
        record_audit(session, actor_id=actor_id, action="data_request", entity="household",
                     entity_id=household.id,
                     detail=f"{codes.DATA_REQUEST_KINDS.label(kind)} request {request.id} received "
                            f"{received_on.isoformat()}")
        return request.id


def decide_request(*, request_id: int, decision: str, reason: str, actor_id: int,
                   refusal_ground: str | None = None, decided_on: date | None = None) -> Decided:
    """Record the decision. An agreed erasure of a case removes it (a tombstone and an audit
    row); an agreed rectification is made through the normal screens."""
    if decision not in codes.DATA_REQUEST_DECISIONS:
        raise FieldError("decision", "choose agreed, partly agreed or refused", FIELD_LABELS)
    reason = _text(reason, "reason", required=True, what="give the reasons for the decision")
    decided_on = decided_on or clock.today()
    if decided_on > clock.today():
        raise FieldError("decided_on", f"cannot be after today, not {decided_on:%-d %b %Y}", FIELD_LABELS)
    with Session(engine_for()) as session:
        _manager(session, actor_id)
        request = session.get(DataRequest, request_id)
        if request is None:
            raise NotFound(f"Data protection request {request_id} does not exist.")
        if request.decision is not None:
            raise Refused(f"This request was decided on {request.decided_on:%-d %b %Y} "
                          f"({codes.DATA_REQUEST_DECISIONS.words(request.decision)}); record a new "
                          "request if the person asks again.")
        if decided_on < request.received_on:
            raise FieldError("decided_on", "cannot be before the request was received", FIELD_LABELS)
        grounds = (codes.ERASURE_REFUSAL_GROUNDS if request.kind == "erasure"
                   else codes.RECTIFICATION_REFUSAL_GROUNDS)
        if decision == "agreed":
            refusal_ground = None
        elif refusal_ground not in grounds:
            raise FieldError("refusal_ground", "choose the ground the refusal rests on ("
                             + "; ".join(grounds.cited(c) for c in grounds.codes()) + ")", FIELD_LABELS)
        erase = request.kind == "erasure" and decision == "agreed"
        if erase:
            if request.case_id is None:
                raise Refused("An agreed erasure removes one case: record the request against the "
                              "case to be erased (its reference), or decide it partly agreed.")
            case = session.get(HousingCase, request.case_id)
            if case is None:
                raise Refused(f"Case {request.case_reference} has already been removed.")
            if case.closed_at is None:
                raise Refused(f"Case {case.reference} is open: close it before it is erased.",
                              citation="UK GDPR art.17(3)(b)")
            retention.refuse_if_held(session, case.id, clock.today())

    def write(session: Session) -> None:
        found = session.get(DataRequest, request_id)
        found.decision, found.refusal_ground, found.decision_reason = decision, refusal_ground, reason
        found.decided_by_id, found.decided_on = actor_id, decided_on
        record_audit(session, actor_id=actor_id, action="data_request_decided", entity="household",
                     entity_id=found.household_id,
                     detail=(f"{codes.DATA_REQUEST_KINDS.label(found.kind)} request {request_id}: "
                             f"{codes.DATA_REQUEST_DECISIONS.label(decision)}"
                             + (f" ({grounds.cited(refusal_ground)})" if refusal_ground else "")))

    if erase:
        stone = retention.remove_case(case_id=request.case_id, rule="erasure",
                                      rule_ref=codes.RETENTION_RULES.citation("erasure"),
                                      actor_id=actor_id, data_request_id=request_id, also=write)
        return Decided(request_id, decision, f"Case {stone.reference} was erased; a tombstone "
                       "records its reference, dates and this request.", stone.id)
    with session_scope() as session:
        write(session)
    if request.kind == "rectification" and decision in ("agreed", "partly"):
        step = RECTIFY_THROUGH_SCREENS
    elif decision == "partly":
        step = "Remove or correct the parts agreed through the case's own screens."
    else:
        step = "Write to the person with the decision, its ground and their right to complain to the ICO."
    return Decided(request_id, decision, step)


# --- what the managers' screen shows ----------------------------------------------------------

@dataclass(frozen=True)
class RequestRow:
    id: int
    kind: str
    requested_by: str
    household: str
    case_reference: str | None
    person: str | None
    what: str
    received_on: date
    decision: str | None
    refusal_ground: str | None
    reason: str | None
    decided_by: str | None
    decided_on: date | None


def requests(viewer_id: int) -> list[RequestRow]:
    """Every request, the undecided first, then the latest."""
    with Session(engine_for()) as session:
        _manager(session, viewer_id)
        rows = session.exec(select(DataRequest).order_by(DataRequest.received_on.desc(),
                                                         DataRequest.id.desc())).all()
        households = {h.id: h.reference for h in session.exec(select(Household).where(
            Household.id.in_([r.household_id for r in rows])))}
        names = {o.id: o.full_name for o in session.exec(select(Officer))}
    found = [RequestRow(r.id, r.kind, r.requested_by, households.get(r.household_id, "(removed)"),
                        r.case_reference, r.person, r.what, r.received_on, r.decision,
                        r.refusal_ground, r.decision_reason, names.get(r.decided_by_id),
                        r.decided_on) for r in rows]
    return sorted(found, key=lambda r: r.decision is not None)


@dataclass(frozen=True)
class HoldRow:
    case_reference: str
    kind: str
    reason: str
    ends_on: date
    recorded_by: str


def holds(viewer_id: int) -> list[HoldRow]:
    """The holds still in force today, the soonest to end first."""
    with Session(engine_for()) as session:
        _manager(session, viewer_id)
        rows = session.exec(select(RetentionHold, HousingCase.reference, Officer.full_name)
                            .join(HousingCase, HousingCase.id == RetentionHold.case_id)
                            .join(Officer, Officer.id == RetentionHold.recorded_by_id)
                            .where(RetentionHold.ends_on >= clock.today())
                            .order_by(RetentionHold.ends_on)).all()
    return [HoldRow(ref, h.kind, h.reason, h.ends_on, name) for h, ref, name in rows]


def tombstones(viewer_id: int, limit: int = 50) -> list[RetentionTombstone]:
    """The latest records removed, with what each was removed under."""
    with Session(engine_for()) as session:
        _manager(session, viewer_id)
        return list(session.exec(select(RetentionTombstone).order_by(
            RetentionTombstone.removed_at.desc(), RetentionTombstone.id.desc()).limit(limit)))
