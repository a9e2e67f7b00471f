"""Register and lettings rules that sit around the decision engine: pure functions, no database,
no clock. The law itself (eligibility, qualification, bedroom need, preference, band) is the
engine's (`logic.law`); these rules only turn a register case into the engine's facts and apply
the scheme's register and lettings choices (`data/policy/register.toml`) to its results.

Every rule returns its answer with reasons (`logic.law.core.Reason`): the rule's name, what it
cites, and a sentence an officer could paste into a letter.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from logic.law.core import Citation, Reason, council_policy, ha1996, join_words, long_date, reason
from logic.law.deadlines import allocation_review_deadline, register_renewal
from logic.law.facts import age_on
from logic.law.household import is_dependent_child
from logic.law.policy import Band, Policy
from logic.register.policy import RegisterPolicy

# ---------------------------------------------------------------------------------------------
# The household as the engine sees it
# ---------------------------------------------------------------------------------------------

_NAMES = {("child", "F"): "daughter", ("child", "M"): "son", ("parent", "F"): "mother",
          ("parent", "M"): "father", ("sibling", "F"): "sister", ("sibling", "M"): "brother"}


@dataclass(frozen=True)
class MemberSnapshot:
    """One person of the household as recorded on a date (kept with each assessment, so that
    housekeeping can say what changed since)."""

    person_id: int
    relation: str
    given_name: str
    dob: date
    sex: str
    pregnant: bool = False
    left_on: date | None = None

    def describe(self, on: date) -> str:
        if self.relation == "applicant":
            return f"the applicant, {self.given_name}"
        if self.relation == "partner":
            return f"your partner {self.given_name}"
        word = _NAMES.get((self.relation, self.sex), "household member" if self.relation == "other"
                          else self.relation)
        return f"your {word} {self.given_name} (aged {age_on(self.dob, on)})"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["dob"] = self.dob.isoformat()
        out["left_on"] = self.left_on.isoformat() if self.left_on else None
        return out

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> MemberSnapshot:
        return cls(
            person_id=raw["person_id"], relation=raw["relation"], given_name=raw["given_name"],
            dob=date.fromisoformat(raw["dob"]), sex=raw["sex"], pregnant=raw["pregnant"],
            left_on=date.fromisoformat(raw["left_on"]) if raw.get("left_on") else None,
        )


def living_with_applicant(member: MemberSnapshot, on: date) -> bool:
    """Born by `on` and not left by then: the people the assessment counts (s.176)."""
    return member.dob <= on and (member.left_on is None or member.left_on > on)


def snapshot_json(members: list[MemberSnapshot]) -> str:
    return json.dumps([m.to_json() for m in members])


def snapshot_from_json(text: str) -> list[MemberSnapshot]:
    return [MemberSnapshot.from_json(raw) for raw in json.loads(text)]


def member_needs_from(text: str | None) -> dict[int, dict[str, Any]]:
    """The application's needs of each member (`register_application.member_needs`), by person
    id: `expected_babies` (read while pregnant) and `needs_own_room`."""
    return {int(k): v for k, v in json.loads(text or "{}").items()}


def member_needs_json(needs: dict[int, dict[str, Any]]) -> str:
    """The members' needs as the application keeps them: only what differs from the default
    (one baby, sharing as usual), so that "none recorded" is always `{}`."""
    kept = {}
    for person_id, need in needs.items():
        one = {}
        if int(need.get("expected_babies") or 1) != 1:
            one["expected_babies"] = int(need["expected_babies"])
        if need.get("needs_own_room"):
            one["needs_own_room"] = True
        if one:
            kept[str(int(person_id))] = one
    return json.dumps(kept, sort_keys=True)


def _member_v2(need: dict[str, Any], pregnant: bool, *, own_room: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if pregnant and int(need.get("expected_babies") or 1) > 1:
        out["expected_babies"] = int(need["expected_babies"])
    if own_room and need.get("needs_own_room"):
        out["needs_own_room"] = True
    return out


def facts_from_application(application: Any, members: list[MemberSnapshot], on: date,
                           policy: Policy, homelessness_duty: str | None = None, *,
                           overnight_carer: bool = False,
                           member_needs: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The engine's facts (the exchange format of decision-scenarios.md, with the `register`
    block) for a register case on `on`. `application` is a RegisterApplication (or anything with
    its attributes). Members who left, or are not yet born, are not listed; an expected baby is
    counted through `pregnant` (allocation.toml bedrooms.count_unborn_child decides).
    `homelessness_duty` is the Part 7 duty (the engine's code) the household's casework records
    as owed on `on`, or None: the band reads it (s.166A(3)(a)-(b)). `overnight_carer` and
    `member_needs` (by person id: babies expected, a room of their own) are the household needs
    the application records (`register_household_needs`)."""
    applicant = next((m for m in members if m.relation == "applicant"), None)
    if applicant is None:
        raise ValueError("the household has no applicant")
    needs = member_needs or {}
    household = []
    for m in members:
        if m.relation == "applicant" or not living_with_applicant(m, on):
            continue
        household.append({
            "relation": m.relation if m.relation in ("partner", "child", "parent", "sibling") else "other",
            "dob": m.dob.isoformat(),
            "sex": m.sex,
            "dependent": is_dependent_child(m.relation, m.dob, on, policy),
            "pregnant": m.pregnant,
            **_member_v2(needs.get(m.person_id, {}), m.pregnant),
        })
    return {
        "assessment_date": on.isoformat(),
        "applicant": {
            "dob": applicant.dob.isoformat(),
            "sex": applicant.sex,
            "immigration_status": application.immigration_status,
            "habitually_resident": application.habitually_resident,
            "pregnant": applicant.pregnant,
            # the format has no room of their own for the applicant: their room is counted anyway
            **_member_v2(needs.get(applicant.person_id, {}), applicant.pregnant, own_room=False),
        },
        "household": household,
        "housing": {
            "has_accommodation": application.has_accommodation,
            "reasonable_to_occupy": application.reasonable_to_occupy,
            "current_bedrooms": application.current_bedrooms,
            "unsatisfactory_conditions": application.unsatisfactory_conditions,
            "medical_welfare_need": application.medical_welfare_need,
            "hardship_locality_need": application.hardship_locality_need,
            **({"overnight_carer": True} if overnight_carer else {}),
        },
        "local_connection": {
            "months_resident_last_12": application.months_resident_last_12,
            "years_resident_last_5": application.years_resident_last_5,
            "employed_in_district": application.employed_in_district,
            "close_family_5_years": application.close_family_5_years,
        },
        "register": {
            "application_date": min(application.application_date, on).isoformat(),
            "household_income": application.household_income,
            "household_savings": application.household_savings,
            "rent_arrears": application.rent_arrears,
            "arrears_plan_kept": application.arrears_plan_kept,
            "unacceptable_behaviour": application.unacceptable_behaviour,
            "owns_home": application.owns_home,
            "armed_forces": application.armed_forces,
            "moving_for_work": application.moving_for_work,
            "homelessness_duty": homelessness_duty,
        },
    }


