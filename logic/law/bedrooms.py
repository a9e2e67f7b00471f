"""Bedroom need under the council's allocation scheme.

``size_criteria`` (the default): one bedroom each for a couple (the applicant and a
resident partner), any other person aged 16 or over, two children of the same sex under 16,
two children under 10 of any sex, and any other child. ``bedroom_standard`` (the classic
standard) is the same with 21 in place of 16. The thresholds are in the policy file.

"The fewest bedrooms the rules allow" is a matching problem: the need is the number of
people who sleep apart minus the pairs who may share, and the engine finds the largest
set of allowed pairs (see :func:`best_pairs`). A child recorded with
sex ``X`` can share only under the any-sex rule. An expected baby (the applicant or a
resident member is pregnant, when the policy counts the unborn) is a child under 10 whose
sex is not known. Only people who reside with the applicant count. Adding a person never
lowers the need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .core import Citation, Finding, Reason, join_words, plural, reason
from .facts import Facts
from .household import describe, member_age, residents
from .policy import Policy, SharingRules

F = "bedroom_need"


@dataclass(frozen=True)
class Sleeper:
    """Someone who needs a bed: ``age`` None for an expected baby, ``sex`` None if unknown."""

    label: str
    age: int | None
    sex: str | None


def may_share(a: Sleeper, b: Sleeper, rules: SharingRules) -> bool:
    """Two children who may share a bedroom under ``rules``."""
    age_a = 0 if a.age is None else a.age
    age_b = 0 if b.age is None else b.age
    if age_a < rules.any_sex_share_under and age_b < rules.any_sex_share_under:
        return True
    same_sex = a.sex is not None and a.sex == b.sex and a.sex in ("F", "M")
    return same_sex and age_a < rules.same_sex_share_under and age_b < rules.same_sex_share_under


def best_pairs(children: tuple[Sleeper, ...], rules: SharingRules) -> tuple[tuple[int, int], ...]:
    """The largest set of disjoint pairs of children allowed to share (maximum matching).

    The sharing rules give the compatibility a simple shape, so a greedy order is optimal:
    "young" children (under ``any_sex_share_under``) may all share with each other; "older"
    children (up to ``same_sex_share_under``) share only with a child of the same known sex.
    1. Pair older children of the same sex with each other.
    2. An older child left over pairs with a young child of the same sex if there is one:
       that uses one young child to make one pair, and the young children left can then
       make at most one pair fewer, so it never loses.
    3. Every young child left may share with any other: pair them (same sex first).
    Tests check this against an exhaustive search.
    """
    def age(c: Sleeper) -> int:
        return 0 if c.age is None else c.age

    def known(c: Sleeper) -> str | None:
        return c.sex if c.sex in ("F", "M") else None

    order = sorted(range(len(children)), key=lambda i: (-age(children[i]), i))
    young = [i for i in order if age(children[i]) < rules.any_sex_share_under]
    older = [i for i in order
             if rules.any_sex_share_under <= age(children[i]) < rules.same_sex_share_under]
    pairs: list[tuple[int, int]] = []
    for sex in ("F", "M"):
        olds = [i for i in older if known(children[i]) == sex]
        while len(olds) >= 2:
            pairs.append((olds.pop(0), olds.pop(0)))
        if olds:
            match = next((j for j in young if known(children[j]) == sex), None)
            if match is not None:
                young.remove(match)
                pairs.append((olds[0], match))
    leftovers: list[int] = []
    for sex in ("F", "M", None):
        same = [i for i in young if known(children[i]) == sex]
        while len(same) >= 2 and sex is not None:
            pairs.append((same.pop(0), same.pop(0)))
        leftovers += same
    leftovers.sort(key=lambda i: (-age(children[i]), i))
    while len(leftovers) >= 2:
        pairs.append((leftovers.pop(0), leftovers.pop(0)))
    return tuple(pairs)


def _policy_citation(policy: Policy, key: str) -> Citation:
    return Citation(policy.name, policy.ref(key, "bedroom standard"))


def bedroom_need(facts: Facts, on: date, policy: Policy) -> Finding[int]:
    rules = policy.sharing_rules
    standard_name = ("size criteria" if policy.bedroom_standard == "size_criteria"
                     else "bedroom standard")
    cite = _policy_citation(policy, "bedrooms.standard")
    rooms: list[str] = []
    notes: list[Reason] = []

    members = list(residents(facts))
    partner = next((m for m in members if m.relation == "partner"), None)
    if partner is not None:
        members.remove(partner)
        rooms.append("one for you and your partner")
    else:
        rooms.append("one for you")
    young: list[Sleeper] = []
    for m in members:
        age = member_age(m, on)
        if age >= rules.own_room_from_age:
            rooms.append(f"one for {describe(m, on)}")
        else:
            young.append(Sleeper(describe(m, on), age, m.sex))
    expecting = []
    if facts.applicant.pregnant:
        expecting.append("you are")
    expecting += [f"{describe(m, on)} is" for m in residents(facts) if m.pregnant]
    if expecting:
        if policy.count_unborn_child:
            for _ in expecting:
                young.append(Sleeper("the expected baby", None, None))
            notes.append(reason(
                "unborn_child_counted", _policy_citation(policy, "bedrooms.count_unborn_child"),
                f"Because {join_words(expecting)} pregnant, the expected baby is counted as a "
                f"child under {rules.any_sex_share_under} whose sex is not yet known.", F))
        else:
            notes.append(reason(
                "unborn_child_not_counted", _policy_citation(policy, "bedrooms.count_unborn_child"),
                "The council's scheme does not count an expected baby until it is born.", F))
    pairs = best_pairs(tuple(young), rules)
    paired = {i for pair in pairs for i in pair}
    for i, j in pairs:
        rooms.append(f"one shared by {young[i].label} and {young[j].label}")
    for i, child in enumerate(young):
        if i not in paired:
            rooms.append(f"one for {child.label}")
    total = len(rooms)
    for m in facts.household:
        if not m.resides_with_applicant:
            notes.append(reason(
                "member_not_counted", cite,
                f"{describe(m, on).capitalize()} does not live with you and is not expected to, "
                "so is not counted.", F))
    sharing = (f"children of the same sex share until {rules.same_sex_share_under} and any two "
               f"children under {rules.any_sex_share_under} share; everyone else aged "
               f"{rules.own_room_from_age} or over has a room")
    main = reason(
        "bedroom_need", cite,
        f"Under the council's {standard_name} ({sharing}), your household needs "
        f"{plural(total, 'bedroom')}: {join_words(rooms)}.", F)
    return Finding(total, (main, *notes))
