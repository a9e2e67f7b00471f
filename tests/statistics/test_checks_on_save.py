"""The case's H-CLIC checks run on every save, in the save's own transaction: what the case page
and the team's list read is what the rules say of the case as saved."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session

from logic.db import engine_for, session_scope
from logic.statistics import rules, service, views
from tests.casework.helpers import TODAY, assess, days_ago, move, new_case, threatened_housing
from tests.pages.conftest import demo_store  # noqa: F401 (fixture)


def stored(case_id: int) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in views.case_problems(case_id)]


def test_an_assessment_saved_before_the_application_date_shows_the_error_at_once(team):
    case_id = new_case(team)
    assert stored(case_id) == []  # opened, not yet assessed: not yet reported
    assess(case_id, team.officer, on=days_ago(3), housing=threatened_housing(days_ago(3)))
    found = stored(case_id)
    assert ("rule 1", "The assessment is dated 20 Nov 2026, before the application on 23 Nov 2026.") in found
    # and what the H-CLIC details of the assessment leave empty, each named
    assert ("complete: main", "Where the household lived when it applied is not recorded.") in found


def test_a_save_that_puts_a_problem_right_clears_it(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=TODAY, housing=threatened_housing(TODAY))
    move(case_id, team.officer, "prevention", on=TODAY)
    with session_scope() as session:  # the officer corrects the application date's record
        session.execute(sa.text("UPDATE homelessness_assessment SET accommodation_at_application = "
                                "'private_rented_self_contained' WHERE case_id = :c"), {"c": case_id})
        service.mark_case_saved(session, case_id)
    assert ("complete: main", "Where the household lived when it applied is not recorded.") not in stored(case_id)


def test_a_refused_save_leaves_the_stored_problems_as_they_were(team):
    case_id = new_case(team)
    assess(case_id, team.officer, on=days_ago(1), housing=threatened_housing(days_ago(1)))
    before = stored(case_id)
    try:
        with session_scope() as session:
            service.mark_case_saved(session, case_id)
            session.execute(sa.text("DELETE FROM hclic_problem WHERE case_id = :c"), {"c": case_id})
            raise RuntimeError("the save failed")
    except RuntimeError:
        pass
    assert stored(case_id) == before


def test_stored_problems_equal_the_rules_on_every_demo_case(demo_store):  # noqa: F811
    with Session(engine_for()) as session:
        ids = [r[0] for r in session.execute(sa.text("SELECT id FROM cases ORDER BY id")).all()]
        now = service.check_cases(session, ids)
    expected = {(case_id, p.rule, p.section, p.message, p.fix_where)
                for case_id, problems in now.items() for p in problems}
    with engine_for().connect() as connection:
        rows = set(connection.execute(sa.text(
            "SELECT case_id, rule, section, message, fix_where FROM hclic_problem")).all())
    assert rows == expected
    assert expected, "the demo store has cases to fix (its casework has gaps on purpose)"
    assert all(p.section in rules.SECTIONS for problems in now.values() for p in problems)


def test_the_team_list_shows_cases_with_problems_oldest_first_a_page_at_a_time(demo_store):  # noqa: F811
    first, total = views.cases_with_problems(offset=0, size=5)
    second, _ = views.cases_with_problems(offset=5, size=5)
    assert total > 10 and len(first) == 5 and len(second) == 5
    opened = list(first["opened_on"]) + list(second["opened_on"])
    assert opened == sorted(opened)
    assert not set(first["reference"]) & set(second["reference"])


def test_the_quarter_reads_a_case_as_it_was_worked_on_either_store(team):
    # a family assessed homeless today: the quarter's return holds it, read set-based
    from tests.casework.helpers import HOMELESS

    case_id = new_case(team, children=2)
    assessment_id = assess(case_id, team.officer, on=TODAY, housing=HOMELESS)
    move(case_id, team.officer, "relief", on=TODAY)
    quarter = rules.Quarter.of(TODAY)
    [found] = [c for c in views.quarter_cases(quarter) if c.id == case_id]
    assert found.applied_on == TODAY and found.initial.duty == "relief"
    assert [d.duty for d in found.duties] == ["relief"]
    assert [m.relation for m in found.members] == ["applicant", "child", "child"]
    # the engine's grounds of priority need, read from its determination on either store
    assert views._grounds([assessment_id]) == {assessment_id: ("dependent_children",)}