# ---------------------------------------------------------------------------------------------
# Financial and affordability assessment
# ---------------------------------------------------------------------------------------------

S160ZA7 = ha1996("s.160ZA(7)", "160ZA")


def _pounds(x: float) -> str:
    return f"£{x:,.0f}"


@dataclass(frozen=True)
class FinancialAssessment:
    """The money side of an application: the qualification limits (allocation.toml) and the
    affordability of current housing costs (register.toml)."""

    result: str  # within_thresholds, above_thresholds
    affordability: str  # affordable, unaffordable, not_assessed
    housing_cost_share_percent: float | None
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {"result": self.result, "affordability": self.affordability,
                "housing_cost_share_percent": self.housing_cost_share_percent,
                "reasons": [r.to_json_dict() for r in self.reasons]}


def housing_cost_share(income: float | None, housing_costs_monthly: float | None) -> float | None:
    """Housing costs as a percentage of gross income, or None when either is not known."""
    if income is None or housing_costs_monthly is None or income <= 0:
        return None
    return round(housing_costs_monthly * 12 * 100 / income, 1)


def financial_assessment(*, income: float | None, savings: float | None, arrears: float,
                         arrears_plan_kept: bool, housing_costs_monthly: float | None,
                         policy: Policy, rules: RegisterPolicy) -> FinancialAssessment:
    """Income, savings and housing debt against the scheme's qualification limits
    (s.160ZA(7); the limits are allocation.toml's, the same the engine applies), and the share
    of income that current housing costs take against register.toml's affordability limit."""
    F = "financial"

    def cite(key: str) -> Citation:
        return council_policy(policy.ref(f"qualification.{key}", "qualification"), policy.name)

    above = False
    reasons: list[Reason] = []
    for label, amount, limit, key, per in (
        ("household income", income, policy.income_threshold, "income_threshold", " a year"),
        ("household savings", savings, policy.savings_threshold, "savings_threshold", ""),
    ):
        if limit < 0:
            reasons.append(reason(f"{key}_off", cite(key),
                                  f"The scheme sets no limit on {label}.", F))
        elif amount is None:
            reasons.append(reason(f"{key}_not_recorded", cite(key),
                                  f"No {label} is recorded, so the limit of {_pounds(limit)} "
                                  "could not be applied; ask for it before the assessment.", F))
        elif amount > limit:
            above = True
            reasons.append(reason(f"{key}_above", cite(key),
                                  f"Your {label} of {_pounds(amount)}{per} is above the scheme's "
                                  f"limit of {_pounds(limit)}, so you do not qualify on money "
                                  "grounds.", F))
        else:
            reasons.append(reason(f"{key}_within", cite(key),
                                  f"Your {label} of {_pounds(amount)}{per} is within the scheme's "
                                  f"limit of {_pounds(limit)}.", F))
    limit = policy.arrears_threshold
    if limit >= 0 and arrears > limit:
        if arrears_plan_kept and policy.arrears_plan_qualifies:
            reasons.append(reason("arrears_plan_kept", cite("arrears_plan_qualifies"),
                                  f"You owe {_pounds(arrears)} in housing debt, above the "
                                  f"scheme's {_pounds(limit)}, but you are keeping to a repayment "
                                  "plan, so it does not stop you qualifying.", F))
        else:
            above = True
            reasons.append(reason("arrears_above", cite("arrears_threshold"),
                                  f"You owe {_pounds(arrears)} in housing debt, above the scheme's "
                                  f"limit of {_pounds(limit)}, with no repayment plan being kept.",
                                  F))
    elif limit >= 0:
        reasons.append(reason("arrears_within", cite("arrears_threshold"),
                              f"Your housing debt of {_pounds(arrears)} is within the scheme's "
                              f"limit of {_pounds(limit)}.", F))
    share = housing_cost_share(income, housing_costs_monthly)
    cap = rules.housing_cost_share_limit_percent
    afford_cite = council_policy(rules.ref("affordability.housing_cost_share_limit_percent"),
                                 rules.name)
    if share is None:
        affordability = "not_assessed"
        reasons.append(reason("affordability_not_assessed", afford_cite,
                              "Affordability was not assessed: the household income or the "
                              "monthly housing costs are not recorded.", F))
    elif share > cap:
        affordability = "unaffordable"
        reasons.append(reason("housing_costs_unaffordable", afford_cite,
                              f"Your housing costs of {_pounds(housing_costs_monthly or 0)} a month "
                              f"take {share:g}% of your gross income, more than the {cap}% the "
                              "scheme treats as affordable; the officer weighs this with any "
                              "hardship or welfare need.", F))
    else:
        affordability = "affordable"
        reasons.append(reason("housing_costs_affordable", afford_cite,
                              f"Your housing costs of {_pounds(housing_costs_monthly or 0)} a month "
                              f"take {share:g}% of your gross income, within the {cap}% the scheme "
                              "treats as affordable.", F))
    return FinancialAssessment("above_thresholds" if above else "within_thresholds",
                               affordability, share, tuple(reasons))


