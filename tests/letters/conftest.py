"""Every letters test is worked on TODAY (tests/letters/helpers.py), whatever the machine's date."""

from __future__ import annotations

import pytest

from tests.letters.helpers import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)
