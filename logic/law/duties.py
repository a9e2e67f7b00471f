"""Which duty is owed, at which stage (Part 7 Housing Act 1996 as amended by the HRA 2017).

* Not eligible: no duty beyond free advice and information (s.179), no interim
  accommodation (s.188 needs eligibility).
* Threatened and eligible: the prevention duty (s.195(2)). Intentionality and priority
  need are no test for it.
* Homeless and eligible: the relief duty (s.189B(2)) for 56 days beginning with the day it
  started -- that day is day 1, so the duty runs to the end of day 56 and has ended on day
  57. With no start recorded, it starts on the assessment date. After it, with no
  accommodation secured: priority need and not intentional gives the main duty (s.193(2));
  priority need and intentional gives accommodation for a reasonable period with advice
  (s.190(2), ``intentional_priority``); no priority need leaves advice (``advice_only``).
* Interim accommodation (s.188(1)): owed to an eligible, homeless applicant with a priority
  need while the relief duty runs. When the relief duty ends the council decides what
  follows (s.188(1ZA)); the main duty and s.190(2)(a) secure accommodation themselves.
* Neither homeless nor threatened: advice and information (s.179).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from logic.common import codes

from .core import Finding, ha1996, long_date, reason
from .facts import Facts
from .homelessness import HOMELESS, THREATENED
from .policy import Policy

PREVENTION = "prevention"
RELIEF = "relief"
MAIN = "main"
INTENTIONAL_PRIORITY = "intentional_priority"
ADVICE_ONLY = "advice_only"
DUTIES = codes.ENGINE_DUTIES.codes()  # labels, and the map to casework's codes, live there


@dataclass(frozen=True)
class ReliefStage:
    started_on: date
    ends_on: date  # the last day of the duty (day 56)
    day: int  # the assessment date's day of the duty; day 1 is the start
    running: bool
    start_recorded: bool


def relief_stage(facts: Facts, on: date, policy: Policy) -> ReliefStage:
    """Where a homeless applicant stands in the 56 days of the relief duty on ``on``."""
    started = facts.history.relief_duty_started_on
    recorded = started is not None
    start = started if started is not None else on
    day = (on - start).days + 1
    return ReliefStage(
        started_on=start,
        ends_on=start + timedelta(days=policy.relief_days - 1),
        day=day,
        running=day <= policy.relief_days,
        start_recorded=recorded,
    )


def duty(facts: Facts, on: date, policy: Policy, *, eligible: bool, homelessness: str,
         priority_need: bool, intentional: bool) -> Finding[str]:
    D = "duty"
    if not eligible:
        return Finding(ADVICE_ONLY, (reason(
            "ineligible_advice_only", ha1996("s.179(1)", "179"),
            "As you are not eligible for assistance, the council owes you no housing duty, but "
            "you are entitled to free advice and information about homelessness and how to "
            "prevent it.", D),))
    if homelessness == THREATENED:
        notes = []
        if facts.history.relief_duty_started_on is not None:
            notes.append(reason(
                "relief_start_ignored", ha1996("s.189B(2)", "189B"),
                "A relief duty start date is recorded, but you are not homeless now, so the "
                "relief duty does not apply; the prevention duty does.", D))
        return Finding(PREVENTION, (reason(
            "prevention_duty", ha1996("s.195(2)", "195"),
            "You are eligible and threatened with homelessness, so the council must take "
            "reasonable steps to help you keep your home or find another (the prevention "
            "duty). Priority need and intentionality do not affect this duty.", D, "deadlines"),
            *notes))
    if homelessness != HOMELESS:
        return Finding(ADVICE_ONLY, (reason(
            "not_homeless_advice_only", ha1996("s.179(1)", "179"),
            "As you are neither homeless nor threatened with homelessness, the council owes "
            "you advice and information about housing and homelessness, but no other duty.",
            D),))
    stage = relief_stage(facts, on, policy)
    started = long_date(stage.started_on)
    ends = long_date(stage.ends_on)
    days = policy.relief_days
    if stage.running:
        how = ("on the day of your assessment" if not stage.start_recorded
               else f"on {started}")
        return Finding(RELIEF, (reason(
            "relief_duty", ha1996("s.189B(2)", "189B"),
            f"You are eligible and homeless, so the council must take reasonable steps to help "
            f"you secure accommodation (the relief duty). It began {how}; today is day "
            f"{stage.day} of {days}, and it runs until the end of {ends}.",
            D, "relief_duty_day", "deadlines"),))
    main_route = priority_need and not intentional
    ended = reason(
        "relief_duty_ended",
        ha1996("s.189B(4)", "189B") if main_route else ha1996("s.189B(5), (7)(b)", "189B"),
        f"The relief duty began on {started}; its {days} days ended on {ends}, and today is day "
        f"{stage.day}, so it has come to an end"
        + ("." if main_route else ", once the council gives you notice that it has."),
        D, "relief_duty_day", "deadlines")
    if main_route:
        return Finding(MAIN, (ended, reason(
            "main_housing_duty", ha1996("s.193(2)", "193"),
            "The relief duty has ended without accommodation being secured; you are eligible, "
            "homeless, have a priority need and are not intentionally homeless, so the council "
            "must secure accommodation for you (the main housing duty).", D)))
    if priority_need:
        return Finding(INTENTIONAL_PRIORITY, (ended, reason(
            "intentional_priority_duty", ha1996("s.190(2)", "190"),
            "The relief duty has ended; you have a priority need but became homeless "
            "intentionally, so the council must secure accommodation for long enough to give "
            "you a reasonable opportunity to find your own, with advice and assistance, but "
            "does not owe you the main housing duty.", D)))
    return Finding(ADVICE_ONLY, (ended, reason(
        "no_priority_after_relief", ha1996("s.189B(7)(b)", "189B"),
        "The relief duty has ended and you do not have a priority need, so the council owes you "
        "no further duty to secure accommodation; advice and information remain available to "
        "you.", D)))


def interim_accommodation(facts: Facts, on: date, policy: Policy, *, eligible: bool,
                          homelessness: str, priority_need: bool, duty: str) -> Finding[bool]:
    F = "interim_accommodation_duty"
    s188 = ha1996("s.188(1)", "188")
    if not eligible:
        return Finding(False, (reason(
            "interim_not_eligible", s188,
            "You are not eligible for assistance, so the council has no duty to provide "
            "emergency accommodation.", F),))
    if homelessness != HOMELESS:
        return Finding(False, (reason(
            "interim_not_homeless", s188,
            "You are not homeless, so the duty to provide emergency (interim) accommodation "
            "does not arise.", F),))
    if not priority_need:
        return Finding(False, (reason(
            "interim_no_priority_need", s188,
            "There is no reason to believe that you have a priority need, so the council has "
            "no duty to provide emergency (interim) accommodation.", F),))
    if duty == RELIEF:
        return Finding(True, (reason(
            "interim_accommodation", s188,
            "You are homeless, eligible and have a priority need, so the council must provide "
            "emergency (interim) accommodation for you while the relief duty runs.", F),))
    if duty == MAIN:
        return Finding(False, (reason(
            "interim_replaced_by_main_duty", ha1996("s.188(1ZA)", "188"),
            "The relief duty has ended, so the interim accommodation duty ends once the council "
            "notifies its decision; the main housing duty now secures your accommodation.", F),))
    return Finding(False, (reason(
        "interim_replaced_by_s190", ha1996("s.188(1ZA)", "188"),
        "The relief duty has ended, so the interim accommodation duty ends once the council "
        "notifies its decision; instead, section 190(2)(a) requires accommodation for a "
        "reasonable period while you find your own.", F),))