def rent_affordability(*, income: float | None, weekly_rent: float,
                       rules: RegisterPolicy) -> Reason:
    """Would an advertised rent be affordable (register.toml para 3.8)? Shown on a shortlist;
    it does not exclude anyone, it tells the officer to check before a nomination."""
    cite = council_policy(rules.ref("affordability.housing_cost_share_limit_percent"), rules.name)
    monthly = weekly_rent * 52 / 12
    share = housing_cost_share(income, monthly)
    cap = rules.housing_cost_share_limit_percent
    if share is None:
        return reason("rent_affordability_unknown", cite,
                      "No household income is recorded: check affordability before a nomination.",
                      "affordability")
    if share > cap:
        return reason("rent_unaffordable", cite,
                      f"The rent of {_pounds(weekly_rent)} a week would take {share:g}% of gross "
                      f"income, above the scheme's {cap}%: check affordability before a "
                      "nomination.", "affordability")
    return reason("rent_affordable", cite,
                  f"The rent of {_pounds(weekly_rent)} a week would take {share:g}% of gross "
                  f"income, within the scheme's {cap}%.", "affordability")


# ---------------------------------------------------------------------------------------------
# Bands and their dates
# ---------------------------------------------------------------------------------------------

def band_order(policy: Policy) -> list[str]:
    """Band names from the highest priority to the lowest (allocation.toml's order)."""
    return [b.name for b in policy.bands]


