"""A young person children's services must help first (version 2 of the format).

``refer_to_childrens_services``: the applicant is 16 or 17, homeless or threatened with
homelessness, and either a "relevant child" (Children Act 1989 s.23A(2)) or owed
accommodation under s.20 of that Act. Children's services' duties come first: a homeless
16- or 17-year-old in need is accommodated under s.20, not housed under Part 7 (R (G) v
Southwark LBC [2009] UKHL 26), and a relevant child is the responsible authority's to
support and accommodate (CA 1989 s.23B(8)). Computed whether or not the applicant is eligible
for Part 7 assistance.

For a 16- or 17-year-old with neither fact recorded the answer is no: the Order's art.3
ground stands, and that reason says so.
"""

from __future__ import annotations

from datetime import date

from .core import Citation, Finding, reason
from .facts import Facts
from .homelessness import NEITHER
from .household import applicant_age
from .policy import Policy

F = "refer_to_childrens_services"
SOUTHWARK = Citation("R (G) v Southwark LBC", "[2009] UKHL 26", "")
CA1989 = "Children Act 1989"
_STATUS = {"homeless": "homeless", "threatened": "threatened with homelessness"}


def childrens_services(facts: Facts, on: date, policy: Policy, homelessness: str
                       ) -> Finding[bool]:
    a = facts.applicant
    age = applicant_age(facts, on)
    young = policy.young_person_from <= age <= policy.young_person_to
    owed = a.relevant_child or a.owed_s20_duty
    if not young or not owed:
        # explained by the applicant's age, or by the art.3 ground (attached by the engine)
        return Finding(False, ())
    if homelessness == NEITHER:
        return Finding(False, (reason(
            "childrens_services_not_homeless", Citation(CA1989, "s.20"),
            f"You are aged {age} and children's services owe you help, but you are neither "
            "homeless nor threatened with homelessness, so there is nothing to refer to them "
            "now.", F),))
    if a.relevant_child:
        why, cite = ("you are a relevant child, so the children's services authority "
                     "responsible for you must support and accommodate you (Children Act 1989 "
                     "section 23B(8))"), Citation(CA1989, "s.23B(8)")
    else:
        why, cite = ("a local authority owes you accommodation under section 20 of the "
                     "Children Act 1989"), SOUTHWARK
    return Finding(True, (reason(
        "refer_to_childrens_services", cite,
        f"You are aged {age} and {_STATUS[homelessness]}, and {why}; children's services' duties come first (R (G) v Southwark [2009] UKHL 26), so "
        "the council will refer you to children's services.", F, "duty"),))
