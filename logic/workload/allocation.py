"""Allocating new cases and reallocating an absent officer's cases, with the reasons on record.

The ranking itself is pure (`logic.workload.rules.rank_officers`); this module gathers its inputs in
one transaction (officers, their weighted loads, absences, who knows the household), and writes
the result: every allocation and reallocation is a case event naming the officer chosen and
why, plus an audit row, claimed against the version of the case the manager saw.

Competency gates are enforced here too, so a trainee cannot be given a case their level does
not allow even by choosing them by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from logic import clock
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Permission
from logic.common.recording import claim_case_version, record_audit, record_case_event
from logic.db import session_scope
from logic.models import CaseStatus, HousingCase, Officer, Role
from logic.models.workload import OfficerAbsence
from logic.workload import views as views_workload
from logic.workload.policy import workload_policy_as_at
from logic.workload.rules import (
    Absence,
    Candidate,
    CaseToPlace,
    Suggestion,
    case_weight,
    may_act,
    rank_officers,
)

# The form's labels, so a refused answer is named as the officer saw it:
# pages/allocation.py.
FIELD_LABELS: dict[str, str] = {
    "case": "Case to allocate",
    "expected_stage": "Duty triage expects",
    "to_officer_id": "Allocate to",
    "reason": "Reason",
    "starts_on": "From",
    "ends_on": "To (last day away)",
    "moves": "Cases to move",
}

ALLOCATING_ROLES = {Role.senior, Role.manager}
EXPECTED_STAGES = ("prevention", "relief")  # the duty triage expects, for a case at assessment


@dataclass(frozen=True)
class Proposal:
    case_id: int
    reference: str
    version: int
    case_type: str
    stage: str  # the stage the gates and weight used (the expected duty when one was given)
    weight: float
    weight_reasons: tuple[str, ...]
    suggestions: list[Suggestion]

    @property
    def best(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.eligible), None)


@dataclass(frozen=True)
class Move:
    case_id: int
    reference: str
    version: int
    case_type: str
    stage: str
    weight: float
    to_officer_id: int | None  # None: nobody eligible; the case stays where it is
    to_officer: str | None
    reason: str


def _actor(session: Session, actor_id: int) -> Officer:
    actor = session.get(Officer, actor_id)
    if actor is None or not actor.active:
        raise PermissionDenied("Your account is not active.")
    if actor.role not in ALLOCATING_ROLES:
        raise PermissionDenied("Only a senior officer or a manager allocates cases.")
    return actor


def _case(session: Session, case_id: int) -> HousingCase:
    case = session.get(HousingCase, case_id)
    if case is None:
        raise NotFound(f"Case {case_id} does not exist.")
    if case.status != CaseStatus.open:
        raise FieldError("case", f"{case.reference} is closed; only open cases are allocated",
                         FIELD_LABELS)
    return case


def _stage_for_gate(case: HousingCase, expected_stage: str | None) -> str:
    if not expected_stage:
        return case.stage
    if case.case_type != "homelessness" or case.stage != "assessment":
        raise FieldError("expected_stage", "is only for a homelessness case still at assessment",
                         FIELD_LABELS)
    if expected_stage not in EXPECTED_STAGES:
        raise FieldError("expected_stage", f"choose {' or '.join(EXPECTED_STAGES)}", FIELD_LABELS)
    return expected_stage


def _markers(session: Session, case_id: int, on: date) -> frozenset[str]:
    policy = workload_policy_as_at(on)
    markers = views_workload.case_markers(session.connection(), policy, on, case_id=case_id)
    return frozenset(markers["marker"])


def may_act_on_case(session: Session, officer: Officer, case: HousingCase,
                    stages: tuple[str, ...] | None = None, on: date | None = None) -> Permission:
    """Whether this officer may act on this case at its stage (or at ``stages``: the stage it is
    at and the one the act leads to), with the reason and the policy paragraph: the one
    competency gate (``logic.workload.rules.may_act``) read against the case's markers."""
    on = on or clock.today()
    if officer.role != Role.trainee:  # nothing to read: the gate is for trainees
        return may_act(officer.role, None, None, case.case_type, (), (), on, workload_policy_as_at(on))
    return may_act(officer.role, officer.started_on, officer.competency_level, case.case_type,
                   stages or (case.stage,), _markers(session, case.id, on), on,
                   workload_policy_as_at(on))


