"""The stages of a homelessness case, which moves between them are lawful, and what the
Ombudsman would find wrong with a case today. Pure: no database, no clock.

Stages (``cases.stage`` of a homelessness case)::

    assessment ─┬─> prevention (s.195(2)) ─┬─> relief (s.189B(2)) ──> main_duty_decision
                │                          └─> duty_ended                 │      (after 56 days,
                ├─> relief ─────────────────────> duty_ended              │       s.189B(4))
                └─> advice_only (s.179)                                   v
                    main_duty_decision ─┬─> main_duty (s.193(2)) ──> duty_ended
                                        ├─> intentional_priority (s.190(2)) ──> duty_ended
                                        └─> no_further_duty (s.189B(7)(b), s.190(3))

Every move is checked against the case as it stands (its duties, its latest assessment, its
co-operation warnings) by :func:`check_transition`, which either returns the plan of the move
(which duty ends, with which reason; which duty starts) or refuses it in a sentence an officer
can act on: a :class:`FieldError` when an answer on the form is wrong (the date, the reason the
duty ends), a :class:`Refused` when the case as it stands does not allow the move (no assessment,
a finding the duty needs is missing), which no answer on the form can put right. The 56-day
ends come from ``logic.law.deadlines`` so that the clock is the engine's clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from logic.casework.policy import CaseworkPolicy
from logic.common import codes
from logic.common.errors import FieldError, Refused
from logic.law import deadlines as law_deadlines
from logic.law.core import long_date
from logic.law.policy import Policy

# --- stages and duties ------------------------------------------------------------------

ASSESSMENT = "assessment"
PREVENTION = "prevention"
RELIEF = "relief"
MAIN_DUTY_DECISION = "main_duty_decision"
MAIN_DUTY = "main_duty"
INTENTIONAL_PRIORITY = "intentional_priority"
NON_COOPERATION_DUTY = "non_cooperation_duty"
NO_FURTHER_DUTY = "no_further_duty"
ADVICE_ONLY = "advice_only"
DUTY_ENDED = "duty_ended"

STAGE_LABELS = {code: codes.HOMELESSNESS_STAGES.cited(code)
                for code in codes.HOMELESSNESS_STAGES.codes()}

# The stage in which each duty is owed, and so which duty row is open in that stage.
DUTY_OF_STAGE = {
    PREVENTION: "prevention", RELIEF: "relief", MAIN_DUTY: "main_duty",
    INTENTIONAL_PRIORITY: "intentional_priority", NON_COOPERATION_DUTY: "non_cooperation_duty",
}
DUTY_LABELS = {code: codes.CASEWORK_DUTIES.phrase(code) for code in codes.CASEWORK_DUTIES.codes()}

TRANSITIONS: dict[str, tuple[str, ...]] = {
    ASSESSMENT: (PREVENTION, RELIEF, ADVICE_ONLY),
    PREVENTION: (RELIEF, DUTY_ENDED),
    # a s.193B(2) notice in relief to an applicant in priority need who is not intentionally
    # homeless: the s.193C(4) duty follows in place of the main duty
    RELIEF: (MAIN_DUTY_DECISION, NON_COOPERATION_DUTY, DUTY_ENDED),
    MAIN_DUTY_DECISION: (MAIN_DUTY, INTENTIONAL_PRIORITY, NO_FURTHER_DUTY),
    MAIN_DUTY: (DUTY_ENDED,),
    INTENTIONAL_PRIORITY: (DUTY_ENDED,),
    NON_COOPERATION_DUTY: (DUTY_ENDED,),
}

# Ending reasons, per duty: code -> (officer's words, what the law says). Every way the Act ends a
# duty is one entry, so each move is cited; each is given to the applicant in writing with the
# right to a review (END_NOTICE, end_review_provision). The codes fit `end_reason` (32 chars).
ACCOMMODATION_SECURED = "accommodation_secured"
DAYS_56_ELAPSED = "56_days_elapsed"
REFUSED_SUITABLE_OFFER = "refused_suitable_offer"
REFUSED_FINAL_OFFER = "refused_final_offer"
PRSO_ACCEPTED = "accepted_prs_offer"
PRSO_REFUSED = "refused_prs_offer"
ASSURED_TENANCY = "accepted_assured_tenancy"
INTENTIONALLY_HOMELESS = "intentionally_homeless"
NON_COOPERATION = "non_cooperation"
CONTACT_LOST = "contact_lost"
WITHDREW = "withdrew"
NO_LONGER_ELIGIBLE = "no_longer_eligible"
BECAME_HOMELESS = "became_homeless"
REASONABLE_PERIOD_ENDED = "reasonable_period_ended"
MAIN_DUTY_DECIDED = "main_duty_decided"

_NOTICE_193B = ("Deliberate and unreasonable refusal to co-operate (notice after a warning)",
                "Housing Act 1996 s.193B(2) and (4), s.193C(2)")

END_REASONS: dict[str, dict[str, tuple[str, str]]] = {
    "prevention": {
        ACCOMMODATION_SECURED: ("Suitable accommodation secured for 6 months or more",
                                "Housing Act 1996 s.195(8)(a)"),
        DAYS_56_ELAPSED: ("56 days have passed (reasonable steps taken)", "Housing Act 1996 s.195(8)(b)"),
        REFUSED_SUITABLE_OFFER: ("Refused an offer of suitable accommodation", "Housing Act 1996 s.195(8)(d)"),
        INTENTIONALLY_HOMELESS: ("Became homeless intentionally from accommodation made available "
                                 "through the council's steps", "Housing Act 1996 s.195(8)(e)"),
        NO_LONGER_ELIGIBLE: ("No longer eligible for assistance", "Housing Act 1996 s.195(8)(f)"),
        CONTACT_LOST: ("Contact lost (application treated as withdrawn)",
                       "Housing Act 1996 s.195(8)(g); Homelessness Code of Guidance ch.14"),
        WITHDREW: ("Withdrew the application", "Housing Act 1996 s.195(8)(g)"),
        NON_COOPERATION: _NOTICE_193B,
    },
    "relief": {
        ACCOMMODATION_SECURED: ("Suitable accommodation secured for 6 months or more",
                                "Housing Act 1996 s.189B(7)(a)"),
        REFUSED_SUITABLE_OFFER: ("Refused an offer of suitable accommodation",
                                 "Housing Act 1996 s.189B(7)(c)"),
        REFUSED_FINAL_OFFER: ("Refused a final accommodation offer or a final Part 6 offer "
                              "(no main housing duty follows)", "Housing Act 1996 s.193A(1)-(3)"),
        INTENTIONALLY_HOMELESS: ("Became homeless intentionally from accommodation made available "
                                 "through the council's steps", "Housing Act 1996 s.189B(7)(d)"),
        NO_LONGER_ELIGIBLE: ("No longer eligible for assistance", "Housing Act 1996 s.189B(7)(e)"),
        CONTACT_LOST: ("Contact lost (application treated as withdrawn)",
                       "Housing Act 1996 s.189B(7)(f); Homelessness Code of Guidance ch.14"),
        WITHDREW: ("Withdrew the application", "Housing Act 1996 s.189B(7)(f)"),
        NON_COOPERATION: _NOTICE_193B,
    },
    "main_duty": {
        ACCOMMODATION_SECURED: ("Accepted an offer of accommodation under Part 6",
                                "Housing Act 1996 s.193(6)(c)"),
        REFUSED_SUITABLE_OFFER: ("Refused an offer of suitable accommodation (told of the consequences "
                                 "and of the right to a review)", "Housing Act 1996 s.193(5)"),
        REFUSED_FINAL_OFFER: ("Refused a final offer of accommodation under Part 6",
                              "Housing Act 1996 s.193(7), (7A)"),
        PRSO_ACCEPTED: ("Accepted a private rented sector offer", "Housing Act 1996 s.193(7AA)(a), (7AB)"),
        PRSO_REFUSED: ("Refused a private rented sector offer", "Housing Act 1996 s.193(7AA)(b), (7AB)"),
        ASSURED_TENANCY: ("Accepted an assured tenancy (not a shorthold) from a private landlord",
                          "Housing Act 1996 s.193(6)(cc)"),
        INTENTIONALLY_HOMELESS: ("Became homeless intentionally from the accommodation made available "
                                 "under the main duty", "Housing Act 1996 s.193(6)(b)"),
        NO_LONGER_ELIGIBLE: ("No longer eligible for assistance", "Housing Act 1996 s.193(6)(a)"),
        WITHDREW: ("Voluntarily left the accommodation provided", "Housing Act 1996 s.193(6)(d)"),
    },
    "intentional_priority": {
        ACCOMMODATION_SECURED: ("Found accommodation", "Housing Act 1996 s.190(2)(a)"),
        REASONABLE_PERIOD_ENDED: ("The reasonable period to find accommodation has ended",
                                  "Housing Act 1996 s.190(2)(a)"),
        WITHDREW: ("Withdrew the application", "Homelessness Code of Guidance ch.15"),
        NO_LONGER_ELIGIBLE: ("No longer eligible for assistance", "Housing Act 1996 s.185"),
    },
    "non_cooperation_duty": {
        NO_LONGER_ELIGIBLE: ("No longer eligible for assistance", "Housing Act 1996 s.193C(5)(a)"),
        INTENTIONALLY_HOMELESS: ("Became homeless intentionally from the accommodation made available",
                                 "Housing Act 1996 s.193C(5)"),
        ASSURED_TENANCY: ("Accepted an assured tenancy from a private landlord",
                          "Housing Act 1996 s.193C(5)(c)"),
        WITHDREW: ("Voluntarily left the accommodation provided", "Housing Act 1996 s.193C(5)"),
        REFUSED_FINAL_OFFER: ("Refused a final accommodation offer or a final Part 6 offer",
                              "Housing Act 1996 s.193C(6)"),
    },
}

# The letter that gives each ending to the applicant in writing (logic.letters.catalogue), with
# the right to a review: the s.193B(2) notice for refusing to co-operate, else the notice that
# the duty has ended, which states the ground and its review right.
END_NOTICE: dict[str, str] = {NON_COOPERATION: "s193b_notice"}
DUTY_ENDED_LETTER = "duty_ended"

# Which paragraph of s.202(1) gives the right to a review of each ending (the duty's own
# paragraph, unless the ending turns on the suitability of an offer or a s.193B notice).
_END_REVIEW_OF_DUTY = {"prevention": "section 202(1)(bc)", "relief": "section 202(1)(ba)",
                       "main_duty": "section 202(1)(b)", "intentional_priority": "section 202(1)(b)",
                       "non_cooperation_duty": "section 202(1)(b)"}
_END_REVIEW_OF_REASON = {
    NON_COOPERATION: "section 202(1)(bb)",
    REFUSED_SUITABLE_OFFER: "section 202(1)(f)",
    PRSO_ACCEPTED: "section 202(1)(g)",
    PRSO_REFUSED: "section 202(1)(g)",
}


def end_notice_letter(end_reason: str | None) -> str:
    """The letter type that notifies an ending (NON_COOPERATION's notice, else duty_ended)."""
    return END_NOTICE.get(end_reason or "", DUTY_ENDED_LETTER)


def end_review_provision(duty: str, end_reason: str | None) -> str:
    """The s.202(1) paragraph(s) under which the applicant may ask for a review of the ending."""
    own = _END_REVIEW_OF_DUTY.get(duty, "section 202(1)(b)")
    if end_reason == REFUSED_FINAL_OFFER:
        own = f"{own} and, on the suitability of the offer, section 202(1)(f)"
    elif end_reason in _END_REVIEW_OF_REASON:
        extra = _END_REVIEW_OF_REASON[end_reason]
        own = extra if end_reason == NON_COOPERATION else f"{own} and, on the suitability of the offer, {extra}"
    return own


def needs_end_notice(duty: str, end_reason: str | None) -> bool:
    """Whether an ending is notified by its own letter: every ending an officer chooses (the
    Act's ways of ending a duty, END_REASONS); a move that implies an ending (became homeless,
    the relief duty's 56 days) is notified by the next duty's letter or the s.184 decision."""
    return end_reason is not None and end_reason in END_REASONS.get(duty, {})


# The offers whose answer ends a duty, by (duty, end reason): the offer kinds (codes.OFFER_KINDS)
# and the answers (codes.OFFER_ANSWERS) that end it. The applicant must have been told in writing,
# before answering, of the consequences and of the right to a review of suitability.
OFFER_ENDINGS: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    ("prevention", REFUSED_SUITABLE_OFFER): (
        ("suitable_accommodation", "private_rented_offer", "part6_offer"), ("refused",)),
    ("relief", REFUSED_SUITABLE_OFFER): (
        ("suitable_accommodation", "private_rented_offer", "part6_offer"), ("refused",)),
    ("relief", REFUSED_FINAL_OFFER): (("final_accommodation_offer", "final_part6_offer"), ("refused",)),
    ("main_duty", REFUSED_SUITABLE_OFFER): (("suitable_accommodation",), ("refused",)),
    ("main_duty", REFUSED_FINAL_OFFER): (("final_part6_offer",), ("refused",)),
    ("main_duty", PRSO_ACCEPTED): (("private_rented_sector_offer",), ("accepted", "accepted_review")),
    ("main_duty", PRSO_REFUSED): (("private_rented_sector_offer",), ("refused",)),
    ("non_cooperation_duty", REFUSED_FINAL_OFFER): (
        ("final_accommodation_offer", "final_part6_offer"), ("refused",)),
}

