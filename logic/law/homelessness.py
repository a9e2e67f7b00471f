"""Homelessness and the threat of it (ss.175-177 Housing Act 1996).

Homeless (s.175(1)-(3), s.176, s.177): no accommodation available for the household that
they are entitled to occupy; accommodation it is not reasonable to continue to occupy
(officer's finding); continued occupation would probably lead to domestic abuse
(s.177(1), never reasonable); or the home has been lost to fire, flood or other disaster
(recorded as ``emergency``: the household cannot live there, s.175(3)).

Threatened (s.175(4)-(5)), for a household that still has accommodation:
* likely to become homeless within 56 days: ``likely_to_lose_on`` is no later than the 56th
  day after the assessment date. A date already past, with the household still there,
  means homelessness is imminent: still threatened, not homeless, until they leave.
* a valid notice under s.175(5) (recorded as ``section_21``) in respect of the only
  accommodation that expires no later than the 56th day after the assessment date. A
  notice that has already expired still counts. An invalid notice does not make the
  household threatened by itself.

"Within 56 days of the assessment date" is counted from the day after the assessment:
a date 56 days after it is within; 57 days after is not. The figure comes from the
statutory policy file.
"""

from __future__ import annotations

from datetime import date

from .core import Finding, Reason, ha1996, long_date, plural, reason
from .facts import Facts
from .policy import Policy

HOMELESS = "homeless"
THREATENED = "threatened"
NEITHER = "neither"

_EMERGENCY = {"fire": "a fire", "flood": "a flood", "other_disaster": "a disaster"}


def _when(days: int, on: date) -> str:
    if days > 0:
        return f"{plural(days, 'day')} after your assessment on {long_date(on)}"
    if days == 0:
        return "the day of your assessment"
    return f"{plural(-days, 'day')} before your assessment on {long_date(on)}"


def homelessness(facts: Facts, on: date, policy: Policy) -> Finding[str]:
    h = facts.housing
    window = policy.threatened_within_days
    homeless: list[Reason] = []
    if not h.has_accommodation:
        homeless.append(reason(
            "no_accommodation", ha1996("s.175(1)", "175"),
            "You have no accommodation available for you and your household that you are "
            "entitled to occupy, so you are homeless.", "homelessness"))
    else:
        if h.emergency:
            homeless.append(reason(
                "emergency_home_lost", ha1996("s.175(3)", "175"),
                f"Your home has been made unfit to live in by {_EMERGENCY[h.emergency]}; it is "
                "not reasonable for you to continue to occupy it, so you are homeless.",
                "homelessness"))
        if h.domestic_abuse:
            homeless.append(reason(
                "domestic_abuse_not_reasonable", ha1996("s.177(1)", "177"),
                "Staying in your home would probably lead to domestic abuse against you or a "
                "member of your household; it is never reasonable to continue to occupy a home "
                "in those circumstances, so you are homeless.", "homelessness"))
        if not h.reasonable_to_occupy:
            homeless.append(reason(
                "not_reasonable_to_occupy", ha1996("s.175(3)", "175"),
                "The council is satisfied that it is not reasonable for you to continue to "
                "occupy your accommodation, so you are homeless even though you have it.",
                "homelessness"))
    if homeless:
        return Finding(HOMELESS, tuple(homeless))

    threatened: list[Reason] = []
    other: list[Reason] = []
    if h.likely_to_lose_on is not None:
        days = (h.likely_to_lose_on - on).days
        when = _when(days, on)
        if days < 0:
            threatened.append(reason(
                "threatened_loss_overdue", ha1996("s.175(4)", "175"),
                f"You were expected to lose your accommodation on {long_date(h.likely_to_lose_on)}, "
                f"{when}, and you are still there, so you are likely to become homeless "
                f"within {window} days: you are threatened with homelessness.", "homelessness"))
        elif days <= window:
            threatened.append(reason(
                "threatened_within_56_days", ha1996("s.175(4)", "175"),
                f"You are likely to lose your accommodation on {long_date(h.likely_to_lose_on)}, "
                f"{when}, which is within {window} days, so you are threatened with "
                "homelessness.", "homelessness"))
        else:
            other.append(reason(
                "not_yet_threatened", ha1996("s.175(4)", "175"),
                f"You are likely to lose your accommodation on {long_date(h.likely_to_lose_on)}, "
                f"{when}; that is more than {window} days away, so you are not yet threatened "
                "with homelessness. You can ask again as the date comes nearer.", "homelessness"))
    s21 = h.section_21
    if s21 is not None:
        notice = policy.possession_notice
        days = (s21.expires_on - on).days
        when = _when(days, on)
        if not s21.valid:
            other.append(reason(
                "section_21_invalid", ha1996("s.175(5)", "175"),
                f"The {notice} you were given is not valid, so it does not on its own make you "
                "threatened with homelessness.", "homelessness"))
        elif days <= window:
            verb = "expired" if days < 0 else "expires"
            threatened.append(reason(
                "threatened_section_21", ha1996("s.175(5)", "175"),
                f"Your landlord's valid {notice} {verb} on {long_date(s21.expires_on)}, {when}, "
                f"which is within {window} days, so you are threatened with homelessness.",
                "homelessness"))
        else:
            other.append(reason(
                "section_21_expires_later", ha1996("s.175(5)", "175"),
                f"Your landlord's valid {notice} expires on {long_date(s21.expires_on)}, {when}; "
                f"that is more than {window} days away, so it does not yet make you threatened "
                "with homelessness.", "homelessness"))
    if threatened:
        return Finding(THREATENED, tuple(threatened + other))
    other.append(reason(
        "not_homeless_or_threatened", ha1996("s.175", "175"),
        "You have accommodation that is available for you and reasonable for you to continue "
        f"to occupy, and you are not likely to lose it within {window} days, so you are "
        "neither homeless nor threatened with homelessness.", "homelessness"))
    return Finding(NEITHER, tuple(other))
