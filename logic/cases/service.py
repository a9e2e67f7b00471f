"""Opening, reading and changing cases. Every change carries the version the officer saw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from logic.common import limits
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import claim_case_version, record_audit, record_case_event, record_view
from logic.db import session_scope
from logic.front_door.households import next_id
from logic.models import (
    CaseEvent,
    CaseStatus,
    CaseType,
    Household,
    HousingCase,
    Note,
    Officer,
    Person,
    Role,
    utc_now,
)
from logic.workload.allocation import may_act_on_case

# The form's labels, so a refused answer is named as the officer saw it:
# pages/case_record.py.
FIELD_LABELS: dict[str, str] = {
    "note": "New note",
    "reason": "Reason",
    "case_type": "Type of case",
    "case": "Case",
    "to_officer_id": "Reassign to",
    "assigned_officer_id": "Officer",
    "corrects_note_id": "Note being corrected",
}

limits.name_fields("note", {"body": FIELD_LABELS["note"]})
limits.name_fields("case_event", {"reason": FIELD_LABELS["reason"]})

CASE_PREFIX = {CaseType.advice: "AD", CaseType.homelessness: "HL", CaseType.register: "HR"}
FIRST_STAGE = {CaseType.advice: "advice", CaseType.homelessness: "assessment", CaseType.register: "application"}
TEAM_ROLES = {Role.senior, Role.manager}


@dataclass(frozen=True)
class PersonView:
    id: int
    relation: str
    name: str
    dob: date
    sex: str
    pregnant: bool
    left_on: date | None


@dataclass(frozen=True)
class EventView:
    occurred_at: datetime
    actor: str
    kind: str
    summary: str
    reason: str | None


@dataclass(frozen=True)
class NoteView:
    id: int
    written_at: datetime
    author: str
    body: str
    corrects_note_id: int | None


@dataclass(frozen=True)
class CaseRecord:
    id: int
    reference: str
    case_type: str
    status: str
    stage: str
    version: int
    opened_at: datetime
    closed_at: datetime | None
    closed_reason: str | None
    assigned_officer_id: int | None
    assigned_officer: str | None
    household_id: int
    household_reference: str
    address: str
    phone: str | None
    email: str | None
    people: list[PersonView]
    events: list[EventView]
    notes: list[NoteView]

    @property
    def applicant(self) -> PersonView:
        return next(p for p in self.people if p.relation == "applicant")


def _officer(session: Session, officer_id: int) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        raise PermissionDenied("Your account is not active.")
    return officer


def _check_case_holder(session: Session, officer_id: int, field: str = "assigned_officer_id") -> Officer:
    # cases.assigned_officer_id has no foreign key (see logic.models), so the check is here
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        raise FieldError(field, "choose an active officer", FIELD_LABELS)
    if officer.role == Role.admin:
        raise FieldError(field, "an administrator account does not hold cases", FIELD_LABELS)
    return officer


def may_see_case(officer: Officer, case: HousingCase) -> bool:
    """Trainees see real records only for the cases allocated to them; officers see all cases."""
    if officer.role == Role.trainee:
        return case.assigned_officer_id == officer.id
    return officer.role != Role.admin


def may_hold_cases(officer: Actor) -> Permission:
    """An administrator's account manages accounts; it never holds a caseload."""
    if officer.role == Role.admin:
        return refused("An administrator account does not hold cases.")
    return allowed("Officers hold cases: their own caseload is theirs to work.")


def may_oversee_team(officer: Actor) -> Permission:
    """Seniors and managers look after the team's cases as well as their own."""
    if officer.role in TEAM_ROLES:
        return allowed("A senior officer or a manager oversees the team's cases.")
    return refused("Only a senior officer or a manager sees the whole team's cases.")


def may_reassign(officer: Actor) -> Permission:
    """Moving a case between officers balances the team's work: a team lead's decision."""
    if officer.role in TEAM_ROLES:
        return allowed("A senior officer or a manager reassigns cases, giving the reason.")
    return refused("Only a senior officer or a manager can reassign cases.")