def _candidates(session: Session, on: date, household_id: int | None,
                exclude: int | None = None) -> list[Candidate]:
    connection = session.connection()
    staff = session.exec(select(Officer).where(Officer.active, Officer.role != Role.admin)).all()
    loads = views_workload.open_load(on, connection=connection)
    by_officer = loads.groupby("officer_id").agg(points=("points", "sum"), cases=("open_cases", "sum"))
    absences: dict[int, list[Absence]] = {}
    for row in session.exec(select(OfficerAbsence).where(OfficerAbsence.cancelled_at.is_(None),
                                                          OfficerAbsence.ends_on >= on)).all():
        absences.setdefault(row.officer_id, []).append(Absence(row.kind, row.starts_on, row.ends_on))
    known: dict[int, str] = {}
    if household_id is not None:
        frame = views_workload.household_officers(household_id, connection)
        for officer_id, reference in frame[["officer_id", "reference"]].itertuples(index=False):
            known.setdefault(int(officer_id), reference)
    return [
        Candidate(
            officer_id=o.id, full_name=o.full_name, role=o.role, hours_per_week=o.hours_per_week,
            weighted_load=float(by_officer["points"].get(o.id, 0.0)),
            open_cases=int(by_officer["cases"].get(o.id, 0)), active=o.active,
            started_on=o.started_on, competency_level=o.competency_level,
            absences=tuple(absences.get(o.id, ())), knows_household=known.get(o.id),
        )
        for o in staff if o.id != exclude
    ]


def _proposal(session: Session, case: HousingCase, on: date, expected_stage: str | None
              ) -> Proposal:
    stage = _stage_for_gate(case, expected_stage)
    markers = _markers(session, case.id, on)
    policy = workload_policy_as_at(on)
    weight = case_weight(case.case_type, stage, markers, policy)
    place = CaseToPlace(case.case_type, stage, markers, case.household_id)
    candidates = _candidates(session, on, case.household_id, exclude=case.assigned_officer_id)
    return Proposal(case.id, case.reference, case.version, case.case_type, stage, weight.points,
                    weight.reasons, rank_officers(place, candidates, on, policy))


def suggest_officers(*, actor_id: int, case_id: int, today: date | None = None,
                     expected_stage: str | None = None) -> Proposal:
    """The ranked officers for a case, with the reasons for each place (nothing is written)."""
    today = today or clock.today()
    with session_scope() as session:
        _actor(session, actor_id)
        return _proposal(session, _case(session, case_id), today, expected_stage)


