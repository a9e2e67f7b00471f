"""Read-only queries behind the workload dashboard and the allocation suggestions.

SQL in, DataFrame out (on DuckDB through Arrow, see `_read`); the same SQL runs on DuckDB and
PostgreSQL. The one fragment that differs between the two (reading the JSON text of an
assessment's facts) is in `_DIALECT`, the only backend-specific SQL of this module.

How the past is read (the fairness figure and the caseload on past dates): every change of a
case's holder (`reassigned`, `allocated` events) and of its stage (`stage_changed`) records
`changes = {"field": [before, after]}`, and the before value in a typed column
(`case_event.previous_officer_id`, `previous_stage`). Reading backwards from today's row, a case's holder on
a past day is the *before* value of the first holder change after that day, or today's holder
when there was none; the same for its stage (one CTE builds both, `_spans`). A case counts from `opened_at` until
`closed_at`. So the history needs no snapshot table and cannot drift from the case events.

Complexity markers (`case_markers`) and the dashboard's duty dates are read straight from
the tables that hold them: placements, safeguarding flags, assessments and the
`homelessness_duty` rows (whose `started_on` is the date casework's clocks run from), in one
query each. One hook remains for deadlines other features add:
- `register_deadline_source(name, fn)`: fn(connection, as_at) -> DataFrame[case_id, deadline,
  due_on] for open cases (e.g. personal housing plan reviews, review requests).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, text

from logic import clock
from logic.clock import LONDON
from logic.db import engine_for, is_duckdb
from logic.law import deadlines as law_deadlines
from logic.law import policy_as_at
from logic.workload.policy import WorkloadPolicy, workload_policy_as_at
from logic.workload.rules import fte

HOLDER_KINDS = ("reassigned", "allocated")

# --- the backend-specific fragments (JSON text of an assessment's facts) -------------------
_DIALECT = {
    "duckdb": {
        "intentionality_facts": "json_extract_string(a.facts_json, '$.intentionality')",
    },
    "postgresql": {
        "intentionality_facts": "(CAST(a.facts_json AS json) ->> 'intentionality')",
    },
}
# the day an event happened, in the council's time zone (both backends accept AT TIME ZONE)
_LOCAL_DAY = "CAST(({col} AT TIME ZONE 'Europe/London') AS DATE)"
_WEEK_OF = "CAST(date_trunc('week', CAST({day} AS TIMESTAMP)) AS DATE)"


def _sql(connection: Connection, template: str) -> str:
    backend = "duckdb" if is_duckdb(connection.engine.url.drivername) else "postgresql"
    return template.format(**_DIALECT[backend])


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def _read(connection: Connection, sql: str, params: dict) -> pd.DataFrame:
    """The rows of a query as a DataFrame. On DuckDB the rows go from DuckDB to pandas through
    Arrow (dates stay dates): read row by row through the DB-API, 18k open cases cost 0.2 s,
    through Arrow 12 ms."""
    if not is_duckdb(connection.engine.url.drivername):
        return pd.read_sql_query(text(sql), connection, params=params)
    used = set(_NAMED.findall(sql))
    raw = connection.connection.driver_connection
    rows = raw.sql(_NAMED.sub(r"$\1", sql), params={k: v for k, v in params.items() if k in used})
    return rows.to_arrow_table().to_pandas()


def _frame(sql: str, connection: Connection | None = None, **params) -> pd.DataFrame:
    if connection is not None:
        return _read(connection, _sql(connection, sql), params)
    with engine_for().connect() as own:
        return _read(own, _sql(own, sql), params)


def end_of_day(day: date) -> datetime:
    """The last moment of a day in the council's time zone, as UTC (what 'on that day' means)."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=LONDON).astimezone(UTC)


def _officer_filter(teams: Sequence[str] | None, officer_ids: Sequence[int] | None,
                    column: str = "o") -> tuple[str, dict]:
    parts, params = [], {}
    if teams:
        names = [f":team_{i}" for i in range(len(teams))]
        parts.append(f"{column}.team IN ({', '.join(names)})")
        params.update({f"team_{i}": t for i, t in enumerate(teams)})
    if officer_ids:
        names = [f":officer_{i}" for i in range(len(officer_ids))]
        parts.append(f"{column}.id IN ({', '.join(names)})")
        params.update({f"officer_{i}": int(o) for i, o in enumerate(officer_ids)})
    return (" AND " + " AND ".join(parts)) if parts else "", params


# --- officers -----------------------------------------------------------------------------

