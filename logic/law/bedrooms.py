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
sex is not known; a pregnancy expecting twins (``expected_babies`` 2) counts two. Only people
who reside with the applicant count. Adding a person never lowers the need.

Version 2: a child (under ``own_room_from_age``) who cannot share a bedroom because of a
disability (``needs_own_room``) has a room of their own and is paired with nobody; the other
children are paired as usual, fewest bedrooms. A partner who cannot share gives the couple two
bedrooms. For anyone else aged 16 or over it changes nothing: they have a room already. A
carer who does not live in the household but stays overnight to care for someone in it
(``overnight_carer``) adds one bedroom however many carers (Housing Benefit Regulations 2006
reg.13D(3)); the carer counts for nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .core import Citation, Finding, Reason, join_words, plural, reason
from .facts import Facts
from .household import describe, member_age, residents
from .policy import Policy, SharingRules

F = "bedroom_need"
CARER = Citation("Housing Benefit Regulations 2006", "reg.13D(3)",
                 "https://www.legislation.gov.uk/uksi/2006/213/regulation/13D")
CANNOT_SHARE = "(who cannot share a bedroom because of a disability)"
_MULTIPLES = {2: "twins", 3: "triplets", 4: "quadruplets"}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def _baby_labels(owner: str, babies: int, several: bool) -> list[str]:
    """How the rooms list names each expected baby: ``the expected baby`` for one pregnancy
    of one baby; ``your expected baby`` and ``the expected baby of your daughter aged 17``
    when several are pregnant; ``the first of the expected twins`` for twins."""
    whose, of = "the", ""
    if several:
        whose, of = ("your", "") if owner == "you" else ("the", f" of {owner}")
    if babies == 1:
        return [f"{whose} expected baby{of}"]
    group = _MULTIPLES.get(babies, "babies")
    return [f"the {_ORDINALS[k] if k < len(_ORDINALS) else f'baby number {k + 1}'} of "
            f"{whose} expected {group}{of}" for k in range(babies)]


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


def expecting_words(babies: int) -> str:
    """``""`` for one baby, `` with twins`` for two, and so on."""
    if babies <= 1:
        return ""
    return f" with {_MULTIPLES.get(babies, f'{babies} babies')}"


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
        if partner.needs_own_room:
            rooms += ["one for you", f"one for your partner {CANNOT_SHARE}"]
        else:
            rooms.append("one for you and your partner")
    else:
        rooms.append("one for you")
    young: list[Sleeper] = []
    for m in members:
        age = member_age(m, on)
        if age >= rules.own_room_from_age:
            rooms.append(f"one for {describe(m, on)}")
            if m.needs_own_room:
                notes.append(reason(
                    "own_room_already", cite,
                    f"{describe(m, on).capitalize()} cannot share a bedroom, but has a bedroom "
                    "of their own under the scheme already, so the need does not change.", F))
        elif m.needs_own_room:
            rooms.append(f"one for {describe(m, on)} {CANNOT_SHARE}")
        else:
            young.append(Sleeper(describe(m, on), age, m.sex))
    pregnancies: list[tuple[str, str, int]] = []  # (who, "you are pregnant", babies)
    if facts.applicant.pregnant:
        pregnancies.append(("you", "you are pregnant", facts.applicant.expected_babies))
    pregnancies += [(describe(m, on), f"{describe(m, on)} is pregnant", m.expected_babies)
                    for m in residents(facts) if m.pregnant]
    if pregnancies:
        if policy.count_unborn_child:
            several = len(pregnancies) > 1
            for who, _, babies in pregnancies:
                for label in _baby_labels(who, babies, several):
                    young.append(Sleeper(label, None, None))
            count = sum(babies for _, _, babies in pregnancies)
            said = join_words([
                said + expecting_words(babies) for _, said, babies in pregnancies])
            counted = ("the expected baby is counted as a child" if count == 1
                       else f"the {count} expected babies are counted as children")
            notes.append(reason(
                "unborn_child_counted", _policy_citation(policy, "bedrooms.count_unborn_child"),
                f"Because {said}, {counted} under {rules.any_sex_share_under} whose sex is not "
                "yet known.", F))
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
    if facts.housing.overnight_carer:
        rooms.append("one for a carer who stays overnight")
        notes.append(reason(
            "overnight_carer", CARER,
            "A carer who does not live with you stays overnight to care for someone in your "
            "household, so one more bedroom is counted (one however many carers there are).", F))
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
