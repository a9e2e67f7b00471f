"""A household at the desk on 23 November 2026, written in the exchange format, for the
version-2 tests: ``household(...)`` gives the facts with any block changed."""

from __future__ import annotations

import copy
from typing import Any

from logic.law import determine
from logic.law.core import Determination

ON = "2026-11-23"
BASE: dict[str, Any] = {
    "assessment_date": ON,
    "applicant": {"dob": "1990-03-03", "sex": "F", "immigration_status": "british_irish"},
    "household": [],
    "housing": {"has_accommodation": False},
    "local_connection": {"months_resident_last_12": 12, "years_resident_last_5": 5},
}


def household(*, members: list[dict[str, Any]] | None = None, **blocks: Any) -> dict[str, Any]:
    """BASE with ``applicant``/``housing``/``local_connection`` keys added to, other blocks
    (``intentionality``, ``history``) set, and ``members`` as the household."""
    facts = copy.deepcopy(BASE)
    if members is not None:
        facts["household"] = members
    for name, value in blocks.items():
        if name in ("applicant", "housing", "local_connection") and isinstance(value, dict):
            facts[name].update(value)
        else:
            facts[name] = value
    return facts


def decide(**kwargs: Any) -> Determination:
    return determine(household(**kwargs))


def texts(d: Determination, field: str | None = None) -> list[str]:
    return [r.text for r in (d.reasons_for(field) if field else d.reasons)]


def rules(d: Determination) -> set[str]:
    return {r.rule for r in d.reasons}


def child(dob: str, sex: str = "F", **more: Any) -> dict[str, Any]:
    return {"relation": "child", "dob": dob, "sex": sex, "dependent": True, **more}


FINDINGS_ALL_MET = {"deliberate_act_or_omission": True, "good_faith_unaware": False,
                    "accommodation_available_and_reasonable": True, "caused_loss": True}
