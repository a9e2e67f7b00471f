"""The offer letters and the notice that a duty ended, written from what the case records
(issue 15): the final offer says what refusing it means and that the applicant may accept and
still ask for a review; issuing it is the written notice an ending on the offer needs; the notice
of an ended duty names the Act's ground and the review right that ground carries."""

from __future__ import annotations

import pytest

from logic.casework import offers
from logic.common.errors import FieldError
from logic.letters import service as letters
from tests.letters.helpers import (
    TODAY,
    case_on_prevention_duty,
    case_with_duty_ended,
    case_with_offer,
    pdf_text,
    version,
)


def _issue(team, case_id: int, code: str):
    return letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                letter_type_code=code, officer_id=team.officer, options={})


def _text(team, issued) -> str:
    return pdf_text(letters.download_letter(letter_id=issued.id, viewer_id=team.officer)[1])


def test_a_final_part6_offer_in_relief_tells_the_family_what_refusing_it_means_and_records_that_it_did(
        store, team):
    case_id = case_with_offer(team, kind="final_part6_offer")
    issued = _issue(team, case_id, "final_offer")
    text = _text(team, issued)
    assert "Flat 2" in text and "Elm Court" in text
    assert ("If you refuse it, the relief duty we owe you will end (section 193A(2)) and we will not owe "
            "you the main housing duty (section 193A(3))") in text
    assert "You can accept the offer and still ask for the review" in text
    assert "section 202(1)(f) and (1A)" in text
    assert "Two miles from the applicant's work" in text  # the location weighed, from the offer
    [offer] = offers.offers_summary(case_id=case_id, viewer_id=team.officer).offers
    assert offer.consequences_notified_on == TODAY and offer.notice_letter == issued.number


def test_no_final_offer_letter_for_an_offer_assessed_unsuitable(store, team):
    case_id = case_on_prevention_duty(team)
    offers.record_offer(
        case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        kind="part6_offer", address="Flat 9, Tower Road, Hearthton", offered_on=TODAY, respond_by=None,
        suitable=False, suitability_reasons="Ninth floor; the lift has been broken for months.",
        location_reasons="In the district.")
    with pytest.raises(FieldError, match="was assessed as not suitable"):
        _issue(team, case_id, "final_offer")
    assert "Flat 9" in _text(team, _issue(team, case_id, "offer_of_accommodation"))


def test_the_notice_of_an_ended_duty_names_its_ground_and_the_review_right_it_carries(store, team):
    case_id = case_with_duty_ended(team, end_reason="intentionally_homeless",
                                   why="You left the flat we helped you find, owing rent.")
    text = _text(team, _issue(team, case_id, "duty_ended"))
    assert ("The ground on which it ended: became homeless intentionally from accommodation made "
            "available through the council's steps.") in text
    assert "under s.195(8)(e) of the Housing Act 1996" in text
    assert "(section 202(1)(bc) of the Housing Act 1996)" in text
