"""Priority need (s.189(1) Housing Act 1996 and the Priority Need Order 2002).

Grounds, each one a code of the exchange format:

* ``pregnant`` -- s.189(1)(a): a pregnant woman, or a person with whom she resides or
  might reasonably be expected to reside (the applicant, or any resident member).
* ``dependent_children`` -- s.189(1)(b): a resident member recorded as a dependent child
  and under 19 (Code of Guidance para 8.10; the age is in the statutory file).
  One ground however many pregnancies or expected babies.
* ``vulnerable`` -- s.189(1)(c): the officer has recorded at least one vulnerability of the
  applicant's own.
* ``vulnerable_member`` -- s.189(1)(c), the household limb ("or with whom such a person
  resides or might reasonably be expected to reside"): a resident member the officer finds
  vulnerable. The Order's arts 5-6 have no household limb.
* ``emergency`` -- s.189(1)(d): homeless or threatened because of fire, flood or disaster.
  An emergency only counts while the household is homeless or threatened as a result of it.
* ``domestic_abuse`` -- s.189(1)(e) (Domestic Abuse Act 2021 s.78, from 5 July 2021):
  homeless as a result of being a victim of domestic abuse: the applicant is at risk
  (``domestic_abuse_victim`` "applicant" or "both"), not only a member.
* ``aged_16_17`` -- Order art.3: the applicant is 16 or 17, and neither a relevant child
  (art.3(1), CA 1989 s.23A(2)) nor owed a s.20 Children Act duty (art.3(2)). Either fact
  removes only this ground.
* ``care_leaver_18_20`` -- art.4: aged 18, 19 or 20 and looked after, accommodated or
  fostered at some time while 16 or 17 (a care leaver aged 16 or 17 has art.3 instead);
  not a relevant student (art.1(3)).
* ``vulnerable_former_care`` -- art.5(1): aged 21 or over and vulnerable as a result of
  having been looked after; not a relevant student (art.1(3)).
* ``vulnerable_armed_forces`` (art.5(2)), ``vulnerable_custody`` (art.5(3)),
  ``vulnerable_violence`` (art.6): the officer's finding, taken as recorded.

Priority need is decided on the facts at every stage, including for a household that is
neither homeless nor threatened (the status, not a duty); ``emergency`` and
``domestic_abuse`` need the homelessness they cause. Ages are whole years on the
assessment date: a person is 16, 18 or 21 on the birthday itself.
"""

from __future__ import annotations

from datetime import date

from .core import PNO2002, Citation, Finding, Reason, ha1996, join_words, pno2002, reason
from .facts import Facts, Member
from .homelessness import HOMELESS, NEITHER
from .household import applicant_age, describe, member_age, residents
from .policy import Policy

_VULNERABILITY = {
    "old_age": "old age",
    "mental_illness": "mental illness",
    "learning_disability": "a learning disability",
    "physical_disability": "a physical disability",
    "other_special_reason": "another special reason",
}

_EMERGENCY = {"fire": "a fire", "flood": "a flood", "other_disaster": "a disaster"}

G = "priority_need_grounds"
P = "priority_need"

_MULTIPLES = {2: "twins", 3: "triplets", 4: "quadruplets"}
_STATUS = {"homeless": "homeless", "threatened": "threatened with homelessness"}


def expecting(babies: int) -> str:
    """``""`` for one baby, `` (expecting twins)`` for two, and so on."""
    if babies <= 1:
        return ""
    return f" (expecting {_MULTIPLES.get(babies, f'{babies} babies')})"


