"""The s.189A assessment starts from what the caller told triage: the officer confirms or changes
each answer, and a change from triage is kept on the case with who made it and why."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from logic.cases import service as cases
from logic.casework import service as cw
from logic.common.errors import FieldError
from logic.db import engine_for
from logic.front_door import service as intake
from logic.front_door import triage
from logic.front_door.households import PersonDetails
from logic.front_door.triage import MemberAnswer, TriageAnswers
from tests.casework.helpers import CATEGORIES, LOCAL, TODAY, version

EXPIRES = TODAY + timedelta(days=40)


def _zoe_calls(officer: int, **answers) -> int:
    """Zoë rings: she and her son still have their flat, but the landlord's s.21 notice runs out in 40 days."""
    given = dict(applicant_dob=date(1990, 5, 1), applicant_sex="F", immigration_status="settled",
                 accommodation_tonight=True, likely_to_lose_home_on=EXPIRES, section_21_served=True,
                 section_21_valid="yes", section_21_expires_on=EXPIRES,
                 members=(MemberAnswer("child", date(2018, 3, 9), "M", dependent=True),))
    given.update(answers)
    outcome = intake.complete_intake(
        actor_id=officer, today=TODAY, contact=intake.ContactDetails(channel="phone", summary="Section 21 notice"),
        new_household=intake.NewHousehold(people=[PersonDetails("applicant", "Zoë", "Ó Briain", date(1990, 5, 1), "F"),
                                                  PersonDetails("child", "Finn", "Ó Briain", date(2018, 3, 9), "M")],
                                          postcode="AB1 2CD"),
        answers=TriageAnswers(**given), chosen_route=triage.HOMELESSNESS)
    return outcome.case_id


def _save(case_id: int, officer: int, start: cw.AssessmentStart, *, housing=None, reason: str | None = None) -> int:
    return cw.record_assessment(
        case_id=case_id, expected_version=version(case_id, officer), officer_id=officer, assessed_on=TODAY,
        circumstances="Landlord served a section 21 notice to sell.", housing_needs="Two bedrooms near Finn's school.",
        support_needs="None identified.", applicant=start.applicant, housing=housing or start.housing,
        local_connection=LOCAL, fact_change_reason=reason, categories=CATEGORIES)


def _events(case_id: int, kind: str) -> list[tuple]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT actor_id, summary, reason, changes FROM case_event WHERE case_id = :c AND kind = :k"),
            {"c": case_id, "k": kind})]


def test_the_assessment_starts_from_what_zoe_told_triage_and_finds_her_threatened_not_homeless(team):
    case_id = _zoe_calls(team.officer)
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert start.source == "triage" and "triage of 23 Nov 2026" in start.said
    assert start.applicant["immigration_status"] == "settled"
    assert start.housing["has_accommodation"] is True
    assert start.housing["likely_to_lose_on"] == EXPIRES
    assert start.housing["section_21"] == {"valid": True, "expires_on": EXPIRES}
    _save(case_id, team.officer, start)  # confirmed as it stands: nothing typed again
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert record.stage == "assessment"
    with engine_for().connect() as c:
        duty, facts = c.execute(sa.text("SELECT duty, facts_json FROM homelessness_assessment WHERE case_id = :c"),
                                {"c": case_id}).one()
    assert duty == "prevention"  # threatened within 56 days, not "homeless, relief"
    assert json.loads(facts)["housing"]["section_21"] == {"valid": True, "expires_on": EXPIRES.isoformat()}
    assert _events(case_id, "triage_facts_changed") == []


def test_a_status_not_known_at_triage_is_asked_not_assumed(team):
    case_id = _zoe_calls(team.officer, immigration_status="not_known")
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert start.applicant["immigration_status"] is None
    start.applicant["immigration_status"] = "british_irish"  # the officer's answer confirms, it does not change
    _save(case_id, team.officer, start)
    assert _events(case_id, "triage_facts_changed") == []


def test_an_officer_who_finds_zoe_already_out_of_her_flat_says_why_and_the_change_is_kept(team):
    case_id = _zoe_calls(team.officer)
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    out = {**start.housing, "has_accommodation": False}
    with pytest.raises(FieldError, match=r"^Why the facts differ from triage: you changed Has accommodation"):
        _save(case_id, team.officer, start, housing=out)
    assert _events(case_id, "assessment_recorded") == []
    _save(case_id, team.officer, start, housing=out, reason="Landlord changed the locks on Friday")
    [(actor, summary, reason, changes)] = _events(case_id, "triage_facts_changed")
    assert actor == team.officer and reason == "Landlord changed the locks on Friday"
    assert "Has accommodation they are entitled to occupy" in summary
    assert json.loads(changes) == {"Has accommodation they are entitled to occupy": [True, False]}
    assert cw.triage_changes_in_words({"Has accommodation they are entitled to occupy": (True, False)}) == [
        "Has accommodation they are entitled to occupy: yes at triage, now no"]


def test_a_reassessment_starts_from_the_last_assessment(team):
    case_id = _zoe_calls(team.officer)
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    _save(case_id, team.officer, start, housing={**start.housing, "has_accommodation": False},
          reason="Landlord changed the locks")
    again = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert again.source == "assessment" and again.housing["has_accommodation"] is False
    assert again.local_connection == LOCAL
    # what the officer wrote for s.189A(1) is there to confirm, not to type again
    assert again.written == {"circumstances": "Landlord served a section 21 notice to sell.",
                             "housing_needs": "Two bedrooms near Finn's school.",
                             "support_needs": "None identified."}
    assert start.written == {}
