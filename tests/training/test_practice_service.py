"""Practising on sample cases: attempts are kept, progress is shown to the right people, and
practice never mixes with the real records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel

from logic.cases import service as cases
from logic.cases import views
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.db import engine_for, session_scope
from logic.front_door.households import PersonDetails, add_household
from logic.law import determine, policy_as_at
from logic.models import Officer
from logic.store import row_counts
from logic.training import service as training
from logic.training.library import practice_case
from logic.training.marking import model_answers

ROOT = Path(__file__).resolve().parents[2]


def _count(sql: str, **params) -> int:
    with engine_for().connect() as connection:
        return connection.execute(sa.text(sql), params).scalar_one()


def _model(case_id: str) -> dict:
    case = practice_case(case_id)
    policy = policy_as_at(case.assessment_date)
    return {k: list(v) if isinstance(v, tuple) else v
            for k, v in model_answers(determine(case.facts, policy), policy).items()}


def _practise(officer_id: int, case_id: str, **wrong) -> training.AttemptResult:
    answers = _model(case_id) | wrong
    return training.submit_attempt(officer_id=officer_id, practice_case_id=case_id,
                                   questions_asked=[0, 2], answers=answers)


def _real_case(team, assigned_to: int) -> int:
    with session_scope() as session:
        household = add_household(
            session, actor_id=team.officer, today=date(2026, 11, 23), postcode="ab1 2cd",
            people=[PersonDetails("applicant", "Rhian", "Morgan", date(1990, 5, 1), "F")],
        )
        return cases.open_case(session, actor_id=team.officer, household_id=household.id,
                               case_type="homelessness", reason="Section 21 notice",
                               assigned_officer_id=assigned_to).id


def test_a_trainees_attempt_is_marked_kept_and_audited(team):
    result = _practise(team.trainee, "TR09", referral_possible=True)
    assert result.marks.score < 100
    assert result.marks.field("referral_possible").citations == ("Housing Act 1996 s.198(2)(c)",)
    assert "Local connection and referral" in result.explain
    assert _count("SELECT COUNT(*) FROM practice_attempt WHERE officer_id = :o",
                  o=team.trainee) == 1
    stored = json.loads(views_training_marks(team.trainee)[0])
    assert stored["score"] == result.marks.score
    assert _count("SELECT COUNT(*) FROM audit_log WHERE entity = 'practice_attempt' "
                  "AND actor_id = :o AND entity_id = :a", o=team.trainee, a=result.attempt_id) == 1
    again = training.attempt_result(viewer_id=team.trainee, attempt_id=result.attempt_id)
    assert again.marks == result.marks and again.questions_asked == (0, 2)


def views_training_marks(officer_id: int) -> list[str]:
    from logic.training import views as views_training

    return list(views_training.attempts_of(officer_id)["marks"])


@pytest.mark.parametrize(("answers", "field"), [
    ({"duty": "full_duty"}, "duty"),
    ({"eligible": None, "duty": None}, "answers"),
    ({"eligible": None, "priority_need_grounds": [], "reasonable_preference": []}, "answers"),
    ({"band": "E"}, "band"),
])
def test_answers_that_cannot_be_marked_are_refused_and_nothing_is_written(team, answers, field):
    with pytest.raises(FieldError) as refused:
        training.submit_attempt(officer_id=team.trainee, practice_case_id="TR01",
                                questions_asked=[], answers=answers)
    assert refused.value.field == field
    assert _count("SELECT COUNT(*) FROM practice_attempt") == 0


def test_a_refused_answer_names_the_determination_as_the_practice_form_labels_it(team):
    with pytest.raises(FieldError) as refused:
        training.submit_attempt(officer_id=team.trainee, practice_case_id="TR01",
                                questions_asked=[], answers={"band": "E"})
    assert refused.value.message.startswith("Housing register band: choose one of ")
    assert _count("SELECT COUNT(*) FROM practice_attempt") == 0


def test_asking_a_question_the_case_does_not_have_is_refused(team):
    with pytest.raises(FieldError) as refused:
        training.ask_question(practice_case_id="TR01", asked=[0], question_index=40)
    assert refused.value.field == "questions_asked"
    assert training.ask_question(practice_case_id="TR01", asked=[0], question_index=0) == (0,)
    with pytest.raises(NotFound):
        training.practice_sheet(practice_case_id="TR999")


def test_an_administrator_does_not_practise(team):
    with pytest.raises(PermissionDenied):
        _practise(team.admin, "TR01")


def test_progress_shows_scores_by_topic_and_the_topics_still_weak(team):
    for _ in range(3):
        _practise(team.trainee, "TR01")  # prevention right every time
    for _ in range(3):
        _practise(team.trainee, "TR12", eligible=True, duty="relief")  # eligibility wrong
    progress = training.progress_for(viewer_id=team.trainee, officer_id=team.trainee)
    assert len(progress.attempts) == 6
    assert set(progress.attempts["title"]) == {practice_case("TR01").title,
                                               practice_case("TR12").title}
    readiness = progress.readiness
    assert readiness["prevention"].ready and readiness["prevention"].score == 100
    # eligibility over the latest five: two TR01 attempts at 100, three TR12 attempts at 1/3
    # (eligible and duty wrong, homelessness right): 60%, below the 80% pass mark
    assert not readiness["eligibility"].ready and readiness["eligibility"].score == 60
    assert "Eligibility" in [r.label for r in progress.weak_topics]
    # every attempt marks every version-1 topic; TR01 and TR12 are adults' cases, so the
    # young people's question (children's services first) was never asked
    assert [r.topic for r in progress.unpractised_topics] == ["young_people"]
    assert set(progress.topic_history["topic"]) >= {"prevention", "eligibility"}
    assert training.training_readiness(team.trainee) == readiness


def test_readiness_needs_enough_attempts_and_counts_only_the_recent_ones(team):
    _practise(team.trainee, "TR01")
    assert not training.training_readiness(team.trainee)["prevention"].ready  # 1 of 3 attempts
    for _ in range(5):
        _practise(team.trainee, "TR01", homelessness="neither", duty="advice_only")
    low = training.training_readiness(team.trainee)["prevention"]
    assert low.attempts == 6 and low.score == 0  # the early full marks have dropped out
    for _ in range(5):
        _practise(team.trainee, "TR01")
    assert training.training_readiness(team.trainee)["prevention"].ready


def test_a_trainee_learns_the_young_people_topic_from_the_cases_of_16_and_17_year_olds(team):
    _practise(team.trainee, "TR37", refer_to_childrens_services=False)  # Jayden kept in Part 7
    weak = training.training_readiness(team.trainee)["young_people"]
    assert weak.attempts == 1 and weak.score == 0 and not weak.ready
    for case_id in ("TR37", "TR44", "TR03", "TR34"):
        _practise(team.trainee, case_id)
    progress = training.progress_for(viewer_id=team.trainee, officer_id=team.trainee)
    young = progress.readiness["young_people"]
    # the latest five: one wrong, four right
    assert young.attempts == 5 and young.score == 80 and young.ready
    assert young.label == "Young people aged 16 or 17"


def test_gareths_review_answers_are_kept_with_the_attempt_and_read_back_as_dates(team):
    done = _practise(team.trainee, "TR42", review_request_by=date(2026, 10, 22),
                     review_in_time=True)
    again = training.attempt_result(viewer_id=team.trainee, attempt_id=done.attempt_id)
    assert again.marks == done.marks
    last_day = again.marks.field("review_request_by")
    assert (last_day.answer, last_day.model) == (date(2026, 10, 22), date(2026, 10, 21))
    assert again.marks.field("review_in_time").citations == ("Housing Act 1996 s.202(3)",)
    answers = json.loads(_answers_of(done.attempt_id))
    assert answers["review_request_by"] == "2026-10-22" and answers["review_in_time"] is True


def _answers_of(attempt_id: int) -> str:
    with engine_for().connect() as connection:
        return connection.execute(sa.text("SELECT answers FROM practice_attempt WHERE id = :i"),
                                  {"i": attempt_id}).scalar_one()


def test_a_senior_and_a_manager_follow_their_teams_trainees_but_an_officer_does_not(team):
    _practise(team.trainee, "TR05")
    for lead in (team.senior, team.manager):
        seen = training.progress_for(viewer_id=lead, officer_id=team.trainee)
        assert len(seen.attempts) == 1
        assert team.trainee in [pid for pid, _, _ in training.practitioners_i_follow(viewer_id=lead)]
        summary = training.team_summary(viewer_id=lead)
        assert summary.set_index("officer_id").loc[team.trainee, "attempts"] == 1
    assert _count("SELECT COUNT(*) FROM audit_log WHERE entity = 'practice_progress' "
                  "AND entity_id = :t", t=team.trainee) == 2
    with pytest.raises(PermissionDenied):
        training.progress_for(viewer_id=team.officer, officer_id=team.trainee)
    with pytest.raises(PermissionDenied):
        training.team_summary(viewer_id=team.officer)
    with pytest.raises(PermissionDenied):
        training.progress_for(viewer_id=team.trainee, officer_id=team.officer)
    assert [pid for pid, _, _ in training.practitioners_i_follow(viewer_id=team.trainee)] == [
        team.trainee]


def test_a_lead_of_another_team_does_not_see_the_trainee(team):
    _practise(team.trainee, "TR05")
    with session_scope() as session:
        senior = session.get(Officer, team.senior)
        senior.team = "Allocations"
        session.add(senior)
    with pytest.raises(PermissionDenied):
        training.progress_for(viewer_id=team.senior, officer_id=team.trainee)
    attempt = int(views_training_ids(team.trainee)[0])
    with pytest.raises(PermissionDenied):
        training.attempt_result(viewer_id=team.senior, attempt_id=attempt)


def views_training_ids(officer_id: int) -> list[int]:
    from logic.training import views as views_training

    return list(views_training.attempts_of(officer_id)["id"])


def test_practice_never_appears_in_caseloads_reports_or_returns(team):
    real = _real_case(team, team.trainee)
    before = {
        "counts": row_counts(),
        "trainee": views.caseload(team.trainee, include_closed=True),
        "officer": views.caseload(team.officer, include_closed=True),
        "open": views.open_cases(),
        "team": views.team_caseload(),
    }
    for case_id in ("TR01", "TR02", "TR11", "TR27"):
        _practise(team.trainee, case_id)
        _practise(team.officer, case_id, duty="main")
    assert row_counts() == before["counts"]
    assert views.caseload(team.trainee, include_closed=True).equals(before["trainee"])
    assert views.caseload(team.officer, include_closed=True).equals(before["officer"])
    assert views.open_cases().equals(before["open"])
    assert views.team_caseload().equals(before["team"])
    assert list(views.caseload(team.trainee)["id"]) == [real]


def test_practice_is_stored_apart_from_the_real_records_and_no_report_reads_it():
    table = SQLModel.metadata.tables["practice_attempt"]
    assert {fk.column.table.name for fk in table.foreign_keys} == {"officer"}
    for path in [*ROOT.glob("logic/views*.py"), *ROOT.glob("logic/services/*.py")]:
        if path.name in ("views_training.py", "training.py"):
            continue
        assert "practice_attempt" not in path.read_text(encoding="utf-8"), path.name


def test_a_trainee_who_practises_still_sees_only_the_real_cases_allocated_to_them(team):
    theirs = _real_case(team, team.trainee)
    not_theirs = _real_case(team, team.officer)
    _practise(team.trainee, "TR03")
    assert cases.open_case_record(case_id=theirs, viewer_id=team.trainee).id == theirs
    with pytest.raises(PermissionDenied):
        cases.open_case_record(case_id=not_theirs, viewer_id=team.trainee)
    assert list(views.caseload(team.trainee)["id"]) == [theirs]
