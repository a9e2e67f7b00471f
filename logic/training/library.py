"""The library of practice cases (``data/training/*.json``): loaded, checked, and revealed.

A practice case is a decision scenario (``id``, ``title``, ``facts``, optional ``expected``,
see decision-scenarios.md) plus what a trainee meets at the front door:

    channel      phone | email | visit | webchat | letter: how the contact came in
    difficulty   1 (straightforward) .. 3 (a trap an experienced officer spots)
    topics       prevention, relief, priority_need, intentionality, local_connection,
                 eligibility, part6_banding, young_people: what the case practises
    narrative    the contact in their own words (a call transcript, an email, a visit note)
    given        fact paths the narrative already establishes (always ``assessment_date``)
    interview    questions the trainee may ask; each reveals one or more fact paths:
                 {"question": "...", "reveals": "household" | [...], "answer": "..."}

A fact path names a part of ``facts``: ``applicant.dob``, ``household``, ``household[1]``,
``housing.section_21``, ``local_connection.years_resident_last_5``. The model answer is
never stored: it is whatever ``logic.law.determine`` gives for the facts, so it cannot drift
from the law. ``expected`` is only a cross-check a test compares with the engine.

A malformed case is refused with a :class:`FieldError` naming the file and the field
(``TR07.json: interview[2].reveals[0]: 'housing.sec21' is not a part of this case's facts``).
Every fact must be reachable: given, or revealed by some question, so a trainee who asks
the right questions can always learn everything the law needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from logic.common import codes
from logic.common.errors import FieldError
from logic.law import Facts, parse_facts
from logic.law.core import EXTRA_FIELDS, SPEC_FIELDS, long_date
from logic.law.facts import age_on

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "training"

TOPICS: tuple[str, ...] = codes.TRAINING_TOPICS.codes()
TOPIC_LABELS: dict[str, str] = codes.TRAINING_TOPICS.options()
CHANNELS: tuple[str, ...] = codes.CONTACT_CHANNELS.codes()
DIFFICULTIES: tuple[int, ...] = (1, 2, 3)
CASE_KEYS = ("id", "title", "channel", "difficulty", "topics", "narrative", "given",
             "interview", "facts", "expected")
QUESTION_KEYS = ("question", "reveals", "answer")
_ID = re.compile(r"^TR\d{2,3}$")
_PATH = re.compile(r"^[a-z_0-9]+(\[\d+\])?(\.[a-z_0-9]+)*$")


def _wrong(file: str, field: str, problem: str) -> FieldError:
    # A practice case is a file the training lead edits: the field is named by the file it is in
    # and its path there, as their editor shows it.
    return FieldError(field, problem, label=f"{file}: {field}")


@dataclass(frozen=True)
class Question:
    index: int
    question: str
    reveals: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class PracticeCase:
    id: str
    title: str
    channel: str
    difficulty: int
    topics: tuple[str, ...]
    narrative: str
    given: tuple[str, ...]
    interview: tuple[Question, ...]
    raw_facts: dict[str, Any]
    facts: Facts
    expected: dict[str, Any] | None
    file: str

    @property
    def assessment_date(self) -> date:
        return self.facts.assessment_date

    def question(self, index: int) -> Question:
        return self.interview[index]


@dataclass(frozen=True)
class FactLine:
    """One line of the trainee's fact sheet: what has been learned, in plain words."""

    path: str
    label: str
    value: str


# --- paths into the facts -------------------------------------------------------------

def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        m = re.fullmatch(r"([a-z_0-9]+)(?:\[(\d+)\])?", part)
        if m is None:
            raise KeyError(path)
        steps.append(m.group(1))
        if m.group(2) is not None:
            steps.append(int(m.group(2)))
    return steps


