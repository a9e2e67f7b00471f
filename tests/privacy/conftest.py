"""Every privacy test is worked on TODAY (tests/letters/helpers.py), with letters built from the
case as in production, so the cases removed carry letters, reviews and decisions."""

from __future__ import annotations

import pytest

from logic.casework import letter_sources
from logic.letters.catalogue import clear_hooks
from tests.letters.helpers import TODAY


@pytest.fixture(autouse=True)
def _worked_on_today(frozen_clock) -> None:
    frozen_clock(TODAY)


@pytest.fixture(autouse=True)
def _letters_from_the_case():
    clear_hooks()
    letter_sources.install()
    yield
    clear_hooks()
    letter_sources.install()
