"""Hearth's decision engine: the law of Part 6 and Part 7 of the Housing Act 1996, and the
council's allocation policy, as pure functions that explain themselves.

    from logic.law import parse_facts, determine
    d = determine(parse_facts(raw["facts"]))
    d.duty, d.reasons_for("duty"), d.to_json_dict()
"""

from .core import Citation, Determination, Finding, Reason
from .engine import determine
from .explain import explain
from .facts import Facts, parse_facts, parse_scenario
from .policy import Policy, PolicyBook, PolicyError, load_policy, policy_as_at

__all__ = [
    "Citation", "Determination", "Facts", "Finding", "Policy", "PolicyBook",
    "PolicyError", "Reason", "determine", "explain", "load_policy", "parse_facts",
    "parse_scenario", "policy_as_at",
]
