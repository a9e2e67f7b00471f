"""Read-only queries for lists and dashboards: SQL in, DataFrame out. No writes here."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import text

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
    with engine_for().connect() as connection:
        return pd.read_sql_query(text(sql), connection, params=params)


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


def audit_trail(limit: int = 500, officer_id: int | None = None, action: str | None = None) -> pd.DataFrame:
    filters = []
    if officer_id is not None:
        filters.append("a.actor_id = :officer_id")
    if action:
        filters.append("a.action = :action")
    where = ("WHERE " + " AND ".join(filters)) if filters else ""
    return _frame(
        f"""SELECT a.occurred_at, o.full_name AS officer, a.action, a.entity, a.entity_id, a.detail
            FROM audit_log a LEFT JOIN officer o ON o.id = a.actor_id
            {where} ORDER BY a.occurred_at DESC, a.id DESC LIMIT :limit""",
        limit=limit, officer_id=officer_id, action=action,
    )
