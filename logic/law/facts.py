"""The facts of a household on an assessment date, read and checked from the exchange format.

``parse_facts(raw)`` takes the ``facts`` object of a scenario (see
``decision-scenarios.md``) and returns frozen, typed :class:`Facts`, or raises
:class:`~logic.common.errors.FieldError` naming the field that is wrong
(``facts.household[1].dob``).
Nothing is guessed: an unknown key (a typo such as ``pregant``) is refused, a bool must
be a JSON ``true``/``false`` (not ``1`` or ``"true"``), an int must be an int (not a
bool), a code must be one of the listed codes, a date must be a real ISO date on or
before the assessment date where it is a birth date. Defaults are exactly the spec's.

Version 2 of the format (the spec's "Version 2" section) adds optional facts whose defaults
give the version-1 reading: the applicant's ``relevant_child``, ``owed_s20_duty``,
``relevant_student`` and ``expected_babies``; each member's ``vulnerability``,
``expected_babies``, ``needs_own_room`` and ``local_connection_here``; the housing's
``domestic_abuse_victim`` and ``overnight_carer``; the intentionality block's ``whose_act``,
``acquiesced`` and ``collusive_arrangement``; the local connection's ``care_leaver_here`` and
``asylum_support_here``; and the history's ``prevention_duty_started_on``,
``decision_notified_on`` and ``review_requested_on`` (none after the assessment date; a review
is never requested before the decision was notified).

Hearth extension -- the optional ``register`` block (Part 6 qualification and banding;
absent means "not recorded", and the qualification rules that need it are not applied)::

    register:                          (opt, null)
      application_date       date (opt, null)  when the housing register application was made
      household_income       number (opt, null) gross annual household income, pounds
      household_savings      number (opt, null) savings and capital, pounds
      rent_arrears           number (opt, 0)   housing-related debt owed to a landlord, pounds
      arrears_plan_kept      bool (opt, false) an agreed repayment plan kept for the policy period
      unacceptable_behaviour bool (opt, false) officer satisfied of behaviour serious enough
                                               to make them unsuitable to be a tenant
      owns_home              bool (opt, false) owns or has an interest in a home they could occupy
      armed_forces           bool (opt, false) serving, or left the regular forces within 5 years,
                                               or other person in SI 2012/1869 reg 3
      moving_for_work        bool (opt, false) needs to move here for work (SI 2015/967)
      homelessness_duty      code (opt, null)  the Part 7 duty the council's casework records
                                               as owed on the assessment date (started, not
                                               ended): prevention, relief, main or
                                               intentional_priority; null: none recorded
"""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from logic.common import codes
from logic.common.errors import FieldError

# the codes the exchange format allows, and their labels, are in logic.common.codes
SEXES = codes.SEXES.codes()
IMMIGRATION_STATUSES = codes.IMMIGRATION_STATUSES.codes()
VULNERABILITIES = codes.VULNERABILITIES.codes()
RELATIONS = codes.MEMBER_RELATIONS.codes()
EMERGENCIES = codes.EMERGENCIES.codes()
DOMESTIC_ABUSE_VICTIMS = codes.DOMESTIC_ABUSE_VICTIMS.codes()
WHOSE_ACTS = codes.WHOSE_ACTS.codes()


def _wrong(path: str, problem: str) -> FieldError:
    # The exchange format names a field by its path, and a scenario's author (or the command
    # line) reads it as written: the path is the field's label here. Forms that gather facts
    # (triage, the assessment) say the problem again in their own questions' words.
    return FieldError(path, problem, label=path)


@dataclass(frozen=True)
class Applicant:
    dob: date
    sex: str
    immigration_status: str
    habitually_resident: bool = True
    pregnant: bool = False
    vulnerability: tuple[str, ...] = ()
    care_leaver: bool = False
    vulnerable_former_care: bool = False
    vulnerable_armed_forces: bool = False
    vulnerable_custody: bool = False
    vulnerable_violence: bool = False
    # version 2
    relevant_child: bool = False
    owed_s20_duty: bool = False
    relevant_student: bool = False
    expected_babies: int = 1


@dataclass(frozen=True)
class Member:
    relation: str
    dob: date
    sex: str
    resides_with_applicant: bool = True
    dependent: bool = False
    pregnant: bool = False
    # version 2
    vulnerability: tuple[str, ...] = ()
    expected_babies: int = 1
    needs_own_room: bool = False
    local_connection_here: bool = False


