"""The quarter's figures: the published live tables' counts (A1 to TA1) and the managers' KPIs,
counted from the same cases the return holds. Pure: no database, no clock.

Definitions (England statutory homelessness live tables, as the spec lists them):
- A-tables count the households whose *initial assessment* fell in the quarter: A1 by outcome;
  A2-A5, A7, A10 those assessed as owed prevention (P) or relief (R), or either (A3, A7, A10).
- P1-P3 and R1-R3 count the duties that *ended* in the quarter (P2/P3, R2/R3 those that ended
  with accommodation secured).
- MD1 counts decisions after the relief duty made in the quarter; MD2 main duties that ended in
  it; MD3 main duties owed by a decision in it, by the first ground of priority need found.
- TA1 is a snapshot of the households in temporary accommodation on the quarter's last day,
  with the households with children in B&B and, of those, the ones there over six weeks.
A category not yet recorded counts as "not_recorded", so the figures always add up to the
households counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from statistics import median

from logic.common import codes
from logic.statistics.rules import (
    Assessment,
    HclicCase,
    Quarter,
    assessment_outcome,
    in_ta_on,
)

NOT_RECORDED = "not_recorded"
TA1_OF_PLACEMENT = {
    "bed_and_breakfast": "bed_and_breakfast",
    "nightly_let": "nightly_paid",
    "hostel": "hostel",
    "refuge": "hostel",
    "private_sector_leased": "private_sector_leased",
    "council_temporary": "social_stock",
    "other": "other",
}
SECURED = "accommodation_secured"


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def household_type(case: HclicCase) -> str:
    """A5's household type, from the members at application (children: under 18)."""
    on = case.applied_on
    members = case.members_on(on) or case.members
    applicant = next((m for m in members if m.relation == "applicant"), None)
    children = [m for m in members if m.relation == "child" and _age(m.dob, on) < 18]
    adults = [m for m in members if m not in children]
    partner = any(m.relation == "partner" for m in adults)
    sex = {"F": "female", "M": "male"}.get(applicant.sex if applicant else "", "other")
    if partner and len(adults) == 2:
        return "couple_children" if children else "couple_no_children"
    if len(adults) == 1:
        return f"single_parent_{sex}" if children else f"single_{sex}"
    return "other"


def has_children(case: HclicCase, on: date) -> bool:
    return any(m.relation == "child" and _age(m.dob, on) < 18 for m in case.members_on(on))


@dataclass(frozen=True)
class Figures:
    quarter: Quarter
    tables: dict[str, Counter]  # codes.HCLIC_FIGURES -> category code -> households
    children_in_bnb: int
    children_in_bnb_over_six_weeks: int


def _value(x: str | None) -> str:
    return x if x is not None else NOT_RECORDED


def main_duty_decisions(cases: list[HclicCase], quarter: Quarter) -> list[int]:
    """The assessments that decided a main duty in the quarter (MD3 reads their grounds)."""
    found = []
    for c in cases:
        decision = c.decision_after_relief
        if decision is not None and decision[0] == "main_duty" and quarter.holds(decision[1]):
            found.append(next(a.id for a in c.assessments if a.assessed_on == decision[1]))
    return found


def count_figures(cases: list[HclicCase], quarter: Quarter, bnb_limit_for: Callable[[date], date],
                  grounds: Callable[[Assessment], tuple[str, ...]] | None = None) -> Figures:
    """Every figure of the quarter. ``bnb_limit_for(start)``: the last day a family may be in
    B&B placed on ``start`` (Suitability Order 2003 art.4, from the policy file); ``grounds``:
    the engine's grounds of priority need on an assessment (MD3)."""
    grounds = grounds or (lambda a: a.priority_need_grounds)
    t: dict[str, Counter] = {code: Counter() for code in codes.HCLIC_FIGURES.codes()}
    for c in cases:
        first = c.initial
        if first is not None and quarter.holds(first.assessed_on):
            outcome = assessment_outcome(first)
            t["A1"][outcome] += 1
            if outcome in ("prevention", "relief"):
                side = "P" if outcome == "prevention" else "R"
                reason = c.main_value("reason_for_loss")
                t[f"A2{side}"][codes.LOSS_REASON_GROUP.get(reason, NOT_RECORDED) if reason else NOT_RECORDED] += 1
                t[f"A4{side}"][_value(c.main_value("accommodation_at_application"))] += 1
                t[f"A5{side}"][household_type(c)] += 1
                for need in c.main_value("support_needs") or (NOT_RECORDED,):
                    t["A3"][need] += 1
                t["A7"][_value(c.referral_source)] += 1
                t["A10"][_value(c.main_value("employment"))] += 1
        for d in c.duties:
            if not quarter.holds(d.ended_on):
                continue
            if d.duty in ("prevention", "relief"):
                side = "P" if d.duty == "prevention" else "R"
                t[f"{side}1"][_value(d.end_reason)] += 1
                if d.end_reason == SECURED:
                    t[f"{side}2"][_value(d.accommodation_secured)] += 1
                    t[f"{side}3"][_value(d.main_activity)] += 1
            elif d.duty == "main_duty":
                t["MD2"][_value(d.end_reason)] += 1
        decision = c.decision_after_relief
        if decision is not None and quarter.holds(decision[1]):
            t["MD1"][decision[0]] += 1
            if decision[0] == "main_duty":
                decided = next(a for a in c.assessments if a.assessed_on == decision[1])
                found = sorted(grounds(decided))
                t["MD3"][found[0] if found else NOT_RECORDED] += 1
    children_in_bnb = over_six_weeks = 0
    for c in cases:
        stays = in_ta_on(c, quarter.last_day)
        if not stays:
            continue
        stay = stays[-1]  # one household, one row: its latest placement
        t["TA1"][TA1_OF_PLACEMENT.get(stay.placement_type, "other")] += 1
        if stay.placement_type == "bed_and_breakfast" and has_children(c, quarter.last_day):
            children_in_bnb += 1
            if bnb_limit_for(stay.starts_on) < quarter.last_day:
                over_six_weeks += 1
    return Figures(quarter, t, children_in_bnb, over_six_weeks)


