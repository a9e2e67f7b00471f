"""Local connection (s.199) and referral to another authority (s.198).

s.199(1): a connection with this district because of normal residence of choice, employment,
family associations or special circumstances. The council reads residence and family as the
LGA referral guidelines do (figures in the policy file): resident 6 of the last 12 months
or 3 of the last 5 years; close relatives living here 5 years or more. Version 2 adds the
statutory connections: a care leaver's (s.199(8), s.199(10)-(11): ``care_leaver_here``) and a
former asylum seeker's (s.199(6)-(7): ``asylum_support_here``); and a member's own connection
(``local_connection_here``): when the applicant or any member who resides or might reasonably
be expected to reside has a connection here, the household has one and cannot be referred
(s.198(2)(a)).

Referral (s.198(A1) at the relief stage, s.198(1) once the main duty is owed) is possible
only for a homeless, eligible applicant owed one of those duties, with no connection here,
a connection elsewhere, and no risk of domestic abuse there for anyone in the household
(s.198(2)(c)). Where the applicant fled violence that was not domestic abuse
(``vulnerable_violence`` without ``domestic_abuse``), the recorded risk there is of further
violence of a similar kind, and the provision is s.198(2ZA). A threatened applicant's
prevention duty cannot be referred; nor can the s.190(2) duty to an intentionally homeless
applicant.
"""

from __future__ import annotations

from datetime import date

from .core import Finding, Reason, ha1996, join_words, plural, reason
from .facts import Facts
from .homelessness import HOMELESS
from .household import describe, residents
from .policy import Policy

F = "local_connection"
R = "referral_possible"


def local_connection(facts: Facts, on: date, policy: Policy) -> Finding[bool]:
    lc = facts.local_connection
    found: list[Reason] = []
    months, years = lc.months_resident_last_12, lc.years_resident_last_5
    if months >= policy.lc_months_in_last_12 or years >= policy.lc_years_in_last_5:
        found.append(reason(
            "local_connection_residence", ha1996("s.199(1)(a)", "199"),
            f"You have lived in the district by choice for {plural(months, 'month')} of the last "
            f"12 and {plural(years, 'year')} of the last 5; the council counts "
            f"{policy.lc_months_in_last_12} of the last 12 months or {policy.lc_years_in_last_5} "
            "of the last 5 years, so you have a local connection through residence.", F))
    if lc.employed_in_district:
        found.append(reason(
            "local_connection_employment", ha1996("s.199(1)(b)", "199"),
            "You work in the district, so you have a local connection through employment.", F))
    if lc.close_family_5_years:
        found.append(reason(
            "local_connection_family", ha1996("s.199(1)(c)", "199"),
            f"Close relatives of yours have lived in the district for {policy.lc_family_years} "
            "years or more, so you have a local connection through family associations.", F))
    if lc.special_circumstances:
        found.append(reason(
            "local_connection_special_circumstances", ha1996("s.199(1)(d)", "199"),
            "The council accepts special circumstances that give you a local connection.", F))
    if lc.care_leaver_here:
        found.append(reason(
            "local_connection_care_leaver", ha1996("s.199(8), (10)-(11)", "199"),
            "As a care leaver you have a local connection with this district in law: either "
            "this council's children's services owe you leaving-care duties (section 199(8)), "
            "or you were placed here by another council's children's services and have "
            "normally lived here for two years, some of it before you were 16 (section "
            "199(10)-(11)).", F))
    if lc.asylum_support_here:
        found.append(reason(
            "local_connection_asylum_support", ha1996("s.199(6)-(7)", "199"),
            "The most recent accommodation provided for you as an asylum seeker under section "
            "95 of the Immigration and Asylum Act 1999 was in this district (and not in an "
            "accommodation centre), so you have a local connection with this district.", F))
    members = [m for m in residents(facts) if m.local_connection_here]
    if members:
        who = join_words([describe(m, on) for m in members])
        verb = "has" if len(members) == 1 else "each have"
        found.append(reason(
            "local_connection_member", ha1996("s.198(2)(a)", "198"),
            f"{who[:1].upper()}{who[1:]} {verb} a local connection with this district and "
            "lives with you, so your household has a local connection here.", F))
    if found:
        return Finding(True, tuple(found) + tuple(_away_notes(facts, on)))
    return Finding(False, (reason(
        "no_local_connection", ha1996("s.199(1)", "199"),
        f"You have lived in the district for {plural(months, 'month')} of the last 12 and "
        f"{plural(years, 'year')} of the last 5, which is less than the council counts, and "
        "you have no connection here through work, family or special circumstances, so you "
        "have no local connection with this district.", F),) + tuple(_away_notes(facts, on)))


