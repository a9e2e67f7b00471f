"""Who is in the household on the assessment date, and how a letter names them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .facts import Facts, Member, age_on

if TYPE_CHECKING:
    from .policy import Policy

_NAMES = {
    ("child", "F"): "daughter", ("child", "M"): "son", ("child", "X"): "child",
    ("parent", "F"): "mother", ("parent", "M"): "father", ("parent", "X"): "parent",
    ("sibling", "F"): "sister", ("sibling", "M"): "brother", ("sibling", "X"): "sibling",
}


def applicant_age(facts: Facts, on: date) -> int:
    return age_on(facts.applicant.dob, on)


def is_dependent_child(relation: str, dob: date, on: date, policy: Policy) -> bool:
    """A child of the household young enough to be presumed dependent on `on`: under
    statutory.toml ages.dependent_child_under (19, Code of Guidance para 8.10), counted in
    whole years so that leap years do not move a birthday."""
    return relation == "child" and age_on(dob, on) < policy.dependent_child_under


def member_age(member: Member, on: date) -> int:
    return age_on(member.dob, on)


def describe(member: Member, on: date) -> str:
    """``your son aged 14``, ``your partner``, ``a household member aged 30``."""
    age = member_age(member, on)
    if member.relation == "partner":
        return "your partner"
    if member.relation == "other":
        return f"a household member aged {age}"
    return f"your {_NAMES[(member.relation, member.sex)]} aged {age}"


def residents(facts: Facts) -> tuple[Member, ...]:
    """Members who reside, or might reasonably be expected to reside, with the applicant
    (s.176 Housing Act 1996); the others do not count for any rule."""
    return tuple(m for m in facts.household if m.resides_with_applicant)
