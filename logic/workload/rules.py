"""Workload rules as pure functions: case weights, capacity, competency gates, fairness and the
ranked suggestion of officers for a case. No database, no clock: callers pass the day.

Every number comes from the council's workload policy (``data/policy/workload.toml``, loaded by
:mod:`logic.workload.policy`), and every reason quotes the paragraph it rests on, so that a
manager can paste it into a note on the case.

The ranking rule (also in README, "Workload and allocation"):

1. Officers who cannot take the case are listed last, unranked, with the reason: a role that
   holds no caseload, an inactive account, a trainee's competency gate (hard), absence on the
   day, or availability below ``absence.min_available_share`` of the look-ahead window.
2. Among the rest, an officer who already knows the household (holds or held one of its cases)
   comes first, unless their weighted load is above ``continuity.max_load_share`` of capacity.
3. Then the lowest projected load: (weighted load + this case's weight) / (FTE x share of the
   window's working days they are present), rounded to ``allocation.score_tolerance``.
4. Ties: fewer open cases by head count, then full name alphabetically, then the lower id.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from logic.common import codes
from logic.common.permissions import Permission, allowed, refused
from logic.workload.policy import CompetencyLevel, WorkloadPolicy

ABSENCE_KINDS = codes.ABSENCE_KINDS.codes()
TRAINEE = "trainee"


@dataclass(frozen=True)
class Absence:
    kind: str
    starts_on: date
    ends_on: date  # the last day away, inclusive

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def describe(self) -> str:
        return f"{self.kind} {_short(self.starts_on)} to {_short(self.ends_on)}"


@dataclass(frozen=True)
class CaseWeight:
    points: float
    reasons: tuple[str, ...]
    weighted: bool = True  # False when the stage has no weight in the policy file


@dataclass(frozen=True)
class Competency:
    level: CompetencyLevel
    months_in_post: int | None
    reason: str


@dataclass(frozen=True)
class CaseToPlace:
    """The case being allocated: its type, the stage that decides the gate, its markers."""

    case_type: str
    stage: str
    markers: frozenset[str] = frozenset()
    household_id: int | None = None


@dataclass(frozen=True)
class Candidate:
    officer_id: int
    full_name: str
    role: str
    hours_per_week: float
    weighted_load: float
    open_cases: int
    active: bool = True
    started_on: date | None = None
    competency_level: str | None = None
    absences: tuple[Absence, ...] = ()
    knows_household: str | None = None  # a case reference of the same household they hold/held


@dataclass(frozen=True)
class Suggestion:
    officer_id: int
    full_name: str
    eligible: bool
    rank: int | None
    score: float | None  # projected weighted load per available FTE
    weighted_load: float
    capacity: float
    available_share: float
    continuity: bool
    reasons: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        return " ".join(self.reasons)


@dataclass(frozen=True)
class Fairness:
    officers: int
    mean: float
    cv: float  # population standard deviation / mean
    max_over_mean: float


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def fte(hours_per_week: float, policy: WorkloadPolicy) -> float:
    """Full-time equivalent: contracted hours over the council's standard week."""
    return hours_per_week / policy.standard_week.value


def capacity(hours_per_week: float, policy: WorkloadPolicy) -> float:
    """Weighted points the officer can carry: points a full-time officer carries x FTE."""
    return policy.points_per_fte.value * fte(hours_per_week, policy)


def case_weight(case_type: str, stage: str, markers: Iterable[str], policy: WorkloadPolicy
                ) -> CaseWeight:
    """Points one open case counts: its stage weight plus an add-on for each complexity marker."""
    stage_weight = policy.stage_weight(case_type, stage)
    reasons: list[str] = []
    weighted = stage_weight is not None
    if stage_weight is None:
        points = 0.0
        reasons.append(f"Stage {stage!r} of a {case_type} case has no weight in "
                       f"{policy.name}, so it counts 0 until the policy gives it one.")
    else:
        points = stage_weight.value
        reasons.append(f"A {case_type} case at {stage.replace('_', ' ')} counts "
                       f"{stage_weight.value:g} ({policy.cite(stage_weight)}).")
    for marker in sorted(set(markers)):
        add_on = policy.complexity.get(marker)
        if add_on is None:
            continue  # a marker the council does not weight adds nothing
        points += add_on.value
        reasons.append(f"{marker.replace('_', ' ').capitalize()} adds {add_on.value:g} "
                       f"({policy.cite(add_on)}).")
    return CaseWeight(points, tuple(reasons), weighted)


def months_in_post(started_on: date, on: date) -> int:
    """Whole calendar months from the start date to ``on`` (6 on the same day 6 months later)."""
    months = (on.year - started_on.year) * 12 + on.month - started_on.month
    if on.day < started_on.day:
        months -= 1
    return max(months, 0)