def _away_notes(facts: Facts, on: date) -> list[Reason]:
    return [reason(
        "member_connection_not_counted", ha1996("s.198(2)(a)", "198"),
        f"{describe(m, on).capitalize()} has a local connection with this district but does not "
        "live with you and is not expected to, so it does not count for your household.", F)
        for m in facts.household if m.local_connection_here and not m.resides_with_applicant]


def referral_possible(facts: Facts, on: date, policy: Policy, *, eligible: bool,
                      homelessness: str, duty: str, local_connection: bool) -> Finding[bool]:
    lc = facts.local_connection
    s198 = ha1996("s.198", "198")
    if not eligible:
        return Finding(False, (reason(
            "no_referral_ineligible", s198,
            "You are not eligible for assistance, so there is no duty to refer to another "
            "council.", R),))
    if homelessness != HOMELESS:
        return Finding(False, (reason(
            "no_referral_not_homeless", ha1996("s.198(A1)", "198"),
            "Referral to another council is possible only for a homeless applicant; the "
            "duties owed to you stay with this council.", R),))
    if local_connection:
        own = _own_connection(facts, policy)
        return Finding(False, (reason(
            "no_referral_local_connection", ha1996("s.198(2)(a)", "198"),
            ("You have" if own else "A member of your household who lives with you has")
            + " a local connection with this district, so your case cannot be referred "
            "to another council.", R),))
    if not lc.connection_elsewhere:
        return Finding(False, (reason(
            "no_referral_no_connection_elsewhere", ha1996("s.198(2)(b)", "198"),
            "You have no local connection with any other district either, so this council "
            "keeps your case.", R),))
    if lc.risk_of_abuse_elsewhere and facts.applicant.vulnerable_violence and not (
            facts.housing.domestic_abuse):
        return Finding(False, (reason(
            "no_referral_risk_of_violence", ha1996("s.198(2ZA)", "198"),
            "You have a connection with another district, but you or someone in your household "
            "suffered violence there that was not domestic abuse, and going back would probably "
            "lead to further violence of a similar kind, so your case will not be referred.",
            R),))
    if lc.risk_of_abuse_elsewhere:
        return Finding(False, (reason(
            "no_referral_risk_of_abuse", ha1996("s.198(2)(c)", "198"),
            "You have a connection with another district, but you or someone in your household "
            "would run the risk of domestic abuse there, so your case will not be referred.",
            R),))
    if duty == "relief":
        return Finding(True, (reason(
            "referral_relief_stage", ha1996("s.198(A1)", "198"),
            "You have no local connection here, you have one with another district, and no one "
            "in your household would be at risk of domestic abuse there, so the council may "
            "refer your case to that council for the relief duty.", R),))
    if duty == "main":
        return Finding(True, (reason(
            "referral_main_duty", ha1996("s.198(1)", "198"),
            "You have no local connection here, you have one with another district, and no one "
            "in your household would be at risk of domestic abuse there, so the council may "
            "refer your case to that council for the main housing duty.", R),))
    return Finding(False, (reason(
        "no_referral_no_duty", ha1996("s.198(1)", "198"),
        "You have a connection only with another district, but no duty that can be referred "
        "is owed to you now (only the relief duty and the main housing duty can be), so there "
        "is nothing to refer.", R),))


def _own_connection(facts: Facts, policy: Policy) -> bool:
    """The applicant's own connection here (not only a member's)."""
    lc = facts.local_connection
    return (lc.months_resident_last_12 >= policy.lc_months_in_last_12
            or lc.years_resident_last_5 >= policy.lc_years_in_last_5
            or lc.employed_in_district or lc.close_family_5_years
            or lc.special_circumstances or lc.care_leaver_here or lc.asylum_support_here)