def band_named(policy: Policy, name: str) -> Band:
    for b in policy.bands:
        if b.name == name:
            return b
    raise KeyError(name)


def override_band_date(band_name: str, *, policy: Policy, application_date: date,
                       assessed_on: date) -> tuple[date, Reason]:
    """The date an officer's chosen band counts from: the band's own effective-date rule in
    allocation.toml (the engine applies it only to the band it chose itself)."""
    chosen = band_named(policy, band_name)
    cite = council_policy(chosen.ref or "bands", policy.name)
    if chosen.effective_date == "application_date":
        when = min(application_date, assessed_on)
        return when, reason("override_band_date", cite,
                            f"Band {chosen.name} counts from the date of application, "
                            f"{long_date(when)}.", "band_effective_date")
    return assessed_on, reason("override_band_date", cite,
                               f"Band {chosen.name} counts from the date the need was assessed, "
                               f"{long_date(assessed_on)}.", "band_effective_date")


def settle_band_date(*, previous_band: str | None, previous_date: date | None, new_band: str,
                     new_date: date, policy: Policy, rules: RegisterPolicy) -> tuple[date, Reason]:
    """The band date after a re-assessment (register.toml band_dates): the engine dates a band
    from the assessment it is given, so without this a household re-assessed in the same band
    would lose its waiting time."""
    order = band_order(policy)
    if previous_band is None or previous_date is None or previous_band not in order:
        return new_date, reason("band_date_new", council_policy(
            band_named(policy, new_band).ref or "bands", policy.name),
            f"Band {new_band} counts from {long_date(new_date)}.", "band_effective_date")
    if new_band == previous_band:
        key, rule, moved = "band_dates.same_band", rules.same_band_date, "stay in"
    elif order.index(new_band) > order.index(previous_band):
        key, rule, moved = "band_dates.lower_band", rules.lower_band_date, "move down to"
    else:
        return new_date, reason(
            "band_date_higher_band", council_policy(band_named(policy, new_band).ref or "bands",
                                                    policy.name),
            f"You move up from band {previous_band} to band {new_band}, which counts from "
            f"{long_date(new_date)}.", "band_effective_date")
    cite = council_policy(rules.ref(key), rules.name)
    if rule == "keep" and previous_date < new_date:
        return previous_date, reason(
            "band_date_kept", cite,
            f"You {moved} band {new_band}, so you keep your band date of "
            f"{long_date(previous_date)} and lose no waiting time.", "band_effective_date")
    return new_date, reason(
        "band_date_reset", cite,
        f"You {moved} band {new_band}, which counts from {long_date(new_date)}.",
        "band_effective_date")


