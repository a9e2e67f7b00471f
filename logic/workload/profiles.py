"""Officer profiles: hours, absences (leave, sickness, training) and trainees' competency.

Who may do what:
- an officer records and cancels their own absences; a manager anyone's;
- a manager sets an officer's contracted hours and a trainee's competency level;
- an officer sees their own profile; seniors and managers see anyone's.

Absences are never deleted: one entered in error is cancelled with a reason. A competency
level is a new dated `competency_record` row; the officer's current level is kept on the
officer row as well (the allocation gates read it there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from logic import clock
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit
from logic.db import session_scope
from logic.models import Officer, Role, utc_now
from logic.models.workload import CompetencyRecord, OfficerAbsence
from logic.workload.policy import workload_policy_as_at
from logic.workload.rules import ABSENCE_KINDS, Competency, capacity, competency, fte

# The form's labels, so a refused answer is named as the officer saw it:
# pages/officer_profile.py.
FIELD_LABELS: dict[str, str] = {
    "actor_id": "Signed-in officer",
    "officer_id": "Officer",
    "kind": "Kind",
    "starts_on": "First day away",
    "ends_on": "Last day away",
    "note": "Note",
    "reason": "Reason",
    "absence": "Absence",
    "hours_per_week": "Hours a week",
    "since": "Since",
    "level": "Level",
}

MAX_ABSENCE_DAYS = 366
VIEWING_ROLES = {Role.senior, Role.manager}


@dataclass(frozen=True)
class AbsenceView:
    id: int
    kind: str
    starts_on: date
    ends_on: date
    note: str | None
    cancelled: bool
    cancel_reason: str | None


@dataclass(frozen=True)
class CompetencyView:
    level: str
    since: date
    reason: str
    recorded_by: str


@dataclass(frozen=True)
class OfficerProfile:
    officer_id: int
    full_name: str
    role: str
    team: str
    hours_per_week: float
    fte: float
    capacity: float
    started_on: date | None
    competency: Competency
    recorded_level: str | None
    recorded_since: date | None
    absences: list[AbsenceView]
    competency_history: list[CompetencyView]

    @property
    def has_competency_level(self) -> bool:
        """Competency levels (workload.toml levels) gate trainees only; others pass every gate."""
        return self.role == Role.trainee


def _active(session: Session, officer_id: int, field: str = "actor_id") -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFound(f"Officer {officer_id} does not exist.")
    if not officer.active:
        if field == "actor_id":
            raise PermissionDenied("Your account is not active.")
        raise FieldError(field, f"{officer.full_name}'s account is not active", FIELD_LABELS)
    return officer


def may_open_others_profiles(viewer: Actor) -> Permission:
    if viewer.role in VIEWING_ROLES:
        return allowed("A senior officer or a manager opens any officer's profile.")
    return refused("You can open only your own profile.")


def may_open_profile(viewer: Actor, officer_id: int) -> Permission:
    if viewer.id == officer_id:
        return allowed("Everyone opens their own profile.")
    return may_open_others_profiles(viewer)


def may_record_absences(actor: Actor, officer_id: int) -> Permission:
    """Whose absences `actor` books and cancels: their own; a manager, anyone's."""
    if actor.id == officer_id:
        return allowed("Everyone records their own absences.")
    if actor.role == Role.manager:
        return allowed("A manager records anyone's absences.")
    return refused("You can record only your own absences; a manager records anyone's.")


def may_change_hours(actor: Actor) -> Permission:
    """Contracted hours set capacity, and so the share of new cases: a manager's decision."""
    if actor.role != Role.manager:
        return refused("Only a manager can change an officer's hours.")
    return allowed("A manager sets officers' contracted hours.")


def may_set_competency(actor: Actor, subject_role: str | None = None) -> Permission:
    """A manager records a trainee's level; with `subject_role`, also whether the officer is one."""
    if actor.role != Role.manager:
        return refused("Only a manager can set a trainee's competency level.")
    if subject_role is not None and subject_role != Role.trainee:
        return refused("Competency levels apply to trainees only.")
    return allowed("A manager records a trainee's competency level, with what it rests on.")


