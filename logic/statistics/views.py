"""Reads for H-CLIC: a set of cases' rows read at once (a handful of queries, whatever the
number of cases), the quarter's cases, and the stored check results. No writes here.

The checks, the return and the figures all read cases through :func:`load_cases`, so what the
case page says, what the team list shows and what the quarter exports are one reading.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from logic.clock import LONDON
from logic.db import engine_for
from logic.statistics.rules import (
    Assessment,
    Duty,
    HclicCase,
    Member,
    Quarter,
    Stay,
    in_quarter,
    support_needs_from_json,
)

FIRST_POLICY_DAY = date(2018, 4, 3)  # the Homelessness Reduction Act duties' first day
# placements that took effect (a request waiting or refused housed nobody)
TOOK_EFFECT = ("approved", "ended")


def _day(value) -> date | None:
    """A stored date (or a UTC timestamp, as its day in London)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:  # a naive timestamp is UTC (how the store writes them)
            value = value.replace(tzinfo=UTC)
        return value.astimezone(LONDON).date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


def _ids_param(statement: str) -> sa.TextClause:
    return sa.text(statement).bindparams(sa.bindparam("ids", expanding=True))


def load_cases(connection: Connection, case_ids: Iterable[int]) -> dict[int, HclicCase]:
    """Every given case's rows as the checks and the return read them: six queries in all."""
    ids = sorted(set(case_ids))
    if not ids:
        return {}
    cases = connection.execute(_ids_param(
        """SELECT c.id, c.reference, c.case_type, c.opened_at, c.status, c.stage, c.closed_at,
                  c.household_id, h.address_line1, h.address_line2, h.town, h.postcode
           FROM cases c JOIN household h ON h.id = c.household_id
           WHERE c.id IN :ids"""), {"ids": ids}).all()
    assessments: dict[int, list[Assessment]] = defaultdict(list)
    for r in connection.execute(_ids_param(
            """SELECT case_id, id, assessed_on, eligible, homelessness, priority_need,
                      intentionally_homeless, engine_duty, duty, accommodation_at_application,
                      last_settled_accommodation, reason_for_loss, employment, support_need_codes,
                      determination_json
               FROM homelessness_assessment WHERE case_id IN :ids
               ORDER BY case_id, assessed_on, id"""), {"ids": ids}):
        assessments[r.case_id].append(Assessment(
            id=r.id, assessed_on=_day(r.assessed_on), eligible=bool(r.eligible),
            homelessness=r.homelessness, priority_need=bool(r.priority_need),
            intentionally_homeless=bool(r.intentionally_homeless), duty=r.duty,
            accommodation_at_application=r.accommodation_at_application,
            last_settled_accommodation=r.last_settled_accommodation,
            reason_for_loss=r.reason_for_loss, employment=r.employment,
            support_needs=support_needs_from_json(r.support_need_codes),
            determination_json=r.determination_json))
    duties: dict[int, list[Duty]] = defaultdict(list)
    for r in connection.execute(_ids_param(
            """SELECT case_id, id, duty, started_on, ended_on, end_reason, main_activity,
                      accommodation_secured
               FROM homelessness_duty WHERE case_id IN :ids ORDER BY case_id, started_on, id"""),
            {"ids": ids}):
        duties[r.case_id].append(Duty(id=r.id, duty=r.duty, started_on=_day(r.started_on),
                                      ended_on=_day(r.ended_on), end_reason=r.end_reason,
                                      main_activity=r.main_activity,
                                      accommodation_secured=r.accommodation_secured))
    stays: dict[int, list[Stay]] = defaultdict(list)
    for r in connection.execute(_ids_param(
            f"""SELECT case_id, id, placement_type, legal_basis, starts_on, ended_on
                FROM placement WHERE case_id IN :ids
                  AND status IN ({", ".join(repr(s) for s in TOOK_EFFECT)})
                ORDER BY case_id, starts_on, id"""), {"ids": ids}):
        stays[r.case_id].append(Stay(id=r.id, placement_type=r.placement_type,
                                     legal_basis=r.legal_basis, starts_on=_day(r.starts_on),
                                     ended_on=_day(r.ended_on)))
    households = sorted({c.household_id for c in cases})
    members: dict[int, list[Member]] = defaultdict(list)
    for r in connection.execute(sa.text(
            """SELECT id, household_id, relation, given_name, family_name, dob, sex, joined_on,
                      left_on
               FROM person WHERE household_id IN :ids ORDER BY household_id, id""").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": households}):
        members[r.household_id].append(Member(
            id=r.id, relation=r.relation, given_name=r.given_name, family_name=r.family_name,
            dob=_day(r.dob), sex=r.sex, joined_on=_day(r.joined_on), left_on=_day(r.left_on)))
    # who referred: the triage that opened the case, else the household's latest before it
    by_case: dict[int, str | None] = {}
    by_household: dict[int, list[tuple[date, str | None]]] = defaultdict(list)
    for r in connection.execute(sa.text(
            """SELECT case_id, household_id, recorded_at, referral_source FROM triage_record
               WHERE household_id IN :ids ORDER BY recorded_at, id""").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": households}):
        if r.case_id is not None and r.referral_source is not None:
            by_case[r.case_id] = r.referral_source
        by_household[r.household_id].append((_day(r.recorded_at), r.referral_source))
    out = {}
    for c in cases:
        applied_on = _day(c.opened_at)
        referral = by_case.get(c.id)
        if referral is None:
            earlier = [s for day, s in by_household.get(c.household_id, []) if day <= applied_on and s]
            referral = earlier[-1] if earlier else None
        out[c.id] = HclicCase(
            id=c.id, reference=c.reference, case_type=c.case_type, applied_on=applied_on,
            status=c.status, stage=c.stage, closed_on=_day(c.closed_at), referral_source=referral,
            assessments=tuple(assessments.get(c.id, ())), duties=tuple(duties.get(c.id, ())),
            stays=tuple(stays.get(c.id, ())), members=tuple(members.get(c.household_id, ())),
            address=tuple(x for x in (c.address_line1, c.address_line2, c.town) if x),
            postcode=c.postcode)
    return out


def _candidates(connection: Connection, quarter: Quarter) -> list[int]:
    """Cases that may belong in the quarter (a little wider than the rules; they decide)."""
    first, last = quarter.first_day, quarter.last_day
    # closed_at is UTC: a day either side covers the London day boundaries
    since = datetime.combine(first - timedelta(days=1), time(0), tzinfo=LONDON)
    until = datetime.combine(last + timedelta(days=2), time(0), tzinfo=LONDON)
    rows = connection.execute(sa.text(
        f"""SELECT case_id FROM homelessness_assessment WHERE assessed_on BETWEEN :first AND :last
            UNION SELECT case_id FROM homelessness_duty
                  WHERE started_on BETWEEN :first AND :last OR ended_on BETWEEN :first AND :last
            UNION SELECT case_id FROM placement
                  WHERE status IN ({", ".join(repr(s) for s in TOOK_EFFECT)})
                    AND starts_on <= :last AND (ended_on IS NULL OR ended_on > :first)
            UNION SELECT id FROM cases WHERE closed_at >= :since AND closed_at < :until
                  AND case_type = 'homelessness'"""),
        {"first": first, "last": last, "since": since, "until": until}).all()
    return [r[0] for r in rows]


def quarter_cases(quarter: Quarter, connection: Connection | None = None) -> list[HclicCase]:
    """The cases the quarter's return holds (rules.in_quarter), by reference."""
    if connection is None:
        with engine_for().connect() as own:
            return quarter_cases(quarter, own)
    found = load_cases(connection, _candidates(connection, quarter))
    return sorted((c for c in found.values() if in_quarter(c, quarter)), key=lambda c: c.reference)


# --- stored check results -----------------------------------------------------------------------


@dataclass(frozen=True)
class StoredProblem:
    section: str
    rule: str
    message: str
    fix_where: str


def case_problems(case_id: int) -> list[StoredProblem]:
    """What the case's checks found at its last save."""
    with engine_for().connect() as connection:
        rows = connection.execute(sa.text(
            """SELECT section, rule, message, fix_where FROM hclic_problem WHERE case_id = :c
               ORDER BY id"""), {"c": case_id}).all()
    return [StoredProblem(*r) for r in rows]


PROBLEM_LIST_COLUMNS = ["reference", "opened_on", "officer", "stage", "problems", "first_problem",
                        "fix_where"]


def cases_with_problems(offset: int = 0, size: int = 25) -> tuple[pd.DataFrame, int]:
    """Open or closed cases whose stored checks found problems, the oldest case first, one
    page: (rows, how many cases in all)."""
    with engine_for().connect() as connection:
        total = connection.execute(sa.text(
            "SELECT COUNT(DISTINCT case_id) FROM hclic_problem")).scalar_one()
        rows = connection.execute(sa.text(
            """WITH counted AS (
                   SELECT case_id, COUNT(*) AS problems, MIN(id) AS first_id
                   FROM hclic_problem GROUP BY case_id)
               SELECT c.reference, c.opened_at, o.full_name AS officer, c.case_type, c.stage,
                      k.problems, p.message AS first_problem, p.fix_where
               FROM counted k
               JOIN cases c ON c.id = k.case_id
               JOIN hclic_problem p ON p.id = k.first_id
               LEFT JOIN officer o ON o.id = c.assigned_officer_id
               ORDER BY c.opened_at, c.id
               LIMIT :size OFFSET :offset"""), {"size": size, "offset": offset}).all()
    frame = pd.DataFrame([{
        "reference": r.reference, "opened_on": _day(r.opened_at), "officer": r.officer or "Unallocated",
        "stage": (r.case_type, r.stage), "problems": int(r.problems), "first_problem": r.first_problem,
        "fix_where": r.fix_where} for r in rows], columns=PROBLEM_LIST_COLUMNS)
    return frame, int(total)


# --- the quarter's figures ------------------------------------------------------------------------


def _policy_on(day: date):
    from logic.law import PolicyError, policy_as_at

    try:
        return policy_as_at(day)
    except PolicyError:  # a day before the first policy: the first policy's numbers
        return policy_as_at(FIRST_POLICY_DAY)


def bnb_limit_for(placed_on: date) -> date:
    from logic.law.deadlines import bnb_family_limit

    return bnb_family_limit(placed_on, _policy_on(placed_on)).on


def decision_due_for(applied_on: date) -> date:
    from logic.law.deadlines import decision_target

    return decision_target(applied_on, _policy_on(applied_on)).on


@dataclass(frozen=True)
class QuarterFigures:
    figures: object  # tables.Figures
    kpis: object  # tables.Kpis
    cases: int


def quarter_figures(quarter: Quarter, cases: list[HclicCase] | None = None) -> QuarterFigures:
    """Every figure and KPI of the quarter, from the cases its return holds."""
    from logic.statistics import tables

    cases = quarter_cases(quarter) if cases is None else cases
    figures = tables.count_figures(cases, quarter, bnb_limit_for)
    return QuarterFigures(figures, tables.count_kpis(cases, quarter, figures, decision_due_for),
                          len(cases))


def figure_frame(figures, code: str) -> pd.DataFrame:
    """One figure as a table: each category's label and its households, in the vocabulary's
    order (a category not yet recorded last)."""
    from logic.casework.stages import end_reason_label
    from logic.common import codes
    from logic.statistics.tables import FIGURE_VOCABULARIES, NOT_RECORDED

    counted = figures.tables[code]
    duty = {"P1": "prevention", "R1": "relief", "MD2": "main_duty"}.get(code)
    vocabulary = FIGURE_VOCABULARIES.get(code)
    order = list(vocabulary.codes()) if vocabulary is not None else sorted(k for k in counted if k != NOT_RECORDED)
    order += [k for k in sorted(counted) if k not in order and k != NOT_RECORDED] + [NOT_RECORDED]

    def label(key: str) -> str:
        if key == NOT_RECORDED:
            return codes.HCLIC_NOT_RECORDED.label(NOT_RECORDED)
        if duty is not None:
            return end_reason_label(duty, key)
        return vocabulary.get(key, key.replace("_", " ")) if vocabulary is not None else key

    rows = [{"category": label(k), "households": int(counted.get(k, 0))} for k in order
            if counted.get(k, 0) or (vocabulary is not None and k != NOT_RECORDED)]
    return pd.DataFrame(rows, columns=["category", "households"])
