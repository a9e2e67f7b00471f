"""Homelessness and the threat of it (ss.175-177 Housing Act 1996).

Homeless (s.175(1)-(3), s.176, s.177): no accommodation available for the household that
they are entitled to occupy; accommodation it is not reasonable to continue to occupy
(officer's finding); continued occupation would probably lead to domestic abuse
(s.177(1), never reasonable, whoever in the household is at risk: ``domestic_abuse_victim``).
An emergency (fire, flood or other disaster) is the cause of homelessness or of the threat
of it, not a finding of homelessness: whether the damaged home is still reasonable to occupy
is the officer's finding in ``reasonable_to_occupy`` (s.175(3)).

Threatened (s.175(4)-(5)), for a household that still has accommodation:
* likely to become homeless within 56 days: ``likely_to_lose_on`` is no later than the 56th
  day after the assessment date. A date already past, with the household still there,
  means homelessness is imminent: still threatened, not homeless, until they leave.
* a valid notice under s.175(5) (recorded as ``section_21``) in respect of the only
  accommodation that "will expire" no later than the 56th day after the assessment date.
  A notice that has already expired does not satisfy s.175(5): the status then follows
  ``reasonable_to_occupy`` and ``likely_to_lose_on``. An invalid notice does not make the
  household threatened by itself.

When one fact makes the household threatened, a fact that alone would not (a later date, a
later or invalid notice) is said to be "not what makes you threatened", never "you are not
yet threatened": the notes of one determination do not contradict each other.

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
_AT_RISK = {
    "applicant": "against you",
    "member": "against a member of your household",
    "both": "against you and a member of your household",
}


def _when(days: int, on: date) -> str:
    if days > 0:
        return f"{plural(days, 'day')} after your assessment on {long_date(on)}"
    if days == 0:
        return "the day of your assessment"
    return f"{plural(-days, 'day')} before your assessment on {long_date(on)}"


def homelessness(facts: Facts, on: date, policy: Policy) -> Finding[str]:
    h = facts.housing
    window = policy.threatened_within_days
    words = {
        "window": window, "notice": policy.possession_notice,
        "lose": long_date(h.likely_to_lose_on) if h.likely_to_lose_on else "",
        "expires": long_date(h.section_21.expires_on) if h.section_21 else "",
    }

    def _not_the_cause(r: Reason) -> Reason:
        if r.rule not in _NOT_THE_CAUSE:
            return r
        rule, text = _NOT_THE_CAUSE[r.rule]
        return reason(rule, r.citation, text.format(**words), *r.concerns)

    homeless: list[Reason] = []
    if not h.has_accommodation:
        homeless.append(reason(
            "no_accommodation", ha1996("s.175(1)", "175"),
            "You have no accommodation available for you and your household that you are "
            "entitled to occupy, so you are homeless.", "homelessness"))
    else:
        if h.domestic_abuse:
            homeless.append(reason(
                "domestic_abuse_not_reasonable", ha1996("s.177(1)", "177"),
                "Staying in your home would probably lead to domestic abuse "
                f"{_AT_RISK[h.domestic_abuse_victim]}; it is never reasonable to continue to "
                "occupy a home in those circumstances, so you are homeless.", "homelessness"))
        if not h.reasonable_to_occupy:
            homeless.append(reason(
                "not_reasonable_to_occupy", ha1996("s.175(3)", "175"),
                "The council is satisfied that it is not reasonable for you to continue to "
                "occupy your accommodation, so you are homeless even though you have it.",
                "homelessness"))
    if homeless:
        if h.emergency:
            homeless.append(reason(
                "emergency_home_lost", ha1996("s.175(3)", "175"),
                f"{_EMERGENCY[h.emergency].capitalize()} is the cause of your homelessness.",
                "homelessness"))
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
        elif days < 0:
            other.append(reason(
                "section_21_already_expired", ha1996("s.175(5)", "175"),
                f"Your landlord's valid {notice} expired on {long_date(s21.expires_on)}, {when}; "
                "a notice that has already expired no longer makes you threatened with "
                "homelessness on its own, so it turns on whether you are likely to lose your "
                f"accommodation within {window} days.", "homelessness"))
        elif days <= window:
            threatened.append(reason(
                "threatened_section_21", ha1996("s.175(5)", "175"),
                f"Your landlord's valid {notice} expires on {long_date(s21.expires_on)}, {when}, "
                f"which is within {window} days, so you are threatened with homelessness.",
                "homelessness"))
        else:
            other.append(reason(
                "section_21_expires_later", ha1996("s.175(5)", "175"),
                f"Your landlord's valid {notice} expires on {long_date(s21.expires_on)}, {when}; "
                f"that is more than {window} days away, so it does not yet make you threatened "
                "with homelessness.", "homelessness"))
    if h.emergency:
        if threatened:
            other.append(reason(
                "emergency_threat", ha1996("s.175(4)", "175"),
                f"{_EMERGENCY[h.emergency].capitalize()} is the cause of the threat to your "
                "home.", "homelessness"))
        else:
            other.append(reason(
                "emergency_home_still_reasonable", ha1996("s.175(3)", "175"),
                f"Your home was affected by {_EMERGENCY[h.emergency]}, but the council is "
                "satisfied that it is still reasonable for you to continue to occupy it; the "
                "emergency does not by itself make you homeless.", "homelessness"))
    if threatened:
        return Finding(THREATENED, tuple(threatened + [_not_the_cause(r) for r in other]))
    other.append(reason(
        "not_homeless_or_threatened", ha1996("s.175", "175"),
        "You have accommodation that is available for you and reasonable for you to continue "
        f"to occupy, and you are not likely to lose it within {window} days, so you are "
        "neither homeless nor threatened with homelessness.", "homelessness"))
    return Finding(NEITHER, tuple(other))


# What a fact that alone would not make the household threatened says when another fact does.
_NOT_THE_CAUSE = {
    "not_yet_threatened": (
        "threatened_date_later",
        "The date you expect to lose your accommodation, {lose}, is more than {window} days "
        "away, so it is not what makes you threatened with homelessness."),
    "section_21_expires_later": (
        "section_21_not_the_threat",
        "Your landlord's valid {notice} expires on {expires}, more than {window} days away, so "
        "it is not what makes you threatened with homelessness."),
    "section_21_already_expired": (
        "section_21_already_expired",
        "Your landlord's valid {notice} expired on {expires}; a notice that has already expired "
        "is not what makes you threatened with homelessness."),
}
