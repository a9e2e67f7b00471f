"""Demo rows for the workload screens, added to a seeded demo store (called by seed_demo).

- absences: one officer on leave this week, one on training next week, one past sickness;
- the trainees' competency history, matching their recorded level;
- a few new homelessness cases awaiting allocation (households whose earlier case closed).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from logic import clock
from logic.db import session_scope
from logic.front_door.households import next_id
from logic.models import CaseEvent, HousingCase, Officer, Role
from logic.models.workload import CompetencyRecord, OfficerAbsence


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def seed_workload(session: Session, rng: random.Random, today: date, unallocated: int = 3) -> None:
    staff = session.exec(select(Officer).where(Officer.active).order_by(Officer.id)).all()
    caseworkers = [o for o in staff if o.role in (Role.officer, Role.senior)]
    manager = next((o for o in staff if o.role == Role.manager), staff[0])
    if len(caseworkers) >= 3:
        on_leave, training, was_sick = rng.sample(caseworkers, 3)
        monday = _monday(today)
        for officer, kind, start, end, note in (
            (on_leave, "leave", monday, monday + timedelta(days=4), "Annual leave"),
            (training, "training", monday + timedelta(days=8), monday + timedelta(days=9),
             "Homelessness Reduction Act refresher"),
            (was_sick, "sickness", monday - timedelta(days=21), monday - timedelta(days=18), None),
        ):
            session.add(OfficerAbsence(officer_id=officer.id, kind=kind, starts_on=start, ends_on=end,
                                       note=note, recorded_by_id=manager.id))
    for trainee in (o for o in staff if o.role == Role.trainee and o.competency_level):
        session.add(CompetencyRecord(
            officer_id=trainee.id, level=trainee.competency_level,
            since=trainee.competency_since or today, reason="Recorded at the six-month review",
            recorded_by_id=manager.id,
            recorded_at=datetime.combine(trainee.competency_since or today, time(10), tzinfo=UTC)))
    closed = session.exec(select(HousingCase).where(HousingCase.status == "closed",
                                                    HousingCase.case_type == "homelessness")
                          .order_by(HousingCase.id)).all()
    for earlier in closed[:unallocated]:
        _open_unallocated(session, earlier.household_id, manager.id,
                          datetime.combine(today, time(9 + rng.randrange(6)), tzinfo=UTC))


def _open_unallocated(session: Session, household_id: int, actor_id: int, when: datetime) -> int:
    case_id = next_id(session, "cases_id_seq")
    session.add(HousingCase(id=case_id, reference=f"HL-{case_id:06d}", household_id=household_id,
                            case_type="homelessness", stage="assessment", opened_at=when))
    session.flush()
    session.add(CaseEvent(case_id=case_id, actor_id=actor_id, kind="case_opened", occurred_at=when,
                          summary="Homelessness case opened", reason="Approached again; awaiting allocation"))
    return case_id


def open_unallocated_demo_cases(count: int = 1, today: date | None = None) -> list[int]:
    """For tests and demos: open new unallocated cases for households whose case closed."""
    today = today or clock.today()
    with session_scope() as session:
        manager = session.exec(select(Officer).where(Officer.role == Role.manager)).first()
        closed = session.exec(select(HousingCase).where(HousingCase.status == "closed")
                              .order_by(HousingCase.id)).all()
        return [_open_unallocated(session, c.household_id, manager.id,
                                  datetime.combine(today, time(9), tzinfo=UTC)) for c in closed[:count]]
