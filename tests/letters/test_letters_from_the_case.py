"""A letter is built from what the case records, is offered only when the case allows it, and
issuing a duty letter is the duty's written notification (issue 12, items 3 to 5)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from logic.casework import letter_sources
from logic.casework import service as cw
from logic.common.errors import FieldError
from logic.db import session_scope
from logic.letters import service as letters
from logic.models import HousingCase
from tests.casework.helpers import assess, move
from tests.letters.helpers import TODAY, long_date, new_case, pdf_text, version

NOTICE_EXPIRES = TODAY + timedelta(days=40)
SECTION_21 = {"has_accommodation": True,
              "section_21": {"valid": True, "expires_on": NOTICE_EXPIRES.isoformat()}}
ASKED_TO_LEAVE = {"has_accommodation": True, "likely_to_lose_on": (TODAY + timedelta(days=30)).isoformat()}


@pytest.fixture(autouse=True)
def _casework_providers():
    letter_sources.install()  # as the letters service does on import (other tests clear them)
    yield


def _prevention_case(team, housing=SECTION_21) -> int:
    """A household threatened with homelessness, assessed and owed the prevention duty today."""
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=housing)
    move(case_id, team.officer, "prevention", on=TODAY)
    return case_id


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
