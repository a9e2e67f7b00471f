"""Marking: the law's answer scores full marks, and each kind of wrong answer is caught with
the citation of the rule it broke."""

from __future__ import annotations

import pytest

from logic.common.errors import FieldError
from logic.law import determine, policy_as_at
from logic.training.library import practice_case
from logic.training.marking import FIELD_NAMES, mark, model_answers, read_answers


def _marked(case_id: str, **changes):
    case = practice_case(case_id)
    policy = policy_as_at(case.assessment_date)
    d = determine(case.facts, policy)
    answers = dict(model_answers(d, policy))
    answers.update(changes)
    return mark(answers, d, policy)


@pytest.mark.parametrize("case_id", ["TR01", "TR09", "TR11", "TR12", "TR18", "TR30",
                                     "TR03", "TR34", "TR37", "TR42", "TR44"])
def test_the_laws_own_answer_scores_full_marks_in_every_topic(case_id):
    marks = _marked(case_id)
    assert marks.score == 100
    assert set(marks.topic_scores.values()) == {100}
    assert not marks.wrong
    assert all(f.reasons for f in marks.fields), "every model answer shows its reasons"


def test_saying_an_asylum_seeker_is_eligible_is_wrong_under_section_185():
    marks = _marked("TR12", eligible=True)
    wrong = marks.field("eligible")
    assert not wrong.right and wrong.score == 0
    assert "Housing Act 1996 s.185(2)" in wrong.citations
    assert marks.topic_scores["eligibility"] < 100
    assert [f.field for f in marks.wrong] == ["eligible"]


def test_offering_the_relief_duty_to_a_threatened_tenant_cites_the_prevention_duty():
    marks = _marked("TR01", homelessness="homeless", duty="relief")
    assert marks.field("duty").citations == ("Housing Act 1996 s.195(2)",)
    assert marks.field("homelessness").citations == ("Housing Act 1996 s.175(5)",)
    # both mistakes are prevention-stage mistakes: the prevention topic takes the loss
    assert marks.topic_scores["prevention"] == 0
    assert marks.topic_scores["relief"] == 100


def test_a_missed_priority_need_ground_is_named_with_its_section():
    marks = _marked("TR09", priority_need_grounds=["dependent_children"])
    grounds = marks.field("priority_need_grounds")
    assert grounds.missed == ("domestic_abuse",) and grounds.extra == ()
    assert grounds.citations[0] == "Housing Act 1996 s.189(1)(e)"
    assert grounds.score == pytest.approx(0.5)


def test_a_ground_the_facts_do_not_support_is_named_as_extra_with_the_rule_it_claims():
    marks = _marked("TR06", priority_need_grounds=["dependent_children", "vulnerable_custody"])
    grounds = marks.field("priority_need_grounds")
    assert grounds.extra == ("dependent_children",) and grounds.missed == ()
    assert grounds.citations[0] == "Housing Act 1996 s.189(1)(b)"
    # the daughter lives with her mother: the engine's note on that is cited too
    assert "Housing Act 1996 s.189(1)" in grounds.citations


def test_preference_is_marked_as_a_set_with_missed_and_extra_categories():
    marks = _marked("TR24", reasonable_preference=["homeless", "owed_duty"])
    pref = marks.field("reasonable_preference")
    assert pref.missed == ("unsatisfactory_housing",)
    assert pref.extra == ("homeless",)
    assert pref.score == pytest.approx(1 / 3)
    assert pref.citations[:2] == ("Housing Act 1996 s.166A(3)(c)", "Housing Act 1996 s.166A(3)(a)")


def test_thinking_intentionality_ends_the_relief_duty_is_caught():
    marks = _marked("TR21", duty="intentional_priority", interim_accommodation_duty=True)
    assert marks.field("intentionally_homeless").right
    assert marks.field("duty").citations == ("Housing Act 1996 s.189B(2)",)
    assert marks.field("interim_accommodation_duty").citations == ("Housing Act 1996 s.188(1)",)


def test_good_faith_means_not_intentional_and_the_main_duty():
    marks = _marked("TR19", intentionally_homeless=True, duty="intentional_priority")
    assert marks.field("intentionally_homeless").citations == ("Housing Act 1996 s.191(1)",)
    assert "Housing Act 1996 s.193(2)" in marks.field("duty").citations


def test_a_wrong_referral_cites_the_risk_of_abuse_bar():
    marks = _marked("TR09", referral_possible=True)
    assert marks.field("referral_possible").citations == ("Housing Act 1996 s.198(2)(c)",)
    assert marks.topic_scores["local_connection"] == 50


def test_a_wrong_bedroom_count_cites_the_councils_size_criteria():
    marks = _marked("TR27", bedroom_need=2)
    beds = marks.field("bedroom_need")
    assert not beds.right and beds.model == 3
    assert any(c.startswith("Hearth default allocation scheme para 5.1") for c in beds.citations)


def test_banding_a_household_over_the_income_limit_cites_the_qualification_rule():
    marks = _marked("TR30", band="C")
    band = marks.field("band")
    assert band.model == "none"
    assert "Hearth default allocation scheme para 3.4" in band.citations


def test_an_unanswered_question_scores_nothing_and_still_shows_the_law():
    marks = _marked("TR02", duty=None)
    duty = marks.field("duty")
    assert not duty.right and not duty.answered and duty.score == 0
    assert duty.citations == ("Housing Act 1996 s.189B(2)",)
    assert marks.score == pytest.approx(100 * 11 / 12, abs=0.1)


def test_the_marks_survive_being_stored_and_read_back():
    import json

    from logic.training.marking import Marks

    marks = _marked("TR09", priority_need_grounds=["dependent_children"], band="A")
    assert Marks.from_json_dict(json.loads(json.dumps(marks.to_json_dict()))) == marks


@pytest.mark.parametrize(("answers", "field"), [
    ({"dutty": "relief"}, "dutty"),
    ({"eligible": "yes"}, "eligible"),
    ({"duty": "full_duty"}, "duty"),
    ({"bedroom_need": 2.5}, "bedroom_need"),
    ({"priority_need_grounds": "pregnant"}, "priority_need_grounds"),
    ({"reasonable_preference": ["overcrowded"]}, "reasonable_preference"),
    ({"band": "E"}, "band"),
])
def test_an_answer_the_form_could_not_give_is_refused_naming_the_field(answers, field):
    policy = policy_as_at(practice_case("TR01").assessment_date)
    with pytest.raises(FieldError) as refused:
        read_answers(answers, policy)
    assert refused.value.field == field


def test_every_marked_field_is_a_field_of_the_determination():
    d = determine(practice_case("TR01").facts)
    assert set(FIELD_NAMES) <= set(d.to_json_dict())
