"""The reviews register a senior officer or manager works from: the open s.202 reviews, late ones
first, by the day the decision is due (Homelessness (Review Procedure etc.) Regulations 2018
reg 9(1)) and the reviewer; and how reviews have been decided over time, by the decision reviewed.
The reviews here are written by hand, so each figure is known."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from logic import db
from logic.casework import views
from logic.models.casework import (
    Part7Review,
    Part7ReviewDecision,
    Part7ReviewExtension,
    Part7ReviewReviewer,
)
from tests.casework.helpers import TODAY, new_case


def _review(team, *, requested_on: date, ground: str = "b", decision_type: str | None = "s184_not_priority_need",
            reviewer: int | None = None, extended_to: date | None = None, late_refused: bool = False,
            decided: tuple[str, date] | None = None) -> int:
    """A review of a decision notified the day it was asked for (no letter on file: its date and
    words are given), with its later rows."""
    case_id = new_case(team)
    with Session(db.engine_for()) as session:
        review = Part7Review(
            case_id=case_id, decision_type=decision_type, decision_on=requested_on,
            decision_summary="Not in priority need", ground=ground, requested_on=requested_on,
            notified_on=requested_on - timedelta(days=40 if late_refused else 0),
            request_deadline=requested_on + timedelta(days=20), in_time=not late_refused,
            late_accepted=False if late_refused else None,
            late_reason="No reason was given." if late_refused else None, requested_by_id=team.officer)
        session.add(review)
        session.flush()
        if reviewer is not None:
            session.add(Part7ReviewReviewer(review_id=review.id, reviewer_id=reviewer, assigned_on=requested_on,
                                            assigned_by_id=team.manager))
        if extended_to is not None:
            session.add(Part7ReviewExtension(review_id=review.id, agreed_on=requested_on, decide_by=extended_to,
                                             recorded_by_id=team.manager))
        if decided is not None:
            outcome, on = decided
            session.add(Part7ReviewDecision(review_id=review.id, outcome=outcome, reasons="Reasons.",
                                            decided_on=on, notified_on=on, decided_by_id=team.senior))
        session.commit()
        return review.id


def test_open_reviews_are_listed_late_first_then_by_the_day_the_decision_is_due(team):
    # a s.184 review asked 60 days ago: 8 weeks ran out 5 days ago, and Sade Senior has it
    _review(team, requested_on=TODAY - timedelta(days=60), reviewer=team.senior)
    # a review of a notice ending the prevention duty, asked 10 days ago: 3 weeks (reg 9(1)(a))
    _review(team, requested_on=TODAY - timedelta(days=10), ground="bc_ii", decision_type="duty_ended")
    # a review the applicant agreed in writing may take longer; Mo Manager has it
    _review(team, requested_on=TODAY - timedelta(days=5), reviewer=team.manager,
            extended_to=TODAY + timedelta(days=70))
    # not open: one decided, one a late request the council refused
    _review(team, requested_on=TODAY - timedelta(days=30), reviewer=team.senior,
            decided=("upheld", TODAY - timedelta(days=2)))
    _review(team, requested_on=TODAY - timedelta(days=3), late_refused=True)

    frame = views.open_reviews(today=TODAY)

    assert list(frame["due_on"]) == [TODAY - timedelta(days=5), TODAY + timedelta(days=10),
                                     TODAY + timedelta(days=70)]
    assert list(frame["status"]) == ["Late by 5 days", "Due in 10 days", "Due in 70 days"]
    assert list(frame["reviewer"]) == ["Sade Senior", "Not assigned", "Mo Manager"]
    assert list(frame["ground"]) == ["What duty (if any) is owed", "Notice ending the prevention duty",
                                     "What duty (if any) is owed"]
    assert list(frame["applicant"]) == ["Amara Okonkwo"] * 3
    assert "reg 9(1)(b)" in frame["citation"][0] and "reg 9(1)(a)" in frame["citation"][1]
    assert "agreed in writing" in frame["citation"][2]
    assert list(frame["days_left"]) == [-5, 10, 70]


def test_no_open_review_gives_an_empty_register(team):
    frame = views.open_reviews(today=TODAY)
    assert frame.empty and list(frame.columns) == views.REVIEW_COLUMNS


def test_outcomes_are_counted_by_quarter_and_decision_reviewed_with_their_shares(team):
    autumn, summer = date(2026, 10, 12), date(2026, 8, 3)
    for outcome in ("upheld", "upheld", "overturned", "withdrawn"):
        _review(team, requested_on=autumn - timedelta(days=20), decided=(outcome, autumn))
    _review(team, requested_on=autumn - timedelta(days=20), decision_type="duty_ended", ground="bc_ii",
            decided=("varied", autumn + timedelta(days=30)))
    _review(team, requested_on=summer - timedelta(days=20), decided=("upheld", summer))
    _review(team, requested_on=date(2025, 1, 6), decided=("overturned", date(2025, 2, 3)))  # before the period

    frame = views.review_outcomes(start=date(2026, 4, 1), end=TODAY, period="quarter")

    rows = {(r.period_label, r.decision_type): r for r in frame.itertuples()}
    assert list(rows) == [("Q3 2026", "Section 184 decision: not in priority need"),
                          ("Q4 2026", "Notice that a duty has ended"),
                          ("Q4 2026", "Section 184 decision: not in priority need")]
    q4 = rows[("Q4 2026", "Section 184 decision: not in priority need")]
    assert (q4.decided, q4.upheld, q4.varied, q4.overturned, q4.withdrawn) == (3, 2, 0, 1, 1)
    assert (q4.upheld_rate, q4.varied_rate, q4.overturned_rate) == (66.7, 0.0, 33.3)
    assert q4.period == date(2026, 10, 1)
    ended = rows[("Q4 2026", "Notice that a duty has ended")]
    assert (ended.decided, ended.varied, ended.varied_rate) == (1, 1, 100.0)
    q3 = rows[("Q3 2026", "Section 184 decision: not in priority need")]
    assert (q3.decided, q3.upheld_rate, q3.period) == (1, 100.0, date(2026, 7, 1))


def test_outcomes_by_month_split_the_quarter(team):
    _review(team, requested_on=date(2026, 9, 20), decided=("upheld", date(2026, 10, 12)))
    _review(team, requested_on=date(2026, 10, 20), decided=("overturned", date(2026, 11, 9)))
    frame = views.review_outcomes(start=date(2026, 10, 1), end=TODAY, period="month")
    assert list(frame["period_label"]) == ["Oct 2026", "Nov 2026"]
    assert list(frame["upheld_rate"]) == [100.0, 0.0] and list(frame["overturned_rate"]) == [0.0, 100.0]


def test_a_decision_with_no_letter_on_file_is_named_so(team):
    _review(team, requested_on=date(2026, 10, 1), decision_type=None, decided=("upheld", date(2026, 10, 20)))
    frame = views.review_outcomes(start=date(2026, 10, 1), end=TODAY)
    assert list(frame["decision_type"]) == ["Decision with no letter on file"]
