"""Deadlines as law: the dates on which duties can end and requests must be made.

Counting: a period of N days "beginning with" a day includes that day as day 1, so it
ends at the end of day N = start + (N - 1) days. ``day_of_duty(start, on)`` is 1 on the
start day. Every function returns a :class:`Deadline`: the date, what it is, a citation
and a sentence for the letter.

* relief duty: 56 days beginning with the day the council is satisfied it applies
  (s.189B(4), (7)(b)): last day start + 55;
* prevention duty: may be ended on the 56-day ground only after 56 days beginning with
  the day it began (s.195(8)(b)), and not while a valid section 21 notice that has caused
  the threat is running (s.195(6));
* review of a Part 7 decision: the request must be made before the end of 21 days beginning
  with the day the applicant is notified (s.202(3)): last day notified + 20;
* s.184 decision: no statutory period; the council's service standard in working days;
* bed and breakfast for a family: no more than 6 weeks in total (Suitability Order 2003
  art.4); a placement beginning on day 1 must end by day 42 (the council may set less);
* allocation review (s.166A(9)(c)), personalised housing plan review (s.189A(9)) and
  register renewal: the council's periods.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta

from .core import SUIT2003, Citation, council_policy, ha1996, long_date
from .policy import Policy


@dataclass(frozen=True)
class Deadline:
    name: str
    on: date
    citation: Citation
    text: str


def day_of_duty(start: date, on: date) -> int:
    """The day of a period on ``on``: 1 on the start day, 56 on the last day of 56."""
    return (on - start).days + 1


def last_day(start: date, days: int) -> date:
    """The last day of a period of ``days`` days beginning with ``start``."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return start + timedelta(days=days - 1)


def relief_duty_ends(started_on: date, policy: Policy) -> Deadline:
    end = last_day(started_on, policy.relief_days)
    return Deadline(
        "relief_duty_ends_on", end, ha1996("s.189B(4)", "189B"),
        f"The relief duty began on {long_date(started_on)} and lasts {policy.relief_days} days "
        f"counting that day as day 1, so it ends at the end of {long_date(end)}.")


def prevention_period_ends(started_on: date, policy: Policy, *, section_21_running: bool = False,
                           notice_threatens: bool = True, on: date | None = None) -> Deadline:
    """``section_21_running``: s.195(6) bars the 56-day ground; ``notice_threatens``: the
    notice is what makes the applicant threatened (otherwise the bar is said in s.195(6)'s own
    words: a notice that will expire within 56 days or has expired); ``on``: the day the notes
    are written, to say "ended" of a period already over."""
    end = prevention_duty_ends_on(started_on, policy)
    verb = "ended" if on is not None and end < on else "end"
    text = (f"The prevention duty began on {long_date(started_on)}; its {policy.prevention_days} "
            f"days, counting that day as day 1, {verb} on {long_date(end)}, after which the "
            "council may end it by notice even if you are still threatened with homelessness")
    if section_21_running and notice_threatens:
        text += (", but not on that ground while the valid notice that threatens you is "
                 "still running (section 195(6))")
    elif section_21_running:
        text += (", but not on that ground while you hold a valid notice for your only home "
                 f"that will expire within {policy.threatened_within_days} days or has expired "
                 "(section 195(6))")
    return Deadline("prevention_period_ends_on", end, ha1996("s.195(8)(b)", "195"), text + ".")


def section_195_6_applies(notice_expires_on: date | None, on: date, policy: Policy) -> bool:
    """s.195(6): the prevention duty may not be ended on the 56-day ground (s.195(8)(b)) while
    the applicant has been given a valid notice under s.175(5) (a section 21 notice, or from
    the Renters' Rights Act 2025 the notice seeking possession it now names:
    ``policy.possession_notice``) for the only accommodation available to them that will expire
    within 56 days or has expired. ``notice_expires_on`` is a valid notice's expiry (None: no
    valid notice); ``on`` is the day the duty would be ended (or the letter's date)."""
    if notice_expires_on is None:
        return False
    return (notice_expires_on - on).days <= policy.threatened_within_days


def review_request_deadline(notified_on: date, policy: Policy, *, notified: bool = False
                            ) -> Deadline:
    """The last day to ask for a review; ``notified``: the decision has been notified on
    ``notified_on`` (otherwise the date is the day it would be, if notified then)."""
    end = review_request_by(notified_on, policy)
    when = (f"The decision was notified to you on {long_date(notified_on)}, so a request"
            if notified else f"If the decision is notified on {long_date(notified_on)}, a request")
    return Deadline(
        "s202_review_request_by", end, ha1996("s.202(3)", "202"),
        f"{when} for a review must be made within {policy.s202_request_days} days beginning "
        f"with that day, that is by {long_date(end)}.")