def resolve(facts: dict[str, Any], path: str) -> Any:
    """The part of the raw facts a path names; KeyError if the case has no such part."""
    node: Any = facts
    for step in _steps(path):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                raise KeyError(path)
        elif not isinstance(node, dict) or step not in node:
            raise KeyError(path)
        node = node[step]
    return node


def leaf_paths(node: Any, prefix: str = "") -> list[str]:
    """Every leaf of the raw facts as a path (lists of codes are one leaf)."""
    if isinstance(node, dict) and node:
        out: list[str] = []
        for key, value in node.items():
            out += leaf_paths(value, f"{prefix}.{key}" if prefix else key)
        return out
    if isinstance(node, list) and node and all(isinstance(v, dict) for v in node):
        out = []
        for i, value in enumerate(node):
            out += leaf_paths(value, f"{prefix}[{i}]")
        return out
    return [prefix]


def covers(path: str, leaf: str) -> bool:
    """Whether revealing ``path`` reveals ``leaf`` (a path covers everything under it)."""
    return leaf == path or leaf.startswith(path + ".") or leaf.startswith(path + "[")


# --- loading and checking ---------------------------------------------------------------

def _text(obj: dict[str, Any], key: str, file: str, field: str, minimum: int = 1) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value.strip()) < minimum:
        need = "text" if minimum <= 1 else f"text of at least {minimum} characters"
        raise _wrong(file, field, f"must be {need}")
    return value.strip()


def _paths(value: Any, file: str, field: str, facts: dict[str, Any]) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise _wrong(file, field, "must be a fact path or a non-empty list of them")
    out = []
    for i, item in enumerate(items):
        where = f"{field}[{i}]" if isinstance(value, list) else field
        if not isinstance(item, str) or not _PATH.match(item):
            raise _wrong(file, where, f"{item!r} is not a fact path such as 'applicant.dob'")
        try:
            resolve(facts, item)
        except KeyError:
            raise _wrong(file, where,
                         f"{item!r} is not a part of this case's facts") from None
        out.append(item)
    return tuple(out)


