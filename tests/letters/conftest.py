"""Every letters test is worked on TODAY (tests/letters/helpers.py), whatever the machine's date,
with the letters built from the case as in production (the casework providers and hooks)."""

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
    """The providers and hooks the letters service installs on import; a test that registers
    its own gets the production ones back afterwards."""
    clear_hooks()
    letter_sources.install()
    yield
    clear_hooks()
    letter_sources.install()
