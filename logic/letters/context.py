"""What a letter says about one case: the options checked, the case read, the law applied.

``build_context(session, case_id, letter_type, letter_date=, officer_id=, options=)`` returns a
:class:`LetterContext`, a read-only mapping of the fields a template may use (scalars already
written as text, lists as tuples of sentences, tables as tuples of row dicts, flags as bools),
with the addressee block, the review deadline and the cleaned options kept alongside.

Where the data come from, today: the core tables (household, people, case, officer) and the
options the officer gives (decision reasons, the date a duty began, the plan's steps, the
placement's address). A domain module may register a provider (``catalogue.
register_context_provider``) that fills the same options from its own tables; the officer's
own entries override it. When the options carry the engine's ``facts``, the determination is
worked out here and its reason texts for the letter's fields are quoted (nobody works the
reasons out a second time), and the letter is refused if the engine's finding contradicts it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from logic.common import codes
from logic.common.errors import FieldError, NotFound
from logic.config import settings
from logic.law import determine, parse_facts, policy_as_at
from logic.law.core import long_date
from logic.law.deadlines import (
    allocation_review_deadline,
    php_review_due,
    prevention_period_ends,
    relief_duty_ends,
    review_request_deadline,
    section_195_6_applies,
)
from logic.law.policy import PolicyError
from logic.letters.catalogue import (
    LETTER_TYPES,
    LetterType,
    Option,
    letter_type,
    provider_for,
)
from logic.letters.templates import CouncilDetails, letter_book
from logic.models import Household, HousingCase, Officer, Person

# A letter's options are named as the letter form labels them (the catalogue's Option.label);
# where two letters label an option differently, the first letter's words name it outside a form.
FIELD_LABELS: dict[str, str] = {
    "letter_date": "Date of the letter", "applicant": "Applicant",
    **{o.name: o.label for kind in reversed(LETTER_TYPES.values()) for o in kind.options},
}
MAX_LINE = 1000
MAX_PARAGRAPH = 5000
STEP_OWNERS = codes.PLAN_STEP_OWNERS.codes()

# Which paragraph of s.202(1) gives the right to a review of each letter's decision.
REVIEW_PROVISION: dict[str, str] = {
    "prevention_duty": "section 202(1)(b) and (bc)",
    "relief_duty": "section 202(1)(b) and (ba)",
    "s184_main_duty_accepted": "section 202(1)(b)",
    "s184_not_priority_need": "section 202(1)(b)",
    "s184_intentionally_homeless": "section 202(1)(b)",
    "s184_not_eligible": "section 202(1)(a)",
    "s193b_notice": "section 202(1)(bb)",
    "referral_notification": "section 202(1)(c)",
    "ta_offer": "section 202(1)(f) and (1A)",
    "offer_of_accommodation": "section 202(1)(f) and (1A)",
    "final_offer": "section 202(1)(f) and (1A)",
    "register_decision": "section 166A(9)(c)",
}
# Ending a duty: the provisions that allow it, and the s.202(1) paragraph for its review.
DUTY_ENDING: dict[str, tuple[str, str]] = {
    "prevention": ("section 195(5) and (8)", "section 202(1)(bc)"),
    "relief": ("section 189B(5) and (7)", "section 202(1)(ba)"),
    "main": ("section 193(5) to (7)", "section 202(1)(b)"),
    "intentional_priority": ("section 190(2)(a)", "section 202(1)(b)"),
    "non_cooperation_duty": ("section 193C(5) and (6)", "section 202(1)(b)"),
}
BASIS_WORDS = {  # how a letter names the duty a placement is made under
    "interim": "interim accommodation while we decide what duty we owe you",
    "relief": "accommodation secured for you under the relief duty",
    "main": "temporary accommodation under the main housing duty",
    "intentional_priority": "accommodation for a reasonable period to let you find a home",
}
STEPS_REVIEW = {"prevention": "section 202(1)(bc)", "relief": "section 202(1)(ba)"}
STEPS_PROVISION = {"prevention": "section 195(2)", "relief": "section 189B(2)"}


@dataclass(frozen=True)
class LetterContext(Mapping[str, Any]):
    """Everything one letter says, before it is laid out."""

    letter_type: str
    case_id: int
    case_reference: str
    letter_date: date
    addressee_lines: tuple[str, ...]
    data: dict[str, Any]  # field -> value (named `data`: Mapping already has .values())
    options: dict[str, Any]  # cleaned, JSON-safe: stored with an issued letter
    review_deadline: date | None = None
    determination: dict[str, Any] | None = field(default=None, compare=False)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


# --- options ---------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, list | tuple | dict) and not value)


def _date(value: Any, name: str) -> date:
    if isinstance(value, datetime):  # a date widget or a pandas Timestamp: the day is meant
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(name, f"{value!r} is not a date: choose the day on the calendar", FIELD_LABELS)


def _lines(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        items = value.splitlines()
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise FieldError(name, "give one item a line", FIELD_LABELS)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise FieldError(f"{name}[{i}]", "must be text", FIELD_LABELS)
        if len(item) > MAX_LINE:
            raise FieldError(f"{name}[{i}]", f"is longer than {MAX_LINE} characters", FIELD_LABELS)
        if item.strip():
            out.append(item.strip())
    return tuple(out)


def _steps(value: Any, name: str) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list | tuple):
        raise FieldError(name, "give a list of steps", FIELD_LABELS)
    out = []
    for i, step in enumerate(value):
        here = f"{name}[{i}]"
        if not isinstance(step, Mapping):
            raise FieldError(here, "give owner, description and (optionally) due_on", FIELD_LABELS)
        unknown = set(step) - {"owner", "description", "due_on"}
        if unknown:
            raise FieldError(f"{here}.{sorted(unknown)[0]}", "is not part of a step", FIELD_LABELS)
        owner = step.get("owner")
        if owner not in STEP_OWNERS:
            raise FieldError(f"{here}.owner", "say whose step it is: applicant or council",
                             FIELD_LABELS)
        description = step.get("description")
        if not isinstance(description, str) or not description.strip():
            raise FieldError(f"{here}.description", "say what the step is", FIELD_LABELS)
        if len(description) > MAX_LINE:
            raise FieldError(f"{here}.description", f"is longer than {MAX_LINE} characters",
                             FIELD_LABELS)
        due = step.get("due_on")
        out.append({"owner": owner, "description": description.strip(),
                    "due_on": None if _empty(due) else _date(due, f"{here}.due_on")})
    return tuple(out)


def _clean_option(option: Option, value: Any) -> Any:
    try:
        return _checked_option(option, value)
    except FieldError as error:  # named as this letter's form labels the option
        raise error.asked_as(error.field, option.label) from None


def _checked_option(option: Option, value: Any) -> Any:
    name = option.name
    if option.kind == "date":
        return _date(value, name)
    if option.kind == "text":
        if not isinstance(value, str):
            raise FieldError(name, "must be text", FIELD_LABELS)
        if len(value) > 300 or "\n" in value.strip():
            raise FieldError(name, "one line of at most 300 characters", FIELD_LABELS)
        return value.strip()
    if option.kind == "paragraph":
        if not isinstance(value, str):
            raise FieldError(name, "must be text", FIELD_LABELS)
        if len(value) > MAX_PARAGRAPH:
            raise FieldError(name, f"is longer than {MAX_PARAGRAPH} characters", FIELD_LABELS)
        return value.strip()
    if option.kind == "lines":
        return _lines(value, name)
    if option.kind == "choice":
        if value not in option.choices:
            raise FieldError(name, "choose one of " + ", ".join(option.choices), FIELD_LABELS)
        return value
    if option.kind == "bool":
        if not isinstance(value, bool):
            raise FieldError(name, "must be yes or no (true or false)", FIELD_LABELS)
        return value
    if option.kind == "steps":
        return _steps(value, name)
    if option.kind == "facts":
        if not isinstance(value, Mapping):
            raise FieldError(name, "give the assessment's facts as the engine reads them",
                             FIELD_LABELS)
        try:
            parse_facts(dict(value))
        except FieldError as error:  # the facts' own path says which fact: keep it in the problem
            raise FieldError(name, error.message, FIELD_LABELS) from None
        return dict(value)
    raise AssertionError(f"unknown option kind {option.kind}")  # pragma: no cover


def clean_options(kind: LetterType, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check the options for a letter type; refuse naming the option that is wrong."""
    for name in raw:
        if kind.option(name) is None:
            raise FieldError(name, f"is not an option of the letter '{kind.label}' (its options: "
                               + ", ".join(o.name for o in kind.options) + ")", FIELD_LABELS)
    out: dict[str, Any] = {}
    for option in kind.options:
        value = raw.get(option.name)
        if _empty(value) and option.kind != "bool":
            if option.required:
                raise FieldError(option.name, "this is required", label=option.label)
            continue
        if value is None and option.kind == "bool":
            if option.required:
                raise FieldError(option.name, "this is required", label=option.label)
            continue
        cleaned = _clean_option(option, value)
        if option.required and isinstance(cleaned, tuple) and not cleaned:
            raise FieldError(option.name, "this is required", label=option.label)
        out[option.name] = cleaned
    return out