# ---------------------------------------------------------------------------------------------
# Renewal and review dates
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenewalPosition:
    due_on: date
    grace_ends_on: date
    state: str  # not_due, due_soon, overdue, past_grace
    reason: Reason


def renewal_position(base: date, today: date, policy: Policy, rules: RegisterPolicy
                     ) -> RenewalPosition:
    """Where an application stands in its rolling renewal year. `base` is the date it was
    placed on the register or last renewed; the period and grace are allocation.toml's
    (logic.law.deadlines.register_renewal), the queue window register.toml's."""
    due, grace = register_renewal(base, policy)
    window = rules.queue_window_days
    if today > grace.on:
        state = "past_grace"
        text = (f"Renewal was due on {long_date(due.on)} and the grace period ended on "
                f"{long_date(grace.on)} without a renewal, so the application lapses.")
    elif today >= due.on:
        state = "overdue"
        text = (f"Renewal was due on {long_date(due.on)}; the application stays on the register "
                f"until the grace period ends on {long_date(grace.on)}.")
    elif (due.on - today).days <= window:
        state = "due_soon"
        text = (f"Renewal is due on {long_date(due.on)}, within the {window} days in which the "
                "scheme invites renewal.")
    else:
        state = "not_due"
        text = f"Renewal is next due on {long_date(due.on)}."
    return RenewalPosition(due.on, grace.on, state, reason(
        f"renewal_{state}", due.citation, text, "renewal"))


def review_request_timing(*, notified_on: date, requested_on: date, policy: Policy
                          ) -> tuple[bool, Reason]:
    """Was a request for a review of a register decision made within the scheme's period
    (s.166A(9)(c); allocation.toml deadlines.allocation_review_days)? A late request may still be
    accepted, with the officer's reason."""
    deadline = allocation_review_deadline(notified_on, policy)
    if requested_on < notified_on:
        raise ValueError("a review cannot be requested before the decision")
    if requested_on <= deadline.on:
        return True, reason("review_requested_in_time", deadline.citation,
                            f"The review was asked for on {long_date(requested_on)}, within the "
                            f"{policy.allocation_review_days} days allowed (by "
                            f"{long_date(deadline.on)}).", "review")
    return False, reason("review_requested_late", deadline.citation,
                         f"The review was asked for on {long_date(requested_on)}, after the "
                         f"{policy.allocation_review_days} days allowed ended on "
                         f"{long_date(deadline.on)}; the council may still accept it.", "review")


# ---------------------------------------------------------------------------------------------
# Choice-based lettings: who may bid, and the shortlist
# ---------------------------------------------------------------------------------------------

_ACCESS_LEVEL = {"none": 0, "general_needs": 0, "step_free": 1, "wheelchair": 2}
_ACCESS_WORDS = {"general_needs": "a general-needs home", "step_free": "a step-free home",
                 "wheelchair": "a wheelchair-adapted home", "none": "no particular access need"}