def trainee_months_for_stage(stage: str, policy: WorkloadPolicy) -> int | None:
    """The fewest months in post at which a trainee may hold a homelessness case at `stage`
    (the first workload.toml competency level that allows it); None if no level names it
    before full casework."""
    months = [lv.min_months for lv in policy.levels
              if not lv.all_cases and lv.allows("homelessness", stage, frozenset())]
    return min(months) if months else None


def competency(role: str, started_on: date | None, recorded_level: str | None, on: date,
               policy: WorkloadPolicy) -> Competency:
    """The level a trainee may work at: the lower of the recorded level and their months' level.

    The months are the hard gate; a manager's recorded level can hold a trainee back (a
    sign-off not yet passed) but never ahead of the months the council's policy sets.
    """
    top = policy.levels[-1]
    if role != TRAINEE:
        return Competency(top, None, f"Not a trainee, so {top.label.lower()} applies.")
    if started_on is None:
        first = policy.levels[0]
        return Competency(first, None, "A trainee with no start date recorded takes no cases "
                                       f"until a manager records it ({policy.cite(first)}).")
    months = months_in_post(started_on, on)
    by_months = [level for level in policy.levels if level.min_months <= months][-1]
    level = by_months
    detail = f"a trainee with {months} months in post (since {_short(started_on)})"
    if recorded_level is not None:
        try:
            recorded = policy.level(recorded_level)
        except KeyError:
            recorded = policy.levels[0]
            detail += f", whose recorded level {recorded_level!r} is not in the policy"
        if policy.levels.index(recorded) < policy.levels.index(by_months):
            level = recorded
            detail += f", held at the recorded level '{recorded.label}'"
    return Competency(level, months, f"{detail[0].upper()}{detail[1:]} may hold {level.describe()} "
                                     f"({policy.cite(level)}).")


def may_act(role: str, started_on: date | None, recorded_level: str | None, case_type: str,
            stages: Iterable[str], markers: Iterable[str], on: date, policy: WorkloadPolicy
            ) -> Permission:
    """May this officer act on a case of this type at these stages (the stage it is at, and the
    one the act would take it to)? The one competency check: allocation, reassignment and every
    write a trainee can make ask it. Officers, seniors and managers pass; a trainee acts within
    the level of ``competency`` (the lower of the recorded level and the months in post). A
    homelessness case still at assessment is worked by any level that holds homelessness cases;
    the duty the assessment decides is the stage that is checked."""
    if role != TRAINEE:
        return allowed("Not a trainee, so no competency gate applies.")
    found = competency(role, started_on, recorded_level, on, policy)
    markers = frozenset(markers)
    for stage in stages:
        if case_type == "homelessness" and stage == "assessment":
            ok = found.level.all_cases or bool(found.level.homelessness_stages)
        else:
            ok = found.level.allows(case_type, stage, markers)
        if not ok:
            what = f"a {case_type} case at {codes.stage_label(case_type, stage).lower()}"
            if "intentionality_inquiry" in markers and not found.level.intentionality:
                what += " with an intentionality inquiry"
            return refused(f"{found.reason} That does not cover {what}: ask an officer or your "
                           "senior to act on it.")
    return allowed(found.reason)


def working_days(start: date, end: date) -> list[date]:
    """Monday to Friday days from start to end inclusive."""
    days = (end - start).days + 1
    return [start + timedelta(days=i) for i in range(max(days, 0))
            if (start + timedelta(days=i)).weekday() < 5]


def available_share(absences: Sequence[Absence], start: date, end: date) -> float:
    """The share of the window's working days on which the officer is not absent."""
    days = working_days(start, end)
    if not days:
        return 1.0
    present = [d for d in days if not any(a.covers(d) for a in absences)]
    return len(present) / len(days)


def fairness(loads_per_fte: Sequence[float]) -> Fairness:
    """The spread of weighted load per FTE: coefficient of variation and max over mean."""
    loads = [float(x) for x in loads_per_fte]
    if not loads:
        return Fairness(0, 0.0, 0.0, 0.0)
    mean = statistics.fmean(loads)
    if mean == 0:
        return Fairness(len(loads), 0.0, 0.0, 0.0)
    return Fairness(len(loads), mean, statistics.pstdev(loads) / mean, max(loads) / mean)


def gate(candidate: Candidate, case: CaseToPlace, on: date, policy: WorkloadPolicy
         ) -> tuple[bool, str]:
    """May this officer hold this case at all? (role, account, competency: hard gates)"""
    if not candidate.active:
        return False, f"{candidate.full_name}'s account is not active."
    if candidate.role not in policy.roles_holding_cases:
        return False, (f"{candidate.role.capitalize()}s hold no caseload "
                       f"({policy.cite('allocation.roles_holding_cases')}).")
    found = competency(candidate.role, candidate.started_on, candidate.competency_level, on, policy)
    if not found.level.allows(case.case_type, case.stage, case.markers):
        what = f"a {case.case_type} case at {case.stage.replace('_', ' ')}"
        if "intentionality_inquiry" in case.markers:
            what += " with an intentionality inquiry"
        return False, f"{found.reason} This is {what}."
    return True, found.reason


