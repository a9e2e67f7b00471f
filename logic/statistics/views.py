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
    Review,
    Stay,
    grounds_from_json,
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


# A timestamp's day in London, and the grounds of priority need in a determination's JSON: the
# two places the SQL differs between the stores (DuckDB, PostgreSQL)
_LONDON_DAY = "CAST(({} AT TIME ZONE 'Europe/London') AS DATE)"
_GROUNDS = {False: "json_extract_string(determination_json, '$.priority_need_grounds')",
            True: "CAST(determination_json AS json) ->> 'priority_need_grounds'"}


def _in_list(ids: Iterable[int]) -> str:
    """``(1, 2, 3)`` for ``IN``: whole numbers only (ids read from the store), written out, since
    binding thousands of parameters costs more than the query."""
    ids = [str(int(i)) for i in ids]
    if len(ids) <= 50:  # a save's few cases: a plain list, which the indexes answer
        return "(" + ", ".join(ids) + ")"
    return "(SELECT unnest(ARRAY[" + ", ".join(ids) + "]))"  # a quarter: joined, not listed


def _date(value) -> date | None:
    """A stored date: a date already (DuckDB, psycopg), or its ISO text."""
    if value is None or type(value) is date:
        return value
    return _day(value)


def load_cases(connection: Connection, case_ids: Iterable[int]) -> dict[int, HclicCase]:
    """Every given case's rows as the checks and the return read them: nine queries in all (one
    a table), whatever the number of cases (rows read as plain tuples: thousands of cases a
    quarter)."""
    ids = sorted(set(case_ids))
    if not ids:
        return {}
    among = _in_list(ids)

    def rows(statement: str):
        return connection.execute(sa.text(statement)).all()

    # the days in London worked out by the store: converting thousands of timestamps is slow
    cases = rows(f"""SELECT c.id, c.reference, c.case_type, {_LONDON_DAY.format("c.opened_at")}, c.status,
                            c.stage, {_LONDON_DAY.format("c.closed_at")}, c.household_id,
                            h.address_line1, h.address_line2, h.town, h.postcode
                     FROM cases c JOIN household h ON h.id = c.household_id WHERE c.id IN {among}""")
    households = _in_list(sorted({c[7] for c in cases}) or [0])
    assessments: dict[int, list[Assessment]] = defaultdict(list)
    for (case_id, a_id, on, eligible, homelessness, priority, intentional, duty, now, last, reason,
         employment, needs) in rows(
            f"""SELECT case_id, id, assessed_on, eligible, homelessness, priority_need,
                       intentionally_homeless, duty, accommodation_at_application,
                       last_settled_accommodation, reason_for_loss, employment, support_need_codes
                FROM homelessness_assessment WHERE case_id IN {among} ORDER BY case_id, assessed_on, id"""):
        assessments[case_id].append(Assessment(
            id=a_id, assessed_on=_date(on), eligible=bool(eligible), homelessness=homelessness,
            priority_need=bool(priority), intentionally_homeless=bool(intentional), duty=duty,
            accommodation_at_application=now, last_settled_accommodation=last, reason_for_loss=reason,
            employment=employment, support_needs=support_needs_from_json(needs)))
    duties: dict[int, list[Duty]] = defaultdict(list)
    for case_id, d_id, duty, start, end, reason, activity, secured in rows(
            f"""SELECT case_id, id, duty, started_on, ended_on, end_reason, main_activity,
                       accommodation_secured
                FROM homelessness_duty WHERE case_id IN {among} ORDER BY case_id, started_on, id"""):
        duties[case_id].append(Duty(id=d_id, duty=duty, started_on=_date(start), ended_on=_date(end),
                                    end_reason=reason, main_activity=activity,
                                    accommodation_secured=secured))
    stays: dict[int, list[Stay]] = defaultdict(list)
    for case_id, p_id, kind, basis, start, end in rows(
            f"""SELECT case_id, id, placement_type, legal_basis, starts_on, ended_on
                FROM placement WHERE case_id IN {among}
                  AND status IN ({", ".join(repr(s) for s in TOOK_EFFECT)})
                ORDER BY case_id, starts_on, id"""):
        stays[case_id].append(Stay(id=p_id, placement_type=kind, legal_basis=basis,
                                   starts_on=_date(start), ended_on=_date(end)))
    members: dict[int, list[Member]] = defaultdict(list)
    for p_id, household, relation, given, family, dob, sex, joined, left in rows(
            f"""SELECT id, household_id, relation, given_name, family_name, dob, sex, joined_on, left_on
                FROM person WHERE household_id IN {households} ORDER BY household_id, id"""):
        members[household].append(Member(id=p_id, relation=relation, given_name=given,
                                         family_name=family, dob=_date(dob), sex=sex,
                                         joined_on=_date(joined), left_on=_date(left)))
    # the reviews the council took (s.202): asked in time, or late and accepted (s.202(3))
    decisions: dict[int, tuple[int, date | None, str | None]] = {}
    for review_id, d_id, decided_on, outcome in rows(
            f"""SELECT d.review_id, d.id, d.decided_on, d.outcome
                FROM part7_review_decision d JOIN part7_review r ON r.id = d.review_id
                WHERE r.case_id IN {among} ORDER BY d.review_id, d.id"""):
        decisions.setdefault(review_id, (d_id, _date(decided_on), outcome))  # one a review
    reviews: dict[int, list[Review]] = defaultdict(list)
    for case_id, r_id, requested_on, ground, in_time in rows(
            f"""SELECT case_id, id, requested_on, ground, in_time FROM part7_review
                WHERE case_id IN {among} AND (in_time OR late_accepted)
                ORDER BY case_id, requested_on, id"""):
        d_id, decided_on, outcome = decisions.get(r_id, (None, None, None))
        reviews[case_id].append(Review(id=r_id, requested_on=_date(requested_on), ground=ground,
                                       in_time=bool(in_time), decision_id=d_id, decided_on=decided_on,
                                       outcome=outcome))
    # who referred: the triage that opened the case, else the household's latest before it
    by_case: dict[int, str] = {}
    by_household: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for case_id, household, recorded_at, source in rows(
            f"""SELECT case_id, household_id, recorded_at, referral_source FROM triage_record
                WHERE household_id IN {households} AND referral_source IS NOT NULL
                ORDER BY recorded_at, id"""):
        if case_id is not None:
            by_case[case_id] = source
        by_household[household].append((_day(recorded_at), source))
    out = {}
    for (c_id, reference, case_type, opened_at, status, stage, closed_at, household, line1, line2,
         town, postcode) in cases:
        applied_on = _date(opened_at)
        referral = by_case.get(c_id)
        if referral is None:
            earlier = [s for day, s in by_household.get(household, ()) if day <= applied_on]
            referral = earlier[-1] if earlier else None
        out[c_id] = HclicCase(
            id=c_id, reference=reference, case_type=case_type, applied_on=applied_on,
            status=status, stage=stage, closed_on=_date(closed_at), referral_source=referral,
            assessments=tuple(assessments.get(c_id, ())), duties=tuple(duties.get(c_id, ())),
            stays=tuple(stays.get(c_id, ())), members=tuple(members.get(household, ())),
            reviews=tuple(reviews.get(c_id, ())),
            address=tuple(x for x in (line1, line2, town) if x), postcode=postcode)
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


def _grounds(assessment_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The engine's grounds of priority need on these assessments (MD3's main duty decisions
    only: a determination is the largest text of the store, so it is read for no other)."""
    if not assessment_ids:
        return {}
    with engine_for().connect() as connection:
        grounds_of = _GROUNDS[connection.dialect.name == "postgresql"]
        found = connection.execute(sa.text(
            f"SELECT id, {grounds_of} FROM homelessness_assessment WHERE id IN {_in_list(assessment_ids)}"
        )).all()
    return {a_id: grounds_from_json(text) for a_id, text in found}


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
    decided = tables.main_duty_decisions(cases, quarter)
    grounds = _grounds(decided)
    figures = tables.count_figures(cases, quarter, bnb_limit_for,
                                   grounds=lambda a: grounds.get(a.id, a.priority_need_grounds))
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
