"""Every H-CLIC test is worked on the casework tests' day (the demo store's day too)."""

from __future__ import annotations

import pytest

from tests.casework.helpers import TODAY
from tests.pages.conftest import demo_store  # noqa: F401 (fixture, for case_to_fix)


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)


@pytest.fixture
def case_to_fix(demo_store) -> str:  # noqa: F811
    """A demo case with a problem the return refuses, made as an officer makes it: assessed
    three days before the case was opened. Returns its reference."""
    from types import SimpleNamespace

    from sqlmodel import Session, select

    from logic.cases import service as cases
    from logic.db import engine_for
    from logic.models import Officer
    from tests.casework.helpers import assess, days_ago, new_case, threatened_housing

    with Session(engine_for()) as session:
        officer = session.exec(select(Officer).where(Officer.username == "olu.officer")).one().id
    case_id = new_case(SimpleNamespace(officer=officer))
    assess(case_id, officer, on=days_ago(3), housing=threatened_housing(days_ago(3)))
    return cases.open_case_record(case_id=case_id, viewer_id=officer).reference
