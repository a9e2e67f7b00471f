"""The letters of a s.202 review, each written from the review the case records: the
acknowledgement of the request (Homelessness (Review Procedure etc.) Regulations 2018 reg 5, the
decision date of reg 9(1)), the reviewer's minded-to letter (reg 7(2)) and the review decision with
the right to appeal to the county court (Housing Act 1996 s.203(3)-(6), s.204) and what happens to
accommodation meanwhile (s.188(3), s.204(4)). Each is offered only when the review has reached its
step, and issuing the minded-to or decision letter gives that notice on the review."""

from __future__ import annotations

import tomllib
from datetime import timedelta

import pytest
import sqlalchemy as sa

from logic.casework import reviews
from logic.casework import service as cw
from logic.db import engine_for
from logic.letters import service as letters
from logic.letters.templates import DEFAULT_DIR, LetterTemplateError, parse_template
from tests.letters.helpers import (
    DEFICIENCY,
    MINDED_TO,
    OPTIONS,
    REVIEW_REASONS,
    TODAY,
    case_under_review,
    long_date,
    pdf_text,
    version,
)

REVIEW_LETTERS = ("review_acknowledgement", "review_minded_to", "review_decision")


def _offered(team, case_id: int) -> dict[str, letters.LetterChoice]:
    return {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)
            if c.code in REVIEW_LETTERS}


def _issue(team, case_id: int, code: str, officer: int | None = None, **kw) -> letters.IssuedLetterView:
    officer = officer or team.senior
    return letters.issue_letter(case_id=case_id, expected_version=version(case_id, officer),
                                letter_type_code=code, officer_id=officer,
                                options=kw.pop("options", OPTIONS[code]), **kw)


def _text(team, issued: letters.IssuedLetterView) -> str:
    return pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])


def _review_id(team, case_id: int) -> int:
    return reviews.reviews_for_case(case_id=case_id, viewer_id=team.officer)[-1].id


def _row(table: str, review_id: int) -> dict:
    with engine_for().connect() as c:
        return dict(c.execute(sa.text(f"SELECT * FROM {table} WHERE review_id = :r"),
                              {"r": review_id}).mappings().one())


def test_before_anyone_asks_for_a_review_no_review_letter_is_offered_and_the_screen_says_why(store, team):
    from tests.letters.helpers import case_after_relief_day_57

    case_id = case_after_relief_day_57(team, children=0, then="no_further_duty")
    offered = _offered(team, case_id)
    assert [c for c in offered.values() if c.offered] == []
    assert offered["review_acknowledgement"].why_not == (
        "The letter acknowledges a request for a review (s.202), and no request for a review is "
        "recorded on the case.")
    assert "no request for a review is recorded" in offered["review_decision"].why_not


def test_the_acknowledgement_gives_the_decision_date_and_invites_written_representations(store, team):
    # Mr Łukasik asked today for a review of the "not in priority need" decision sent today
    case_id = case_under_review(team)
    offered = _offered(team, case_id)
    assert offered["review_acknowledgement"].offered
    assert set(offered["review_acknowledgement"].from_case) >= {"decision", "requested_on", "decide_by"}
    assert offered["review_minded_to"].why_not == (
        "The letter tells the applicant what the reviewer is minded to decide (reg 7(2)), and no "
        "minded-to notice is recorded on an open review: the reviewer records it on the review first.")
    assert "no review decision is recorded on the case" in offered["review_decision"].why_not

    text = _text(team, _issue(team, case_id, "review_acknowledgement", officer=team.officer))
    assert ('review of our decision "Decision on your homelessness application: not in priority need", '
            f"which we notified to you on {long_date(TODAY)}") in text.replace("\n", " ")
    # 8 weeks beginning with the day of the request (reg 9(1)(b))
    assert f"by {long_date(TODAY + timedelta(days=55))}" in text
    assert "regulation 9(1) of the Homelessness (Review Procedure etc.) Regulations 2018" in text
    assert "representations in writing" in text and "regulation 5" in text
    assert "What duty (if any) is owed" in text  # the ground, as s.202(1)(b) words it


def test_a_late_request_the_council_accepted_is_acknowledged_with_the_reason(store, team, frozen_clock):
    from logic.letters import service as letters_service
    from tests.letters.helpers import OFFICER_REASONS, case_after_relief_day_57

    case_id = case_after_relief_day_57(team, children=0, then="no_further_duty")
    letter = letters_service.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                          letter_type_code="s184_not_priority_need", officer_id=team.officer,
                                          options={"reasons": OFFICER_REASONS})
    late = TODAY + timedelta(days=30)
    frozen_clock(late)
    reviews.request_review(case_id=case_id, expected_version=version(case_id, team.senior),
                           officer_id=team.senior, letter_id=letter.id, ground="b", requested_on=late,
                           late_accepted=True, late_reason="He was in hospital for the whole 21 days.")
    text = _text(team, _issue(team, case_id, "review_acknowledgement"))
    assert "after the 21 days for asking had ended" in text
    assert "He was in hospital for the whole 21 days." in text


