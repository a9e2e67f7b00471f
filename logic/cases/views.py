"""Read-only queries for lists and dashboards: SQL in, DataFrame out. No writes here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import bindparam, text

from logic import clock
from logic.casework.views import due_and_overdue, falling_due_within
from logic.clock import LONDON
from logic.db import engine_for

_CASE_LIST = """
SELECT c.id, c.reference, c.case_type, c.stage, c.status, c.opened_at,
       p.given_name || ' ' || p.family_name AS applicant,
       h.postcode, o.full_name AS officer, c.assigned_officer_id
FROM cases c
JOIN household h ON h.id = c.household_id
JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
LEFT JOIN officer o ON o.id = c.assigned_officer_id
"""


def _frame(sql: str, **params) -> pd.DataFrame:
    statement = text(sql)
    lists = [name for name, value in params.items() if isinstance(value, list | tuple)]
    if lists:  # a list parameter is an IN (...) of its values
        statement = statement.bindparams(*(bindparam(name, expanding=True) for name in lists))
    with engine_for().connect() as connection:
        return pd.read_sql_query(statement, connection, params=params)


DUE_WITHIN_DAYS = {"overdue": 0, "due_7_days": 7, "due_14_days": 14}


@dataclass(frozen=True)
class CasePage:
    """One page of a case list: the rows shown, and how many the filters match in all."""

    cases: pd.DataFrame
    total: int
    offset: int
    limit: int

    @property
    def has_previous(self) -> bool:
        return self.offset > 0

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < self.total


def due_references(dates: pd.DataFrame, due: str, officer_id: int | None = None) -> list[str]:
    """The references of the cases `due` (codes.DUE_FILTERS) keeps, read from Dates due rows
    within at least the widest filter's days (`due_and_overdue(within_days=14 or more)`):
    a date overdue, or falling due within the days the filter names (a warning whatever its
    date, as Dates due shows it), on one officer's cases or anyone's."""
    dates = falling_due_within(dates, DUE_WITHIN_DAYS[due], officer_id)
    if due == "overdue":
        dates = dates[dates["status"] == "overdue"]
    return sorted(set(dates["reference"]))


def case_matching(text: str | None) -> tuple[str, dict]:
    """A case whose reference or applicant's name (`c`, `p` in the query) holds the typed words,
    in any case; nothing typed matches every case."""
    text = " ".join((text or "").split()).lower()
    if not text:
        return "TRUE", {}
    return ("(lower(c.reference) LIKE :like OR lower(p.given_name || ' ' || p.family_name) LIKE :like)",
            {"like": f"%{text}%"})


def case_list(
    *, officer_id: int | None = None, include_closed: bool = False, case_type: str | None = None,
    stage: str | None = None, due: str | None = None, text: str | None = None,
    today: date | None = None, limit: int = 25, offset: int = 0, team_dates: pd.DataFrame | None = None,
) -> CasePage:
    """Cases, oldest first, narrowed by officer, type, stage, what is due and a reference or
    name (`text`), one page at a time: the store returns only the rows shown (LIMIT/OFFSET)
    and their count.

    `due` (codes.DUE_FILTERS) keeps the homelessness cases with a date overdue or falling due
    within the days it names, as the Dates due screen computes them (logic/casework/views.py).
    A screen that already holds the team's dates for the day (`team_dates`, as
    `due_and_overdue(today=..., within_days=14 or more)` returns them) passes them,
    so that turning a page does not work out every case's dates again.
    """
    filters = [] if include_closed else ["c.status = 'open'"]
    params: dict = {"limit": max(1, limit), "offset": max(0, offset)}
    if officer_id is not None:
        filters.append("c.assigned_officer_id = :officer_id")
        params["officer_id"] = officer_id
    if case_type:
        filters.append("c.case_type = :case_type")
        params["case_type"] = case_type
    if stage:
        filters.append("c.stage = :stage")
        params["stage"] = stage
    if due:
        if team_dates is None:
            team_dates = due_and_overdue(today=today or clock.today(), officer_id=officer_id,
                                         within_days=max(DUE_WITHIN_DAYS.values()))
        filters.append("c.reference IN :due_references")
        params["due_references"] = due_references(team_dates, due, officer_id) or ["-"]
    people = ""
    match, like = case_matching(text)
    if like:
        filters.append(match)
        params.update(like)
        people = "JOIN person p ON p.household_id = c.household_id AND p.relation = 'applicant'"
    where = ("WHERE " + " AND ".join(filters)) if filters else ""
    total = int(_frame(f"SELECT COUNT(*) AS n FROM cases c {people} {where}", **params)["n"].iloc[0])
    rows = _frame(f"{_CASE_LIST} {where} ORDER BY c.opened_at, c.id LIMIT :limit OFFSET :offset", **params)
    return CasePage(rows, total, params["offset"], params["limit"])


def caseload(officer_id: int, include_closed: bool = False) -> pd.DataFrame:
    """An officer's own cases, oldest first (the oldest are the likeliest to be late)."""
    status = "" if include_closed else "AND c.status = 'open'"
    return _frame(
        f"{_CASE_LIST} WHERE c.assigned_officer_id = :officer_id {status} ORDER BY c.opened_at",
        officer_id=officer_id,
    )


