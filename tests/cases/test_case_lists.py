"""A team lead narrows the open cases to what needs them, a page at a time."""

from __future__ import annotations

import pytest

from logic import clock
from logic.cases import views
from logic.casework.views import due_and_overdue
from tests.pages.conftest import demo_store  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("demo_store")


def test_the_open_cases_come_a_page_at_a_time_and_the_pages_add_up_to_the_list():
    every = views.open_cases()
    first = views.case_list(limit=10, offset=0)
    second = views.case_list(limit=10, offset=10)
    assert first.total == second.total == len(every) > 20
    assert len(first.cases) == len(second.cases) == 10
    assert first.has_next and not first.has_previous and second.has_previous
    assert list(first.cases["reference"]) + list(second.cases["reference"]) == list(every["reference"][:20])


def test_an_officers_prevention_cases_are_listed_and_nothing_else():
    every = views.open_cases("homelessness")
    officer_id = int(every[every["stage"] == "prevention"]["assigned_officer_id"].mode()[0])
    page = views.case_list(officer_id=officer_id, case_type="homelessness", stage="prevention", limit=100)
    expected = every[(every["stage"] == "prevention") & (every["assigned_officer_id"] == officer_id)]
    assert page.total == len(expected) > 0
    assert list(page.cases["reference"]) == list(expected["reference"])


def test_the_overdue_filter_lists_exactly_the_cases_with_a_date_overdue():
    overdue = due_and_overdue(today=clock.today(), within_days=0)
    overdue = set(overdue[overdue["status"] == "overdue"]["reference"])
    page = views.case_list(due="overdue", limit=500)
    assert overdue, "the demo store has overdue dates"
    assert set(page.cases["reference"]) == overdue and page.total == len(overdue)