def officers(teams: Sequence[str] | None = None, officer_ids: Sequence[int] | None = None,
             connection: Connection | None = None) -> pd.DataFrame:
    """Active officers who may hold cases (not administrators), with hours and competency."""
    where, params = _officer_filter(teams, officer_ids)
    return _frame(
        f"""SELECT o.id AS officer_id, o.full_name AS officer, o.role, o.team, o.hours_per_week,
                   o.started_on, o.competency_level, o.competency_since
            FROM officer o WHERE o.active AND o.role <> 'admin' {where}
            ORDER BY o.full_name, o.id""",
        connection, **params)


def teams() -> list[str]:
    frame = _frame("SELECT DISTINCT team FROM officer WHERE active AND role <> 'admin' ORDER BY team")
    return frame["team"].tolist()


def absences(officer_ids: Sequence[int] | None = None, *, from_day: date | None = None,
             include_cancelled: bool = False, connection: Connection | None = None) -> pd.DataFrame:
    """Absences (newest first), optionally only those ending on or after a day."""
    parts, params = [], {}
    if officer_ids is not None:
        if not officer_ids:
            return pd.DataFrame(columns=["id", "officer_id", "officer", "kind", "starts_on",
                                         "ends_on", "note", "cancelled_at", "cancel_reason"])
        _, params = _officer_filter(None, officer_ids)
        parts.append(f"a.officer_id IN ({', '.join(':' + k for k in params)})")
    if from_day is not None:
        parts.append("a.ends_on >= :from_day")
        params["from_day"] = from_day
    if not include_cancelled:
        parts.append("a.cancelled_at IS NULL")
    where = ("WHERE " + " AND ".join(parts)) if parts else ""
    return _frame(
        f"""SELECT a.id, a.officer_id, o.full_name AS officer, a.kind, a.starts_on, a.ends_on,
                   a.note, a.cancelled_at, a.cancel_reason
            FROM officer_absence a JOIN officer o ON o.id = a.officer_id
            {where} ORDER BY a.starts_on DESC, a.id DESC""",
        connection, **params)


# --- open cases, markers and weighted load -------------------------------------------------

def open_cases(teams: Sequence[str] | None = None, officer_ids: Sequence[int] | None = None,
               connection: Connection | None = None, *, include_unallocated: bool = False
               ) -> pd.DataFrame:
    """One row an open case: its type, stage, household and holder."""
    where, params = _officer_filter(teams, officer_ids)
    join = "LEFT JOIN" if include_unallocated and not where else "JOIN"
    return _frame(
        f"""SELECT c.id AS case_id, c.reference, c.household_id, c.case_type, c.stage,
                   c.assigned_officer_id AS officer_id, c.version
            FROM cases c {join} officer o ON o.id = c.assigned_officer_id
            WHERE c.status = 'open' {where}
            ORDER BY c.id""",
        connection, **params)


def unallocated_cases(connection: Connection | None = None) -> pd.DataFrame:
    """Open cases no officer holds yet, oldest first, with the applicant's name."""
    return _frame(
        """SELECT c.id AS case_id, c.reference, c.case_type, c.stage, c.opened_at, c.version,
                  c.household_id, h.reference AS household,
                  p.given_name || ' ' || p.family_name AS applicant
           FROM cases c JOIN household h ON h.id = c.household_id
           LEFT JOIN person p ON p.household_id = h.id AND p.relation = 'applicant'
           WHERE c.status = 'open' AND c.assigned_officer_id IS NULL
           ORDER BY c.opened_at, c.id""",
        connection)


_MARKERS = """
SELECT c.id AS case_id, 'no_fixed_address' AS marker
FROM cases c JOIN household h ON h.id = c.household_id
WHERE c.status = 'open' AND c.case_type = 'homelessness' {only}
  AND (h.address_line1 IS NULL OR TRIM(h.address_line1) = '')
UNION ALL
SELECT c.id AS case_id, 'large_household' AS marker
FROM cases c JOIN person p ON p.household_id = c.household_id
WHERE c.status = 'open' AND p.left_on IS NULL {only}
GROUP BY c.id HAVING COUNT(*) >= :people
UNION ALL
SELECT c.id AS case_id, 'ta_placement' AS marker
FROM cases c
WHERE c.status = 'open' {only} AND EXISTS (
    SELECT 1 FROM placement pl WHERE pl.case_id = c.id AND pl.status = 'approved'
      AND pl.ended_on IS NULL AND pl.starts_on <= :on)
UNION ALL
SELECT c.id AS case_id, 'safeguarding' AS marker
FROM cases c
WHERE c.status = 'open' {only} AND EXISTS (
    SELECT 1 FROM safeguarding_flag f WHERE f.household_id = c.household_id
      AND f.ended_at IS NULL)
UNION ALL
SELECT c.id AS case_id, 'intentionality_inquiry' AS marker
FROM cases c JOIN homelessness_assessment a ON a.case_id = c.id
WHERE c.status = 'open' AND c.case_type = 'homelessness' {only}
  AND NOT EXISTS (SELECT 1 FROM homelessness_assessment later
                  WHERE later.case_id = a.case_id
                    AND (later.assessed_on > a.assessed_on
                         OR (later.assessed_on = a.assessed_on AND later.id > a.id)))
  AND (a.intentionally_homeless OR {{intentionality_facts}} IS NOT NULL)
"""


