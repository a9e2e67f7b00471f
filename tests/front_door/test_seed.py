"""The demo's front-door rows are added to the seeded households without breaking anything."""

from __future__ import annotations

import random

from logic.db import session_scope
from logic.front_door import safeguarding, triage
from logic.front_door import service as intake
from logic.front_door.seed import seed_front_door
from tests.front_door.helpers import TODAY, answers, count, zoe_household


def test_the_demo_gets_flags_signposting_and_referrals_on_open_cases(team):
    households = [zoe_household(team.officer) for _ in range(4)]
    for household in households:
        intake.complete_intake(actor_id=team.officer, today=TODAY, household_id=household,
                               contact=intake.ContactDetails("phone", "Notice served."),
                               answers=answers(accommodation_tonight=False), chosen_route=triage.EMERGENCY)
    with session_scope() as session:
        counts = seed_front_door(session, random.Random(1), TODAY)
    assert counts["safeguarding_flags"] >= 1 and counts["referrals_received"] >= 1
    assert count("SELECT count(*) FROM referral_received") == counts["referrals_received"]
    flagged = [h for h in households if safeguarding.household_flags(h)]
    assert flagged
