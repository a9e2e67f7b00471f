"""The AppTest fixture of tests/pages, shared with the front-door page tests; and the clock held
at NOW (noon on TODAY) for every front-door test, whatever the machine's date."""

import pytest

from tests.front_door.helpers import NOW
from tests.pages.conftest import demo_store  # noqa: F401


@pytest.fixture(autouse=True)
def _worked_at_noon_on_today(frozen_clock) -> None:
    frozen_clock(NOW)
