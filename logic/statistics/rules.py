"""The H-CLIC checks of one case, and which quarter's return a case belongs in. Pure: no
database, no clock.

The return (../shared/spec/hclic.md: the public summary of the data monitoring specification,
Aug 2017, and suppliers' documented validations) has nine sections joined by the case
reference. A case is checked as it is worked, on every save, so a problem is found the day it
is made and not at quarter end:

* the cross-field rules suppliers document (numbered as in the spec's list, "rule 1" to
  "rule 6");
* completeness: Main, People and Support when the case is first reported (its initial
  assessment), except for an applicant found not eligible; Prevention, Relief, Final duties,
  Temporary accommodation and Reviews once that happened; Assistance when the case closes.

Each problem is said in the officer's words, with where in Hearth it is put right.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from logic.common import codes

SPEC = "H-CLIC data monitoring specification (public summary, 2017)"
VALIDATIONS = "H-CLIC validations documented by suppliers"

# Where each thing is put right, in the words of Hearth's screens
AT_ASSESSMENT = "Assessment screen: the H-CLIC details"
AT_DUTY = "Case record > Homelessness casework > Duty and stage: ending the duty"
AT_TA = "Case record > Homelessness casework > Accommodation"
AT_HOUSEHOLD = "Household record: the members"
AT_INTAKE = "Intake: who referred the household"
AT_CLOSE = "Case record > Homelessness casework > Duty and stage"
AT_REVIEWS = "Case record > Homelessness casework > Reviews and appeals"

# Accommodation types that are not settled homes (rule 3's "non-settled" outcome; rule 6)
NOT_SETTLED_OUTCOMES = frozenset({"living_with_family", "living_with_friends", "other"})
# The accommodation secured that is the same kind as an accommodation at application
SECURED_AS_TYPE = {
    "private_rented_self_contained": "private_rented_self_contained",
    "private_rented_hmo": "private_rented_hmo",
    "private_rented_lodging": "private_rented_lodging",
    "council_tenancy": "council_tenant",
    "housing_association_tenancy": "housing_association_tenant",
    "supported_housing": "supported_housing",
    "living_with_family": "living_with_family",
    "living_with_friends": "living_with_friends",
    "owner_occupier": "owner_occupier",
    "other": "other",
}
PRIVATE_RENTED = frozenset({"private_rented_self_contained", "private_rented_hmo",
                            "private_rented_lodging"})
SOCIAL = frozenset({"council_tenant", "housing_association_tenant"})
INSTITUTIONS = frozenset({"custody", "hospital", "psychiatric_hospital", "looked_after_placement"})
# Settled homes: where a household threatened with losing its home lives now is its last
# settled home (rule 6)
SETTLED = PRIVATE_RENTED | SOCIAL | {"owner_occupier"}
# Rule 6: the last settled home a reason for its loss implies (group of reasons -> kinds)
LAST_SETTLED_FOR_REASON_GROUP: dict[str, frozenset[str]] = {
    "ast_end": PRIVATE_RENTED,
    "other_private_tenancy_end": PRIVATE_RENTED,
    "social_tenancy_end": SOCIAL,
    "supported_housing_eviction": frozenset({"supported_housing"}),
    "family_friends": frozenset({"living_with_family", "living_with_friends"}),
    "asylum_accommodation": frozenset({"asylum_accommodation"}),
    "left_institution": INSTITUTIONS,
}
LAST_SETTLED_FOR_REASON: dict[str, frozenset[str]] = {
    "mortgage_repossession": frozenset({"owner_occupier"}),
}
# Where a household lives that is no home at all: never its last *settled* home
NEVER_SETTLED = frozenset({"no_fixed_abode", "rough_sleeping", "temporary_accommodation"})

INTERIM_BASIS = "s188_1_interim"
PREVENTION_ENDS_HOMELESS = "became_homeless"
SECURED = "accommodation_secured"


# --- the case as the checks see it ------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    id: int
    assessed_on: date
    eligible: bool
    homelessness: str
    priority_need: bool
    intentionally_homeless: bool
    duty: str  # the engine's code (prevention, relief, main, intentional_priority, advice_only)
    accommodation_at_application: str | None = None
    last_settled_accommodation: str | None = None
    reason_for_loss: str | None = None
    employment: str | None = None
    support_needs: tuple[str, ...] | None = None  # None: not recorded
    # the engine's grounds of priority need (its determination's JSON list), where it found one
    grounds_json: str | None = field(default=None, repr=False, compare=False)

    @property
    def priority_need_grounds(self) -> tuple[str, ...]:
        return grounds_from_json(self.grounds_json)


@dataclass(frozen=True)
class Duty:
    id: int
    duty: str
    started_on: date
    ended_on: date | None = None
    end_reason: str | None = None
    main_activity: str | None = None
    accommodation_secured: str | None = None


@dataclass(frozen=True)
class Stay:
    """A temporary accommodation placement that took effect (approved, or since ended)."""

    id: int
    placement_type: str
    legal_basis: str | None
    starts_on: date
    ended_on: date | None = None


@dataclass(frozen=True)
class Review:
    """A review the council took (s.202): asked for in time, or late and accepted (s.202(3));
    with its decision once one is recorded (s.203). A late request refused is no review."""

    id: int
    requested_on: date
    ground: str  # codes.S202_GROUNDS: the decision reviewed
    in_time: bool
    decision_id: int | None = None  # the decision's record, once the review is decided
    decided_on: date | None = None
    outcome: str | None = None  # codes.PART7_REVIEW_OUTCOMES


@dataclass(frozen=True)
class Member:
    id: int
    relation: str
    given_name: str
    family_name: str
    dob: date
    sex: str
    joined_on: date | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class HclicCase:
    """One case's rows, as read for its checks and for the return."""

    id: int
    reference: str
    case_type: str
    applied_on: date  # the day the case was opened (the application)
    status: str
    stage: str
    closed_on: date | None = None
    referral_source: str | None = None
    assessments: tuple[Assessment, ...] = ()  # by date, then id
    duties: tuple[Duty, ...] = ()  # by start, then id
    stays: tuple[Stay, ...] = ()  # by start, then id
    members: tuple[Member, ...] = ()  # by id
    reviews: tuple[Review, ...] = ()  # by the day asked, then id
    address: tuple[str, ...] = ()  # the household's last known address lines
    postcode: str | None = None

    @property
    def initial(self) -> Assessment | None:
        return self.assessments[0] if self.assessments else None

    def main_value(self, name: str):
        """A Main or Support answer: the latest assessment that records it (a reassessment
        corrects it), else None."""
        for a in reversed(self.assessments):
            value = getattr(a, name)
            if value is not None:
                return value
        return None

    def duties_of(self, duty: str) -> tuple[Duty, ...]:
        return tuple(d for d in self.duties if d.duty == duty)

    def members_on(self, day: date) -> tuple[Member, ...]:
        return tuple(m for m in self.members
                     if (m.left_on is None or m.left_on > day) and m.dob <= day)

    @property
    def decision_after_relief(self) -> tuple[str, date] | None:
        """The s.184 decision after the relief duty's 56 days (MD1): the first assessment on or
        after the relief duty ended by its days running out, as the officer decided it."""
        relief = [d for d in self.duties_of("relief") if d.end_reason == "56_days_elapsed"]
        if not relief:
            return None
        after = [a for a in self.assessments if a.assessed_on >= relief[-1].ended_on]
        if not after:
            return None
        return decision_of(after[0]), after[0].assessed_on


