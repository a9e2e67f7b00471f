"""Read-only lists for the front door: a household's contacts, with their triage and signposting.

SQL in, DataFrame out (see logic/cases/views.py). No writes here; opening a household is audited by
the service that shows it.
"""

from __future__ import annotations

import pandas as pd

from logic.cases.views import _frame


def household_contacts(household_id: int, limit: int = 50) -> pd.DataFrame:
    """A household's contacts, newest first, with the triage route and any signposting given."""
    return _frame(
        """
        SELECT c.id, c.occurred_at, c.channel, c.summary, c.referral_from,
               o.full_name AS taken_by, k.reference AS case_reference,
               t.recommended_route, t.chosen_route, t.override_reason, t.referral_source,
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

