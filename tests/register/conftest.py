"""The clock held at TODAY (tests/register/helpers.py) for every register test; the register
screens' AppTest tests use the same seeded demo store as tests/pages."""

from __future__ import annotations

import pytest

from tests.pages.conftest import demo_store  # noqa: F401  (a fixture, shared)
from tests.register.helpers import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)

