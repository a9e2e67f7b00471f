"""Read-only lists for the front door: contacts, triage outcomes, referrals, active flags.

SQL in, DataFrame out (see logic/cases/views.py). No writes here; opening a household is audited by
the service that shows it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd

from logic.cases.views import _frame


def household_contacts(household_id: int, limit: int = 50) -> pd.DataFrame:
    """A household's contacts, newest first, with the triage route and any signposting given."""
    return _frame(
        """
        SELECT c.id, c.occurred_at, c.channel, c.summary, c.referral_from,
               o.full_name AS taken_by, k.reference AS case_reference,
               t.recommended_route, t.chosen_route, t.override_reason,
               (SELECT string_agg(s.service_name, ', ') FROM signposting_given s
                 WHERE s.contact_id = c.id) AS signposted_to
        FROM contact c
        JOIN officer o ON o.id = c.taken_by_id
        LEFT JOIN cases k ON k.id = c.case_id
        LEFT JOIN triage_record t ON t.contact_id = c.id
        WHERE c.household_id = :household_id
        ORDER BY c.occurred_at DESC, c.id DESC
        LIMIT :limit
        """,
        household_id=household_id, limit=limit,
    )


def contacts_between(start: datetime, end: datetime, officer_id: int | None = None) -> pd.DataFrame:
    """Front-door contacts taken in a period (an officer's own, or the team's)."""
    who = "AND c.taken_by_id = :officer_id" if officer_id is not None else ""
    return _frame(
        f"""
        SELECT c.occurred_at, c.channel, h.reference AS household,
               p.given_name || ' ' || p.family_name AS applicant,
               t.chosen_route, k.reference AS case_reference, o.full_name AS taken_by,
               c.referral_from
        FROM contact c
        JOIN household h ON h.id = c.household_id
        JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
        JOIN officer o ON o.id = c.taken_by_id
        LEFT JOIN triage_record t ON t.contact_id = c.id
        LEFT JOIN cases k ON k.id = c.case_id
        WHERE c.occurred_at >= :start AND c.occurred_at < :end {who}
        ORDER BY c.occurred_at DESC, c.id DESC
        """,
        start=start, end=end, officer_id=officer_id,
    )


def contacts_on(day: date, officer_id: int | None = None) -> pd.DataFrame:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return contacts_between(start, start + timedelta(days=1), officer_id)


def referrals_received(since: date) -> pd.DataFrame:
    """s.213B referrals received since a date, counted by the kind of body (for H-CLIC)."""
    return _frame(
        """
        SELECT r.body_type, COUNT(*) AS referrals,
               SUM(CASE WHEN k.id IS NOT NULL THEN 1 ELSE 0 END) AS cases_opened
        FROM referral_received r
        JOIN contact c ON c.id = r.contact_id
        LEFT JOIN cases k ON k.id = c.case_id
        WHERE r.received_at >= :since
        GROUP BY r.body_type
        ORDER BY referrals DESC, r.body_type
        """,
        since=since,
    )


def active_flags() -> pd.DataFrame:
    """Every active safeguarding flag in the team, oldest first (the longest unresolved)."""
    return _frame(
        """
        SELECT f.id, h.reference AS household, p.given_name || ' ' || p.family_name AS applicant,
               f.kind, f.raised_at, o.full_name AS raised_by,
               (SELECT COUNT(*) FROM safeguarding_referral r WHERE r.flag_id = f.id) AS referrals
        FROM safeguarding_flag f
        JOIN household h ON h.id = f.household_id
        JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
        JOIN officer o ON o.id = f.raised_by_id
        WHERE f.ended_at IS NULL
        ORDER BY f.raised_at
        """
    )


def route_overrides(since: date) -> pd.DataFrame:
    """Triages where the officer chose a different route from the engine's, with the reason."""
    return _frame(
        """
        SELECT t.recorded_at, h.reference AS household, t.recommended_route, t.chosen_route,
               t.override_reason, o.full_name AS officer
        FROM triage_record t
        JOIN household h ON h.id = t.household_id
        JOIN officer o ON o.id = t.recorded_by_id
        WHERE t.recommended_route <> t.chosen_route AND t.recorded_at >= :since
        ORDER BY t.recorded_at DESC
        """,
        since=since,
    )
