"""The public front door's tests: the clock held at noon on a fixed day."""

import pytest

from tests.front_door.helpers import NOW
from tests.pages.conftest import demo_store  # noqa: F401


@pytest.fixture(autouse=True)
def _at_noon_on_a_fixed_day(frozen_clock) -> None:
    frozen_clock(NOW)