def priority_need(facts: Facts, on: date, policy: Policy, homelessness: str
                  ) -> Finding[tuple[str, ...]]:
    """The grounds of priority need, sorted; priority need is that the list is not empty."""
    a = facts.applicant
    age = applicant_age(facts, on)
    grounds: dict[str, Reason] = {}

    pregnant_members = [m for m in residents(facts) if m.pregnant]
    if a.pregnant:
        grounds["pregnant"] = reason(
            "pregnant_applicant", ha1996("s.189(1)(a)", "189"),
            f"You are pregnant{expecting(a.expected_babies)}, so you have a priority need.",
            P, G)
    elif pregnant_members:
        who = join_words([describe(m, on) + expecting(m.expected_babies)
                          for m in pregnant_members])
        verb = "who is pregnant" if len(pregnant_members) == 1 else "who are each pregnant"
        grounds["pregnant"] = reason(
            "pregnant_household_member", ha1996("s.189(1)(a)", "189"),
            f"You live with {who}, {verb}, so you have a priority need.", P, G)

    children = [m for m in residents(facts)
                if m.dependent and member_age(m, on) < policy.dependent_child_under]
    if children:
        who = join_words([describe(m, on) for m in children])
        grounds["dependent_children"] = reason(
            "dependent_children", ha1996("s.189(1)(b)", "189"),
            f"Dependent children live with you ({who}), so you have a priority need.", P, G)

    if a.vulnerability:
        why = join_words([_VULNERABILITY[v] for v in a.vulnerability])
        grounds["vulnerable"] = reason(
            "vulnerable", ha1996("s.189(1)(c)", "189"),
            f"The council is satisfied that you are vulnerable because of {why}: you would be "
            "significantly more vulnerable than an ordinary person if homeless, so you have a "
            "priority need.", P, G)

    vulnerable_members = [m for m in residents(facts) if m.vulnerability]
    if vulnerable_members:
        found = ", and ".join(
            f"{describe(m, on)} is vulnerable because of "
            f"{join_words([_VULNERABILITY[v] for v in m.vulnerability])}"
            for m in vulnerable_members)
        whom = _pronoun(vulnerable_members[0]) if len(vulnerable_members) == 1 else "them"
        grounds["vulnerable_member"] = reason(
            "vulnerable_member", ha1996("s.189(1)(c)", "189"),
            f"The council is satisfied that {found}; you live with {whom}, so you have a "
            "priority need.", P, G)

    if facts.housing.emergency and homelessness != NEITHER:
        grounds["emergency"] = reason(
            "emergency", ha1996("s.189(1)(d)", "189"),
            f"You are {_STATUS[homelessness]} because of {_EMERGENCY[facts.housing.emergency]}, an "
            "emergency, so you have a priority need.", P, G)

    if (facts.housing.domestic_abuse and homelessness == HOMELESS
            and facts.housing.domestic_abuse_victim in ("applicant", "both")
            and policy.domestic_abuse_priority_need):
        grounds["domestic_abuse"] = reason(
            "domestic_abuse_victim", ha1996("s.189(1)(e)", "189"),
            "You are homeless as a result of being a victim of domestic abuse, so you have "
            "a priority need.", P, G)

    young = policy.young_person_from <= age <= policy.young_person_to
    if young and not (a.relevant_child or a.owed_s20_duty):
        grounds["aged_16_17"] = reason(
            "aged_16_17", pno2002(3),
            f"You are aged {age}, so you have a priority need as a young person of 16 or 17.",
            P, G)

    if (a.care_leaver and policy.young_person_to < age < policy.care_leaver_under
            and not a.relevant_student):
        grounds["care_leaver_18_20"] = reason(
            "care_leaver_18_20", pno2002(4),
            f"You are aged {age} and were looked after, accommodated or fostered while you were "
            "16 or 17, so you have a priority need as a care leaver under 21.", P, G)

    if a.vulnerable_former_care and age >= policy.former_care_from and not a.relevant_student:
        grounds["vulnerable_former_care"] = reason(
            "vulnerable_former_care", pno2002(5),
            "You are vulnerable as a result of having been looked after, accommodated or "
            "fostered, so you have a priority need.", P, G)

    if a.vulnerable_armed_forces:
        grounds["vulnerable_armed_forces"] = reason(
            "vulnerable_armed_forces", pno2002(5),
            "You are vulnerable as a result of having served in the regular armed forces, so "
            "you have a priority need.", P, G)
    if a.vulnerable_custody:
        grounds["vulnerable_custody"] = reason(
            "vulnerable_custody", pno2002(5),
            "You are vulnerable as a result of having served a custodial sentence or been "
            "remanded in custody, so you have a priority need.", P, G)
    if a.vulnerable_violence:
        grounds["vulnerable_violence"] = reason(
            "vulnerable_violence", pno2002(6),
            "You are vulnerable as a result of leaving accommodation because of violence or "
            "threats of violence likely to be carried out, so you have a priority need.", P, G)

    notes = _notes(facts, on, policy, homelessness, age, grounds)
    ordered = tuple(sorted(grounds))
    if not ordered:
        if facts.housing.domestic_abuse and homelessness == HOMELESS:
            # homeless because of domestic abuse, but it gives no ground (see the notes)
            tail = ("you are not homeless because of an emergency, and the domestic abuse that "
                    "makes you homeless does not give you a priority need, as explained above")
        else:
            tail = "and you are not homeless because of an emergency or domestic abuse"
        notes.append(reason(
            "no_priority_need", ha1996("s.189(1)", "189"),
            "None of the priority need categories applies to you: you are not pregnant, no "
            "dependent children live with you, the council has not found you vulnerable, "
            f"{tail}, so you do not have a priority need.", P, G))
    return Finding(ordered, tuple(grounds[g] for g in ordered) + tuple(notes))


