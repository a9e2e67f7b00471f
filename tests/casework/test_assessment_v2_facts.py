"""The s.189A assessment records the facts officers meet every week that version 1 of the facts
could not say (decision-scenarios.md, version 2): a member's vulnerability, twins expected, a
disabled child who cannot share, a member's act the applicant knew nothing of, a care leaver's
connection here, when a decision was notified and a review asked for. What the officer found is
kept with the assessment, and a reassessment starts from it."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import select

from logic.cases import service as cases
from logic.casework import service as cw
from logic.db import session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.models import Person
from logic.models.casework import HomelessnessAssessment
from tests.casework.helpers import CATEGORIES, LOCAL, TODAY, move, version


def _household(officer: int) -> tuple[int, dict[str, int]]:
    """Dean, 40, his partner Kim (expecting twins) and their son Leo, 7, who cannot share a room."""
    with session_scope() as session:
        household = add_household(session, actor_id=officer, today=TODAY, postcode="ab1 2cd", people=[
            PersonDetails("applicant", "Dean", "Hart", date(1986, 2, 2), "M"),
            PersonDetails("partner", "Kim", "Hart", date(1990, 7, 7), "F", pregnant=True),
            PersonDetails("child", "Leo", "Hart", date(2019, 5, 5), "M")])
        case = cases.open_case(session, actor_id=officer, household_id=household.id, case_type="homelessness",
                               reason="Partner's arrears", assigned_officer_id=officer)
        people = session.exec(select(Person).where(Person.household_id == household.id)).all()
        return case.id, {p.given_name: p.id for p in people}


def _record(case_id: int, officer: int, ids: dict[str, int], *, on=TODAY, **overrides) -> int:
    given = dict(
        applicant={"immigration_status": "british_irish", "relevant_student": False},
        housing={"has_accommodation": False, "domestic_abuse": True, "domestic_abuse_victim": "member",
                 "overnight_carer": True},
        intentionality={"deliberate_act_or_omission": True, "good_faith_unaware": False,
                        "accommodation_available_and_reasonable": True, "caused_loss": True,
                        "whose_act": "member", "acquiesced": False, "collusive_arrangement": False},
        local_connection={**LOCAL, "care_leaver_here": False, "asylum_support_here": True},
        member_facts={ids["Kim"]: {"vulnerability": ["mental_illness"], "expected_babies": 2,
                                   "needs_own_room": False, "local_connection_here": True},
                      ids["Leo"]: {"vulnerability": [], "expected_babies": 1, "needs_own_room": True,
                                   "local_connection_here": False}},
        history={"decision_notified_on": TODAY - timedelta(days=30),
                 "review_requested_on": TODAY - timedelta(days=9)})
    given.update(overrides)
    return cw.record_assessment(
        case_id=case_id, expected_version=version(case_id, officer), officer_id=officer, assessed_on=on,
        circumstances="Kim stopped paying the rent without telling Dean; the landlord evicted them.",
        housing_needs="Three bedrooms: Leo needs his own.", support_needs="Mental health support for Kim.",
        categories=CATEGORIES, **given)


def _facts(assessment_id: int) -> dict:
    with session_scope() as session:
        return json.loads(session.get(HomelessnessAssessment, assessment_id).facts_json)


def test_what_the_officer_found_about_kim_and_leo_goes_to_the_engine_with_the_member_it_describes(team):
    case_id, ids = _household(team.officer)
    facts = _facts(_record(case_id, team.officer, ids))
    kim, leo = facts["household"]
    assert kim["relation"] == "partner" and kim["vulnerability"] == ["mental_illness"]
    assert kim["expected_babies"] == 2 and kim["local_connection_here"] is True and "needs_own_room" not in kim
    assert leo["relation"] == "child" and leo["needs_own_room"] is True and "vulnerability" not in leo
    assert facts["housing"]["domestic_abuse_victim"] == "member" and facts["housing"]["overnight_carer"] is True
    assert facts["intentionality"]["whose_act"] == "member" and "acquiesced" not in facts["intentionality"]
    assert facts["local_connection"]["asylum_support_here"] is True
    assert "care_leaver_here" not in facts["local_connection"]
    assert facts["history"] == {"decision_notified_on": (TODAY - timedelta(days=30)).isoformat(),
                                "review_requested_on": (TODAY - timedelta(days=9)).isoformat()}


def test_a_household_with_none_of_the_new_facts_is_assessed_on_the_facts_it_always_was(team):
    case_id, ids = _household(team.officer)
    facts = _facts(_record(
        case_id, team.officer, ids, housing={"has_accommodation": False, "domestic_abuse_victim": "member"},
        intentionality=None, local_connection=LOCAL, member_facts={}, history={}))
    assert "history" not in facts
    assert facts["housing"] == {"has_accommodation": False}  # who is at risk is read only with abuse
    assert all(set(m) == {"relation", "dob", "sex", "resides_with_applicant", "dependent", "pregnant"}
               for m in facts["household"])


def test_the_reassessment_starts_from_each_members_findings_and_the_dates_typed_last_time(team):
    case_id, ids = _household(team.officer)
    _record(case_id, team.officer, ids)
    start = cw.assessment_start(case_id=case_id, viewer_id=team.officer)
    assert start.members[ids["Kim"]] == {"vulnerability": ["mental_illness"], "expected_babies": 2,
                                         "needs_own_room": False, "local_connection_here": True}
    assert start.members[ids["Leo"]]["needs_own_room"] is True
    assert start.housing["domestic_abuse_victim"] == "member" and start.housing["overnight_carer"] is True
    assert start.intentionality["whose_act"] == "member"
    assert start.local_connection["asylum_support_here"] is True
    assert start.typed_history == {"decision_notified_on": TODAY - timedelta(days=30),
                                   "review_requested_on": TODAY - timedelta(days=9)}


def test_the_prevention_duty_start_is_read_from_the_case_never_typed(team):
    case_id, ids = _household(team.officer)
    began = TODAY - timedelta(days=20)
    _record(case_id, team.officer, ids, on=began, member_facts={}, intentionality=None, history={},
            housing={"has_accommodation": True, "likely_to_lose_on": TODAY + timedelta(days=10)},
            decisions={"duty": "prevention"}, override_reasons={"duty": "Threatened within 56 days"})
    move(case_id, team.officer, "prevention", on=began)
    assert cw.assessment_start(case_id=case_id, viewer_id=team.officer).prevention_duty_started_on == began
    again = _record(case_id, team.officer, ids, member_facts={}, intentionality=None, history={},
                    housing={"has_accommodation": True, "likely_to_lose_on": TODAY + timedelta(days=10)})
    assert _facts(again)["history"] == {"prevention_duty_started_on": began.isoformat()}


def test_the_children_act_questions_are_asked_of_a_16_or_17_year_old_only():
    assert cw.asks_children_act(dob=date(2009, 11, 23), on=TODAY)  # 17 today
    assert cw.asks_children_act(dob=date(2010, 11, 23), on=TODAY)  # 16 today
    assert not cw.asks_children_act(dob=date(2008, 11, 23), on=TODAY)  # 18 today
    assert not cw.asks_children_act(dob=date(2010, 11, 24), on=TODAY)  # 16 tomorrow


def test_the_decision_notified_by_a_letter_on_the_case_is_read_from_it_not_typed(team):
    from logic.models.letters import IssuedLetter

    case_id, ids = _household(team.officer)
    notified = TODAY - timedelta(days=12)
    with session_scope() as session:  # the s.184 letter the letters screen issued, collected that day
        session.add(IssuedLetter(case_id=case_id, letter_type="s184_not_priority", template_version=1,
                                 title="Decision", notification_kind="decision", notified_on=notified,
                                 review_request_by=notified + timedelta(days=20), options_json="{}", pdf=b"%PDF",
                                 sha256="0" * 64, size_bytes=4, issued_by_id=team.officer))
    assert cw.assessment_start(case_id=case_id, viewer_id=team.officer).decision_notified_on == notified
    facts = _facts(_record(case_id, team.officer, ids, member_facts={}, intentionality=None,
                           history={"decision_notified_on": TODAY - timedelta(days=40),
                                    "review_requested_on": TODAY - timedelta(days=2)}))
    assert facts["history"]["decision_notified_on"] == notified.isoformat()