def _case_for(session: Session, officer: Officer, case_id: int) -> HousingCase:
    case = session.get(HousingCase, case_id)
    if case is None:
        raise NotFound(f"Case {case_id} does not exist.")
    if not may_see_case(officer, case):
        # the refused transaction rolls back, so the refusal is recorded in a unit of its own
        with session_scope() as audit_session:
            record_audit(audit_session, actor_id=officer.id, action="view_refused", entity="case", entity_id=case_id)
        raise PermissionDenied("This case is not allocated to you, so you cannot open it.")
    return case


def case_id_for_reference(reference: str) -> int:
    with session_scope() as session:
        case_id = session.exec(
            select(HousingCase.id).where(HousingCase.reference == reference.strip().upper())
        ).first()
    if case_id is None:
        raise NotFound(f"No case has the reference {reference!r}.")
    return case_id


def record_open_cases_view(*, viewer_id: int, opening: str | None = None) -> None:
    """The team's list of every open case names every applicant: opening it is recorded, once an
    opening of the screen (logic/common/recording.py record_view), whatever filters are then
    chosen on it."""
    with session_scope() as session:
        _officer(session, viewer_id)
        record_view(session, actor_id=viewer_id, entity="open_cases", opening=opening)


def open_case(
    session: Session,
    *,
    actor_id: int,
    household_id: int,
    case_type: str,
    reason: str,
    assigned_officer_id: int | None = None,
) -> HousingCase:
    """Inside a caller's transaction: intake opens a case with its contact in one unit of work."""
    try:
        kind = CaseType(case_type)
    except ValueError:
        raise FieldError("case_type", "choose advice, homelessness or register",
                         FIELD_LABELS) from None
    if session.get(Household, household_id) is None:
        raise NotFound(f"Household {household_id} does not exist.")
    if assigned_officer_id is not None:
        _check_case_holder(session, assigned_officer_id)
    case_id = next_id(session, "cases_id_seq")
    case = HousingCase(
        id=case_id,
        reference=f"{CASE_PREFIX[kind]}-{case_id:06d}",
        household_id=household_id,
        case_type=kind.value,
        stage=FIRST_STAGE[kind],
        assigned_officer_id=assigned_officer_id,
    )
    session.add(case)
    session.flush()
    record_case_event(
        session, case_id=case_id, actor_id=actor_id, kind="case_opened",
        summary=f"{kind.value.capitalize()} case opened", reason=reason,
    )
    record_audit(session, actor_id=actor_id, action="create", entity="case", entity_id=case_id)
    return case


def open_case_record(*, case_id: int, viewer_id: int, opening: str | None = None) -> CaseRecord:
    """Everything an officer sees on the case page; the opening itself is audited, once an
    opening of the screen (`opening`: logic/common/recording.py record_view), not once a rerun."""
    with session_scope() as session:
        viewer = _officer(session, viewer_id)
        case = _case_for(session, viewer, case_id)
        household = session.get(Household, case.household_id)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        people = session.exec(
            select(Person).where(Person.household_id == household.id).order_by(Person.id)
        ).all()
        events = session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc())
        ).all()
        notes = session.exec(
            select(Note).where(Note.case_id == case_id).order_by(Note.written_at.desc(), Note.id.desc())
        ).all()
        record_view(session, actor_id=viewer_id, entity="case", entity_id=case_id, opening=opening)
        address = ", ".join(
            part for part in (household.address_line1, household.address_line2, household.town, household.postcode) if part
        )
        return CaseRecord(
            id=case.id, reference=case.reference, case_type=case.case_type, status=case.status,
            stage=case.stage, version=case.version, opened_at=case.opened_at, closed_at=case.closed_at,
            closed_reason=case.closed_reason, assigned_officer_id=case.assigned_officer_id,
            assigned_officer=names.get(case.assigned_officer_id), household_id=household.id,
            household_reference=household.reference, address=address or "No fixed address recorded",
            phone=household.phone, email=household.email,
            people=[
                PersonView(p.id, p.relation, f"{p.given_name} {p.family_name}", p.dob, p.sex, p.pregnant, p.left_on)
                for p in people
            ],
            events=[EventView(e.occurred_at, names.get(e.actor_id, "?"), e.kind, e.summary, e.reason) for e in events],
            notes=[NoteView(n.id, n.written_at, names.get(n.author_id, "?"), n.body, n.corrects_note_id) for n in notes],
        )