def _pronoun(member: Member) -> str:
    return {"F": "her", "M": "him"}.get(member.sex, "them")


def _notes(facts: Facts, on: date, policy: Policy, homelessness: str, age: int,
           grounds: dict[str, Reason]) -> list[Reason]:
    """Near misses an officer should see: why a ground that looks close does not apply."""
    a = facts.applicant
    notes: list[Reason] = []
    if a.care_leaver and "care_leaver_18_20" not in grounds and age >= policy.care_leaver_under:
        notes.append(reason(
            "care_leaver_over_20", pno2002(4),
            f"You were looked after while 16 or 17, but you are now {age}; the care leaver "
            "category ends at 21, so only vulnerability as a result of having been looked "
            "after can give a priority need (article 5(1)).", P, G))
    young = policy.young_person_from <= age <= policy.young_person_to
    if young and (a.relevant_child or a.owed_s20_duty):
        why = []
        if a.relevant_child:
            why.append("a relevant child (article 3(1); Children Act 1989 section 23A)")
        if a.owed_s20_duty:
            why.append("owed accommodation by a local authority under section 20 of the "
                       "Children Act 1989 (article 3(2))")
        notes.append(reason(
            "aged_16_17_excluded", pno2002(3),
            f"You are aged {age}, but you are {' and '.join(why)}, so being 16 or 17 does not "
            "give you a priority need; any other ground still applies.", P, G))
    if a.relevant_student and (
            (a.care_leaver and policy.young_person_to < age < policy.care_leaver_under)
            or (a.vulnerable_former_care and age >= policy.former_care_from)):
        notes.append(reason(
            "relevant_student_excluded", Citation(PNO2002, "art.1(3)",
                                                  "https://www.legislation.gov.uk/uksi/2002/2051/article/1"),
            "You are a relevant student (in full-time further or higher education, with "
            "term-time accommodation not available in the vacation, Children Act 1989 section "
            "24B(3)), so the care leaver grounds in articles 4 and 5(1) do not apply to you.",
            P, G))
    if (a.vulnerable_former_care and "vulnerable_former_care" not in grounds
            and age < policy.former_care_from):
        notes.append(reason(
            "former_care_under_21", pno2002(5),
            f"You are aged {age}; vulnerability as a result of having been looked after is a "
            f"ground only from age {policy.former_care_from}.", P, G))
    if (facts.housing.domestic_abuse and homelessness == HOMELESS
            and facts.housing.domestic_abuse_victim == "member"):
        notes.append(reason(
            "domestic_abuse_member_only", ha1996("s.189(1)(e)", "189"),
            "The domestic abuse that makes you homeless is a risk to a member of your household, "
            "not to you; the priority need for a victim of domestic abuse is the victim's own, "
            "so it does not apply to you, though any other ground still does.", P, G))
    elif (facts.housing.domestic_abuse and homelessness == HOMELESS
            and not policy.domestic_abuse_priority_need):
        notes.append(reason(
            "domestic_abuse_before_2021", ha1996("s.189(1)", "189"),
            "On this date the law did not yet give victims of domestic abuse a priority need "
            "in their own right (that began on 5 July 2021).", P, G))
    old = [m for m in residents(facts)
           if m.dependent and member_age(m, on) >= policy.dependent_child_under]
    for m in old:
        notes.append(reason(
            "dependent_too_old", ha1996("s.189(1)(b)", "189"),
            f"{describe(m, on).capitalize()} is recorded as dependent but is not a child for "
            f"this purpose (children are dependent until {policy.dependent_child_under}).", P, G))
    away = [m for m in facts.household
            if not m.resides_with_applicant and (m.dependent or m.pregnant or m.vulnerability)]
    for m in away:
        notes.append(reason(
            "member_not_residing", ha1996("s.189(1)", "189"),
            f"{describe(m, on).capitalize()} does not live with you and is not expected to, so "
            "does not count towards priority need.", P, G))
    return notes