def bid_fits(*, bedroom_need: int, accessibility_need: str, advert_bedrooms: int,
             advert_accessibility: str, rules: RegisterPolicy) -> tuple[bool, Reason]:
    """Does the household qualify for this home's size and access (register.toml lettings)?"""
    low = max(1, bedroom_need - rules.bedrooms_below_need)
    high = bedroom_need + rules.bedrooms_above_need
    size_cite = council_policy(rules.ref("lettings.bedrooms_above_need"), rules.name)
    if not low <= advert_bedrooms <= high:
        allowed = f"{low}" if low == high else f"{low} to {high}"
        return False, reason(
            "wrong_size", size_cite,
            f"The home has {advert_bedrooms} bedroom{'s' if advert_bedrooms != 1 else ''}; your "
            f"household needs {bedroom_need}, so you may bid for homes with {allowed} "
            "bedroom(s).", "bid")
    need = _ACCESS_LEVEL[accessibility_need]
    has = _ACCESS_LEVEL[advert_accessibility]
    if has < need:
        return False, reason(
            "access_need_not_met", council_policy(rules.ref("lettings.adapted_homes_reserved"),
                                                  rules.name),
            f"Your household needs {_ACCESS_WORDS[accessibility_need].replace('no particular', 'no')}"
            f" and this is {_ACCESS_WORDS[advert_accessibility]}, so it would not meet your need.",
            "bid")
    if (advert_accessibility == "wheelchair" and rules.adapted_homes_reserved
            and accessibility_need != "wheelchair"):
        return False, reason(
            "adapted_home_reserved", council_policy(rules.ref("lettings.adapted_homes_reserved"),
                                                    rules.name),
            "This home is adapted for a wheelchair user and the scheme keeps such homes for "
            "households who need one; yours has no recorded wheelchair need.", "bid")
    return True, reason(
        "size_and_access_fit", size_cite,
        f"The home's {advert_bedrooms} bedroom{'s' if advert_bedrooms != 1 else ''} match your "
        f"household's need of {bedroom_need}, and its access suits your household.", "bid")


@dataclass(frozen=True)
class Bidder:
    """One bid on an advert, with the bidder's register standing when the shortlist is drawn."""

    bid_id: int
    case_id: int
    case_reference: str
    applicant: str
    bid_status: str  # active, withdrawn
    bid_placed_at: datetime
    case_status: str
    case_stage: str
    qualifies: bool | None  # None: never assessed
    band: str | None
    band_effective_date: date | None
    registration_date: date | None  # the application date
    bedroom_need: int | None
    accessibility_need: str = "none"
    household_income: float | None = None


@dataclass(frozen=True)
class Placed:
    position: int
    bidder: Bidder
    why: str
    affordability: Reason
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Excluded:
    bidder: Bidder
    why: str
    reason: Reason


@dataclass(frozen=True)
class Shortlist:
    placed: tuple[Placed, ...]
    excluded: tuple[Excluded, ...]
    ordering: Reason
    drawn_on: date

    def to_json(self) -> dict[str, Any]:
        return {
            "drawn_on": self.drawn_on.isoformat(),
            "ordering": self.ordering.to_json_dict(),
            "placed": [{"position": p.position, "case_id": p.bidder.case_id,
                        "case_reference": p.bidder.case_reference, "applicant": p.bidder.applicant,
                        "band": p.bidder.band,
                        "band_effective_date": p.bidder.band_effective_date.isoformat()
                        if p.bidder.band_effective_date else None,
                        "registration_date": p.bidder.registration_date.isoformat()
                        if p.bidder.registration_date else None,
                        "why": p.why, "affordability": p.affordability.text} for p in self.placed],
            "excluded": [{"case_id": e.bidder.case_id, "case_reference": e.bidder.case_reference,
                          "applicant": e.bidder.applicant, "why": e.why,
                          "rule": e.reason.rule, "citation": str(e.reason.citation)}
                         for e in self.excluded],
        }


def _exclusion(b: Bidder, advert_bedrooms: int, advert_accessibility: str,
               rules: RegisterPolicy) -> Reason | None:
    s166a = ha1996("s.166A(1)", "166A")
    if b.bid_status != "active":
        return reason("bid_withdrawn", s166a, "The bid was withdrawn.", "shortlist")
    if b.case_status != "open" or b.case_stage != "active":
        state = "closed" if b.case_status != "open" else f"at the {b.case_stage} stage"
        return reason("not_on_register", s166a,
                      f"The application is {state}, not active on the register, so the bid cannot "
                      "be considered.", "shortlist")
    if not b.qualifies or b.band is None or b.bedroom_need is None:
        return reason("does_not_qualify", ha1996("s.160ZA(7)", "160ZA"),
                      "The current assessment finds that the household does not qualify for "
                      "the register, so the bid cannot be considered.", "shortlist")
    fits, why = bid_fits(bedroom_need=b.bedroom_need, accessibility_need=b.accessibility_need,
                         advert_bedrooms=advert_bedrooms,
                         advert_accessibility=advert_accessibility, rules=rules)
    return None if fits else why