def parse_case(raw: Any, file: str) -> PracticeCase:
    """Check one practice case's object; ``file`` names it in any refusal."""
    if not isinstance(raw, dict):
        raise _wrong(file, "case", "must be a JSON object")
    for key in raw:
        if key not in CASE_KEYS:
            raise _wrong(file, key, f"unknown field; known fields: {', '.join(CASE_KEYS)}")
    for key in CASE_KEYS:
        if key not in raw and key != "expected":
            raise _wrong(file, key, "missing (required)")
    case_id = raw["id"]
    if not isinstance(case_id, str) or not _ID.match(case_id):
        raise _wrong(file, "id", f"must look like 'TR07', not {case_id!r}")
    stem = Path(file).stem
    if stem != case_id:
        raise _wrong(file, "id", f"{case_id!r} does not match the file name {stem!r}")
    title = _text(raw, "title", file, "title")
    channel = raw["channel"]
    if channel not in CHANNELS:
        raise _wrong(file, "channel", f"unknown channel {channel!r}; allowed: "
                     f"{', '.join(CHANNELS)}")
    difficulty = raw["difficulty"]
    if isinstance(difficulty, bool) or difficulty not in DIFFICULTIES:
        raise _wrong(file, "difficulty", f"must be 1, 2 or 3, not {difficulty!r}")
    topics = raw["topics"]
    if not isinstance(topics, list) or not topics:
        raise _wrong(file, "topics", "must be a non-empty list")
    for i, topic in enumerate(topics):
        if topic not in TOPICS:
            raise _wrong(file, f"topics[{i}]",
                         f"unknown topic {topic!r}; allowed: {', '.join(TOPICS)}")
    if len(set(topics)) != len(topics):
        raise _wrong(file, "topics", "a topic is listed twice")
    narrative = _text(raw, "narrative", file, "narrative", minimum=80)
    try:
        facts = parse_facts(raw["facts"])
    except FieldError as error:
        raise _wrong(file, error.field, error.problem) from None
    raw_facts = raw["facts"]
    given = _paths(raw["given"], file, "given", raw_facts)
    if "assessment_date" not in given:
        raise _wrong(file, "given", "must include 'assessment_date' (the day of contact)")
    interview_raw = raw["interview"]
    if not isinstance(interview_raw, list) or not interview_raw:
        raise _wrong(file, "interview", "must be a non-empty list of questions")
    questions = []
    seen: set[str] = set()
    for i, item in enumerate(interview_raw):
        where = f"interview[{i}]"
        if not isinstance(item, dict):
            raise _wrong(file, where, "must be an object")
        for key in item:
            if key not in QUESTION_KEYS:
                raise _wrong(file, f"{where}.{key}", "unknown field")
        for key in QUESTION_KEYS:
            if key not in item:
                raise _wrong(file, f"{where}.{key}", "missing (required)")
        question = _text(item, "question", file, f"{where}.question")
        if question in seen:
            raise _wrong(file, f"{where}.question", "the same question is asked twice")
        seen.add(question)
        questions.append(Question(
            index=i, question=question,
            reveals=_paths(item["reveals"], file, f"{where}.reveals", raw_facts),
            answer=_text(item, "answer", file, f"{where}.answer"),
        ))
    reachable = list(given) + [p for q in questions for p in q.reveals]
    for leaf in leaf_paths(raw_facts):
        if not any(covers(p, leaf) for p in reachable):
            raise _wrong(file, f"facts.{leaf}",
                         "no interview question or given fact reveals it")
    expected = raw.get("expected")
    if expected is not None:
        if not isinstance(expected, dict):
            raise _wrong(file, "expected", "must be an object")
        for key in expected:
            if key not in SPEC_FIELDS + EXTRA_FIELDS:
                raise _wrong(file, f"expected.{key}", "not a field of a determination")
    return PracticeCase(
        id=case_id, title=title, channel=channel, difficulty=difficulty, topics=tuple(topics),
        narrative=narrative, given=given, interview=tuple(questions), raw_facts=raw_facts,
        facts=facts, expected=expected, file=Path(file).name,
    )


def load_case(path: Path) -> PracticeCase:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise _wrong(path.name, "file", f"not valid JSON: {error}") from None
    return parse_case(raw, path.name)


def load_library(folder: Path | str | None = None) -> tuple[PracticeCase, ...]:
    """Every practice case in ``folder`` (default ``data/training``), in id order."""
    return _load(str(Path(folder) if folder is not None else DEFAULT_DIR))


@lru_cache(maxsize=4)
def _load(folder: str) -> tuple[PracticeCase, ...]:
    path = Path(folder)
    if not path.is_dir():
        raise _wrong(path.name, "folder", f"no practice case folder at {path}")
    cases = [load_case(p) for p in sorted(path.glob("*.json"))]
    return tuple(sorted(cases, key=lambda c: c.id))


def practice_case(case_id: str, folder: Path | str | None = None) -> PracticeCase:
    """One case by id; KeyError if there is none."""
    for case in load_library(folder):
        if case.id == case_id:
            return case
    raise KeyError(case_id)


def find_cases(topic: str | None = None, difficulty: int | None = None,
               folder: Path | str | None = None) -> tuple[PracticeCase, ...]:
    return tuple(c for c in load_library(folder)
                 if (topic is None or topic in c.topics)
                 and (difficulty is None or c.difficulty == difficulty))


# --- the fact sheet ---------------------------------------------------------------------