def decision_of(a: Assessment) -> str:
    """The decision after relief (MD1's categories) from the officer's findings."""
    if a.homelessness != "homeless":
        return "not_homeless"
    if not a.priority_need:
        return "no_priority_need"
    if a.intentionally_homeless:
        return "intentional_priority"
    return "main_duty"


def assessment_outcome(a: Assessment) -> str:
    """The initial assessment's outcome (A1's categories)."""
    if not a.eligible:
        return "not_eligible"
    if a.duty in ("prevention", "relief"):
        return a.duty
    return "no_duty"


def support_needs_from_json(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    found = json.loads(text)
    return tuple(found) if isinstance(found, list) else None


def grounds_from_json(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        found = json.loads(text)
    except ValueError:
        return ()
    return tuple(found) if isinstance(found, list) else ()


# --- problems ---------------------------------------------------------------------------------

SECTIONS = ("main", "people", "support", "prevention", "relief", "final_duties", "assistance",
            "temporary_accommodation", "reviews")


@dataclass(frozen=True, order=True)
class Problem:
    section: str  # codes.HCLIC_SECTIONS
    rule: str  # "rule 3" (a documented cross-field rule) or "complete: main"
    message: str
    fix_where: str
    citation: str = field(default="", compare=False)


def _d(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def check_case(case: HclicCase) -> tuple[Problem, ...]:
    """Every problem the return would find in this case today, sorted by section and rule.

    A case never assessed has no H-CLIC record yet (it is first reported with its initial
    assessment), so it has no problems; an advice case is not in the return at all.
    """
    if case.case_type != "homelessness" or case.initial is None:
        return ()
    found: list[Problem] = []
    found += _rule_1_dates(case)
    found += _rule_3_prevention_outcome(case)
    found += _rule_4_ta_inside_prevention(case)
    found += _rule_5_interim_duty(case)
    found += _rule_6_accommodation_and_reason(case)
    found += _complete_main_people_support(case)
    found += _complete_duties(case)
    found += _complete_ta(case)
    found += _complete_at_close(case)
    found += _complete_reviews(case)
    return tuple(sorted(set(found), key=lambda p: (SECTIONS.index(p.section), p.rule, p.message)))


def _rule_1_dates(case: HclicCase) -> list[Problem]:
    """Rule 1: the assessment date is not before the application date; no duty starts before
    it."""
    out = []
    first = case.initial
    if first.assessed_on < case.applied_on:
        out.append(Problem("main", "rule 1",
                           f"The assessment is dated {_d(first.assessed_on)}, before the application "
                           f"on {_d(case.applied_on)}.", AT_ASSESSMENT, f"{VALIDATIONS}, rule 1"))
    for d in case.duties:
        if d.started_on < case.applied_on:
            out.append(Problem(_section_of(d.duty), "rule 1",
                               f"The {codes.CASEWORK_DUTIES.words(d.duty)} starts on {_d(d.started_on)}, "
                               f"before the application on {_d(case.applied_on)}.", AT_DUTY,
                               f"{VALIDATIONS}, rule 1"))
    return out


def _rule_3_prevention_outcome(case: HclicCase) -> list[Problem]:
    """Rule 3: prevention ended because the household became homeless, so its accommodation
    outcome is where they lived at application, or a non-settled place (family, friends, other)."""
    out = []
    at_application = case.main_value("accommodation_at_application")
    for d in case.duties_of("prevention"):
        if d.end_reason != PREVENTION_ENDS_HOMELESS or d.accommodation_secured is None:
            continue
        same = SECURED_AS_TYPE.get(d.accommodation_secured) == at_application
        if not same and d.accommodation_secured not in NOT_SETTLED_OUTCOMES:
            out.append(Problem(
                "prevention", "rule 3",
                f"Prevention ended because the household became homeless, but the accommodation "
                f"recorded at its end ({codes.ACCOMMODATION_SECURED.words(d.accommodation_secured)}) is "
                f"neither where they lived at application nor family, friends or other.", AT_DUTY,
                f"{VALIDATIONS}, rule 3"))
    return out


def _rule_4_ta_inside_prevention(case: HclicCase) -> list[Problem]:
    """Rule 4: a TA entry does not fall inside a running prevention duty (it comes after
    prevention ended, or between application and assessment)."""
    out = []
    for stay in case.stays:
        for d in case.duties_of("prevention"):
            if d.started_on <= stay.starts_on and (d.ended_on is None or stay.starts_on < d.ended_on):
                out.append(Problem(
                    "temporary_accommodation", "rule 4",
                    f"Temporary accommodation starts on {_d(stay.starts_on)}, while the prevention duty "
                    f"was running: a household owed prevention is not homeless. End the prevention "
                    f"duty first, or correct the placement's start.", AT_TA, f"{VALIDATIONS}, rule 4"))
    return out


def _rule_5_interim_duty(case: HclicCase) -> list[Problem]:
    """Rule 5: interim accommodation (s.188(1)) is the TA duty only before the assessment, with
    no prevention duty, or after prevention failed (ended other than by securing a home)."""
    out = []
    first = case.initial
    preventions = case.duties_of("prevention")
    for stay in case.stays:
        if stay.legal_basis != INTERIM_BASIS or stay.starts_on < first.assessed_on or not preventions:
            continue
        failed = [d for d in preventions if d.ended_on is not None and d.ended_on <= stay.starts_on
                  and d.end_reason != SECURED]
        if not failed:
            out.append(Problem(
                "temporary_accommodation", "rule 5",
                f"The placement from {_d(stay.starts_on)} is recorded as interim accommodation "
                f"(s.188(1)), but prevention had not failed by then: interim accommodation comes "
                f"before the assessment, with no prevention duty, or after prevention failed.",
                AT_TA, f"{VALIDATIONS}, rule 5"))
    return out


def _rule_6_accommodation_and_reason(case: HclicCase) -> list[Problem]:
    """Rule 6: accommodation at application, when last settled, and the reason for loss agree."""
    now = case.main_value("accommodation_at_application")
    last = case.main_value("last_settled_accommodation")
    reason = case.main_value("reason_for_loss")
    out = []
    if last in NEVER_SETTLED:
        out.append(Problem("main", "rule 6",
                           f"The last settled home is recorded as {codes.ACCOMMODATION_TYPES.words(last)}, "
                           f"which is not a settled home.", AT_ASSESSMENT, f"{VALIDATIONS}, rule 6"))
    if last is not None and reason is not None:
        kinds = LAST_SETTLED_FOR_REASON.get(reason) or LAST_SETTLED_FOR_REASON_GROUP.get(
            codes.LOSS_REASON_GROUP.get(reason, ""))
        if kinds is not None and last not in kinds:
            out.append(Problem(
                "main", "rule 6",
                f"The reason for losing the last settled home ({codes.LOSS_REASONS.words(reason)}) does not "
                f"fit that home ({codes.ACCOMMODATION_TYPES.words(last)}).", AT_ASSESSMENT,
                f"{VALIDATIONS}, rule 6"))
    first = case.initial
    threatened = first.homelessness == "threatened"
    if threatened and now in SETTLED and last is not None and last != now:
        out.append(Problem(
            "main", "rule 6",
            f"The household is threatened with losing the home it lives in "
            f"({codes.ACCOMMODATION_TYPES.words(now)}), so that is its last settled home, not "
            f"{codes.ACCOMMODATION_TYPES.words(last)}.", AT_ASSESSMENT, f"{VALIDATIONS}, rule 6"))
    return out


def _missing(section: str, what: str, where: str) -> Problem:
    return Problem(section, f"complete: {section}", f"{what} is not recorded.", where,
                   f"{SPEC}: {section.replace('_', ' ')} section")


def _complete_main_people_support(case: HclicCase) -> list[Problem]:
    """Main, People and Support: required when the case is first reported, except for an
    applicant not eligible (the spec leaves those out of the three sections)."""
    first = case.initial
    if not first.eligible:
        return []
    out = []
    if case.main_value("accommodation_at_application") is None:
        out.append(_missing("main", "Where the household lived when it applied", AT_ASSESSMENT))
    owed = first.duty in ("prevention", "relief")
    if owed and case.main_value("last_settled_accommodation") is None:
        out.append(_missing("main", "Where the household last lived settled", AT_ASSESSMENT))
    if owed and case.main_value("reason_for_loss") is None:
        out.append(_missing("main", "Why the household lost (or is losing) its last settled home",
                            AT_ASSESSMENT))
    if case.main_value("employment") is None:
        out.append(_missing("main", "The applicant's employment", AT_ASSESSMENT))
    if case.referral_source is None:
        out.append(_missing("main", "Who referred the household", AT_INTAKE))
    members = case.members_on(case.applied_on) or case.members
    if not any(m.relation == "applicant" for m in members):
        out.append(_missing("people", "The main applicant", AT_HOUSEHOLD))
    for m in members:
        if m.sex not in codes.SEXES:
            out.append(Problem("people", "complete: people",
                               f"{m.given_name} {m.family_name}'s sex is not recorded.", AT_HOUSEHOLD,
                               f"{SPEC}: people section"))
    needs = case.main_value("support_needs")
    if not needs:
        out.append(_missing("support", "The household's support needs (or none, or not known)",
                            AT_ASSESSMENT))
    else:
        alone = {codes.SUPPORT_NEEDS_NONE, codes.SUPPORT_NEEDS_NOT_KNOWN}
        if len(needs) > 1 and alone & set(needs):
            out.append(Problem("support", "complete: support",
                               "Support needs are recorded together with \"none\" or \"not known\".",
                               AT_ASSESSMENT, f"{SPEC}: support section"))
        if len(set(needs)) != len(needs):
            out.append(Problem("support", "complete: support", "A support need is recorded twice.",
                               AT_ASSESSMENT, f"{SPEC}: support section"))
    return out


def _section_of(duty: str) -> str:
    return {"prevention": "prevention", "relief": "relief"}.get(duty, "final_duties")


def _complete_duties(case: HclicCase) -> list[Problem]:
    """Prevention and Relief once owed: when the duty ends, the main activity, and the
    accommodation secured when it ended with accommodation secured."""
    out = []
    for d in case.duties:
        if d.duty not in ("prevention", "relief") or d.ended_on is None:
            continue
        name = codes.CASEWORK_DUTIES.label(d.duty)
        if d.main_activity is None:
            out.append(_missing(d.duty, f"{name} ended on {_d(d.ended_on)}: what the council mainly did",
                                AT_DUTY))
        if d.end_reason == SECURED and d.accommodation_secured is None:
            out.append(_missing(d.duty, f"{name} ended with accommodation secured: the kind of "
                                        f"accommodation", AT_DUTY))
    return out


def _complete_ta(case: HclicCase) -> list[Problem]:
    out = []
    for stay in case.stays:
        if stay.legal_basis is None:
            out.append(_missing("temporary_accommodation",
                                f"The duty or power the placement from {_d(stay.starts_on)} is made under",
                                AT_TA))
    return out


def _complete_at_close(case: HclicCase) -> list[Problem]:
    """Assistance, when the case closes: every duty it was owed has ended, with its reason."""
    if case.status != "closed":
        return []
    out = []
    for d in case.duties:
        if d.ended_on is None or d.end_reason is None:
            out.append(Problem("assistance", "complete: assistance",
                               f"The case is closed but its {codes.CASEWORK_DUTIES.words(d.duty)} has not "
                               f"been ended with a reason.", AT_CLOSE, f"{SPEC}: assistance section"))
    return out


def _complete_reviews(case: HclicCase) -> list[Problem]:
    """Reviews, once one is decided: its outcome and the day it was decided (s.202, s.203(3):
    the decision is notified with its reasons)."""
    out = []
    for r in case.reviews:
        if r.decision_id is None:
            continue
        asked = f"The review asked for on {_d(r.requested_on)} is decided, but"
        if r.outcome is None:
            out.append(Problem("reviews", "complete: reviews", f"{asked} the outcome is not recorded.",
                               AT_REVIEWS, f"{SPEC}: reviews section; Housing Act 1996 s.202"))
        if r.decided_on is None:
            out.append(Problem("reviews", "complete: reviews",
                               f"{asked} the date it was decided is not recorded.", AT_REVIEWS,
                               f"{SPEC}: reviews section; Housing Act 1996 s.202, s.203(3)"))
    return out


# --- which quarter's return -------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026-Q3`` -> the calendar quarter July to September 2026."""
        try:
            year, q = text.strip().upper().split("-Q")
            found = cls(int(year), int(q))
        except ValueError:
            raise ValueError(f"{text!r} is not a quarter: write it like 2026-Q3") from None
        if not 1 <= found.number <= 4:
            raise ValueError(f"{text!r} is not a quarter: Q1 to Q4")
        return found

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        following = (date(self.year + 1, 1, 1) if self.number == 4
                     else date(self.year, 3 * self.number + 1, 1))
        return following - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first_day <= day <= self.last_day

    @property
    def label(self) -> str:
        months = ("January to March", "April to June", "July to September",
                  "October to December")[self.number - 1]
        return f"{months} {self.year}"


def recent_quarters(today: date, count: int = 8) -> list[Quarter]:
    """The quarter of ``today`` and the ones before it, latest first (the screen's choice)."""
    q = Quarter.of(today)
    found = []
    for _ in range(count):
        found.append(q)
        q = Quarter(q.year - 1, 4) if q.number == 1 else Quarter(q.year, q.number - 1)
    return found


def in_ta_on(case: HclicCase, day: date) -> tuple[Stay, ...]:
    return tuple(s for s in case.stays if s.starts_on <= day and (s.ended_on is None or s.ended_on > day))


def in_quarter(case: HclicCase, quarter: Quarter) -> bool:
    """Whether the case goes into the quarter's return (supplier guidance, in the spec): a duty
    was owed or ended (a move between duties ends one and starts another; a decision after
    relief is such a move even when no duty follows), it was placed in
    temporary accommodation, it closed, or it was assessed (A1 counts every initial
    assessment) -- all within the quarter; or it was in temporary accommodation on the quarter's
    last day (the snapshot). An advice case, never assessed under Part 7, only when in TA."""
    if any(quarter.holds(s.starts_on) for s in case.stays) or in_ta_on(case, quarter.last_day):
        return True
    if case.case_type != "homelessness" or case.initial is None:
        return False
    if quarter.holds(case.initial.assessed_on):
        return True
    if any(quarter.holds(d.started_on) or quarter.holds(d.ended_on) for d in case.duties):
        return True
    decision = case.decision_after_relief  # a decision after relief that starts no duty
    if decision is not None and quarter.holds(decision[1]):
        return True
    return case.status == "closed" and quarter.holds(case.closed_on)