def case_markers(connection: Connection, policy: WorkloadPolicy, on: date | None = None,
                 case_id: int | None = None) -> pd.DataFrame:
    """The complexity markers open cases carry (one row a case and marker), each read from its
    one source of truth in one query:
    - ``no_fixed_address``: a homelessness case whose household has no address line;
    - ``large_household``: ``complexity_thresholds.large_household_people`` or more current
      members;
    - ``ta_placement``: an approved temporary accommodation placement, begun and not ended;
    - ``safeguarding``: a safeguarding flag on the household that has not been ended;
    - ``intentionality_inquiry``: the case's latest s.189A assessment records an inquiry into
      intentionality (s.191 findings in its facts) or finds the applicant intentionally
      homeless.
    ``case_id`` narrows it to one case (an allocation reads only the case it places)."""
    only = "AND c.id = :case_id" if case_id is not None else ""
    params = {"people": int(policy.large_household_people.value), "on": on or clock.today()}
    if case_id is not None:
        params["case_id"] = int(case_id)
    frame = _frame(_MARKERS.format(only=only), connection, **params)
    if frame.empty:
        return pd.DataFrame({"case_id": pd.Series(dtype="int64"), "marker": pd.Series(dtype="str")})
    return frame[["case_id", "marker"]].drop_duplicates().reset_index(drop=True)


def weigh_cases(cases: pd.DataFrame, markers: pd.DataFrame, policy: WorkloadPolicy) -> pd.DataFrame:
    """Add `points` (stage weight plus complexity add-ons, as `logic.workload.rules.case_weight`
    counts them), `weighted` and the case's `markers` to each open case (vectorised: a large
    council has thousands of open cases)."""
    out = cases.copy()
    stage_points = pd.DataFrame(
        [(t, s, w.value) for (t, s), w in policy.stage_weights.items()],
        columns=["case_type", "stage", "stage_points"])
    out = out.merge(stage_points, on=["case_type", "stage"], how="left")
    out["weighted"] = out["stage_points"].notna()
    add_ons = markers.assign(add_on=markers["marker"].map(
        {name: valued.value for name, valued in policy.complexity.items()}).fillna(0.0))
    by_case = add_ons.groupby("case_id")["add_on"].sum()
    out["points"] = out["stage_points"].fillna(0.0) + out["case_id"].map(by_case).fillna(0.0)
    listed: dict[int, list[str]] = {}
    for case_id, marker in zip(markers["case_id"], markers["marker"], strict=True):
        listed.setdefault(int(case_id), []).append(marker)
    out["markers"] = [tuple(sorted(listed.get(int(c), ()))) for c in out["case_id"]]
    return out.drop(columns=["stage_points"])


def weighted_open_cases(as_at: date, teams: Sequence[str] | None = None,
                        officer_ids: Sequence[int] | None = None,
                        connection: Connection | None = None) -> pd.DataFrame:
    policy = workload_policy_as_at(as_at)
    if connection is None:
        with engine_for().connect() as own:
            return weighted_open_cases(as_at, teams, officer_ids, own)
    cases = open_cases(teams, officer_ids, connection)
    return weigh_cases(cases, case_markers(connection, policy, as_at), policy)


_LOAD = """
WITH markers AS ({markers}),
add_ons(marker, add_on) AS (VALUES {add_ons}),
marked AS (
    SELECT m.case_id, SUM(a.add_on) AS add_on
    FROM (SELECT DISTINCT case_id, marker FROM markers) m JOIN add_ons a ON a.marker = m.marker
    GROUP BY m.case_id
),
weights(case_type, stage, stage_points) AS (VALUES {weights})
SELECT c.assigned_officer_id AS officer_id, c.case_type, c.stage, COUNT(*) AS open_cases,
       CAST(SUM(COALESCE(w.stage_points, 0) + COALESCE(k.add_on, 0)) AS DOUBLE PRECISION) AS points
FROM cases c JOIN officer o ON o.id = c.assigned_officer_id
LEFT JOIN weights w ON w.case_type = c.case_type AND w.stage = c.stage
LEFT JOIN marked k ON k.case_id = c.id
WHERE c.status = 'open' {where}
GROUP BY c.assigned_officer_id, c.case_type, c.stage
ORDER BY c.assigned_officer_id, c.case_type, c.stage
"""


