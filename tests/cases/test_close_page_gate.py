"""From the case record, closing a homelessness case while its relief duty is owed is refused:
the screen says the duty must be ended first (with its notice), and the case stays open."""

from __future__ import annotations

import sqlalchemy as sa

from logic.db import engine_for
from tests.pages.conftest import demo_store, signed_in_app  # noqa: F401  (fixture)


def test_closing_a_relief_case_is_refused_until_the_duty_is_ended(demo_store):  # noqa: F811
    with engine_for().connect() as c:
        reference = c.execute(sa.text(
            "SELECT reference FROM cases WHERE case_type = 'homelessness' AND stage = 'relief' "
            "AND status = 'open' ORDER BY id LIMIT 1")).scalar_one()
    senior = signed_in_app("senior")
    senior.query_params["ref"] = reference
    senior.switch_page("pages/case_record.py")
    senior.run()
    senior.text_input(key="close_reason").input("Moved in with family")
    senior.button(key="FormSubmitter:close_case_form-Close case").click()
    senior.run()
    errors = [e.value for e in senior.error]
    assert any(e.startswith("The relief duty (s.189B(2)) is still owed") and "end it first" in e
               for e in errors), errors
    with engine_for().connect() as c:
        assert c.execute(sa.text("SELECT status FROM cases WHERE reference = :r"),
                         {"r": reference}).scalar_one() == "open"
