"""Marking a trainee's determinations against the law (pure: no database, no clock).

The model answer is the engine's :class:`~logic.law.Determination` for the practice case's
facts; nothing here works the law out a second time. Each marked field is compared with the
trainee's answer:

* yes/no, code and number fields are right or wrong (1 or 0 marks);
* list fields (priority need grounds, reasonable preference) are compared as sets: the mark
  is the share of the union the trainee got right (|answer ∩ model| / |answer ∪ model|, and
  full marks when both are empty), with what was missed and what was extra named;
* date fields (the last day to ask for a review) are right or wrong like yes/no fields;
* an unanswered field scores 0.

Some determinations are asked only where the case raises them (:func:`asked_fields`): whether
a young person must be referred to children's services first, on a case whose applicant is 16
to 18 (18: the birthday that ends children's services' duties is the trap); the s.202 review
questions, only where the facts give both the notification and the request dates (the model
answer is not null). A question not asked is not marked and counts in no topic.

Every field carries the engine's reasons for the model answer; a wrong answer also carries
the citations of the rules it broke: the reasons the engine gave for that field, and for a
missed or extra list item, the provision that item rests on. Field marks roll up into a
score per topic (the training topics of ``logic.training.library``) and an overall score,
both as percentages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from logic.common import codes
from logic.common.errors import FieldError
from logic.law import Citation, Determination, Reason
from logic.law.core import ha1996, pno2002
from logic.law.duties import DUTIES
from logic.law.homelessness import HOMELESS, NEITHER, THREATENED
from logic.law.policy import Policy

HOMELESSNESS_CODES: tuple[str, ...] = (HOMELESS, THREATENED, NEITHER)
DUTY_CODES: tuple[str, ...] = DUTIES
NO_BAND = "none"  # the answer "does not qualify for the register, so no band"

# The exchange format's codes (decision-scenarios.md), each with the provision it rests on;
# used to cite the rule when a trainee names a ground or a preference the law does not give.
GROUND_CITATIONS: dict[str, Citation] = {
    "pregnant": ha1996("s.189(1)(a)", "189"),
    "dependent_children": ha1996("s.189(1)(b)", "189"),
    "vulnerable": ha1996("s.189(1)(c)", "189"),
    "vulnerable_member": ha1996("s.189(1)(c)", "189"),
    "emergency": ha1996("s.189(1)(d)", "189"),
    "domestic_abuse": ha1996("s.189(1)(e)", "189"),
    "aged_16_17": pno2002(3),
    "care_leaver_18_20": pno2002(4),
    "vulnerable_former_care": pno2002(5),
    "vulnerable_armed_forces": pno2002(5),
    "vulnerable_custody": pno2002(5),
    "vulnerable_violence": pno2002(6),
}
PREFERENCE_CITATIONS: dict[str, Citation] = {
    "homeless": ha1996("s.166A(3)(a)", "166A"),
    "owed_duty": ha1996("s.166A(3)(b)", "166A"),
    "unsatisfactory_housing": ha1996("s.166A(3)(c)", "166A"),
    "medical_welfare": ha1996("s.166A(3)(d)", "166A"),
    "hardship": ha1996("s.166A(3)(e)", "166A"),
}
GROUNDS: tuple[str, ...] = tuple(GROUND_CITATIONS)
PREFERENCES: tuple[str, ...] = tuple(PREFERENCE_CITATIONS)

# The engine's rule names that establish each list item (reason.rule -> item).
_ITEM_RULES: dict[str, dict[str, str]] = {
    "priority_need_grounds": {
        "pregnant_applicant": "pregnant", "pregnant_household_member": "pregnant",
        "domestic_abuse_victim": "domestic_abuse",
        **{g: g for g in GROUNDS if g not in ("pregnant", "domestic_abuse")},
    },
    "reasonable_preference": {f"preference_{p}": p for p in PREFERENCES},
}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str  # "bool" | "code" | "int" | "set" | "band" | "date"
    topic: str | None  # None: the topic follows the stage the law puts the case at
    asked: str = "always"  # "always" | "young" (applicant 16 to 18) | "known" (model not null)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("eligible", "Eligible for assistance", "bool", "eligibility"),
    FieldSpec("homelessness", "Homeless, threatened or neither", "code", None),
    FieldSpec("priority_need", "Priority need", "bool", "priority_need"),
    FieldSpec("priority_need_grounds", "Priority need grounds", "set", "priority_need"),
    FieldSpec("interim_accommodation_duty", "Interim accommodation duty (s.188)", "bool", "relief"),
    FieldSpec("duty", "Duty owed", "code", None),
    FieldSpec("intentionally_homeless", "Intentionally homeless", "bool", "intentionality"),
    FieldSpec("local_connection", "Local connection with this district", "bool",
              "local_connection"),
    FieldSpec("referral_possible", "Referral to another district possible", "bool",
              "local_connection"),
    FieldSpec("bedroom_need", "Bedroom need", "int", "part6_banding"),
    FieldSpec("reasonable_preference", "Reasonable preference categories", "set",
              "part6_banding"),
    FieldSpec("band", "Housing register band", "band", "part6_banding"),
    # version 2 of the format
    FieldSpec("refer_to_childrens_services", "Refer to children's services first", "bool",
              "young_people", asked="young"),
    FieldSpec("review_request_by", "Last day to ask for a review (s.202)", "date", None,
              asked="known"),
    FieldSpec("review_in_time", "Review asked for in time (s.202)", "bool", None,
              asked="known"),
)
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
# asked on every practice case (version 1 of the format)
V1_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS if f.asked == "always")
_SPEC = {f.name: f for f in FIELDS}
# a refused answer is named as the practice form labels it
FIELD_LABELS: dict[str, str] = {"answers": "Answers", **{f.name: f.label for f in FIELDS}}


@dataclass(frozen=True)
class ReasonShown:
    rule: str
    citation: str
    url: str
    text: str

    @classmethod
    def of(cls, r: Reason) -> ReasonShown:
        return cls(r.rule, str(r.citation), r.citation.url, r.text)


@dataclass(frozen=True)
class FieldMark:
    field: str
    label: str
    topic: str
    answer: Any  # None when not answered
    model: Any
    right: bool
    score: float  # 0..1
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    citations: tuple[str, ...]  # the rules a wrong answer broke (empty when right)
    reasons: tuple[ReasonShown, ...]  # why the model answer is what it is

    @property
    def answered(self) -> bool:
        return self.answer is not None


@dataclass(frozen=True)
class Marks:
    fields: tuple[FieldMark, ...]
    score: float  # percentage, 0..100
    topic_scores: dict[str, float]  # percentage per topic
    policy: str

    @property
    def wrong(self) -> tuple[FieldMark, ...]:
        return tuple(f for f in self.fields if not f.right)

    def field(self, name: str) -> FieldMark:
        return next(f for f in self.fields if f.field == name)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "topic_scores": self.topic_scores,
            "policy": self.policy,
            "fields": [
                {"field": f.field, "label": f.label, "topic": f.topic,
                 "answer": _json_value(f.answer), "model": _json_value(f.model), "right": f.right, "score": f.score, "missed": list(f.missed),
                 "extra": list(f.extra), "citations": list(f.citations),
                 "reasons": [r.__dict__ for r in f.reasons]}
                for f in self.fields
            ],
        }

    @classmethod
    def from_json_dict(cls, raw: dict[str, Any]) -> Marks:
        return cls(
            fields=tuple(
                FieldMark(field=f["field"], label=f["label"], topic=f["topic"],
                          answer=_from_json(f["answer"], f["field"]),
                          model=_from_json(f["model"], f["field"]),
                          right=f["right"],
                          score=f["score"], missed=tuple(f["missed"]), extra=tuple(f["extra"]),
                          citations=tuple(f["citations"]),
                          reasons=tuple(ReasonShown(**r) for r in f["reasons"]))
                for f in raw["fields"]
            ),
            score=raw["score"], topic_scores=dict(raw["topic_scores"]), policy=raw["policy"],
        )


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def _from_json(value: Any, field: str = "") -> Any:
    spec = _SPEC.get(field)
    if spec is not None and spec.kind == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    return tuple(value) if isinstance(value, list) else value


# --- reading answers ----------------------------------------------------------------------

def band_choices(policy: Policy) -> tuple[str, ...]:
    """The bands of the scheme in force, then "none" (does not qualify)."""
    return tuple(b.name for b in policy.bands) + (NO_BAND,)


def read_answers(raw: Mapping[str, Any], policy: Policy) -> dict[str, Any]:
    """Check a trainee's answers; None (or a missing key) means not answered.

    Raises :class:`FieldError` naming the field for an unknown field or a value the form
    could not have produced; list answers come back as sorted tuples without repeats.
    """
    if not isinstance(raw, Mapping):
        raise FieldError("answers", "must be a mapping of field to answer", FIELD_LABELS)
    for key in raw:
        if key not in _SPEC:
            raise FieldError(str(key), f"not a determination that is marked; marked: "
                                       f"{', '.join(FIELD_NAMES)}")
    out: dict[str, Any] = {}
    bands = band_choices(policy)
    for spec in FIELDS:
        value = raw.get(spec.name)
        if value is None:
            out[spec.name] = None
            continue
        if spec.kind == "bool":
            if not isinstance(value, bool):
                raise FieldError(spec.name, f"answer yes or no, not {value!r}", FIELD_LABELS)
        elif spec.kind == "date":
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value)
                except ValueError:
                    raise FieldError(spec.name, f"give a date, not {value!r}",
                                     FIELD_LABELS) from None
            if not isinstance(value, date):
                raise FieldError(spec.name, f"give a date, not {value!r}", FIELD_LABELS)
        elif spec.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 20:
                raise FieldError(spec.name, f"give a whole number of bedrooms, not {value!r}",
                                 FIELD_LABELS)
        elif spec.kind == "code":
            allowed = HOMELESSNESS_CODES if spec.name == "homelessness" else DUTY_CODES
            if value not in allowed:
                raise FieldError(spec.name, f"choose one of {', '.join(allowed)}, not {value!r}",
                                 FIELD_LABELS)
        elif spec.kind == "band":
            if value not in bands:
                raise FieldError(spec.name, f"choose one of {', '.join(bands)}, not {value!r}",
                                 FIELD_LABELS)
        else:
            allowed = GROUNDS if spec.name == "priority_need_grounds" else PREFERENCES
            if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
                raise FieldError(spec.name, "must be a list (an empty list for none)", FIELD_LABELS)
            for item in value:
                if item not in allowed:
                    raise FieldError(spec.name, f"unknown code {item!r}; allowed: "
                                                f"{', '.join(allowed)}", FIELD_LABELS)
            value = tuple(sorted(set(value)))
        out[spec.name] = value
    return out


# --- marking ------------------------------------------------------------------------------

def asked_fields(d: Determination, policy: Policy) -> tuple[FieldSpec, ...]:
    """The determinations a practice case asks, in the form's order: every version-1 field;
    whether to refer to children's services first where the applicant is 16 or 17, or is 18
    (the trap: children's services' duties to a child end at 18, Children Act 1989
    s.105(1)); the s.202 review questions only where the facts give both review dates."""
    young = policy.young_person_from <= d.applicant_age <= policy.young_person_to + 1
    return tuple(spec for spec in FIELDS
                 if spec.asked == "always"
                 or (spec.asked == "young" and young)
                 or (spec.asked == "known" and d.value_of(spec.name) is not None))


def model_answers(d: Determination, policy: Policy) -> dict[str, Any]:
    """The engine's answer to each field the case asks (:func:`asked_fields`), in the form a
    trainee gives it."""
    out: dict[str, Any] = {}
    for spec in asked_fields(d, policy):
        if spec.kind == "band":
            out[spec.name] = d.band if d.band else NO_BAND
        elif spec.kind == "set":
            out[spec.name] = tuple(d.value_of(spec.name))
        else:
            out[spec.name] = d.value_of(spec.name)
    return out


def _stage_topic(d: Determination) -> str:
    """The topic of the homelessness and duty questions follows where the law puts the case:
    an ineligible applicant's duty turns on eligibility; a homeless applicant's on the relief
    stage (and what follows it); anyone else's on prevention (threatened, or not yet)."""
    if not d.eligible:
        return "eligibility"
    return "relief" if d.homelessness == HOMELESS else "prevention"


