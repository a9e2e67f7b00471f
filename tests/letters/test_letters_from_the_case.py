"""A letter is built from what the case records, is offered only when the case allows it, and
issuing a duty letter is the duty's written notification (issue 12, items 3 to 5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from logic.casework import service as cw
from logic.common.errors import FieldError
from logic.db import session_scope
from logic.letters import service as letters
from logic.letters.catalogue import LETTER_TYPES
from logic.models import CaseEvent, HousingCase
from logic.models.letters import IssuedLetter
from tests.casework.helpers import assess, move
from tests.letters.helpers import (
    OPTIONS,
    TODAY,
    case_assessed,
    case_for_letter,
    case_on_prevention_duty,
    long_date,
    new_case,
    pdf_text,
    version,
)

NOTICE_EXPIRES = TODAY + timedelta(days=40)
SECTION_21 = {"has_accommodation": True,
              "section_21": {"valid": True, "expires_on": NOTICE_EXPIRES.isoformat()}}
ASKED_TO_LEAVE = {"has_accommodation": True, "likely_to_lose_on": (TODAY + timedelta(days=30)).isoformat()}


def _prevention_case(team, housing=SECTION_21) -> int:
    """A household threatened with homelessness, assessed and owed the prevention duty today."""
    return case_on_prevention_duty(team, housing=housing)


def _issue(team, case_id: int, code: str, options=None):
    return letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                letter_type_code=code, officer_id=team.officer,
                                options=options or {})


def _text(team, issued) -> str:
    return pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])


def test_on_day_1_of_prevention_the_main_duty_letter_is_not_offered_and_says_why(store, team):
    case_id = _prevention_case(team)
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert offered["prevention_duty"].offered
    assert offered["personal_housing_plan"].offered is False  # no steps recorded yet
    main = offered["s184_main_duty_accepted"]
    assert not main.offered
    assert "main housing duty" in main.why_not and "prevention duty" in main.why_not
    assert long_date(TODAY) in main.why_not
    with pytest.raises(FieldError, match="not sent now"):
        letters.preview_letter(case_id=case_id, letter_type_code="s184_main_duty_accepted",
                               officer_id=team.officer)


def test_the_prevention_letter_is_written_from_the_assessment_and_the_duty_without_retyping(
        store, team):
    case_id = _prevention_case(team, housing=ASKED_TO_LEAVE)
    issued = _issue(team, case_id, "prevention_duty",
                    options={"reasons": ["You told us your landlord wants the flat back."]})
    text = _text(team, issued)
    assert f"prevention duty under section 195(2) of the Housing Act 1996 from {long_date(TODAY)}" in text
    assert "We assessed your circumstances on" in text  # the officer's recorded decision
    assert "threatened with homelessness" in text and "(Housing Act 1996 s.175" in text  # engine, cited
    assert "You told us your landlord wants the flat back." in text  # the officer's added words
    # a date typed over the recorded duty's start is refused, not printed
    with pytest.raises(FieldError, match="is taken from the case record"):
        _issue(team, case_id, "prevention_duty",
               options={"duty_started_on": TODAY - timedelta(days=3)})


def test_issuing_the_prevention_letter_records_the_notification_on_the_duty(store, team):
    case_id = _prevention_case(team)
    issued = _issue(team, case_id, "prevention_duty")
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer,
                                  today=TODAY + timedelta(days=20))
    assert summary.clock.notified_on == TODAY
    assert summary.duties[-1]["notified_on"] == TODAY
    assert not [d for d, _ in summary.deadlines if d.kind == "duty_notification"]
    assert not [f for f in summary.flags if f.code == "duty_not_notified"]
    assert issued.review_request_by == TODAY + timedelta(days=20)
    with pytest.raises(FieldError, match="already notified"):  # nothing left to record by hand
        cw.record_duty_notified(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, notified_on=TODAY)


def test_the_prevention_letter_says_a_section_21_notice_bars_ending_it_at_56_days(store, team):
    case_id = _prevention_case(team, housing=SECTION_21)
    text = _text(team, _issue(team, case_id, "prevention_duty"))
    # from 1 May 2026 s.175(5) names a notice seeking possession (data/policy/statutory.toml)
    assert (f"You have been given a valid notice seeking possession for your home, which expires on "
            f"{long_date(NOTICE_EXPIRES)}") in text
    assert "we cannot end the prevention duty on the ground that 56 days have passed" in text
    assert "section 195(6)" in text
    assert "The duty can be ended after" not in text


def test_without_a_notice_the_prevention_letter_says_the_duty_can_end_after_56_days(store, team):
    case_id = _prevention_case(team, housing=ASKED_TO_LEAVE)
    text = _text(team, _issue(team, case_id, "prevention_duty"))
    ends = TODAY + timedelta(days=55)
    assert f"The duty can be ended after {long_date(ends)}" in text
    assert "195(6)" not in text


def test_after_day_57_the_main_duty_letter_is_written_from_the_case_and_notifies_the_duty(
        store, team):
    from tests.casework.helpers import HOMELESS

    case_id = new_case(team, children=1)
    relief_began = TODAY - timedelta(days=60)
    with session_scope() as session:  # the case was opened when the family first asked
        case = session.get(HousingCase, case_id)
        case.opened_at = case.opened_at - timedelta(days=61)
        session.add(case)
    assess(case_id, team.officer, on=relief_began, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=relief_began)
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert not offered["s184_main_duty_accepted"].offered
    move(case_id, team.officer, "main_duty_decision", on=TODAY, end_reason="days_56_elapsed")
    move(case_id, team.officer, "main_duty", on=TODAY)

    text = _text(team, _issue(team, case_id, "s184_main_duty_accepted"))
    assert "main housing duty" in text.lower() and "(Housing Act 1996 s.193" in text
    assert "We assessed your circumstances on" in text
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert summary.clock.duty == "main_duty" and summary.clock.notified_on == TODAY


PART_7_LETTERS = sorted(code for code in LETTER_TYPES if code != "register_decision")


def test_a_case_with_no_casework_recorded_offers_no_duty_or_decision_letter_and_says_why(store, team):
    # a household has just asked for help: the case is open, nothing is assessed or decided yet
    case_id = new_case(team, children=1)
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert sorted(offered) == PART_7_LETTERS
    assert [code for code, c in offered.items() if c.offered] == []
    for code, choice in offered.items():
        assert "no s.189A assessment is recorded on the case yet" in choice.why_not, code
        assert choice.why_not[0].isupper() and choice.why_not.endswith("."), code
    main = offered["s184_main_duty_accepted"].why_not
    assert main == ("The letter notifies the main housing duty (s.193(2)), and no s.189A "
                    "assessment is recorded on the case yet, so no duty has begun on the case.")


@pytest.mark.parametrize("code", PART_7_LETTERS)
def test_a_letter_typed_out_on_a_case_with_no_casework_is_refused_and_nothing_is_written(
        store, team, code):
    # what the officer types is what the letter would have said on a case in the right state
    case_id = new_case(team, children=1)
    before = version(case_id, team.officer)
    with pytest.raises(FieldError) as refused:
        letters.preview_letter(case_id=case_id, letter_type_code=code, officer_id=team.officer,
                               options=OPTIONS[code])
    assert refused.value.field == "letter_type"
    assert "no s.189A assessment is recorded on the case yet" in refused.value.problem
    with pytest.raises(FieldError) as refused:
        letters.issue_letter(case_id=case_id, expected_version=before, letter_type_code=code,
                             officer_id=team.officer, options=OPTIONS[code])
    assert refused.value.message.startswith("Letter: not sent now: ")
    assert version(case_id, team.officer) == before
    with session_scope() as session:
        assert session.exec(select(IssuedLetter)).all() == []
        kinds = [e.kind for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id))]
    assert kinds == ["case_opened"]


def test_a_batch_sends_nothing_to_a_case_with_no_casework_and_says_why(store, team):
    bare = new_case(team, given="Siân", family="Ó Briain")
    on_relief = case_for_letter(team, "s193b_warning")
    progress = list(letters.issue_batch(case_ids=[bare, on_relief], letter_type_code="s193b_warning",
                                        officer_id=team.senior, options=OPTIONS["s193b_warning"]))
    assert progress[0].letter_id is None
    assert "no s.189A assessment is recorded on the case yet" in progress[0].problem
    assert progress[1].letter_id is not None and progress[1].problem is None


def test_once_assessed_but_before_a_duty_begins_only_the_decision_the_assessment_made_is_offered(
        store, team):
    case_id = case_for_letter(team, "s184_not_eligible")
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert [code for code, c in offered.items() if c.offered] == ["s184_not_eligible"]
    assert "no duty has begun on the case yet" in offered["prevention_duty"].why_not
    assert "no s.189A assessment" not in offered["prevention_duty"].why_not
    assert ("the section 184 decision follows the relief duty"
            in offered["s184_not_priority_need"].why_not.lower())


def test_the_register_decision_letter_reads_the_register_case_and_is_still_sent(store, team):
    case_id = new_case(team, case_type="register", children=1)
    [choice] = letters.letters_offered(case_id=case_id, viewer_id=team.officer)
    assert (choice.code, choice.offered) == ("register_decision", True)
    issued = letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                  letter_type_code="register_decision", officer_id=team.officer,
                                  options=OPTIONS["register_decision"])
    assert issued.letter_type == "register_decision"


def test_each_letter_is_offered_on_the_case_whose_state_it_states(store, team):
    for code in PART_7_LETTERS:
        case_id = case_for_letter(team, code)
        offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
        assert offered[code].offered, (code, offered[code].why_not)


def test_a_warning_and_a_notice_for_refusing_to_co_operate_follow_the_duty_and_the_warning(
        store, team):
    case_id = case_for_letter(team, "s193b_notice")
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert set(offered["s193b_notice"].from_case) == {"duty", "warning_given_on"}
    assert set(offered["s193b_warning"].from_case) == {"duty", "steps_refused"}
    text = pdf_text(letters.preview_letter(case_id=case_id, letter_type_code="s193b_notice",
                                           officer_id=team.officer,
                                           options=OPTIONS["s193b_notice"]).pdf)
    assert long_date(TODAY - timedelta(days=15)) in text  # the recorded warning's date
    prevention = case_on_prevention_duty(team)  # on duty, but never warned
    offered = {c.code: c for c in letters.letters_offered(case_id=prevention, viewer_id=team.officer)}
    assert offered["s193b_warning"].offered
    assert offered["s193b_notice"].why_not == (
        "No warning under section 193B(4) is recorded on the prevention duty (s.195(2)); the "
        "notice can follow only a warning.")


def test_a_referral_needs_an_assessment_that_finds_the_conditions_for_it(store, team):
    case_id = case_assessed(team, children=1)  # a local household
    offered = {c.code: c for c in letters.letters_offered(case_id=case_id, viewer_id=team.officer)}
    assert not offered["referral_notification"].offered
    assert "does not find the conditions for referral to another authority met (s.198)" in (
        offered["referral_notification"].why_not)


def test_a_date_typed_over_the_recorded_one_is_refused_naming_the_field_as_the_form_does(store, team):
    case_id = case_for_letter(team, "duty_ended")
    with pytest.raises(FieldError) as refused:
        letters.preview_letter(case_id=case_id, letter_type_code="duty_ended", officer_id=team.officer,
                               options={"ended_on": TODAY - timedelta(days=1)})
    assert refused.value.message == (
        f"Date the duty ended: is taken from the case record, which says {long_date(TODAY)}; "
        "correct the case, not the letter")
    with pytest.raises(FieldError) as refused:
        letters.preview_letter(case_id=case_id, letter_type_code="duty_ended", officer_id=team.officer,
                               options={"ended_on": "next Tuesday"})
    assert refused.value.label == "Date the duty ended"
    assert "YYYY" not in refused.value.message
    with pytest.raises(FieldError) as refused:
        letters.preview_letter(case_id=case_id, letter_type_code="duty_ended", officer_id=team.officer,
                               letter_date="23/11/2026")
    assert refused.value.label == "Date of the letter (the day it is given or sent)"
    assert "YYYY" not in refused.value.message