def open_load(as_at: date, teams: Sequence[str] | None = None,
              officer_ids: Sequence[int] | None = None,
              connection: Connection | None = None) -> pd.DataFrame:
    """Open cases and weighted points per holder, case type and stage, added up in the store:
    the same points as `weigh_cases` gives each case (stage weight plus its markers' add-ons,
    `logic.workload.rules.case_weight`), without fetching the cases."""
    policy = workload_policy_as_at(as_at)
    where, params = _officer_filter(teams, officer_ids)
    params.update({"people": int(policy.large_household_people.value), "on": as_at})
    add_ons, weights = [], []
    for i, (name, valued) in enumerate(sorted(policy.complexity.items())):
        add_ons.append(f"(CAST(:marker_{i} AS VARCHAR(40)), CAST(:add_on_{i} AS DOUBLE PRECISION))")
        params.update({f"marker_{i}": name, f"add_on_{i}": float(valued.value)})
    for i, ((case_type, stage), valued) in enumerate(sorted(policy.stage_weights.items())):
        weights.append(f"(CAST(:type_{i} AS VARCHAR(40)), CAST(:stage_{i} AS VARCHAR(40)), "
                       f"CAST(:weight_{i} AS DOUBLE PRECISION))")
        params.update({f"type_{i}": case_type, f"stage_{i}": stage, f"weight_{i}": float(valued.value)})
    sql = _LOAD.format(markers=_MARKERS.format(only=""), add_ons=", ".join(add_ons),
                       weights=", ".join(weights), where=where)
    frame = _frame(sql, connection, **params)
    frame["open_cases"] = frame["open_cases"].astype(int)
    frame["points"] = frame["points"].astype(float)
    return frame


def load_by_officer_and_stage(as_at: date, teams: Sequence[str] | None = None,
                              officer_ids: Sequence[int] | None = None,
                              connection: Connection | None = None) -> pd.DataFrame:
    """Open cases and weighted points per officer, case type and stage, with each officer's
    FTE and capacity (officers with no open case are listed with zero)."""
    policy = workload_policy_as_at(as_at)
    if connection is None:
        with engine_for().connect() as own:
            return load_by_officer_and_stage(as_at, teams, officer_ids, own)
    staff = officers(teams, officer_ids, connection)
    grouped = open_load(as_at, teams, officer_ids, connection)
    frame = staff.merge(grouped, on="officer_id", how="left")
    frame["open_cases"] = frame["open_cases"].fillna(0).astype(int)
    frame["points"] = frame["points"].fillna(0.0)
    frame["fte"] = frame["hours_per_week"].map(lambda h: round(fte(h, policy), 3))
    frame["capacity"] = frame["fte"] * policy.points_per_fte.value
    return frame[["officer_id", "officer", "role", "team", "hours_per_week", "fte", "capacity",
                  "case_type", "stage", "open_cases", "points"]]


def summarise_load(detail: pd.DataFrame) -> pd.DataFrame:
    """One row an officer from `load_by_officer_and_stage`'s rows."""
    frame = (detail.groupby(["officer_id", "officer", "role", "team", "hours_per_week", "fte",
                             "capacity"], as_index=False)
             .agg(open_cases=("open_cases", "sum"), weighted_load=("points", "sum")))
    frame["load_per_fte"] = (frame["weighted_load"] / frame["fte"]).round(2)
    frame["share_of_capacity"] = (frame["weighted_load"] / frame["capacity"]).round(3)
    return frame.sort_values(["officer", "officer_id"]).reset_index(drop=True)


