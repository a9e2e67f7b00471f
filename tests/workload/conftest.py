"""Every workload test is worked on TODAY (tests/workload/builders.py), whatever the machine's date."""

from __future__ import annotations

import pytest

from tests.workload.builders import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)
