"""Read-only lists for the register and lettings screens: SQL in, DataFrame out. No writes here.

A case's current assessment is its newest `register_assessment` row (they are append-only).
"""

from __future__ import annotations

import pandas as pd

from logic.cases.views import _frame

_CURRENT = """
LEFT JOIN register_assessment a ON a.id = (
    SELECT max(x.id) FROM register_assessment x WHERE x.case_id = c.id)
"""


def register_cases(stage: str | None = None, include_closed: bool = False) -> pd.DataFrame:
    """Register cases with their current band and bedroom need, newest application first."""
    filters = ["c.case_type = 'register'"]
    if not include_closed:
        filters.append("c.status = 'open'")
    if stage:
        filters.append("c.stage = :stage")
    return _frame(
        f"""SELECT c.id, c.reference, c.version, c.stage, c.status,
                   p.given_name || ' ' || p.family_name AS applicant,
                   r.application_date, a.band, a.band_effective_date, a.bedroom_need,
                   a.decision, o.full_name AS officer
            FROM cases c
            JOIN person p ON p.household_id = c.household_id AND p.relation = 'applicant'
            LEFT JOIN register_application r ON r.case_id = c.id
            {_CURRENT}
            LEFT JOIN officer o ON o.id = c.assigned_officer_id
            WHERE {' AND '.join(filters)}
            ORDER BY c.opened_at DESC, c.id DESC""",
        stage=stage,
    )


def households_without_register_application() -> pd.DataFrame:
    """Households that could start a register application (none open at the moment)."""
    return _frame(
        """SELECT h.id, h.reference, p.given_name || ' ' || p.family_name AS applicant, h.postcode
           FROM household h
           JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
           WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id
                             AND c.case_type = 'register' AND c.status = 'open')
           ORDER BY p.family_name, p.given_name"""
    )


def adverts(status: str | None = None) -> pd.DataFrame:
    where = "WHERE v.status = :status" if status else ""
    return _frame(
        f"""SELECT v.id, v.reference, v.address, v.bedrooms, v.property_type, v.accessibility,
                   v.landlord, v.landlord_kind, v.weekly_rent, v.opens_on, v.closes_on, v.status,
                   (SELECT count(*) FROM letting_bid b
                    WHERE b.advert_id = v.id AND b.status = 'active') AS bids
            FROM letting_advert v {where}
            ORDER BY v.closes_on DESC, v.id DESC""",
        status=status,
    )


def active_register_cases() -> pd.DataFrame:
    """Households active on the register, for bidding on their behalf."""
    return register_cases(stage="active")