def _may_edit_absences(actor: Officer, officer_id: int) -> None:
    may_record_absences(actor, officer_id).require()


def officer_profile(*, viewer_id: int, officer_id: int, today: date | None = None) -> OfficerProfile:
    today = today or clock.today()
    with session_scope() as session:
        viewer = _active(session, viewer_id)
        may_open_profile(viewer, officer_id).require()
        officer = session.get(Officer, officer_id)
        if officer is None:
            raise NotFound(f"Officer {officer_id} does not exist.")
        policy = workload_policy_as_at(today)
        names = {o.id: o.full_name for o in session.exec(select(Officer)).all()}
        absences = session.exec(
            select(OfficerAbsence).where(OfficerAbsence.officer_id == officer_id)
            .order_by(OfficerAbsence.starts_on.desc(), OfficerAbsence.id.desc())).all()
        history = session.exec(
            select(CompetencyRecord).where(CompetencyRecord.officer_id == officer_id)
            .order_by(CompetencyRecord.since.desc(), CompetencyRecord.id.desc())).all()
        return OfficerProfile(
            officer_id=officer.id, full_name=officer.full_name, role=officer.role, team=officer.team,
            hours_per_week=officer.hours_per_week, fte=round(fte(officer.hours_per_week, policy), 3),
            capacity=round(capacity(officer.hours_per_week, policy), 1), started_on=officer.started_on,
            competency=competency(officer.role, officer.started_on, officer.competency_level, today, policy),
            recorded_level=officer.competency_level, recorded_since=officer.competency_since,
            absences=[AbsenceView(a.id, a.kind, a.starts_on, a.ends_on, a.note, a.cancelled_at is not None,
                                  a.cancel_reason) for a in absences],
            competency_history=[CompetencyView(c.level, c.since, c.reason, names.get(c.recorded_by_id, "?"))
                                for c in history],
        )


def record_absence(*, actor_id: int, officer_id: int, kind: str, starts_on: date | None,
                   ends_on: date | None, note: str = "") -> int:
    """Book leave, sickness or training (dates inclusive); overlapping bookings are refused."""
    if kind not in ABSENCE_KINDS:
        raise FieldError("kind", f"choose {', '.join(ABSENCE_KINDS)}", FIELD_LABELS)
    if starts_on is None:
        raise FieldError("starts_on", "give the first day away", FIELD_LABELS)
    if ends_on is None:
        raise FieldError("ends_on", "give the last day away", FIELD_LABELS)
    if ends_on < starts_on:
        raise FieldError("ends_on", "is before the first day away", FIELD_LABELS)
    if (ends_on - starts_on).days + 1 > MAX_ABSENCE_DAYS:
        raise FieldError("ends_on", f"an absence is at most {MAX_ABSENCE_DAYS} days; book a "
                                      "longer one in parts", FIELD_LABELS)
    note = (note or "").strip()
    if len(note) > 200:
        raise FieldError("note", "is longer than 200 characters", FIELD_LABELS)
    with session_scope() as session:
        actor = _active(session, actor_id)
        _may_edit_absences(actor, officer_id)
        officer = _active(session, officer_id, field="officer_id")
        clash = session.exec(select(OfficerAbsence).where(
            OfficerAbsence.officer_id == officer_id, OfficerAbsence.cancelled_at.is_(None),
            OfficerAbsence.starts_on <= ends_on, OfficerAbsence.ends_on >= starts_on)).first()
        if clash is not None:
            raise FieldError("starts_on", f"overlaps {officer.full_name}'s {clash.kind} from "
                                            f"{clash.starts_on:%d %b %Y} to {clash.ends_on:%d %b %Y}; "
                                            "cancel that booking first or choose other dates",
                                            FIELD_LABELS)
        absence = OfficerAbsence(officer_id=officer_id, kind=kind, starts_on=starts_on,
                                 ends_on=ends_on, note=note or None, recorded_by_id=actor.id)
        session.add(absence)
        session.flush()
        record_audit(session, actor_id=actor.id, action="create", entity="officer_absence",
                     entity_id=absence.id,
                     detail=f"{kind} for officer {officer_id}, {starts_on.isoformat()} to {ends_on.isoformat()}")
        return absence.id


