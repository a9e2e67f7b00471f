"""Every H-CLIC test is worked on the casework tests' day (the demo store's day too)."""

from __future__ import annotations

import pytest

from tests.casework.helpers import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)