def refusal_ending(duty: str, kind: str) -> str | None:
    """The end reason a refusal of an offer of this kind ends the duty on (None: it does not)."""
    return next((reason for (d, reason), (kinds, answers) in OFFER_ENDINGS.items()
                 if d == duty and kind in kinds and "refused" in answers), None)


# The offers that can be made under each duty (codes.OFFER_KINDS).
OFFER_KINDS_FOR_DUTY: dict[str, tuple[str, ...]] = {
    "prevention": ("suitable_accommodation", "private_rented_offer", "part6_offer"),
    "relief": ("suitable_accommodation", "private_rented_offer", "part6_offer",
               "final_accommodation_offer", "final_part6_offer"),
    "main_duty": ("suitable_accommodation", "part6_offer", "final_part6_offer",
                  "private_rented_sector_offer"),
    "non_cooperation_duty": ("part6_offer", "private_rented_offer", "final_accommodation_offer",
                             "final_part6_offer"),
}
# The reasons an officer chooses when a duty is ended (moving to relief or to the main duty
# decision ends a duty too, with the reason the move implies).
IMPLIED_END = {
    (PREVENTION, RELIEF): (BECAME_HOMELESS, "Became homeless: the relief duty follows",
                           "Housing Act 1996 s.195(8)(c)"),
    (RELIEF, MAIN_DUTY_DECISION): (DAYS_56_ELAPSED, "The relief duty's 56 days have ended",
                                   "Housing Act 1996 s.189B(4), (7)(b)"),
}


def end_reason_label(duty: str, code: str | None) -> str:
    """The officer's words for why a duty ended (including the ends a move implies)."""
    if code is None:
        return ""
    if code in END_REASONS.get(duty, {}):
        return END_REASONS[duty][code][0]
    implied = {c: label for c, label, _ in IMPLIED_END.values()}
    implied[REVIEW_DECISION] = REVIEW_END_LABEL
    return implied.get(code, code.replace("_", " "))


# the stage form's labels (pages/_casework.py), so a refused answer is named as the officer saw it
FIELD_LABELS: dict[str, str] = {
    "to_stage": "Next stage",
    "on": "With effect from",
    "end_reason": "If the duty ends: why",
    "warned_on": "Warning given on",
}


# --- the case as the rules see it ---------------------------------------------------------


