"""Shared pieces for the front-door tests: a day, households, answers, counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from logic.db import engine_for, session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.front_door.triage import MemberAnswer, TriageAnswers

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # noon on TODAY: tests/front_door/conftest.py holds the clock here
ZOE_DOB = date(1990, 5, 1)


def count(sql: str, **params) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def rows_written() -> dict[str, int]:
    tables = ("household", "person", "contact", "cases", "case_event", "triage_record",
              "signposting_given", "safeguarding_flag", "safeguarding_referral",
              "referral_received")
    return {t: count(f"SELECT count(*) FROM {t}") for t in tables}


def zoe_household(actor_id: int, **extra) -> int:
    """Zoë Ó Briain and her son, AB1 2CD, 07700 900123: already known to the council."""
    with session_scope() as session:
        household = add_household(
            session, actor_id=actor_id, today=TODAY, postcode="ab1 2cd", phone="07700 900123",
            email="zoe@example.org",
            people=[PersonDetails("applicant", "Zoë", "Ó Briain", ZOE_DOB, "F"),
                    PersonDetails("child", "Finn", "Ó Briain", date(2018, 3, 9), "M")],
            **extra,
        )
        return household.id


def answers(**changes) -> TriageAnswers:
    """Zoë's answers: housed tonight, nothing urgent; tests change what their scenario needs."""
    base = dict(
        applicant_dob=ZOE_DOB, applicant_sex="F", immigration_status="british_irish",
        accommodation_tonight=True,
        members=(MemberAnswer("child", date(2018, 3, 9), "M", dependent=True),),
    )
    base.update(changes)
    return TriageAnswers(**base)
