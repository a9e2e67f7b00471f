"""Properties of the version-2 facts that hold for every household (Hypothesis).

Issue 13 names two: adding a member's local connection never makes a referral possible, and a
later notification date never makes a review request that was in time late. The others are
the ones an officer relies on without thinking: an overnight carer, an expected baby or a
person who cannot share never lowers the bedroom need; children's services' duties take away
only the young person's own ground; who is at risk of abuse never changes whether the home is
reasonable to stay in.

The facts are drawn from the exchange format of ../shared/spec/decision-scenarios.md, version 2
included (the v2 codes are written out here from the spec, a second reading of it).
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from logic.law import determine

FAST = settings(max_examples=120, deadline=None)
ON = st.dates(min_value=date(2022, 1, 1), max_value=date(2030, 12, 31))

SEXES = ("F", "M", "X")
RELATIONS = ("partner", "child", "parent", "sibling", "other")
STATUSES = ("british_irish", "settled", "pre_settled_worker", "pre_settled_no_right_to_reside",
            "refugee", "humanitarian_protection", "ukraine_scheme", "limited_leave_no_recourse",
            "asylum_seeker")
VULNERABILITIES = ("old_age", "mental_illness", "learning_disability", "physical_disability",
                   "other_special_reason")
EMERGENCIES = ("fire", "flood", "other_disaster")
VICTIMS = ("applicant", "member", "both")
V2_KEYS = ("prevention_duty_ends_on", "prevention_56_day_end_allowed", "review_request_by",
           "review_in_time", "refer_to_childrens_services")


def iso(d: date) -> str:
    return d.isoformat()


def decide(raw: dict[str, Any]) -> dict[str, Any]:
    return determine(raw).to_json_dict()


@st.composite
def dob_aged(draw: st.DrawFn, on: date) -> str:
    """A date of birth; ages 15-18 (the young person's edges) come up often, birthdays too."""
    years = draw(st.one_of(st.integers(15, 18), st.integers(0, 90)))
    days = draw(st.one_of(st.just(0), st.integers(0, 364)))
    try:
        born = on.replace(year=on.year - years)
    except ValueError:  # 29 February
        born = on.replace(year=on.year - years, day=28)
    return iso(max(born - timedelta(days=days), date(1920, 1, 1)))


@st.composite
def member(draw: st.DrawFn, on: date) -> dict[str, Any]:
    m: dict[str, Any] = {"relation": draw(st.sampled_from(RELATIONS)),
                         "dob": draw(dob_aged(on)), "sex": draw(st.sampled_from(SEXES))}
    for key in ("resides_with_applicant", "dependent", "pregnant", "needs_own_room",
                "local_connection_here"):
        if draw(st.booleans()):
            m[key] = draw(st.booleans())
    if draw(st.booleans()):
        m["expected_babies"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        m["vulnerability"] = draw(st.lists(st.sampled_from(VULNERABILITIES), unique=True,
                                           max_size=2))
    return m


NO_CONNECTION_HERE = st.fixed_dictionaries({
    "months_resident_last_12": st.integers(0, 5), "years_resident_last_5": st.integers(0, 2),
    "connection_elsewhere": st.just(True), "risk_of_abuse_elsewhere": st.just(False)})
ANY_CONNECTION = st.fixed_dictionaries({
    "months_resident_last_12": st.integers(0, 12), "years_resident_last_5": st.integers(0, 5),
    "employed_in_district": st.booleans(), "close_family_5_years": st.booleans(),
    "special_circumstances": st.booleans(), "connection_elsewhere": st.booleans(),
    "risk_of_abuse_elsewhere": st.booleans(), "care_leaver_here": st.booleans(),
    "asylum_support_here": st.booleans()})


@st.composite
def facts(draw: st.DrawFn, *, max_members: int = 5) -> dict[str, Any]:
    on = draw(ON)
    applicant: dict[str, Any] = {"dob": draw(dob_aged(on)), "sex": draw(st.sampled_from(SEXES)),
                                 "immigration_status": draw(st.sampled_from(STATUSES))}
    for key in ("habitually_resident", "pregnant", "care_leaver", "vulnerable_former_care",
                "vulnerable_armed_forces", "vulnerable_custody", "vulnerable_violence",
                "relevant_child", "owed_s20_duty", "relevant_student"):
        if draw(st.booleans()):
            applicant[key] = draw(st.booleans())
    if draw(st.booleans()):
        applicant["expected_babies"] = draw(st.integers(1, 3))
    if draw(st.booleans()):
        applicant["vulnerability"] = draw(st.lists(st.sampled_from(VULNERABILITIES), unique=True,
                                                   max_size=2))
    near = st.integers(-60, 120).map(lambda n: iso(on + timedelta(days=n)))
    housing: dict[str, Any] = {"has_accommodation": draw(st.booleans())}
    optional = {
        "reasonable_to_occupy": st.booleans(), "likely_to_lose_on": st.none() | near,
        "section_21": st.none() | st.fixed_dictionaries({"valid": st.booleans(),
                                                         "expires_on": near}),
        "domestic_abuse": st.booleans(), "domestic_abuse_victim": st.sampled_from(VICTIMS),
        "emergency": st.none() | st.sampled_from(EMERGENCIES), "overnight_carer": st.booleans(),
        "current_bedrooms": st.none() | st.integers(0, 6),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            housing[key] = draw(strategy)
    raw: dict[str, Any] = {
        "assessment_date": iso(on), "applicant": applicant, "housing": housing,
        "household": draw(st.lists(member(on), max_size=max_members)),
        "local_connection": draw(st.one_of(NO_CONNECTION_HERE, ANY_CONNECTION)),
    }
    if draw(st.booleans()):
        raw["intentionality"] = {k: draw(st.booleans()) for k in (
            "deliberate_act_or_omission", "good_faith_unaware",
            "accommodation_available_and_reasonable", "caused_loss", "collusive_arrangement")}
        raw["intentionality"]["whose_act"] = draw(st.sampled_from(("applicant", "member")))
        raw["intentionality"]["acquiesced"] = draw(st.booleans())
    past = st.integers(0, 120).map(lambda n: iso(on - timedelta(days=n)))
    history: dict[str, Any] = {}
    for key in ("relief_duty_started_on", "prevention_duty_started_on"):
        if draw(st.booleans()):
            history[key] = draw(past)
    if draw(st.booleans()):
        notified = on - timedelta(days=draw(st.integers(0, 60)))
        history["decision_notified_on"] = iso(notified)
        if draw(st.booleans()):
            history["review_requested_on"] = iso(
                notified + timedelta(days=draw(st.integers(0, (on - notified).days))))
    if history:
        raw["history"] = history
    return raw


def age_on(dob: str, on: str) -> int:
    b, d = date.fromisoformat(dob), date.fromisoformat(on)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))


# --- the two properties the issue names ----------------------------------------------------


@FAST
@given(facts(), st.data())
def test_adding_a_members_local_connection_never_makes_a_referral_possible(
        raw: dict[str, Any], data: st.DataObject) -> None:
    before = decide(raw)
    after_raw = copy.deepcopy(raw)
    if after_raw["household"] and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(after_raw["household"]) - 1))
        after_raw["household"][i]["local_connection_here"] = True
        resides = after_raw["household"][i].get("resides_with_applicant", True)
    else:
        newcomer = data.draw(member(date.fromisoformat(raw["assessment_date"])))
        newcomer["local_connection_here"] = True
        after_raw["household"].append(newcomer)
        resides = newcomer.get("resides_with_applicant", True)
    after = decide(after_raw)
    assert not (after["referral_possible"] and not before["referral_possible"])
    if resides:  # s.198(2)(a): anyone who resides or might reasonably be expected to
        assert after["local_connection"] is True
        assert after["referral_possible"] is False