LABELS: dict[str, str] = {
    "assessment_date": "Date of contact (assessment date)",
    "applicant.dob": "Applicant's date of birth",
    "applicant.sex": "Applicant's sex",
    "applicant.immigration_status": "Immigration status",
    "applicant.habitually_resident": "Habitually resident in the Common Travel Area",
    "applicant.pregnant": "Applicant is pregnant",
    "applicant.vulnerability": "Officer satisfied the applicant is vulnerable because of",
    "applicant.care_leaver": "Looked after, accommodated or fostered at 16 or 17",
    "applicant.vulnerable_former_care": "Vulnerable as a result of having been looked after",
    "applicant.vulnerable_armed_forces": "Vulnerable as a result of armed forces service",
    "applicant.vulnerable_custody": "Vulnerable as a result of custody",
    "applicant.vulnerable_violence": "Vulnerable having left home because of violence",
    "applicant.relevant_child": "A relevant child: left care at 16 or 17 (Children Act 1989 s.23A)",
    "applicant.owed_s20_duty": "Children's services owe accommodation (Children Act 1989 s.20)",
    "applicant.relevant_student": "A relevant student with no term-time home in the vacation",
    "applicant.expected_babies": "Babies expected",
    "housing.has_accommodation": "Has accommodation they are entitled to occupy",
    "housing.reasonable_to_occupy": "Reasonable to continue to occupy",
    "housing.likely_to_lose_on": "Likely to lose the accommodation on",
    "housing.section_21.valid": "Possession notice (section 21) is valid",
    "housing.section_21.expires_on": "Possession notice expires on",
    "housing.domestic_abuse": "Staying would probably lead to domestic abuse",
    "housing.emergency": "Emergency that caused the homelessness or threat",
    "housing.domestic_abuse_victim": "Who is at risk of the abuse",
    "housing.overnight_carer": "A carer who lives elsewhere stays overnight",
    "housing.current_bedrooms": "Bedrooms in the current home",
    "housing.unsatisfactory_conditions": "Officer found the home insanitary or unsatisfactory",
    "housing.medical_welfare_need": "Needs to move on medical or welfare grounds",
    "housing.hardship_locality_need": "Needs to move to a particular area to avoid hardship",
    "intentionality.deliberate_act_or_omission": "Inquiry: a deliberate act or omission",
    "intentionality.good_faith_unaware": "Inquiry: acted in good faith, unaware of a fact",
    "intentionality.accommodation_available_and_reasonable":
        "Inquiry: the lost home was available and reasonable to occupy",
    "intentionality.caused_loss": "Inquiry: the act or omission caused the loss",
    "intentionality.whose_act": "Inquiry: whose act or omission",
    "intentionality.acquiesced": "Inquiry: the applicant went along with the member's act",
    "intentionality.collusive_arrangement": "Inquiry: a collusive arrangement to leave (s.191(3))",
    "local_connection.months_resident_last_12": "Months living in the district, last 12",
    "local_connection.years_resident_last_5": "Years living in the district, last 5",
    "local_connection.employed_in_district": "Works in the district",
    "local_connection.close_family_5_years": "Close family here for 5 years or more",
    "local_connection.special_circumstances": "Special circumstances connect them here",
    "local_connection.connection_elsewhere": "Has a local connection with another district",
    "local_connection.risk_of_abuse_elsewhere": "At risk of domestic abuse in that district",
    "local_connection.care_leaver_here": "A care leaver's connection here (s.199(8)-(11))",
    "local_connection.asylum_support_here": "Last asylum support (s.95) was in this district",
    "history.relief_duty_started_on": "Relief duty started on",
    "history.prevention_duty_started_on": "Prevention duty started on",
    "history.decision_notified_on": "Decision notified on",
    "history.review_requested_on": "Review requested on",
    "register.application_date": "Housing register application made on",
    "register.household_income": "Household income (a year)",
    "register.household_savings": "Household savings",
    "register.rent_arrears": "Housing debt owed",
    "register.arrears_plan_kept": "Keeping to an arrears repayment plan",
    "register.unacceptable_behaviour": "Officer found unacceptable behaviour",
    "register.owns_home": "Owns or has an interest in a home",
    "register.armed_forces": "Serving, or left the armed forces within 5 years",
    "register.moving_for_work": "Needs to move here for work",
}