# The vocabulary each figure's categories come from (labels on screen and in the CSV)
FIGURE_VOCABULARIES: dict[str, codes.Vocabulary] = {
    "A1": codes.ASSESSMENT_OUTCOMES,
    "A2P": codes.LOSS_REASON_GROUPS, "A2R": codes.LOSS_REASON_GROUPS,
    "A3": codes.SUPPORT_NEEDS,
    "A4P": codes.ACCOMMODATION_TYPES, "A4R": codes.ACCOMMODATION_TYPES,
    "A5P": codes.HOUSEHOLD_TYPES, "A5R": codes.HOUSEHOLD_TYPES,
    "A7": codes.REFERRAL_SOURCES,
    "A10": codes.EMPLOYMENT_STATUSES,
    "P2": codes.ACCOMMODATION_SECURED, "R2": codes.ACCOMMODATION_SECURED,
    "P3": codes.MAIN_ACTIVITIES, "R3": codes.MAIN_ACTIVITIES,
    "MD1": codes.DECISIONS_AFTER_RELIEF,
    "MD3": codes.PRIORITY_NEED_GROUNDS,
    "TA1": codes.TA1_TYPES,
}


@dataclass(frozen=True)
class Kpis:
    prevention_ended: int
    prevention_secured: int
    assessments: int
    median_days_to_assessment: float | None
    decisions_within_target: int
    families_in_bnb_over_six_weeks: int

    @property
    def prevention_secured_share(self) -> float | None:
        return self.prevention_secured / self.prevention_ended if self.prevention_ended else None

    @property
    def decisions_within_target_share(self) -> float | None:
        return self.decisions_within_target / self.assessments if self.assessments else None


def count_kpis(cases: list[HclicCase], quarter: Quarter, figures: Figures,
               decision_due_for: Callable[[date], date]) -> Kpis:
    """The managers' KPIs for the quarter. ``decision_due_for(applied_on)``: the council's
    target date for the decision (allocation.toml deadlines.decision_target_working_days)."""
    ended = [d for c in cases for d in c.duties_of("prevention") if quarter.holds(d.ended_on)]
    assessed = [c for c in cases if c.initial is not None and quarter.holds(c.initial.assessed_on)]
    days = [(c.initial.assessed_on - c.applied_on).days for c in assessed]
    return Kpis(
        prevention_ended=len(ended),
        prevention_secured=sum(1 for d in ended if d.end_reason == SECURED),
        assessments=len(assessed),
        median_days_to_assessment=float(median(days)) if days else None,
        decisions_within_target=sum(1 for c in assessed
                                    if c.initial.assessed_on <= decision_due_for(c.applied_on)),
        families_in_bnb_over_six_weeks=figures.children_in_bnb_over_six_weeks,
    )


# The KPIs as a manager's screen names them (what each counts, in words)
KPI_LABELS = {
    "prevention_secured_share": "Prevention duties ended with accommodation secured",
    "median_days_to_assessment": "Days from the application to the initial assessment (median)",
    "decisions_within_target": "Initial assessments within the council's decision target",
    "families_in_bnb_over_six_weeks": "Families with children in B&B over six weeks (last day)",
    "children_in_bnb": "Families with children in B&B (last day)",
}