@dataclass(frozen=True)
class Section21:
    valid: bool
    expires_on: date


@dataclass(frozen=True)
class Housing:
    has_accommodation: bool
    reasonable_to_occupy: bool = True
    likely_to_lose_on: date | None = None
    section_21: Section21 | None = None
    domestic_abuse: bool = False
    emergency: str | None = None
    current_bedrooms: int | None = None
    unsatisfactory_conditions: bool = False
    medical_welfare_need: bool = False
    hardship_locality_need: bool = False
    # version 2
    domestic_abuse_victim: str = "applicant"
    overnight_carer: bool = False


@dataclass(frozen=True)
class Intentionality:
    deliberate_act_or_omission: bool
    good_faith_unaware: bool
    accommodation_available_and_reasonable: bool
    caused_loss: bool
    # version 2
    whose_act: str = "applicant"
    acquiesced: bool = False
    collusive_arrangement: bool = False


@dataclass(frozen=True)
class LocalConnection:
    months_resident_last_12: int = 0
    years_resident_last_5: int = 0
    employed_in_district: bool = False
    close_family_5_years: bool = False
    special_circumstances: bool = False
    connection_elsewhere: bool = False
    risk_of_abuse_elsewhere: bool = False
    # version 2
    care_leaver_here: bool = False
    asylum_support_here: bool = False


@dataclass(frozen=True)
class History:
    relief_duty_started_on: date | None = None
    # version 2
    prevention_duty_started_on: date | None = None
    decision_notified_on: date | None = None
    review_requested_on: date | None = None


@dataclass(frozen=True)
class Register:
    application_date: date | None = None
    household_income: float | None = None
    household_savings: float | None = None
    rent_arrears: float = 0
    arrears_plan_kept: bool = False
    unacceptable_behaviour: bool = False
    owns_home: bool = False
    armed_forces: bool = False
    moving_for_work: bool = False
    homelessness_duty: str | None = None


@dataclass(frozen=True)
class Facts:
    assessment_date: date
    applicant: Applicant
    household: tuple[Member, ...]
    housing: Housing
    intentionality: Intentionality | None = None
    local_connection: LocalConnection = LocalConnection()
    history: History = History()
    register: Register | None = None


def age_on(dob: date, on: date) -> int:
    """Whole years on ``on``. Someone born on 29 February comes of age on 1 March in a
    common year, the usual reading in England."""
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


# --- the ranges a scenario may hold (one place; the command and the forms read these) ---
# Part 7 of the Housing Act 1996 came into force on 20 January 1997: no decision Hearth
# models is earlier; none is dated past the end of this century either.
EARLIEST_DATE = date(1997, 1, 20)
LATEST_DATE = date(2099, 12, 31)
OLDEST_AGE = 125              # years: a date of birth further back is a typing slip
MAX_MEMBERS = 30              # people in one household besides the applicant
MAX_BEDROOMS = 20
MAX_EXPECTED_BABIES = 8
MAX_POUNDS = 100_000_000      # an income, savings or arrears figure, in pounds
MAX_DEPTH = 20                # JSON nesting; a scenario needs five
MAX_DIGITS = 18               # digits in one JSON number


class LongNumber:
    """A JSON integer with more digits than any fact holds, kept as its length only: Python
    refuses to read a number of more than 4,300 digits, so the command reads it as this and
    the field it was given for refuses it by name."""

    def __init__(self, digits: str) -> None:
        self.digits = len(digits.lstrip("-"))

    def __repr__(self) -> str:
        return f"a {self.digits:,}-digit number"


def _read_int(digits: str) -> int | LongNumber:
    return LongNumber(digits) if len(digits.lstrip("-")) > MAX_DIGITS else int(digits)


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in
                             (node.values() if isinstance(node, dict) else node))
    return deepest


