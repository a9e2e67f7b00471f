"""Intentional homelessness (s.191 Housing Act 1996).

A person becomes homeless intentionally only if ALL of these are found (s.191(1)-(2)):
they deliberately did or failed to do something; not in good faith unaware of a relevant
fact; in consequence of which they ceased to occupy accommodation; which was available
for their occupation and reasonable for them to continue to occupy. Each limb is the
officer's finding, recorded in ``facts.intentionality``; with no finding recorded the
applicant is not intentionally homeless. Only someone who is homeless can be
intentionally homeless. Intentionality is no test for the prevention or relief duties;
it matters when the relief duty ends (s.190, s.193).
"""

from __future__ import annotations

from datetime import date

from .core import Finding, ha1996, reason
from .facts import Facts
from .homelessness import HOMELESS
from .policy import Policy

F = "intentionally_homeless"


def intentionally_homeless(facts: Facts, on: date, policy: Policy, homelessness: str
                           ) -> Finding[bool]:
    i = facts.intentionality
    s191 = ha1996("s.191(1)", "191")
    if homelessness != HOMELESS:
        return Finding(False, (reason(
            "not_homeless_so_not_intentional", s191,
            "You are not homeless, so the question of intentional homelessness does not arise.",
            F),))
    if i is None:
        return Finding(False, (reason(
            "no_intentionality_finding", s191,
            "No inquiry has found that you became homeless intentionally, so you are treated "
            "as not intentionally homeless.", F),))
    missing = []
    if not i.deliberate_act_or_omission:
        missing.append("you did not deliberately do, or fail to do, anything that led to it")
    if i.good_faith_unaware:
        missing.append("you acted in good faith, unaware of a relevant fact "
                       "(section 191(2))")
    if not i.caused_loss:
        missing.append("what you did was not the reason you lost your accommodation")
    if not i.accommodation_available_and_reasonable:
        missing.append("the accommodation you lost was not available to you or not reasonable "
                       "for you to continue to occupy")
    if missing:
        return Finding(False, (reason(
            "not_intentional", s191,
            "You did not become homeless intentionally: " + "; ".join(missing) + ".", F),))
    return Finding(True, (reason(
        "intentionally_homeless", s191,
        "You became homeless intentionally: you deliberately did or failed to do something, "
        "not in good faith ignorance of the facts, and as a result you lost accommodation that "
        "was available to you and reasonable for you to continue to occupy.", F),))