@functools.lru_cache(maxsize=4096)  # pure: the team's lists ask the same days many times
def add_working_days(start: date, days: int, holidays: frozenset[date]) -> date:
    """``days`` working days after ``start`` (weekends and listed bank holidays skipped)."""
    d = start
    left = days
    while left > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in holidays:
            left -= 1
    return d


def decision_target(applied_on: date, policy: Policy) -> Deadline:
    end = add_working_days(applied_on, policy.decision_target_working_days, policy.bank_holidays)
    return Deadline(
        "s184_decision_due_by", end,
        council_policy(policy.ref("deadlines.decision_target_working_days", "service standard"),
                       policy.name),
        f"The law sets no period for the written decision on your application (section 184); "
        f"the council aims to decide within {policy.decision_target_working_days} working days, "
        f"that is by {long_date(end)}.")


def bnb_family_limit(placed_on: date, policy: Policy) -> Deadline:
    weeks = policy.bnb_family_limit_weeks
    end = last_day(placed_on, weeks * 7)
    return Deadline(
        "bnb_family_limit_on", end, Citation(SUIT2003, "art.4",
                                             "https://www.legislation.gov.uk/uksi/2003/3326/article/4"),
        f"Bed and breakfast is not suitable for a household with a pregnant woman or children "
        f"except in an emergency, and then for no more than {weeks} weeks: a placement from "
        f"{long_date(placed_on)} must end by {long_date(end)}.")


def allocation_review_deadline(notified_on: date, policy: Policy) -> Deadline:
    end = last_day(notified_on, policy.allocation_review_days)
    return Deadline(
        "allocation_review_request_by", end, ha1996("s.166A(9)(c)", "166A"),
        f"You may ask for a review of a decision about your housing register application; the "
        f"council's scheme allows {policy.allocation_review_days} days from the decision, so "
        f"by {long_date(end)} if it is notified on {long_date(notified_on)}.")


def php_review_due(last_reviewed: date, policy: Policy) -> Deadline:
    end = last_reviewed + timedelta(days=policy.php_review_days)
    return Deadline(
        "php_review_due_on", end, ha1996("s.189A(9)", "189A"),
        f"The council must keep your personalised housing plan under review; it will next "
        f"review it by {long_date(end)}.")


def add_months(d: date, months: int) -> date:
    """Calendar months on, clamped to the month's last day (31 January + 1 = 28/29 Feb)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def register_renewal(joined_on: date, policy: Policy) -> tuple[Deadline, Deadline]:
    """When a register application must be renewed, and the last day of the grace period."""
    due = add_months(joined_on, policy.register_renewal_months)
    grace = due + timedelta(days=policy.register_renewal_grace_days)
    cite = council_policy(policy.ref("deadlines.register_renewal_months", "renewal"), policy.name)
    return (
        Deadline("register_renewal_due_on", due, cite,
                 f"Your housing register application must be renewed by {long_date(due)}."),
        Deadline("register_renewal_grace_ends_on", grace, cite,
                 f"If it is not renewed, it will be closed after {long_date(grace)}."),
    )


# --- version 2: the prevention duty's 56 days, and a review request in time ----------------------


def prevention_start(started_on: date | None, on: date) -> date:
    """The day the prevention duty began: the recorded day, or the assessment date."""
    return started_on if started_on is not None else on


def prevention_duty_ends_on(started_on: date, policy: Policy) -> date:
    """The last day of the 56-day period in s.195(8)(b) (start + 55). The duty does not end
    that day: from the next day the council MAY end it by notice (s.195(5)), unless s.195(6)
    bars it."""
    return last_day(started_on, policy.prevention_days)


def prevention_56_day_end_allowed(notice_expires_on: date | None, ends_on: date, on: date,
                                  policy: Policy) -> bool:
    """Whether the council may end the prevention duty on the 56-day ground, judged on the later
    of the assessment date and the day after the period ends: not while s.195(6) applies
    (``notice_expires_on``: a valid notice's expiry for the only accommodation, None without
    one). The one test of s.195(6) is :func:`section_195_6_applies`."""
    judged_on = max(on, ends_on + timedelta(days=1))
    return not section_195_6_applies(notice_expires_on, judged_on, policy)


def review_request_by(notified_on: date, policy: Policy) -> date:
    """The last day to ask for a review: 21 days beginning with the day the decision was
    notified (s.202(3)), calendar days: notified + 20."""
    return last_day(notified_on, policy.s202_request_days)


def review_in_time(notified_on: date, requested_on: date, policy: Policy) -> bool:
    """A request made on or before the last day is in time (s.202(3))."""
    return requested_on <= review_request_by(notified_on, policy)
