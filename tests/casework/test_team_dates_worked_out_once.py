"""A senior's Dates due, Compliance and the case lists' "What is due" filter at a large council
(issue 14): the team's dates are worked out once for the day, not once a tab, a window, a
filter or a page, and worked out again after a save."""

from __future__ import annotations

import pytest

from logic.casework import views as views_casework
from pages import _ui
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


@pytest.fixture
def team_readings(monkeypatch) -> list[int]:
    """How many times the team's casework rows are read (each reading of every open case)."""
    readings: list[int] = []
    real = views_casework.snapshots

    def counted(session, cases, today, **kwargs):
        readings.append(len(cases))
        return real(session, cases, today, **kwargs)

    monkeypatch.setattr(views_casework, "snapshots", counted)
    _ui.forget_cached_views()
    return readings


def test_a_senior_looking_at_their_own_and_the_teams_dates_over_two_windows_reads_the_team_once(team_readings):
    app = signed_in_app("senior")
    app.switch_page("pages/deadlines.py")
    app.run()
    assert not app.exception
    assert [t.label for t in app.tabs] == ["My cases", "Team"]
    mine, team = (len(app.dataframe(key=k).value) for k in ("deadlines_mine", "deadlines_team"))
    assert 0 < mine < team
    app.slider(key="deadlines_within").set_value(30)
    app.run()
    assert len(app.dataframe(key="deadlines_team").value) >= team
    assert len(team_readings) == 1


def test_compliance_is_read_once_until_a_save_then_again(team_readings):
    app = signed_in_app("senior")
    app.switch_page("pages/compliance.py")
    app.run()
    assert not app.exception
    app.run()
    assert len(team_readings) == 1
    _ui.run_service(lambda: "a saved change", success="Saved.")  # any save through a screen
    app.run()
    assert len(team_readings) == 2


def test_turning_the_pages_of_the_overdue_cases_does_not_work_the_dates_out_again(team_readings):
    app = signed_in_app("senior")
    app.switch_page("pages/open_cases.py")
    app.run()
    app.selectbox(key="open_cases_due").set_value("due_14_days")
    app.run()
    assert not app.exception
    first = app.dataframe(key="open_cases_table").value["reference"].tolist()
    app.selectbox(key="open_cases_page_size").set_value(25)
    app.run()
    app.switch_page("pages/deadlines.py")  # the same day's dates on Dates due
    app.run()
    assert not app.exception
    assert first and len(team_readings) == 1


def test_the_teams_dates_come_fifty_at_a_time_most_urgent_first_with_the_counts_of_all():
    from tests.conftest import DEMO_DAY

    every = views_casework.due_and_overdue(today=DEMO_DAY, within_days=14)
    assert len(every) > 50
    app = signed_in_app("senior")
    app.switch_page("pages/deadlines.py")
    app.run()
    team = app.dataframe(key="deadlines_team").value
    assert team["reference"].tolist() == every["reference"].head(50).tolist()
    assert f"Dates 1–50 of {len(every):,}." in [c.value for c in app.caption]
    overdue = next(m for m in app.tabs[1].metric if m.label == "Overdue")  # the Team tab
    assert int(overdue.value) == int((every["status"] == "overdue").sum())  # counted over them all
    app.button(key="deadlines_team_next").click()
    app.run()
    assert app.dataframe(key="deadlines_team").value["reference"].tolist() == \
        every["reference"].iloc[50:100].tolist()


def test_a_senior_narrows_compliance_to_one_officers_problems_of_one_kind():
    from tests.conftest import DEMO_DAY

    every = views_casework.compliance_problems(today=DEMO_DAY)
    name = every["officer"].mode()[0]
    kind = every[every["officer"] == name]["problem"].mode()[0]
    expected = every[(every["officer"] == name) & (every["problem"] == kind)]
    app = signed_in_app("senior")
    app.switch_page("pages/compliance.py")
    app.run()
    assert int(next(m for m in app.metric if m.label == kind).value) == int((every["problem"] == kind).sum())
    assert len(app.dataframe(key="compliance_table").value) == min(50, len(every))
    app.selectbox(key="compliance_officer").set_value(name)
    app.multiselect(key="compliance_kinds").select(kind)
    app.run()
    assert not app.exception
    table = app.dataframe(key="compliance_table").value
    assert table["reference"].tolist() == expected["reference"].head(50).tolist()
    assert (f"{len(expected)} problem(s) on {expected['reference'].nunique()} case(s). "
            "Choose a row to open the case.") in [c.value for c in app.caption]