def load_by_officer(as_at: date, teams: Sequence[str] | None = None,
                    officer_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """One row an officer: open cases, weighted load, capacity, load per FTE and share used."""
    return summarise_load(load_by_officer_and_stage(as_at, teams, officer_ids))


# --- the past, from case events ------------------------------------------------------------

_EVER = "CAST('1900-01-01 00:00:00+00' AS TIMESTAMPTZ)"
_NEVER = "CAST('9999-01-01 00:00:00+00' AS TIMESTAMPTZ)"


def _spans(name: str, kinds: Sequence[str], previous: str, current: str, cases: str) -> str:
    """The one span-building CTE: `{name}_spans(case_id, value, valid_from, valid_to)`, the
    value a case's column held over each stretch of time, rebuilt from the events that change
    it. Each change event of `kinds` records the value it replaced (`case_event.{previous}`),
    so it closes a span that began at the change before it; today's value (`cases.{current}`)
    runs from the latest change on. Only the cases listed by the CTE `cases` are read."""
    kind_list = ", ".join(f"'{kind}'" for kind in kinds)
    return f"""{name}_changes AS (
    SELECT e.case_id, e.id, e.occurred_at, e.{previous} AS value
    FROM case_event e JOIN {cases} r ON r.case_id = e.case_id
    WHERE e.kind IN ({kind_list})
),
{name}_spans AS (
    SELECT case_id, value,
           COALESCE(LAG(occurred_at) OVER (PARTITION BY case_id ORDER BY occurred_at, id),
                    {_EVER}) AS valid_from,
           occurred_at AS valid_to
    FROM {name}_changes
    UNION ALL
    SELECT c.id, c.{current}, COALESCE(last.latest, {_EVER}), {_NEVER}
    FROM cases c JOIN {cases} r ON r.case_id = c.id
    LEFT JOIN (SELECT case_id, MAX(occurred_at) AS latest FROM {name}_changes
               GROUP BY case_id) last ON last.case_id = c.id
)"""


_CASELOAD_ON_DAYS = """
WITH days AS ({days}),
-- cases open at the end of each day first (materialised), so that the spans are then built
-- for those cases only and joined by case (a hash join) rather than by date range
open_on_days AS MATERIALIZED (
    SELECT d.day, d.day_end, c.id AS case_id, c.case_type
    FROM days d JOIN cases c
      ON c.opened_at <= d.day_end
     AND COALESCE(c.closed_at, """ + _NEVER + """) > d.day_end
),
open_then AS MATERIALIZED (SELECT DISTINCT case_id FROM open_on_days),
""" + _spans("holder", HOLDER_KINDS, "previous_officer_id", "assigned_officer_id", "open_then") + """,
""" + _spans("stage", ("stage_changed",), "previous_stage", "stage", "open_then") + """
SELECT x.day, h.value AS officer_id, x.case_type, s.value AS stage, COUNT(*) AS open_cases
FROM open_on_days x
JOIN holder_spans h ON h.case_id = x.case_id AND h.valid_from <= x.day_end AND h.valid_to > x.day_end
JOIN stage_spans s ON s.case_id = x.case_id AND s.valid_from <= x.day_end AND s.valid_to > x.day_end
JOIN officer o ON o.id = h.value
WHERE o.role <> 'admin' {where}
GROUP BY x.day, h.value, x.case_type, s.value
ORDER BY x.day, h.value, x.case_type, s.value
"""


def caseload_on_days(days: Sequence[date], teams: Sequence[str] | None = None,
                     officer_ids: Sequence[int] | None = None,
                     connection: Connection | None = None) -> pd.DataFrame:
    """Open cases per officer, type and stage at the end of each day, rebuilt from events."""
    if not days:
        return pd.DataFrame(columns=["day", "officer_id", "case_type", "stage", "open_cases"])
    where, params = _officer_filter(teams, officer_ids)
    rows = " UNION ALL ".join(
        f"SELECT CAST(:day_{i} AS DATE) AS day, CAST(:end_{i} AS TIMESTAMPTZ) AS day_end"
        for i in range(len(days)))
    for i, day in enumerate(days):
        params[f"day_{i}"] = day
        params[f"end_{i}"] = end_of_day(day)
    sql = _CASELOAD_ON_DAYS.format(days=rows, where=where)
    frame = _frame(sql, connection, **params)
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    return frame


def sample_days(start: date, end: date, points: int = 26) -> list[date]:
    """Week-end days (Sundays) from start to end, at most ``points`` of them, end included."""
    days, day = [], end
    while day >= start and len(days) < points:
        days.append(day)
        day -= timedelta(days=7)
    return sorted(days)


def fairness_over_time(start: date, end: date, teams: Sequence[str] | None = None,
                       officer_ids: Sequence[int] | None = None, points: int = 26, *,
                       connection: Connection | None = None,
                       staff: pd.DataFrame | None = None) -> pd.DataFrame:
    """The spread of weighted load per FTE across officers holding cases, on each sample day.

    Past loads use stage weights only (complexity markers describe a case as it is now) and
    officers' current hours; an officer counts on a day if they held at least one case then.
    """
    from logic.workload.rules import fairness

    if connection is None:
        with engine_for().connect() as own:
            return fairness_over_time(start, end, teams, officer_ids, points, connection=own,
                                      staff=staff)
    days = sample_days(start, end, points)
    history = caseload_on_days(days, teams, officer_ids, connection)
    if staff is None:
        staff = officers(teams, officer_ids, connection)
    rows = []
    hours = dict(zip(staff["officer_id"], staff["hours_per_week"], strict=True))
    history = history[history["officer_id"].isin(hours)]
    by_day = {day: frame for day, frame in history.groupby("day")}
    for day in days:
        policy = workload_policy_as_at(day)
        on_day = by_day.get(day, history.iloc[0:0])
        weights = {key: w.value for key, w in policy.stage_weights.items()}
        points = on_day["open_cases"] * [weights.get((t, s), 0.0) for t, s in
                                         zip(on_day["case_type"], on_day["stage"], strict=True)]
        loads = points.groupby(on_day["officer_id"]).sum()
        per_fte = [load / fte(hours[o], policy) for o, load in loads.items()]
        spread = fairness(per_fte)
        rows.append({"day": day, "officers": spread.officers, "mean_load_per_fte": round(spread.mean, 2),
                     "coefficient_of_variation": round(spread.cv, 3),
                     "max_over_mean": round(spread.max_over_mean, 3),
                     "alert_at": policy.alert_cv.value})
    return pd.DataFrame(rows, columns=["day", "officers", "mean_load_per_fte",
                                       "coefficient_of_variation", "max_over_mean", "alert_at"])


# --- flows: approaches, preventions and reliefs by week ------------------------------------

_FLOWS = """
SELECT week, measure, COUNT(*) AS cases FROM (
    SELECT """ + _WEEK_OF.format(day=_LOCAL_DAY.format(col="c.opened_at")) + """ AS week,
           'approaches' AS measure
    FROM cases c LEFT JOIN officer o ON o.id = c.assigned_officer_id
    WHERE c.case_type IN ('advice', 'homelessness')
      AND c.opened_at >= :start_at AND c.opened_at < :end_at {where}
    UNION ALL
    SELECT """ + _WEEK_OF.format(day="d.started_on") + """ AS week,
           CASE d.duty WHEN 'prevention' THEN 'preventions' ELSE 'reliefs' END
    FROM homelessness_duty d JOIN cases c ON c.id = d.case_id
    LEFT JOIN officer o ON o.id = c.assigned_officer_id
    WHERE d.duty IN ('prevention', 'relief')
      AND d.started_on >= :start_on AND d.started_on <= :end_on {where}
) flows
GROUP BY week, measure ORDER BY week, measure
"""


def flows_by_week(start: date, end: date, teams: Sequence[str] | None = None,
                  officer_ids: Sequence[int] | None = None,
                  connection: Connection | None = None) -> pd.DataFrame:
    """New approaches (advice and homelessness cases opened), prevention and relief duties
    begun (the duty rows casework keeps, in the week of each duty's start date, whenever it was
    recorded), per week starting Monday. Officer filters use the case's current holder."""
    where, params = _officer_filter(teams, officer_ids)
    frame = _frame(_FLOWS.format(where=where), connection, start_at=end_of_day(start - timedelta(days=1)),
                   end_at=end_of_day(end), start_on=start, end_on=end, **params)
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    frame["cases"] = frame["cases"].astype(int)
    return frame


# --- time from first contact to decision --------------------------------------------------

_DECISIONS = """
WITH first_duty AS (
    -- only cases with a duty begun in the period can have their first duty in it
    SELECT d.case_id, d.started_on, d.duty AS decision,
           ROW_NUMBER() OVER (PARTITION BY d.case_id ORDER BY d.started_on, d.id) AS nth
    FROM homelessness_duty d
    WHERE d.case_id IN (SELECT p.case_id FROM homelessness_duty p
                        WHERE p.started_on >= :start_on AND p.started_on <= :end_on)
),
decided AS (
    SELECT case_id, started_on, decision FROM first_duty
    WHERE nth = 1 AND started_on >= :start_on AND started_on <= :end_on
),
first_contact AS (
    SELECT ct.case_id, MIN(ct.occurred_at) AS first_at
    FROM contact ct JOIN decided x ON x.case_id = ct.case_id
    GROUP BY ct.case_id
)
SELECT c.id AS case_id, c.reference, c.assigned_officer_id AS officer_id, o.full_name AS officer,
       CASE WHEN f.first_at IS NOT NULL AND f.first_at < c.opened_at THEN f.first_at
            ELSE c.opened_at END AS first_contact_at,
       d.started_on AS decided_at, d.decision
FROM decided d
JOIN cases c ON c.id = d.case_id
LEFT JOIN first_contact f ON f.case_id = c.id
LEFT JOIN officer o ON o.id = c.assigned_officer_id
WHERE c.case_type = 'homelessness' {where}
ORDER BY d.started_on, c.id
"""


def decision_times(start: date, end: date, teams: Sequence[str] | None = None,
                   officer_ids: Sequence[int] | None = None,
                   connection: Connection | None = None) -> pd.DataFrame:
    """Homelessness cases decided in the period: days from first contact (the earliest contact
    on the case, or its opening; its day in the council's time zone) to the start date of the
    first duty casework recorded (prevention, relief or another), with the duty decided.
    ``decided_at`` is that start date, the date casework's clocks run from."""
    where, params = _officer_filter(teams, officer_ids)
    frame = _frame(_DECISIONS.format(where=where), connection, start_on=start, end_on=end, **params)
    first = pd.to_datetime(frame["first_contact_at"], utc=True).dt.tz_convert(LONDON)
    first_day = first.dt.tz_localize(None).dt.normalize()
    decided = pd.to_datetime(frame["decided_at"])
    frame["decided_at"] = decided.dt.date
    frame["days"] = (decided - first_day).dt.days.astype(float)
    frame["week"] = (decided - pd.to_timedelta(decided.dt.day_of_week, unit="D")).dt.date
    return frame


# --- deadlines ------------------------------------------------------------------------------

def _relief_ends(connection: Connection, as_at: date) -> pd.DataFrame:
    """Relief duty ends 56 days from the relief duty's start date (s.189B(4)), read from the
    duty row casework keeps (the same start date casework's own clock uses)."""
    starts = _frame(
        """SELECT c.id AS case_id, MAX(d.started_on) AS started_on
           FROM cases c JOIN homelessness_duty d ON d.case_id = c.id
           WHERE c.status = 'open' AND c.case_type = 'homelessness' AND c.stage = 'relief'
             AND d.duty = 'relief' AND d.ended_on IS NULL
           GROUP BY c.id""", connection)
    ends = {d: law_deadlines.relief_duty_ends(d, policy_as_at(d)).on
            for d in pd.to_datetime(starts["started_on"]).dt.date.unique()}
    starts["deadline"] = "relief_duty_ends"
    starts["due_on"] = pd.to_datetime(starts["started_on"]).dt.date.map(ends)
    return starts[["case_id", "deadline", "due_on"]]


def _decision_targets(connection: Connection, as_at: date) -> pd.DataFrame:
    """The council's target for the s.184 decision, from the day the case was opened, for
    homelessness cases still awaiting a decision (assessment, main duty decision)."""
    opened = _frame(
        """SELECT c.id AS case_id, """ + _LOCAL_DAY.format(col="c.opened_at") + """ AS opened_on
           FROM cases c WHERE c.status = 'open' AND c.case_type = 'homelessness'
             AND c.stage IN ('assessment', 'main_duty_decision')""", connection)
    days = pd.to_datetime(opened["opened_on"]).dt.date
    due = {d: law_deadlines.decision_target(d, policy_as_at(d)).on for d in days.unique()}
    opened["deadline"] = "s184_decision_due_by"
    opened["due_on"] = days.map(due)
    return opened[["case_id", "deadline", "due_on"]]


DeadlineSource = Callable[[Connection, date], pd.DataFrame]
_DEADLINE_SOURCES: dict[str, DeadlineSource] = {
    "relief_duty_ends": _relief_ends,
    "s184_decision_due_by": _decision_targets,
}


def register_deadline_source(name: str, source: DeadlineSource) -> None:
    """Add (or replace) a source of deadlines: fn(connection, as_at) -> DataFrame with columns
    case_id, deadline, due_on (a date) for open cases. Replacing a built-in one by name (e.g.
    when the casework tables hold the relief start date itself) is how a better source wins."""
    _DEADLINE_SOURCES[name] = source


def deadlines(as_at: date, teams: Sequence[str] | None = None,
              officer_ids: Sequence[int] | None = None,
              connection: Connection | None = None) -> pd.DataFrame:
    """Every known deadline of open cases, with the holder, and whether it is overdue or due
    this week (from as_at to the Sunday of its week)."""
    if connection is None:
        with engine_for().connect() as own:
            return deadlines(as_at, teams, officer_ids, own)
    frames = [source(connection, as_at) for source in _DEADLINE_SOURCES.values()]
    where, params = _officer_filter(teams, officer_ids)
    cases = _frame(
        f"""SELECT c.id AS case_id, c.reference, c.assigned_officer_id AS officer_id, c.stage,
                   CASE WHEN o.active AND o.role <> 'admin' THEN o.full_name END AS officer
            FROM cases c JOIN officer o ON o.id = c.assigned_officer_id
            WHERE c.status = 'open' {where}""",
        connection, **params)
    frames = [f for f in frames if not f.empty]
    columns = ["case_id", "reference", "officer_id", "officer", "stage", "deadline", "due_on", "status"]
    if not frames:
        return pd.DataFrame(columns=columns)
    found = pd.concat(frames, ignore_index=True).merge(cases, on="case_id")
    week_end = as_at + timedelta(days=6 - as_at.weekday())
    found["status"] = [
        "overdue" if due < as_at else "due this week" if due <= week_end else "later"
        for due in found["due_on"]]
    return found[columns].sort_values(["due_on", "reference"]).reset_index(drop=True)


def count_deadlines(found: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """Per officer of `staff`: `found`'s deadlines overdue and due this week (zeros for none)."""
    counts = (found[found["status"] != "later"].groupby(["officer_id", "status"]).size()
              .unstack(fill_value=0) if not found.empty else pd.DataFrame())
    out = staff[["officer_id", "officer"]].set_index("officer_id")
    for status in ("overdue", "due this week"):
        col = counts[status] if status in getattr(counts, "columns", []) else pd.Series(dtype=int)
        out[status] = col.reindex(out.index).fillna(0).astype(int)
    return out.reset_index()


def deadlines_by_officer(as_at: date, teams: Sequence[str] | None = None,
                         officer_ids: Sequence[int] | None = None) -> pd.DataFrame:
    """Per officer: deadlines overdue and due this week (officers with none get zeros)."""
    with engine_for().connect() as connection:
        return count_deadlines(deadlines(as_at, teams, officer_ids, connection),
                               officers(teams, officer_ids, connection))


# --- the dashboard, each figure once --------------------------------------------------------

@dataclass(frozen=True)
class Dashboard:
    """Every figure of the workload dashboard, each computed once, on one connection."""

    officers: pd.DataFrame  # the officers the filters choose
    load_detail: pd.DataFrame  # load_by_officer_and_stage
    load: pd.DataFrame  # load_by_officer
    fairness: pd.DataFrame  # fairness_over_time
    deadlines: pd.DataFrame  # deadlines due this week and overdue (not later ones)
    deadlines_by_officer: pd.DataFrame
    flows: pd.DataFrame  # flows_by_week
    decisions: pd.DataFrame  # decision_times


def dashboard(as_at: date, start: date, end: date, teams: Sequence[str] | None = None,
              officer_ids: Sequence[int] | None = None) -> Dashboard:
    """The workload dashboard's figures as at a day, for a period and the chosen teams and
    officers: the same frames as the functions above, each read once."""
    teams = list(teams) if teams else None
    officer_ids = list(officer_ids) if officer_ids else None
    with engine_for().connect() as connection:
        staff = officers(teams, officer_ids, connection)
        detail = load_by_officer_and_stage(as_at, teams, officer_ids, connection)
        found = deadlines(as_at, teams, officer_ids, connection)
        return Dashboard(
            officers=staff, load_detail=detail, load=summarise_load(detail),
            fairness=fairness_over_time(start, end, teams, officer_ids, connection=connection,
                                        staff=staff),
            deadlines=found[found["status"] != "later"].reset_index(drop=True),
            deadlines_by_officer=count_deadlines(found, staff),
            flows=flows_by_week(start, end, teams, officer_ids, connection),
            decisions=decision_times(start, end, teams, officer_ids, connection))


# --- continuity (allocation) ----------------------------------------------------------------

_KNOWN = """
SELECT c.household_id, c.assigned_officer_id AS officer_id, MIN(c.reference) AS reference
FROM cases c WHERE c.household_id IN ({households}) AND c.assigned_officer_id IS NOT NULL
GROUP BY c.household_id, c.assigned_officer_id
UNION
SELECT c.household_id, e.previous_officer_id AS officer_id, MIN(c.reference) AS reference
FROM case_event e JOIN cases c ON c.id = e.case_id
WHERE c.household_id IN ({households}) AND e.kind IN ('reassigned', 'allocated')
  AND e.previous_officer_id IS NOT NULL
GROUP BY c.household_id, e.previous_officer_id
"""


def household_officers(household_id: int, connection: Connection) -> pd.DataFrame:
    """Officers who hold or held a case of the household (current holders, and holders before
    a reassignment), with a case reference to quote."""
    frame = _frame(_KNOWN.format(households=":household_id"), connection, household_id=household_id)
    return frame[["officer_id", "reference"]]


def households_officers_of_holder(officer_id: int, connection: Connection) -> pd.DataFrame:
    """`household_officers` for every household whose open case an officer holds, in one
    query (household_id, officer_id, reference): an absent officer's reallocation plan."""
    return _frame(_KNOWN.format(households="SELECT h.household_id FROM cases h WHERE h.status = 'open' "
                                           "AND h.assigned_officer_id = :holder_id"),
                  connection, holder_id=officer_id)
