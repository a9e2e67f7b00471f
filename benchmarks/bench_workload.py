"""Workload dashboard queries on a large store: 50 officers, 20,000 cases, 200,000 events.

Target (stated in README, Workload and allocation): each dashboard query answers in under
500 ms on DuckDB (median of three runs after one warm-up), so the dashboard's five charts and
their filters redraw in a few seconds for a large council's two years of casework.

The store is made by the real migrations, then filled in bulk through DuckDB from pandas
frames (the ORM would take minutes, see stack notes). Run with `make bench`.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

import duckdb
import pandas as pd
import pytest

from logic import config, db
from logic.workload import views as views_workload

OFFICERS, CASES, EVENTS = 50, 20_000, 200_000
BUDGET_MS = 500.0
TODAY = date(2026, 6, 17)
STAGES = ["assessment", "prevention", "relief", "main_duty_decision", "main_duty"]


def _frames(rng: random.Random) -> dict[str, pd.DataFrame]:
    start = datetime(2024, 6, 17, tzinfo=UTC)
    span = (datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) - start).total_seconds()
    officers = pd.DataFrame({
        "id": range(1, OFFICERS + 1),
        "username": [f"officer{i}" for i in range(1, OFFICERS + 1)],
        "full_name": [f"Officer {i:02d}" for i in range(1, OFFICERS + 1)],
        "role": ["trainee"] * 4 + ["senior"] * 4 + ["manager"] * 2 + ["officer"] * (OFFICERS - 10),
        "team": [["North", "South", "Central"][i % 3] for i in range(OFFICERS)],
        "active": True,
        "hours_per_week": [rng.choice([37.0, 37.0, 37.0, 30.0, 22.5]) for _ in range(OFFICERS)],
        "started_on": [TODAY - timedelta(days=rng.randrange(150, 3000)) for _ in range(OFFICERS)],
        "created_at": start, "version": 1,
    })
    holders = [i for i, role in zip(officers["id"], officers["role"], strict=True) if role != "manager"]
    households, people, cases, contacts, events = [], [], [], [], []
    for case_id in range(1, CASES + 1):
        opened = start + timedelta(seconds=rng.random() * span)
        case_type = rng.choices(["homelessness", "advice", "register"], [70, 15, 15])[0]
        holder = rng.choice(holders)
        households.append((case_id, f"HH-{case_id:06d}", None if rng.random() < 0.1 else "1 Road",
                           opened, 1))
        for member in range(rng.choice([1, 1, 2, 3, 4, 6])):
            people.append((len(people) + 1, case_id, "applicant" if member == 0 else "child",
                           "Given", "Family", date(1980, 1, 1), "F", False))
        contacts.append((case_id, case_id, case_id, "phone", "Approach",
                         holder, opened - timedelta(hours=rng.randrange(1, 72))))
        events.append((case_id, opened, holder, "case_opened", "opened", None))
        moment, stage = opened, {"homelessness": "assessment", "advice": "advice",
                                 "register": "application"}[case_type]
        if case_type == "homelessness":
            for next_stage in STAGES[1:rng.randrange(1, 5)]:
                moment += timedelta(days=rng.randrange(2, 40))
                events.append((case_id, moment, holder, "stage_changed", "stage",
                               json.dumps({"stage": [stage, next_stage]})))
                stage = next_stage
        if rng.random() < 0.3:
            moment += timedelta(days=rng.randrange(1, 30))
            new_holder = rng.choice(holders)
            events.append((case_id, moment, 1, "reassigned", "reassigned",
                           json.dumps({"assigned_officer_id": [holder, new_holder]})))
            holder = new_holder
        closed = None
        if moment + timedelta(days=90) < datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) \
                and rng.random() < 0.7:
            closed = moment + timedelta(days=rng.randrange(1, 60))
            events.append((case_id, closed, holder, "case_closed", "closed", None))
        cases.append((case_id, f"HL-{case_id:06d}", case_id, case_type, "closed" if closed else "open",
                      stage, holder, opened, closed, 1))
    while len(events) < EVENTS:  # notes and the like fill the history to 200,000 events
        case_id = rng.randrange(1, CASES + 1)
        events.append((case_id, cases[case_id - 1][7] + timedelta(days=rng.randrange(0, 60)),
                       cases[case_id - 1][6], "note_added", "note", None))
    events_frame = pd.DataFrame(events, columns=["case_id", "occurred_at", "actor_id", "kind",
                                                 "summary", "changes"])
    events_frame.insert(0, "id", range(1, len(events_frame) + 1))
    return {
        "officer": officers,
        "household": pd.DataFrame(households, columns=["id", "reference", "address_line1",
                                                       "created_at", "version"]),
        "person": pd.DataFrame(people, columns=["id", "household_id", "relation", "given_name",
                                                "family_name", "dob", "sex", "pregnant"]),
        "cases": pd.DataFrame(cases, columns=["id", "reference", "household_id", "case_type",
                                              "status", "stage", "assigned_officer_id",
                                              "opened_at", "closed_at", "version"]),
        "contact": pd.DataFrame(contacts, columns=["id", "household_id", "case_id", "channel",
                                                   "summary", "taken_by_id", "occurred_at"]),
        "case_event": events_frame,
    }


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    from logic.store import migrate

    path = tmp_path_factory.mktemp("bench") / "hearth.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("HEARTH_DATABASE_URL", f"duckdb:///{path}")
    config.reload_settings()
    db.dispose_engines()
    migrate()
    db.dispose_engines()
    began = time.perf_counter()
    frames = _frames(random.Random(7))
    made = time.perf_counter()
    connection = duckdb.connect(str(path))
    for table, frame in frames.items():  # order respects the foreign keys
        connection.register("frame", frame)
        columns = ", ".join(frame.columns)
        connection.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM frame")
        connection.unregister("frame")
    connection.close()
    print(f"\ngenerated in {made - began:.1f} s, bulk-loaded in {time.perf_counter() - made:.1f} s: "
          f"{OFFICERS} officers, {len(frames['cases'])} cases, {len(frames['case_event'])} events")
    yield path
    db.dispose_engines()
    mp.undo()
    config.reload_settings()


QUERIES = {
    "load_by_officer": lambda: views_workload.load_by_officer(TODAY),
    "load_by_officer_and_stage": lambda: views_workload.load_by_officer_and_stage(TODAY),
    "fairness_over_time (26 weeks)": lambda: views_workload.fairness_over_time(
        TODAY - timedelta(weeks=26), TODAY),
    "deadlines_by_officer": lambda: views_workload.deadlines_by_officer(TODAY),
    "flows_by_week (26 weeks)": lambda: views_workload.flows_by_week(TODAY - timedelta(weeks=26), TODAY),
    "decision_times (26 weeks)": lambda: views_workload.decision_times(TODAY - timedelta(weeks=26), TODAY),
    "load_by_officer, one team": lambda: views_workload.load_by_officer(TODAY, ["North"]),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_each_dashboard_query_answers_within_budget(big_store, name):
    query = QUERIES[name]
    result = query()  # warm-up: first connection, policy files, plan caches
    assert len(result) > 0
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        query()
        timings.append((time.perf_counter() - began) * 1000)
    median = statistics.median(timings)
    print(f"\n{name:34s} median {median:7.1f} ms (runs: {', '.join(f'{t:.0f}' for t in timings)}; "
          f"budget {BUDGET_MS:.0f} ms)")
    assert median < BUDGET_MS, f"{name} took {median:.0f} ms, over the {BUDGET_MS:.0f} ms budget"
