"""The compliance guard finds what the Ombudsman finds, on the case and in the team list; the
due-and-overdue view shows each clock from the stored rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from logic.cases import service as cases
from logic.casework import placements as ta
from logic.casework import plan as php
from logic.casework import service as cw
from logic.casework import views as views_casework
from logic.common.errors import FieldError
from tests.casework.helpers import (
    HOMELESS,
    TODAY,
    assess,
    days_ago,
    move,
    new_case,
    threatened_housing,
    version,
)


def _flags(case_id: int, viewer: int) -> set[str]:
    return {f.code for f in cw.casework_summary(case_id=case_id, viewer_id=viewer).flags}


def _team_problems(reference_of: int) -> set[str]:
    frame = views_casework.compliance_problems(today=TODAY)
    ref = f"HL-{reference_of:06d}"
    return set(frame[frame["reference"] == ref]["problem"])


def _notify(case_id: int, officer: int, on=TODAY) -> None:
    cw.record_duty_notified(case_id=case_id, expected_version=version(case_id, officer), officer_id=officer,
                            notified_on=on)


def _plan(case_id: int, officer: int) -> None:
    for owner in ("applicant", "council"):
        php.add_plan_step(case_id=case_id, expected_version=version(case_id, officer), officer_id=officer,
                          owner=owner, description=f"Step for the {owner}", due_on=days_ago(-10))


def test_a_duty_owed_with_no_written_plan_is_flagged_until_both_sides_have_steps(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    move(case_id, team.officer, "prevention", on=TODAY)
    assert "no_plan" in _flags(case_id, team.officer)
    assert "Owed a duty with no personalised housing plan" in _team_problems(case_id)
    php.add_plan_step(case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
                      owner="council", description="Negotiate with landlord")
    assert "no_plan" in _flags(case_id, team.officer)
    php.add_plan_step(case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
                      owner="applicant", description="Look for rooms on the list given")
    assert "no_plan" not in _flags(case_id, team.officer)


def test_a_duty_not_notified_within_the_policy_days_is_flagged(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(10), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(10))
    assert "duty_not_notified" in _flags(case_id, team.officer)
    assert "Duty not notified" in _team_problems(case_id)
    _notify(case_id, team.officer, on=days_ago(9))
    assert "duty_not_notified" not in _flags(case_id, team.officer)


def test_a_duty_started_today_is_not_yet_late_to_notify_but_is_due(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    assert "duty_not_notified" not in _flags(case_id, team.officer)
    due = views_casework.due_and_overdue(today=TODAY, officer_id=team.officer)
    assert "Notify the relief duty (s.189B(2)) in writing" in set(due["what"])


def test_a_plan_not_reviewed_in_the_policy_period_is_flagged(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    move(case_id, team.officer, "prevention", on=TODAY)
    _plan(case_id, team.officer)
    assert "plan_review_overdue" not in _flags(case_id, team.officer)
    later = TODAY + timedelta(days=40)  # the default policy reviews every 28 days
    assert "plan_review_overdue" in {f.code for f in cw.casework_summary(
        case_id=case_id, viewer_id=team.officer, today=later).flags}


def test_a_homeless_applicant_left_on_prevention_is_flagged(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(20), housing=threatened_housing(days_ago(20)))
    move(case_id, team.officer, "prevention", on=days_ago(20))
    assert "homeless_on_prevention" not in _flags(case_id, team.officer)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    assert "homeless_on_prevention" in _flags(case_id, team.officer)
    assert "Homeless applicant still on prevention" in _team_problems(case_id)
    move(case_id, team.officer, "relief", on=TODAY)
    assert "homeless_on_prevention" not in _flags(case_id, team.officer)


def test_a_prevention_case_past_the_date_the_home_was_to_be_lost_is_flagged(team):
    case_id = new_case(team)
    housing = {"has_accommodation": True, "likely_to_lose_on": days_ago(1)}
    assess(case_id, team.officer, on=days_ago(30), housing=housing)
    move(case_id, team.officer, "prevention", on=days_ago(30))
    assert "homeless_on_prevention" in _flags(case_id, team.officer)


def test_a_priority_need_applicant_in_relief_with_no_interim_accommodation_is_flagged(team):
    case_id = new_case(team, children=1)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    assert "no_interim_accommodation" in _flags(case_id, team.officer)
    placement = ta.request_placement(case_id=case_id, expected_version=version(case_id, team.officer),
                                     officer_id=team.officer, placement_type="hostel", address="2 Mill Lane",
                                     cost_per_night=40, starts_on=TODAY, reason="Family homeless tonight",
                                     legal_basis="s188_1_interim")
    assert "no_interim_accommodation" in _flags(case_id, team.officer)  # not until approved
    ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                        approver_id=team.senior, approve=True, reason="Suitable")
    assert "no_interim_accommodation" not in _flags(case_id, team.officer)


def test_a_single_applicant_without_priority_need_in_relief_is_not_flagged_for_interim(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    assert "no_interim_accommodation" not in _flags(case_id, team.officer)


def test_a_duty_owed_with_no_assessment_is_flagged(team):
    # cases moved on before Hearth (or by the seed) can hold a duty with no assessment behind it
    from logic.db import session_scope
    from logic.models import HousingCase
    from logic.models.casework import HomelessnessDuty

    case_id = new_case(team)
    with session_scope() as session:
        session.add(HomelessnessDuty(case_id=case_id, duty="relief", started_on=TODAY, started_by_id=team.officer))
        session.get(HousingCase, case_id).stage = "relief"
    assert "no_assessment" in _flags(case_id, team.officer)


def test_a_family_in_bed_and_breakfast_is_warned_before_six_weeks_and_flagged_after(team):
    case_id = new_case(team, children=2)
    assess(case_id, team.officer, on=days_ago(33), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(33))
    placement = ta.request_placement(case_id=case_id, expected_version=version(case_id, team.officer),
                                     officer_id=team.officer, placement_type="bed_and_breakfast",
                                     address="Kings B&B", cost_per_night=60, starts_on=days_ago(32),
                                     reason="Emergency: nothing else that night",
                                     legal_basis="s188_1_interim")
    ta.decide_placement(placement_id=placement, expected_version=version(case_id, team.senior),
                        approver_id=team.senior, approve=True, reason="Emergency only")
    due = views_casework.due_and_overdue(today=TODAY, officer_id=team.officer)
    bnb = due[due["what"].str.startswith("Family in B&B")].iloc[0]
    assert bnb["due_on"] == days_ago(32) + timedelta(days=41) and bnb["status"] == "warning"
    assert "bnb_family_over_limit" not in _flags(case_id, team.officer)
    later = TODAY + timedelta(days=15)
    assert "bnb_family_over_limit" in {f.code for f in cw.casework_summary(
        case_id=case_id, viewer_id=team.officer, today=later).flags}
    in_use = views_casework.placements_in_use(today=TODAY)
    assert in_use.iloc[0]["bnb_status"] == "warning"


def test_the_due_view_shows_the_relief_clock_and_plan_steps_for_the_officer_and_the_team(team):
    mine = new_case(team)
    assess(mine, team.officer, on=days_ago(50), housing=HOMELESS)
    move(mine, team.officer, "relief", on=days_ago(50))
    _plan(mine, team.officer)
    theirs = new_case(team, assigned_to=team.other_officer)
    assess(theirs, team.other_officer, on=days_ago(60), housing=HOMELESS)
    move(theirs, team.other_officer, "relief", on=days_ago(60))

    own = views_casework.due_and_overdue(today=TODAY, officer_id=team.officer)
    relief = own[own["what"].str.startswith("Relief duty: 56 days end")].iloc[0]
    assert relief["due_on"] == days_ago(50) + timedelta(days=55) and relief["days_left"] == 5
    assert {"Plan step (Applicant): Step for the applicant", "Plan step (Council): Step for the council"} <= \
        set(own["what"])
    assert set(own["reference"]) == {f"HL-{mine:06d}"}
    team_view = views_casework.due_and_overdue(today=TODAY)
    late = team_view[team_view["reference"] == f"HL-{theirs:06d}"]
    assert "overdue" in set(late["status"])


def test_the_approvals_queue_lists_requests_until_they_are_decided(team):
    case_id = new_case(team, children=1)
    assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    placement = ta.request_placement(case_id=case_id, expected_version=version(case_id, team.officer),
                                     officer_id=team.officer, placement_type="bed_and_breakfast",
                                     address="Kings B&B", cost_per_night=60, starts_on=TODAY, reason="Tonight",
                                     legal_basis="s188_1_interim")
    queue = views_casework.approvals_queue(today=TODAY)
    assert list(queue["kind"]) == ["placement"] and "Suitability Order 2003" in queue.iloc[0]["check"]
    ta.decide_placement(placement_id=placement, expected_version=int(queue.iloc[0]["case_version"]),
                        approver_id=team.senior, approve=True, reason="Emergency")
    assert views_casework.approvals_queue(today=TODAY).empty


def _flags_on(case_id: int, viewer: int, on) -> set[str]:
    return {f.code for f in cw.casework_summary(case_id=case_id, viewer_id=viewer, today=on).flags}


def test_a_plan_with_no_record_of_agreement_or_of_a_copy_given_is_flagged_after_ten_days(team):


    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    move(case_id, team.officer, "prevention", on=TODAY)
    _notify(case_id, team.officer)
    _plan(case_id, team.officer)
    assert not {"plan_not_agreed", "plan_copy_not_given"} & _flags_on(case_id, team.officer, TODAY + timedelta(days=10))
    later = _flags_on(case_id, team.officer, TODAY + timedelta(days=11))
    assert {"plan_not_agreed", "plan_copy_not_given"} <= later
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer, today=TODAY + timedelta(days=11))
    text = next(f for f in summary.flags if f.code == "plan_not_agreed")
    assert "due by 3 December 2026" in text.text and "s.189A(4)-(6)" in text.citation
    assert "casework standard 3.1" in text.citation
    copy = next(f for f in summary.flags if f.code == "plan_copy_not_given")
    assert "no copy given to the applicant" in copy.text and "s.189A(8)" in copy.citation

    # the applicant would not agree: the council records why (s.189A(6)); the plan stands
    with pytest.raises(FieldError, match=r"^Why the steps could not be agreed: write why"):
        php.record_plan_agreement(case_id=case_id, expected_version=version(case_id, team.officer),
                                  officer_id=team.officer, agreed=False, recorded_on=TODAY)
    with pytest.raises(FieldError, match=r"^Agreement recorded on: the plan was written on"):
        php.record_plan_agreement(case_id=case_id, expected_version=version(case_id, team.officer),
                                  officer_id=team.officer, agreed=True, recorded_on=days_ago(1))
    php.record_plan_agreement(case_id=case_id, expected_version=version(case_id, team.officer),
                              officer_id=team.officer, agreed=False, recorded_on=TODAY,
                              reason="Will only consider the town centre; the steps are reasonable")
    php.record_plan_copy_given(case_id=case_id, expected_version=version(case_id, team.officer),
                               officer_id=team.officer, given_on=TODAY)
    assert not {"plan_not_agreed", "plan_copy_not_given"} & _flags_on(case_id, team.officer, TODAY + timedelta(days=11))
    events = cases.open_case_record(case_id=case_id, viewer_id=team.officer).events
    assert [e.kind for e in events[:2]] == ["plan_copy_given", "plan_not_agreed"]
    assert "could not be agreed" in events[1].summary and "s.189A(6)" in events[1].summary
    assert events[1].reason == "Will only consider the town centre; the steps are reasonable"
