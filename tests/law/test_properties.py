"""Properties that hold for every household, checked on random valid facts (Hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from logic.law import determine, parse_facts
from logic.law.core import EXTRA_FIELDS, SPEC_FIELDS
from logic.law.facts import EMERGENCIES, IMMIGRATION_STATUSES, RELATIONS, SEXES, VULNERABILITIES

ON = st.dates(min_value=date(2018, 4, 3), max_value=date(2030, 12, 31))
FAST = settings(max_examples=200, deadline=None)


def iso(d: date) -> str:
    return d.isoformat()


@st.composite
def dob_before(draw: st.DrawFn, on: date, max_age: int = 90) -> str:
    return iso(on - timedelta(days=draw(st.integers(0, 365 * max_age))))


@st.composite
def member(draw: st.DrawFn, on: date) -> dict[str, Any]:
    m: dict[str, Any] = {"relation": draw(st.sampled_from(RELATIONS)),
                         "dob": draw(dob_before(on)), "sex": draw(st.sampled_from(SEXES))}
    for key in ("resides_with_applicant", "dependent", "pregnant"):
        if draw(st.booleans()):
            m[key] = draw(st.booleans())
    return m


@st.composite
def facts(draw: st.DrawFn) -> dict[str, Any]:
    on = draw(ON)
    applicant: dict[str, Any] = {
        "dob": draw(dob_before(on, 90)), "sex": draw(st.sampled_from(SEXES)),
        "immigration_status": draw(st.sampled_from(IMMIGRATION_STATUSES)),
    }
    for key in ("habitually_resident", "pregnant", "care_leaver", "vulnerable_former_care",
                "vulnerable_armed_forces", "vulnerable_custody", "vulnerable_violence"):
        if draw(st.booleans()):
            applicant[key] = draw(st.booleans())
    if draw(st.booleans()):
        applicant["vulnerability"] = draw(st.lists(st.sampled_from(VULNERABILITIES), unique=True))
    near = st.integers(-90, 120).map(lambda n: iso(on + timedelta(days=n)))
    housing: dict[str, Any] = {"has_accommodation": draw(st.booleans())}
    optional = {
        "reasonable_to_occupy": st.booleans(), "likely_to_lose_on": st.none() | near,
        "section_21": st.none() | st.fixed_dictionaries({"valid": st.booleans(), "expires_on": near}),
        "domestic_abuse": st.booleans(), "emergency": st.none() | st.sampled_from(EMERGENCIES),
        "current_bedrooms": st.none() | st.integers(0, 6), "unsatisfactory_conditions": st.booleans(),
        "medical_welfare_need": st.booleans(), "hardship_locality_need": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            housing[key] = draw(strategy)
    raw: dict[str, Any] = {
        "assessment_date": iso(on), "applicant": applicant, "housing": housing,
        "household": draw(st.lists(member(on), max_size=7)),
        "local_connection": {
            "months_resident_last_12": draw(st.integers(0, 12)),
            "years_resident_last_5": draw(st.integers(0, 5)),
            "employed_in_district": draw(st.booleans()),
            "close_family_5_years": draw(st.booleans()),
            "special_circumstances": draw(st.booleans()),
            "connection_elsewhere": draw(st.booleans()),
            "risk_of_abuse_elsewhere": draw(st.booleans()),
        },
    }
    if draw(st.booleans()):
        raw["intentionality"] = {k: draw(st.booleans()) for k in (
            "deliberate_act_or_omission", "good_faith_unaware",
            "accommodation_available_and_reasonable", "caused_loss")}
    if draw(st.booleans()):
        raw["history"] = {"relief_duty_started_on": iso(on - timedelta(days=draw(st.integers(0, 150))))}
    if draw(st.booleans()):
        raw["register"] = {
            "household_income": draw(st.integers(0, 100_000)),
            "household_savings": draw(st.integers(0, 50_000)),
            "rent_arrears": draw(st.integers(0, 3000)),
            "arrears_plan_kept": draw(st.booleans()),
            "unacceptable_behaviour": draw(st.booleans()),
            "armed_forces": draw(st.booleans()),
        }
    return raw


@FAST
@given(facts())
def test_an_ineligible_applicant_is_owed_advice_only(raw: dict[str, Any]) -> None:
    d = determine(raw)
    if not d.eligible:
        assert d.duty == "advice_only"
        assert d.interim_accommodation_duty is False
        assert d.reasonable_preference == ()
        assert d.referral_possible is False
        assert d.qualifies is False and d.band is None


@FAST
@given(facts(), st.data())
def test_bedroom_need_never_drops_when_a_person_joins(raw: dict[str, Any], data: st.DataObject
                                                      ) -> None:
    on = date.fromisoformat(raw["assessment_date"])
    before = determine(raw).bedroom_need
    newcomer = data.draw(member(on))
    newcomer["resides_with_applicant"] = True
    grown = {**raw, "household": [*raw["household"], newcomer]}
    assert determine(grown).bedroom_need >= before


@FAST
@given(facts())
def test_every_field_is_explained_by_a_cited_reason(raw: dict[str, Any]) -> None:
    d = determine(raw)
    for name in SPEC_FIELDS + EXTRA_FIELDS:
        reasons = d.reasons_for(name)
        assert reasons, f"{name} has no reason"
        for r in reasons:
            assert str(r.citation).strip() and r.rule and r.text.strip()


@FAST
@given(facts())
def test_the_same_facts_always_give_the_same_determination(raw: dict[str, Any]) -> None:
    first = json.dumps(determine(raw).to_json_dict(), sort_keys=True)
    again = json.dumps(determine(parse_facts(json.loads(json.dumps(raw)))).to_json_dict(),
                       sort_keys=True)
    assert first == again


@FAST
@given(facts())
def test_duties_hang_together(raw: dict[str, Any]) -> None:
    d = determine(raw)
    assert d.priority_need == bool(d.priority_need_grounds)
    assert list(d.priority_need_grounds) == sorted(d.priority_need_grounds)
    assert list(d.reasonable_preference) == sorted(d.reasonable_preference)
    if d.interim_accommodation_duty:
        assert d.eligible and d.homelessness == "homeless" and d.priority_need
        assert d.duty == "relief"
    if d.duty == "prevention":
        assert d.homelessness == "threatened"
    if d.duty in ("relief", "main", "intentional_priority"):
        assert d.homelessness == "homeless"
    if d.duty == "relief":
        assert d.relief_duty_day is not None and 1 <= d.relief_duty_day <= 56
    if d.duty in ("main", "intentional_priority"):
        assert d.relief_duty_day is not None and d.relief_duty_day >= 57 and d.priority_need
        assert d.intentionally_homeless == (d.duty == "intentional_priority")
    if d.referral_possible:
        assert d.homelessness == "homeless" and not d.local_connection
    if d.intentionally_homeless:
        assert d.homelessness == "homeless"
    assert ("homeless" in d.reasonable_preference) == (d.eligible and d.homelessness == "homeless")
    assert ("owed_duty" in d.reasonable_preference) == (
        d.duty in ("prevention", "main", "intentional_priority"))
    assert d.bedroom_need >= 1
    assert (d.band is not None) == d.qualifies


@FAST
@given(facts())
def test_output_has_the_spec_keys_and_serialises(raw: dict[str, Any]) -> None:
    out = determine(raw).to_json_dict()
    for key in SPEC_FIELDS + ("reasons",):
        assert key in out
    assert out["homelessness"] in ("homeless", "threatened", "neither")
    assert out["duty"] in ("prevention", "relief", "main", "intentional_priority", "advice_only")
    assert all(set(r) == {"rule", "citation", "text"} for r in out["reasons"])
    json.dumps(out)