def read_json(text: str) -> Any:
    """The scenario file's text as JSON, refusing what no scenario holds: nesting deeper than
    MAX_DEPTH (Python's reader gives up on very deep arrays) and numbers too long to read
    (kept as :class:`LongNumber`, which the field refuses). Raises ``json.JSONDecodeError``
    for text that is not JSON, :class:`FieldError` for the rest."""
    try:
        value = json.loads(text, parse_int=_read_int)
    except RecursionError:
        value = None
        deep = True
    else:
        deep = _depth(value) > MAX_DEPTH
    if deep:
        raise _wrong("scenario", f"nested more than {MAX_DEPTH} levels deep; a scenario is "
                                 f"at most {MAX_DEPTH} levels of objects and lists")
    return value


# --- reading helpers ------------------------------------------------------------------

_MISSING = object()
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _show(value: Any) -> str:
    try:
        shown = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _object(value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
            ) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _wrong(path, f"must be an object, not {_show(value)}")
    for key in value:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else f"; known fields: {', '.join(allowed)}"
            raise _wrong(f"{path}.{key}", f"unknown field{more}")
    for key in required:
        if key not in value:
            raise _wrong(f"{path}.{key}", "missing (required)")
    return value


def _bool(obj: dict[str, Any], key: str, path: str, default: Any = _MISSING) -> bool:
    value = obj.get(key, default)
    if value is _MISSING:
        raise _wrong(f"{path}.{key}", "missing (required)")
    if not isinstance(value, bool):
        raise _wrong(f"{path}.{key}", f"must be true or false, not {_show(value)}")
    return value


