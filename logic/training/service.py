"""Practice on sample cases, marked against the law, and the progress it shows.

Everyone who works cases may practise (trainees, officers, seniors, managers). A practice
case comes from ``data/training`` and never from the real records; an attempt is written
once, when submitted, with an audit row in the same transaction (there is no case, so no
case event). The model answer is the engine's determination for the case's facts.

For the allocation of cases: :func:`training_readiness` gives an officer's per-topic
practice scores and whether each topic meets the council's training standard
(``data/policy/training.toml``). It reads, never writes, and checks no viewer: it is for the
allocation rules, not for a screen.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from logic import clock
from logic.common import codes
from logic.common.errors import FieldError, NotFound, PermissionDenied
from logic.common.permissions import Actor, Permission, allowed, refused
from logic.common.recording import record_audit, record_view
from logic.db import session_scope
from logic.law import determine, explain, policy_as_at
from logic.law.policy import Policy
from logic.models import Officer, Role, utc_now
from logic.models.training import PracticeAttempt
from logic.training import views as views_training
from logic.training.library import (
    DIFFICULTIES,
    TOPIC_LABELS,
    TOPICS,
    FactLine,
    PracticeCase,
    Question,
    fact_sheet,
    find_cases,
    practice_case,
)
from logic.training.marking import Marks, asked_fields, band_choices, mark, model_answers
from logic.training.policy import TrainingStandard, load_training_standard

# The form's labels, so a refused answer is named as the officer saw it:
# pages/practice.py.
FIELD_LABELS: dict[str, str] = {
    "topic": "Topic",
    "difficulty": "Difficulty",
    "questions_asked": "Questions asked",
    "answers": "Answers",
}

PRACTISING_ROLES = frozenset(codes.CASEWORK_ROLES)
# Whose progress a team lead may follow, within their own team.
FOLLOWED_BY = {Role.senior: {Role.trainee, Role.officer},
               Role.manager: {Role.trainee, Role.officer, Role.senior}}


@dataclass(frozen=True)
class PracticeSheet:
    """What the practice screen shows for a case as the interview stands."""

    case: PracticeCase
    asked: tuple[int, ...]
    transcript: tuple[Question, ...]
    facts: tuple[FactLine, ...]
    remaining: tuple[Question, ...]
    band_choices: tuple[str, ...]
    # the determinations this case asks (logic.training.marking.asked_fields): the version-1
    # fields always; children's services for a young person; the review questions only
    # where the facts give both review dates
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttemptResult:
    attempt_id: int
    officer_id: int
    practice_case_id: str
    title: str
    submitted_at: datetime
    questions_asked: tuple[int, ...]
    marks: Marks
    explain: str


@dataclass(frozen=True)
class TopicReadiness:
    topic: str
    label: str
    score: float | None  # mean of the recent attempts' topic scores, percent; None if none
    attempts: int  # attempts that tested this topic, all time
    ready: bool  # enough attempts, and the recent score meets the pass mark
    last_attempt_at: datetime | None


@dataclass(frozen=True)
class Progress:
    officer_id: int
    officer_name: str
    role: str
    attempts: pd.DataFrame
    topic_history: pd.DataFrame
    readiness: dict[str, TopicReadiness]
    standard: TrainingStandard

    @property
    def weak_topics(self) -> list[TopicReadiness]:
        """Practised but below the standard (those never practised are listed separately)."""
        return [r for r in self.readiness.values() if r.attempts and not r.ready]

    @property
    def unpractised_topics(self) -> list[TopicReadiness]:
        return [r for r in self.readiness.values() if not r.attempts]


# --- the library ----------------------------------------------------------------------

def list_practice_cases(*, topic: str | None = None, difficulty: int | None = None
                        ) -> list[PracticeCase]:
    if topic is not None and topic not in TOPICS:
        raise FieldError("topic", f"choose one of {', '.join(TOPICS)}", FIELD_LABELS)
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise FieldError("difficulty", "choose 1, 2 or 3", FIELD_LABELS)
    return list(find_cases(topic=topic, difficulty=difficulty))


def _case(practice_case_id: str) -> PracticeCase:
    try:
        return practice_case(practice_case_id)
    except KeyError:
        raise NotFound(f"There is no practice case {practice_case_id!r}.") from None


def _check_asked(case: PracticeCase, asked: Sequence[int]) -> tuple[int, ...]:
    seen: list[int] = []
    for index in asked:
        if isinstance(index, bool) or not isinstance(index, int) \
                or not 0 <= index < len(case.interview):
            raise FieldError("questions_asked", f"{index!r} is not a question of this case",
                             FIELD_LABELS)
        if index in seen:
            raise FieldError("questions_asked", f"question {index + 1} is listed twice",
                             FIELD_LABELS)
        seen.append(index)
    return tuple(seen)


def practice_sheet(*, practice_case_id: str, asked: Sequence[int] = ()) -> PracticeSheet:
    """The case, the questions asked so far with their answers, and the growing fact sheet."""
    case = _case(practice_case_id)
    done = _check_asked(case, asked)
    policy = policy_as_at(case.assessment_date)
    return PracticeSheet(
        case=case, asked=done,
        transcript=tuple(case.interview[i] for i in done),
        facts=tuple(fact_sheet(case, done)),
        remaining=tuple(q for q in case.interview if q.index not in done),
        band_choices=band_choices(policy),
        asks=tuple(f.name for f in asked_fields(determine(case.facts, policy), policy)),
    )


def ask_question(*, practice_case_id: str, asked: Sequence[int], question_index: int
                 ) -> tuple[int, ...]:
    """The questions asked after asking one more (asking twice changes nothing)."""
    case = _case(practice_case_id)
    done = _check_asked(case, asked)
    if question_index in done:
        return done
    return done + _check_asked(case, [question_index])


# --- attempts -------------------------------------------------------------------------

def _active(session: Session, officer_id: int) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active:
        raise PermissionDenied("Your account is not active.")
    return officer


def _marks_for(case: PracticeCase, answers: Mapping[str, Any]) -> tuple[Marks, str, Policy]:
    policy = policy_as_at(case.assessment_date)
    determination = determine(case.facts, policy)
    marks = mark(answers, determination, policy)
    return marks, explain(determination, title=f"{case.id} {case.title}"), policy


def submit_attempt(*, officer_id: int, practice_case_id: str, questions_asked: Sequence[int],
                   answers: Mapping[str, Any], started_at: datetime | None = None
                   ) -> AttemptResult:
    """Mark the trainee's determinations against the law and keep the attempt."""
    case = _case(practice_case_id)
    asked = _check_asked(case, questions_asked)
    # An empty list is a real answer ("no grounds") once something else is decided, but a form
    # with nothing chosen but empty lists is a submission made by mistake.
    if not isinstance(answers, Mapping) or all(v is None or (isinstance(v, list | tuple) and not v)
                                               for v in answers.values()):
        raise FieldError("answers", "record at least one determination before submitting",
                         FIELD_LABELS)
    marks, trace, _ = _marks_for(case, answers)
    with session_scope() as session:
        officer = _active(session, officer_id)
        if officer.role not in PRACTISING_ROLES:
            raise PermissionDenied("Practice cases are for officers who work cases.")
        attempt = PracticeAttempt(
            officer_id=officer_id, practice_case_id=case.id, difficulty=case.difficulty,
            started_at=started_at, submitted_at=utc_now(), questions_asked=json.dumps(list(asked)),
            answers=json.dumps({f.field: _plain(f.answer) for f in marks.fields}),
            marks=json.dumps(marks.to_json_dict()), score=marks.score,
        )
        session.add(attempt)
        session.flush()
        record_audit(session, actor_id=officer_id, action="create", entity="practice_attempt",
                     entity_id=attempt.id, detail=f"{case.id}: {marks.score:.0f}%")
        return AttemptResult(
            attempt_id=attempt.id, officer_id=officer_id, practice_case_id=case.id,
            title=case.title, submitted_at=attempt.submitted_at, questions_asked=asked,
            marks=marks, explain=trace,
        )


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def _may_follow(viewer: Officer, officer: Officer) -> bool:
    if viewer.id == officer.id:
        return True
    allowed = FOLLOWED_BY.get(viewer.role, set())
    return officer.role in allowed and officer.team == viewer.team and officer.active


