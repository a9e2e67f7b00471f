"""Households and register applications for the register tests, written through the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

from sqlalchemy import event

from logic.db import engine_for, session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.register import service as register

TODAY = date(2026, 11, 23)


def person(relation: str, given: str, dob: date, sex: str = "F", pregnant: bool = False) -> PersonDetails:
    return PersonDetails(relation, given, "Okoro", dob, sex, pregnant)


def new_household(team, *members: PersonDetails, applicant_dob: date = date(1988, 3, 14),
                  applicant_sex: str = "F") -> int:
    with session_scope() as session:
        household = add_household(
            session, actor_id=team.officer, today=TODAY, postcode="AB1 2CD",
            people=[person("applicant", "Ada", applicant_dob, applicant_sex), *members])
        return household.id


def details(**changes) -> register.ApplicationDetails:
    """A settled local household in a two-bedroom private let, money within the limits."""
    base = register.ApplicationDetails(
        application_date=date(2026, 1, 12), tenure="private_rented", current_bedrooms=2,
        months_resident_last_12=12, years_resident_last_5=5, household_income=24000,
        household_savings=1500, housing_costs_monthly=650)
    return replace(base, **changes)


def apply(team, household_id: int, **changes) -> int:
    return register.open_register_application(
        actor_id=team.officer, household_id=household_id, details=details(**changes), today=TODAY)


def version(case_id: int, team) -> int:
    return register.open_register_record(case_id=case_id, viewer_id=team.officer, today=TODAY).version


def assess(team, case_id: int, on: date = TODAY, **kw) -> int:
    return register.decide_assessment(case_id=case_id, expected_version=version(case_id, team),
                                      actor_id=kw.pop("actor", team.officer), assessed_on=on,
                                      decision=kw.pop("decision", "confirm"), today=TODAY, **kw)


@contextmanager
def statements_run() -> Iterator[list[str]]:
    """The SQL statements the app sends to the store while the block runs (a list, filled as
    they run): a list's cost should follow what it shows, never the number of cases behind it."""
    engine = engine_for()
    sent: list[str] = []

    def note(connection, cursor, statement, parameters, context, executemany) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", note)
