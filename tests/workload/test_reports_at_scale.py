"""The workload reports at a large council's size (issue 14): each figure read once, added up
in the store, and the history read from typed columns, with the same answers as before.

The set-based readings are held to the rules they replace on every case of the demo store:
the load against `weigh_cases` case by case, the caseload history against a replay of each
case's own events in Python.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from logic import db
from logic.cases.service import reassign_case
from logic.clock import LONDON
from logic.models import CaseEvent, HousingCase
from logic.workload import views as views_workload
from logic.workload.policy import workload_policy_as_at
from tests.pages.conftest import DEMO_DAY, demo_store  # noqa: F401
from tests.workload.builders import TODAY, small_office


@pytest.fixture
def office(team):
    return small_office(team)


def test_the_dashboard_reads_every_figure_once_with_the_same_answers_as_each_report(team, office):
    start = TODAY - timedelta(weeks=12)
    figures = views_workload.dashboard(TODAY, start, TODAY)

    pd.testing.assert_frame_equal(figures.load, views_workload.load_by_officer(TODAY))
    pd.testing.assert_frame_equal(figures.load_detail, views_workload.load_by_officer_and_stage(TODAY))
    pd.testing.assert_frame_equal(figures.fairness, views_workload.fairness_over_time(start, TODAY))
    pd.testing.assert_frame_equal(figures.deadlines_by_officer, views_workload.deadlines_by_officer(TODAY))
    listed = views_workload.deadlines(TODAY)
    pd.testing.assert_frame_equal(figures.deadlines,
                                  listed[listed["status"] != "later"].reset_index(drop=True))
    pd.testing.assert_frame_equal(figures.flows, views_workload.flows_by_week(start, TODAY))
    pd.testing.assert_frame_equal(figures.decisions, views_workload.decision_times(start, TODAY))
    # Oscar's filter narrows every figure
    oscar = views_workload.dashboard(TODAY, start, TODAY, officer_ids=(team.other_officer,))
    assert set(oscar.load["officer_id"]) == {team.other_officer}
    assert set(oscar.deadlines["reference"]) == {"HL-000002"}


def test_a_reassignment_keeps_the_officer_it_was_taken_from_in_a_typed_column(team, office):
    with Session(db.engine_for()) as session:
        version = session.get(HousingCase, office.c3).version
    reassign_case(case_id=office.c3, expected_version=version, actor_id=team.senior,
                  to_officer_id=team.officer, reason="Tim is on leave for a month")
    with Session(db.engine_for()) as session:
        event = session.exec(sa.select(CaseEvent).where(
            CaseEvent.case_id == office.c3, CaseEvent.kind == "reassigned")).scalars().one()
    assert event.previous_officer_id == team.trainee
    assert json.loads(event.changes)["assigned_officer_id"][0] == team.trainee
    # and the history reads it: on 16 June the case was still Tim's
    before = views_workload.caseload_on_days([date(2026, 6, 16)])
    assert set(before[before["officer_id"] == team.trainee]["stage"]) == {"prevention"}


def test_the_load_added_up_in_the_store_equals_each_demo_case_weighed_by_the_rules(demo_store):  # noqa: F811
    with db.engine_for().connect() as connection:
        policy = workload_policy_as_at(DEMO_DAY)
        cases = views_workload.weigh_cases(
            views_workload.open_cases(connection=connection),
            views_workload.case_markers(connection, policy, DEMO_DAY), policy)
        added = views_workload.open_load(DEMO_DAY, connection=connection)
    by_hand = (cases.groupby(["officer_id", "case_type", "stage"], as_index=False)
               .agg(open_cases=("case_id", "count"), points=("points", "sum")))
    assert len(by_hand) > 10 and by_hand["points"].sum() > 0
    both = by_hand.merge(added, on=["officer_id", "case_type", "stage"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all()
    assert (both["open_cases_x"] == both["open_cases_y"]).all()
    assert both["points_x"].to_numpy() == pytest.approx(both["points_y"].to_numpy())


def _replayed(day_end: datetime) -> dict[tuple, int]:
    """Each demo case's holder and stage at a moment, by replaying its own events' JSON: the
    before value of the first change after the moment, or today's value."""
    with db.engine_for().connect() as connection:
        cases = connection.execute(sa.text(
            "SELECT c.id, c.case_type, c.stage, c.assigned_officer_id, c.opened_at, c.closed_at "
            "FROM cases c")).all()
        events = connection.execute(sa.text(
            "SELECT case_id, kind, occurred_at, id, changes FROM case_event "
            "WHERE kind IN ('reassigned', 'allocated', 'stage_changed') ORDER BY occurred_at, id")).all()
        roles = dict(connection.execute(sa.text("SELECT id, role FROM officer")).all())
    later: dict[int, list] = {}
    for event in events:
        if event.occurred_at > day_end:
            later.setdefault(event.case_id, []).append(event)
    counted: dict[tuple, int] = {}
    for case in cases:
        if case.opened_at > day_end or (case.closed_at is not None and case.closed_at <= day_end):
            continue
        holder, stage = case.assigned_officer_id, case.stage
        holder_found = stage_found = False
        for event in later.get(case.id, ()):
            changes = json.loads(event.changes)
            if event.kind == "stage_changed" and not stage_found:
                stage, stage_found = changes["stage"][0], True
            if event.kind in ("reassigned", "allocated") and not holder_found:
                holder, holder_found = changes["assigned_officer_id"][0], True
        if holder is None or roles.get(holder) == "admin":
            continue
        key = (holder, case.case_type, stage)
        counted[key] = counted.get(key, 0) + 1
    return counted


def test_the_caseload_history_from_typed_columns_equals_replaying_every_demo_cases_events(demo_store):  # noqa: F811
    with db.engine_for().connect() as connection:
        moved = connection.execute(sa.text(
            "SELECT count(*) FROM case_event WHERE kind IN ('reassigned', 'allocated', 'stage_changed')"
        )).scalar_one()
    assert moved > 20  # the demo store's cases do change hands and stages
    days = [DEMO_DAY - timedelta(days=n) for n in (0, 3, 10, 30, 90, 200)]
    history = views_workload.caseload_on_days(days)
    for day in days:
        day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=LONDON).astimezone(UTC)
        on_day = history[history["day"] == day]
        rebuilt = {(int(r.officer_id), r.case_type, r.stage): int(r.open_cases) for r in on_day.itertuples()}
        assert rebuilt == _replayed(day_end), day


def test_an_absent_officers_households_are_known_in_one_query_as_household_by_household(demo_store):  # noqa: F811
    with db.engine_for().connect() as connection:
        holders = [r[0] for r in connection.execute(sa.text(
            "SELECT DISTINCT assigned_officer_id FROM cases WHERE status = 'open' "
            "AND assigned_officer_id IS NOT NULL"))]
        assert len(holders) > 3
        for holder in holders:
            together = views_workload.households_officers_of_holder(holder, connection)
            households = [r[0] for r in connection.execute(sa.text(
                "SELECT DISTINCT household_id FROM cases WHERE status = 'open' "
                "AND assigned_officer_id = :o"), {"o": holder})]
            assert set(together["household_id"]) <= set(households)
            for household in households:
                one = views_workload.household_officers(household, connection)
                mine = together[together["household_id"] == household]
                assert (sorted(zip(mine["officer_id"], mine["reference"], strict=True))
                        == sorted(zip(one["officer_id"], one["reference"], strict=True))), (holder, household)