def cancel_absence(*, actor_id: int, absence_id: int, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "say why the absence is cancelled", FIELD_LABELS)
    with session_scope() as session:
        actor = _active(session, actor_id)
        absence = session.get(OfficerAbsence, absence_id)
        if absence is None:
            raise NotFound(f"Absence {absence_id} does not exist.")
        _may_edit_absences(actor, absence.officer_id)
        if absence.cancelled_at is not None:
            raise FieldError("absence", "is already cancelled", FIELD_LABELS)
        absence.cancelled_at = utc_now()
        absence.cancelled_by_id = actor.id
        absence.cancel_reason = reason
        session.add(absence)
        record_audit(session, actor_id=actor.id, action="update", entity="officer_absence",
                     entity_id=absence.id, detail=f"cancelled: {reason}")


def set_hours(*, actor_id: int, officer_id: int, hours_per_week: float, reason: str) -> None:
    """A manager records a change of contracted hours (full or part time)."""
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "say why the hours change (e.g. flexible working request)",
                         FIELD_LABELS)
    if not 0 < float(hours_per_week) <= 48:
        raise FieldError("hours_per_week", "must be more than 0 and at most 48 (Working Time "
                                             "Regulations 1998 reg.4)", FIELD_LABELS)
    with session_scope() as session:
        actor = _active(session, actor_id)
        may_change_hours(actor).require()
        officer = _active(session, officer_id, field="officer_id")
        before = officer.hours_per_week
        officer.hours_per_week = float(hours_per_week)
        officer.version += 1
        session.add(officer)
        record_audit(session, actor_id=actor.id, action="update", entity="officer",
                     entity_id=officer.id, detail=f"hours {before:g} -> {float(hours_per_week):g}: {reason}")


def set_competency(*, actor_id: int, officer_id: int, level: str, since: date | None,
                   reason: str, today: date | None = None) -> None:
    """A manager records a trainee's competency level from a date.

    Refused when the trainee's months in post on that date do not reach the level's minimum:
    the months are the hard gate (the council's policy), the level can only hold back.
    """
    today = today or clock.today()
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "say what the level rests on (e.g. sign-off by the senior)",
                         FIELD_LABELS)
    if since is None:
        raise FieldError("since", "give the date the level applies from", FIELD_LABELS)
    if since > today:
        raise FieldError("since", "cannot be in the future", FIELD_LABELS)
    policy = workload_policy_as_at(since)
    try:
        chosen = policy.level(level)
    except KeyError:
        raise FieldError("level", f"choose one of {', '.join(lv.code for lv in policy.levels)}",
                         FIELD_LABELS) from None
    with session_scope() as session:
        actor = _active(session, actor_id)
        may_set_competency(actor).require()
        officer = _active(session, officer_id, field="officer_id")
        if officer.role != Role.trainee:
            raise FieldError("officer_id", f"{officer.full_name} is not a trainee; competency "
                                             "levels apply to trainees only", FIELD_LABELS)
        if officer.started_on is None:
            raise FieldError("officer_id", f"{officer.full_name} has no start date; an "
                                             "administrator records it first", FIELD_LABELS)
        if since < officer.started_on:
            raise FieldError("since", "is before the trainee started", FIELD_LABELS)
        months = competency(officer.role, officer.started_on, None, since, policy).months_in_post
        if months is not None and months < chosen.min_months:
            raise FieldError("level", f"'{chosen.label}' needs {chosen.min_months} months in post "
                                      f"({policy.cite(chosen)}); {officer.full_name} has "
                                      f"{months} on {since:%d %b %Y}", FIELD_LABELS)
        session.add(CompetencyRecord(officer_id=officer.id, level=chosen.code, since=since,
                                     reason=reason, recorded_by_id=actor.id, recorded_at=utc_now()))
        before = officer.competency_level
        officer.competency_level = chosen.code
        officer.competency_since = since
        officer.version += 1
        session.add(officer)
        record_audit(session, actor_id=actor.id, action="update", entity="officer",
                     entity_id=officer.id, detail=f"competency {before} -> {chosen.code} from {since.isoformat()}")