def _field_reasons(d: Determination, name: str) -> tuple[Reason, ...]:
    reasons = d.reasons_for(name)
    if name == "priority_need_grounds":
        reasons = reasons + tuple(r for r in d.reasons_for("priority_need") if r not in reasons)
    if name == "band":
        reasons = d.reasons_for("qualifies") + reasons
    return reasons


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _item_citations(d: Determination, name: str, items: tuple[str, ...]) -> list[str]:
    """Citations for list items missed or claimed wrongly: the engine's reason for a missed
    item, and the provision of an item it did not find, with the field's general reasons."""
    table = GROUND_CITATIONS if name == "priority_need_grounds" else PREFERENCE_CITATIONS
    rules = _ITEM_RULES[name]
    out: list[str] = []
    for item in items:
        found = [r for r in d.reasons_for(name) if rules.get(r.rule) == item]
        out += [str(r.citation) for r in found] or [str(table[item])]
    general = [r for r in _field_reasons(d, name) if r.rule not in rules]
    return out + [str(r.citation) for r in general]


def mark(answers: Mapping[str, Any], d: Determination, policy: Policy) -> Marks:
    """Mark checked answers (see :func:`read_answers`) against the engine's determination."""
    given = read_answers(answers, policy)
    asked = asked_fields(d, policy)
    for spec in FIELDS:
        if spec not in asked and given[spec.name] is not None:
            raise FieldError(spec.name, "is not asked on this practice case: its facts do not "
                                        "raise it", FIELD_LABELS)
    model = model_answers(d, policy)
    stage = _stage_topic(d)
    marks: list[FieldMark] = []
    for spec in asked:
        answer, right_answer = given[spec.name], model[spec.name]
        reasons = _field_reasons(d, spec.name)
        missed: tuple[str, ...] = ()
        extra: tuple[str, ...] = ()
        if answer is None:
            right, score = False, 0.0
        elif spec.kind == "set":
            a, m = set(answer), set(right_answer)
            missed, extra = tuple(sorted(m - a)), tuple(sorted(a - m))
            right = a == m
            score = 1.0 if not (a | m) else len(a & m) / len(a | m)
        else:
            right = answer == right_answer
            score = 1.0 if right else 0.0
        if right:
            citations: tuple[str, ...] = ()
        elif spec.kind == "set" and (missed or extra):
            citations = _unique(_item_citations(d, spec.name, missed + extra))
        else:
            citations = _unique([str(r.citation) for r in reasons])
        marks.append(FieldMark(
            field=spec.name, label=spec.label, topic=spec.topic or stage, answer=answer,
            model=right_answer, right=right, score=score, missed=missed, extra=extra,
            citations=citations,
            reasons=tuple(ReasonShown.of(r) for r in reasons),
        ))
    by_topic: dict[str, list[float]] = {}
    for f in marks:
        by_topic.setdefault(f.topic, []).append(f.score)
    topic_scores = {t: round(100 * sum(s) / len(s), 1) for t, s in by_topic.items()}
    total = round(100 * sum(f.score for f in marks) / len(marks), 1)
    return Marks(fields=tuple(marks), score=total, topic_scores=topic_scores,
                 policy=d.policy)


def answer_words(value: Any) -> str:
    """An answer as a page or a report shows it."""
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_code_words(v) for v in value) or "none"
    if value == NO_BAND:
        return "does not qualify (no band)"
    if isinstance(value, date):
        return value.strftime("%d %b %Y")  # as officers write it: "30 Nov 2026"
    return _code_words(value)


def _code_words(value: Any) -> str:
    # a finding's code reads as its label ("aged 16 or 17", not "aged 16 17"), lower case
    # like the yes and no around it
    for vocabulary in codes.FINDINGS.values():
        if value in vocabulary:
            return vocabulary.words(value)
    return str(value).replace("_", " ")
