"""Twenty officers at once for two minutes (LOAD_SECONDS, default 120) on the real app: sign in,
open a case, save a note, preview and issue a letter, again and again. No error, no lost write;
the report (actions, errors, lost writes, median and slowest page time) is printed and written
to test-artifacts/load/report.txt. `make load` runs this at 120 s (tests/browser/load.py)."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, chromium_executable
from tests.browser.load import OFFICERS, REPORT, run_load

pytestmark = pytest.mark.browser


def test_twenty_officers_at_once_lose_nothing_and_see_no_error(tmp_path_factory) -> None:
    seconds = float(os.environ.get("LOAD_SECONDS", "120"))
    result = run_load(tmp_path_factory.mktemp("load"), seconds=seconds, officers=OFFICERS,
                      executable=chromium_executable(), args=CHROMIUM_ARGS)
    print(f"\n{result.text()}(written to {REPORT})")
    confirmed = [c for c in result.clients if c.letters and c.notes]
    assert len(confirmed) == OFFICERS, result.text()  # every officer got work done
    assert result.errors == [], result.text()
    assert result.lost_writes == [], result.text()
