"""Screens show codes in the officers' words (from logic.common.codes), never the stored code."""

from __future__ import annotations

from logic.cases import views
from logic.common import codes
from tests.pages.conftest import signed_in_app


def _problems(app) -> list[str]:
    return [e.value for e in app.error] + [str(e.value) for e in app.exception]


def test_all_open_cases_names_each_case_type_and_stage_in_words(demo_store):
    stored = views.open_cases()
    assert "main_duty_decision" in set(stored["stage"])  # the store has the case this is about

    app = signed_in_app("officer")
    app.switch_page("pages/open_cases.py")
    app.run()
    app.selectbox(key="open_cases_page_size").set_value(100)  # the list comes a page at a time
    app.run()
    assert not app.exception, _problems(app)
    shown = app.dataframe[0].value
    assert len(stored) <= 100

    assert "Main duty decision due" in set(shown["stage"])
    assert "main_duty_decision" not in set(shown["stage"])
    assert set(shown["case_type"]) <= {"Advice", "Homelessness", "Housing register"}
    assert list(shown["stage"]) == [codes.stage_label(t, s)
                                    for t, s in zip(stored["case_type"], stored["stage"], strict=True)]


def test_the_team_caseload_heads_its_columns_with_stage_labels_and_names_roles(demo_store):
    app = signed_in_app("manager")
    app.switch_page("pages/team_caseload.py")
    app.run()
    assert not app.exception, _problems(app)
    table = app.dataframe[0].value

    assert "Homelessness · Relief duty" in table.columns
    assert not [c for c in table.columns if "_" in str(c) and c != "hours_per_week"]
    assert set(table["role"]) <= set(codes.ROLES.options().values())
    assert "Senior officer" in set(table["role"])