@dataclass(frozen=True)
class DutyPeriod:
    id: int
    duty: str
    started_on: date
    ended_on: date | None = None
    end_reason: str | None = None
    notified_on: date | None = None
    end_notified_on: date | None = None  # the ending given in writing (its notice letter)

    @property
    def open(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class AssessmentFindings:
    """The officer's decisions on the latest assessment (they, not the engine's, drive the case)."""

    id: int
    assessed_on: date
    eligible: bool
    homelessness: str
    priority_need: bool
    intentionally_homeless: bool
    duty: str
    likely_to_lose_on: date | None = None
    section_21_expires_on: date | None = None  # a valid notice, per the facts
    local_connection: bool | None = None


@dataclass(frozen=True)
class StepState:
    id: int
    owner: str
    description: str
    due_on: date | None
    created_on: date
    status: str


@dataclass(frozen=True)
class PlacementState:
    id: int
    placement_type: str
    starts_on: date
    status: str
    ended_on: date | None = None
    address: str = ""

    def in_effect_on(self, on: date) -> bool:
        return self.status == "approved" and self.starts_on <= on and (
            self.ended_on is None or self.ended_on >= on)


@dataclass(frozen=True)
class OfferState:
    """An offer of accommodation under a duty, its suitability, the applicant's latest answer,
    and the day the consequences of refusal and the review right were given in writing."""

    id: int
    duty_id: int
    kind: str
    address: str
    offered_on: date
    suitable: bool
    respond_by: date | None = None
    answer: str | None = None
    answered_on: date | None = None
    consequences_notified_on: date | None = None


@dataclass(frozen=True)
class ReviewState:
    """A s.202 review as the rules see it (logic.casework.reviews writes its rows)."""

    id: int
    decision: str  # the decision challenged, in words (the letter's title)
    decision_type: str | None  # the letter's type
    ground: str  # codes.S202_GROUNDS
    requested_on: date
    notified_on: date  # when the decision challenged was notified
    in_time: bool
    late_accepted: bool | None = None
    reviewer_id: int | None = None  # the latest reviewer assigned
    minded_to_on: date | None = None  # the latest minded-to notice (reg 7(2))
    representations_by: date | None = None
    representations_on: date | None = None  # first representations received (after the notice, if any)
    extended_to: date | None = None  # a longer period agreed in writing (reg 9(1))
    decided_on: date | None = None
    decision_notified_on: date | None = None
    outcome: str | None = None
    ends_prevention: bool = False  # a s.193B(2) notice that ended the prevention duty
    appealed: bool = False

    @property
    def refused_late(self) -> bool:
        return not self.in_time and self.late_accepted is False

    @property
    def open(self) -> bool:
        return not self.refused_late and self.decided_on is None


@dataclass(frozen=True)
class CaseSnapshot:
    case_id: int
    reference: str
    stage: str
    status: str
    opened_on: date
    duties: tuple[DutyPeriod, ...] = ()
    assessment: AssessmentFindings | None = None
    steps: tuple[StepState, ...] = ()
    reviews: tuple[date, ...] = ()
    placements: tuple[PlacementState, ...] = ()
    warnings: tuple[tuple[int, date], ...] = ()  # (duty id, warned on)
    plan_agreements: tuple[tuple[date, bool], ...] = ()  # (recorded on, agreed) s.189A(5)-(6)
    plan_copies: tuple[date, ...] = ()  # the days a copy of the plan was given
    family: bool = False  # children or a pregnant member (Suitability Order 2003 art.2)
    offers: tuple[OfferState, ...] = ()
    part7_reviews: tuple[ReviewState, ...] = ()  # s.202 reviews asked on the case, oldest first
    # s.184 decisions that no duty row records, as notified: (letter type, title, notified on)
    decision_letters: tuple[tuple[str, str, date], ...] = ()

    @property
    def open_duty(self) -> DutyPeriod | None:
        return next((d for d in reversed(self.duties) if d.open), None)

    def last_ended(self, duty: str) -> DutyPeriod | None:
        return next((d for d in reversed(self.duties) if d.duty == duty and not d.open), None)


@dataclass(frozen=True)
class TransitionPlan:
    from_stage: str
    to_stage: str
    on: date
    ends_duty_id: int | None = None
    end_reason: str | None = None
    end_label: str | None = None
    citation: str = ""
    starts_duty: str | None = None
    summary: str = ""


# --- transitions ---------------------------------------------------------------------------


def _need_assessment(snapshot: CaseSnapshot, on: date) -> AssessmentFindings:
    a = snapshot.assessment
    if a is None:
        raise Refused("Record the assessment (s.189A) first: a duty is decided on an assessment",
                      "Housing Act 1996 s.189A")
    if on < a.assessed_on:
        raise FieldError(
            "on", f"the duty cannot begin before the assessment it rests on ({long_date(a.assessed_on)})",
            FIELD_LABELS)
    return a


def check_transition(snapshot: CaseSnapshot, to_stage: str, on: date, today: date, *,
                     end_reason: str | None, law: Policy, casework: CaseworkPolicy) -> TransitionPlan:
    """The plan of moving ``snapshot`` to ``to_stage`` on ``on``; refused with the reason why."""
    here = snapshot.stage
    if snapshot.status != "open":
        raise Refused("The case is closed; reopen it as a new case to act on it")
    if here not in TRANSITIONS:
        raise Refused(f"A case at {STAGE_LABELS.get(here, here)} does not move on")
    if to_stage not in TRANSITIONS[here]:
        allowed = ", ".join(STAGE_LABELS[s] for s in TRANSITIONS[here])
        raise FieldError(
            "to_stage", f"from {STAGE_LABELS[here]} the case can move only to: {allowed}",
            FIELD_LABELS)
    if on > today:
        raise FieldError("on", "a duty cannot start or end on a date still to come", FIELD_LABELS)
    duty = snapshot.open_duty
    if duty is not None and on < duty.started_on:
        raise FieldError(
            "on", f"the {DUTY_LABELS[duty.duty]} began on {long_date(duty.started_on)}; "
                  "it cannot end before it began", FIELD_LABELS)

    if to_stage == DUTY_ENDED:
        return _end_duty(snapshot, duty, on, end_reason, law, casework)

    if here == ASSESSMENT:
        a = _need_assessment(snapshot, on)
        if to_stage == PREVENTION:
            if not (a.eligible and a.homelessness == "threatened"):
                raise Refused(
                    "The prevention duty (s.195(2)) is owed to an eligible applicant threatened "
                    "with homelessness; the latest assessment does not find that",
                    "Housing Act 1996 s.195(2)")
            return TransitionPlan(here, to_stage, on, starts_duty="prevention",
                                  citation="Housing Act 1996 s.195(2)",
                                  summary="Prevention duty accepted")
        if to_stage == RELIEF:
            _need_homeless(a)
            return TransitionPlan(here, to_stage, on, starts_duty="relief",
                                  citation="Housing Act 1996 s.189B(2)",
                                  summary="Relief duty accepted")
        if a.eligible and a.homelessness in ("threatened", "homeless"):
            raise Refused(
                "The latest assessment finds the applicant eligible and "
                f"{a.homelessness.replace('threatened', 'threatened with homelessness')}, so a "
                "duty is owed: advice only is not enough")
        return TransitionPlan(here, to_stage, on, citation="Housing Act 1996 s.179(1)",
                              summary="No duty beyond advice and information")

    if here == PREVENTION and to_stage == RELIEF:
        a = _need_assessment(snapshot, on)
        _need_homeless(a)
        code, label, cite = IMPLIED_END[(here, to_stage)]
        return TransitionPlan(here, to_stage, on, ends_duty_id=duty.id if duty else None,
                              end_reason=code, end_label=label, citation=f"{cite}; s.189B(2)",
                              starts_duty="relief",
                              summary="Prevention duty ended: the applicant is homeless; relief duty accepted")

    if here == RELIEF and to_stage == NON_COOPERATION_DUTY:
        if duty is None:
            raise Refused("No relief duty is recorded on this case")
        a = _need_assessment(snapshot, on)
        if not s193c_4_applies(a):
            raise Refused(
                "The s.193C(4) duty follows a s.193B(2) notice only for an applicant the council is "
                "satisfied is homeless, eligible, in priority need and not intentionally homeless; "
                "the latest assessment does not find all four: end the relief duty with the notice "
                "instead (Duty ended, refusing to co-operate)", "Housing Act 1996 s.193C(3)-(4)")
        _check_cooperation_notice(snapshot, duty, on, casework)
        return TransitionPlan(here, to_stage, on, ends_duty_id=duty.id, end_reason=NON_COOPERATION,
                              end_label=END_REASONS["relief"][NON_COOPERATION][0],
                              citation="Housing Act 1996 s.193B(2), s.193C(2)-(4)",
                              starts_duty="non_cooperation_duty",
                              summary="Relief duty ended by a notice for refusing to co-operate (s.193B(2)); "
                                      "the main housing duty does not apply (s.193C(3)) and accommodation "
                                      "is made available under s.193C(4)")

    if here == RELIEF and to_stage == MAIN_DUTY_DECISION:
        if duty is None:
            raise Refused("No relief duty is recorded on this case")
        ends = law_deadlines.relief_duty_ends(duty.started_on, law)
        if on <= ends.on:
            raise FieldError(
                "on", f"{ends.text} The main duty decision comes after that (s.189B(4)): "
                      f"from {long_date(ends.on + timedelta(days=1))}.", FIELD_LABELS)
        code, label, cite = IMPLIED_END[(here, to_stage)]
        return TransitionPlan(here, to_stage, on, ends_duty_id=duty.id, end_reason=code,
                              end_label=label, citation=cite,
                              summary="Relief duty's 56 days ended: main duty decision due")

    # main_duty_decision -> main_duty | intentional_priority | no_further_duty
    a = _need_assessment(snapshot, on)
    relief = snapshot.last_ended("relief")
    if relief is None:
        raise Refused("No ended relief duty is recorded: the decision follows it")
    if not a.eligible:
        raise Refused(
            "The latest assessment finds the applicant not eligible (s.185); record the duty as "
            "ended for that reason instead", "Housing Act 1996 s.185")
    if to_stage == MAIN_DUTY:
        if not (a.priority_need and not a.intentionally_homeless and a.homelessness == "homeless"):
            raise Refused(
                "The main housing duty (s.193(2)) is owed to an applicant who is homeless, has a "
                "priority need and is not intentionally homeless; the latest assessment does not "
                "find all three. Reassess if the facts have changed.", "Housing Act 1996 s.193(2)")
        return TransitionPlan(here, to_stage, on, starts_duty="main_duty",
                              citation="Housing Act 1996 s.193(2)",
                              summary="Main housing duty accepted")
    if to_stage == INTENTIONAL_PRIORITY:
        if not (a.priority_need and a.intentionally_homeless):
            raise Refused(
                "s.190(2) applies to an applicant with a priority need who became homeless "
                "intentionally; the latest assessment does not find both", "Housing Act 1996 s.190(2)")
        return TransitionPlan(here, to_stage, on, starts_duty="intentional_priority",
                              citation="Housing Act 1996 s.190(2)",
                              summary="Intentionally homeless with a priority need: accommodation for a "
                                      "reasonable period with advice")
    if a.priority_need:
        raise Refused(
            "The latest assessment finds a priority need, so a duty to accommodate follows the "
            "relief duty (s.193(2) or s.190(2)); 'no further duty' is not open",
            "Housing Act 1996 s.193(2), s.190(2)")
    return TransitionPlan(here, to_stage, on, citation="Housing Act 1996 s.189B(7)(b); s.190(3)",
                          summary="No priority need: no further duty to secure accommodation")


def _need_homeless(a: AssessmentFindings) -> None:
    if not a.eligible:
        raise Refused(
            "The latest assessment finds the applicant not eligible (s.185): no relief duty is owed",
            "Housing Act 1996 s.185")
    if a.homelessness != "homeless":
        raise Refused(
            "No relief duty before the applicant is homeless (s.189B(2)): the latest "
            f"assessment ({long_date(a.assessed_on)}) finds them {codes.HOMELESSNESS.words(a.homelessness)}"
            ". Record a reassessment when they become homeless.", "Housing Act 1996 s.189B(2)")


def _end_duty(snapshot: CaseSnapshot, duty: DutyPeriod | None, on: date, end_reason: str | None,
              law: Policy, casework: CaseworkPolicy) -> TransitionPlan:
    if duty is None:
        raise Refused("No duty is open on this case to end")
    reasons = END_REASONS[duty.duty]
    if not end_reason:
        raise FieldError("end_reason", "choose why the duty ends", FIELD_LABELS)
    if end_reason not in reasons:
        raise FieldError(
            "end_reason", f"the {DUTY_LABELS[duty.duty]} does not end for that reason; choose one "
            f"of: {', '.join(label for label, _ in reasons.values())}", FIELD_LABELS)
    label, citation = reasons[end_reason]
    if end_reason == DAYS_56_ELAPSED:  # prevention only
        ends = law_deadlines.prevention_period_ends(duty.started_on, law)
        if on <= ends.on:
            raise FieldError(
                "on", f"{ends.text} It cannot be ended on that ground before "
                      f"{long_date(ends.on + timedelta(days=1))} (s.195(8)(b)).", FIELD_LABELS)
        a = snapshot.assessment
        if a and law_deadlines.section_195_6_applies(a.section_21_expires_on, on, law):
            verb = "expires" if a.section_21_expires_on >= on else "expired"
            raise FieldError(
                "end_reason", f"a valid {law.possession_notice} that threatens the applicant "
                f"{verb} on {long_date(a.section_21_expires_on)}: the prevention duty "
                "cannot be ended on the 56-day ground while that is so (s.195(6))", FIELD_LABELS)
    if end_reason == NON_COOPERATION:
        _check_cooperation_notice(snapshot, duty, on, casework)
        a = snapshot.assessment
        if duty.duty == "relief" and a is not None and s193c_4_applies(a):
            raise Refused(
                "The latest assessment finds the applicant homeless, eligible, in priority need and "
                "not intentionally homeless, so after a s.193B(2) notice the council must make "
                "accommodation available under s.193C(4): move the case to "
                f"'{STAGE_LABELS[NON_COOPERATION_DUTY]}' instead", "Housing Act 1996 s.193C(3)-(4)")
    if (duty.duty, end_reason) in OFFER_ENDINGS:
        _check_offer_ending(snapshot, duty, end_reason, on)
    return TransitionPlan(snapshot.stage, DUTY_ENDED, on, ends_duty_id=duty.id, end_reason=end_reason,
                          end_label=label, citation=citation,
                          summary=f"The {DUTY_LABELS[duty.duty]} ended: {label.lower()}")


def s193c_4_applies(a: AssessmentFindings) -> bool:
    """After a s.193B(2) notice, the s.193C(4) duty is owed to an applicant the council is
    satisfied is homeless, eligible, in priority need and not intentionally homeless."""
    return bool(a.eligible and a.homelessness == "homeless" and a.priority_need
                and not a.intentionally_homeless)


def _check_cooperation_notice(snapshot: CaseSnapshot, duty: DutyPeriod, on: date,
                              casework: CaseworkPolicy) -> None:
    """A s.193B(2) notice only after a relevant warning and a reasonable period (s.193B(4))."""
    warned = [w for d, w in snapshot.warnings if d == duty.id]
    if not warned:
        raise FieldError(
            "end_reason", "a notice for refusing to co-operate needs a warning first "
            "(s.193B(4)): give the warning, then allow the reasonable period", FIELD_LABELS)
    first_allowed = min(warned) + timedelta(days=casework.warning_period_days)
    if on < first_allowed:
        raise FieldError(
            "on", f"the warning was given on {long_date(min(warned))}; the council's reasonable "
            f"period is {casework.warning_period_days} days ({casework.cite('cooperation.warning_period_days')}),"
            f" so the notice can be given from {long_date(first_allowed)}", FIELD_LABELS)


def _kinds_in_words(kinds: tuple[str, ...]) -> str:
    words = [codes.OFFER_KINDS.words(k) for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _check_offer_ending(snapshot: CaseSnapshot, duty: DutyPeriod, end_reason: str, on: date) -> None:
    """An ending on an offer needs the offer recorded under this duty, the answer that ends it,
    an assessment that the accommodation is suitable, and the applicant told in writing, before
    answering, of the consequences and of the right to a review of suitability (s.193(5), (7),
    (7AB), s.193A(1)(b), s.193C(6), s.195(8)(d), s.189B(7)(c)); none of these can be put right
    on the stage form, so each missing one is a refusal naming it."""
    label, citation = END_REASONS[duty.duty][end_reason]
    kinds, answers = OFFER_ENDINGS[(duty.duty, end_reason)]
    offers = [o for o in snapshot.offers if o.duty_id == duty.id and o.kind in kinds]
    if not offers:
        raise Refused(
            f"'{label}' needs the offer recorded under this {DUTY_LABELS[duty.duty]}: no "
            f"{_kinds_in_words(kinds)} is recorded. Record the offer, its suitability and the "
            "applicant's answer under Offers first", citation)
    answered = [o for o in offers if o.answer in answers and o.answered_on is not None
                and o.answered_on <= on]
    if not answered:
        said = " or ".join(codes.OFFER_ANSWERS.words(a) for a in answers)
        raise Refused(
            f"'{label}' needs the applicant's answer to the offer recorded as {said} on or before "
            f"{long_date(on)}; no such answer is recorded on the offer"
            f"{'s' if len(offers) > 1 else ''} at {', '.join(o.address for o in offers)}", citation)
    suitable = [o for o in answered if o.suitable]
    if not suitable:
        o = answered[-1]
        raise Refused(
            f"The offer at {o.address} was assessed as not suitable for the household, so its "
            f"refusal does not end the {DUTY_LABELS[duty.duty]}: only an offer the council is "
            "satisfied is suitable can (s.206); make a suitable offer", citation)
    told = [o for o in suitable if o.consequences_notified_on is not None
            and o.consequences_notified_on <= o.answered_on]
    if not told:
        o = suitable[-1]
        raise Refused(
            f"The applicant was not told in writing, before answering the offer at {o.address}, of "
            "the consequences of refusing (or accepting) it and of the right to ask for a review of its "
            "suitability (s.202(1)(f), (1A)): the duty cannot end on it. Issue the final-offer letter "
            "and give the applicant time to answer", citation)


# s.193B(4): the duties during which an applicant can be warned for refusing to co-operate
COOPERATION_WARNING_DUTIES = ("prevention", "relief")


def check_warning(snapshot: CaseSnapshot, on: date, today: date) -> DutyPeriod:
    """A s.193B(4) warning is given while a prevention or relief duty is open."""
    duty = snapshot.open_duty
    if duty is None or duty.duty not in COOPERATION_WARNING_DUTIES:
        raise Refused("A warning under s.193B(4) is given while the prevention or relief duty runs",
                      "Housing Act 1996 s.193B(4)")
    if on > today or on < duty.started_on:
        raise FieldError("warned_on", "give a date in the duty so far, not in the future",
                         FIELD_LABELS)
    return duty


def check_closing(snapshot: CaseSnapshot) -> None:
    """A Part 7 case is closed only once no duty is left owed and no decision left due: a duty
    ends only in the ways the Act sets out, each notified in writing with the right to a review
    (s.195(5), s.189B(5), s.193(5)-(7), s.202(1)(b)), and after the relief duty the s.184
    decision on the main duty is owed (s.189B(4), s.184(3)). Closing a case never ends a duty:
    the officer ends it first (Duty and stage, "Duty ended", with its reason: a withdrawn
    application is one), so the household's duties seen elsewhere (the register's band) follow."""
    duty = snapshot.open_duty
    if duty is not None:
        cite = {"prevention": "Housing Act 1996 s.195(5), s.195(8)",
                "relief": "Housing Act 1996 s.189B(5), s.189B(7)",
                "main_duty": "Housing Act 1996 s.193(5)-(7)",
                "intentional_priority": "Housing Act 1996 s.190(2)",
                "non_cooperation_duty": "Housing Act 1996 s.193C(4)-(6)"}.get(duty.duty, "Housing Act 1996 Part 7")
        raise Refused(
            f"The {DUTY_LABELS[duty.duty]} is still owed (since {long_date(duty.started_on)}): "
            f"end it first under Duty and stage, with its reason and its notice to the applicant, "
            f"then close the case", cite)
    if snapshot.stage == MAIN_DUTY_DECISION:
        raise Refused(
            "The relief duty has ended and the decision on the main housing duty is due: make "
            "it and send the s.184 letter (with the right to a review) before closing the case",
            "Housing Act 1996 s.184(3), s.189B(4), s.202(1)(b)")


# --- personalised housing plan and TA helpers ----------------------------------------------


def plan_written(snapshot: CaseSnapshot) -> bool:
    """A plan sets out steps for the applicant and for the council (s.189A(4)-(6))."""
    owners = {s.owner for s in snapshot.steps}
    return {"applicant", "council"} <= owners


def plan_reviewed_from(snapshot: CaseSnapshot) -> date | None:
    """The date from which the next review is counted: the last review, or the plan's start."""
    if snapshot.reviews:
        return max(snapshot.reviews)
    if snapshot.steps:
        return min(s.created_on for s in snapshot.steps)
    return None


def bnb_days_used(snapshot: CaseSnapshot, before: date) -> int:
    """Days already spent in B&B before ``before`` (the six weeks are in aggregate)."""
    used = 0
    for p in snapshot.placements:
        if p.placement_type != "bed_and_breakfast" or p.status not in ("approved", "ended"):
            continue
        if p.starts_on >= before:
            continue
        end = min(p.ended_on or before, before - timedelta(days=1))
        used += max(0, (end - p.starts_on).days + 1)
    return used


def bnb_limit_for(snapshot: CaseSnapshot, placement: PlacementState, law: Policy
                  ) -> law_deadlines.Deadline:
    """The last day a family may stay in this B&B placement (Suitability Order 2003 art.4)."""
    earlier = bnb_days_used(snapshot, placement.starts_on)
    return law_deadlines.bnb_family_limit(placement.starts_on - timedelta(days=earlier), law)


# --- the legal basis of temporary accommodation --------------------------------------------


@dataclass(frozen=True)
class BasisCheck:
    """Whether the case's findings support a placement under a duty or power, and why."""

    basis: str
    supported: bool
    reasons: tuple[str, ...]
    citation: str

    @property
    def text(self) -> str:
        label = codes.TA_LEGAL_BASES.label(self.basis)
        head = (f"The case's findings support {_in_words(label)}" if self.supported else
                f"The case's findings do not support {_in_words(label)}")
        return f"{head} ({self.citation}): " + "; ".join(self.reasons) + "."


def _in_words(label: str) -> str:
    return label[:1].lower() + label[1:]


# The findings each duty needs: (finding, the value it must have, the words if it does not)
_NEEDS: dict[str, tuple[tuple[str, object, str], ...]] = {
    "s188_1_interim": (
        ("homelessness", "homeless", "the latest assessment does not find the applicant homeless"),
        ("eligible", True, "the latest assessment finds the applicant not eligible for assistance"),
        ("priority_need", True, "the latest assessment finds no priority need"),
    ),
    "s190_2a_intentional": (
        ("homelessness", "homeless", "the latest assessment does not find the applicant homeless"),
        ("eligible", True, "the latest assessment finds the applicant not eligible for assistance"),
        ("priority_need", True, "the latest assessment finds no priority need"),
        ("intentionally_homeless", True, "the latest assessment does not find the applicant intentionally homeless"),
    ),
    "s193_2_main_duty": (
        ("homelessness", "homeless", "the latest assessment does not find the applicant homeless"),
        ("eligible", True, "the latest assessment finds the applicant not eligible for assistance"),
        ("priority_need", True, "the latest assessment finds no priority need"),
        ("intentionally_homeless", False, "the latest assessment finds the applicant intentionally homeless"),
    ),
    "s200_1_referral": (
        ("homelessness", "homeless", "the latest assessment does not find the applicant homeless"),
        ("eligible", True, "the latest assessment finds the applicant not eligible for assistance"),
        ("priority_need", True, "the latest assessment finds no priority need"),
        ("intentionally_homeless", False, "the latest assessment finds the applicant intentionally homeless"),
        ("local_connection", False, "the latest assessment finds a local connection with this council, so "
                                    "there is no referral (s.198(2)(a))"),
    ),
}
_MET: dict[str, str] = {
    "homelessness": "homeless", "eligible": "eligible", "priority_need": "in priority need",
    "intentionally_homeless": "intentionally homeless", "local_connection": "no local connection here",
}
# Stages in which each duty can be owed (s.188(1) runs until the main duty decision, s.188(1ZA))
_BASIS_STAGES: dict[str, tuple[str, ...]] = {
    "s188_1_interim": (ASSESSMENT, RELIEF, MAIN_DUTY_DECISION),
    "s190_2a_intentional": (INTENTIONAL_PRIORITY,),
    "s193_2_main_duty": (MAIN_DUTY,),
    "s200_1_referral": (RELIEF, MAIN_DUTY_DECISION, MAIN_DUTY),
}


def placement_basis_check(findings: AssessmentFindings | None, stage: str, basis: str) -> BasisCheck:
    """Whether the officer's findings on the latest assessment support a placement made under
    ``basis`` (a code of ``codes.TA_LEGAL_BASES``). A duty needs its findings: s.188(1) reason to
    believe the applicant homeless, eligible and in priority need; s.190(2)(a) the same and
    intentionally homeless; s.193(2) the same and not intentionally homeless; s.200(1) the main
    duty's conditions and a referral (no local connection here, s.198). A power (s.188(3) pending
    a review, s.204(4) pending an appeal) follows a decision the applicant challenges, so it needs
    an assessment decided; whether to use it is the council's discretion."""
    citation = codes.TA_LEGAL_BASES.citation(basis)
    if findings is None:
        return BasisCheck(basis, False, ("no assessment is recorded, so no finding supports it yet",), citation)
    if basis in ("s188_3_review", "s204_4_appeal"):
        return BasisCheck(basis, True, (
            "a power, not a duty: the council decides whether to use it pending the "
            + ("review" if basis == "s188_3_review" else "appeal")
            + " (the merits, new information, and the applicant's circumstances)",), citation)
    reasons: list[str] = []
    met: list[str] = []
    for name, wanted, missing in _NEEDS[basis]:
        value = getattr(findings, name)
        if value is None:
            reasons.append(f"the latest assessment records no finding on {_MET[name].replace('no ', '')}")
        elif value != wanted:
            reasons.append(missing)
        else:
            met.append(_MET[name])
    if stage not in _BASIS_STAGES[basis]:
        reasons.append(f"the case is at {STAGE_LABELS.get(stage, stage)}, where this duty is not owed")
    if reasons:
        return BasisCheck(basis, False, tuple(reasons), citation)
    return BasisCheck(basis, True, (f"the latest assessment ({long_date(findings.assessed_on)}) finds the "
                                    "applicant " + ", ".join(met),), citation)


# --- compliance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str
    text: str
    citation: str


# The provision requiring an ending to be given in writing with the review right.
_END_NOTICE_DUTY = {"prevention": "s.195(5), (7)", "relief": "s.189B(5)-(6)", "main_duty": "s.184(3), s.193(5)",
                    "non_cooperation_duty": "s.184(3)", "intentional_priority": "s.184(3)"}

FLAG_TITLES = {
    "no_assessment": "Owed a duty with no written assessment",
    "no_plan": "Owed a duty with no personalised housing plan",
    "duty_not_notified": "Duty not notified",
    "plan_review_overdue": "Plan not reviewed in time",
    "homeless_on_prevention": "Homeless applicant still on prevention",
    "no_interim_accommodation": "Priority need in relief with no interim accommodation",
    "bnb_family_over_limit": "Family in B&B past the six-week limit",
    "plan_not_agreed": "Plan's agreement not recorded",
    "plan_copy_not_given": "No copy of the plan given",
    "duty_end_not_notified": "End of a duty not notified",
    "review_decision_overdue": "Review decision overdue",
}


def compliance_flags(snapshot: CaseSnapshot, today: date, law: Policy, casework: CaseworkPolicy
                     ) -> list[Flag]:
    """What the Ombudsman would find on this case today (open homelessness cases only)."""
    flags: list[Flag] = review_flags(snapshot, today, casework)  # a review runs on a closed case too
    if snapshot.status != "open":
        return flags
    duty = snapshot.open_duty
    a = snapshot.assessment
    if duty is not None and a is None:
        flags.append(Flag("no_assessment",
                          f"The {DUTY_LABELS[duty.duty]} is owed but no written assessment of the "
                          "circumstances, housing needs and support needs is recorded.",
                          "Housing Act 1996 s.189A(1)-(3)"))
    if duty is not None and duty.duty in ("prevention", "relief") and not plan_written(snapshot):
        flags.append(Flag("no_plan",
                          f"The {DUTY_LABELS[duty.duty]} is owed but the personalised housing plan "
                          "does not set out steps for both the applicant and the council.",
                          "Housing Act 1996 s.189A(4)-(6)"))
    if duty is not None and duty.notified_on is None:
        due = duty.started_on + timedelta(days=casework.notify_duty_within_days)
        if today > due:
            flags.append(Flag("duty_not_notified",
                              f"The {DUTY_LABELS[duty.duty]} began on {long_date(duty.started_on)} and "
                              f"no written notification is recorded (due by {long_date(due)}); "
                              "without it the applicant cannot exercise the right to a review.",
                              f"Housing Act 1996 s.184(3), s.189B(3); {casework.cite('notification.notify_duty_within_days')}"))
    if duty is not None and duty.duty in ("prevention", "relief") and snapshot.steps:
        start = plan_reviewed_from(snapshot)
        due = law_deadlines.php_review_due(start, law)
        if due.on < today:
            flags.append(Flag("plan_review_overdue",
                              f"The plan was last reviewed (or written) on {long_date(start)}; a review "
                              f"was due by {long_date(due.on)}.",
                              f"Housing Act 1996 s.189A(9); {law.name} {law.ref('deadlines.php_review_days')}"))
    if duty is not None and duty.duty in ("prevention", "relief") and snapshot.steps:
        written = min(s.created_on for s in snapshot.steps)
        due = written + timedelta(days=casework.plan_agreement_within_days)
        cite = casework.cite("plan.record_agreement_within_days")
        if today > due and not snapshot.plan_agreements:
            flags.append(Flag("plan_not_agreed",
                              f"The plan was written on {long_date(written)} and neither the applicant's "
                              "agreement to its steps nor why they could not be agreed is recorded "
                              f"(due by {long_date(due)}).",
                              f"Housing Act 1996 s.189A(4)-(6); {cite}"))
        if today > due and not snapshot.plan_copies:
            flags.append(Flag("plan_copy_not_given",
                              f"The plan was written on {long_date(written)} and no copy given to the "
                              f"applicant is recorded (due by {long_date(due)}).",
                              f"Housing Act 1996 s.189A(8); {cite}"))
    for ended in snapshot.duties:
        if ended.open or ended.end_notified_on is not None or not needs_end_notice(ended.duty, ended.end_reason):
            continue
        due = ended.ended_on + timedelta(days=casework.notify_duty_within_days)
        if today > due:
            letter = "the s.193B(2) notice" if end_notice_letter(ended.end_reason) == "s193b_notice" \
                else "the notice that the duty has ended"
            flags.append(Flag("duty_end_not_notified",
                              f"The {DUTY_LABELS[ended.duty]} ended on {long_date(ended.ended_on)} "
                              f"({end_reason_label(ended.duty, ended.end_reason).lower()}) and {letter} is "
                              f"not recorded as given (due by {long_date(due)}); without it the applicant "
                              "cannot exercise the right to a review.",
                              f"{END_REASONS[ended.duty][ended.end_reason][1]}; Housing Act 1996 "
                              f"{_END_NOTICE_DUTY.get(ended.duty, 's.184(3)')}; "
                              f"{casework.cite('notification.notify_duty_within_days')}"))
    if snapshot.stage == PREVENTION and a is not None:
        if a.homelessness == "homeless":
            flags.append(Flag("homeless_on_prevention",
                              f"The latest assessment ({long_date(a.assessed_on)}) finds the applicant "
                              "homeless, but the case is still on the prevention duty: move it to relief.",
                              "Housing Act 1996 s.195(8)(c), s.189B(2)"))
        elif a.likely_to_lose_on is not None and a.likely_to_lose_on < today:
            flags.append(Flag("homeless_on_prevention",
                              f"The home was expected to be lost on {long_date(a.likely_to_lose_on)}; "
                              "check whether the applicant is now homeless and reassess.",
                              "Housing Act 1996 s.195(8)(c), s.189B(2)"))
    if (snapshot.stage == RELIEF and a is not None and a.eligible and a.priority_need
            and not any(p.in_effect_on(today) for p in snapshot.placements)):
        flags.append(Flag("no_interim_accommodation",
                          "The applicant is homeless, eligible and has a priority need, but no "
                          "approved interim accommodation is recorded for today.",
                          "Housing Act 1996 s.188(1)"))
    if snapshot.family:
        for p in snapshot.placements:
            if p.placement_type == "bed_and_breakfast" and p.in_effect_on(today):
                limit = bnb_limit_for(snapshot, p, law)
                if limit.on < today:
                    flags.append(Flag("bnb_family_over_limit",
                                      f"A household with children or a pregnant member has been in "
                                      f"bed and breakfast past {long_date(limit.on)}.",
                                      str(limit.citation)))
    return flags


# --- deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    kind: str
    what: str
    due_on: date
    citation: str
    warn_from: date | None = None  # shown as due from this day (e.g. the B&B warning)
    extra: dict = field(default_factory=dict)


# The s.184 decision letters that no duty row records (the duty's own notices and endings are
# read from the duty rows): their 21-day review windows run from the letter (s.202(3)).
DECISION_LETTERS_WITHOUT_A_DUTY = ("s184_not_priority_need", "s184_intentionally_homeless",
                                   "s184_not_eligible", "referral_notification")


def deadlines_for(snapshot: CaseSnapshot, today: date, law: Policy, casework: CaseworkPolicy
                  ) -> list[DueItem]:
    """Every date that matters on an open homelessness case, computed from its rows."""
    if snapshot.status != "open":
        items: list[DueItem] = []
    else:
        items = _open_case_deadlines(snapshot, today, law, casework)
    # review request windows run from decisions, even on a case closed since
    decisions = [(d, (d.end_notified_on or d.ended_on) if d.ended_on is not None else (d.notified_on or d.started_on))
                 for d in snapshot.duties
                 if d.ended_on is not None and d.end_reason not in (BECAME_HOMELESS, DAYS_56_ELAPSED)
                 or d.duty in ("main_duty", "intentional_priority")]
    # an adverse s.184 decision starts no duty (or a s.190 duty whose row already counts): its
    # letter is the decision, and the 21 days run from it (s.202(3))
    owed = {d.duty for d in snapshot.duties}
    letters = [(title, notified) for code, title, notified in snapshot.decision_letters
               if not (code == "s184_intentionally_homeless" and "intentional_priority" in owed)]
    asked = reviewed_decisions([n for _, n in decisions] + [n for _, n in letters], snapshot.part7_reviews)
    for title, notified in letters:
        window = law_deadlines.review_request_deadline(notified, law)
        if notified not in asked and window.on >= today:
            items.append(DueItem("review_request", f"Review request window (s.202) closes: {title}",
                                 window.on, str(window.citation)))
    for d, notified in decisions:
        if notified in asked:
            continue  # a review of this decision has been asked: its own dates follow
        window = law_deadlines.review_request_deadline(notified, law)
        if window.on >= today:
            what = (f"Review request window (s.202) closes: decision to end the {DUTY_LABELS[d.duty]}"
                    if d.ended_on is not None else
                    f"Review request window (s.202) closes: decision on the {DUTY_LABELS[d.duty]}")
            items.append(DueItem("review_request", what, window.on, str(window.citation)))
    items.extend(review_deadlines(snapshot, today, casework))
    return items


def _open_case_deadlines(snapshot: CaseSnapshot, today: date, law: Policy,
                         casework: CaseworkPolicy) -> list[DueItem]:
    items: list[DueItem] = []
    duty = snapshot.open_duty
    for ended in snapshot.duties:
        if ended.open or ended.end_notified_on is not None or not needs_end_notice(ended.duty, ended.end_reason):
            continue
        letter = "s.193B(2) notice" if end_notice_letter(ended.end_reason) == "s193b_notice" else "notice"
        items.append(DueItem("duty_end_notification",
                             f"Give the {letter} that the {DUTY_LABELS[ended.duty]} ended, with the right "
                             "to a review", ended.ended_on + timedelta(days=casework.notify_duty_within_days),
                             END_REASONS[ended.duty][ended.end_reason][1]))
    for offer in snapshot.offers:
        if offer.answer is None and offer.respond_by is not None and duty is not None and offer.duty_id == duty.id:
            items.append(DueItem("offer_reply", f"Applicant's answer to the offer at {offer.address} "
                                 f"({codes.OFFER_KINDS.words(offer.kind)})", offer.respond_by,
                                 codes.OFFER_KINDS.citation(offer.kind)))
    if snapshot.stage == ASSESSMENT:
        target = law_deadlines.decision_target(snapshot.opened_on, law)
        items.append(DueItem("s184_decision", "s.184 decision on the application (service standard)",
                             target.on, str(target.citation)))
    if snapshot.stage == MAIN_DUTY_DECISION:
        relief = snapshot.last_ended("relief")
        start = relief.ended_on if relief and relief.ended_on else snapshot.opened_on
        target = law_deadlines.decision_target(start, law)
        items.append(DueItem("s184_decision", "Main duty decision after relief (service standard)",
                             target.on, str(target.citation)))
    if duty is not None:
        if duty.duty == "prevention":
            end = law_deadlines.prevention_period_ends(duty.started_on, law)
            items.append(DueItem("prevention_56_days", "Prevention duty: 56 days end", end.on,
                                 str(end.citation)))
        if duty.duty == "relief":
            end = law_deadlines.relief_duty_ends(duty.started_on, law)
            items.append(DueItem("relief_56_days", "Relief duty: 56 days end (then the main duty decision)",
                                 end.on, str(end.citation)))
        if duty.notified_on is None:
            items.append(DueItem("duty_notification", f"Notify the {DUTY_LABELS[duty.duty]} in writing",
                                 duty.started_on + timedelta(days=casework.notify_duty_within_days),
                                 "Housing Act 1996 s.184(3), s.189B(3)"))
        for duty_id, warned_on in snapshot.warnings:
            if duty_id == duty.id:
                items.append(DueItem(
                    "s193b_period", "s.193B warning: reasonable period ends (a notice may then be given)",
                    warned_on + timedelta(days=casework.warning_period_days),
                    "Housing Act 1996 s.193B(4)"))
        if duty.duty in ("prevention", "relief"):
            start = plan_reviewed_from(snapshot)
            if start is not None:
                due = law_deadlines.php_review_due(start, law)
                items.append(DueItem("php_review", "Review the personalised housing plan", due.on,
                                     str(due.citation)))
            for step in snapshot.steps:
                if step.status == "open" and step.due_on is not None:
                    who = "Applicant" if step.owner == "applicant" else "Council"
                    items.append(DueItem("php_step", f"Plan step ({who}): {step.description}",
                                         step.due_on, "Housing Act 1996 s.189A(4)-(6)"))
    if snapshot.family:
        for p in snapshot.placements:
            if p.placement_type == "bed_and_breakfast" and p.in_effect_on(today):
                limit = bnb_limit_for(snapshot, p, law)
                items.append(DueItem(
                    "bnb_family_limit",
                    f"Family in B&B: six-week limit ({p.address})" if p.address
                    else "Family in B&B: six-week limit",
                    limit.on, str(limit.citation),
                    warn_from=limit.on - timedelta(days=casework.bnb_warning_days)))
    return items


def due_status(item: DueItem, today: date) -> str:
    if item.due_on < today:
        return "overdue"
    if item.due_on == today:
        return "due today"
    if item.warn_from is not None and today >= item.warn_from:
        return "warning"
    return "upcoming"


# --- affordability ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Affordability:
    rent_share_percent: float
    verdict: str  # affordable | budget_check | unaffordable
    text: str


def affordability(monthly_rent_pence: int, monthly_income_pence: int, policy: CaseworkPolicy
                  ) -> Affordability:
    """Rent as a share of income against the council's thresholds (Suitability Order 1996 art.2)."""
    share = round(100 * monthly_rent_pence / monthly_income_pence, 1)
    low, high = policy.affordable_up_to_percent, policy.refuse_above_percent
    if share <= low:
        return Affordability(share, "affordable",
                             f"The rent is {share}% of the household's income, within the "
                             f"{low}% the council treats as affordable.")
    if share <= high:
        return Affordability(share, "budget_check",
                             f"The rent is {share}% of the household's income, above {low}% but not "
                             f"above {high}%: affordable only if a budget check shows enough is left "
                             "for living costs; the approving officer records that check.")
    return Affordability(share, "unaffordable",
                         f"The rent is {share}% of the household's income, above the {high}% the "
                         "council treats as the limit of affordability.")


# --- s.202 reviews and s.204 appeals ----------------------------------------------------------

REVIEWER_CITATION = ("Housing Act 1996 s.203(2)(a); Homelessness (Review Procedure etc.) "
                     "Regulations 2018 Part 3")
MINDED_TO_CITATION = "Homelessness (Review Procedure etc.) Regulations 2018 reg 7(2)"
PERIOD_CITATION = "Homelessness (Review Procedure etc.) Regulations 2018 reg 9(1)"
# a duty ended because a review decision replaced the decision that made it owed
REVIEW_DECISION = "review_decision"
REVIEW_END_LABEL = "A review decision replaced the decision it rested on"

# The review's form (pages/_sections/reviews.py), so a refused answer is named as the officer saw it
REVIEW_FIELD_LABELS: dict[str, str] = {
    "letter_id": "Decision challenged (its letter)",
    "ground": "What the review is about (s.202(1))",
    "requested_on": "Review requested on",
    "decision_on": "Date of the decision (no letter on file)",
    "decision_summary": "The decision (no letter on file)",
    "late_accepted": "Late request: the council's decision",
    "late_reason": "Why the late request is accepted or refused",
    "reviewer_id": "Reviewer",
    "assigned_on": "Assigned on",
    "notified_on": "Told the applicant on",
    "points": "What the reviewer is minded to decide, and why",
    "received_on": "Representations received on (or none by)",
    "kind": "Representations",
    "summary": "What the applicant said",
    "agreed_on": "Longer period agreed in writing on",
    "decide_by": "Decision now due by",
    "outcome": "Review decision",
    "reasons": "Reasons for the review decision",
    "decided_on": "Decided on",
    "lodged_on": "Appeal lodged on",
    "late_permission": "Court's permission for a late appeal (s.204(2A))",
    "appeal_outcome": "Court's decision",
    "appeal_decided_on": "Court decided on",
    "review": "Review",
    "appeal": "Appeal",
}

# s.202(1)(ba)(i), (bc), and (bb) where the notice ended the prevention duty: reg 9(1)(a)
_STEPS_GROUNDS = ("ba_i", "bc_i", "bc_ii")


def _seniority(role: str) -> int:
    """trainee < officer < senior < manager (codes.CASEWORK_ROLES, in that order)."""
    return codes.CASEWORK_ROLES.index(role) if role in codes.CASEWORK_ROLES else -1


@dataclass(frozen=True)
class OfficerRef:
    id: int
    name: str
    role: str
    active: bool = True


def check_reviewer(reviewer: OfficerRef, *, decision_makers: tuple[OfficerRef, ...],
                   involved: dict[int, str], casework: CaseworkPolicy) -> None:
    """The reviewer of a decision made by an officer must be senior to the officer who made it
    and not involved in it (s.203(2)(a); Regulations 2018 Part 3), and hold a role the council lets review.
    ``decision_makers``: the officer who issued the decision's letter and the one who assessed
    the case; ``involved``: every officer who took part (id -> what they did)."""
    labels = REVIEW_FIELD_LABELS
    if not reviewer.active:
        raise FieldError("reviewer_id", f"{reviewer.name}'s account is not active", labels)
    if reviewer.role not in casework.reviewer_roles:
        allowed = " or ".join(codes.ROLES.label(r).lower() for r in casework.reviewer_roles)
        raise FieldError(
            "reviewer_id", f"{reviewer.name} is a {codes.ROLES.label(reviewer.role).lower()}; the council's "
            f"reviewers are a {allowed} ({casework.cite('reviews.reviewer_roles')})", labels)
    if reviewer.id in involved:
        raise FieldError(
            "reviewer_id", f"{reviewer.name} {involved[reviewer.id]}: the reviewer must not have been "
            f"involved in the original decision ({REVIEWER_CITATION})", labels)
    for maker in decision_makers:
        if _seniority(reviewer.role) <= _seniority(maker.role):
            raise FieldError(
                "reviewer_id", f"{reviewer.name} ({codes.ROLES.label(reviewer.role).lower()}) is not senior to "
                f"{maker.name} ({codes.ROLES.label(maker.role).lower()}), who made the original decision: "
                f"the reviewer must be senior to them ({REVIEWER_CITATION})", labels)


def review_decision_due(review: ReviewState, casework: CaseworkPolicy) -> tuple[date, str]:
    """The last day to notify the decision on a review (reg 9(1)): 3 weeks for a review of the
    steps of the relief or prevention duty, or of a s.193B(2) notice that ended the prevention
    duty, counted from the day representations are received if any (reg 9(1)(a)); 8 weeks for
    every other decision (reg 9(1)(b)); each beginning with the day of the request; or the
    longer period agreed in writing with the applicant."""
    if review.extended_to is not None:
        return review.extended_to, f"{PERIOD_CITATION} (a longer period agreed in writing)"
    if review.ground in _STEPS_GROUNDS or (review.ground == "bb" and review.ends_prevention):
        start = review.representations_on or review.requested_on
        return (law_deadlines.last_day(start, casework.review_decision_weeks_steps * 7),
                casework.cite("reviews.decision_weeks_steps"))
    return (law_deadlines.last_day(review.requested_on, casework.review_decision_weeks * 7),
            casework.cite("reviews.decision_weeks"))


def representations_by(notified_on: date, casework: CaseworkPolicy) -> date:
    """The last day for representations after a minded-to notice (reg 7(2); the council's period)."""
    return law_deadlines.last_day(notified_on, casework.minded_to_representations_days)


def appeal_deadline(notified_on: date, casework: CaseworkPolicy) -> date:
    """The last day to appeal to the county court: 21 days beginning with the day the review
    decision is notified (s.204(2))."""
    return law_deadlines.last_day(notified_on, casework.appeal_days)


def check_review_decision(review: ReviewState, *, outcome: str, decided_on: date, by_id: int,
                          today: date) -> None:
    """A review is decided once, by its reviewer, after the request; after a minded-to notice an
    adverse decision waits for the applicant's representations or the end of the period given
    for them (reg 7(2)). A withdrawal by the applicant needs no reviewer."""
    labels = REVIEW_FIELD_LABELS
    if review.decided_on is not None:
        raise Refused(f"The review was decided on {long_date(review.decided_on)}; the next step is an "
                      "appeal to the county court (s.204)", "Housing Act 1996 s.204")
    if review.refused_late:
        raise Refused("The council refused to accept this late request, so there is no review to decide",
                      "Housing Act 1996 s.202(3)")
    if outcome not in codes.PART7_REVIEW_OUTCOMES:
        raise FieldError("outcome", "choose the review decision", labels)
    if not isinstance(decided_on, date):
        raise FieldError("decided_on", "give a date", labels)
    if decided_on > today:
        raise FieldError("decided_on", "cannot be a date still to come", labels)
    if decided_on < review.requested_on:
        raise FieldError("decided_on", f"the review was requested on {long_date(review.requested_on)}; "
                         "it cannot be decided before that", labels)
    if outcome == "withdrawn":
        return
    if review.reviewer_id is None:
        raise Refused("Assign a reviewer first: the decision is theirs", REVIEWER_CITATION)
    if by_id != review.reviewer_id:
        raise Refused("Only the reviewer assigned to this review may decide it", REVIEWER_CITATION)
    if (outcome in ("upheld", "varied") and review.minded_to_on is not None
            and review.representations_on is None and review.representations_by is not None
            and decided_on <= review.representations_by):
        raise FieldError(
            "decided_on", f"the applicant was told on {long_date(review.minded_to_on)} that you are minded "
            f"to decide against them and may make representations by {long_date(review.representations_by)}; "
            f"none are recorded, so the review cannot be decided before "
            f"{long_date(review.representations_by + timedelta(days=1))} ({MINDED_TO_CITATION})", labels)


# The s.202(1) paragraphs under which each decision letter's decision is reviewed; a letter type
# not listed here (a later one) may be reviewed on any ground.
GROUNDS_OF_DECISION: dict[str, tuple[str, ...]] = {
    "prevention_duty": ("b", "bc_i"),
    "relief_duty": ("b", "ba_i"),
    "s184_main_duty_accepted": ("b",),
    "s184_not_priority_need": ("b",),
    "s184_intentionally_homeless": ("b",),
    "s184_not_eligible": ("a", "b"),
    "s193b_notice": ("bb",),
    "duty_ended": ("b", "ba_ii", "bc_ii"),
    "referral_notification": ("c", "d", "e"),
    "personal_housing_plan": ("ba_i", "bc_i"),
    "ta_offer": ("f", "1A"),
}


def check_review_ground(decision_type: str | None, title: str, ground: str) -> None:
    """A review is asked of the decision the letter notified: its ground is one of the s.202(1)
    paragraphs that decision falls under."""
    fits = GROUNDS_OF_DECISION.get(decision_type or "")
    if fits is not None and ground not in fits:
        raise FieldError("ground", f"\"{title}\" notifies a decision reviewed under "
                         + " or ".join(codes.S202_GROUNDS.citation(g).replace("Housing Act 1996 ", "")
                                       for g in fits), REVIEW_FIELD_LABELS)


# The decisions whose reversal on review makes a duty owed again (the letter types that notify them)
REOPENING_DECISIONS = ("s184_not_priority_need", "s184_intentionally_homeless", "s184_not_eligible",
                       "duty_ended", "s193b_notice")


def review_outcome_plan(snapshot: CaseSnapshot, decision_type: str | None, on: date
                        ) -> TransitionPlan | None:
    """What follows a review that overturns (or varies in the applicant's favour) the decision
    ``decision_type`` on ``on`` (the review decision's date): the duty the original decision
    denied or ended is owed from then. None: nothing on the case changes (the officer acts on the
    review's reasons). Pure: the service applies the plan like any other move."""
    if decision_type not in REOPENING_DECISIONS:
        return None
    here, a, duty = snapshot.stage, snapshot.assessment, snapshot.open_duty
    cite = "Housing Act 1996 s.202, s.203"
    if decision_type in ("s184_not_priority_need", "s184_intentionally_homeless"):
        # the s.184 decision after relief: the review finds the applicant in priority need and not
        # intentionally homeless (or, for "not in priority need", in priority need and as assessed)
        target = MAIN_DUTY
        if decision_type == "s184_not_priority_need" and a is not None and a.intentionally_homeless:
            target = INTENTIONAL_PRIORITY
        if duty is not None and duty.duty == DUTY_OF_STAGE[target]:
            return None
        section = "s.193(2)" if target == MAIN_DUTY else "s.190(2)"
        return TransitionPlan(
            here, target, on, ends_duty_id=duty.id if duty else None,
            end_reason=REVIEW_DECISION if duty else None, end_label=REVIEW_END_LABEL if duty else None,
            citation=f"{cite}; Housing Act 1996 {section}", starts_duty=DUTY_OF_STAGE[target],
            summary=f"Review: the {codes.CASEWORK_DUTIES.words(DUTY_OF_STAGE[target])} is owed from "
                    f"{long_date(on)}")
    if decision_type == "s184_not_eligible":
        if a is None or duty is not None or a.homelessness not in ("threatened", "homeless"):
            return None
        target = PREVENTION if a.homelessness == "threatened" else RELIEF
        return TransitionPlan(
            here, target, on, citation=f"{cite}; Housing Act 1996 {'s.195(2)' if target == PREVENTION else 's.189B(2)'}",
            starts_duty=DUTY_OF_STAGE[target],
            summary=f"Review: eligible for assistance; the {codes.CASEWORK_DUTIES.words(target)} is owed "
                    f"from {long_date(on)}")
    # a notice ending a duty (s.195(5), s.189B(5), s.193(5)-(7), s.193B(2)) withdrawn on review
    if duty is not None:
        return None
    ended = next((d for d in reversed(snapshot.duties)
                  if d.ended_on is not None and d.end_reason not in (BECAME_HOMELESS, DAYS_56_ELAPSED)),
                 None)
    if ended is None:
        return None
    target = next(stage for stage, owed in DUTY_OF_STAGE.items() if owed == ended.duty)
    return TransitionPlan(
        here, target, on, citation=f"{cite}; Housing Act 1996 {codes.CASEWORK_DUTIES.citation(ended.duty)}",
        starts_duty=ended.duty,
        summary=f"Review: the notice ending the {codes.CASEWORK_DUTIES.words(ended.duty)} is withdrawn; "
                f"the duty is owed again from {long_date(on)}")


def reviewed_decisions(decided_on: list[date], reviews: tuple[ReviewState, ...]) -> set[date]:
    """Which of the decisions made on ``decided_on`` days a review has been asked of: each review
    (not a refused late one) is of the latest decision made on or before the day it names as
    notified (a decision's letter may follow its day)."""
    asked = set()
    for r in reviews:
        if r.refused_late:
            continue
        before = [d for d in decided_on if d <= r.notified_on]
        if before:
            asked.add(max(before))
    return asked


def review_deadlines(snapshot: CaseSnapshot, today: date, casework: CaseworkPolicy) -> list[DueItem]:
    """Each open review's decision date (reg 9(1)) and representations date (reg 7(2)), and the
    appeal window after an adverse review decision (s.204(2))."""
    items: list[DueItem] = []
    for r in snapshot.part7_reviews:
        if r.open:
            due, cite = review_decision_due(r, casework)
            items.append(DueItem("review_decision", f"Review decision (s.202) due: {r.decision}", due, cite,
                                 extra={"review_id": r.id}))
            if r.minded_to_on is not None and r.representations_on is None and r.representations_by:
                items.append(DueItem("review_representations",
                                     f"Representations on the minded-to notice: {r.decision}",
                                     r.representations_by, MINDED_TO_CITATION, extra={"review_id": r.id}))
        elif (r.outcome in ("upheld", "varied") and not r.appealed and r.decision_notified_on is not None):
            closes = appeal_deadline(r.decision_notified_on, casework)
            if closes >= today:
                items.append(DueItem("appeal_window", f"Appeal to the county court (s.204) window closes: "
                                     f"{r.decision}", closes, casework.cite("reviews.appeal_days"),
                                     extra={"review_id": r.id}))
    return items


def review_flags(snapshot: CaseSnapshot, today: date, casework: CaseworkPolicy) -> list[Flag]:
    flags = []
    for r in snapshot.part7_reviews:
        if not r.open:
            continue
        due, cite = review_decision_due(r, casework)
        if due < today:
            flags.append(Flag("review_decision_overdue",
                              f"The review of \"{r.decision}\" was requested on {long_date(r.requested_on)}; "
                              f"its decision was due by {long_date(due)} and none is recorded.",
                              f"Housing Act 1996 s.203(7); {cite}"))
    return flags
