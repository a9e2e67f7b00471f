"""The workload screens as a manager and an officer meet them (AppTest over the demo store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from logic import navigation
from logic.workload import views as views_workload
from tests.pages.conftest import DEMO_DAY, demo_store, signed_in_app  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _only_pages_that_exist(monkeypatch):
    # While features are built side by side, the menu may name a screen whose file another
    # engineer has not written yet; these tests are about the workload screens only.
    monkeypatch.setattr(navigation, "PAGES", [p for p in navigation.PAGES if (ROOT / p.path).exists()])


def _errors(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_a_manager_sees_every_dashboard_chart_with_its_table_and_download(demo_store):  # noqa: F811
    app = signed_in_app("manager")
    app.switch_page("pages/workload_dashboard.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.title[0].value == "Workload dashboard"
    assert [s.value for s in app.subheader] == [
        "Caseload against capacity", "Fairness over time", "Deadlines due this week and overdue",
        "New approaches, preventions and reliefs by week", "Time from first contact to decision"]
    assert len(app.get("plotly_chart")) == 5
    assert len(app.get("download_button")) == 5
    load_table = app.dataframe[0].value
    expected = views_workload.load_by_officer(DEMO_DAY)
    assert sorted(load_table["officer"]) == sorted(expected["officer"])
    assert load_table["open_cases"].sum() == expected["open_cases"].sum() > 0


def test_filtering_the_dashboard_to_one_officer_narrows_every_table(demo_store):  # noqa: F811
    app = signed_in_app("manager")
    app.switch_page("pages/workload_dashboard.py")
    app.run()
    olu = views_workload.officers().query("officer == 'Olu Adeyemi'").iloc[0]["officer_id"]
    app.multiselect(key="workload_officers").select(olu)
    app.run()
    assert not app.exception, _errors(app)
    assert list(app.dataframe[0].value["officer"]) == ["Olu Adeyemi"]
    deadlines = app.dataframe[2].value
    assert set(deadlines["officer"]) <= {"Olu Adeyemi"}


def test_a_senior_allocates_an_unallocated_case_from_the_ranked_suggestions(demo_store):  # noqa: F811
    from logic.workload.seed import open_unallocated_demo_cases

    open_unallocated_demo_cases(count=1)
    waiting_before = len(views_workload.unallocated_cases())
    app = signed_in_app("senior")
    app.switch_page("pages/allocation.py")
    app.run()
    assert not app.exception, _errors(app)
    ranking = app.dataframe[1].value
    assert ranking.iloc[0]["Rank"] == "1" and ranking.iloc[0]["Why"].startswith("Ranked 1 of")
    app.button(key="FormSubmitter:allocate_form-Allocate").click()
    app.run()
    assert not app.exception, _errors(app)
    assert "allocated" in app.success[0].value
    # the first case waiting was allocated; any others still wait
    assert len(views_workload.unallocated_cases()) == waiting_before - 1


def test_an_officer_books_leave_on_their_own_profile(demo_store):  # noqa: F811
    app = signed_in_app("officer")
    app.switch_page("pages/officer_profile.py")
    app.run()
    assert app.title[0].value.startswith("Officer profile")
    app.button(key="FormSubmitter:absence_add_form-Book absence").click()
    app.run()
    assert not app.exception, _errors(app)
    assert app.success[0].value == "Absence booked."
    absences = app.dataframe[0].value
    assert (absences["Kind"] == "Leave").sum() == 1  # the leave just booked, beside any seeded
    # an officer sees only their own profile: no officer picker
    assert not [s for s in app.selectbox if s.key == "profile_officer_pick"]


def test_a_senior_who_allocates_a_case_sees_it_counted_on_the_dashboard_straight_away(demo_store):  # noqa: F811
    # the dashboard's figures are kept between reruns; a write through the screens forgets them
    from logic.workload.seed import open_unallocated_demo_cases

    open_unallocated_demo_cases(count=1)
    app = signed_in_app("senior")
    app.switch_page("pages/workload_dashboard.py")
    app.run()
    before = app.dataframe[0].value["open_cases"].sum()
    app.run()  # a rerun (a click on a filter, a tab) reads the kept figures: the same table
    assert app.dataframe[0].value["open_cases"].sum() == before
    app.switch_page("pages/allocation.py")
    app.run()
    app.button(key="FormSubmitter:allocate_form-Allocate").click()
    app.run()
    assert "allocated" in app.success[0].value
    app.switch_page("pages/workload_dashboard.py")
    app.run()
    assert not app.exception, _errors(app)
    assert app.dataframe[0].value["open_cases"].sum() == before + 1