def json_safe(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


# --- the case ----------------------------------------------------------------------------------


def _applicant(session: Session, household_id: int) -> Person:
    people = session.exec(select(Person).where(Person.household_id == household_id,
                                               Person.relation == "applicant")
                          .order_by(Person.id)).all()
    current = [p for p in people if p.left_on is None] or list(people)
    if not current:
        raise FieldError("applicant", "no applicant is recorded for this household", FIELD_LABELS)
    return current[-1]


def full_name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}".strip()


def has_fixed_address(household: Household) -> bool:
    return bool((household.address_line1 or "").strip())


def addressee_block(name: str, household: Household, council: CouncilDetails,
                    council_name: str) -> tuple[str, ...]:
    """The applicant's postal address; with no fixed address, care of the council's office
    (where the applicant collects post: Code of Guidance ch.18 expects written notice to be
    available to collect when there is no address)."""
    if not has_fixed_address(household):
        return (name, f"c/o {council.team_name}", council_name, *council.address)
    lines = [household.address_line1, household.address_line2, household.town, household.postcode]
    return (name, *(line.strip() for line in lines if line and line.strip()))


def _date_text(d: date | None, empty: str = "") -> str:
    return long_date(d) if d else empty


# --- building ----------------------------------------------------------------------------------


def merged_options(session: Session, case_id: int, kind: LetterType,
                   options: Mapping[str, Any]) -> dict[str, Any]:
    """The provider's values for the case (its stored state), with what the officer gave.

    What the case records is the letter's statutory content (the decision and its reasons, the
    dates, the plan's steps): the officer adds words to it (lines and paragraphs follow the
    recorded ones) but never replaces it; a different value for a recorded date, choice or
    fact is refused, naming the field, so the case is corrected rather than the letter. Options
    the case does not record are the officer's to give."""
    merged: dict[str, Any] = {}
    provider = provider_for(kind.code)
    supplied: dict[str, Any] = {}
    if provider is not None:
        supplied = {k: v for k, v in dict(provider(session, case_id) or {}).items()
                    if not _empty(v)}
        unknown = [name for name in supplied if kind.option(name) is None]
        if unknown:
            raise TypeError(f"the context provider for {kind.code} returned {unknown[0]!r}, "
                            "which is not one of its options")
        merged.update(supplied)
    for name, value in options.items():
        option = kind.option(name)
        if option is None:
            merged[name] = value  # refused by clean_options, naming it
            continue
        if _empty(value):
            continue
        if name not in supplied:
            merged[name] = value
        elif option.kind == "lines":
            merged[name] = [*_lines(supplied[name], name), *_lines(value, name)]
        elif option.kind == "paragraph":
            merged[name] = f"{str(supplied[name]).strip()}\n\n{str(value).strip()}"
        elif json_safe(_clean_option(option, value)) != json_safe(_clean_option(option, supplied[name])):
            raise FieldError(name, "is taken from the case record, which says "
                             f"{_shown(supplied[name])}; correct the case, not the letter",
                             label=option.label)
    return merged


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, Mapping):
        return "the recorded assessment"
    if isinstance(value, list | tuple):
        return f"{len(value)} recorded item(s)"
    return str(value)


