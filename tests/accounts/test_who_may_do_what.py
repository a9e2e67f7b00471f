"""Who may do what on a case, and the reason each is given: the answers the screens ask for
before they offer an action, and the same answers the services refuse with."""

from __future__ import annotations

from datetime import date

import pytest

from logic.accounts.service import SignedInOfficer
from logic.cases import service as cases
from logic.casework import placements
from logic.common.errors import PermissionDenied
from logic.front_door import safeguarding
from logic.letters import service as letters
from logic.register import housekeeping
from logic.register import service as register
from logic.training import service as training
from logic.workload import profiles

ON = date(2026, 11, 23)


def _someone(role: str, officer_id: int) -> SignedInOfficer:
    level = "prevention" if role == "trainee" else None
    return SignedInOfficer(id=officer_id, username=role, full_name=f"A {role}", role=role,
                           team="Housing options", competency_level=level)


TRAINEE, OFFICER, SENIOR, MANAGER, ADMIN = (_someone(r, i) for i, r in enumerate(
    ["trainee", "officer", "senior", "manager", "admin"], start=1))


def test_an_officer_may_not_reassign_a_case_and_is_told_who_can():
    answer = cases.may_reassign(OFFICER)
    assert not answer
    assert answer.reason == "Only a senior officer or a manager can reassign cases."
    with pytest.raises(PermissionDenied, match="Only a senior officer or a manager"):
        answer.require()


def test_a_senior_may_reassign_a_case_and_oversee_the_team():
    assert cases.may_reassign(SENIOR) and cases.may_oversee_team(SENIOR)
    assert "reason" in cases.may_reassign(SENIOR).reason
    assert not cases.may_oversee_team(TRAINEE)


def test_an_administrator_holds_no_cases_but_every_caseworker_does():
    assert not cases.may_hold_cases(ADMIN)
    assert cases.may_hold_cases(ADMIN).reason == "An administrator account does not hold cases."
    assert all(cases.may_hold_cases(o) for o in (TRAINEE, OFFICER, SENIOR, MANAGER))


def test_only_a_senior_or_a_manager_ends_a_safeguarding_flag():
    assert not safeguarding.may_end_flag(TRAINEE) and not safeguarding.may_end_flag(OFFICER)
    assert safeguarding.may_end_flag(OFFICER).reason == (
        "Only a senior officer or a manager can end a safeguarding flag.")
    assert safeguarding.may_end_flag(SENIOR) and safeguarding.may_end_flag(MANAGER)


def test_a_trainee_drafts_but_does_not_issue_letters():
    answer = letters.may_issue_letters(TRAINEE, "homelessness")
    assert not answer
    assert "a trainee's letters are issued by their senior officer" in answer.reason


def test_an_officer_writes_letters_on_homelessness_cases_but_none_go_out_on_advice():
    assert letters.may_issue_letters(OFFICER, "homelessness")
    assert letters.may_issue_letters(OFFICER, "register")
    advice = letters.may_issue_letters(OFFICER, "advice")
    assert not advice and advice.reason == "No letters are sent on advice cases."


def test_the_register_scheme_names_who_decides_a_review_and_the_paragraph_it_rests_on():
    refused = register.may_decide_review(OFFICER, on=ON)
    assert not refused
    assert refused.reason.startswith("Reviews are decided by a senior or manager")
    assert "para 10.2" in refused.reason
    allowed = register.may_decide_review(SENIOR, on=ON)
    assert allowed and "unless they made the decision under review" in allowed.reason


def test_a_senior_lapses_overdue_applications_but_only_a_manager_runs_housekeeping():
    assert register.may_lapse_applications(SENIOR)
    assert not register.may_lapse_applications(OFFICER)
    assert not housekeeping.may_run_housekeeping(SENIOR)
    assert housekeeping.may_run_housekeeping(SENIOR).reason == (
        "Only a manager runs the housekeeping recalculation of bedroom need.")
    assert housekeeping.may_run_housekeeping(MANAGER)


def test_team_leads_follow_their_team_s_practice_and_a_trainee_follows_their_own():
    assert training.may_follow_team(SENIOR) and training.may_follow_team(MANAGER)
    answer = training.may_follow_team(TRAINEE)
    assert not answer
    assert answer.reason == "Only a senior officer or a manager sees the team's practice."


def test_a_senior_may_not_approve_the_placement_they_asked_for():
    own = placements.may_decide_request(SENIOR, kind="placement", requested_by_id=SENIOR.id, on=ON)
    assert not own
    assert own.reason == "You asked for this placement, so another senior officer must decide it."
    assert placements.may_decide_request(MANAGER, kind="placement", requested_by_id=SENIOR.id,
                                         on=ON)


def test_an_officer_may_not_approve_financial_assistance_at_all():
    answer = placements.may_decide_request(OFFICER, kind="financial_assistance",
                                           requested_by_id=TRAINEE.id, on=ON)
    assert not answer
    assert answer.reason == ("Only a senior or manager officer can approve or refuse financial "
                             "assistance.")


def test_a_trainee_books_their_own_absence_and_a_manager_books_anyone_s():
    assert profiles.may_record_absences(TRAINEE, TRAINEE.id)
    refused = profiles.may_record_absences(SENIOR, TRAINEE.id)
    assert not refused
    assert refused.reason == "You can record only your own absences; a manager records anyone's."
    assert profiles.may_record_absences(MANAGER, TRAINEE.id)


def test_a_senior_opens_anyone_s_profile_but_an_officer_only_their_own():
    assert profiles.may_open_profile(OFFICER, OFFICER.id)
    assert not profiles.may_open_profile(OFFICER, TRAINEE.id)
    assert profiles.may_open_profile(SENIOR, TRAINEE.id)


def test_only_a_manager_sets_hours_and_a_competency_level_only_for_a_trainee():
    assert not profiles.may_change_hours(SENIOR)
    assert profiles.may_change_hours(SENIOR).reason == (
        "Only a manager can change an officer's hours.")
    assert profiles.may_set_competency(MANAGER, "trainee")
    officer = profiles.may_set_competency(MANAGER, "officer")
    assert not officer and officer.reason == "Competency levels apply to trainees only."
    assert not profiles.may_set_competency(SENIOR, "trainee")
