"""Reasonable preference for an allocation (s.166A(3) Housing Act 1996).

* ``homeless`` -- (a): homeless within Part 7 (actually homeless; being threatened is not).
* ``owed_duty`` -- (b): owed a duty under s.190(2), s.193(2) or s.195(2): the
  intentional-priority, main and prevention duties. The relief duty (s.189B) is not listed.
* ``unsatisfactory_housing`` -- (c): insanitary or otherwise unsatisfactory conditions
  (officer's finding), or overcrowded: living in accommodation with fewer bedrooms than the
  household needs under the council's bedroom standard.
* ``medical_welfare`` -- (d): needs to move on medical or welfare grounds.
* ``hardship`` -- (e): needs to move to a particular locality to avoid hardship.

A person who is not eligible for an allocation (s.160ZA) is given no preference.

For a register application the duty is the one the council's homelessness casework records as
owed on the day (``facts.register.homelessness_duty``), not one the engine would find from the
register's own housing facts: see :func:`duty_for_allocation`.
"""

from __future__ import annotations

from datetime import date

from .core import Finding, Reason, ha1996, plural, reason
from .duties import INTENTIONAL_PRIORITY, MAIN, PREVENTION, RELIEF
from .facts import Facts
from .homelessness import HOMELESS
from .policy import Policy

F = "reasonable_preference"
_DUTY_SECTION = {PREVENTION: ("s.195(2)", "prevention duty"),
                 MAIN: ("s.193(2)", "main housing duty"),
                 INTENTIONAL_PRIORITY: ("s.190(2)", "duty to secure accommodation for a reasonable period")}


# duties owed only to someone the council is satisfied is homeless: s.189B(1), s.190(1), s.193(1)
_OWED_TO_THE_HOMELESS = (RELIEF, MAIN, INTENTIONAL_PRIORITY)


def duty_for_allocation(facts: Facts, *, duty: str, homelessness: str) -> tuple[str, str]:
    """The duty and homelessness finding an allocation reads (s.166A(3)(a)-(b)).

    Where the household's casework records a Part 7 duty as owed on the day, that duty is the
    one owed (a duty runs from its start until the council ends it), whatever the register's
    own housing facts would give; and a relief, main or s.190(2) duty is owed only to someone
    the council is satisfied is homeless, so it places them in group (a) as well.
    """
    recorded = facts.register.homelessness_duty if facts.register is not None else None
    if recorded is None:
        return duty, homelessness
    return recorded, HOMELESS if recorded in _OWED_TO_THE_HOMELESS else homelessness


def reasonable_preference(facts: Facts, on: date, policy: Policy, *, eligible: bool,
                          homelessness: str, duty: str, bedroom_need: int
                          ) -> Finding[tuple[str, ...]]:
    if not eligible:
        return Finding((), (reason(
            "no_preference_ineligible", ha1996("s.160ZA(2)", "160ZA"),
            "You are not eligible for an allocation of social housing, so no reasonable "
            "preference can be given.", F),))
    h = facts.housing
    found: dict[str, Reason] = {}
    if homelessness == HOMELESS:
        found["homeless"] = reason(
            "preference_homeless", ha1996("s.166A(3)(a)", "166A"),
            "You are homeless, so you must be given reasonable preference for social housing.",
            F)
    if duty in _DUTY_SECTION:
        section, name = _DUTY_SECTION[duty]
        found["owed_duty"] = reason(
            "preference_owed_duty", ha1996("s.166A(3)(b)", "166A"),
            f"The council owes you the {name} ({section}), so you must be given reasonable "
            "preference.", F)
    overcrowded = (h.has_accommodation and h.current_bedrooms is not None
                   and h.current_bedrooms < bedroom_need)
    if h.unsatisfactory_conditions or overcrowded:
        bits = []
        if overcrowded:
            bits.append(f"your home has {plural(h.current_bedrooms or 0, 'bedroom')} but your "
                        f"household needs {bedroom_need}: you are overcrowded")
        if h.unsatisfactory_conditions:
            bits.append("the council is satisfied that your home is insanitary or otherwise "
                        "unsatisfactory")
        found["unsatisfactory_housing"] = reason(
            "preference_unsatisfactory_housing", ha1996("s.166A(3)(c)", "166A"),
            "; and ".join(bits)[0].upper() + "; and ".join(bits)[1:]
            + ". So you must be given reasonable preference.", F)
    if h.medical_welfare_need:
        found["medical_welfare"] = reason(
            "preference_medical_welfare", ha1996("s.166A(3)(d)", "166A"),
            "You need to move on medical or welfare grounds, so you must be given reasonable "
            "preference.", F)
    if h.hardship_locality_need:
        found["hardship"] = reason(
            "preference_hardship", ha1996("s.166A(3)(e)", "166A"),
            "You need to move to a particular area to avoid hardship to yourself or others, so "
            "you must be given reasonable preference.", F)
    notes: list[Reason] = []
    if not found:
        notes.append(reason(
            "no_reasonable_preference", ha1996("s.166A(3)", "166A"),
            "None of the reasonable preference groups applies to you: you are not homeless, "
            "not owed a listed homelessness duty, not overcrowded or in unsatisfactory housing, "
            "and have no medical, welfare or hardship need to move.", F))
    elif "owed_duty" not in found and duty == "relief":
        notes.append(reason(
            "relief_not_a_preference_duty", ha1996("s.166A(3)(b)", "166A"),
            "The relief duty is not one of the duties that give reasonable preference in their "
            "own right; your preference comes from being homeless.", F))
    ordered = tuple(sorted(found))
    return Finding(ordered, tuple(found[k] for k in ordered) + tuple(notes))