def attempt_result(*, viewer_id: int, attempt_id: int, opening: str | None = None) -> AttemptResult:
    """A past attempt as it was marked (its own marks, not re-marked under a later policy)."""
    with session_scope() as session:
        viewer = _active(session, viewer_id)
        attempt = session.get(PracticeAttempt, attempt_id)
        if attempt is None:
            raise NotFound(f"Practice attempt {attempt_id} does not exist.")
        owner = session.get(Officer, attempt.officer_id)
        if owner is None or not _may_follow(viewer, owner):
            raise PermissionDenied("You can see only your own practice and your team's trainees'.")
        if viewer.id != owner.id:
            record_view(session, actor_id=viewer_id, entity="practice_attempt", entity_id=attempt_id,
                        opening=opening)
    case = _case(attempt.practice_case_id)
    determination = determine(case.facts, policy_as_at(case.assessment_date))
    return AttemptResult(
        attempt_id=attempt.id, officer_id=attempt.officer_id,
        practice_case_id=attempt.practice_case_id, title=case.title,
        submitted_at=attempt.submitted_at,
        questions_asked=tuple(json.loads(attempt.questions_asked)),
        marks=Marks.from_json_dict(json.loads(attempt.marks)),
        explain=explain(determination, title=f"{case.id} {case.title}"),
    )


