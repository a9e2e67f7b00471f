"""The engine: compose the rules into one determination, with every reason kept.

``determine(facts, policy=None)`` is the one entry point for pages, services, letters and
the training marker. It is pure: the only date it knows is ``facts.assessment_date``, and
the policy is the version in force on that date unless one is passed in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .banding import band
from .bedrooms import bedroom_need
from .childrens_services import childrens_services
from .core import Citation, Determination, Reason, ha1996, long_date, reason
from .deadlines import (
    Deadline,
    allocation_review_deadline,
    bnb_family_limit,
    decision_target,
    php_review_due,
    prevention_56_day_end_allowed,
    prevention_duty_ends_on,
    prevention_period_ends,
    prevention_start,
    relief_duty_ends,
    review_in_time,
    review_request_by,
    review_request_deadline,
)
from .duties import PREVENTION, RELIEF, duty, interim_accommodation, relief_stage
from .eligibility import eligibility
from .facts import Facts, parse_facts
from .homelessness import HOMELESS, THREATENED, homelessness
from .household import applicant_age
from .intentionality import intentionally_homeless
from .local_connection import local_connection, referral_possible
from .policy import Policy, PolicyBook, policy_as_at
from .preference import duty_for_allocation, reasonable_preference
from .priority_need import priority_need
from .qualification import qualification

AGE_LAW = Citation("Family Law Reform Act 1969", "s.9",
                   "https://www.legislation.gov.uk/ukpga/1969/46/section/9")
GARLICK = Citation("R v Oldham MBC, ex p Garlick", "[1993] AC 509", "")


def resolve_policy(on: date, policy: Policy | PolicyBook | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return policy_as_at(on, policy)


def _deadline_reason(d: Deadline) -> Reason:
    return reason(d.name, d.citation, d.text, "deadlines")


def determine(facts: Facts | dict[str, Any], policy: Policy | PolicyBook | None = None
              ) -> Determination:
    """Decide what the law and the allocation policy give this household on its date."""
    if not isinstance(facts, Facts):
        facts = parse_facts(facts)
    on = facts.assessment_date
    pol = resolve_policy(on, policy)

    elig = eligibility(facts, on, pol)
    home = homelessness(facts, on, pol)
    pn = priority_need(facts, on, pol, home.value)
    has_priority = bool(pn.value)
    intent = intentionally_homeless(facts, on, pol, home.value)
    lc = local_connection(facts, on, pol)
    dut = duty(facts, on, pol, eligible=elig.value, homelessness=home.value,
               priority_need=has_priority, intentional=intent.value)
    interim = interim_accommodation(facts, on, pol, eligible=elig.value,
                                    homelessness=home.value, priority_need=has_priority,
                                    duty=dut.value)
    referral = referral_possible(facts, on, pol, eligible=elig.value, homelessness=home.value,
                                 duty=dut.value, local_connection=lc.value)
    beds = bedroom_need(facts, on, pol)
    owed, homeless_for_allocation = duty_for_allocation(facts, duty=dut.value,
                                                        homelessness=home.value)
    pref = reasonable_preference(facts, on, pol, eligible=elig.value,
                                 homelessness=homeless_for_allocation, duty=owed,
                                 bedroom_need=beds.value)
    qual = qualification(facts, on, pol, eligible=elig.value, preference=pref.value,
                         duty=owed, priority_need=has_priority)
    banded = band(facts, on, pol, qualifies=qual.value, preference=pref.value, duty=owed,
                  priority_need=has_priority)

    extra: list[Reason] = []
    age = applicant_age(facts, on)
    extra.append(reason(
        "applicant_age", AGE_LAW,
        f"You were born on {long_date(facts.applicant.dob)}, so on {long_date(on)} you are "
        f"{age}; a person reaches an age at the start of the birthday itself.",
        "applicant_age"))
    if age < 16:
        extra.append(reason(
            "applicant_under_16", GARLICK,
            "You are under 16: a dependent child cannot normally make a homelessness "
            "application of their own, and children's services should be involved.",
            "applicant_age"))

    relief_day: int | None = None
    deadlines: list[Deadline] = []
    if elig.value and home.value == HOMELESS:
        stage = relief_stage(facts, on, pol)
        relief_day = stage.day
        deadlines.append(relief_duty_ends(stage.started_on, pol))
    else:
        extra.append(reason(
            "no_relief_duty_day", Citation("Housing Act 1996", "s.189B(2)",
                                           "https://www.legislation.gov.uk/ukpga/1996/52/section/189B"),
            "No relief duty is owed, so there is no day of the relief duty to count.",
            "relief_duty_day"))
    prevention_ends: date | None = None
    end_allowed: bool | None = None
    if elig.value and home.value == THREATENED:
        s21 = facts.housing.section_21
        expires = s21.expires_on if s21 is not None and s21.valid else None
        started = prevention_start(facts.history.prevention_duty_started_on, on)
        prevention_ends = prevention_duty_ends_on(started, pol)
        end_allowed = prevention_56_day_end_allowed(expires, prevention_ends, on, pol)
        threatens = any(r.rule == "threatened_section_21" for r in home.reasons)
        deadlines.append(prevention_period_ends(started, pol, section_21_running=not end_allowed,
                                                notice_threatens=threatens, on=on))
    if dut.value in (PREVENTION, RELIEF):
        deadlines.append(php_review_due(on, pol))
    notified = facts.history.decision_notified_on
    if facts.history.relief_duty_started_on is None and notified is None:
        deadlines.append(decision_target(on, pol))
    deadlines.append(review_request_deadline(notified or on, pol, notified=notified is not None))
    if interim.value and ({"pregnant", "dependent_children"} & set(pn.value)):
        deadlines.append(bnb_family_limit(on, pol))
    if elig.value:
        deadlines.append(allocation_review_deadline(on, pol))
    extra.extend(_deadline_reason(d) for d in deadlines)
    extra.extend(_review_reasons(facts, pol))
    extra.append(reason(
        "policy_version", Citation(pol.name, f"version in force from {long_date(pol.effective_from)}"),
        f"This assessment applies the law and the council's allocation scheme as they stood on "
        f"{long_date(on)} (scheme version from {long_date(pol.effective_from)}, statutory "
        f"figures from {long_date(pol.statutory_from)}).", "policy"))

    if not elig.value:
        extra_elig: tuple[Reason, ...] = (reason(
            "ineligible_nothing_more_to_decide", ha1996("s.184(1)", "184"),
            "Because you are not eligible for assistance, the council need not decide whether "
            "you are homeless, have a priority need, became homeless intentionally or have a "
            "local connection: its inquiries stop at eligibility (section 184). The findings "
            "below are recorded for completeness only.", "eligible"),)
    else:
        extra_elig = ()
    refer = childrens_services(facts, on, pol, home.value)

    chosen_band, band_date = banded.value
    reasons = _with_v2_concerns(
        elig.reasons + extra_elig + refer.reasons + home.reasons + pn.reasons + intent.reasons
        + dut.reasons + interim.reasons + lc.reasons + referral.reasons + beds.reasons
        + pref.reasons + qual.reasons + banded.reasons + tuple(extra),
        duty=dut.value)
    review_by = review_request_by(notified, pol) if notified else None
    requested = facts.history.review_requested_on
    in_time = (review_in_time(notified, requested, pol)
               if notified is not None and requested is not None else None)
    return Determination(
        assessment_date=on,
        eligible=elig.value,
        homelessness=home.value,
        priority_need=has_priority,
        priority_need_grounds=pn.value,
        interim_accommodation_duty=interim.value,
        duty=dut.value,
        intentionally_homeless=intent.value,
        local_connection=lc.value,
        referral_possible=referral.value,
        bedroom_need=beds.value,
        reasonable_preference=pref.value,
        applicant_age=age,
        relief_duty_day=relief_day,
        deadlines={d.name: d.on for d in deadlines},
        qualifies=qual.value,
        band=chosen_band.name if chosen_band else None,
        band_effective_date=band_date,
        policy=pol.describe(),
        reasons=reasons,
        prevention_duty_ends_on=prevention_ends,
        prevention_56_day_end_allowed=end_allowed,
        review_request_by=review_by,
        review_in_time=in_time,
        refer_to_childrens_services=refer.value,
    )


def _review_reasons(facts: Facts, policy: Policy) -> list[Reason]:
    """s.202(3): whether a request for a review of a notified decision was made in time
    (version 2)."""
    notified, requested = facts.history.decision_notified_on, facts.history.review_requested_on
    out: list[Reason] = []  # the last day itself is the s202_review_request_by deadline's
    if notified is None:
        return out
    s202 = ha1996("s.202(3)", "202")
    by = review_request_by(notified, policy)
    days = policy.s202_request_days
    if requested is not None:
        day = (requested - notified).days + 1
        if review_in_time(notified, requested, policy):
            out.append(reason(
                "review_in_time", s202,
                f"You asked for a review on {long_date(requested)}, day {day} of the {days}, so "
                "your request was made in time.", "review_in_time"))
        else:
            out.append(reason(
                "review_out_of_time", s202,
                f"You asked for a review on {long_date(requested)}, day {day}, after the last "
                f"day, {long_date(by)}, so the request is late; the council may still agree in "
                "writing to accept it.", "review_in_time"))
    return out


# The version-2 keys that are null (or false) without the facts that give them a value are
# explained by the reason that already says why: the duty (no prevention duty), the s.202
# deadline (no notified decision), the applicant's age or art.3 (no referral to children's
# services).
_V2_ATTACH = {
    "prevention_duty_ends_on": "prevention_period_ends_on",
    "prevention_56_day_end_allowed": "prevention_period_ends_on",
    "review_request_by": "s202_review_request_by",
    "review_in_time": "s202_review_request_by",
}


def _with_v2_concerns(reasons: tuple[Reason, ...], *, duty: str) -> tuple[Reason, ...]:
    explained = {c for r in reasons for c in r.concerns}
    rules = {r.rule for r in reasons}
    refer_rule = "aged_16_17" if "aged_16_17" in rules else "applicant_age"
    out = []
    for r in reasons:
        add = [key for key, rule in _V2_ATTACH.items()
               if key not in explained and r.rule == rule]
        if duty != PREVENTION and "duty" in r.concerns:
            add += [k for k in ("prevention_duty_ends_on", "prevention_56_day_end_allowed")
                    if k not in explained]
        if "refer_to_childrens_services" not in explained and r.rule == refer_rule:
            add.append("refer_to_childrens_services")
        if add:
            r = Reason(r.rule, r.citation, r.text, r.concerns + tuple(add))
        out.append(r)
    return tuple(out)