def _key(b: Bidder, order: list[str], rules: RegisterPolicy) -> tuple:
    last = b.bid_placed_at if rules.final_tie_break == "bid_time" else b.case_reference
    return (order.index(b.band or order[-1]), b.band_effective_date or date.max,
            b.registration_date or date.max, last, b.case_id)


def _compare(upper: Bidder, lower: Bidder, policy: Policy, rules: RegisterPolicy) -> str:
    """Why `upper` ranks above `lower`, in words: the first rule on which they differ."""
    if upper.band != lower.band:
        return (f"band {upper.band} ({band_named(policy, upper.band or '').label}) comes before "
                f"band {lower.band}")
    if upper.band_effective_date != lower.band_effective_date:
        return (f"both are in band {upper.band} and {upper.case_reference}'s band date "
                f"({long_date(upper.band_effective_date)}) is earlier than "
                f"{long_date(lower.band_effective_date)}")
    if upper.registration_date != lower.registration_date:
        return (f"band and band date are the same, and {upper.case_reference} registered "
                f"earlier ({long_date(upper.registration_date)} against "
                f"{long_date(lower.registration_date)})")
    if rules.final_tie_break == "bid_time":
        return ("band, band date and registration date are all the same, so the earlier bid "
                "ranks first")
    return ("band, band date and registration date are all the same, so the earlier case "
            "reference ranks first")


def rank_shortlist(bidders: list[Bidder], *, advert_bedrooms: int, advert_accessibility: str,
                   on: date, policy: Policy, rules: RegisterPolicy, weekly_rent: float = 0
                   ) -> Shortlist:
    """The shortlist for an advert: bidders who may be considered, ranked by band (the order of
    allocation.toml's bands), then band date (earlier first), then registration date (earlier
    first), then the final tie-break of register.toml; and the others, each with the reason they
    were left out. Each placed bidder's `why` says what put them below the one above and above
    the one below."""
    order = band_order(policy)
    ordering = reason(
        "shortlist_order", council_policy(rules.ref("lettings.final_tie_break"), rules.name),
        f"Bidders are ranked by band ({' before '.join(order)}), then by band date (earlier "
        "first), then by date of registration (earlier first); a tie left goes to the "
        + ("earlier bid." if rules.final_tie_break == "bid_time" else "earlier case reference."),
        "shortlist")
    excluded: list[Excluded] = []
    eligible: list[Bidder] = []
    for b in bidders:
        why = _exclusion(b, advert_bedrooms, advert_accessibility, rules)
        if why is None:
            eligible.append(b)
        else:
            excluded.append(Excluded(b, why.text, why))
    eligible.sort(key=lambda b: _key(b, order, rules))
    placed: list[Placed] = []
    for i, b in enumerate(eligible):
        band = band_named(policy, b.band or order[-1])
        parts = [f"Band {b.band} ({band.label}) from {long_date(b.band_effective_date)}, "
                 f"registered {long_date(b.registration_date)}."]
        if i == 0:
            parts.append("First: no bidder who fits this home ranks higher." if len(eligible) > 1
                         else "The only bidder who fits this home.")
        else:
            above = eligible[i - 1]
            parts.append(f"Below {above.case_reference} (position {i}) because "
                         f"{_compare(above, b, policy, rules)}.")
        if i + 1 < len(eligible):
            below = eligible[i + 1]
            parts.append(f"Above {below.case_reference} (position {i + 2}) because "
                         f"{_compare(b, below, policy, rules)}.")
        placed.append(Placed(
            i + 1, b, " ".join(parts),
            rent_affordability(income=b.household_income, weekly_rent=weekly_rent, rules=rules),
            (ordering,)))
    excluded.sort(key=lambda e: e.bidder.case_reference)
    return Shortlist(tuple(placed), tuple(excluded), ordering, on)


