"""The notes read as an officer's assessment a letter can quote: no two sentences of one
determination contradict each other, the right provision is cited, and the grammar holds for
several pregnancies and several babies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from law_helpers import OWN_SCENARIOS, SHARED, load
from v2_helpers import FINDINGS_ALL_MET, child, decide, household, rules, texts

from logic.law import determine, explain
from logic.law.core import Determination

NO_CONNECTION = {"months_resident_last_12": 0, "years_resident_last_5": 0,
                 "connection_elsewhere": True, "risk_of_abuse_elsewhere": True}


def contradictions(d: Determination) -> list[str]:
    """Sentences that say the opposite of the answer they explain."""
    bad = []
    home = " ".join(texts(d, "homelessness"))
    if d.homelessness == "threatened":
        bad += [s for s in ("not yet threatened", "does not yet make you threatened",
                            "neither homeless nor threatened", "so you are homeless")
                if s in home]
    if d.homelessness == "homeless":
        bad += [s for s in ("you are not homeless", "neither homeless") if s in home]
    if d.homelessness == "neither":
        bad += [s for s in ("so you are threatened", "so you are homeless") if s in home]
    need = " ".join(texts(d, "priority_need"))
    if d.priority_need and "do not have a priority need" in need:
        bad.append("no priority need")
    if not d.priority_need and "so you have a priority need" in need:
        bad.append("a priority need")
    if d.homelessness == "homeless" and "not homeless because of an emergency or domestic abuse" in (
            need) and any(r.rule == "domestic_abuse_not_reasonable" for r in d.reasons):
        bad.append("not homeless because of domestic abuse")
    return bad


SITUATIONS: dict[str, dict[str, Any]] = {
    "threatened_by_a_notice_with_the_move_out_date_later": dict(housing={
        "has_accommodation": True, "likely_to_lose_on": "2027-03-01",
        "section_21": {"valid": True, "expires_on": "2027-01-10"}}),
    "threatened_by_the_date_with_the_notice_expiring_later": dict(housing={
        "has_accommodation": True, "likely_to_lose_on": "2026-12-20",
        "section_21": {"valid": True, "expires_on": "2027-04-10"}}),
    "an_expired_notice_and_bailiffs_next_month": dict(housing={
        "has_accommodation": True, "likely_to_lose_on": "2026-12-15",
        "section_21": {"valid": True, "expires_on": "2026-10-31"}}),
    "domestic_abuse_against_her_daughter": dict(housing={
        "has_accommodation": True, "domestic_abuse": True, "domestic_abuse_victim": "member"},
        members=[child("2014-01-01") | {"dependent": False}]),
    "a_fire_that_left_the_home_fit_to_live_in": dict(housing={
        "has_accommodation": True, "emergency": "fire"}),
    "a_member_s_act_she_did_not_go_along_with": dict(
        intentionality={**FINDINGS_ALL_MET, "whose_act": "member"}),
    "an_ineligible_17_year_old_relevant_child": dict(applicant={
        "dob": "2009-06-01", "relevant_child": True,
        "immigration_status": "limited_leave_no_recourse"}),
}


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_no_sentence_contradicts_the_answer_in_these_situations(name: str) -> None:
    assert contradictions(decide(**SITUATIONS[name])) == []


FILES = sorted(OWN_SCENARIOS.glob("*.json")) + sorted((SHARED / "scenarios").glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_sentence_contradicts_the_answer_in_any_scenario(path: Path) -> None:
    assert contradictions(determine(load(path)["facts"])) == []


def test_a_notice_that_threatens_is_not_followed_by_you_are_not_yet_threatened() -> None:
    d = decide(**SITUATIONS["threatened_by_a_notice_with_the_move_out_date_later"])
    home = texts(d, "homelessness")
    assert any("so you are threatened with homelessness" in t for t in home)
    assert any("1 March 2027, is more than 56 days away, so it is not what makes you threatened"
               in t for t in home)
    assert not any("not yet threatened" in t for t in home)


def test_a_notice_expiring_after_the_threatening_date_is_not_what_threatens() -> None:
    d = decide(**SITUATIONS["threatened_by_the_date_with_the_notice_expiring_later"])
    assert "section_21_not_the_threat" in rules(d)
    assert not any("does not yet make you threatened" in t for t in texts(d))


def test_domestic_abuse_against_a_child_is_not_denied_after_it_is_found() -> None:
    d = decide(**SITUATIONS["domestic_abuse_against_her_daughter"])
    assert d.homelessness == "homeless" and not d.priority_need
    notes = " ".join(texts(d))
    assert "domestic abuse against a member of your household" in notes
    assert "not homeless because of an emergency or domestic abuse" not in notes
    assert "the domestic abuse that makes you homeless does not give you a priority need" in (
        " ".join(texts(d, "priority_need")))


def test_domestic_abuse_before_july_2021_is_not_denied_after_it_is_found() -> None:
    d = determine(load(OWN_SCENARIOS / "L27.json")["facts"])
    assert d.homelessness == "homeless" and not d.priority_need
    assert not any("not homeless because of an emergency or domestic abuse" in t
                   for t in texts(d))


def test_violence_that_was_not_domestic_abuse_stops_a_referral_under_s198_2za() -> None:
    d = decide(applicant={"vulnerable_violence": True}, local_connection=NO_CONNECTION)
    (r,) = d.reasons_for("referral_possible")
    assert str(r.citation) == "Housing Act 1996 s.198(2ZA)"
    assert "violence" in r.text and "not domestic abuse" in r.text


def test_domestic_abuse_elsewhere_still_stops_a_referral_under_s198_2_c() -> None:
    d = decide(housing={"has_accommodation": True, "domestic_abuse": True},
               applicant={"vulnerable_violence": True}, local_connection=NO_CONNECTION)
    (r,) = d.reasons_for("referral_possible")
    assert str(r.citation) == "Housing Act 1996 s.198(2)(c)"


def test_two_pregnant_daughters_are_each_pregnant_not_is_pregnant() -> None:
    d = decide(members=[
        {"relation": "child", "dob": "2008-01-01", "sex": "F", "pregnant": True},
        {"relation": "child", "dob": "2007-01-01", "sex": "F", "pregnant": True,
         "expected_babies": 2}])
    (ground,) = [r.text for r in d.reasons if r.rule == "pregnant_household_member"]
    assert ground == ("You live with your daughter aged 18 and your daughter aged 19 (expecting "
                      "twins), who are each pregnant, so you have a priority need.")
    (beds,) = [r.text for r in d.reasons if r.rule == "unborn_child_counted"]
    assert beds.startswith("Because your daughter aged 18 is pregnant and your daughter aged 19 "
                           "is pregnant with twins, the 3 expected babies are counted as "
                           "children under 10")
    assert d.bedroom_need == 5  # you; each daughter (16+); the babies: two share, one alone


def test_a_pregnant_applicant_and_a_pregnant_partner_read_as_two_pregnancies() -> None:
    d = decide(applicant={"pregnant": True},
               members=[{"relation": "partner", "dob": "1991-01-01", "sex": "F",
                         "pregnant": True}])
    (beds,) = [r.text for r in d.reasons if r.rule == "unborn_child_counted"]
    assert beds.startswith("Because you are pregnant and your partner is pregnant, the 2 "
                           "expected babies are counted")
    assert "you are and" not in beds
    assert "your expected baby" in " ".join(texts(d, "bedroom_need"))


def test_twins_read_as_twins_in_the_ground_and_the_bedrooms() -> None:
    d = decide(applicant={"pregnant": True, "expected_babies": 2})
    assert "You are pregnant (expecting twins), so you have a priority need." in texts(d)
    rooms = " ".join(texts(d, "bedroom_need"))
    assert "the first of the expected twins and the second of the expected twins" in rooms
    assert "the 2 expected babies are counted as children" in rooms


def test_one_expected_baby_reads_as_before() -> None:
    d = decide(applicant={"pregnant": True})
    assert "You are pregnant, so you have a priority need." in texts(d)
    assert ("Because you are pregnant, the expected baby is counted as a child under 10 whose "
            "sex is not yet known.") in texts(d)


def test_an_ineligible_applicant_s_notes_say_the_council_need_not_decide_the_rest() -> None:
    d = decide(applicant={"immigration_status": "limited_leave_no_recourse"},
               members=[child("2019-01-01")])
    assert d.eligible is False
    assert (d.homelessness, d.priority_need_grounds) == ("homeless", ("dependent_children",))
    notes = explain(d)
    eligibility = notes[notes.index("1. Eligibility"):notes.index("2. Homelessness")]
    assert "need not decide" in eligibility and "section 184" in eligibility


def test_an_eligible_applicant_s_notes_do_not_say_so() -> None:
    assert "need not decide" not in explain(decide())


def test_a_fire_that_left_the_home_fit_to_live_in_is_not_called_homelessness() -> None:
    d = decide(**SITUATIONS["a_fire_that_left_the_home_fit_to_live_in"])
    home = " ".join(texts(d, "homelessness"))
    assert "does not by itself make you homeless" in home
    assert "so you are homeless" not in home


def test_a_home_lost_to_fire_names_the_fire_as_the_cause() -> None:
    d = decide(housing={"has_accommodation": False, "emergency": "fire"})
    assert "A fire is the cause of your homelessness." in texts(d, "homelessness")


def test_a_member_s_act_the_applicant_did_not_go_along_with_cites_lewis() -> None:
    d = decide(**SITUATIONS["a_member_s_act_she_did_not_go_along_with"])
    (r,) = d.reasons_for("intentionally_homeless")
    assert "North Devon" in str(r.citation) and "did not go along with it" in r.text


def test_a_late_review_request_says_it_is_late_and_may_still_be_accepted() -> None:
    d = decide(history={"decision_notified_on": "2026-11-01",
                        "review_requested_on": "2026-11-22"})
    (late,) = d.reasons_for("review_in_time")
    assert "day 22" in late.text and "late" in late.text and "accept" in late.text
    (by,) = d.reasons_for("review_request_by")
    assert by.text.startswith("The decision was notified to you on 1 November 2026")
    # a decision has been notified: no target for making it is listed any more
    assert "s184_decision_due_by" not in d.deadlines


def test_a_17_year_old_referred_to_childrens_services_reads_it_under_the_duty() -> None:
    d = decide(**SITUATIONS["an_ineligible_17_year_old_relevant_child"])
    notes = explain(d)
    duty = notes[notes.index("5. Duty owed"):notes.index("6. Interim")]
    assert "children's services' duties come first" in duty
    assert "R (G) v Southwark" in duty


@pytest.mark.parametrize("name", list(SITUATIONS))
def test_every_version_2_situation_explains_every_key_with_a_cited_reason(name: str) -> None:
    out = determine(household(**SITUATIONS[name])).to_json_dict()
    for key, indexes in out["field_reasons"].items():
        assert indexes, key


def test_an_expired_notice_that_bars_the_56_day_end_is_not_called_the_threat() -> None:
    d = decide(housing={"has_accommodation": True, "likely_to_lose_on": "2026-12-01",
                        "section_21": {"valid": True, "expires_on": "2026-11-01"}},
               history={"prevention_duty_started_on": "2026-09-01"})
    assert d.prevention_56_day_end_allowed is False
    (r,) = [r for r in d.reasons if r.rule == "prevention_period_ends_on"]
    assert "the valid notice that threatens you" not in r.text
    assert "will expire within 56 days or has expired (section 195(6))" in r.text
    assert "ended on 26 October 2026" in r.text


def test_a_child_who_cannot_share_is_named_apart_from_the_next_room_in_the_list() -> None:
    d = decide(members=[child("2021-01-01", "M", needs_own_room=True), child("2022-01-01")])
    (r,) = [r for r in d.reasons if r.rule == "bedroom_need"]
    assert r.text.endswith("one for you, one for your son aged 5 (who cannot share a bedroom "
                           "because of a disability) and one for your daughter aged 4.")