def add_note(
    *, case_id: int, expected_version: int, author_id: int, body: str, corrects_note_id: int | None = None
) -> int:
    """A note is never edited: a correction is a new note that names the one it corrects."""
    body = body.strip()
    if not body:
        raise FieldError("note", "write the note before saving it", FIELD_LABELS)
    if len(body) > limits.FREE_TEXT_LIMIT:
        raise FieldError("note", f"is longer than {limits.FREE_TEXT_LIMIT:,} characters; split it into several notes",
                         FIELD_LABELS)
    with session_scope() as session:
        author = _officer(session, author_id)
        case = _case_for(session, author, case_id)
        if corrects_note_id is not None:
            corrected = session.get(Note, corrects_note_id)
            if corrected is None or corrected.case_id != case.id:
                raise FieldError("corrects_note_id", "the note being corrected is not on this case",
                                 FIELD_LABELS)
        claim_case_version(session, case_id=case_id, expected_version=expected_version)
        note = Note(case_id=case_id, author_id=author_id, body=body, corrects_note_id=corrects_note_id)
        session.add(note)
        session.flush()
        record_case_event(
            session, case_id=case_id, actor_id=author_id, kind="note_added",
            summary=f"Note {note.id} added" + (f", correcting note {corrects_note_id}" if corrects_note_id else ""),
        )
        record_audit(session, actor_id=author_id, action="update", entity="case", entity_id=case_id, detail="note added")
        return note.id


def reassign_case(
    *, case_id: int, expected_version: int, actor_id: int, to_officer_id: int, reason: str
) -> None:
    """Seniors and managers move a case between officers; the reason goes on the case."""
    if not reason.strip():
        raise FieldError("reason", "say why the case is being reassigned", FIELD_LABELS)
    with session_scope() as session:
        actor = _officer(session, actor_id)
        may_reassign(actor).require()
        case = _case_for(session, actor, case_id)
        target = _check_case_holder(session, to_officer_id, field="to_officer_id")
        if case.status != CaseStatus.open:
            raise FieldError("case", "a closed case is not reassigned", FIELD_LABELS)
        if case.assigned_officer_id == to_officer_id:
            raise FieldError("to_officer_id", f"the case is already with {target.full_name}",
                             FIELD_LABELS)
        # the same competency gate allocation applies: a trainee takes only what their level covers
        gate = may_act_on_case(session, target, case)
        if not gate:
            raise FieldError("to_officer_id", f"{target.full_name} cannot take this case: {gate.reason}",
                             FIELD_LABELS)
        before = case.assigned_officer_id
        claim_case_version(session, case_id=case_id, expected_version=expected_version,
                           values={"assigned_officer_id": to_officer_id})
        record_case_event(
            session, case_id=case_id, actor_id=actor_id, kind="reassigned",
            summary=f"Case reassigned to {target.full_name}", reason=reason.strip(),
            changes={"assigned_officer_id": (before, to_officer_id)},
        )
        record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case_id, detail="reassigned")


def close_case(*, case_id: int, expected_version: int, actor_id: int, reason: str) -> None:
    if not reason.strip():
        raise FieldError("reason", "say why the case is being closed", FIELD_LABELS)
    with session_scope() as session:
        actor = _officer(session, actor_id)
        case = _case_for(session, actor, case_id)
        if case.status == CaseStatus.closed:
            raise FieldError("case", "the case is already closed", FIELD_LABELS)
        if case.case_type == CaseType.homelessness.value:
            # casework depends on cases, so its rule is asked for here, not imported above
            from logic.casework.service import check_closing
            check_closing(session, case)
        claim_case_version(
            session, case_id=case_id, expected_version=expected_version,
            values={"status": CaseStatus.closed.value, "closed_at": utc_now(), "closed_reason": reason.strip()[:200]},
        )
        record_case_event(
            session, case_id=case_id, actor_id=actor_id, kind="case_closed", summary="Case closed",
            reason=reason.strip(), changes={"status": (case.status, CaseStatus.closed.value)},
        )
        record_audit(session, actor_id=actor_id, action="update", entity="case", entity_id=case_id, detail="closed")