# ---------------------------------------------------------------------------------------------
# Housekeeping: what changed in the household since the last assessment
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HouseholdChange:
    kind: str  # reached_age, born, joined, left, expecting, no_longer_expecting
    person_id: int
    on: date | None
    text: str


def _birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February: the age is reached on 1 March (logic.law.facts.age_on)
        return date(dob.year + years, 3, 1)


def household_changes(before: list[MemberSnapshot], after: list[MemberSnapshot], *,
                      since: date, on: date, policy: Policy) -> list[HouseholdChange]:
    """The changes between the household as last assessed (`before`, on `since`) and now
    (`after`, on `on`) that can move the bedroom need under allocation.toml's bedroom standard:
    a child reaching a sharing age, a birth, a pregnancy, someone joining or leaving."""
    rules = policy.sharing_rules
    thresholds = {
        rules.any_sex_share_under: "from this age a child no longer shares with a child of the "
                                   "other sex",
        rules.same_sex_share_under: "from this age a child no longer shares with another child",
        rules.own_room_from_age: "from this age a person counts for a bedroom of their own",
    }
    # one sentence an age: 16 is both the same-sex sharing limit and the own-room age by default
    by_age: dict[int, list[str]] = {}
    for age, text in thresholds.items():
        by_age.setdefault(age, []).append(text)
    was = {m.person_id: m for m in before if living_with_applicant(m, since)}
    now = {m.person_id: m for m in after if living_with_applicant(m, on)}
    changes: list[HouseholdChange] = []
    for pid, m in now.items():
        if pid not in was:
            if m.dob > since:
                changes.append(HouseholdChange("born", pid, m.dob,
                                               f"{m.given_name} was born on {long_date(m.dob)}."))
            else:
                changes.append(HouseholdChange("joined", pid, None,
                                               f"{m.describe(on).capitalize()} joined the "
                                               "household."))
            continue
        if m.relation not in ("applicant", "partner"):
            for age in sorted(by_age):
                if age_on(m.dob, since) < age <= age_on(m.dob, on):
                    day = _birthday(m.dob, age)
                    changes.append(HouseholdChange(
                        "reached_age", pid, day,
                        f"{m.given_name} turned {age} on {long_date(day)}; under the scheme's "
                        f"{policy.bedroom_standard.replace('_', ' ')}, "
                        f"{' and '.join(by_age[age])}."))
        if m.pregnant and not was[pid].pregnant:
            changes.append(HouseholdChange("expecting", pid, None,
                                           f"A pregnancy is now recorded for {m.given_name}: the "
                                           "expected baby counts as a child."))
        if was[pid].pregnant and not m.pregnant:
            changes.append(HouseholdChange("no_longer_expecting", pid, None,
                                           f"A pregnancy is no longer recorded for "
                                           f"{m.given_name}."))
    after_by_id = {m.person_id: m for m in after}
    for pid, m in was.items():
        if pid not in now:
            left = after_by_id.get(pid)
            when = left.left_on if left is not None else None
            changes.append(HouseholdChange(
                "left", pid, when,
                f"{m.given_name} left the household"
                + (f" on {long_date(when)}." if when else ".")))
    changes.sort(key=lambda c: (c.on or on, c.person_id))
    return changes


def describe_need_change(before_need: int, after_need: int, changes: list[HouseholdChange],
                         policy: Policy, on: date) -> Reason:
    """The sentence recorded with a housekeeping recalculation."""
    cite = Citation(policy.name, policy.ref("bedrooms.standard", "bedroom standard"))
    if changes:
        cause = join_words([c.text.rstrip(".") for c in changes])
        text = (f"The household's bedroom need changed from {before_need} to {after_need} on "
                f"recalculation on {long_date(on)}: {cause}.")
    else:
        text = (f"The household's bedroom need changed from {before_need} to {after_need} on "
                f"recalculation on {long_date(on)} under the scheme in force on that date.")
    return reason("bedroom_need_recalculated", cite, text, "bedroom_need")