@FAST
@given(facts(), st.data())
def test_a_later_notification_date_never_makes_a_review_request_in_time_late(
        raw: dict[str, Any], data: st.DataObject) -> None:
    on = date.fromisoformat(raw["assessment_date"])
    notified = on - timedelta(days=data.draw(st.integers(0, 60)))
    requested = notified + timedelta(days=data.draw(st.integers(0, (on - notified).days)))
    later = notified + timedelta(days=data.draw(st.integers(0, (requested - notified).days)))
    history = {k: v for k, v in raw.get("history", {}).items()
               if k not in ("decision_notified_on", "review_requested_on")}
    first = decide({**raw, "history": {**history, "decision_notified_on": iso(notified),
                                       "review_requested_on": iso(requested)}})
    second = decide({**raw, "history": {**history, "decision_notified_on": iso(later),
                                        "review_requested_on": iso(requested)}})
    # s.202(3): 21 days beginning with the day of notification, calendar days
    assert first["review_request_by"] == iso(notified + timedelta(days=20))
    assert second["review_request_by"] == iso(later + timedelta(days=20))
    assert first["review_in_time"] == ((requested - notified).days <= 20)
    if first["review_in_time"]:
        assert second["review_in_time"] is True


# --- bedrooms ------------------------------------------------------------------------------


@FAST
@given(facts())
def test_an_overnight_carer_adds_exactly_one_bedroom(raw: dict[str, Any]) -> None:
    without = copy.deepcopy(raw)
    without["housing"]["overnight_carer"] = False
    with_carer = copy.deepcopy(raw)
    with_carer["housing"]["overnight_carer"] = True
    a, b = decide(without), decide(with_carer)
    assert b["bedroom_need"] == a["bedroom_need"] + 1
    # the carer counts for nothing else
    for key in ("homelessness", "priority_need_grounds", "duty", "referral_possible"):
        assert a[key] == b[key], key