def open_cases(case_type: str | None = None) -> pd.DataFrame:
    where = "WHERE c.status = 'open'" + (" AND c.case_type = :case_type" if case_type else "")
    return _frame(f"{_CASE_LIST} {where} ORDER BY c.opened_at", case_type=case_type)


def team_caseload() -> pd.DataFrame:
    """Open cases per active officer and stage (officers with none are listed too)."""
    return _frame(
        """
        SELECT o.id AS officer_id, o.full_name AS officer, o.role, o.hours_per_week,
               c.case_type, c.stage, COUNT(c.id) AS open_cases
        FROM officer o
        LEFT JOIN cases c ON c.assigned_officer_id = o.id AND c.status = 'open'
        WHERE o.active AND o.role <> 'admin'
        GROUP BY o.id, o.full_name, o.role, o.hours_per_week, c.case_type, c.stage
        ORDER BY o.full_name, c.case_type, c.stage
        """
    )


def case_officers() -> pd.DataFrame:
    """Active officers who can hold cases, for pickers."""
    return _frame(
        "SELECT id, full_name, role FROM officer WHERE active AND role <> 'admin' ORDER BY full_name"
    )


def officers() -> pd.DataFrame:
    return _frame(
        """SELECT id, username, full_name, email, role, team, active, hours_per_week, started_on,
                  competency_level FROM officer ORDER BY active DESC, full_name"""
    )


AUDIT_ROWS_A_PAGE = 50
AUDIT_CSV_ROWS = 100_000  # a period's entries in one download, at most


def _start_of_day(day: date) -> datetime:
    """Midnight on the office wall (Europe/London) as UTC, as the store keeps timestamps."""
    return datetime.combine(day, time(), tzinfo=LONDON).astimezone(UTC)


def audit_trail(*, since: date | None = None, until: date | None = None, officer_id: int | None = None,
                action: str | None = None, limit: int = AUDIT_ROWS_A_PAGE, offset: int = 0) -> pd.DataFrame:
    """Audit entries from the day `since` to the day `until` (London days, both included; either
    may be open), by one officer and of one action if given, newest first: the `limit` rows
    from `offset`, only the columns shown. Nothing is counted: a screen asks for one row more
    than it shows to know whether there is a next page. The period bounds the scan (the store
    skips the blocks of other years), so a page costs the same over ten years of entries."""
    filters, params = [], {"limit": max(1, limit), "offset": max(0, offset)}
    if since is not None:
        filters.append("a.occurred_at >= :since")
        params["since"] = _start_of_day(since)
    if until is not None:
        filters.append("a.occurred_at < :until")
        params["until"] = _start_of_day(until + timedelta(days=1))
    if officer_id is not None:
        filters.append("a.actor_id = :officer_id")
        params["officer_id"] = officer_id
    if action:
        filters.append("a.action = :action")
        params["action"] = action
    where = ("WHERE " + " AND ".join(filters)) if filters else ""
    return _frame(
        f"""SELECT a.occurred_at, o.full_name AS officer, a.action, a.entity, a.entity_id, a.detail
            FROM audit_log a LEFT JOIN officer o ON o.id = a.actor_id
            {where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT :limit OFFSET :offset""",
        **params,
    )