def allocate_case(*, actor_id: int, case_id: int, expected_version: int, to_officer_id: int,
                  reason: str = "", today: date | None = None,
                  expected_stage: str | None = None) -> Suggestion:
    """Give an unallocated case to an officer. Choosing anyone but the first-ranked officer
    needs a reason; a gated or absent officer is refused. Returns the chosen suggestion."""
    today = today or clock.today()
    reason = (reason or "").strip()
    with session_scope() as session:
        actor = _actor(session, actor_id)
        case = _case(session, case_id)
        if case.assigned_officer_id is not None:
            holder = session.get(Officer, case.assigned_officer_id)
            raise FieldError("case", f"{case.reference} is already with "
                                       f"{holder.full_name if holder else 'an officer'}; "
                                       "reassign it from the case record instead", FIELD_LABELS)
        proposal = _proposal(session, case, today, expected_stage)
        chosen = next((s for s in proposal.suggestions if s.officer_id == to_officer_id), None)
        if chosen is None:
            raise FieldError("to_officer_id", "choose an active officer who holds cases",
                             FIELD_LABELS)
        if not chosen.eligible:
            raise FieldError("to_officer_id", f"{chosen.full_name} cannot take this case: "
                                                f"{chosen.explanation}", FIELD_LABELS)
        best = proposal.best
        if best is not None and best.officer_id != chosen.officer_id and not reason:
            raise FieldError("reason", f"say why {chosen.full_name} rather than "
                                         f"{best.full_name}, who is ranked first", FIELD_LABELS)
        claim_case_version(session, case_id=case.id, expected_version=expected_version,
                           values={"assigned_officer_id": chosen.officer_id})
        expected = (f" Expected duty: {proposal.stage.replace('_', ' ')}."
                    if proposal.stage != case.stage else "")
        record_case_event(
            session, case_id=case.id, actor_id=actor.id, kind="allocated",
            summary=f"Case allocated to {chosen.full_name} (ranked {chosen.rank} of "
                    f"{sum(s.eligible for s in proposal.suggestions)})",
            reason=((reason + " ") if reason else "") + chosen.explanation + expected,
            changes={"assigned_officer_id": (None, chosen.officer_id)},
        )
        record_audit(session, actor_id=actor.id, action="update", entity="case",
                     entity_id=case.id, detail=f"allocated to officer {chosen.officer_id}")
        return chosen


def _check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise FieldError("ends_on", "must be on or after the first day of the period", FIELD_LABELS)
    if (ends_on - starts_on).days > 366:
        raise FieldError("ends_on", "a reallocation period is at most a year", FIELD_LABELS)


def propose_reallocation(*, actor_id: int, from_officer_id: int, starts_on: date, ends_on: date
                         ) -> list[Move]:
    """Where each of an absent officer's open cases would go, heaviest first, each to the
    best-ranked eligible officer over the period (loads updated as cases are placed)."""
    _check_period(starts_on, ends_on)
    with session_scope() as session:
        _actor(session, actor_id)
        return _plan(session, from_officer_id, starts_on, ends_on)


def _plan(session: Session, from_officer_id: int, starts_on: date, ends_on: date) -> list[Move]:
    absent = session.get(Officer, from_officer_id)
    if absent is None:
        raise NotFound(f"Officer {from_officer_id} does not exist.")
    policy = workload_policy_as_at(starts_on)
    connection = session.connection()
    cases = views_workload.weighted_open_cases(starts_on, officer_ids=[from_officer_id],
                                               connection=connection)
    cases = cases.sort_values(["points", "case_id"], ascending=[False, True])
    candidates = {c.officer_id: c for c in _candidates(session, starts_on, None, exclude=from_officer_id)}
    period = f"{absent.full_name} is away {starts_on:%d %b %Y} to {ends_on:%d %b %Y}"
    moves: list[Move] = []
    known_by_household: dict[int, dict[int, str]] = {}
    for household_id, officer_id, reference in views_workload.households_officers_of_holder(
            from_officer_id, connection)[["household_id", "officer_id", "reference"]].itertuples(index=False):
        known_by_household.setdefault(int(household_id), {})[int(officer_id)] = reference
    for row in cases.itertuples(index=False):
        knows = known_by_household.get(int(row.household_id), {})
        pool = [Candidate(**{**c.__dict__, "knows_household": knows.get(c.officer_id)})
                for c in candidates.values()]
        place = CaseToPlace(row.case_type, row.stage, frozenset(row.markers), int(row.household_id))
        ranked = rank_officers(place, pool, starts_on, policy, window_start=starts_on,
                               window_end=ends_on)
        best = next((s for s in ranked if s.eligible), None)
        if best is None:
            moves.append(Move(int(row.case_id), row.reference, int(row.version), row.case_type,
                              row.stage, float(row.points), None, None,
                              "Nobody eligible is available over the period; the case stays."))
            continue
        target = candidates[best.officer_id]
        candidates[best.officer_id] = Candidate(**{**target.__dict__,
                                                   "weighted_load": target.weighted_load + row.points,
                                                   "open_cases": target.open_cases + 1})
        moves.append(Move(int(row.case_id), row.reference, int(row.version), row.case_type,
                          row.stage, float(row.points), best.officer_id, best.full_name,
                          f"{period}. {best.explanation}"))
    return moves


