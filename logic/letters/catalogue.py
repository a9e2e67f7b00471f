"""Which letters Hearth sends: their law, the options an officer gives, the fields a template
may use, and the hooks through which the casework and register modules supply their data.

The law of each letter lives here in code (its citation, whether it notifies a duty or a
decision, whether it is adverse, which review right it carries), and the wording lives in
``data/letters/<letter_type>.toml``, which a council edits without code. A template may only
use the fields its letter type lists below: anything else is refused when it is loaded.

Hooks (see ``register_context_provider`` and ``register_issue_hook``) let the homelessness
casework and housing register modules fill a letter's options from their own tables (the
latest assessment's facts, the open duty's start date, the plan's steps, the placement) and
update their own rows in the same transaction when a letter is issued, without this package
importing them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlmodel import Session

from logic.common import codes

# The form's labels, so a refused answer is named as the officer saw it:
# pages/letters.py.
FIELD_LABELS: dict[str, str] = {
    "letter_type": "Letter",
}

OptionKind = Literal["text", "paragraph", "lines", "date", "choice", "bool", "steps", "facts"]
Notifies = Literal["duty", "decision", "warning", "review", "none"]
ReviewRight = Literal["s202", "s166A", "none"]

NOTIFICATION_EVENT: dict[str, str] = {
    "duty": "duty_notified",
    "decision": "decision_notified",
    "warning": "warning_notified",
    "review": "review_notified",  # a step of a s.202 review (a minded-to notice, the decision)
}

# A letter names the duty in the engine's codes; the duty itself is the one casework records.
DUTY_CHOICES: dict[str, str] = {
    code: codes.CASEWORK_DUTIES.cited(codes.casework_duty(code))
    for code in ("prevention", "relief", "main", "intentional_priority")
}
PLACEMENT_BASIS: dict[str, str] = {
    "interim": "Interim accommodation while we decide your application (s.188(1))",
    "relief": "Accommodation secured under the relief duty (s.189B(2))",
    "main": "Temporary accommodation under the main housing duty (s.193(2))",
    "intentional_priority": "Accommodation for a reasonable period (s.190(2)(a))",
}


@dataclass(frozen=True)
class Option:
    """One thing the officer (or a provider) gives when asking for a letter."""

    name: str
    kind: OptionKind
    label: str
    required: bool = True
    choices: Mapping[str, str] = field(default_factory=dict)
    help: str = ""


@dataclass(frozen=True)
class LetterType:
    code: str
    label: str
    citation: str  # the section the letter is written under
    notifies: Notifies  # which clock the notification date starts
    review: ReviewRight
    adverse: bool  # states reasons in full; True for every decision against the applicant
    options: tuple[Option, ...]
    engine_fields: tuple[str, ...] = ()  # the determination's fields whose reasons are quoted
    expects: Mapping[str, Any] = field(default_factory=dict)  # what the engine must have found
    text_fields: tuple[str, ...] = ()  # extra scalar placeholders this type adds
    list_fields: tuple[str, ...] = ()  # extra bullet-list fields
    row_fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # tables: columns
    flag_fields: tuple[str, ...] = ()  # extra true/false fields for `when`/`unless`
    to_other_authority: bool = False  # addressed to another council, not to the applicant
    may_be_batched: bool = True
    appeal: bool = False  # carries the right to appeal to the county court (s.203(5), s.204)

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)


# Fields every letter has (scalars for placeholders, lists for bullet blocks, flags for
# `when`/`unless`). The builders in logic.letters.builders fill all of them.
COMMON_TEXT = (
    "council_name", "council_address", "council_phone", "council_email", "office_hours",
    "reference", "letter_date", "applicant_name", "addressee_name", "household_reference",
    "officer_name", "team_name", "letter_citation",
)
REVIEW_TEXT = ("review_deadline", "review_days", "review_provision", "review_how")
APPEAL_TEXT = ("appeal_deadline", "appeal_days")
COMMON_LISTS = ("reasons", "officer_reasons", "determination_reasons")
COMMON_FLAGS = ("has_reasons", "has_determination", "adverse", "no_fixed_address")

_FACTS = Option("facts", "facts", "Facts from the assessment (engine input)", required=False,
                help="The decision engine's input; its reasons are quoted in the letter.")
_REASONS = Option("reasons", "lines", "Reasons for the decision (one a line)",
                  help="Written to the applicant as they are: say what was decided and why.")
_REASONS_OPTIONAL = Option("reasons", "lines", "Further reasons or notes (one a line)", required=False)
_DUTY_STARTED = Option("duty_started_on", "date", "Date the duty began")

LETTER_TYPES: dict[str, LetterType] = {}


def _add(letter_type: LetterType) -> None:
    LETTER_TYPES[letter_type.code] = letter_type


_add(LetterType(
    "prevention_duty", "Prevention duty owed", "Housing Act 1996 s.184(3) and s.195(2)",
    notifies="duty", review="s202", adverse=False,
    options=(_DUTY_STARTED, _FACTS, _REASONS_OPTIONAL),
    engine_fields=("eligible", "homelessness", "duty"), expects={"duty": "prevention"},
    text_fields=("duty_started_on", "prevention_period_ends", "plan_review_due",
                 "possession_notice", "notice_expiry"),
    flag_fields=("section_195_6",),
))
_add(LetterType(
    "relief_duty", "Relief duty owed", "Housing Act 1996 s.184(3) and s.189B(2)",
    notifies="duty", review="s202", adverse=False,
    options=(_DUTY_STARTED, _FACTS, _REASONS_OPTIONAL),
    engine_fields=("eligible", "homelessness", "priority_need", "interim_accommodation_duty", "duty"),
    expects={"duty": "relief"},
    text_fields=("duty_started_on", "relief_duty_ends", "plan_review_due"),
    flag_fields=("interim_accommodation",),
))
_add(LetterType(
    "s184_main_duty_accepted", "Section 184 decision: main housing duty accepted",
    "Housing Act 1996 s.184(3) and s.193(2)", notifies="duty", review="s202", adverse=False,
    options=(_FACTS, _REASONS_OPTIONAL),
    engine_fields=("eligible", "homelessness", "priority_need", "intentionally_homeless", "duty"),
    expects={"duty": "main"},
))
_add(LetterType(
    "s184_not_priority_need", "Section 184 decision: not in priority need",
    "Housing Act 1996 s.184(3) and s.189(1)", notifies="decision", review="s202", adverse=True,
    options=(_REASONS, _FACTS), engine_fields=("priority_need", "duty"),
    expects={"priority_need": False},
))
_add(LetterType(
    "s184_intentionally_homeless", "Section 184 decision: intentionally homeless",
    "Housing Act 1996 s.184(3), s.190 and s.191", notifies="decision", review="s202",
    adverse=True,
    options=(_REASONS, _FACTS,
             Option("accommodation_until", "date",
                    "Accommodation provided until (s.190(2)(a); leave empty if none)", required=False)),
    engine_fields=("intentionally_homeless", "priority_need", "duty"),
    expects={"intentionally_homeless": True},
    text_fields=("accommodation_until",), flag_fields=("accommodation_provided",),
))
_add(LetterType(
    "s184_not_eligible", "Section 184 decision: not eligible for assistance",
    "Housing Act 1996 s.184(3) and s.185", notifies="decision", review="s202", adverse=True,
    options=(_REASONS, _FACTS), engine_fields=("eligible",), expects={"eligible": False},
))
_add(LetterType(
    "s193b_warning", "Warning before a notice for refusing to co-operate",
    "Housing Act 1996 s.193B(4)", notifies="warning", review="none", adverse=False,
    options=(
        Option("duty", "choice", "Duty the warning concerns",
               choices={k: DUTY_CHOICES[k] for k in ("prevention", "relief")}),
        Option("steps_refused", "lines", "Steps of the plan refused (one a line)"),
        Option("respond_by", "date", "Take the steps by (the end of the warning period)"),
    ),
    text_fields=("duty_label", "respond_by"), list_fields=("steps_refused",),
))
_add(LetterType(
    "s193b_notice", "Notice for deliberately and unreasonably refusing to co-operate",
    "Housing Act 1996 s.193B(2)", notifies="decision", review="s202", adverse=True,
    options=(
        Option("duty", "choice", "Duty that ends",
               choices={k: DUTY_CHOICES[k] for k in ("prevention", "relief")}),
        Option("warning_given_on", "date", "Date the s.193B(4) warning was given"),
        _REASONS,
    ),
    text_fields=("duty_label", "warning_given_on", "consequence"),
))
_add(LetterType(
    "duty_ended", "Notice that a duty has ended", "Housing Act 1996 s.184(3)",
    notifies="decision", review="s202", adverse=True,
    options=(
        Option("duty", "choice", "Duty that has ended",
               choices={**DUTY_CHOICES, "non_cooperation_duty": codes.CASEWORK_DUTIES.cited("non_cooperation_duty")}),
        Option("ended_on", "date", "Date the duty ended"),
        # the ground recorded when the duty was ended (logic.casework.stages.END_REASONS): its
        # words and provision, and the s.202(1) paragraph of the review right it carries
        Option("ground", "text", "Ground on which the duty ended (the Act's words)", required=False),
        Option("ground_provision", "text", "Provision of that ground", required=False),
        Option("review_paragraph", "text", "Review right (paragraph of s.202(1))", required=False),
        _REASONS,
    ),
    text_fields=("duty_label", "ended_on", "ending_provision", "ground"),
    flag_fields=("has_ground",),
))
_add(LetterType(
    "referral_to_authority", "Referral to another authority",
    "Housing Act 1996 s.198(1)", notifies="none", review="none", adverse=False,
    options=(
        Option("other_authority", "text", "Council referred to"),
        Option("other_authority_address", "lines", "Its address (one line each)"),
        _REASONS, _FACTS,
    ),
    engine_fields=("local_connection", "referral_possible"),
    expects={"referral_possible": True},
    text_fields=("other_authority", "applicant_dob", "household_size"),
    list_fields=("household_members",),
    to_other_authority=True,
))
_add(LetterType(
    "referral_notification", "Notice to the applicant of a referral to another authority",
    "Housing Act 1996 s.200(1) and s.198(1)", notifies="decision", review="s202", adverse=True,
    options=(Option("other_authority", "text", "Council referred to"), _REASONS, _FACTS),
    engine_fields=("local_connection", "referral_possible"),
    expects={"referral_possible": True},
    text_fields=("other_authority",),
))
_add(LetterType(
    "personal_housing_plan", "Personalised housing plan", "Housing Act 1996 s.189A",
    notifies="decision", review="s202", adverse=False,
    options=(
        Option("duty", "choice", "Duty the plan is for",
               choices={k: DUTY_CHOICES[k] for k in ("prevention", "relief")}),
        Option("circumstances", "paragraph", "Circumstances that caused homelessness (s.189A(1)(a))",
               required=False),
        Option("housing_needs", "paragraph", "Housing needs (s.189A(1)(b))", required=False),
        Option("support_needs", "paragraph", "Support needs (s.189A(1)(c))", required=False),
        Option("steps", "steps", "Steps: owner (applicant or council), description, due date"),
    ),
    text_fields=("duty_label", "plan_review_due", "steps_provision", "circumstances",
                 "housing_needs", "support_needs"),
    row_fields={"applicant_steps": ("number", "description", "due_on"),
                "council_steps": ("number", "description", "due_on")},
    flag_fields=("has_circumstances", "has_housing_needs", "has_support_needs",
                 "has_applicant_steps"),
))
_add(LetterType(
    "register_decision", "Housing register decision", "Housing Act 1996 s.166A(9) and s.160ZA",
    notifies="decision", review="s166A", adverse=False,  # adverse when refused: see builder
    options=(
        Option("eligible", "bool", "Eligible for an allocation (s.160ZA(2)-(4))"),
        Option("qualifies", "bool", "Qualifies under the allocation scheme (s.160ZA(7))"),
        Option("band", "text", "Band", required=False),
        Option("band_effective_date", "date", "Band effective date", required=False),
        Option("bedroom_need", "text", "Bedroom need", required=False),
        Option("reasons", "lines", "Reasons (one a line; required when the application is refused)",
               required=False),
        _FACTS,
    ),
    engine_fields=("eligible", "qualifies", "band", "bedroom_need", "reasonable_preference"),
    text_fields=("band", "band_effective_date", "bedroom_need"),
    flag_fields=("eligible", "qualifies", "accepted", "refused_not_eligible",
                 "refused_not_qualifying", "has_band"),
))
_add(LetterType(
    "ta_offer", "Offer of temporary accommodation",
    "Housing Act 1996 s.206 and s.202(1)(f)", notifies="decision", review="s202", adverse=False,
    options=(
        Option("basis", "choice", "Duty the accommodation is offered under", choices=PLACEMENT_BASIS),
        Option("placement_address", "lines", "Address of the accommodation (one line each)"),
        Option("placement_type", "text", "Type (e.g. self-contained flat, hostel room)"),
        Option("starts_on", "date", "Available from"),
        Option("charge", "text", "Charge to the household (e.g. £95.00 a week)", required=False),
        Option("respond_by", "date", "Reply by", required=False),
    ),
    text_fields=("basis_label", "placement_address", "placement_type", "starts_on", "charge",
                 "respond_by", "basis_provision"),
    list_fields=("placement_address_lines",),
    flag_fields=("suitability_review", "has_charge", "has_respond_by"),
))

# Offers of accommodation (logic.casework.offers): the offer recorded on the case fills every
# option, so nothing is typed twice. The duty it is made under, in casework's codes.
OFFER_DUTY_CHOICES: dict[str, str] = {
    code: codes.CASEWORK_DUTIES.cited(code)
    for code in ("prevention", "relief", "main_duty", "non_cooperation_duty")
}
_OFFER_OPTIONS = (
    Option("offer_id", "text", "Offer (its number on the case)"),
    Option("offer_kind", "choice", "Kind of offer", choices={c.code: c.label for c in codes.OFFER_KINDS}),
    Option("offer_duty", "choice", "Duty the offer is made under", choices=OFFER_DUTY_CHOICES),
    Option("accommodation_address", "lines", "Address of the accommodation (one line each)"),
    Option("respond_by", "date", "Answer needed by", required=False),
    Option("suitability", "lines", "Why we consider it suitable (one a line)"),
)
_OFFER_TEXT = ("offer_kind_label", "offer_provision", "duty_label", "accommodation_address", "respond_by")
_add(LetterType(
    "offer_of_accommodation", "Offer of accommodation", "Housing Act 1996 s.206 and s.202(1)(f)",
    notifies="decision", review="s202", adverse=False,
    options=(*_OFFER_OPTIONS, _REASONS_OPTIONAL),
    text_fields=_OFFER_TEXT, list_fields=("accommodation_address_lines", "suitability"),
    flag_fields=("has_respond_by",), may_be_batched=False,
))
_add(LetterType(
    "final_offer", "Offer of accommodation: the consequences of refusing it and your right to a review",
    "Housing Act 1996 s.193(5), (7), (7AB), s.193A(1)(b), s.193C(6), s.195(8)(d), s.189B(7)(c); "
    "s.202(1)(f), (1A)",
    notifies="decision", review="s202", adverse=False,
    options=(*_OFFER_OPTIONS, _REASONS_OPTIONAL),
    text_fields=(*_OFFER_TEXT, "consequence"),
    list_fields=("accommodation_address_lines", "suitability"),
    flag_fields=("has_respond_by", "private_rented_sector_offer"), may_be_batched=False,
))


# --- the steps of a s.202 review (logic.casework.reviews records them) ---------------------------
# Each is written from the review the case records (logic.casework.letter_sources); none carries
# a further s.202 review (s.202(2)): the review decision carries the appeal to the county court.
_DECISION = Option("decision", "text", "Decision under review")
_REQUESTED_ON = Option("requested_on", "date", "Review requested on")
_REVIEWER = Option("reviewer", "text", "Reviewer")
_add(LetterType(
    "review_acknowledgement", "Review request received",
    "Housing Act 1996 s.202; Homelessness (Review Procedure etc.) Regulations 2018 reg 5 and reg 9(1)",
    notifies="none", review="none", adverse=False,
    options=(
        _DECISION,
        Option("decision_notified_on", "date", "Decision notified on"),
        _REQUESTED_ON,
        Option("ground", "text", "What the review is about (s.202(1))"),
        Option("decide_by", "date", "Review decision due by (reg 9(1))"),
        Option("late_reason", "paragraph", "Why a late request is accepted (s.202(3))", required=False),
    ),
    text_fields=("decision", "decision_notified_on", "requested_on", "ground", "decide_by",
                 "late_reason"),
    flag_fields=("accepted_late",),
    may_be_batched=False,
))
_add(LetterType(
    "review_minded_to", "Review: minded to decide against you",
    "Homelessness (Review Procedure etc.) Regulations 2018 reg 7(2)",
    notifies="review", review="none", adverse=False,
    options=(
        _DECISION, _REQUESTED_ON, _REVIEWER,
        Option("deficiency", "lines", "The deficiency or irregularity in the original decision "
               "(one a line)", help="What was wrong with the decision, or the way it was made."),
        Option("points", "lines", "What the reviewer is minded to decide, and why (one a line)"),
    ),
    text_fields=("decision", "requested_on", "reviewer", "representations_by", "representations_days"),
    list_fields=("deficiency", "points"),
    may_be_batched=False,
))
_add(LetterType(
    "review_decision", "Review decision", "Housing Act 1996 s.203(3)-(5) and s.204",
    notifies="review", review="none", adverse=True, appeal=True,
    options=(
        _DECISION, _REQUESTED_ON, _REVIEWER,
        Option("outcome", "choice", "Review decision", choices={
            code: codes.PART7_REVIEW_OUTCOMES.label(code) for code in ("upheld", "varied", "overturned")}),
        Option("decided_on", "date", "Decided on"),
        _REASONS,
        Option("duty_now", "text", "What the case owes now (a duty owed again)", required=False),
    ),
    text_fields=("decision", "requested_on", "reviewer", "outcome_label", "decided_on", "duty_now"),
    flag_fields=("against_applicant", "overturned", "has_duty_now"),
    may_be_batched=False,
))


def letter_type(code: str) -> LetterType:
    from logic.common.errors import FieldError

    try:
        return LETTER_TYPES[code]
    except KeyError:
        raise FieldError("letter_type", f"{code!r} is not a letter Hearth sends; choose one of "
                           + ", ".join(sorted(LETTER_TYPES)), FIELD_LABELS) from None


def fields_of(kind: LetterType) -> tuple[set[str], set[str], dict[str, tuple[str, ...]], set[str]]:
    """(text fields, list fields, table fields with columns, flags) a template may use."""
    text = set(COMMON_TEXT) | set(kind.text_fields)
    if kind.review != "none":
        text |= set(REVIEW_TEXT)
    if kind.appeal:
        text |= set(APPEAL_TEXT)
    return text, set(COMMON_LISTS) | set(kind.list_fields), dict(kind.row_fields), (
        set(COMMON_FLAGS) | set(kind.flag_fields))


# --- hooks for the casework and register modules ------------------------------------------

ContextProvider = Callable[[Session, int], Mapping[str, Any]]
IssueHook = Callable[..., None]

_providers: dict[str, ContextProvider] = {}
_issue_hooks: dict[str, list[IssueHook]] = {}


def register_context_provider(letter_type_code: str, provider: ContextProvider) -> None:
    """Let a domain module fill a letter type's options from its own tables.

    ``provider(session, case_id) -> {option name: value}`` runs inside the letter's
    transaction. It returns values for this letter type's options only (names and kinds as in
    LETTER_TYPES[...].options: dates as ``date``, ``lines`` as a list of str, ``steps`` as a list
    of {"owner", "description", "due_on"}, ``facts`` as the engine's input dict). What the
    officer types overrides the provider; the merged options are then checked as if typed.
    A provider that has nothing to offer for a case returns {}; one that finds the case in a
    state where the letter cannot be sent raises logic.common.errors.FieldError.
    One provider a letter type: registering again replaces it (tests, reloads).
    """
    kind = letter_type(letter_type_code)
    _providers[kind.code] = provider


def register_issue_hook(letter_type_code: str, hook: IssueHook) -> None:
    """Run ``hook(session, case_id=, letter_id=, letter_type=, notified_on=, officer_id=,
    options=)`` inside the issuing transaction, after the letter row and its events are
    written (e.g. casework sets homelessness_duty.notified_on). If the hook raises, nothing
    of the issue is saved."""
    kind = letter_type(letter_type_code)
    hooks = _issue_hooks.setdefault(kind.code, [])
    if hook not in hooks:
        hooks.append(hook)


def provider_for(code: str) -> ContextProvider | None:
    return _providers.get(code)


def issue_hooks_for(code: str) -> tuple[IssueHook, ...]:
    return tuple(_issue_hooks.get(code, ()))


def clear_hooks() -> None:
    """Forget every provider and hook (tests)."""
    _providers.clear()
    _issue_hooks.clear()