def test_the_minded_to_letter_sets_out_the_deficiency_the_points_and_the_date_for_representations(
        store, team, frozen_clock):
    case_id = case_under_review(team, step="minded_to")
    review_id = _review_id(team, case_id)
    assert _offered(team, case_id)["review_minded_to"].offered

    # the reviewer writes two days after she recorded the notice: the applicant has the council's
    # whole 10 days from the letter, and the review cannot be decided before they end
    frozen_clock(TODAY + timedelta(days=2))
    issued = _issue(team, case_id, "review_minded_to")
    text = _text(team, issued)
    assert DEFICIENCY in text.replace("\n", " ")  # typed by the reviewer: the table does not hold it
    assert MINDED_TO in text.replace("\n", " ")  # the points recorded with the notice
    assert "Sade Senior, an officer senior to the officer who made our decision" in text.replace("\n", " ")
    by = TODAY + timedelta(days=2 + 9)
    assert f"by {long_date(by)}" in text and "orally, in writing, or both" in text
    notice = _row("part7_review_minded_to", review_id)
    assert (notice["letter_id"], notice["notified_on"], notice["representations_by"]) == (
        issued.id, TODAY + timedelta(days=2), by)
    [due] = [i for i, _ in cw.casework_summary(case_id=case_id, viewer_id=team.officer).deadlines
             if i.kind == "review_representations"]
    assert due.due_on == by
    record = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert record is not None

    # once the applicant has answered, the notice has done its work: no second minded-to letter
    reviews.record_representations(review_id=review_id, expected_version=version(case_id, team.senior),
                                   officer_id=team.senior, received_on=TODAY + timedelta(days=2),
                                   kind="oral", summary="He explained his medication was changed.")
    assert "were recorded on" in _offered(team, case_id)["review_minded_to"].why_not


def test_the_minded_to_letter_needs_what_was_wrong_with_the_decision(store, team):
    from logic.common.errors import FieldError

    case_id = case_under_review(team, step="minded_to")
    with pytest.raises(FieldError, match="deficiency or irregularity"):
        _issue(team, case_id, "review_minded_to", options={})


def test_an_upheld_review_decision_gives_its_reasons_the_appeal_by_date_and_what_happens_to_accommodation(
        store, team, frozen_clock):
    case_id = case_under_review(team, step="decided", outcome="upheld")
    review_id = _review_id(team, case_id)
    offered = _offered(team, case_id)
    assert offered["review_decision"].offered
    assert "no review is open" in offered["review_acknowledgement"].why_not

    # the decision letter goes out three days after the reviewer decided: notice is given by the
    # letter (s.203(5)-(6)), so the 21 days for an appeal run from it
    sent = TODAY + timedelta(days=3)
    frozen_clock(sent)
    issued = _issue(team, case_id, "review_decision")
    text = _text(team, issued).replace("\n", " ")
    assert "Original decision upheld." in text
    assert "carried out by Sade Senior, an officer senior to the officer who made the original decision" in text
    assert REVIEW_REASONS in text
    appeal_by = sent + timedelta(days=20)
    assert f"The appeal must be brought by {long_date(appeal_by)}, that is within 21 days" in text
    assert "county court on a point of law (section 204(1)" in text
    assert "section 188(3)" in text and "section 204(4)" in text
    decision = _row("part7_review_decision", review_id)
    assert (decision["letter_id"], decision["notified_on"]) == (issued.id, sent)
    [window] = [i for i, _ in cw.casework_summary(case_id=case_id, viewer_id=team.officer).deadlines
                if i.kind == "appeal_window"]
    assert window.due_on == appeal_by
    events = [e for e in letters.notifications_for_case(case_id) if e.letter_type == "review_decision"]
    assert [(e.kind, e.notified_on, e.review_request_by) for e in events] == [("review_notified", sent, None)]


def test_an_overturned_decision_says_which_duty_is_owed_again_and_still_gives_the_appeal_right(store, team):
    case_id = case_under_review(team, step="decided", outcome="overturned")
    text = _text(team, _issue(team, case_id, "review_decision")).replace("\n", " ")
    assert "Original decision overturned (withdrawn)." in text
    assert f"we owe you the main housing duty (s.193(2)) from {long_date(TODAY)}" in text
    assert "appeal to the county court" in text  # in any case (s.203(5))
    assert "section 204(4)" not in text  # nothing against him: no accommodation paragraph


def test_a_review_decision_template_without_the_appeal_date_is_refused():
    with open(DEFAULT_DIR / "review_decision.toml", "rb") as handle:
        data = tomllib.load(handle)
    data["block"] = [b for b in data["block"] if "$appeal_deadline" not in b.get("text", "")]
    with pytest.raises(LetterTemplateError, match="right to appeal to the county court"):
        parse_template(data, "review_decision.toml")


def test_a_request_the_applicant_withdrew_has_no_decision_letter(store, team):
    case_id = case_under_review(team)
    reviews.decide_review(review_id=_review_id(team, case_id), expected_version=version(case_id, team.officer),
                          officer_id=team.officer, outcome="withdrawn", decided_on=TODAY,
                          reasons="He phoned to say he has found a room and no longer wants the review.")
    offered = _offered(team, case_id)
    assert offered["review_decision"].why_not == (
        "The letter notifies the decision on a review (s.203), and the applicant withdrew the request of "
        f"{long_date(TODAY)}: there is no decision to notify.")
    assert not offered["review_acknowledgement"].offered
