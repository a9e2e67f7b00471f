"""Offers of accommodation, the applicant's answer, and the lawful end of a duty on them; the
s.193B notice and what follows it; every ending given in writing with its review right
(Housing Act 1996 s.189B(7), s.193(5)-(7AA), s.193A, s.193B-C, s.195(8), s.202(1)(f), (1A))."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from logic.cases import service as cases
from logic.casework import offers
from logic.casework import service as cw
from logic.common.errors import FieldError, PermissionDenied, Refused
from logic.db import engine_for
from logic.letters import service as letters
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

FLAT = "Flat 2, Elm Court, Hearthton, HT1 2AB"
SUITABLE = "Two bedrooms, as the family needs; in good repair; ground floor for the pushchair."
LOCATION = "Two miles from the children's school, on a direct bus route."


def _duties(case_id: int) -> list[tuple]:
    with engine_for().connect() as c:
        return [tuple(r) for r in c.execute(sa.text(
            "SELECT duty, started_on, ended_on, end_reason, end_notified_on FROM homelessness_duty "
            "WHERE case_id = :c ORDER BY started_on, id"), {"c": case_id})]


def _opened(team, **kw) -> int:
    """A household that first asked three months ago (its letters may be dated since then)."""
    from logic.db import session_scope
    from logic.models import HousingCase

    case_id = new_case(team, **kw)
    with session_scope() as session:
        case = session.get(HousingCase, case_id)
        case.opened_at = case.opened_at - timedelta(days=90)
        session.add(case)
    return case_id


def _relief(team, *, children: int = 2, began: int = 30) -> int:
    case_id = _opened(team, children=children)
    assess(case_id, team.officer, on=days_ago(began), housing=HOMELESS)
    move(case_id, team.officer, "relief", on=days_ago(began))
    return case_id


def _prevention(team) -> int:
    case_id = _opened(team)
    assess(case_id, team.officer, on=days_ago(20), housing=threatened_housing(days_ago(20)))
    move(case_id, team.officer, "prevention", on=days_ago(20))
    return case_id


def _main_duty(team) -> int:
    case_id = _relief(team, began=60)
    move(case_id, team.officer, "main_duty_decision", on=days_ago(2))
    move(case_id, team.officer, "main_duty", on=days_ago(2))
    return case_id


def _offer(team, case_id: int, kind: str, *, on=None, suitable: bool = True, **kw) -> int:
    return offers.record_offer(
        case_id=case_id, expected_version=version(case_id, team.officer), officer_id=team.officer,
        kind=kind, address=kw.pop("address", FLAT), offered_on=on or days_ago(7),
        respond_by=kw.pop("respond_by", days_ago(1)), suitable=suitable,
        suitability_reasons=kw.pop("suitability_reasons", SUITABLE), location_reasons=LOCATION, **kw)


def _answer(team, case_id: int, offer_id: int, answer: str, *, on=None, **kw) -> int:
    return offers.record_offer_answer(offer_id=offer_id, expected_version=version(case_id, team.officer),
                                      officer_id=team.officer, answer=answer, answered_on=on or days_ago(2),
                                      **kw)


def _letter(team, case_id: int, code: str, *, on=None):
    return letters.issue_letter(case_id=case_id, expected_version=version(case_id, team.officer),
                                letter_type_code=code, officer_id=team.officer, options={},
                                notified_on=on or TODAY)


def test_an_offer_is_recorded_under_the_open_duty_with_its_suitability_and_the_refusal_with_reasons(team):
    case_id = _relief(team)
    offer_id = _offer(team, case_id, "final_accommodation_offer", monthly_rent="850", monthly_income="2900")
    _answer(team, case_id, offer_id, "refused", reasons="Too far from my mother, who helps with the children.")
    summary = offers.offers_summary(case_id=case_id, viewer_id=team.officer)
    [shown] = summary.offers
    assert (shown.kind, shown.suitable, shown.answer, shown.answer_reasons) == (
        "final_accommodation_offer", True, "refused", "Too far from my mother, who helps with the children.")
    assert shown.affordability.startswith("The rent is 29.3% of the household's income")
    assert shown.consequences_notified_on is None
    kinds = [e.kind for e in cases.open_case_record(case_id=case_id, viewer_id=team.officer).events]
    assert kinds[:2] == ["offer_answered", "offer_recorded"]


def test_an_offer_the_duty_does_not_allow_is_refused_naming_the_offers_it_does(team):
    case_id = _prevention(team)
    with pytest.raises(FieldError, match="^Kind of offer: under the prevention duty .* the offer is one of"):
        _offer(team, case_id, "private_rented_sector_offer", monthly_rent="700", monthly_income="2500")


def test_an_offer_the_household_cannot_afford_cannot_be_assessed_suitable(team):
    case_id = _relief(team)
    with pytest.raises(FieldError, match=r"^Is it suitable for the household\?: The rent is 60.0%"):
        _offer(team, case_id, "final_accommodation_offer", monthly_rent="1500", monthly_income="2500")
    # the rent of a private tenancy is always weighed
    with pytest.raises(FieldError, match=r"^Rent a month \(£\): give the rent"):
        _offer(team, case_id, "private_rented_offer")


def test_a_final_offer_refused_without_the_written_notice_does_not_end_the_relief_duty(team):
    case_id = _relief(team)
    offer_id = _offer(team, case_id, "final_part6_offer")
    _answer(team, case_id, offer_id, "refused", reasons="I want a house, not a flat.")
    with pytest.raises(Refused, match="was not told in writing, before answering the offer at Flat 2") as refused:
        move(case_id, team.senior, "duty_ended", on=TODAY, end_reason="refused_final_offer")
    assert refused.value.citation == "Housing Act 1996 s.193A(1)-(3)"
    assert _duties(case_id)[-1][2] is None  # the relief duty is still owed


def test_a_final_offer_refused_after_the_letter_ends_the_relief_duty_and_the_notice_follows(team):
    case_id = _relief(team)
    offer_id = _offer(team, case_id, "final_part6_offer", on=days_ago(7), respond_by=days_ago(1))
    issued = _letter(team, case_id, "final_offer", on=days_ago(7))
    shown = offers.offers_summary(case_id=case_id, viewer_id=team.officer).offers[0]
    assert shown.consequences_notified_on == days_ago(7) and shown.notice_letter == issued.number
    _answer(team, case_id, offer_id, "refused", reasons="I want a house, not a flat.")
    move(case_id, team.senior, "duty_ended", on=TODAY, end_reason="refused_final_offer",
         reason="Refused a suitable final Part 6 offer after the s.193A letter")
    assert _duties(case_id)[-1][2:4] == (TODAY, "refused_final_offer")

    # the ending must now be given in writing with the review right: it is due, then done
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    due = [item for item, _ in summary.deadlines if item.kind == "duty_end_notification"]
    assert due and due[0].citation == "Housing Act 1996 s.193A(1)-(3)"
    ended = _letter(team, case_id, "duty_ended")
    assert _duties(case_id)[-1][4] == TODAY
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert not [item for item, _ in summary.deadlines if item.kind == "duty_end_notification"]
    from logic.db import session_scope
    from logic.models.letters import IssuedLetter

    with session_scope() as session:
        options = json.loads(session.get(IssuedLetter, ended.id).options_json)
    assert options["ground"].startswith("Refused a final accommodation offer or a final Part 6 offer")
    assert options["review_paragraph"] == "section 202(1)(ba) and, on the suitability of the offer, section 202(1)(f)"


def test_refusing_an_offer_assessed_unsuitable_does_not_end_the_prevention_duty(team):
    case_id = _prevention(team)
    offer_id = _offer(team, case_id, "part6_offer", suitable=False,
                      suitability_reasons="Second floor with no lift; the applicant uses a wheelchair.")
    with pytest.raises(FieldError, match="was assessed as not suitable"):
        _letter(team, case_id, "final_offer", on=days_ago(7))
    _answer(team, case_id, offer_id, "refused", reasons="I cannot get up the stairs.")
    with pytest.raises(Refused, match="was assessed as not suitable for the household, so its refusal does not end"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="refused_suitable_offer")


def test_a_duty_does_not_end_on_an_offer_that_was_never_recorded(team):
    case_id = _main_duty(team)
    with pytest.raises(Refused, match="needs the offer recorded under this main housing duty"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="refused_suitable_offer")


def test_a_private_rented_sector_offer_accepted_after_the_written_notice_ends_the_main_duty(team):
    case_id = _main_duty(team)
    offer_id = _offer(team, case_id, "private_rented_sector_offer", on=days_ago(1), respond_by=TODAY,
                      monthly_rent="800", monthly_income="2600")
    _letter(team, case_id, "final_offer", on=days_ago(1))
    _answer(team, case_id, offer_id, "accepted_review", on=TODAY, review_requested_on=TODAY)
    move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="accepted_prs_offer")
    assert _duties(case_id)[-1][3] == "accepted_prs_offer"


def test_accepting_while_asking_for_a_review_of_suitability_records_the_request(team):
    case_id = _relief(team)
    offer_id = _offer(team, case_id, "private_rented_offer", monthly_rent="800", monthly_income="2600")
    with pytest.raises(FieldError, match=r"^Review of suitability asked for on: give the day"):
        _answer(team, case_id, offer_id, "accepted_review")
    _answer(team, case_id, offer_id, "accepted_review", review_requested_on=days_ago(1))
    shown = offers.offers_summary(case_id=case_id, viewer_id=team.officer).offers[0]
    assert (shown.answer, shown.review_requested_on) == ("accepted_review", days_ago(1))
    event = cases.open_case_record(case_id=case_id, viewer_id=team.officer).events[0]
    assert "s.202(1)(f), (1A)" in event.summary
    with pytest.raises(FieldError, match="is already recorded"):
        _answer(team, case_id, offer_id, "refused", reasons="Changed my mind")


def test_no_reply_is_recorded_only_once_the_day_to_answer_has_passed(team):
    case_id = _relief(team)
    offer_id = _offer(team, case_id, "part6_offer", respond_by=days_ago(1))
    with pytest.raises(FieldError, match="^Answered on: 'no reply' is recorded after the day"):
        _answer(team, case_id, offer_id, "no_reply", on=days_ago(1))
    _answer(team, case_id, offer_id, "no_reply", on=TODAY)


def test_an_offer_waiting_for_an_answer_shows_its_date_in_dates_due(team):
    case_id = _relief(team)
    _offer(team, case_id, "part6_offer", respond_by=TODAY + timedelta(days=3))
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    [item] = [item for item, _ in summary.deadlines if item.kind == "offer_reply"]
    assert item.due_on == TODAY + timedelta(days=3) and FLAT in item.what


def _warned(team, case_id: int, on) -> None:
    cw.give_cooperation_warning(case_id=case_id, expected_version=version(case_id, team.officer),
                                officer_id=team.officer, warned_on=on,
                                steps_refused="Refused three viewings arranged by the council.")


def test_a_s193b_notice_without_the_warning_is_refused_even_to_a_senior_officer(team):
    case_id = _relief(team, children=0)
    with pytest.raises(FieldError, match="needs a warning first"):
        move(case_id, team.senior, "duty_ended", on=TODAY, end_reason="non_cooperation")


def test_a_s193b_notice_by_a_caseworker_who_is_not_a_senior_officer_is_refused(team):
    case_id = _relief(team, children=0)
    _warned(team, case_id, days_ago(20))
    before = version(case_id, team.officer)
    with pytest.raises(PermissionDenied, match=r"is given by a senior officer or manager, not by the caseworker"):
        move(case_id, team.officer, "duty_ended", on=TODAY, end_reason="non_cooperation")
    assert version(case_id, team.officer) == before
    assert not cw.may_give_cooperation_notice(_actor(team.officer, "officer"), on=TODAY)
    assert cw.may_give_cooperation_notice(_actor(team.senior, "senior"), on=TODAY)
    move(case_id, team.senior, "duty_ended", on=TODAY, end_reason="non_cooperation",
         reason="Deliberately refused the viewings after the warning")
    assert _duties(case_id)[-1][3] == "non_cooperation"


def _actor(officer_id: int, role: str):
    from types import SimpleNamespace

    return SimpleNamespace(id=officer_id, role=role)


def test_after_a_relief_stage_notice_a_family_in_priority_need_is_owed_the_s193c_4_duty(team):
    case_id = _relief(team, children=2)
    _warned(team, case_id, days_ago(20))
    with pytest.raises(Refused, match="must make accommodation available under s.193C\\(4\\)"):
        move(case_id, team.senior, "duty_ended", on=TODAY, end_reason="non_cooperation")
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.senior)
    assert "non_cooperation_duty" in [t.to_stage for t in summary.transitions]
    move(case_id, team.senior, "non_cooperation_duty", on=TODAY, reason="Notice under s.193B(2) given today")
    assert [d[:4] for d in _duties(case_id)] == [("relief", days_ago(30), TODAY, "non_cooperation"),
                                                 ("non_cooperation_duty", TODAY, None, None)]
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.senior)
    assert summary.clock.label == "duty to make accommodation available after a s.193B notice (s.193C(4))"
    stage_event = next(e for e in cases.open_case_record(case_id=case_id, viewer_id=team.senior).events
                       if e.kind == "stage_changed")
    assert "s.193C(2)-(4)" in stage_event.summary and "main housing duty does not apply" in stage_event.summary
    # the main duty is not owed in its place: only the s.193C ways of ending remain
    assert "main_duty" not in [t.to_stage for t in summary.transitions]
    # the notice itself, issued now, is the relief duty's ending given in writing
    _letter(team, case_id, "s193b_notice")
    assert _duties(case_id)[0][4] == TODAY


def test_an_ended_duty_without_its_notice_is_flagged_until_the_letter_is_issued(team):
    case_id = _opened(team)
    assess(case_id, team.officer, on=days_ago(30), housing=threatened_housing(days_ago(30)))
    move(case_id, team.officer, "prevention", on=days_ago(30))
    move(case_id, team.officer, "duty_ended", on=days_ago(10), end_reason="intentionally_homeless",
         reason="Left the flat the council found through its steps")
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    [flag] = [f for f in summary.flags if f.code == "duty_end_not_notified"]
    assert "prevention duty" in flag.text and "s.195(8)(e)" in flag.citation
    _letter(team, case_id, "duty_ended")
    summary = cw.casework_summary(case_id=case_id, viewer_id=team.officer)
    assert not [f for f in summary.flags if f.code == "duty_end_not_notified"]