def build_context(session: Session, case_id: int, letter_type_code: str, *, letter_date: date,
                  officer_id: int, options: Mapping[str, Any] | None = None) -> LetterContext:
    """The fields of one letter for one case on one date (nothing is written)."""
    kind = letter_type(letter_type_code)
    case = session.get(HousingCase, case_id)
    if case is None:
        raise NotFound(f"Case {case_id} does not exist.")
    household = session.get(Household, case.household_id)
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise NotFound(f"Officer {officer_id} does not exist.")
    clean = clean_options(kind, merged_options(session, case_id, kind, options or {}))
    book = letter_book()
    council = book.council
    council_name = settings().council_name
    applicant = _applicant(session, household.id)
    name = full_name(applicant)

    values: dict[str, Any] = {
        "council_name": council_name,
        "council_address": ", ".join(council.address),
        "council_phone": council.phone,
        "council_email": council.email,
        "office_hours": council.office_hours,
        "reference": case.reference,
        "letter_date": long_date(letter_date),
        "applicant_name": name,
        "addressee_name": name,
        "household_reference": household.reference,
        "officer_name": officer.full_name,
        "team_name": council.team_name,
        "letter_citation": kind.citation,
        "adverse": kind.adverse,
        "no_fixed_address": not has_fixed_address(household),
    }
    addressee = addressee_block(name, household, council, council_name)

    officer_reasons = clean.get("reasons", ())
    determination_reasons: tuple[str, ...] = ()
    determination = None
    if "facts" in clean:
        determination = determine(clean["facts"])
        _check_expected(kind, determination, clean)
        determination_reasons = engine_reasons(determination, kind.engine_fields)

    review_deadline = None
    if kind.review != "none":
        try:
            policy = policy_as_at(letter_date)
        except PolicyError as error:  # no policy version in force on that date
            raise FieldError("letter_date", str(error), FIELD_LABELS) from None
        if kind.review == "s202":
            deadline = review_request_deadline(letter_date, policy)
            values["review_days"] = str(policy.s202_request_days)
            values["review_how"] = council.review_how_s202
        else:
            deadline = allocation_review_deadline(letter_date, policy)
            values["review_days"] = str(policy.allocation_review_days)
            values["review_how"] = council.review_how_s166A
        review_deadline = deadline.on
        values["review_deadline"] = long_date(deadline.on)
        values["review_provision"] = f"{REVIEW_PROVISION.get(kind.code, 'section 202(1)')} of the Housing Act 1996"

    extra_builder = _BUILDERS.get(kind.code)
    if extra_builder is not None:
        extra = extra_builder(clean, letter_date, values, session=session, case=case,
                              household=household, applicant=applicant,
                              determination=determination)
        addressee = extra.pop("_addressee", addressee)
        officer_reasons = extra.pop("_officer_reasons", officer_reasons)
        values.update(extra)

    if values.get("suitability_review") is False:  # s.188 interim: no s.202 review to time
        review_deadline = None
    values["officer_reasons"] = tuple(officer_reasons)
    values["determination_reasons"] = determination_reasons
    values["reasons"] = tuple(officer_reasons) + determination_reasons
    values["has_reasons"] = bool(values["reasons"])
    values["has_determination"] = bool(determination_reasons)
    if values["adverse"] and not values["reasons"]:
        raise FieldError("reasons", "a decision against the applicant must give its reasons in full",
                         FIELD_LABELS)
    return LetterContext(
        letter_type=kind.code, case_id=case.id, case_reference=case.reference,
        letter_date=letter_date, addressee_lines=tuple(addressee), data=values,
        options=json_safe(clean), review_deadline=review_deadline,
        determination=determination.to_json_dict() if determination else None,
    )


