"""The dashboard's figures on a small office, against figures counted by hand (both backends).

The office (tests/workload/builders.py) on Wednesday 17 June 2026:
- Olga (1.0 FTE): HL-000001 relief, no fixed address (1.5 + 0.25) and HR-000004 register
  active (0.2): 2 cases, 1.95 points.
- Oscar (18.5 hours = 0.5 FTE): HL-000002 relief, household of six (1.5 + 0.25): 1.75 points,
  3.5 per FTE, capacity 15. He took it over from Olga on 1 May.
- Tim (trainee): HL-000003 prevention (1.0).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from logic import db
from logic.models.casework import Placement
from logic.models.front_door import SafeguardingFlag
from logic.workload import views as views_workload
from tests.workload.builders import TODAY, _case, _duty, _event, _household, at, small_office


@pytest.fixture
def office(team):
    return small_office(team)


def test_each_officers_load_counts_stage_and_complexity_against_their_capacity(team, office):
    load = views_workload.load_by_officer(TODAY).set_index("officer_id")
    assert load.loc[team.officer, "open_cases"] == 2
    assert load.loc[team.officer, "weighted_load"] == pytest.approx(1.95)
    assert load.loc[team.other_officer, "weighted_load"] == pytest.approx(1.75)
    assert load.loc[team.other_officer, "fte"] == pytest.approx(0.5)
    assert load.loc[team.other_officer, "capacity"] == pytest.approx(15.0)
    assert load.loc[team.other_officer, "load_per_fte"] == pytest.approx(3.5)
    assert load.loc[team.trainee, "weighted_load"] == pytest.approx(1.0)
    assert load.loc[team.senior, "open_cases"] == 0  # listed with nothing, not left out
    assert team.admin not in load.index


def test_the_load_is_stacked_by_stage_and_filtered_by_officer(team, office):
    olga = views_workload.load_by_officer_and_stage(TODAY, officer_ids=[team.officer])
    stages = {(r.case_type, r.stage): (r.open_cases, r.points) for r in olga.itertuples()}
    assert stages == {("homelessness", "relief"): (1, pytest.approx(1.75)),
                      ("register", "active"): (1, pytest.approx(0.2))}


def test_the_caseload_on_a_past_day_is_rebuilt_from_the_case_events(team, office):
    history = views_workload.caseload_on_days([date(2026, 4, 20), date(2026, 5, 5)])
    on = {(r.day, r.officer_id, r.case_type, r.stage): r.open_cases for r in history.itertuples()}
    # 20 April: HL-000001 still at prevention; HL-000002 still Olga's (reassigned on 1 May)
    assert {k[1:]: v for k, v in on.items() if k[0] == date(2026, 4, 20)} == {
        (team.officer, "homelessness", "prevention"): 1,
        (team.officer, "homelessness", "relief"): 1,
        (team.officer, "register", "active"): 1,
    }
    # 5 May: the advice case is open that evening; HL-000002 is now Oscar's
    assert {k[1:]: v for k, v in on.items() if k[0] == date(2026, 5, 5)} == {
        (team.officer, "homelessness", "relief"): 1,
        (team.officer, "register", "active"): 1,
        (team.officer, "advice", "advice"): 1,
        (team.other_officer, "homelessness", "relief"): 1,
    }


def test_the_fairness_figure_is_the_spread_of_load_per_fte(team, office):
    # 17 June, stage weights only: Olga 1.7, Oscar 1.5/0.5 = 3.0, Tim 1.0; mean 1.9
    spread = views_workload.fairness_over_time(date(2026, 6, 15), TODAY)
    row = spread.iloc[-1]
    assert row["day"] == TODAY and row["officers"] == 3
    assert row["mean_load_per_fte"] == pytest.approx(1.9)
    assert row["coefficient_of_variation"] == pytest.approx(0.436, abs=0.001)
    assert row["max_over_mean"] == pytest.approx(1.579, abs=0.001)


def test_approaches_preventions_and_reliefs_are_counted_by_week(team, office):
    flows = views_workload.flows_by_week(date(2026, 3, 30), date(2026, 6, 21))
    counted = {(r.week, r.measure): r.cases for r in flows.itertuples()}
    assert counted == {
        (date(2026, 3, 30), "approaches"): 1,  # HL-000001
        (date(2026, 4, 6), "approaches"): 1,  # HL-000002
        (date(2026, 4, 6), "preventions"): 1,  # HL-000001 on 8 April
        (date(2026, 4, 6), "reliefs"): 1,  # HL-000002 on 10 April
        (date(2026, 4, 20), "reliefs"): 1,  # HL-000001 on 23 April
        (date(2026, 5, 4), "approaches"): 1,  # the advice case
        (date(2026, 6, 15), "approaches"): 1,  # HL-000003
        (date(2026, 6, 15), "preventions"): 1,
    }
    oscar = views_workload.flows_by_week(date(2026, 3, 30), date(2026, 6, 21),
                                         officer_ids=[team.other_officer])
    assert sorted(oscar["measure"]) == ["approaches", "reliefs"]


def test_time_to_decision_runs_from_the_first_contact(team, office):
    decided = views_workload.decision_times(date(2026, 4, 1), TODAY).set_index("reference")
    assert decided.loc["HL-000001", "days"] == pytest.approx(9.0)  # contact 30 Mar 09:00
    assert decided.loc["HL-000001", "decision"] == "prevention"
    assert decided.loc["HL-000002", "days"] == pytest.approx(4.0)  # no contact: from opening
    assert decided.loc["HL-000003", "days"] == pytest.approx(1.0)
    assert decided.loc["HL-000003", "week"] == date(2026, 6, 15)


def test_relief_deadlines_show_as_due_this_week_and_overdue_per_officer(team, office):
    found = views_workload.deadlines(TODAY).set_index("reference")
    assert found.loc["HL-000001", "due_on"] == date(2026, 6, 17)  # 23 April + 55 days
    assert found.loc["HL-000001", "status"] == "due this week"
    assert found.loc["HL-000002", "due_on"] == date(2026, 6, 4)  # 10 April + 55 days
    assert found.loc["HL-000002", "status"] == "overdue"
    per = views_workload.deadlines_by_officer(TODAY).set_index("officer_id")
    assert per.loc[team.officer, "due this week"] == 1 and per.loc[team.officer, "overdue"] == 0
    assert per.loc[team.other_officer, "overdue"] == 1
    assert per.loc[team.trainee, "overdue"] == 0


def test_a_deadline_source_plugged_in_by_another_feature_is_shown(team, office, monkeypatch):
    import pandas as pd

    monkeypatch.setitem(views_workload._DEADLINE_SOURCES, "php_review_due",
                        lambda connection, as_at: pd.DataFrame(
                            {"case_id": [office.c3], "deadline": ["php_review_due"],
                             "due_on": [date(2026, 6, 19)]}))
    per = views_workload.deadlines_by_officer(TODAY).set_index("officer_id")
    assert per.loc[team.trainee, "due this week"] == 1


def test_a_family_in_bed_and_breakfast_with_a_safeguarding_flag_weighs_both_add_ons(team, office):
    # HL-000003 (Tim, prevention 1.0): placed in B&B (approved 16 June, not ended) and a child
    # at risk flagged on the household: 1.0 + ta_placement 0.5 + safeguarding 0.5 = 2.0.
    # What does not count: a placement only requested, one ended, a flag that was ended.
    with Session(db.engine_for()) as session:
        for status, ended_on in (("approved", None), ("requested", None),
                                 ("ended", date(2026, 6, 10))):
            session.add(Placement(case_id=office.c3, placement_type="bed_and_breakfast",
                                  address="Station Hotel", cost_per_night_pence=6500,
                                  starts_on=date(2026, 6, 16), request_reason="Sleeping in the car",
                                  requested_by_id=team.trainee, status=status,
                                  legal_basis="s188_1_interim", ended_on=ended_on))
        session.add(SafeguardingFlag(household_id=office.h3, kind="child_at_risk",
                                     details="Children's services involved", raised_by_id=team.trainee))
        session.add(SafeguardingFlag(household_id=office.h1, kind="other", details="Resolved",
                                     raised_by_id=team.officer, ended_at=at(2026, 6, 1),
                                     ended_by_id=team.officer, end_reason="Resolved"))
        session.commit()
    cases = views_workload.weighted_open_cases(TODAY).set_index("reference")
    assert cases.loc["HL-000003", "markers"] == ("safeguarding", "ta_placement")
    assert cases.loc["HL-000003", "points"] == pytest.approx(2.0)
    # the flag is the household's: its register entry (Olga, 0.2) carries it too
    assert cases.loc["HR-000004", "points"] == pytest.approx(0.7)
    # the ended flag on HL-000001's household adds nothing: relief 1.5 + no fixed address 0.25
    assert cases.loc["HL-000001", "points"] == pytest.approx(1.75)
    load = views_workload.load_by_officer(TODAY).set_index("officer_id")
    assert load.loc[team.trainee, "weighted_load"] == pytest.approx(2.0)


def test_a_relief_duty_counts_from_its_start_date_not_the_day_it_was_recorded(team, office):
    # HL-000006: the officer records on Tuesday 5 May that relief began on Friday 1 May
    with Session(db.engine_for()) as session:
        household = _household(session, "HH-000006", "6 High St", 1)
        case_id = _case(session, "HL-000006", household, "homelessness", "relief", team.officer,
                        at(2026, 4, 28))
        _event(session, case_id, team.officer, "stage_changed", at(2026, 5, 5),
               stage=["assessment", "relief"])
        _duty(session, case_id, team.officer, "relief", date(2026, 5, 1))
        session.commit()
    flows = views_workload.flows_by_week(date(2026, 4, 27), date(2026, 5, 10))
    counted = {(r.week, r.measure): r.cases for r in flows.itertuples()}
    assert counted[(date(2026, 4, 27), "reliefs")] == 1  # the week of 1 May
    assert (date(2026, 5, 4), "reliefs") not in counted
    decided = views_workload.decision_times(date(2026, 4, 27), date(2026, 5, 10)).set_index("reference")
    assert decided.loc["HL-000006", "days"] == pytest.approx(3.0)  # 28 April to 1 May
    assert decided.loc["HL-000006", "week"] == date(2026, 4, 27)
    found = views_workload.deadlines(TODAY).set_index("reference")
    assert found.loc["HL-000006", "due_on"] == date(2026, 6, 25)  # 1 May + 55 days, as casework
