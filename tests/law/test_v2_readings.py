"""Version 2 of the format: each new fact read as the spec says, at its boundaries.

The household is at the desk on 23 November 2026 (``v2_helpers.BASE``: a woman of 36,
British, with nowhere to stay and a local connection) unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest
from v2_helpers import FINDINGS_ALL_MET, child, decide, rules

from logic.law import determine

# --- a young person children's services must help first (art.3, s.20, s.23A) ------------------

BORN_17 = "2009-06-01"  # 17 on the assessment date


def test_a_homeless_17_year_old_relevant_child_is_referred_to_childrens_services() -> None:
    d = decide(applicant={"dob": BORN_17, "relevant_child": True})
    assert "aged_16_17" not in d.priority_need_grounds
    assert d.refer_to_childrens_services is True


def test_a_17_year_old_owed_a_section_20_duty_loses_only_the_art_3_ground() -> None:
    d = decide(applicant={"dob": BORN_17, "owed_s20_duty": True, "pregnant": True})
    assert d.priority_need_grounds == ("pregnant",)
    assert d.refer_to_childrens_services is True


def test_a_17_year_old_children_s_services_assessed_as_owed_nothing_keeps_art_3() -> None:
    d = decide(applicant={"dob": BORN_17, "owed_s20_duty": False})
    assert d.priority_need_grounds == ("aged_16_17",)
    assert d.refer_to_childrens_services is False


def test_a_relevant_child_on_her_18th_birthday_is_no_longer_read_as_one() -> None:
    d = decide(applicant={"dob": "2008-11-23", "relevant_child": True, "care_leaver": True})
    assert d.priority_need_grounds == ("care_leaver_18_20",)
    assert d.refer_to_childrens_services is False


def test_a_relevant_child_on_her_16th_birthday_is_referred() -> None:
    d = decide(applicant={"dob": "2010-11-23", "relevant_child": True})
    assert d.refer_to_childrens_services is True and d.priority_need is False


def test_a_threatened_17_year_old_owed_a_section_20_duty_is_referred_too() -> None:
    d = decide(applicant={"dob": BORN_17, "owed_s20_duty": True},
               housing={"has_accommodation": True, "likely_to_lose_on": "2026-12-10"})
    assert d.homelessness == "threatened" and d.refer_to_childrens_services is True


def test_a_17_year_old_relevant_child_with_a_home_is_not_referred() -> None:
    d = decide(applicant={"dob": BORN_17, "relevant_child": True},
               housing={"has_accommodation": True})
    assert d.homelessness == "neither" and d.refer_to_childrens_services is False


def test_an_ineligible_17_year_old_relevant_child_is_still_referred() -> None:
    d = decide(applicant={"dob": BORN_17, "relevant_child": True,
                          "immigration_status": "limited_leave_no_recourse"})
    assert d.eligible is False and d.refer_to_childrens_services is True


def test_a_care_leaver_the_day_before_her_18th_birthday_has_art_3_only() -> None:
    d = decide(applicant={"dob": "2008-11-24", "care_leaver": True})
    assert d.priority_need_grounds == ("aged_16_17",)


def test_a_care_leaver_on_her_18th_birthday_has_art_4() -> None:
    d = decide(applicant={"dob": "2008-11-23", "care_leaver": True})
    assert d.priority_need_grounds == ("care_leaver_18_20",)


def test_a_care_leaver_aged_19_at_university_in_the_vacation_has_no_art_4_ground() -> None:
    d = decide(applicant={"dob": "2007-01-01", "care_leaver": True, "relevant_student": True})
    assert d.priority_need is False
    assert "relevant_student_excluded" in rules(d)


def test_a_relevant_student_aged_25_is_not_vulnerable_as_a_former_looked_after_child() -> None:
    d = decide(applicant={"dob": "2001-01-01", "vulnerable_former_care": True,
                          "relevant_student": True, "vulnerable_custody": True})
    assert d.priority_need_grounds == ("vulnerable_custody",)


# --- twins, and a pregnancy in the household ----------------------------------------------------


def test_twins_are_one_priority_need_ground_and_two_children_for_the_bedrooms() -> None:
    one = decide(applicant={"pregnant": True}, members=[child("2018-05-01")])
    twins = decide(applicant={"pregnant": True, "expected_babies": 2},
                   members=[child("2018-05-01")])
    assert one.priority_need_grounds == twins.priority_need_grounds == (
        "dependent_children", "pregnant")
    assert (one.bedroom_need, twins.bedroom_need) == (2, 3)


def test_expected_babies_are_not_read_when_nobody_is_pregnant() -> None:
    d = decide(applicant={"expected_babies": 3})
    assert d.bedroom_need == 1 and d.priority_need is False


def test_a_daughter_expecting_twins_adds_two_children_to_the_count() -> None:
    d = decide(members=[{"relation": "child", "dob": "2008-01-01", "sex": "F",
                         "pregnant": True, "expected_babies": 2}])
    # you; your daughter (17, over 16); the twins share
    assert d.bedroom_need == 3 and d.priority_need_grounds == ("pregnant",)


# --- a vulnerable member of the household (s.189(1)(c), household limb) -------------------------


def test_a_mother_living_with_her_son_who_is_vulnerable_gives_the_household_its_own_ground(
) -> None:
    d = decide(members=[{"relation": "parent", "dob": "1940-01-01", "sex": "F",
                         "vulnerability": ["old_age"]}])
    assert d.priority_need_grounds == ("vulnerable_member",)
    assert d.interim_accommodation_duty is True


def test_a_vulnerable_member_who_does_not_live_with_the_applicant_gives_no_ground() -> None:
    d = decide(members=[{"relation": "sibling", "dob": "1995-01-01", "sex": "M",
                         "vulnerability": ["mental_illness"], "resides_with_applicant": False}])
    assert d.priority_need is False
    assert "member_not_residing" in rules(d)


def test_an_applicant_and_a_member_both_vulnerable_have_two_grounds() -> None:
    d = decide(applicant={"vulnerability": ["physical_disability"]},
               members=[{"relation": "partner", "dob": "1990-01-01", "sex": "M",
                         "vulnerability": ["learning_disability"]}])
    assert d.priority_need_grounds == ("vulnerable", "vulnerable_member")


# --- a child who cannot share a bedroom; a carer who stays overnight ----------------------------


def test_a_disabled_child_who_cannot_share_has_a_room_and_the_others_pair_as_usual() -> None:
    kids = [child("2020-01-01", "F"), child("2022-01-01", "F"), child("2023-01-01", "M")]
    usual = decide(members=kids)
    kids[0]["needs_own_room"] = True
    apart = decide(members=kids)
    # you; the daughters share, the son alone -> 3; with the elder apart: her; the two younger
    # share -> still 3: not always "one more bedroom"
    assert usual.bedroom_need == apart.bedroom_need == 3


def test_one_of_two_young_children_who_cannot_share_adds_a_bedroom() -> None:
    kids = [child("2020-01-01", "F"), child("2022-01-01", "M", needs_own_room=True)]
    assert decide(members=kids).bedroom_need == 3


def test_a_partner_who_cannot_share_gives_the_couple_two_bedrooms() -> None:
    partner = {"relation": "partner", "dob": "1988-01-01", "sex": "M"}
    assert decide(members=[partner]).bedroom_need == 1
    assert decide(members=[{**partner, "needs_own_room": True}]).bedroom_need == 2


def test_a_grown_son_who_cannot_share_already_has_his_own_room() -> None:
    son = {"relation": "child", "dob": "2005-01-01", "sex": "M"}
    assert decide(members=[son]).bedroom_need == decide(
        members=[{**son, "needs_own_room": True}]).bedroom_need == 2


def test_a_carer_who_stays_overnight_adds_one_bedroom() -> None:
    assert decide(housing={"overnight_carer": True}).bedroom_need == 2
    assert decide(housing={"overnight_carer": False}).bedroom_need == 1


# --- a member's local connection; the statutory connections -------------------------------------

NO_CONNECTION = {"months_resident_last_12": 0, "years_resident_last_5": 0,
                 "connection_elsewhere": True}


def test_a_partner_with_a_connection_here_stops_a_referral() -> None:
    partner = {"relation": "partner", "dob": "1988-01-01", "sex": "M"}
    away = decide(local_connection=NO_CONNECTION, members=[partner])
    here = decide(local_connection=NO_CONNECTION,
                  members=[{**partner, "local_connection_here": True}])
    assert (away.local_connection, away.referral_possible) == (False, True)
    assert (here.local_connection, here.referral_possible) == (True, False)


def test_a_connection_here_of_a_member_who_lives_elsewhere_does_not_count() -> None:
    d = decide(local_connection=NO_CONNECTION,
               members=[{"relation": "sibling", "dob": "1992-01-01", "sex": "M",
                         "resides_with_applicant": False, "local_connection_here": True}])
    assert d.local_connection is False and d.referral_possible is True


@pytest.mark.parametrize("key", ["care_leaver_here", "asylum_support_here"])
def test_a_statutory_connection_gives_a_local_connection_and_no_referral(key: str) -> None:
    d = decide(local_connection={**NO_CONNECTION, key: True})
    assert d.local_connection is True and d.referral_possible is False


# --- domestic abuse: who is at risk --------------------------------------------------------------


@pytest.mark.parametrize(("victim", "ground"), [("applicant", True), ("both", True),
                                                ("member", False)])
def test_domestic_abuse_makes_the_household_homeless_whoever_is_at_risk(
        victim: str, ground: bool) -> None:
    d = decide(housing={"has_accommodation": True, "domestic_abuse": True,
                        "domestic_abuse_victim": victim})
    assert d.homelessness == "homeless"
    assert ("domestic_abuse" in d.priority_need_grounds) is ground


# --- an emergency is the cause, not the finding --------------------------------------------------


def test_a_fire_that_left_the_home_fit_to_live_in_does_not_make_the_household_homeless(
) -> None:
    d = decide(housing={"has_accommodation": True, "emergency": "fire"})
    assert d.homelessness == "neither" and d.priority_need is False


def test_a_flood_that_will_force_the_family_out_next_month_is_a_threat_and_a_ground() -> None:
    d = decide(housing={"has_accommodation": True, "emergency": "flood",
                        "likely_to_lose_on": "2026-12-20"})
    assert d.homelessness == "threatened" and d.priority_need_grounds == ("emergency",)


def test_a_flooded_home_not_reasonable_to_occupy_makes_the_household_homeless() -> None:
    d = decide(housing={"has_accommodation": True, "emergency": "flood",
                        "reasonable_to_occupy": False})
    assert d.homelessness == "homeless" and d.priority_need_grounds == ("emergency",)


# --- intentionality: whose act, acquiescence, a collusive arrangement ---------------------------


def test_a_partner_s_rent_arrears_the_applicant_did_not_know_of_are_not_held_against_her(
) -> None:
    d = decide(intentionality={**FINDINGS_ALL_MET, "whose_act": "member"})
    assert d.intentionally_homeless is False


def test_a_partner_s_act_the_applicant_went_along_with_is_held_against_her() -> None:
    d = decide(intentionality={**FINDINGS_ALL_MET, "whose_act": "member", "acquiesced": True})
    assert d.intentionally_homeless is True


def test_acquiescence_is_not_read_for_the_applicant_s_own_act() -> None:
    none_met = {k: False for k in FINDINGS_ALL_MET}
    d = decide(intentionality={**none_met, "acquiesced": True})
    assert d.intentionally_homeless is False


def test_a_collusive_arrangement_is_intentional_whatever_the_s191_1_findings() -> None:
    none_met = {k: False for k in FINDINGS_ALL_MET}
    d = decide(intentionality={**none_met, "collusive_arrangement": True})
    assert d.intentionally_homeless is True


def test_a_collusive_arrangement_is_not_read_for_someone_who_is_not_homeless() -> None:
    d = decide(housing={"has_accommodation": True},
               intentionality={**FINDINGS_ALL_MET, "collusive_arrangement": True})
    assert d.intentionally_homeless is False


# --- a notice already expired, and one expiring on the day ---------------------------------------


def _notice(expires_on: str, **housing: object) -> dict[str, object]:
    return {"has_accommodation": True, "section_21": {"valid": True, "expires_on": expires_on},
            **housing}


def test_a_notice_that_expired_yesterday_no_longer_threatens_on_its_own() -> None:
    assert decide(housing=_notice("2026-11-22")).homelessness == "neither"


def test_a_notice_expiring_on_the_day_of_assessment_still_threatens() -> None:
    assert decide(housing=_notice("2026-11-23")).homelessness == "threatened"


def test_an_expired_notice_with_the_bailiffs_booked_next_month_is_a_threat() -> None:
    d = decide(housing=_notice("2026-10-31", likely_to_lose_on="2026-12-15"))
    assert d.homelessness == "threatened"


# --- the prevention duty's 56 days and s.195(6) ---------------------------------------------------


def test_a_prevention_duty_started_today_ends_its_56_days_55_days_later() -> None:
    d = decide(housing={"has_accommodation": True, "likely_to_lose_on": "2026-12-20"})
    assert d.duty == "prevention"
    assert d.prevention_duty_ends_on == date(2027, 1, 17)
    assert d.prevention_56_day_end_allowed is True


def test_a_prevention_duty_started_last_month_counts_from_its_start() -> None:
    d = decide(housing={"has_accommodation": True, "likely_to_lose_on": "2026-12-20"},
               history={"prevention_duty_started_on": "2026-10-01"})
    assert d.prevention_duty_ends_on == date(2026, 11, 25)
    assert d.deadlines["prevention_period_ends_on"] == date(2026, 11, 25)


def test_a_running_section_21_notice_bars_ending_the_prevention_duty_at_56_days() -> None:
    d = decide(housing=_notice("2027-01-10"))
    assert d.prevention_56_day_end_allowed is False


@pytest.mark.parametrize(("expires", "allowed"), [("2027-03-15", False), ("2027-03-16", True)])
def test_a_later_notice_bars_the_56_day_end_only_if_it_expires_within_56_days_of_day_57(
        expires: str, allowed: bool) -> None:
    # the duty began on 23 Nov 2026; its 56 days end on 17 Jan 2027, so it is judged on
    # 18 Jan 2027: a notice expiring 56 days after that (15 Mar) bars the end; 57 days does not
    d = decide(housing=_notice(expires, likely_to_lose_on="2026-12-20"))
    assert d.homelessness == "threatened"
    assert d.prevention_56_day_end_allowed is allowed


def test_an_old_prevention_duty_is_judged_on_the_assessment_date() -> None:
    d = decide(housing=_notice("2027-01-10", likely_to_lose_on="2026-12-01"),
               history={"prevention_duty_started_on": "2026-08-01"})
    assert d.prevention_duty_ends_on == date(2026, 9, 25)
    assert d.prevention_56_day_end_allowed is False


@pytest.mark.parametrize("housing", [{"has_accommodation": False}, {"has_accommodation": True}])
def test_without_a_prevention_duty_the_prevention_keys_are_null(housing: dict[str, bool]) -> None:
    d = decide(housing=housing, history={"prevention_duty_started_on": "2026-11-01"})
    assert d.duty != "prevention"
    assert d.prevention_duty_ends_on is None and d.prevention_56_day_end_allowed is None


# --- a review asked for: day 21 against day 22 ----------------------------------------------------


@pytest.mark.parametrize(("requested", "in_time"), [("2026-11-01", True), ("2026-11-21", True),
                                                    ("2026-11-22", False)])
def test_a_review_request_on_day_21_is_in_time_and_on_day_22_is_late(
        requested: str, in_time: bool) -> None:
    d = decide(history={"decision_notified_on": "2026-11-01", "review_requested_on": requested})
    assert d.review_request_by == date(2026, 11, 21)
    assert d.review_in_time is in_time


def test_a_decision_notified_with_no_request_yet_has_a_last_day_but_no_answer() -> None:
    d = decide(history={"decision_notified_on": "2026-11-10"})
    assert d.review_request_by == date(2026, 11, 30) and d.review_in_time is None
    assert d.deadlines["s202_review_request_by"] == date(2026, 11, 30)


def test_every_version_2_key_is_in_the_output_of_a_version_1_household() -> None:
    out = determine({"assessment_date": "2026-11-23",
                     "applicant": {"dob": "1990-03-03", "sex": "F",
                                   "immigration_status": "british_irish"},
                     "housing": {"has_accommodation": True}}).to_json_dict()
    assert {k: out[k] for k in ("prevention_duty_ends_on", "prevention_56_day_end_allowed",
                                "review_request_by", "review_in_time",
                                "refer_to_childrens_services")} == {
        "prevention_duty_ends_on": None, "prevention_56_day_end_allowed": None,
        "review_request_by": None, "review_in_time": None,
        "refer_to_childrens_services": False}
    assert "vulnerable_member" not in out["priority_need_grounds"]
