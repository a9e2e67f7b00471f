"""Practice cases that turn on the facts version 2 of the engine reads (decision-scenarios.md):
each case's answer changes when its one new fact is taken away, so a trainee who misses that
fact gets the case wrong, and the marking says so with the rule it broke."""

from __future__ import annotations

import copy

import pytest

from logic.law import determine, parse_facts, policy_as_at
from logic.training.library import fact_sheet, practice_case
from logic.training.marking import mark, model_answers


def _without(case_id: str, change) -> dict:
    facts = copy.deepcopy(practice_case(case_id).raw_facts)
    change(facts)
    return determine(parse_facts(facts)).to_json_dict()


def _with(case_id: str) -> dict:
    return determine(practice_case(case_id).facts).to_json_dict()


TURNS_ON = [
    # a 17-year-old relevant child: no art.3 ground, and children's services come first
    ("TR37", lambda f: f["applicant"].update(relevant_child=False),
     {"priority_need_grounds": ([], ["aged_16_17"]), "refer_to_childrens_services": (True, False)}),
    # the brother's vulnerability is the household's only ground (s.189(1)(c))
    ("TR38", lambda f: f["household"][0].update(vulnerability=[]), {"priority_need": (True, False)}),
    # twins: a third bedroom, so the two-bedroom flat is overcrowded and the band rises
    ("TR39", lambda f: f["applicant"].update(expected_babies=1),
     {"bedroom_need": (3, 2), "band": ("B", "C")}),
    # the partner's act, without Daniel's acquiescence, is not his (s.191(1); ex p Lewis)
    ("TR40", lambda f: f["intentionality"].update(acquiesced=True),
     {"duty": ("main", "intentional_priority"), "intentionally_homeless": (False, True)}),
    # the county council's leaving-care duty gives Amber a connection here (s.199(8))
    ("TR41", lambda f: f["local_connection"].update(care_leaver_here=False),
     {"local_connection": (True, False), "referral_possible": (False, True)}),
    # asked for on day 22 of the s.202(3) window: late
    ("TR42", lambda f: f["history"].update(review_requested_on="2026-10-21"), {"review_in_time": (False, True)}),
    # the abuse threatens Hannah, not Linda: homeless (s.177(1)) but no s.189(1)(e) ground for Linda
    ("TR43", lambda f: f["housing"].update(domestic_abuse_victim="applicant"),
     {"priority_need_grounds": ([], ["domestic_abuse"]), "interim_accommodation_duty": (False, True)}),
]


@pytest.mark.parametrize(("case_id", "change", "answers"), TURNS_ON, ids=[t[0] for t in TURNS_ON])
def test_each_new_practice_case_turns_on_its_new_fact(case_id, change, answers):
    got, without = _with(case_id), _without(case_id, change)
    for key, (expected, otherwise) in answers.items():
        assert (got[key], without[key]) == (expected, otherwise), (case_id, key)


def test_a_trainee_who_finds_daniel_intentionally_homeless_for_graces_gambling_is_marked_wrong():
    case = practice_case("TR40")
    policy = policy_as_at(case.assessment_date)
    d = determine(case.facts, policy)
    answers = {**model_answers(d, policy), "intentionally_homeless": True, "duty": "intentional_priority"}
    marks = mark(answers, d, policy)
    assert {f.field for f in marks.wrong} == {"intentionally_homeless", "duty"}
    assert marks.field("intentionally_homeless").citations == ("R v North Devon DC, ex p Lewis [1981] 1 WLR 328",)
    assert mark(model_answers(d, policy), d, policy).score == 100


def test_the_fact_sheet_says_the_new_facts_in_words():
    twins = practice_case("TR39")
    babies = next(i for i, q in enumerate(twins.interview) if "applicant.expected_babies" in q.reveals)
    assert [(line.label, line.value) for line in fact_sheet(twins, [babies])][-1] == ("Babies expected", "2")

    linda = practice_case("TR43")
    who = next(i for i, q in enumerate(linda.interview) if "housing.domestic_abuse_victim" in q.reveals)
    lines = {line.label: line.value for line in fact_sheet(linda, [who])}
    assert lines["Who is at risk of the abuse"] == "A member of the household"

    brothers = practice_case("TR38")
    sheet = fact_sheet(brothers, range(len(brothers.interview)))
    assert "found vulnerable because of mental illness" in next(
        line.value for line in sheet if line.label == "Household member 1: sibling")
