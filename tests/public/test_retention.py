"""Online submissions are personal data kept no longer than needed: one no officer took into an
intake goes six months after it was sent (retention.toml); one taken follows its case."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import Session

from logic.db import engine_for, session_scope
from logic.front_door import service as intake
from logic.front_door import triage
from logic.privacy import retention
from logic.public import service
from tests.front_door.helpers import NOW, count, zoe_household
from tests.public.helpers import amir, send
from tests.public.test_staff_side import _a_contact, _id


def test_a_submission_never_taken_goes_after_six_months_and_one_taken_stays(team, frozen_clock):
    taken, closed, left = send(source="a"), send(source="b"), send(source="c")
    household = zoe_household(team.officer)
    with session_scope() as session:
        service.mark_taken(session, _id(taken.reference), team.officer, household,
                           _a_contact(session, household, team.officer))
    service.close_submission(team.officer, _id(closed.reference), "withdrawn")

    frozen_clock(NOW + timedelta(days=150))  # five months on: nothing due yet
    assert [r.rule for r in retention.dry_run().due] == []

    frozen_clock(NOW + timedelta(days=190))  # over six months on
    [due] = retention.dry_run().due
    assert (due.rule, due.count) == ("public_submission", 2)
    assert "6 months" in due.rule_ref
    [stone] = retention.apply(actor_id=team.manager).removed
    assert json.loads(stone.rows_removed) == {"public_submission": 2}
    assert count("SELECT count(*) FROM public_submission") == 1
    assert count("SELECT count(*) FROM public_submission WHERE reference = :r", r=taken.reference) == 1
    assert left.reference  # sent, never taken: gone with the closed one


def test_a_submission_taken_into_an_intake_without_retyping_goes_with_its_case(team):
    sent = send(amir(section_21_served=True, section_21_expires_on=date(2026, 12, 20)))
    opened = service.submission_for_intake(team.officer, _id(sent.reference))
    recommended = triage.recommend(opened.answers, NOW.date()).route
    outcome = intake.complete_intake(actor_id=team.officer, today=NOW.date(), contact=opened.contact,
                                     answers=opened.answers, chosen_route=recommended,
                                     new_household=opened.new_household, referral=opened.referral)
    with session_scope() as session:
        service.mark_taken(session, opened.id, team.officer, outcome.household_id, outcome.contact_id,
                           case_id=outcome.case_id)
    assert outcome.case_opened and recommended == "homelessness"
    assert count("SELECT count(*) FROM person WHERE given_name = 'Lina' AND household_id = :h",
                 h=outcome.household_id) == 1
    with Session(engine_for()) as session:
        assert retention.rows_of_case(session, outcome.case_id).get("public_submission") == {opened.id}