def engine_reasons(determination, fields: tuple[str, ...]) -> tuple[str, ...]:
    """The determination's reason texts for the fields, each with its citation, no repeats."""
    seen: set[tuple[str, str]] = set()
    out = []
    for name in fields:
        for r in determination.reasons_for(name):
            key = (r.rule, r.text)
            if key in seen:
                continue
            seen.add(key)
            out.append(f"{r.text} ({r.citation})")
    return tuple(out)


def _say(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _check_expected(kind: LetterType, determination, clean: Mapping[str, Any]) -> None:
    """A letter that quotes the engine's reasons must not contradict them."""
    for name, expected in kind.expects.items():
        found = getattr(determination, name)
        if found != expected:
            raise FieldError(
                "facts", f"on these facts the decision engine finds {name.replace('_', ' ')}: "
                f"{_say(found)}, so its reasons would contradict a letter saying "
                f"{_say(expected)}; check the assessment or choose the letter that matches it",
                FIELD_LABELS)


def _not_before(d: date, limit: date, name: str, what: str) -> None:
    if d < limit:
        raise FieldError(name, what, FIELD_LABELS)


def _duty_letter(clean, letter_date, values, **_):
    started = clean["duty_started_on"]
    if started > letter_date:
        raise FieldError("duty_started_on", "a duty is notified on or after the day it began",
                         FIELD_LABELS)
    policy = policy_as_at(letter_date)
    out = {"duty_started_on": long_date(started),
           "plan_review_due": long_date(php_review_due(letter_date, policy).on)}
    return out


def _prevention(clean, letter_date, values, determination=None, **kw):
    out = _duty_letter(clean, letter_date, values)
    policy = policy_as_at(letter_date)
    ends = prevention_period_ends(clean["duty_started_on"], policy).on
    out["prevention_period_ends"] = long_date(ends)
    # s.195(6): a valid notice for the home bars ending the duty on the 56-day ground from the
    # first day that ground could be used, if by then it has expired or expires within 56 days
    notice = parse_facts(clean["facts"]).housing.section_21 if "facts" in clean else None
    expires = notice.expires_on if notice is not None and notice.valid else None
    first_day = ends + timedelta(days=1)
    out["section_195_6"] = section_195_6_applies(expires, first_day, policy_as_at(first_day))
    out["possession_notice"] = policy.possession_notice
    out["notice_expiry"] = (f"{'expires' if expires >= letter_date else 'expired'} on "
                            f"{long_date(expires)}") if expires else ""
    return out


def _relief(clean, letter_date, values, determination=None, **kw):
    out = _duty_letter(clean, letter_date, values)
    policy = policy_as_at(letter_date)
    out["relief_duty_ends"] = long_date(relief_duty_ends(clean["duty_started_on"], policy).on)
    out["interim_accommodation"] = bool(determination and determination.interim_accommodation_duty)
    return out


def _intentional(clean, letter_date, values, **_):
    until = clean.get("accommodation_until")
    if until is not None:
        _not_before(until, letter_date, "accommodation_until",
                    "the accommodation must run to a date on or after the letter's date")
    return {"accommodation_until": _date_text(until), "accommodation_provided": until is not None}


def _warning(clean, letter_date, values, **_):
    if clean["respond_by"] <= letter_date:
        raise FieldError("respond_by", "give the applicant a date after the date of the warning",
                         FIELD_LABELS)
    return {"duty_label": _duty_name(clean["duty"]), "respond_by": long_date(clean["respond_by"]),
            "steps_refused": clean["steps_refused"]}


def _notice(clean, letter_date, values, **_):
    if clean["warning_given_on"] >= letter_date:
        raise FieldError("warning_given_on", "the s.193B(4) warning must come before the notice",
                         FIELD_LABELS)
    consequence = {
        "prevention": "The prevention duty has ended. If you become homeless, you can ask us "
                      "for help again and we will decide what duty we owe you then.",
        "relief": "The relief duty has ended. Because this notice was given under section 193B, "
                  "if you have a priority need and did not become homeless intentionally, we "
                  "will owe you the duty in section 193C(4) (to make accommodation available "
                  "for occupation) rather than the main housing duty.",
    }[clean["duty"]]
    return {"duty_label": _duty_name(clean["duty"]),
            "warning_given_on": long_date(clean["warning_given_on"]), "consequence": consequence}


def _duty_name(code: str) -> str:
    if code in codes.CASEWORK_DUTIES and code not in codes.ENGINE_DUTIES:
        return codes.CASEWORK_DUTIES.words(code)  # a duty the engine does not decide (s.193C(4))
    return codes.CASEWORK_DUTIES.words(codes.casework_duty(code))


def _ended(clean, letter_date, values, **_):
    if clean["ended_on"] > letter_date:
        raise FieldError("ended_on", "notice is given on or after the day the duty ends",
                         FIELD_LABELS)
    ending, review = DUTY_ENDING[clean["duty"]]
    ground = clean.get("ground", "")
    if clean.get("ground_provision"):  # the ground recorded on the duty, with its own provision
        ending = clean["ground_provision"].removeprefix("Housing Act 1996 ")
    review = clean.get("review_paragraph") or review
    values["review_provision"] = f"{review} of the Housing Act 1996"
    return {"duty_label": _duty_name(clean["duty"]), "ended_on": long_date(clean["ended_on"]),
            "ending_provision": f"{ending} of the Housing Act 1996",
            "ground": ground[:1].lower() + ground[1:], "has_ground": bool(ground)}


# What refusing (or accepting) an offer means, by the duty it is made under and its kind: the
# consequences the applicant must be told of before answering (s.193(5), (7), (7AB), s.193A(1)(b),
# s.193C(6), s.195(8)(d), s.189B(7)(c)).
_FINAL = ("final_accommodation_offer", "final_part6_offer")


def offer_consequence(duty: str, kind: str) -> str:
    if kind == "private_rented_sector_offer":
        return ("This is a private rented sector offer (section 193(7AA) of the Housing Act 1996). "
                "Whether you accept it or refuse it, the main housing duty we owe you will end. If you "
                "accept it and become homeless again within two years, you can apply to us again and "
                "we will owe you the main housing duty whether or not you have a priority need "
                "(section 195A).")
    if kind in _FINAL and duty == "relief":
        return ("This is a final offer for the purposes of section 193A of the Housing Act 1996. If you "
                "refuse it, the relief duty we owe you will end (section 193A(2)) and we will not owe "
                "you the main housing duty (section 193A(3)).")
    if kind in _FINAL and duty == "non_cooperation_duty":
        return ("This is a final offer for the purposes of section 193C(6) of the Housing Act 1996. If "
                "you refuse it, our duty to make accommodation available for you (section 193C(4)) "
                "will end.")
    if kind == "final_part6_offer":
        return ("This is a final offer of accommodation under Part 6 for the purposes of section 193(7) "
                "of the Housing Act 1996. If you refuse it, the main housing duty we owe you will end.")
    provision = {"prevention": "section 195(8)(d)", "relief": "section 189B(7)(c)",
                 "main_duty": "section 193(5)"}.get(duty)
    if provision is None:
        raise FieldError("offer_kind", "a refusal of this offer does not end the duty: send the "
                         "offer letter instead", FIELD_LABELS)
    return (f"We are satisfied that this accommodation is suitable for you. If you refuse it, "
            f"the {_duty_name(duty)} we owe you will end ({provision} of the Housing Act 1996), and "
            "we will not have to make you another offer.")


def _offer(clean, letter_date, values, **_):
    respond_by = clean.get("respond_by")
    if respond_by is not None:
        _not_before(respond_by, letter_date, "respond_by", "give a date on or after the letter's date")
    kind, duty = clean["offer_kind"], clean["offer_duty"]
    if kind == "private_rented_sector_offer":
        values["review_provision"] = "section 202(1)(g) of the Housing Act 1996"
    return {
        "offer_kind_label": codes.OFFER_KINDS.words(kind),
        "offer_provision": codes.OFFER_KINDS.citation(kind).replace("Housing Act 1996 ", ""),
        "duty_label": _duty_name(duty),
        "accommodation_address": ", ".join(clean["accommodation_address"]),
        "accommodation_address_lines": clean["accommodation_address"],
        "suitability": clean["suitability"],
        "respond_by": _date_text(respond_by), "has_respond_by": respond_by is not None,
    }


def _final_offer(clean, letter_date, values, **kw):
    out = _offer(clean, letter_date, values, **kw)
    out["consequence"] = offer_consequence(clean["offer_duty"], clean["offer_kind"])
    out["private_rented_sector_offer"] = clean["offer_kind"] == "private_rented_sector_offer"
    return out


def _people(session: Session, household_id: int, on: date) -> list[Person]:
    people = session.exec(select(Person).where(Person.household_id == household_id)
                          .order_by(Person.id)).all()
    return [p for p in people if p.left_on is None or p.left_on > on]


def _referral(clean, letter_date, values, session=None, household=None, applicant=None, **_):
    members = _people(session, household.id, letter_date)
    lines = tuple(f"{full_name(p)} ({p.relation}), born {long_date(p.dob)}" for p in members)
    authority_lines = ("The Housing Options Manager", clean["other_authority"],
                       *clean["other_authority_address"])
    values["addressee_name"] = "Housing Options Manager"
    return {"_addressee": authority_lines, "other_authority": clean["other_authority"],
            "applicant_dob": long_date(applicant.dob), "household_size": str(len(members)),
            "household_members": lines}


def _referral_notice(clean, letter_date, values, **_):
    return {"other_authority": clean["other_authority"]}


def _plan(clean, letter_date, values, **_):
    steps = clean["steps"]
    for i, step in enumerate(steps):
        if step["due_on"] is not None and step["due_on"] < letter_date:
            raise FieldError(f"steps[{i}].due_on", "a step in a new plan is not due in the past",
                             FIELD_LABELS)
    if not any(s["owner"] == "council" for s in steps):
        raise FieldError("steps", "the plan must set out the steps the council will take "
                           "(s.189A(4)(b), s.189A(6))", FIELD_LABELS)
    policy = policy_as_at(letter_date)

    def rows(owner: str) -> tuple[dict[str, str], ...]:
        mine = [s for s in steps if s["owner"] == owner]
        return tuple({"number": str(i), "description": s["description"],
                      "due_on": _date_text(s["due_on"], "Ongoing")}
                     for i, s in enumerate(mine, start=1))

    values["review_provision"] = f"{STEPS_REVIEW[clean['duty']]} of the Housing Act 1996"
    out = {
        "duty_label": _duty_name(clean["duty"]),
        "plan_review_due": long_date(php_review_due(letter_date, policy).on),
        "steps_provision": f"{STEPS_PROVISION[clean['duty']]} of the Housing Act 1996",
        "applicant_steps": rows("applicant"), "council_steps": rows("council"),
        "has_applicant_steps": any(s["owner"] == "applicant" for s in steps),
    }
    for name in ("circumstances", "housing_needs", "support_needs"):
        out[name] = clean.get(name, "")
        out[f"has_{name}"] = bool(clean.get(name))
    return out


def _register(clean, letter_date, values, determination=None, **_):
    eligible, qualifies = clean["eligible"], clean["qualifies"]
    if determination is not None:
        for name, given in (("eligible", eligible), ("qualifies", qualifies)):
            found = getattr(determination, name)
            if found != given:
                raise FieldError(name, f"the decision engine finds {_say(found)} on the "
                                   f"assessment's facts; the letter says {_say(given)}",
                                   FIELD_LABELS)
    if not eligible and qualifies:
        raise FieldError("qualifies", "a person who is not eligible cannot qualify (s.160ZA(7))",
                         FIELD_LABELS)
    band = clean.get("band") or (determination.band if determination and qualifies else None)
    band_date = clean.get("band_effective_date") or (
        determination.band_effective_date if determination and qualifies else None)
    beds = clean.get("bedroom_need") or (str(determination.bedroom_need) if determination else "")
    accepted = eligible and qualifies
    if accepted and not band:
        raise FieldError("band", "say which band the application is placed in", FIELD_LABELS)
    values["adverse"] = not accepted
    return {
        "eligible": eligible, "qualifies": qualifies, "accepted": accepted,
        "refused_not_eligible": not eligible, "refused_not_qualifying": eligible and not qualifies,
        "band": band or "", "has_band": bool(band), "band_effective_date": _date_text(band_date),
        "bedroom_need": beds,
    }


def _ta_offer(clean, letter_date, values, **_):
    respond_by = clean.get("respond_by")
    if respond_by is not None:
        _not_before(respond_by, letter_date, "respond_by", "give a date on or after the letter's date")
    basis = clean["basis"]
    provision = {"interim": "section 188(1)", "relief": "section 189B(2)",
                 "main": "section 193(2)", "intentional_priority": "section 190(2)(a)"}[basis]
    return {
        "basis_label": BASIS_WORDS[basis], "basis_provision": f"{provision} of the Housing Act 1996",
        "placement_address": ", ".join(clean["placement_address"]),
        "placement_address_lines": clean["placement_address"],
        "placement_type": clean["placement_type"], "starts_on": long_date(clean["starts_on"]),
        "charge": clean.get("charge", ""), "has_charge": bool(clean.get("charge")),
        "respond_by": _date_text(respond_by), "has_respond_by": respond_by is not None,
        # interim accommodation (s.188) is outside s.202(1)(f): no statutory suitability review
        "suitability_review": basis != "interim",
    }


# --- the steps of a s.202 review ------------------------------------------------------------------


def _review_periods(letter_date: date):
    """The council's review periods as at the letter's date, and the rules that count them
    (logic.casework: read when a review letter is written; the letters package does not import
    casework when it loads, casework registers its providers here)."""
    from logic.casework import stages
    from logic.casework.policy import casework_policy_as_at

    return casework_policy_as_at(letter_date), stages


def _review_acknowledgement(clean, letter_date, values, **_):
    """Reg 5: the request is acknowledged, the applicant told they (or someone for them) may
    make representations in writing, and of the procedure; the decision is due within reg 9(1)'s
    period (or a longer one agreed in writing)."""
    if clean["requested_on"] > letter_date:
        raise FieldError("requested_on", "a request is acknowledged on or after the day it is made",
                         FIELD_LABELS)
    late = clean.get("late_reason", "")
    return {"decision": clean["decision"], "decision_notified_on": long_date(clean["decision_notified_on"]),
            "requested_on": long_date(clean["requested_on"]), "ground": clean["ground"],
            "decide_by": long_date(clean["decide_by"]),
            "late_reason": late, "accepted_late": bool(late)}


def _review_minded_to(clean, letter_date, values, **_):
    """Reg 7(2): the deficiency or irregularity, what the reviewer is minded to decide against the
    applicant and why, and that they may make representations orally or in writing, by the
    end of the council's period counted from the day of this letter."""
    if clean["requested_on"] > letter_date:
        raise FieldError("requested_on", "the review was requested after the date of this letter",
                         FIELD_LABELS)
    casework, stages = _review_periods(letter_date)
    return {"decision": clean["decision"], "requested_on": long_date(clean["requested_on"]),
            "reviewer": clean["reviewer"], "deficiency": clean["deficiency"], "points": clean["points"],
            "representations_by": long_date(stages.representations_by(letter_date, casework)),
            "representations_days": str(casework.minded_to_representations_days)}


AGAINST_THE_APPLICANT = ("upheld", "varied")


def _review_decision(clean, letter_date, values, **_):
    """s.203(3)-(5): the decision on the review, its reasons, and in any case the right to appeal
    to the county court on a point of law and the period for it (s.204(1)-(2)), counted from the
    day of this letter, the notification (s.203(6)); for a decision against the applicant, what
    happens to accommodation (s.188(3), s.204(4))."""
    if clean["decided_on"] > letter_date:
        raise FieldError("decided_on", "a review decision is notified on or after the day it is made",
                         FIELD_LABELS)
    casework, stages = _review_periods(letter_date)
    outcome = clean["outcome"]
    values["adverse"] = outcome in AGAINST_THE_APPLICANT
    duty_now = clean.get("duty_now", "")
    return {"decision": clean["decision"], "requested_on": long_date(clean["requested_on"]),
            "reviewer": clean["reviewer"], "outcome_label": codes.PART7_REVIEW_OUTCOMES.label(outcome),
            "decided_on": long_date(clean["decided_on"]),
            "appeal_deadline": long_date(stages.appeal_deadline(letter_date, casework)),
            "appeal_days": str(casework.appeal_days),
            "against_applicant": outcome in AGAINST_THE_APPLICANT, "overturned": outcome == "overturned",
            "duty_now": duty_now, "has_duty_now": bool(duty_now)}


_BUILDERS = {
    "prevention_duty": _prevention,
    "relief_duty": _relief,
    "s184_intentionally_homeless": _intentional,
    "s193b_warning": _warning,
    "s193b_notice": _notice,
    "duty_ended": _ended,
    "referral_to_authority": _referral,
    "referral_notification": _referral_notice,
    "personal_housing_plan": _plan,
    "register_decision": _register,
    "ta_offer": _ta_offer,
    "offer_of_accommodation": _offer,
    "final_offer": _final_offer,
    "review_acknowledgement": _review_acknowledgement,
    "review_minded_to": _review_minded_to,
    "review_decision": _review_decision,
}


def options_json(options: Mapping[str, Any]) -> str:
    return json.dumps(json_safe(options), ensure_ascii=False, sort_keys=True)
