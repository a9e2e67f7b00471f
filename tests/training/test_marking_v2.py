"""A trainee's session on the version-2 practice cases: the determinations a case turns on are
asked and marked with the engine's cited reasons, and asked only where the case raises them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logic.common.errors import FieldError
from logic.law import determine, policy_as_at
from logic.training.library import practice_case
from logic.training.marking import (
    FIELD_NAMES,
    V1_FIELD_NAMES,
    Marks,
    answer_words,
    asked_fields,
    mark,
    model_answers,
)


def _session(case_id: str, **answers):
    """A trainee who gets everything else right and answers ``answers`` as given."""
    case = practice_case(case_id)
    policy = policy_as_at(case.assessment_date)
    d = determine(case.facts, policy)
    return mark({**model_answers(d, policy), **answers}, d, policy)


def _asked(case_id: str) -> list[str]:
    case = practice_case(case_id)
    policy = policy_as_at(case.assessment_date)
    return [f.name for f in asked_fields(determine(case.facts, policy), policy)]


# --- TR42: a review asked for on the twenty-second day ---------------------------------------

def test_a_trainee_who_says_garetts_day_22_review_request_was_in_time_is_marked_wrong_under_s202():
    marks = _session("TR42", review_in_time=True)
    field = marks.field("review_in_time")
    assert (field.answer, field.model, field.right, field.score) == (True, False, False, 0)
    assert field.citations == ("Housing Act 1996 s.202(3)",)
    said = " ".join(r.text for r in field.reasons)
    assert "day 22" in said and "21 October 2026" in said  # the engine's own reasons, shown
    assert [f.field for f in marks.wrong] == ["review_in_time"]
    # the review is a question of the relief stage Gareth's case is at
    assert field.topic == "relief" and marks.topic_scores["relief"] < 100


def test_counting_21_days_from_the_day_after_collection_gives_the_wrong_last_day():
    # the decision was notified when Gareth collected it on 1 October: day 1 is 1 October
    marks = _session("TR42", review_request_by=date(2026, 10, 22))
    field = marks.field("review_request_by")
    assert field.model == date(2026, 10, 21) and not field.right
    assert field.citations == ("Housing Act 1996 s.202(3)",)
    assert answer_words(field.model) == "21 Oct 2026"
    assert answer_words(field.answer) == "22 Oct 2026"


def test_the_trainee_who_finds_the_request_late_scores_full_marks_on_tr42():
    marks = _session("TR42", review_request_by="2026-10-21", review_in_time=False)
    assert marks.score == 100 and not marks.wrong
    assert len(marks.fields) == len(V1_FIELD_NAMES) + 2  # both review questions asked


# --- TR37: a 17-year-old relevant child ------------------------------------------------------

def test_a_trainee_who_does_not_refer_jayden_to_childrens_services_is_marked_wrong():
    marks = _session("TR37", refer_to_childrens_services=False)
    field = marks.field("refer_to_childrens_services")
    assert (field.model, field.right) == (True, False)
    assert field.citations == ("Children Act 1989 s.23B(8)",)
    said = " ".join(r.text for r in field.reasons)
    assert "relevant child" in said and "R (G) v Southwark" in said
    assert field.topic == "young_people" and marks.topic_scores["young_people"] == 0


def test_a_sixteen_year_old_owed_section_20_accommodation_is_referred_under_southwark():
    marks = _session("TR44", refer_to_childrens_services=False)
    assert marks.field("refer_to_childrens_services").citations == (
        "R (G) v Southwark LBC [2009] UKHL 26",)


def test_a_17_year_old_children_services_owe_nothing_is_not_referred_and_the_art3_ground_stands():
    marks = _session("TR03", refer_to_childrens_services=True)
    field = marks.field("refer_to_childrens_services")
    assert field.model is False and not field.right
    assert any("art.3" in c for c in field.citations), field.citations


def test_the_18th_birthday_trap_asks_the_children_services_question_too():
    assert "refer_to_childrens_services" in _asked("TR34")
    assert _session("TR34", refer_to_childrens_services=True).field(
        "refer_to_childrens_services").model is False


# --- version-1 cases: the new questions are not asked ----------------------------------------

def test_on_an_adults_v1_case_neither_the_review_nor_the_childrens_services_question_is_asked():
    assert _asked("TR02") == list(V1_FIELD_NAMES)
    marks = _session("TR02")
    assert [f.field for f in marks.fields] == list(V1_FIELD_NAMES)
    assert "young_people" not in marks.topic_scores


def test_a_review_answer_on_a_case_with_no_decision_notified_is_refused_naming_the_question():
    with pytest.raises(FieldError) as refused:
        _session("TR02", review_in_time=True)
    assert refused.value.field == "review_in_time"
    assert "Review asked for in time (s.202)" in str(refused.value)


def test_only_the_case_with_both_review_dates_asks_the_review_questions():
    asking = [c for c in ("TR01", "TR02", "TR03", "TR37", "TR40", "TR42", "TR43")
              if "review_in_time" in _asked(c)]
    assert asking == ["TR42"]


def test_fifteen_determinations_are_marked_in_all_twelve_on_every_case():
    assert len(FIELD_NAMES) == 15 and len(V1_FIELD_NAMES) == 12
    assert set(V1_FIELD_NAMES) < set(FIELD_NAMES)


def test_a_date_answer_survives_being_stored_and_read_back():
    marks = _session("TR42", review_request_by=date(2026, 10, 22))
    again = Marks.from_json_dict(json.loads(json.dumps(marks.to_json_dict())))
    assert again == marks
    assert again.field("review_request_by").answer == date(2026, 10, 22)


@pytest.mark.parametrize("answer", ["22/10/2026", 20261022, "tomorrow"])
def test_a_review_date_the_form_could_not_give_is_refused(answer):
    with pytest.raises(FieldError) as refused:
        _session("TR42", review_request_by=answer)
    assert refused.value.field == "review_request_by"
