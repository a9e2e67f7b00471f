"""From the case record, a senior cannot hand a relief case to a trainee whose level does not
cover it: the screen says why, in the words of the council's workload policy."""

from __future__ import annotations

import sqlalchemy as sa

from logic.db import engine_for
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def test_a_senior_reassigning_a_relief_case_to_a_prevention_level_trainee_is_told_why(demo_store):  # noqa: F811
    with engine_for().connect() as c:
        reference, holder = c.execute(sa.text(
            "SELECT reference, assigned_officer_id FROM cases WHERE case_type = 'homelessness' AND stage = 'relief' "
            "AND status = 'open' AND assigned_officer_id IS NOT NULL ORDER BY id LIMIT 1")).one()
        tara = c.execute(sa.text("SELECT id FROM officer WHERE username = 'tara.trainee'")).scalar_one()
    senior = signed_in_app("senior")
    senior.query_params["ref"] = reference
    senior.switch_page("pages/case_record.py")
    senior.run()
    senior.selectbox(key="reassign_to").set_value(tara)
    senior.text_input(key="reassign_reason").input("Tara has room this week")
    senior.button(key="FormSubmitter:reassign_form-Reassign").click()
    senior.run()
    errors = [e.value for e in senior.error]
    assert any(e.startswith("Reassign to: Tara Okafor cannot take this case:") and "para 6.2" in e
               and "relief duty" in e for e in errors), errors
    with engine_for().connect() as c:
        assert c.execute(sa.text("SELECT assigned_officer_id FROM cases WHERE reference = :r"),
                         {"r": reference}).scalar_one() == holder
