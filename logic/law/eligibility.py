"""Eligibility for assistance (Part 7, s.185) and for an allocation (Part 6, s.160ZA).

The Allocation of Housing and Homelessness (Eligibility) (England) Regulations 2006 set
the classes: regs 5 and 6 for Part 7, regs 3 and 4 for Part 6, in the same terms for the
statuses the exchange format records, so one finding serves both Parts.

* A person subject to immigration control is eligible only in a prescribed class
  (s.185(2), s.160ZA(2); regs 3 and 5): refugees, humanitarian protection, people with
  indefinite leave who are habitually resident, people with leave under the Ukraine
  schemes. Asylum seekers and people whose leave bars recourse to public funds are not.
* Anyone else (British and Irish citizens, EU citizens with a right to reside) is
  ineligible if not habitually resident in the Common Travel Area (regs 4 and 6(1)(a)),
  unless exempt from that test: workers and the self-employed (regs 4(2), 6(2)); refugees,
  people with humanitarian protection and the Ukraine schemes are not tested at all.
* Pre-settled status alone is not a right to reside that counts (regs 4(1), 6(1)).
"""

from __future__ import annotations

from datetime import date

from .core import Finding, Reason, elig2006, ha1996, reason
from .facts import Facts
from .policy import Policy

# status -> (habitual residence test applies?, eligible in principle?, rule, citation, text)
_STATUS = {
    "british_irish": (True, True, "british_irish_habitual_residence", elig2006("reg 6(1)(a)", 6),
                      "You are a British or Irish citizen, so you are not subject to immigration "
                      "control, but you must be habitually resident in the Common Travel Area"),
    "settled": (True, True, "settled_status_habitual_residence", elig2006("reg 5(1)", 5),
                "You have indefinite leave to remain (settled status), which makes you eligible "
                "if you are habitually resident in the Common Travel Area"),
    "pre_settled_worker": (False, True, "pre_settled_worker_exempt", elig2006("reg 6(2)", 6),
                           "You have pre-settled status and a right to reside as a worker or "
                           "self-employed person (or you keep that status), which counts for "
                           "eligibility and exempts you from the habitual residence test"),
    "pre_settled_no_right_to_reside": (
        False, False, "pre_settled_no_qualifying_right_to_reside", elig2006("reg 6(1)", 6),
        "You have pre-settled status but no other right to reside, such as work; pre-settled "
        "status on its own does not make a person eligible"),
    "refugee": (False, True, "refugee_eligible", elig2006("reg 5(1)(a)", 5),
                "You have refugee status, a class of people who are eligible without any "
                "habitual residence test"),
    "humanitarian_protection": (False, True, "humanitarian_protection_eligible",
                                elig2006("reg 5(1)", 5),
                                "You have humanitarian protection, a class of people who are "
                                "eligible without any habitual residence test"),
    "ukraine_scheme": (False, True, "ukraine_scheme_eligible", elig2006("reg 5(1)", 5),
                       "You have leave under one of the Ukraine schemes, a class of people "
                       "added in 2022 who are eligible without any habitual residence test"),
    "limited_leave_no_recourse": (False, False, "no_recourse_to_public_funds",
                                  ha1996("s.185(2)", "185"),
                                  "You are subject to immigration control and your leave bars "
                                  "recourse to public funds, so you are not in any class of "
                                  "people who are eligible"),
    "asylum_seeker": (False, False, "asylum_seeker_ineligible", ha1996("s.185(2)", "185"),
                      "You are an asylum seeker, subject to immigration control and not in any "
                      "class of people who are eligible; support while your claim is decided "
                      "comes from the Home Office"),
}


def eligibility(facts: Facts, on: date, policy: Policy) -> Finding[bool]:
    """Eligible for assistance under Part 7 and for an allocation under Part 6."""
    a = facts.applicant
    hrt, eligible_class, rule, citation, text = _STATUS[a.immigration_status]
    reasons: list[Reason] = []
    if hrt:
        eligible = a.habitually_resident
        if eligible:
            text += "; you are habitually resident, so you are eligible for assistance."
        else:
            text += "; you are not habitually resident there, so you are not eligible for assistance."
            rule = "not_habitually_resident"
    else:
        eligible = eligible_class
        text += (", so you are eligible for assistance." if eligible
                 else ", so you are not eligible for assistance.")
        if eligible and not a.habitually_resident:
            text = text[:-1] + " even though you are not habitually resident."
    reasons.append(reason(rule, citation, text, "eligible"))
    reasons.append(reason(
        "part_6_same_classes", ha1996("s.160ZA(2)-(4)", "160ZA"),
        "The same classes decide who may be allocated social housing, so you are "
        + ("eligible for an allocation." if eligible else "not eligible for an allocation."),
        "eligible",
    ))
    return Finding(eligible, tuple(reasons))
