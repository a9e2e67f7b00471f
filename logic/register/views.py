"""Read-only lists for the register and lettings screens: SQL in, DataFrame out. No writes here.

A case's current assessment is its newest `register_assessment` row (they are append-only).
"""

from __future__ import annotations

import pandas as pd

from logic.cases.views import _frame, case_matching

_CURRENT = """
LEFT JOIN register_assessment a ON a.id = (
    SELECT max(x.id) FROM register_assessment x WHERE x.case_id = c.id)
"""


CHOICES_SHOWN = 50  # a picker lists this many matches at most: the officer types to narrow


def register_case_choices(text: str = "", *, reference: str | None = None, stage: str | None = None,
                          limit: int = CHOICES_SHOWN) -> pd.DataFrame:
    """Register cases (open or closed) for a picker: those whose reference or applicant matches
    `text`, newest application first, at most `limit`, and always the case `reference` names
    (the one open on the screen). `stage` keeps one stage of open cases (e.g. active).
    The current assessment is looked up for the cases listed only, after the store has
    chosen them (not for every register case of the council)."""
    match, params = case_matching(text)
    only = "c.status = 'open' AND c.stage = :stage" if stage else "TRUE"
    return _frame(
        f"""WITH chosen AS (
                SELECT c.id, c.reference, c.version, c.stage, c.status, c.opened_at,
                       p.given_name || ' ' || p.family_name AS applicant
                FROM cases c
                JOIN person p ON p.household_id = c.household_id AND p.relation = 'applicant'
                WHERE c.case_type = 'register' AND ({match} AND {only} OR c.reference = :reference)
                ORDER BY c.reference = :reference DESC, c.opened_at DESC, c.id DESC
                LIMIT :limit)
            SELECT c.id, c.reference, c.version, c.stage, c.status, c.applicant, a.band, a.bedroom_need
            FROM chosen c
            {_CURRENT}
            ORDER BY c.reference = :reference DESC, c.opened_at DESC, c.id DESC""",
        reference=reference or "", stage=stage, limit=limit + (1 if reference else 0), **params)


def households_without_register_application(text: str = "", limit: int = CHOICES_SHOWN) -> pd.DataFrame:
    """Households that could start a register application (none open at the moment): those
    whose reference or applicant matches `text`, by name, at most `limit`."""
    text = " ".join(text.split()).lower()
    match = ("(lower(h.reference) LIKE :like OR lower(p.given_name || ' ' || p.family_name) LIKE :like)"
             if text else "TRUE")
    return _frame(
        f"""SELECT h.id, h.reference, p.given_name || ' ' || p.family_name AS applicant, h.postcode
           FROM household h
           JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
           WHERE {match} AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id
                             AND c.case_type = 'register' AND c.status = 'open')
           ORDER BY p.family_name, p.given_name, h.id
           LIMIT :limit""",
        like=f"%{text}%", limit=limit,
    )


def _advert_filters(status: str | None, text: str) -> tuple[str, dict]:
    filters, params = [], {}
    if status:
        filters.append("v.status = :status")
        params["status"] = status
    text = " ".join(text.split()).lower()
    if text:
        filters.append("(lower(v.reference) LIKE :like OR lower(v.address) LIKE :like)")
        params["like"] = f"%{text}%"
    return ("WHERE " + " AND ".join(filters)) if filters else "", params


def adverts(status: str | None = None, *, text: str = "", limit: int | None = None,
            offset: int = 0) -> pd.DataFrame:
    """Adverts (of one status, and whose reference or address holds `text`), the latest
    closing first, with their live bids: all of them, or the `limit` from `offset` (a page;
    the bids are counted for those rows only)."""
    where, params = _advert_filters(status, text)
    page = ""
    if limit is not None:
        page = "LIMIT :limit OFFSET :offset"
        params.update(limit=max(1, limit), offset=max(0, offset))
    return _frame(
        f"""SELECT v.id, v.reference, v.address, v.bedrooms, v.property_type, v.accessibility,
                   v.landlord, v.landlord_kind, v.weekly_rent, v.opens_on, v.closes_on, v.status,
                   (SELECT count(*) FROM letting_bid b
                    WHERE b.advert_id = v.id AND b.status = 'active') AS bids
            FROM letting_advert v {where}
            ORDER BY v.closes_on DESC, v.id DESC {page}""",
        **params,
    )


def advert_count(status: str | None = None, *, text: str = "") -> int:
    """How many adverts `adverts(status, text=text)` lists in all."""
    where, params = _advert_filters(status, text)
    return int(_frame(f"SELECT count(*) AS n FROM letting_advert v {where}", **params)["n"].iloc[0])


def advert_choices(text: str = "", limit: int = CHOICES_SHOWN) -> pd.DataFrame:
    """Adverts for a picker: those whose reference or address holds `text`, the latest closing
    first, at most `limit` (the officer types to find an older one)."""
    where, params = _advert_filters(None, text)
    return _frame(
        f"""SELECT v.id, v.reference, v.address, v.bedrooms, v.property_type, v.status
            FROM letting_advert v {where}
            ORDER BY v.closes_on DESC, v.id DESC LIMIT :limit""",
        limit=limit, **params,
    )