def _int(obj: dict[str, Any], key: str, path: str, default: Any, low: int, high: int
         ) -> int | None:
    value = obj.get(key, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(f"{path}.{key}", f"must be a whole number between {low} and {high}, "
                                      f"not {_show(value)}")
    if value < low or value > high:
        raise _wrong(f"{path}.{key}", f"must be between {low} and {high}, not {value}")
    return value


def _money(obj: dict[str, Any], key: str, path: str, default: Any) -> float | None:
    value = obj.get(key, default)
    if value is None and default is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _wrong(f"{path}.{key}", f"must be an amount in pounds between 0 and "
                                      f"{MAX_POUNDS:,}, not {_show(value)}")
    if value < 0:
        raise _wrong(f"{path}.{key}", f"must not be negative, not {value}")
    if value > MAX_POUNDS:
        raise _wrong(f"{path}.{key}", f"must be between 0 and {MAX_POUNDS:,} pounds, "
                                      f"not {value:,}")
    return value


def _code(obj: dict[str, Any], key: str, path: str, allowed: tuple[str, ...],
          default: Any = _MISSING) -> str | None:
    value = obj.get(key, default)
    if value is _MISSING:
        raise _wrong(f"{path}.{key}", "missing (required)")
    if value is None and default is None:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise _wrong(
            f"{path}.{key}", f"unknown code {_show(value)}; allowed: {', '.join(allowed)}"
        )
    return value


def _date(obj: dict[str, Any], key: str, path: str, default: Any = _MISSING) -> date | None:
    value = obj.get(key, default)
    if value is _MISSING:
        raise _wrong(f"{path}.{key}", "missing (required)")
    if value is None and default is None:
        return None
    return parse_date(value, f"{path}.{key}")


def parse_date(value: Any, path: str) -> date:
    """An ISO ``YYYY-MM-DD`` date, and nothing looser (no ``20261123``, no times)."""
    if not isinstance(value, str):
        raise _wrong(path, f"must be a date written YYYY-MM-DD, not {_show(value)}")
    if not _DATE_RE.match(value):
        raise _wrong(path, f"not a valid date: {value!r} (write YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _wrong(path, f"not a valid date: {value!r}") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE and not path.endswith(".dob"):
        raise _wrong(path, f"must be between {EARLIEST_DATE.isoformat()} and "
                           f"{LATEST_DATE.isoformat()}, not {value}")
    return day


def _block(raw: dict[str, Any], key: str) -> Any:
    """Optional blocks may be left out or given as null."""
    value = raw.get(key)
    return None if value is None else value


# --- the parser -----------------------------------------------------------------------

APPLICANT_KEYS = (
    "dob", "sex", "immigration_status", "habitually_resident", "pregnant", "vulnerability",
    "care_leaver", "vulnerable_former_care", "vulnerable_armed_forces", "vulnerable_custody",
    "vulnerable_violence",
    # version 2
    "relevant_child", "owed_s20_duty", "relevant_student", "expected_babies",
)
MEMBER_KEYS = (
    "relation", "dob", "sex", "resides_with_applicant", "dependent", "pregnant",
    # version 2
    "vulnerability", "expected_babies", "needs_own_room", "local_connection_here",
)
HOUSING_KEYS = (
    "has_accommodation", "reasonable_to_occupy", "likely_to_lose_on", "section_21",
    "domestic_abuse", "emergency", "current_bedrooms", "unsatisfactory_conditions",
    "medical_welfare_need", "hardship_locality_need",
    # version 2
    "domestic_abuse_victim", "overnight_carer",
)
# the four s.191(1) findings: required whenever the intentionality block is given
INTENTIONALITY_FINDINGS = (
    "deliberate_act_or_omission", "good_faith_unaware",
    "accommodation_available_and_reasonable", "caused_loss",
)
INTENTIONALITY_KEYS = (
    *INTENTIONALITY_FINDINGS,
    # version 2
    "whose_act", "acquiesced", "collusive_arrangement",
)
LOCAL_CONNECTION_KEYS = (
    "months_resident_last_12", "years_resident_last_5", "employed_in_district",
    "close_family_5_years", "special_circumstances", "connection_elsewhere",
    "risk_of_abuse_elsewhere",
    # version 2
    "care_leaver_here", "asylum_support_here",
)
HISTORY_KEYS = (
    "relief_duty_started_on",
    # version 2
    "prevention_duty_started_on", "decision_notified_on", "review_requested_on",
)
REGISTER_KEYS = (
    "application_date", "household_income", "household_savings", "rent_arrears",
    "arrears_plan_kept", "unacceptable_behaviour", "owns_home", "armed_forces",
    "moving_for_work", "homelessness_duty",
)
# the duties a homelessness case records as owed (logic.common.codes.CASEWORK_DUTIES), in the
# engine's codes
RECORDED_DUTIES = tuple(c for c in codes.ENGINE_DUTIES.codes() if c != "advice_only")
FACTS_KEYS = (
    "assessment_date", "applicant", "household", "housing", "intentionality",
    "local_connection", "history", "register",
)


def _birth_date(obj: dict[str, Any], path: str, on: date, member: bool) -> date:
    dob = _date(obj, "dob", path)
    assert dob is not None
    if dob > on:
        extra = (
            "; an expected baby is counted from 'pregnant', not listed as a member"
            if member else ""
        )
        raise _wrong(f"{path}.dob", f"after the assessment date {on.isoformat()}{extra}")
    oldest = on.replace(year=on.year - OLDEST_AGE) if (on.month, on.day) != (2, 29) else \
        date(on.year - OLDEST_AGE, 3, 1)
    if dob < oldest:
        raise _wrong(f"{path}.dob", f"must be between {oldest.isoformat()} and "
                                    f"{on.isoformat()} (no one is older than {OLDEST_AGE}), "
                                    f"not {dob.isoformat()}")
    return dob


def _vulnerability(obj: dict[str, Any], path: str) -> tuple[str, ...]:
    vulnerability = obj.get("vulnerability", [])
    if not isinstance(vulnerability, list):
        raise _wrong(f"{path}.vulnerability", f"must be a list, not {_show(vulnerability)}")
    seen: list[str] = []
    for i, item in enumerate(vulnerability):
        if not isinstance(item, str) or item not in VULNERABILITIES:
            raise _wrong(
                f"{path}.vulnerability[{i}]",
                f"unknown code {_show(item)}; allowed: {', '.join(VULNERABILITIES)}",
            )
        if item in seen:
            raise _wrong(f"{path}.vulnerability[{i}]", f"{item!r} is listed twice")
        seen.append(item)
    return tuple(sorted(seen))


def _expected_babies(obj: dict[str, Any], path: str) -> int:
    """How many babies a pregnancy is expected to bring: 1 or more (twins: 2)."""
    return _int(obj, "expected_babies", path, 1, 1, MAX_EXPECTED_BABIES)  # type: ignore[return-value]


def _applicant(raw: Any, on: date) -> Applicant:
    p = "facts.applicant"
    obj = _object(raw, p, APPLICANT_KEYS, ("dob", "sex", "immigration_status"))
    return Applicant(
        dob=_birth_date(obj, p, on, member=False),
        sex=_code(obj, "sex", p, SEXES),  # type: ignore[arg-type]
        immigration_status=_code(obj, "immigration_status", p, IMMIGRATION_STATUSES),  # type: ignore[arg-type]
        habitually_resident=_bool(obj, "habitually_resident", p, True),
        pregnant=_bool(obj, "pregnant", p, False),
        vulnerability=_vulnerability(obj, p),
        care_leaver=_bool(obj, "care_leaver", p, False),
        vulnerable_former_care=_bool(obj, "vulnerable_former_care", p, False),
        vulnerable_armed_forces=_bool(obj, "vulnerable_armed_forces", p, False),
        vulnerable_custody=_bool(obj, "vulnerable_custody", p, False),
        vulnerable_violence=_bool(obj, "vulnerable_violence", p, False),
        relevant_child=_bool(obj, "relevant_child", p, False),
        owed_s20_duty=_bool(obj, "owed_s20_duty", p, False),
        relevant_student=_bool(obj, "relevant_student", p, False),
        expected_babies=_expected_babies(obj, p),
    )


def _household(raw: Any, on: date) -> tuple[Member, ...]:
    if not isinstance(raw, list):
        raise _wrong("facts.household", f"must be a list, not {_show(raw)}")
    if len(raw) > MAX_MEMBERS:
        raise _wrong("facts.household", f"must list between 0 and {MAX_MEMBERS} members "
                                        f"besides the applicant, not {len(raw):,}")
    members = []
    for i, item in enumerate(raw):
        p = f"facts.household[{i}]"
        obj = _object(item, p, MEMBER_KEYS, ("relation", "dob", "sex"))
        members.append(
            Member(
                relation=_code(obj, "relation", p, RELATIONS),  # type: ignore[arg-type]
                dob=_birth_date(obj, p, on, member=True),
                sex=_code(obj, "sex", p, SEXES),  # type: ignore[arg-type]
                resides_with_applicant=_bool(obj, "resides_with_applicant", p, True),
                dependent=_bool(obj, "dependent", p, False),
                pregnant=_bool(obj, "pregnant", p, False),
                vulnerability=_vulnerability(obj, p),
                expected_babies=_expected_babies(obj, p),
                needs_own_room=_bool(obj, "needs_own_room", p, False),
                local_connection_here=_bool(obj, "local_connection_here", p, False),
            )
        )
    return tuple(members)


def _housing(raw: Any) -> Housing:
    p = "facts.housing"
    obj = _object(raw, p, HOUSING_KEYS, ("has_accommodation",))
    s21 = _block(obj, "section_21")
    section_21 = None
    if s21 is not None:
        sp = f"{p}.section_21"
        s21 = _object(s21, sp, ("valid", "expires_on"), ("valid", "expires_on"))
        section_21 = Section21(valid=_bool(s21, "valid", sp), expires_on=_date(s21, "expires_on", sp))  # type: ignore[arg-type]
    return Housing(
        has_accommodation=_bool(obj, "has_accommodation", p),
        reasonable_to_occupy=_bool(obj, "reasonable_to_occupy", p, True),
        likely_to_lose_on=_date(obj, "likely_to_lose_on", p, None),
        section_21=section_21,
        domestic_abuse=_bool(obj, "domestic_abuse", p, False),
        emergency=_code(obj, "emergency", p, EMERGENCIES, None),
        current_bedrooms=_int(obj, "current_bedrooms", p, None, 0, MAX_BEDROOMS),
        unsatisfactory_conditions=_bool(obj, "unsatisfactory_conditions", p, False),
        medical_welfare_need=_bool(obj, "medical_welfare_need", p, False),
        hardship_locality_need=_bool(obj, "hardship_locality_need", p, False),
        domestic_abuse_victim=_code(  # type: ignore[arg-type]
            obj, "domestic_abuse_victim", p, DOMESTIC_ABUSE_VICTIMS, "applicant"),
        overnight_carer=_bool(obj, "overnight_carer", p, False),
    )


def _intentionality(raw: Any) -> Intentionality | None:
    if raw is None:
        return None
    p = "facts.intentionality"
    obj = _object(raw, p, INTENTIONALITY_KEYS, INTENTIONALITY_FINDINGS)
    return Intentionality(
        **{k: _bool(obj, k, p) for k in INTENTIONALITY_FINDINGS},
        whose_act=_code(obj, "whose_act", p, WHOSE_ACTS, "applicant"),  # type: ignore[arg-type]
        acquiesced=_bool(obj, "acquiesced", p, False),
        collusive_arrangement=_bool(obj, "collusive_arrangement", p, False),
    )


def _local_connection(raw: Any) -> LocalConnection:
    if raw is None:
        return LocalConnection()
    p = "facts.local_connection"
    obj = _object(raw, p, LOCAL_CONNECTION_KEYS)
    return LocalConnection(
        months_resident_last_12=_int(obj, "months_resident_last_12", p, 0, 0, 12),  # type: ignore[arg-type]
        years_resident_last_5=_int(obj, "years_resident_last_5", p, 0, 0, 5),  # type: ignore[arg-type]
        employed_in_district=_bool(obj, "employed_in_district", p, False),
        close_family_5_years=_bool(obj, "close_family_5_years", p, False),
        special_circumstances=_bool(obj, "special_circumstances", p, False),
        connection_elsewhere=_bool(obj, "connection_elsewhere", p, False),
        risk_of_abuse_elsewhere=_bool(obj, "risk_of_abuse_elsewhere", p, False),
        care_leaver_here=_bool(obj, "care_leaver_here", p, False),
        asylum_support_here=_bool(obj, "asylum_support_here", p, False),
    )


def _history(raw: Any, on: date) -> History:
    if raw is None:
        return History()
    p = "facts.history"
    obj = _object(raw, p, HISTORY_KEYS)
    found: dict[str, date | None] = {}
    for key in HISTORY_KEYS:
        day = _date(obj, key, p, None)
        if day is not None and day > on:
            raise _wrong(f"{p}.{key}", f"after the assessment date {on.isoformat()}")
        found[key] = day
    notified, requested = found["decision_notified_on"], found["review_requested_on"]
    if notified is not None and requested is not None and requested < notified:
        raise _wrong(
            f"{p}.review_requested_on",
            f"before the decision was notified on {notified.isoformat()}"
            " (decision_notified_on)",
        )
    return History(**found)


def _register(raw: Any, on: date) -> Register | None:
    if raw is None:
        return None
    p = "facts.register"
    obj = _object(raw, p, REGISTER_KEYS)
    applied = _date(obj, "application_date", p, None)
    if applied is not None and applied > on:
        raise _wrong(f"{p}.application_date", f"after the assessment date {on.isoformat()}")
    return Register(
        application_date=applied,
        household_income=_money(obj, "household_income", p, None),
        household_savings=_money(obj, "household_savings", p, None),
        rent_arrears=_money(obj, "rent_arrears", p, 0),  # type: ignore[arg-type]
        arrears_plan_kept=_bool(obj, "arrears_plan_kept", p, False),
        unacceptable_behaviour=_bool(obj, "unacceptable_behaviour", p, False),
        owns_home=_bool(obj, "owns_home", p, False),
        armed_forces=_bool(obj, "armed_forces", p, False),
        moving_for_work=_bool(obj, "moving_for_work", p, False),
        homelessness_duty=_code(obj, "homelessness_duty", p, RECORDED_DUTIES, None),
    )


def parse_facts(raw: Any) -> Facts:
    """Read and check the ``facts`` object of a scenario; raise :class:`FieldError`."""
    obj = _object(raw, "facts", FACTS_KEYS, ("assessment_date", "applicant", "housing"))
    on = _date(obj, "assessment_date", "facts")
    assert on is not None
    household = obj.get("household", [])
    return Facts(
        assessment_date=on,
        applicant=_applicant(obj["applicant"], on),
        household=_household(household, on),
        housing=_housing(obj["housing"]),
        intentionality=_intentionality(_block(obj, "intentionality")),
        local_connection=_local_connection(_block(obj, "local_connection")),
        history=_history(_block(obj, "history"), on),
        register=_register(_block(obj, "register"), on),
    )


def parse_scenario(raw: Any) -> Facts:
    """Read a whole scenario file's object (``{"id", "title", "facts", "expected"?}``)."""
    if not isinstance(raw, dict):
        raise _wrong("scenario", f"must be a JSON object, not {_show(raw)[:40]}")
    if "facts" not in raw:
        raise _wrong("facts", "missing (required)")
    return parse_facts(raw["facts"])