@FAST
@given(facts(), st.data())
def test_one_more_expected_baby_never_lowers_the_bedroom_need(raw: dict[str, Any],
                                                              data: st.DataObject) -> None:
    mothers = [("applicant", raw["applicant"])] + [
        (f"member {i}", m) for i, m in enumerate(raw["household"])]
    label, _ = data.draw(st.sampled_from(mothers))
    changed = copy.deepcopy(raw)
    person = (changed["applicant"] if label == "applicant"
              else changed["household"][int(label.split()[1])])
    before_babies = person.get("expected_babies", 1) if person.get("pregnant") else 0
    if person.get("pregnant"):
        person["expected_babies"] = person.get("expected_babies", 1) + 1
    else:
        person["pregnant"] = True
        person.pop("expected_babies", None)
    before, after = decide(raw), decide(changed)
    assert after["bedroom_need"] >= before["bedroom_need"], (label, before_babies)
    # s.189(1)(a) is one ground however many babies: the grounds never lose one
    assert set(before["priority_need_grounds"]) <= set(after["priority_need_grounds"])


@FAST
@given(facts(), st.data())
def test_someone_who_cannot_share_adds_at_most_one_bedroom_and_never_lowers_the_need(
        raw: dict[str, Any], data: st.DataObject) -> None:
    assume(raw["household"])
    i = data.draw(st.integers(0, len(raw["household"]) - 1))
    without = copy.deepcopy(raw)
    without["household"][i]["needs_own_room"] = False
    with_need = copy.deepcopy(raw)
    with_need["household"][i]["needs_own_room"] = True
    a, b = decide(without)["bedroom_need"], decide(with_need)["bedroom_need"]
    assert a <= b <= a + 1


# --- priority need, children's services, abuse ---------------------------------------------


@FAST
@given(facts(), st.sampled_from(("relevant_child", "owed_s20_duty")))
def test_childrens_services_duties_take_away_only_the_young_persons_own_ground(
        raw: dict[str, Any], which: str) -> None:
    plain = copy.deepcopy(raw)
    plain["applicant"]["relevant_child"] = False
    plain["applicant"]["owed_s20_duty"] = False
    owed = copy.deepcopy(plain)
    owed["applicant"][which] = True
    a, b = decide(plain), decide(owed)
    assert set(b["priority_need_grounds"]) == set(a["priority_need_grounds"]) - {"aged_16_17"}
    age = age_on(raw["applicant"]["dob"], raw["assessment_date"])
    assert a["refer_to_childrens_services"] is False
    assert b["refer_to_childrens_services"] is (
        age in (16, 17) and b["homelessness"] in ("homeless", "threatened"))


@FAST
@given(facts(), st.sampled_from(STATUSES))
def test_the_referral_to_childrens_services_does_not_depend_on_eligibility(
        raw: dict[str, Any], status: str) -> None:
    other = copy.deepcopy(raw)
    other["applicant"]["immigration_status"] = status
    assert (decide(raw)["refer_to_childrens_services"]
            == decide(other)["refer_to_childrens_services"])


@FAST
@given(facts(), st.sampled_from(VICTIMS))
def test_who_is_at_risk_of_abuse_never_changes_whether_the_household_is_homeless(
        raw: dict[str, Any], victim: str) -> None:
    other = copy.deepcopy(raw)
    other["housing"]["domestic_abuse_victim"] = victim
    a, b = decide(raw), decide(other)
    assert a["homelessness"] == b["homelessness"]
    if victim == "member":
        assert "domestic_abuse" not in b["priority_need_grounds"]


# --- the new determination keys --------------------------------------------------------------


@FAST
@given(facts())
def test_every_new_key_is_present_and_the_prevention_keys_only_for_the_prevention_duty(
        raw: dict[str, Any]) -> None:
    out = decide(raw)
    for key in V2_KEYS:
        assert key in out, key
    assert isinstance(out["refer_to_childrens_services"], bool)
    if out["duty"] != "prevention":
        assert out["prevention_duty_ends_on"] is None
        assert out["prevention_56_day_end_allowed"] is None
    else:
        start = raw.get("history", {}).get("prevention_duty_started_on") or raw["assessment_date"]
        assert out["prevention_duty_ends_on"] == iso(date.fromisoformat(start)
                                                     + timedelta(days=55))
        assert isinstance(out["prevention_56_day_end_allowed"], bool)
    if "vulnerable_member" in out["priority_need_grounds"]:
        assert any(m.get("vulnerability") and m.get("resides_with_applicant", True)
                   for m in raw["household"])