def rank_officers(case: CaseToPlace, candidates: Sequence[Candidate], on: date,
                  policy: WorkloadPolicy, *, window_start: date | None = None,
                  window_end: date | None = None) -> list[Suggestion]:
    """Officers in the order the policy suggests them for the case, each with the reasons.

    The window for absence is ``on`` and the policy's look-ahead days unless given (bulk
    reallocation passes the manager's period).
    """
    start = window_start or on
    end = window_end or on + timedelta(days=int(policy.look_ahead_days.value) - 1)
    weight = case_weight(case.case_type, case.stage, case.markers, policy).points
    eligible: list[tuple[tuple, Suggestion]] = []
    refused: list[Suggestion] = []
    tolerance = policy.score_tolerance.value
    for c in candidates:
        cap = capacity(c.hours_per_week, policy)
        share = available_share(c.absences, start, end)
        base = dict(officer_id=c.officer_id, full_name=c.full_name, weighted_load=c.weighted_load,
                    capacity=cap, available_share=share)
        allowed, competency_reason = gate(c, case, on, policy)
        if not allowed:
            refused.append(Suggestion(**base, eligible=False, rank=None, score=None,
                                      continuity=False, reasons=(competency_reason,)))
            continue
        away_today = [a for a in c.absences if a.covers(start)]
        if away_today:
            refused.append(Suggestion(
                **base, eligible=False, rank=None, score=None, continuity=False,
                reasons=(f"Away ({away_today[0].describe()}) on {_short(start)}, so not "
                         "suggested: the household needs contact from the start.",)))
            continue
        if share < policy.min_available_share.value:
            refused.append(Suggestion(
                **base, eligible=False, rank=None, score=None, continuity=False,
                reasons=(f"Present on only {share:.0%} of the working days from {_short(start)} "
                         f"to {_short(end)}; a new case needs at least "
                         f"{policy.min_available_share.value:.0%} "
                         f"({policy.cite(policy.min_available_share)}).",)))
            continue
        score = (c.weighted_load + weight) / (fte(c.hours_per_week, policy) * share)
        load_share = c.weighted_load / cap if cap else math.inf
        continuity = bool(c.knows_household) and load_share <= policy.continuity_max_load_share.value
        reasons = []
        if c.knows_household:
            reasons.append(
                f"Knows this household ({c.knows_household}): continuity "
                + ("comes first" if continuity else "does not apply, being over capacity")
                + f" ({policy.cite(policy.continuity_max_load_share)}).")
        reasons.append(
            f"Weighted load {c.weighted_load:.1f} points on {fte(c.hours_per_week, policy):.2f} FTE "
            f"against a capacity of {cap:.1f} ({load_share:.0%}; "
            f"{policy.cite(policy.points_per_fte)}).")
        absences_in_window = [a for a in c.absences if a.starts_on <= end and a.ends_on >= start]
        if absences_in_window:
            reasons.append(f"Away {', '.join(a.describe() for a in absences_in_window)}: present "
                           f"{share:.0%} of the working days to {_short(end)}.")
        else:
            reasons.append(f"No absence booked to {_short(end)}.")
        reasons.append(f"With this case: {score:.2f} points per available FTE.")
        reasons.append(competency_reason if c.role == TRAINEE else "")
        bucket = round(score / tolerance) if tolerance > 0 else score
        key = (0 if continuity else 1, bucket, c.open_cases, c.full_name.casefold(), c.officer_id)
        eligible.append((key, Suggestion(**base, eligible=True, rank=None, score=score,
                                         continuity=continuity,
                                         reasons=tuple(r for r in reasons if r))))
    eligible.sort(key=lambda pair: pair[0])
    ranked: list[Suggestion] = []
    for i, (key, s) in enumerate(eligible):
        why = _why_here(i, key, eligible)
        ranked.append(Suggestion(**{**s.__dict__, "rank": i + 1,
                                    "reasons": (f"Ranked {i + 1} of {len(eligible)}{why}.",) + s.reasons}))
    refused.sort(key=lambda s: (s.full_name.casefold(), s.officer_id))
    return ranked + refused


def _why_here(i: int, key: tuple, ordered: list[tuple[tuple, Suggestion]]) -> str:
    """Which step of the ranking rule separates this officer from the one above."""
    if i == 0:
        return ""
    above = ordered[i - 1][0]
    if key[0] != above[0]:
        return ": below officers who know the household"
    if key[1] != above[1]:
        return ": a higher projected load than the officer above"
    if key[2] != above[2]:
        return ": equal load, more open cases than the officer above (tie rule)"
    return ": equal load and case count, placed by name (tie rule)"
