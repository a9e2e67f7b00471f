"""Intentional homelessness (s.191 Housing Act 1996).

A person becomes homeless intentionally only if ALL of these are found (s.191(1)-(2)):
they deliberately did or failed to do something; not in good faith unaware of a relevant
fact; in consequence of which they ceased to occupy accommodation; which was available
for their occupation and reasonable for them to continue to occupy. Each limb is the
officer's finding, recorded in ``facts.intentionality``; with no finding recorded the
applicant is not intentionally homeless. Only someone who is homeless can be
intentionally homeless. Intentionality is no test for the prevention or relief duties;
it matters when the relief duty ends (s.190, s.193).

Whose act (version 2): the findings may describe a member's act or omission
(``whose_act`` "member"). It counts against the applicant only where the applicant
acquiesced in it (R v North Devon DC ex p Lewis [1981] 1 WLR 328); otherwise s.191(1) is not
met whatever the four findings say. A collusive arrangement (s.191(3): an arrangement
requiring him to leave accommodation reasonable to continue to occupy, made to become
entitled to Part 7 assistance, with no other good reason for the homelessness) makes the
applicant intentionally homeless whatever the s.191(1) findings say.
"""

from __future__ import annotations

from datetime import date

from .core import Citation, Finding, ha1996, reason
from .facts import Facts
from .homelessness import HOMELESS
from .policy import Policy

F = "intentionally_homeless"
LEWIS = Citation("R v North Devon DC, ex p Lewis", "[1981] 1 WLR 328", "")


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
    if i.collusive_arrangement:
        return Finding(True, (reason(
            "collusive_arrangement", ha1996("s.191(3)", "191"),
            "You entered into an arrangement under which you were required to leave "
            "accommodation that it was reasonable for you to continue to occupy, the purpose "
            "of the arrangement was to make you entitled to help with housing, and there is no "
            "other good reason why you are homeless, so you are treated as having become "
            "homeless intentionally.", F),))
    member = i.whose_act == "member"
    if member and not i.acquiesced:
        return Finding(False, (reason(
            "member_act_not_acquiesced", LEWIS,
            "The act or omission that led to the loss of your accommodation was a member of "
            "your household's, and you did not go along with it; it cannot be treated as "
            "yours, so you did not become homeless intentionally (section 191(1)).", F),))
    who = "the member of your household" if member else "you"
    missing = []
    if not i.deliberate_act_or_omission:
        missing.append(f"{who} did not deliberately do, or fail to do, anything that led to it")
    if i.good_faith_unaware:
        missing.append(f"{who} acted in good faith, unaware of a relevant fact "
                       "(section 191(2))")
    if not i.caused_loss:
        missing.append(f"what {who} did was not the reason you lost your accommodation")
    if not i.accommodation_available_and_reasonable:
        missing.append("the accommodation you lost was not available to you or not reasonable "
                       "for you to continue to occupy")
    if missing:
        return Finding(False, (reason(
            "not_intentional", s191,
            "You did not become homeless intentionally: " + "; ".join(missing) + ".", F),))
    if member:
        return Finding(True, (reason(
            "intentionally_homeless_member_act", s191,
            "A member of your household deliberately did or failed to do something, not in "
            "good faith ignorance of the facts, and you went along with it, so it counts as "
            "yours (R v North Devon DC ex p Lewis); as a result you lost accommodation that was "
            "available to you and reasonable for you to continue to occupy, so you became "
            "homeless intentionally.", F),))
    return Finding(True, (reason(
        "intentionally_homeless", s191,
        "You became homeless intentionally: you deliberately did or failed to do something, "
        "not in good faith ignorance of the facts, and as a result you lost accommodation that "
        "was available to you and reasonable for you to continue to occupy.", F),))
