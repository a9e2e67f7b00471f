"""The case lists on screen: narrowed by stage, officer and what is due, a page at a time."""

from __future__ import annotations

import pytest

from logic.cases import views
from pages import _keys
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def _caption(app) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Cases "))


def test_all_open_cases_page_forward_and_back():
    total = len(views.open_cases())
    app = signed_in_app("senior")
    app.switch_page("pages/open_cases.py")
    app.run()
    assert not app.exception
    assert _caption(app) == f"Cases 1–25 of {total}."
    assert len(app.dataframe[0].value) == 25
    app.button(key="open_cases_next").click()
    app.run()
    assert _caption(app) == f"Cases 26–50 of {total}."
    app.button(key="open_cases_previous").click()
    app.run()
    assert _caption(app) == f"Cases 1–25 of {total}."


def test_the_team_lead_narrows_the_list_to_one_officers_prevention_cases():
    every = views.open_cases("homelessness")
    prevention = every[every["stage"] == "prevention"]
    officer_id = int(prevention["assigned_officer_id"].mode()[0])
    expected = prevention[prevention["assigned_officer_id"] == officer_id]
    app = signed_in_app("senior")
    app.switch_page("pages/open_cases.py")
    app.run()
    app.button(key="open_cases_next").click()  # a changed filter starts again at its first page
    app.run()
    app.selectbox(key="open_cases_type").set_value("homelessness")
    app.run()
    app.selectbox(key="open_cases_stage_homelessness").set_value("prevention")
    app.selectbox(key="open_cases_officer").set_value(officer_id)
    app.run()
    assert not app.exception
    shown = app.dataframe[0].value
    assert _caption(app) == f"Cases 1–{len(expected)} of {len(expected)}."
    assert list(shown["reference"]) == list(expected["reference"])
    assert set(shown["stage"]) == {"Prevention duty"}


def test_an_officer_sees_only_their_overdue_cases_when_they_ask():
    from logic import clock
    from logic.casework.views import due_and_overdue

    app = signed_in_app("officer")
    officer_id = app.session_state[_keys.OFFICER].id
    dates = due_and_overdue(today=clock.today(), officer_id=officer_id, within_days=0)
    overdue = sorted(set(dates[dates["status"] == "overdue"]["reference"]))
    assert overdue, "the demo officer has a date overdue"
    app.switch_page("pages/my_cases.py")
    app.run()
    app.selectbox(key="my_cases_due").set_value("overdue")
    app.run()
    assert not app.exception
    assert sorted(app.dataframe[0].value["reference"]) == overdue
    assert len(app.dataframe[0].value) < len(views.caseload(officer_id))


def test_going_back_to_a_page_already_seen_today_does_not_ask_the_store_again(monkeypatch):
    """A large council's lists (issue 14): each page is read once for the day, until a save."""
    from pages import _ui

    reads: list[str] = []
    real = views._frame

    def counted(sql: str, **params):
        if "FROM cases c" in sql:
            reads.append(sql)
        return real(sql, **params)

    monkeypatch.setattr(views, "_frame", counted)
    _ui.forget_cached_views()
    app = signed_in_app("senior")
    app.switch_page("pages/open_cases.py")
    app.run()
    first = app.dataframe(key="open_cases_table").value["reference"].tolist()
    app.button(key="open_cases_next").click()
    app.run()
    read_two_pages = len(reads)
    app.button(key="open_cases_previous").click()
    app.run()
    assert app.dataframe(key="open_cases_table").value["reference"].tolist() == first
    assert len(reads) == read_two_pages  # the first page again, from the day's reading
    _ui.run_service(lambda: "a saved change", success="Saved.")
    app.run()
    assert len(reads) > read_two_pages  # after a save, the list is read from the store again
