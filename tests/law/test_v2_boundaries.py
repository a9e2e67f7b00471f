"""Version 2 facts at their edges: birthdays on the day, day 1 and day 21 of a review window,
a room of one's own at 15 and 16, and the command line on a version-2 file."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from law_helpers import PROJECT
from v2_helpers import FINDINGS_ALL_MET, child, decide, household, rules, texts

from logic.common.errors import FieldError
from logic.law import parse_facts


def test_a_relevant_child_the_day_before_her_16th_birthday_is_not_read_as_one() -> None:
    d = decide(applicant={"dob": "2010-11-24", "relevant_child": True})
    assert d.applicant_age == 15 and d.refer_to_childrens_services is False
    assert "applicant_under_16" in rules(d)


def test_a_relevant_child_the_day_before_her_18th_birthday_is_still_referred() -> None:
    d = decide(applicant={"dob": "2008-11-24", "relevant_child": True})
    assert d.applicant_age == 17 and d.refer_to_childrens_services is True
    assert "aged_16_17_excluded" in rules(d)


def test_a_son_who_cannot_share_and_turns_16_today_changes_nothing() -> None:
    son = {"relation": "child", "dob": "2010-11-23", "sex": "M", "needs_own_room": True}
    brother = {"relation": "child", "dob": "2012-01-01", "sex": "M"}
    d = decide(members=[son, brother])
    assert d.bedroom_need == 3 and "own_room_already" in rules(d)


def test_a_son_who_cannot_share_the_day_before_he_turns_16_stops_his_brother_sharing() -> None:
    son = {"relation": "child", "dob": "2010-11-24", "sex": "M", "needs_own_room": True}
    brother = {"relation": "child", "dob": "2012-01-01", "sex": "M"}
    assert decide(members=[son, brother]).bedroom_need == 3
    assert decide(members=[{**son, "needs_own_room": False}, brother]).bedroom_need == 2


def test_triplets_are_three_children_under_10_one_of_whom_sleeps_apart() -> None:
    d = decide(applicant={"pregnant": True, "expected_babies": 3})
    assert d.bedroom_need == 3  # you; two of the triplets share; the third
    assert "the third of the expected triplets" in " ".join(texts(d, "bedroom_need"))


def test_a_household_member_cannot_be_recorded_with_the_applicant_s_order_grounds() -> None:
    with pytest.raises(FieldError) as caught:
        parse_facts(household(members=[{"relation": "partner", "dob": "1990-01-01",
                                        "sex": "M", "vulnerable_violence": True}]))
    assert caught.value.field == "facts.household[0].vulnerable_violence"


def test_who_domestic_abuse_threatens_is_not_read_without_domestic_abuse() -> None:
    d = decide(housing={"has_accommodation": True, "domestic_abuse_victim": "both"})
    assert d.homelessness == "neither"


def test_domestic_abuse_against_both_gives_the_s189_1_e_ground() -> None:
    d = decide(housing={"has_accommodation": True, "domestic_abuse": True,
                        "domestic_abuse_victim": "both"})
    assert d.priority_need_grounds == ("domestic_abuse",)
    assert "against you and a member of your household" in " ".join(texts(d, "homelessness"))


def test_a_collusive_arrangement_cites_s191_3() -> None:
    d = decide(intentionality={**{k: False for k in FINDINGS_ALL_MET},
                               "collusive_arrangement": True})
    (r,) = d.reasons_for("intentionally_homeless")
    assert str(r.citation) == "Housing Act 1996 s.191(3)"


def test_a_member_s_act_that_misses_a_finding_is_not_intentional_even_if_acquiesced() -> None:
    d = decide(intentionality={**FINDINGS_ALL_MET, "caused_loss": False,
                               "whose_act": "member", "acquiesced": True})
    assert d.intentionally_homeless is False
    assert "what the member of your household did was not the reason" in " ".join(texts(d))


def test_a_review_asked_for_on_the_day_the_decision_arrived_is_day_1_and_in_time() -> None:
    d = decide(history={"decision_notified_on": "2026-11-23",
                        "review_requested_on": "2026-11-23"})
    assert d.review_request_by == date(2026, 12, 13) and d.review_in_time is True
    assert "day 1 of the 21" in " ".join(texts(d, "review_in_time"))


def test_a_review_request_with_no_notified_decision_has_no_answer() -> None:
    d = decide(history={"review_requested_on": "2026-11-20"})
    assert d.review_request_by is None and d.review_in_time is None


def test_a_prevention_duty_started_on_the_assessment_date_reads_as_no_start_recorded() -> None:
    facts = {"housing": {"has_accommodation": True, "likely_to_lose_on": "2026-12-20"}}
    recorded = decide(**facts, history={"prevention_duty_started_on": "2026-11-23"})
    assert recorded.prevention_duty_ends_on == decide(**facts).prevention_duty_ends_on == (
        date(2027, 1, 17))


def test_a_care_leaver_placed_here_is_connected_even_with_family_elsewhere() -> None:
    d = decide(local_connection={"months_resident_last_12": 0, "years_resident_last_5": 0,
                                 "connection_elsewhere": True, "care_leaver_here": True})
    assert d.local_connection and not d.referral_possible
    (r,) = [r for r in d.reasons if r.rule == "local_connection_care_leaver"]
    assert "s.199(8)" in str(r.citation)


def test_a_former_asylum_seeker_s_connection_cites_s199_6() -> None:
    d = decide(local_connection={"months_resident_last_12": 0, "years_resident_last_5": 0,
                                 "asylum_support_here": True})
    (r,) = [r for r in d.reasons if r.rule == "local_connection_asylum_support"]
    assert "s.199(6)" in str(r.citation) and d.local_connection


def test_two_children_who_cannot_share_each_have_a_room() -> None:
    kids = [child("2020-01-01", "F", needs_own_room=True), child("2021-01-01", "F",
                                                                needs_own_room=True)]
    assert decide(members=kids).bedroom_need == 3


def _run(tmp_path: Path, facts: dict[str, object]) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"id": "X", "title": "t", "facts": facts}), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "logic.law", "--explain", str(path)],
                          cwd=PROJECT, capture_output=True, text=True, timeout=60)


def test_the_command_prints_the_version_2_keys_for_a_version_2_file(tmp_path: Path) -> None:
    r = _run(tmp_path, household(history={"decision_notified_on": "2026-11-01",
                                          "review_requested_on": "2026-11-21"}))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["review_request_by"] == "2026-11-21" and out["review_in_time"] is True
    assert out["prevention_duty_ends_on"] is None
    assert "review requested in time" in r.stderr


def test_the_command_refuses_a_review_asked_for_before_the_decision(tmp_path: Path) -> None:
    r = _run(tmp_path, household(history={"decision_notified_on": "2026-11-10",
                                          "review_requested_on": "2026-11-01"}))
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1
    assert "facts.history.review_requested_on" in r.stderr


def test_a_flood_that_threatens_the_home_reads_as_threatened_with_homelessness() -> None:
    d = decide(housing={"has_accommodation": True, "emergency": "flood",
                        "likely_to_lose_on": "2026-12-20"})
    (ground,) = [r.text for r in d.reasons if r.rule == "emergency"]
    assert ground.startswith("You are threatened with homelessness because of a flood")
    assert "A flood is the cause of the threat to your home." in texts(d, "homelessness")