# --- progress and readiness -----------------------------------------------------------

def readiness_from(history: pd.DataFrame, standard: TrainingStandard
                   ) -> dict[str, TopicReadiness]:
    """Per topic: the mean of the latest ``recent_attempts`` scores, and whether it meets the
    pass mark after at least ``min_attempts`` attempts (``history`` as
    :func:`logic.training.views.topic_scores_over_time` gives it, oldest first)."""
    out: dict[str, TopicReadiness] = {}
    for topic in TOPICS:
        rows = history[history["topic"] == topic] if not history.empty else history
        count = len(rows)
        if count == 0:
            out[topic] = TopicReadiness(topic, TOPIC_LABELS[topic], None, 0, False, None)
            continue
        recent = rows.tail(standard.recent_attempts)
        score = round(float(recent["score"].mean()), 1)
        out[topic] = TopicReadiness(
            topic=topic, label=TOPIC_LABELS[topic], score=score, attempts=count,
            ready=count >= standard.min_attempts and score >= standard.pass_mark,
            last_attempt_at=rows["submitted_at"].iloc[-1],
        )
    return out


def training_readiness(officer_id: int, *, on: date | None = None) -> dict[str, TopicReadiness]:
    """Per-topic practice scores of one officer, for the competency gates of allocation.

    Keys are the training topics (prevention, relief, priority_need, intentionality,
    local_connection, eligibility, part6_banding, young_people). ``ready`` means the officer has practised
    the topic at least ``min_attempts`` times and their latest ``recent_attempts`` average at
    least ``pass_mark`` percent (data/policy/training.toml, as in force ``on``, default today).
    """
    standard = load_training_standard(on or clock.today())
    return readiness_from(views_training.topic_scores_over_time(officer_id), standard)


def practitioners_i_follow(*, viewer_id: int) -> list[tuple[int, str, str]]:
    """(id, name, role) of the viewer and everyone whose practice they may follow."""
    with session_scope() as session:
        viewer = _active(session, viewer_id)
        people = session.exec(select(Officer).where(Officer.active).order_by(Officer.full_name)).all()
        followed = [o for o in people if o.id != viewer.id and _may_follow(viewer, o)]
        followed.sort(key=lambda o: (o.role != Role.trainee, o.full_name))
        return [(viewer.id, viewer.full_name, viewer.role)] + [
            (o.id, o.full_name, o.role) for o in followed]


def progress_for(*, viewer_id: int, officer_id: int, on: date | None = None,
                 opening: str | None = None) -> Progress:
    """An officer's practice: attempts, topic scores over time, and topics still weak."""
    with session_scope() as session:
        viewer = _active(session, viewer_id)
        officer = session.get(Officer, officer_id)
        if officer is None:
            raise NotFound(f"Officer {officer_id} does not exist.")
        if not _may_follow(viewer, officer):
            raise PermissionDenied("You can see only your own practice and your team's trainees'.")
        if viewer.id != officer.id:
            record_view(session, actor_id=viewer_id, entity="practice_progress", entity_id=officer_id,
                        opening=opening)
        name, role = officer.full_name, officer.role
    standard = load_training_standard(on or clock.today())
    history = views_training.topic_scores_over_time(officer_id)
    attempts = views_training.attempts_of(officer_id)
    attempts["title"] = attempts["practice_case_id"].map(_title)
    return Progress(
        officer_id=officer_id, officer_name=name, role=role,
        attempts=attempts, topic_history=history,
        readiness=readiness_from(history, standard), standard=standard,
    )


def _title(practice_case_id: str) -> str:
    """A case's title, or a note if a case was withdrawn from the library after practice."""
    try:
        return practice_case(practice_case_id).title
    except KeyError:
        return "(no longer in the library)"


def may_follow_team(officer: Actor) -> Permission:
    """Team leads follow their team's practice (FOLLOWED_BY); everyone follows their own."""
    if officer.role not in FOLLOWED_BY:
        return refused("Only a senior officer or a manager sees the team's practice.")
    return allowed("A senior officer or a manager follows the practice of their team.")


def team_summary(*, viewer_id: int) -> pd.DataFrame:
    """For a team lead: practice per officer they may follow in their team."""
    with session_scope() as session:
        viewer = _active(session, viewer_id)
        may_follow_team(viewer).require()
        team, roles = viewer.team, tuple(sorted(r.value for r in FOLLOWED_BY[Role(viewer.role)]))
    return views_training.team_practice_summary(team, roles)


__all__ = [
    "AttemptResult", "PracticeSheet", "Progress", "TopicReadiness", "ask_question",
    "attempt_result", "list_practice_cases", "may_follow_team", "model_answers", "practice_sheet",
    "practitioners_i_follow", "progress_for", "readiness_from", "submit_attempt",
    "team_summary", "training_readiness",
]
