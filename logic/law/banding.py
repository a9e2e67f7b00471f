"""The band a qualifying applicant is placed in, and the date it counts from (s.166A).

The bands and what places a case in each are data in the policy file: bands are tried in
order and the first whose conditions hold is the band (the last band catches every other
qualifying case). A band's ``effective_date`` is either the assessment date (the date the
need was assessed) or the date of application -- from ``facts.register.application_date``,
or the assessment date when none is recorded, which the reason says.
"""

from __future__ import annotations

from datetime import date

from .core import Finding, council_policy, ha1996, join_words, long_date, plural, reason
from .facts import Facts
from .policy import Band, BandCondition, Policy
from .qualification import conditions_met

_WORDS = {
    "homeless": "homeless", "owed_duty": "owed a listed homelessness duty",
    "unsatisfactory_housing": "in unsatisfactory or overcrowded housing",
    "medical_welfare": "needing to move on medical or welfare grounds",
    "hardship": "needing to move to avoid hardship", "main_duty": "owed the main housing duty",
    "prevention_duty": "owed the prevention duty", "relief_duty": "owed the relief duty",
    "intentional_priority": "owed the section 190(2) duty", "priority_need": "in priority need",
}


def _holds(cond: BandCondition, codes: frozenset[str], categories: int) -> bool:
    return (all(c in codes for c in cond.all)
            and (not cond.any or any(c in codes for c in cond.any))
            and categories >= cond.min_categories)


def _describe(cond: BandCondition) -> str:
    parts = [_WORDS[c] for c in cond.all]
    if cond.any:
        parts.append("either " + " or ".join(_WORDS[c] for c in cond.any))
    if cond.min_categories:
        parts.append(f"in at least {plural(cond.min_categories, 'reasonable preference group')}")
    return join_words(parts)


def band(facts: Facts, on: date, policy: Policy, *, qualifies: bool,
         preference: tuple[str, ...], duty: str, priority_need: bool
         ) -> Finding[tuple[Band | None, date | None]]:
    """The band and its effective date, or (None, None) for a case that does not qualify."""
    F = ("band", "band_effective_date")
    if not qualifies:
        return Finding((None, None), (reason(
            "no_band", ha1996("s.166A(1)", "166A"),
            "You do not qualify for the housing register, so you are not placed in a band.",
            *F),))
    codes = conditions_met(preference=preference, duty=duty, priority_need=priority_need)
    categories = len(preference)
    chosen, why = policy.bands[-1], "no higher band's conditions apply to you"
    for b in policy.bands[:-1]:
        met = next((c for c in b.when if _holds(c, codes, categories)), None)
        if met is not None:
            chosen, why = b, f"you are {_describe(met)}"
            break
    cite = council_policy(chosen.ref or "bands", policy.name)
    reasons = [reason(
        "band", cite,
        f"You are placed in band {chosen.name} ({chosen.label}) because {why}.", "band")]
    reg = facts.register
    if chosen.effective_date == "application_date":
        if reg is not None and reg.application_date is not None:
            effective = reg.application_date
            text = (f"Band {chosen.name} counts from the date of your application, "
                    f"{long_date(effective)}.")
        else:
            effective = on
            text = (f"Band {chosen.name} counts from the date of your application; none is "
                    f"recorded, so the assessment date, {long_date(on)}, is used.")
    else:
        effective = on
        text = (f"Band {chosen.name} counts from the date your need was assessed, "
                f"{long_date(on)}.")
    reasons.append(reason("band_effective_date", cite, text, "band_effective_date"))
    return Finding((chosen, effective), tuple(reasons))