def reallocate_cases(*, actor_id: int, from_officer_id: int, starts_on: date, ends_on: date,
                     reason: str, moves: Sequence[tuple[int, int, int]]) -> int:
    """Move an absent officer's cases as proposed: moves are (case_id, version seen, officer).

    All or nothing: one transaction, each move checked again (still with the absent officer,
    unchanged since proposed, target still eligible), each a `reassigned` case event with the
    reason. Returns the number of cases moved.
    """
    reason = (reason or "").strip()
    if not reason:
        raise FieldError("reason", "say why the cases are being moved (e.g. long-term sickness)",
                         FIELD_LABELS)
    _check_period(starts_on, ends_on)
    if not moves:
        raise FieldError("moves", "there are no cases to move", FIELD_LABELS)
    with session_scope() as session:
        actor = _actor(session, actor_id)
        plan = {m.case_id: m for m in _plan(session, from_officer_id, starts_on, ends_on)}
        policy = workload_policy_as_at(starts_on)
        connection = session.connection()
        pool = {c.officer_id: c for c in _candidates(session, starts_on, None, exclude=from_officer_id)}
        names = {c.officer_id: c.full_name for c in pool.values()}
        for case_id, expected_version, to_officer_id in moves:
            case = _case(session, case_id)
            if case.assigned_officer_id != from_officer_id:
                raise FieldError("moves", f"{case.reference} is no longer with the absent officer; "
                                            "propose the reallocation again", FIELD_LABELS)
            if to_officer_id not in pool:
                raise FieldError("moves", f"{case.reference}: choose an active officer who holds cases",
                                 FIELD_LABELS)
            known = views_workload.household_officers(case.household_id, connection)
            knows = dict(zip(known["officer_id"].astype(int), known["reference"], strict=True))
            candidate = Candidate(**{**pool[to_officer_id].__dict__,
                                     "knows_household": knows.get(to_officer_id)})
            markers = _markers(session, case.id, starts_on)
            ranked = rank_officers(CaseToPlace(case.case_type, case.stage, markers, case.household_id),
                                   [candidate], starts_on, policy, window_start=starts_on,
                                   window_end=ends_on)
            if not ranked[0].eligible:
                raise FieldError("moves", f"{case.reference}: {names[to_officer_id]} cannot take "
                                            f"it: {ranked[0].explanation}", FIELD_LABELS)
            claim_case_version(session, case_id=case.id, expected_version=expected_version,
                               values={"assigned_officer_id": to_officer_id})
            proposed = plan.get(case.id)
            why = (proposed.reason if proposed and proposed.to_officer_id == to_officer_id
                   else f"Chosen by hand over the suggestion. {ranked[0].explanation}")
            record_case_event(
                session, case_id=case.id, actor_id=actor.id, kind="reassigned",
                summary=f"Case reassigned to {names[to_officer_id]} while its officer is away",
                reason=f"{reason} {why}",
                changes={"assigned_officer_id": (from_officer_id, to_officer_id)},
            )
            record_audit(session, actor_id=actor.id, action="update", entity="case",
                         entity_id=case.id, detail="reallocated (absence)")
        record_audit(session, actor_id=actor.id, action="bulk_reallocate", entity="officer",
                     entity_id=from_officer_id,
                     detail=f"{len(moves)} cases, {starts_on.isoformat()} to {ends_on.isoformat()}")
        return len(moves)
