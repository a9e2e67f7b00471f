"""Hand-built teams and case histories for the workload tests.

`small_office(team)` writes five cases with a history whose figures are counted by hand in
the tests (see the comments there); timestamps are fixed UTC moments in British Summer Time
weeks, so every event falls on the same London day as its UTC day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session

from logic import db
from logic.models import CaseEvent, Contact, Household, HousingCase, Officer, Person
from logic.models.casework import HomelessnessDuty

TODAY = date(2026, 6, 17)  # a Wednesday; its week runs Monday 15 to Sunday 21 June


def at(y: int, m: int, d: int, hour: int = 10) -> datetime:
    return datetime(y, m, d, hour, tzinfo=UTC)


@dataclass(frozen=True)
class Office:
    c1: int
    c2: int
    c3: int
    c4: int
    c5: int
    h1: int
    h3: int


def _household(session: Session, ref: str, address: str | None, people: int) -> int:
    household = Household(reference=ref, address_line1=address, postcode="AB1 2CD")
    session.add(household)
    session.flush()
    for i in range(people):
        session.add(Person(household_id=household.id, relation="applicant" if i == 0 else "child",
                           given_name=f"P{i}", family_name=ref, dob=date(1990 + i, 1, 1), sex="F"))
    return household.id


def _case(session: Session, ref: str, household_id: int, case_type: str, stage: str,
          officer_id: int | None, opened: datetime, status: str = "open",
          closed: datetime | None = None) -> int:
    case = HousingCase(reference=ref, household_id=household_id, case_type=case_type, stage=stage,
                       status=status, assigned_officer_id=officer_id, opened_at=opened,
                       closed_at=closed)
    session.add(case)
    session.flush()
    return case.id


def _event(session: Session, case_id: int, actor: int, kind: str, when: datetime, **changes) -> None:
    session.add(CaseEvent(case_id=case_id, actor_id=actor, kind=kind, occurred_at=when,
                          summary=kind, changes=json.dumps(changes) if changes else None))


def _duty(session: Session, case_id: int, actor: int, duty: str, started_on: date,
          ended_on: date | None = None, end_reason: str | None = None) -> None:
    """The duty row casework keeps beside its stage change: its start date is the clock."""
    session.add(HomelessnessDuty(case_id=case_id, duty=duty, started_on=started_on, started_by_id=actor,
                                 ended_on=ended_on, end_reason=end_reason,
                                 ended_by_id=actor if ended_on else None))


def small_office(team) -> Office:
    """Olga (37h), Oscar (18.5h, 0.5 FTE) and Tim (trainee since 6 Jan 2025) and five cases."""
    with Session(db.engine_for()) as session:
        oscar = session.get(Officer, team.other_officer)
        oscar.hours_per_week = 18.5
        session.add(oscar)
        h1 = _household(session, "HH-000001", None, 1)  # no fixed address
        h2 = _household(session, "HH-000002", "1 High St", 6)  # a household of six
        h3 = _household(session, "HH-000003", "2 High St", 1)
        olga, tim = team.officer, team.trainee
        # C1: contact 30 Mar, opened 1 Apr, prevention 8 Apr, relief 23 Apr (relief ends 17 Jun)
        c1 = _case(session, "HL-000001", h1, "homelessness", "relief", olga, at(2026, 4, 1))
        session.add(Contact(household_id=h1, case_id=c1, channel="phone", summary="s.21 notice",
                            taken_by_id=olga, occurred_at=at(2026, 3, 30, 9)))
        _event(session, c1, olga, "case_opened", at(2026, 4, 1))
        _event(session, c1, olga, "stage_changed", at(2026, 4, 8), stage=["assessment", "prevention"])
        _event(session, c1, olga, "stage_changed", at(2026, 4, 23), stage=["prevention", "relief"])
        _duty(session, c1, olga, "prevention", date(2026, 4, 8), date(2026, 4, 23), "became_homeless")
        _duty(session, c1, olga, "relief", date(2026, 4, 23))
        # C2: opened 6 Apr with Olga, relief 10 Apr (ends 4 Jun), reassigned to Oscar 1 May
        c2 = _case(session, "HL-000002", h2, "homelessness", "relief", team.other_officer,
                   at(2026, 4, 6, 9))
        _event(session, c2, olga, "case_opened", at(2026, 4, 6, 9))
        _event(session, c2, olga, "stage_changed", at(2026, 4, 10, 9), stage=["assessment", "relief"])
        _duty(session, c2, olga, "relief", date(2026, 4, 10))
        _event(session, c2, team.senior, "reassigned", at(2026, 5, 1, 12),
               assigned_officer_id=[olga, team.other_officer])
        # C3: opened 15 Jun with Tim, prevention 16 Jun
        c3 = _case(session, "HL-000003", h3, "homelessness", "prevention", tim, at(2026, 6, 15, 11))
        _event(session, c3, tim, "case_opened", at(2026, 6, 15, 11))
        _event(session, c3, tim, "stage_changed", at(2026, 6, 16), stage=["assessment", "prevention"])
        _duty(session, c3, tim, "prevention", date(2026, 6, 16))
        # C4: a live register entry with Olga since 2 Feb
        c4 = _case(session, "HR-000004", h3, "register", "active", olga, at(2026, 2, 2))
        _event(session, c4, olga, "case_opened", at(2026, 2, 2))
        # C5: advice opened 5 May, closed 6 May
        c5 = _case(session, "AD-000005", h1, "advice", "advice", olga, at(2026, 5, 5),
                   status="closed", closed=at(2026, 5, 6))
        _event(session, c5, olga, "case_opened", at(2026, 5, 5))
        _event(session, c5, olga, "case_closed", at(2026, 5, 6))
        session.commit()
    return Office(c1, c2, c3, c4, c5, h1, h3)
