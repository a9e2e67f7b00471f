"""Qualification for the housing register (s.160ZA(7)-(8) Housing Act 1996).

Only an eligible person can be allocated housing (s.160ZA(1)-(2)). Among eligible
people, the council decides who qualifies (s.160ZA(7)); the default scheme's tests, with
their figures in ``data/policy/allocation.toml``:

* residence: lived in the district ``residence_years`` of the last 5 (from
  ``facts.local_connection.years_resident_last_5``), unless an exemption applies --
  the policy's ``residence_exempt_when`` codes, or by law: members and recent members of
  the armed forces (SI 2012/1869) and people who must move here for work and have a
  hardship preference (SI 2015/967);
* income and savings above the thresholds;
* housing debt above the threshold, unless a repayment plan is being kept;
* unacceptable behaviour serious enough to make them unsuitable to be a tenant;
* owning a home they could live in.

The money, behaviour and ownership tests need the optional ``facts.register`` block;
without it they are not applied and a reason says so.
"""

from __future__ import annotations

from datetime import date

from .core import Citation, Finding, Reason, council_policy, ha1996, plural, reason
from .facts import Facts
from .policy import Policy

F = "qualifies"
ARMED_FORCES = Citation(
    "Allocation of Housing (Qualification Criteria for Armed Forces) (England) Regulations 2012",
    "reg 3", "https://www.legislation.gov.uk/uksi/2012/1869/regulation/3")
RIGHT_TO_MOVE = Citation(
    "Allocation of Housing (Qualification Criteria for Right to Move) (England) Regulations 2015",
    "reg 3", "https://www.legislation.gov.uk/uksi/2015/967/regulation/3")


def conditions_met(*, preference: tuple[str, ...], duty: str, priority_need: bool
                   ) -> frozenset[str]:
    """The policy condition codes that hold (used by qualification and banding)."""
    codes = set(preference)
    codes |= {f"{duty}_duty"} if duty in ("main", "prevention", "relief") else set()
    if duty == "intentional_priority":
        codes.add("intentional_priority")
    if priority_need:
        codes.add("priority_need")
    return frozenset(codes)


def _pounds(x: float) -> str:
    return f"£{x:,.0f}"


def qualification(facts: Facts, on: date, policy: Policy, *, eligible: bool,
                  preference: tuple[str, ...], duty: str, priority_need: bool) -> Finding[bool]:
    def cite(key: str) -> Citation:
        return council_policy(policy.ref(f"qualification.{key}", "qualification"), policy.name)

    s160za7 = ha1996("s.160ZA(7)", "160ZA")
    if not eligible:
        return Finding(False, (reason(
            "not_eligible_cannot_qualify", ha1996("s.160ZA(1)-(2)", "160ZA"),
            "You are not eligible for an allocation, so you cannot join the housing register.",
            F),))
    fails: list[Reason] = []
    passes: list[Reason] = []
    reg = facts.register
    years = facts.local_connection.years_resident_last_5
    need = policy.residence_years
    codes = conditions_met(preference=preference, duty=duty, priority_need=priority_need)
    exempt = sorted(codes & set(policy.residence_exempt_when))
    if need == 0:
        pass
    elif reg is not None and reg.armed_forces:
        passes.append(reason(
            "residence_test_armed_forces", ARMED_FORCES,
            "You are serving, or recently served, in the armed forces, so the law does not let "
            "the council apply its residence test to you.", F))
    elif reg is not None and reg.moving_for_work and "hardship" in codes:
        passes.append(reason(
            "residence_test_right_to_move", RIGHT_TO_MOVE,
            "You need to move to the district for work, so the law does not let the council "
            "apply its residence test to you.", F))
    elif years >= need:
        passes.append(reason(
            "residence_test_met", cite("residence_years"),
            f"You have lived in the district for {plural(years, 'year')} of the last 5; the "
            f"scheme asks for {need}, so you meet the residence test.", F))
    elif exempt:
        passes.append(reason(
            "residence_test_exempt", cite("residence_exempt_when"),
            f"You have lived in the district for {plural(years, 'year')} of the last 5, less "
            f"than the {need} the scheme asks for, but the scheme exempts applicants in your "
            f"position ({', '.join(e.replace('_', ' ') for e in exempt)}).", F))
    else:
        fails.append(reason(
            "residence_test_not_met", cite("residence_years"),
            f"You have lived in the district for {plural(years, 'year')} of the last 5; the "
            f"scheme asks for {need}, and no exemption applies, so you do not qualify.", F))

    if reg is None:
        passes.append(reason(
            "register_details_not_recorded", s160za7,
            "No income, savings, housing debt or behaviour details are recorded, so only the "
            "residence test has been applied.", F))
    else:
        t = policy.income_threshold
        if reg.household_income is not None and t >= 0 and reg.household_income > t:
            fails.append(reason(
                "income_above_threshold", cite("income_threshold"),
                f"Your household income of {_pounds(reg.household_income)} a year is above the "
                f"scheme's limit of {_pounds(t)}, so you do not qualify.", F))
        t = policy.savings_threshold
        if reg.household_savings is not None and t >= 0 and reg.household_savings > t:
            fails.append(reason(
                "savings_above_threshold", cite("savings_threshold"),
                f"Your household savings of {_pounds(reg.household_savings)} are above the "
                f"scheme's limit of {_pounds(t)}, so you do not qualify.", F))
        t = policy.arrears_threshold
        if t >= 0 and reg.rent_arrears > t:
            if reg.arrears_plan_kept and policy.arrears_plan_qualifies:
                passes.append(reason(
                    "arrears_plan_kept", cite("arrears_plan_qualifies"),
                    f"You owe {_pounds(reg.rent_arrears)} in housing debt, above the scheme's "
                    f"{_pounds(t)}, but you are keeping to a repayment plan, so this does not "
                    "stop you qualifying.", F))
            else:
                fails.append(reason(
                    "rent_arrears", cite("arrears_threshold"),
                    f"You owe {_pounds(reg.rent_arrears)} in housing debt, above the scheme's "
                    f"limit of {_pounds(t)}, with no repayment plan being kept, so you do not "
                    "qualify.", F))
        if reg.unacceptable_behaviour and policy.exclude_unacceptable_behaviour:
            fails.append(reason(
                "unacceptable_behaviour", cite("exclude_unacceptable_behaviour"),
                "The council is satisfied that your behaviour has been serious enough to make "
                "you unsuitable to be a tenant, so you do not qualify.", F))
        if reg.owns_home and policy.exclude_home_owners:
            fails.append(reason(
                "home_owner", cite("exclude_home_owners"),
                "You own, or have an interest in, a home you could live in, so you do not "
                "qualify.", F))
    if fails:
        return Finding(False, tuple(fails + passes))
    return Finding(True, tuple(passes) + (reason(
        "qualifies", s160za7,
        "You are eligible and meet the council's qualification rules, so you can join the "
        "housing register.", F),))