_STATUS = codes.IMMIGRATION_STATUSES.options()
_SEX = {code: codes.SEXES.phrase(code) for code in codes.SEXES.codes()}  # "female", mid-sentence
_RELATION = codes.MEMBER_RELATIONS.options()


def _words(path: str, value: Any, on: date) -> str:
    leaf = path.rsplit(".", 1)[-1]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    if leaf == "immigration_status":
        return _STATUS.get(value, value)
    if leaf == "domestic_abuse_victim":
        return codes.DOMESTIC_ABUSE_VICTIMS.label(value)
    if leaf == "whose_act":
        return codes.WHOSE_ACTS.label(value)
    if leaf == "sex":
        return _SEX.get(value, value)
    if leaf == "vulnerability":
        return (", ".join(codes.VULNERABILITIES.words(v) for v in value)
                or "not found vulnerable")
    if leaf in ("household_income", "household_savings", "rent_arrears"):
        return f"£{value:,.0f}"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = date.fromisoformat(value)
        text = long_date(day)
        if leaf == "dob":
            text += f" (aged {age_on(day, on)} on the date of contact)"
        return text
    return str(value).replace("_", " ")


def _member_line(index: int, member: dict[str, Any], on: date) -> FactLine:
    dob = date.fromisoformat(member["dob"])
    bits = [f"{_SEX.get(member['sex'], member['sex'])}", f"born {long_date(dob)} "
            f"(aged {age_on(dob, on)})"]
    bits.append("lives with the applicant" if member.get("resides_with_applicant", True)
                else "does NOT live with the applicant")
    if member.get("dependent"):
        bits.append("dependent")
    if member.get("pregnant"):
        babies = member.get("expected_babies", 1)
        bits.append("pregnant" + (f" with {babies} babies" if babies > 1 else ""))
    if member.get("vulnerability"):
        bits.append("found vulnerable because of "
                    + ", ".join(codes.VULNERABILITIES.words(v) for v in member["vulnerability"]))
    if member.get("needs_own_room"):
        bits.append("cannot share a bedroom because of a disability")
    if member.get("local_connection_here"):
        bits.append("has a local connection with this district")
    return FactLine(f"household[{index}]",
                    f"Household member {index + 1}: {_RELATION[member['relation']].lower()}",
                    ", ".join(bits))


def fact_lines(case: PracticeCase, paths: Iterable[str]) -> list[FactLine]:
    """The fact sheet for the given paths, one line a fact, in the order first learned."""
    on = case.assessment_date
    lines: list[FactLine] = []
    shown: set[str] = set()
    for path in paths:
        node = resolve(case.raw_facts, path)
        if path == "household" and isinstance(node, list) and not node:
            leaves = ["household"]
        else:
            leaves = leaf_paths(node, path)
        for leaf in leaves:
            m = re.fullmatch(r"household\[(\d+)\](\..*)?", leaf)
            key = f"household[{m.group(1)}]" if m else leaf
            if key in shown:
                continue
            shown.add(key)
            if key == "household":
                lines.append(FactLine("household", "Household members",
                                      "nobody else: the applicant is on their own"))
            elif m:
                index = int(m.group(1))
                lines.append(_member_line(index, case.raw_facts["household"][index], on))
            else:
                value = resolve(case.raw_facts, leaf)
                lines.append(FactLine(leaf, LABELS.get(leaf, leaf), _words(leaf, value, on)))
    return lines


def revealed_paths(case: PracticeCase, asked: Iterable[int]) -> list[str]:
    """The given facts, then what each asked question revealed, in the order asked."""
    paths = list(case.given)
    for index in asked:
        paths += [p for p in case.interview[index].reveals if p not in paths]
    return paths


def fact_sheet(case: PracticeCase, asked: Iterable[int]) -> list[FactLine]:
    return fact_lines(case, revealed_paths(case, asked))
