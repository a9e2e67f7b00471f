"""Subject access tests are worked on the letters' TODAY, with the letters built from the case."""

from __future__ import annotations

import pytest

from tests.letters.conftest import _letters_from_the_case  # noqa: F401  (fixture)
from tests.letters.helpers import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)
