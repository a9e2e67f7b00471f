"""Version 2 of the exchange format: every new fact is read with its default (the version-1
reading) and refused, naming the field, when it cannot be right."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from logic.common.errors import FieldError
from logic.law import parse_facts

BASE: dict[str, Any] = {
    "assessment_date": "2026-11-23",
    "applicant": {"dob": "1992-03-14", "sex": "F", "immigration_status": "british_irish"},
    "household": [{"relation": "child", "dob": "2019-05-01", "sex": "F", "dependent": True}],
    "housing": {"has_accommodation": True},
    "intentionality": {"deliberate_act_or_omission": True, "good_faith_unaware": False,
                       "accommodation_available_and_reasonable": True, "caused_loss": True},
}


def facts_with(**blocks: dict[str, Any]) -> dict[str, Any]:
    facts = copy.deepcopy(BASE)
    for name, extra in blocks.items():
        if name == "member":
            facts["household"][0].update(extra)
        elif name == "history":
            facts["history"] = extra
        elif name == "local_connection":
            facts["local_connection"] = extra
        else:
            facts[name].update(extra)
    return facts


def refused(facts: dict[str, Any]) -> FieldError:
    with pytest.raises(FieldError) as caught:
        parse_facts(facts)
    return caught.value


def test_a_version_1_household_reads_every_new_fact_at_its_version_1_default() -> None:
    f = parse_facts(BASE)
    a, m, h, i = f.applicant, f.household[0], f.housing, f.intentionality
    assert (a.relevant_child, a.owed_s20_duty, a.relevant_student, a.expected_babies) == (
        False, False, False, 1)
    assert (m.vulnerability, m.expected_babies, m.needs_own_room, m.local_connection_here) == (
        (), 1, False, False)
    assert (h.domestic_abuse_victim, h.overnight_carer) == ("applicant", False)
    assert i is not None and (i.whose_act, i.acquiesced, i.collusive_arrangement) == (
        "applicant", False, False)
    lc = f.local_connection
    assert (lc.care_leaver_here, lc.asylum_support_here) == (False, False)
    hist = f.history
    assert (hist.prevention_duty_started_on, hist.decision_notified_on,
            hist.review_requested_on) == (None, None, None)


def test_every_new_fact_is_read_as_given() -> None:
    f = parse_facts(facts_with(
        applicant={"relevant_child": True, "owed_s20_duty": True, "relevant_student": True,
                   "pregnant": True, "expected_babies": 2},
        member={"vulnerability": ["physical_disability", "mental_illness"],
                "expected_babies": 3, "needs_own_room": True, "local_connection_here": True},
        housing={"domestic_abuse": True, "domestic_abuse_victim": "both",
                 "overnight_carer": True},
        intentionality={"whose_act": "member", "acquiesced": True,
                        "collusive_arrangement": True},
        local_connection={"care_leaver_here": True, "asylum_support_here": True},
        history={"prevention_duty_started_on": "2026-10-01",
                 "decision_notified_on": "2026-11-02", "review_requested_on": "2026-11-23"},
    ))
    assert f.applicant.expected_babies == 2 and f.applicant.relevant_student
    assert f.household[0].vulnerability == ("mental_illness", "physical_disability")
    assert f.household[0].expected_babies == 3 and f.household[0].needs_own_room
    assert f.housing.domestic_abuse_victim == "both" and f.housing.overnight_carer
    assert f.intentionality is not None and f.intentionality.whose_act == "member"
    assert f.local_connection.care_leaver_here and f.local_connection.asylum_support_here
    assert f.history.review_requested_on == date(2026, 11, 23)


@pytest.mark.parametrize("where", ["applicant", "member"])
@pytest.mark.parametrize("babies", [0, -1])
def test_a_pregnancy_expecting_no_babies_is_refused(where: str, babies: int) -> None:
    error = refused(facts_with(**{where: {"pregnant": True, "expected_babies": babies}}))
    path = "facts.applicant" if where == "applicant" else "facts.household[0]"
    assert error.field == f"{path}.expected_babies"
    assert "between 1 and 8" in str(error)


def test_twins_written_as_text_are_refused() -> None:
    error = refused(facts_with(applicant={"pregnant": True, "expected_babies": "2"}))
    assert error.field == "facts.applicant.expected_babies"


@pytest.mark.parametrize("key", ["prevention_duty_started_on", "decision_notified_on",
                                 "review_requested_on"])
def test_a_history_date_the_day_after_the_assessment_is_refused(key: str) -> None:
    error = refused(facts_with(history={key: "2026-11-24"}))
    assert error.field == f"facts.history.{key}"
    assert "after the assessment date 2026-11-23" in str(error)


@pytest.mark.parametrize("key", ["prevention_duty_started_on", "decision_notified_on",
                                 "review_requested_on"])
def test_a_history_date_on_the_assessment_day_is_accepted(key: str) -> None:
    parse_facts(facts_with(history={key: "2026-11-23"}))


def test_a_review_asked_for_the_day_before_the_decision_was_notified_is_refused() -> None:
    error = refused(facts_with(history={"decision_notified_on": "2026-11-10",
                                        "review_requested_on": "2026-11-09"}))
    assert error.field == "facts.history.review_requested_on"
    assert "before the decision was notified" in str(error)


def test_a_review_asked_for_on_the_day_the_decision_was_notified_is_accepted() -> None:
    f = parse_facts(facts_with(history={"decision_notified_on": "2026-11-10",
                                        "review_requested_on": "2026-11-10"}))
    assert f.history.review_requested_on == f.history.decision_notified_on


@pytest.mark.parametrize(("block", "key", "value"), [
    ("housing", "domestic_abuse_victim", "partner"),
    ("housing", "domestic_abuse_victim", None),
    ("intentionality", "whose_act", "landlord"),
    ("member", "vulnerability", ["frailty"]),
])
def test_an_unknown_code_is_refused_naming_the_field(block: str, key: str, value: Any) -> None:
    error = refused(facts_with(**{block: {key: value}}))
    assert key in error.field
    assert "unknown code" in str(error)


@pytest.mark.parametrize(("block", "key"), [
    ("applicant", "relevant_child"), ("applicant", "owed_s20_duty"),
    ("applicant", "relevant_student"), ("member", "needs_own_room"),
    ("member", "local_connection_here"), ("housing", "overnight_carer"),
    ("intentionality", "acquiesced"), ("intentionality", "collusive_arrangement"),
    ("local_connection", "care_leaver_here"), ("local_connection", "asylum_support_here"),
])
def test_a_yes_written_as_text_is_refused(block: str, key: str) -> None:
    error = refused(facts_with(**{block: {key: "yes"}}))
    assert error.field.endswith(f".{key}")
    assert "true or false" in str(error)


def test_the_four_findings_are_still_required_when_only_a_member_s_act_is_recorded() -> None:
    facts = copy.deepcopy(BASE)
    facts["intentionality"] = {"whose_act": "member", "acquiesced": False}
    error = refused(facts)
    assert error.field == "facts.intentionality.deliberate_act_or_omission"
