"""A homelessness decision can be challenged: the applicant asks for a review within 21 days
(s.202(3)), a reviewer senior to the decision-maker and not involved in it decides (s.203(2)(a);
Homelessness (Review Procedure etc.) Regulations 2018 Part 3), after a minded-to notice only once
the applicant could answer it (reg 7(2)), within the regulations' period (reg 9(1)); an
overturned decision makes the duty owed again, and the review decision may be appealed (s.204)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from logic import db
from logic.cases import service as cases
from logic.casework import reviews
from logic.casework import service as cw
from logic.casework import views as cw_views
from logic.common.errors import FieldError, PermissionDenied, Refused
from logic.db import engine_for
from logic.letters import service as letters
from logic.models import Officer
from tests.casework.helpers import TODAY
from tests.letters.helpers import OPTIONS, case_after_relief_day_57, case_with_duty_ended, version


def _not_in_priority_need(team, *, issued_by: int | None = None) -> tuple[int, int]:
    """A single homeless man whose relief duty ran out; the council decided he is not in priority
    need (no further duty, s.189B(7)(b)) and sent the s.184 letter today. (case id, letter id)"""
    case_id = case_after_relief_day_57(team, children=0, then="no_further_duty")
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="s184_not_priority_need",
                                  officer_id=issued_by or team.officer,
                                  options=OPTIONS["s184_not_priority_need"])
    return case_id, letter.id


def _ask(team, case_id: int, letter_id: int, on: date, **kw) -> int:
    officer = kw.pop("officer", team.officer)
    return reviews.request_review(case_id=case_id, expected_version=version(case_id, officer),
                                  officer_id=officer, letter_id=letter_id, ground=kw.pop("ground", "b"),
                                  requested_on=on, **kw)


def _assign(team, case_id: int, review_id: int, reviewer: int, *, by: int | None = None) -> int:
    by = by or team.manager
    return reviews.assign_reviewer(review_id=review_id, expected_version=version(case_id, by),
                                   officer_id=by, reviewer_id=reviewer, assigned_on=TODAY)


def _decide(case_id: int, review_id: int, reviewer: int, outcome: str, on: date, **kw) -> int:
    return reviews.decide_review(review_id=review_id, expected_version=version(case_id, reviewer),
                                 officer_id=reviewer, outcome=outcome, decided_on=on,
                                 reasons=kw.pop("reasons", "The GP's letter shows he is vulnerable."), **kw)


def _second_senior() -> int:
    with Session(db.engine_for()) as session:
        other = Officer(username="sid.senior", full_name="Sid Senior", role="senior", password_hash="x",
                        email="sid.senior@council.example", started_on=date(2024, 1, 8))
        session.add(other)
        session.commit()
        return other.id


def _due(case_id: int, viewer: int) -> dict[str, list]:
    summary = cw.casework_summary(case_id=case_id, viewer_id=viewer)
    found: dict[str, list] = {}
    for item, _ in summary.deadlines:
        found.setdefault(item.kind, []).append(item)
    return found


def _duties(case_id: int) -> list[tuple]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT duty, started_on, ended_on FROM homelessness_duty WHERE case_id = :c "
            "ORDER BY started_on, id"), {"c": case_id})]


def test_a_review_asked_in_time_replaces_the_request_window_with_the_decision_deadline(team, frozen_clock):
    # the prevention duty was ended today (she found a home) and the notice sent
    case_id = case_with_duty_ended(team)
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="duty_ended", officer_id=team.officer,
                                  options=OPTIONS["duty_ended"])
    assert [i.due_on for i in _due(case_id, team.officer)["review_request"]] == [TODAY + timedelta(days=20)]

    frozen_clock(TODAY + timedelta(days=20))  # the 21st day, counting the day of notification
    review_id = reviews.request_review(case_id=case_id, expected_version=version(case_id, team.officer),
                                       officer_id=team.officer, letter_id=letter.id, ground="bc_ii",
                                       requested_on=TODAY + timedelta(days=20))

    due = _due(case_id, team.officer)
    assert "review_request" not in due
    [decision] = due["review_decision"]
    # a notice ending the prevention duty: 3 weeks beginning with the day of the request
    assert decision.due_on == TODAY + timedelta(days=20 + 20)
    assert "reg 9(1)(a)" in decision.citation and "Notice that your prevention duty has ended" in decision.what
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    assert (view.id, view.in_time, view.status) == (review_id, True, "Open")
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert any(e.kind == "review_requested" and "in time" in e.summary for e in record.events)


def test_the_not_in_priority_need_letter_opens_a_21_day_request_window_until_a_review_is_asked(team):
    # no duty row records this decision: the s.184 letter is it, and the 21 days run from it
    case_id, letter_id = _not_in_priority_need(team)
    [window] = _due(case_id, team.officer)["review_request"]
    assert window.due_on == TODAY + timedelta(days=20)
    assert "not in priority need" in window.what and "s.202" in window.citation
    _ask(team, case_id, letter_id, TODAY)
    assert "review_request" not in _due(case_id, team.officer)


def test_a_review_of_a_section_184_decision_is_due_within_eight_weeks(team):
    case_id, letter_id = _not_in_priority_need(team)
    _ask(team, case_id, letter_id, TODAY)
    [decision] = _due(case_id, team.officer)["review_decision"]
    assert decision.due_on == TODAY + timedelta(days=55)  # 8 weeks beginning with the request day
    assert "reg 9(1)(b)" in decision.citation and "not in priority need" in decision.what


def test_a_request_after_21_days_needs_the_councils_decision_to_accept_it_late(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    late = TODAY + timedelta(days=21)  # day 22
    frozen_clock(late)
    with pytest.raises(FieldError, match="after the 21 days ended on 13 December 2026"):
        _ask(team, case_id, letter_id, late)
    assert reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer) == []
    # an officer may record the request, but the council's discretion is a reviewer's
    with pytest.raises(PermissionDenied):
        _ask(team, case_id, letter_id, late, late_accepted=True, late_reason="In hospital until last week.")
    with pytest.raises(FieldError, match="Why the late request is accepted or refused"):
        _ask(team, case_id, letter_id, late, late_accepted=True, officer=team.senior)

    _ask(team, case_id, letter_id, late, late_accepted=True, officer=team.senior,
         late_reason="He was in hospital for the whole 21 days; the discharge letter is on file.")
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    assert (view.in_time, view.late_accepted, view.status) == (False, True, "Open")


def test_a_late_request_the_council_refuses_is_kept_and_opens_no_review(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    frozen_clock(TODAY + timedelta(days=40))
    _ask(team, case_id, letter_id, TODAY + timedelta(days=40), late_accepted=False, officer=team.senior,
         late_reason="No reason was given for the delay of nearly three weeks.")
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    assert view.status == "Late request refused"
    assert "review_decision" not in _due(case_id, team.officer)
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert any(e.kind == "review_late_refused" for e in record.events)


def test_a_decision_under_review_is_no_longer_offered_for_a_new_request_until_the_request_is_withdrawn(team):
    case_id, letter_id = _not_in_priority_need(team)
    offered = [d.letter_id for d in reviews.reviewable_decisions(case_id=case_id, viewer_id=team.officer)]
    assert letter_id in offered
    review_id = _ask(team, case_id, letter_id, TODAY)
    assert letter_id not in [d.letter_id for d in reviews.reviewable_decisions(case_id=case_id,
                                                                                 viewer_id=team.officer)]
    _assign(team, case_id, review_id, team.senior)
    _decide(case_id, review_id, team.senior, "withdrawn", TODAY, reasons="He found a flat himself.")
    assert letter_id in [d.letter_id for d in reviews.reviewable_decisions(case_id=case_id,
                                                                             viewer_id=team.officer)]


def test_a_second_review_of_a_decision_under_review_is_refused(team):
    case_id, letter_id = _not_in_priority_need(team)
    _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(Refused, match="is still open"):
        _ask(team, case_id, letter_id, TODAY)


def test_the_officer_who_issued_the_decision_cannot_review_it(team):
    case_id, letter_id = _not_in_priority_need(team, issued_by=team.senior)
    review_id = _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(FieldError, match="^Reviewer: Sade Senior issued the decision letter: the reviewer must "
                                         "not have been involved"):
        _assign(team, case_id, review_id, team.senior)


def test_the_officer_who_assessed_the_case_cannot_review_the_decision(team):
    # the officer assessed and recorded the decision; a manager issued the letter: the officer is
    # neither senior to the manager nor uninvolved
    case_id, letter_id = _not_in_priority_need(team, issued_by=team.manager)
    review_id = _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(FieldError, match="Olga Officer is a housing options officer; the council's reviewers"):
        _assign(team, case_id, review_id, team.officer)


def test_a_reviewer_not_senior_to_the_decision_maker_is_refused(team):
    case_id, letter_id = _not_in_priority_need(team, issued_by=team.senior)
    review_id = _ask(team, case_id, letter_id, TODAY)
    other_senior = _second_senior()
    with pytest.raises(FieldError, match="Sid Senior \\(senior officer\\) is not senior to Sade Senior"):
        _assign(team, case_id, review_id, other_senior)
    assert reviews.reviewer_choices(review_id=review_id, viewer_id=team.manager) == {
        team.manager: "Mo Manager (Manager)"}
    _assign(team, case_id, review_id, team.manager)
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    assert view.reviewer == "Mo Manager"


def test_only_a_reviewer_role_assigns_a_review(team):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(PermissionDenied, match="Only a senior officer or manager"):
        _assign(team, case_id, review_id, team.senior, by=team.other_officer)


def test_after_a_minded_to_notice_an_adverse_decision_waits_for_representations(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    _assign(team, case_id, review_id, team.senior)
    reviews.give_minded_to_notice(
        review_id=review_id, expected_version=version(case_id, team.senior), officer_id=team.senior,
        notified_on=TODAY, points="The medical evidence was not put to you; I am minded to find you "
                                  "not vulnerable all the same.")
    by = TODAY + timedelta(days=9)  # the council's 10 days, beginning with the day of the notice
    assert _due(case_id, team.officer)["review_representations"][0].due_on == by

    frozen_clock(TODAY + timedelta(days=3))
    with pytest.raises(FieldError, match="^Decided on: the applicant was told on 23 November 2026 .* none are "
                                         "recorded, so the review cannot be decided before 3 December 2026"):
        _decide(case_id, review_id, team.senior, "upheld", TODAY + timedelta(days=3))
    with pytest.raises(FieldError, match="that none came can be recorded only after"):
        reviews.record_representations(review_id=review_id, expected_version=version(case_id, team.senior),
                                       officer_id=team.senior, received_on=TODAY + timedelta(days=3),
                                       kind="none")
    reviews.record_representations(
        review_id=review_id, expected_version=version(case_id, team.senior), officer_id=team.senior,
        received_on=TODAY + timedelta(days=3), kind="written",
        summary="His solicitor sent a letter from his psychiatrist.")
    _decide(case_id, review_id, team.senior, "upheld", TODAY + timedelta(days=3))
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    assert (view.status, view.outcome_code) == ("Decided", "upheld")


def test_only_the_assigned_reviewer_decides(team):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(Refused, match="Assign a reviewer first"):
        _decide(case_id, review_id, team.senior, "upheld", TODAY)
    _assign(team, case_id, review_id, team.senior)
    with pytest.raises(Refused, match="Only the reviewer assigned"):
        _decide(case_id, review_id, team.manager, "upheld", TODAY)


def test_overturning_not_in_priority_need_makes_the_main_housing_duty_owed_from_the_review(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    _assign(team, case_id, review_id, team.senior)
    decided = TODAY + timedelta(days=30)
    frozen_clock(decided)
    decision_id = _decide(case_id, review_id, team.senior, "overturned", decided,
                          reasons="His psychiatrist's letter shows he is vulnerable (s.189(1)(c)).")

    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert record.stage == "main_duty"
    assert _duties(case_id)[-1] == ("main_duty", decided, None)
    kinds = [e.kind for e in record.events]
    assert {"review_decided", "duty_started", "stage_changed"} <= set(kinds)
    moved = next(e for e in record.events if e.kind == "stage_changed" and "Review" in e.summary)
    assert "s.193(2)" in moved.summary and moved.reason.startswith("His psychiatrist")
    with engine_for().connect() as c:
        duty_id = c.execute(sa.text("SELECT duty_id FROM part7_review_decision WHERE id = :d"),
                            {"d": decision_id}).scalar_one()
    assert duty_id is not None
    assert "review_decision" not in _due(case_id, team.officer)


def test_an_upheld_decision_leaves_the_case_as_it_is_and_may_be_appealed_within_21_days(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    _assign(team, case_id, review_id, team.senior)
    _decide(case_id, review_id, team.senior, "upheld", TODAY)
    assert cases.open_case_record(case_id=case_id, viewer_id=team.officer).stage == "no_further_duty"
    [window] = _due(case_id, team.officer)["appeal_window"]
    assert window.due_on == TODAY + timedelta(days=20) and "s.204(2)" in window.citation

    frozen_clock(TODAY + timedelta(days=25))
    with pytest.raises(FieldError, match="record whether the court gave permission"):
        reviews.record_appeal(review_id=review_id, expected_version=version(case_id, team.officer),
                              officer_id=team.officer, lodged_on=TODAY + timedelta(days=25))
    appeal_id = reviews.record_appeal(
        review_id=review_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        lodged_on=TODAY + timedelta(days=25), late_permission=True,
        permission_note="The court extended time: the solicitor was appointed late.")
    reviews.record_appeal_outcome(appeal_id=appeal_id, expected_version=version(case_id, team.officer),
                                  officer_id=team.officer, outcome="confirmed",
                                  decided_on=TODAY + timedelta(days=25))
    [view] = reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)
    [appeal] = view.appeals
    assert (appeal.in_time, appeal.late_permission) == (False, True)
    assert appeal.outcome == "Review decision confirmed (appeal dismissed)"


def test_a_review_not_decided_in_eight_weeks_is_a_compliance_flag(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    _ask(team, case_id, letter_id, TODAY)
    frozen_clock(TODAY + timedelta(days=56))  # the 8 weeks ended the day before
    flags = cw.casework_summary(case_id=case_id, viewer_id=team.officer).flags
    [flag] = [f for f in flags if f.code == "review_decision_overdue"]
    assert "due by 17 January 2027" in flag.text and "reg 9(1)(b)" in flag.citation


def test_the_senior_who_recorded_the_decision_on_the_case_cannot_review_it(team):
    # the officer assessed and sent the letter; the senior officer recorded "no further duty"
    case_id = case_after_relief_day_57(team, children=0)
    cw.change_stage(case_id=case_id, expected_version=version(case_id, team.senior), officer_id=team.senior,
                    to_stage="no_further_duty", on=TODAY - timedelta(days=7), reason="Not in priority need.")
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="s184_not_priority_need", officer_id=team.officer,
                                  options=OPTIONS["s184_not_priority_need"])
    review_id = _ask(team, case_id, letter.id, TODAY)
    with pytest.raises(FieldError, match="Sade Senior recorded the decision on the case"):
        _assign(team, case_id, review_id, team.senior)
    _assign(team, case_id, review_id, team.manager)


def test_withdrawing_a_notice_that_ended_a_duty_reopens_the_closed_case_and_the_duty(team, frozen_clock):
    case_id = case_with_duty_ended(team)
    letter = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="duty_ended", officer_id=team.officer,
                                  options=OPTIONS["duty_ended"])
    cases.close_case(case_id=case_id, expected_version=version(case_id, team.officer), actor_id=team.officer,
                     reason="Duty ended: she found a home.")
    review_id = reviews.request_review(case_id=case_id, expected_version=version(case_id, team.officer),
                                       officer_id=team.officer, letter_id=letter.id, ground="bc_ii",
                                       requested_on=TODAY)
    _assign(team, case_id, review_id, team.senior)
    frozen_clock(TODAY + timedelta(days=10))
    _decide(case_id, review_id, team.senior, "overturned", TODAY + timedelta(days=10),
            reasons="The tenancy offered was for 4 months, not 6 (s.195(8)(a)): the duty had not ended.")
    record = cases.open_case_record(case_id=case_id, viewer_id=team.officer)
    assert (record.status, record.stage) == ("open", "prevention")
    assert _duties(case_id)[-1] == ("prevention", TODAY + timedelta(days=10), None)


def test_a_longer_period_agreed_in_writing_moves_the_decision_date_and_a_withdrawal_ends_the_review(team):
    case_id, letter_id = _not_in_priority_need(team)
    review_id = _ask(team, case_id, letter_id, TODAY)
    with pytest.raises(FieldError, match="^Decision now due by: the decision is due by 17 January 2027"):
        reviews.record_extension(review_id=review_id, expected_version=version(case_id, team.senior),
                                 officer_id=team.senior, agreed_on=TODAY, decide_by=TODAY + timedelta(days=30))
    reviews.record_extension(review_id=review_id, expected_version=version(case_id, team.senior),
                             officer_id=team.senior, agreed_on=TODAY, decide_by=TODAY + timedelta(days=70))
    [decision] = _due(case_id, team.officer)["review_decision"]
    assert decision.due_on == TODAY + timedelta(days=70) and "agreed in writing" in decision.citation
    # the applicant withdraws the request: recorded by the officer, no reviewer needed
    _decide(case_id, review_id, team.officer, "withdrawn", TODAY, reasons="She phoned to withdraw the request.")
    assert "review_decision" not in _due(case_id, team.officer)
    assert cases.open_case_record(case_id=case_id, viewer_id=team.officer).stage == "no_further_duty"
    # and asks again the same day, still within the 21 days: the decision was never reviewed
    _ask(team, case_id, letter_id, TODAY)
    assert [v.status for v in reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)] == [
        "Withdrawn by the applicant", "Open"]


def test_a_review_asked_after_the_case_closed_is_on_the_teams_dates_and_compliance_lists(team, frozen_clock):
    case_id, letter_id = _not_in_priority_need(team)
    cases.close_case(case_id=case_id, expected_version=version(case_id, team.officer), actor_id=team.officer,
                     reason="No further duty; advice given.")
    _ask(team, case_id, letter_id, TODAY)
    reference = cases.open_case_record(case_id=case_id, viewer_id=team.officer).reference
    frozen_clock(TODAY + timedelta(days=50))
    dates = cw_views.due_and_overdue(today=TODAY + timedelta(days=50))
    assert list(dates[dates["reference"] == reference]["due_on"]) == [TODAY + timedelta(days=55)]
    frozen_clock(TODAY + timedelta(days=56))
    problems = cw_views.compliance_problems(today=TODAY + timedelta(days=56))
    assert list(problems[problems["reference"] == reference]["problem"]) == ["Review decision overdue"]


def test_a_varied_decision_moves_the_case_only_when_the_reviewer_says_a_duty_follows(team):
    kept_id, kept_letter = _not_in_priority_need(team)
    review_id = _ask(team, kept_id, kept_letter, TODAY)
    _assign(team, kept_id, review_id, team.senior)
    _decide(kept_id, review_id, team.senior, "varied", TODAY,
            reasons="Not in priority need, for a different reason: the GP's letter is not evidence of it.")
    assert cases.open_case_record(case_id=kept_id, viewer_id=team.officer).stage == "no_further_duty"

    owed_id, owed_letter = _not_in_priority_need(team)
    review_id = _ask(team, owed_id, owed_letter, TODAY)
    _assign(team, owed_id, review_id, team.senior)
    _decide(owed_id, review_id, team.senior, "varied", TODAY, reopens_duty=True,
            reasons="In priority need (s.189(1)(c)); the findings on intentionality stand.")
    assert cases.open_case_record(case_id=owed_id, viewer_id=team.officer).stage == "main_duty"


def test_a_review_is_asked_on_the_ground_the_decision_falls_under(team):
    case_id, letter_id = _not_in_priority_need(team)
    with pytest.raises(FieldError, match="^What the review is about \\(s.202\\(1\\)\\): \"Decision on your homelessness "
                                         "application: not in priority need\" notifies a decision reviewed under "
                                         "s.202\\(1\\)\\(b\\)$"):
        _ask(team, case_id, letter_id, TODAY, ground="a")


def test_a_review_of_an_earlier_decision_leaves_a_later_decisions_request_window_open():
    from logic.casework.stages import ReviewState, reviewed_decisions

    def asked(notified_on: date, in_time: bool = True, **kw) -> ReviewState:
        return ReviewState(1, "A decision", None, "b", notified_on + timedelta(days=5), notified_on,
                           in_time=in_time, **kw)

    ended_prevention, ended_relief = date(2026, 10, 1), date(2026, 11, 10)
    decisions = [ended_prevention, ended_relief]
    # the letter ending the prevention duty was notified two days after the duty ended
    assert reviewed_decisions(decisions, (asked(date(2026, 10, 3)),)) == {ended_prevention}
    assert reviewed_decisions(decisions, (asked(ended_relief),)) == {ended_relief}
    assert reviewed_decisions(decisions, (asked(ended_relief, in_time=False, late_accepted=False),)) == set()
