"""Allocation, bulk reallocation and officer profiles through the services (both backends)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from logic import db
from logic.common.errors import FieldError, PermissionDenied, StaleRecord
from logic.models import AuditLog, CaseEvent, HousingCase, Officer
from logic.models.casework import HomelessnessAssessment
from logic.workload import allocation
from logic.workload import profiles as officer_profiles
from tests.workload.builders import TODAY, Office, _case, _event, _household, at, small_office


@pytest.fixture
def office(team) -> Office:
    return small_office(team)


def _new_case(team, stage: str = "prevention", household_id: int | None = None) -> int:
    with Session(db.engine_for()) as session:
        household = household_id or _household(session, "HH-000099", "9 Low Rd", 1)
        case_id = _case(session, "HL-000099", household, "homelessness", stage, None, at(2026, 6, 16))
        _event(session, case_id, team.senior, "case_opened", at(2026, 6, 16))
        session.commit()
    return case_id


def _case_row(case_id: int) -> HousingCase:
    with Session(db.engine_for()) as session:
        return session.get(HousingCase, case_id)


def _events(case_id: int, kind: str) -> list[CaseEvent]:
    with Session(db.engine_for()) as session:
        return session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                    CaseEvent.kind == kind)).all()


def test_a_manager_allocates_a_new_case_to_the_first_ranked_officer_with_the_reason_on_the_case(team, office):
    case_id = _new_case(team)
    proposal = allocation.suggest_officers(actor_id=team.manager, case_id=case_id, today=TODAY)
    best = proposal.best
    # Tim (1.0) and Olga (1.95) and Sade (0): Sade the senior holds nothing, so she is first
    assert best.officer_id == team.senior
    allocation.allocate_case(actor_id=team.manager, case_id=case_id, expected_version=1,
                             to_officer_id=best.officer_id, today=TODAY)
    assert _case_row(case_id).assigned_officer_id == team.senior
    (event,) = _events(case_id, "allocated")
    assert "Ranked 1 of" in event.reason and "para 2.2" in event.reason
    assert event.actor_id == team.manager
    with Session(db.engine_for()) as session:
        assert session.exec(select(AuditLog).where(AuditLog.entity_id == case_id,
                                                   AuditLog.action == "update")).first()


def test_choosing_anyone_but_the_first_needs_a_reason_and_a_gated_trainee_is_refused(team, office):
    case_id = _new_case(team, stage="main_duty_decision")
    with pytest.raises(FieldError) as refused:
        allocation.allocate_case(actor_id=team.manager, case_id=case_id, expected_version=1,
                                 to_officer_id=team.officer, today=TODAY)
    assert refused.value.field == "reason"
    with pytest.raises(FieldError) as gated:
        allocation.allocate_case(actor_id=team.manager, case_id=case_id, expected_version=1,
                                 to_officer_id=team.trainee, reason="Tim asked for it", today=TODAY)
    assert gated.value.field == "to_officer_id" and "17 months in post" in gated.value.problem
    assert _case_row(case_id).assigned_officer_id is None and not _events(case_id, "allocated")
    allocation.allocate_case(actor_id=team.manager, case_id=case_id, expected_version=1,
                             to_officer_id=team.officer, reason="Olga knows the landlord", today=TODAY)
    assert _events(case_id, "allocated")[0].reason.startswith("Olga knows the landlord")


def test_an_officer_cannot_allocate_and_an_allocated_case_is_not_allocated_again(team, office):
    case_id = _new_case(team)
    with pytest.raises(PermissionDenied):
        allocation.suggest_officers(actor_id=team.officer, case_id=case_id, today=TODAY)
    with pytest.raises(FieldError, match="already with"):
        allocation.allocate_case(actor_id=team.manager, case_id=office.c1, expected_version=1,
                                 to_officer_id=team.senior, today=TODAY)


def test_a_stale_allocation_is_refused(team, office):
    case_id = _new_case(team)
    allocation.allocate_case(actor_id=team.manager, case_id=case_id, expected_version=1,
                             to_officer_id=team.senior, today=TODAY)
    with pytest.raises((StaleRecord, FieldError)):
        allocation.allocate_case(actor_id=team.senior, case_id=case_id, expected_version=1,
                                 to_officer_id=team.officer, reason="x", today=TODAY)


def test_continuity_puts_the_officer_who_knows_the_household_first(team, office):
    case_id = _new_case(team, household_id=office.h3)  # Olga holds HR-000004 of this household
    proposal = allocation.suggest_officers(actor_id=team.manager, case_id=case_id, today=TODAY)
    assert proposal.best.officer_id in (team.officer, team.trainee)  # both hold a case of H3
    assert proposal.best.continuity


def test_an_absent_officers_cases_are_moved_each_with_an_event_and_nothing_half_done(team, office):
    away_from, away_to = TODAY, TODAY + timedelta(days=13)
    moves = allocation.propose_reallocation(actor_id=team.manager, from_officer_id=team.officer,
                                            starts_on=away_from, ends_on=away_to)
    assert {m.reference for m in moves} == {"HL-000001", "HR-000004"}
    # the trainee may hold relief but not register cases; nobody is given a gated case
    by_ref = {m.reference: m for m in moves}
    assert by_ref["HR-000004"].to_officer_id != team.trainee
    plan = [(m.case_id, m.version, m.to_officer_id) for m in moves]

    with pytest.raises(FieldError, match="^Reason: say why") as refused:
        allocation.reallocate_cases(actor_id=team.manager, from_officer_id=team.officer,
                                    starts_on=away_from, ends_on=away_to, reason=" ", moves=plan)
    assert refused.value.field == "reason"
    stale = [(cid, ver + 1 if cid == office.c4 else ver, to) for cid, ver, to in plan]
    with pytest.raises(StaleRecord):
        allocation.reallocate_cases(actor_id=team.manager, from_officer_id=team.officer,
                                    starts_on=away_from, ends_on=away_to, reason="Leave", moves=stale)
    assert _case_row(office.c1).assigned_officer_id == team.officer  # rolled back whole

    moved = allocation.reallocate_cases(actor_id=team.manager, from_officer_id=team.officer,
                                        starts_on=away_from, ends_on=away_to,
                                        reason="Olga on annual leave", moves=plan)
    assert moved == 2
    for case_id, _version, to in plan:
        assert _case_row(case_id).assigned_officer_id == to
        (event,) = _events(case_id, "reassigned")
        assert event.reason.startswith("Olga on annual leave") and "away" in event.reason


def test_reallocation_refuses_a_gated_target_chosen_by_hand(team, office):
    with pytest.raises(FieldError, match="HR-000004"):
        allocation.reallocate_cases(actor_id=team.manager, from_officer_id=team.officer,
                                    starts_on=TODAY, ends_on=TODAY + timedelta(days=5),
                                    reason="Sick", moves=[(office.c4, 1, team.trainee)])


def test_an_officer_books_their_own_absence_and_overlaps_are_refused(team):
    absence = officer_profiles.record_absence(actor_id=team.officer, officer_id=team.officer,
                                              kind="leave", starts_on=TODAY, ends_on=TODAY + timedelta(days=4))
    with pytest.raises(FieldError) as clash:
        officer_profiles.record_absence(actor_id=team.officer, officer_id=team.officer, kind="training",
                                        starts_on=TODAY + timedelta(days=4), ends_on=TODAY + timedelta(days=4))
    assert clash.value.field == "starts_on" and "overlaps" in clash.value.problem
    with pytest.raises(FieldError) as backwards:
        officer_profiles.record_absence(actor_id=team.officer, officer_id=team.officer, kind="leave",
                                        starts_on=TODAY, ends_on=TODAY - timedelta(days=1))
    assert backwards.value.field == "ends_on"
    with pytest.raises(FieldError) as kind:
        officer_profiles.record_absence(actor_id=team.officer, officer_id=team.officer, kind="holiday",
                                        starts_on=TODAY, ends_on=TODAY)
    assert kind.value.field == "kind"
    with pytest.raises(PermissionDenied):
        officer_profiles.record_absence(actor_id=team.officer, officer_id=team.other_officer,
                                        kind="leave", starts_on=TODAY, ends_on=TODAY)
    with pytest.raises(PermissionDenied):
        officer_profiles.cancel_absence(actor_id=team.other_officer, absence_id=absence, reason="x")
    officer_profiles.cancel_absence(actor_id=team.manager, absence_id=absence, reason="Leave moved")
    profile = officer_profiles.officer_profile(viewer_id=team.officer, officer_id=team.officer, today=TODAY)
    assert profile.absences[0].cancelled and profile.absences[0].cancel_reason == "Leave moved"
    # a cancelled absence no longer blocks the dates
    officer_profiles.record_absence(actor_id=team.manager, officer_id=team.officer, kind="sickness",
                                    starts_on=TODAY, ends_on=TODAY)


def test_an_officer_on_leave_is_not_suggested_for_a_new_case(team, office):
    officer_profiles.record_absence(actor_id=team.senior, officer_id=team.senior, kind="leave",
                                    starts_on=TODAY, ends_on=TODAY + timedelta(days=2))
    case_id = _new_case(team)
    proposal = allocation.suggest_officers(actor_id=team.manager, case_id=case_id, today=TODAY)
    senior = next(s for s in proposal.suggestions if s.officer_id == team.senior)
    assert not senior.eligible and "leave" in senior.explanation
    assert proposal.best.officer_id != team.senior


def test_a_manager_sets_a_trainees_level_only_when_the_months_allow_and_hours_change(team):
    with pytest.raises(FieldError) as early:
        officer_profiles.set_competency(actor_id=team.manager, officer_id=team.trainee, level="full",
                                        since=TODAY, reason="Good work", today=TODAY)
    assert early.value.field == "level" and "24 months" in early.value.problem
    with pytest.raises(PermissionDenied):
        officer_profiles.set_competency(actor_id=team.senior, officer_id=team.trainee, level="relief",
                                        since=TODAY, reason="Signed off", today=TODAY)
    with pytest.raises(FieldError) as not_trainee:
        officer_profiles.set_competency(actor_id=team.manager, officer_id=team.officer, level="relief",
                                        since=TODAY, reason="x", today=TODAY)
    assert not_trainee.value.field == "officer_id"
    officer_profiles.set_competency(actor_id=team.manager, officer_id=team.trainee, level="prevention",
                                    since=date(2026, 6, 1), reason="Relief sign-off not yet passed",
                                    today=TODAY)
    profile = officer_profiles.officer_profile(viewer_id=team.manager, officer_id=team.trainee, today=TODAY)
    assert profile.recorded_level == "prevention" and profile.competency.level.code == "prevention"
    assert profile.competency_history[0].reason == "Relief sign-off not yet passed"

    with pytest.raises(FieldError) as hours:
        officer_profiles.set_hours(actor_id=team.manager, officer_id=team.officer, hours_per_week=60,
                                   reason="x")
    assert hours.value.field == "hours_per_week"
    officer_profiles.set_hours(actor_id=team.manager, officer_id=team.officer, hours_per_week=22.5,
                               reason="Flexible working request agreed")
    with Session(db.engine_for()) as session:
        assert session.get(Officer, team.officer).hours_per_week == 22.5
    with pytest.raises(PermissionDenied):
        officer_profiles.officer_profile(viewer_id=team.officer, officer_id=team.trainee, today=TODAY)


def _assess(case_id: int, officer_id: int, *, inquiry: bool) -> None:
    """The s.189A assessment on the case; with ``inquiry`` its facts hold the s.191 findings
    the officer is inquiring into (the engine's input, as casework stores it)."""
    facts = {"assessment_date": "2026-06-16"}
    if inquiry:
        facts["intentionality"] = {"deliberate_act_or_omission": True, "good_faith_unaware": False,
                                   "caused_loss": True, "accommodation_available_and_reasonable": True}
    with Session(db.engine_for()) as session:
        session.add(HomelessnessAssessment(
            case_id=case_id, assessed_on=date(2026, 6, 16), assessed_by_id=officer_id,
            circumstances="Evicted for rent arrears", housing_needs="Two-bedroom home",
            support_needs="None", facts_json=json.dumps(facts), determination_json="{}",
            eligible=True, homelessness="homeless", priority_need=True,
            intentionally_homeless=False, local_connection=True, duty="relief", engine_duty="relief"))
        session.commit()


def test_a_trainee_below_the_intentionality_level_is_refused_a_case_with_an_intentionality_inquiry(
        team, office):
    # Tim, 17 months in post, may hold relief cases but not an intentionality inquiry (para 6.4)
    plain = _new_case(team, stage="relief")
    _assess(plain, team.officer, inquiry=False)
    allocation.allocate_case(actor_id=team.manager, case_id=plain, expected_version=1,
                             to_officer_id=team.trainee, reason="Tim's patch", today=TODAY)
    assert _case_row(plain).assigned_officer_id == team.trainee

    with Session(db.engine_for()) as session:
        household = _household(session, "HH-000098", "8 Low Rd", 1)
        inquiring = _case(session, "HL-000098", household, "homelessness", "relief", None, at(2026, 6, 16))
        session.commit()
    _assess(inquiring, team.officer, inquiry=True)
    proposal = allocation.suggest_officers(actor_id=team.manager, case_id=inquiring, today=TODAY)
    (tim,) = [s for s in proposal.suggestions if s.officer_id == team.trainee]
    assert not tim.eligible and "intentionality inquiry" in tim.explanation
    with pytest.raises(FieldError) as gated:
        allocation.allocate_case(actor_id=team.manager, case_id=inquiring, expected_version=1,
                                 to_officer_id=team.trainee, reason="Tim's patch", today=TODAY)
    assert gated.value.field == "to_officer_id"
    assert "17 months in post" in gated.value.problem
    assert "a homelessness case at relief with an intentionality inquiry" in gated.value.problem
    assert _case_row(inquiring).assigned_officer_id is None
    # the case weighs its relief stage plus the inquiry: 1.5 + 1.0
    assert proposal.weight == pytest.approx(2.5)
