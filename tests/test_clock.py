"""Hearth's one clock: the office's date in Europe/London, and nothing else reading the time."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from logic import clock
from logic.models import utc_now

ROOT = Path(__file__).resolve().parents[1]

# Calls that read the machine's clock. Only logic/clock.py may make them.
_CLOCK_READS = {("date", "today"), ("datetime", "today"), ("datetime", "now"),
                ("datetime", "utcnow"), ("time", "time"), ("Timestamp", "now"),
                ("Timestamp", "today")}


def clock_reads(source: str) -> list[str]:
    """Where `source` reads the machine's clock: `date.today()`, `datetime.now(UTC)`,
    `default_factory=date.today`, `datetime.datetime.now()`... (comments and strings aside)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", None)
        if (name, node.attr) in _CLOCK_READS:
            found.append((node.lineno, node.col_offset, f"line {node.lineno}: {name}.{node.attr}"))
    return [where for *_, where in sorted(found)]


def _modules() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "logic").rglob("*.py")),
            *sorted((ROOT / "pages").rglob("*.py"))]


# --- the date on the office wall ---------------------------------------------------------------

def test_half_past_eleven_at_night_utc_in_summer_is_already_tomorrow_in_london():
    with clock.fixed(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 7, 1)
        assert clock.london_now().strftime("%H:%M") == "00:30"
        assert clock.now() == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)


def test_half_past_eleven_at_night_utc_in_winter_is_still_the_same_day_in_london():
    with clock.fixed(datetime(2026, 1, 15, 23, 30, tzinfo=UTC)):
        assert clock.today() == date(2026, 1, 15)
        assert clock.london_now().strftime("%H:%M") == "23:30"


def test_the_night_the_clocks_go_back_keeps_its_date_until_london_midnight():
    # 25 October 2026: BST ends at 01:00 UTC; 23:59 GMT that evening is still the 25th
    with clock.fixed(datetime(2026, 10, 25, 23, 59, tzinfo=UTC)):
        assert clock.today() == date(2026, 10, 25)
    with clock.fixed(datetime(2026, 10, 24, 23, 1, tzinfo=UTC)):  # 00:01 BST on the 25th
        assert clock.today() == date(2026, 10, 25)


def test_a_moment_given_in_another_timezone_is_read_as_the_same_instant():
    new_york = timezone(timedelta(hours=-4))
    with clock.fixed(datetime(2026, 6, 30, 19, 30, tzinfo=new_york)):
        assert clock.now() == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
        assert clock.today() == date(2026, 7, 1)


def test_the_store_keeps_utc_aware_timestamps_from_the_same_clock():
    assert clock.now().utcoffset() == timedelta(0)
    with clock.fixed(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) as moment:
        assert utc_now() == moment
        assert utc_now().tzinfo is not None


def test_the_real_clock_gives_todays_date_in_london():
    before = datetime.now(UTC).astimezone(clock.LONDON).date()
    today = clock.today()
    after = datetime.now(UTC).astimezone(clock.LONDON).date()
    assert before <= today <= after


# --- setting the clock in tests ----------------------------------------------------------------

def test_a_fixed_date_is_that_day_in_london_and_in_utc_in_any_season():
    for day in (date(2026, 1, 15), date(2026, 7, 1), date(2026, 3, 29), date(2026, 10, 25)):
        with clock.fixed(day) as moment:
            assert clock.today() == day
            assert moment.date() == day


def test_the_clock_is_given_back_when_the_block_ends_even_on_an_error():
    with pytest.raises(RuntimeError), clock.fixed(date(2020, 2, 29)):
        raise RuntimeError("the test failed half way")
    assert clock.today() != date(2020, 2, 29)


def test_setting_the_clock_again_inside_a_block_moves_it_and_then_comes_back():
    with clock.fixed(date(2026, 11, 23)):
        with clock.fixed(date(2026, 12, 1)):
            assert clock.today() == date(2026, 12, 1)
        assert clock.today() == date(2026, 11, 23)


def test_a_moment_without_a_timezone_is_refused_because_it_could_be_either_side_of_midnight():
    with pytest.raises(ValueError, match="timezone-aware"), clock.fixed(datetime(2026, 6, 30, 23, 30)):
        pass


def test_the_frozen_clock_fixture_moves_on_when_asked(frozen_clock):
    frozen_clock(date(2026, 11, 23))
    assert clock.today() == date(2026, 11, 23)
    frozen_clock(datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    assert clock.today() == date(2026, 7, 1)


def test_the_clock_set_by_an_earlier_test_is_not_left_behind_for_the_next():
    # runs after the fixture test above (in file order): the real clock must be back
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(minutes=1)


# --- one clock ---------------------------------------------------------------------------------

def test_no_module_but_logic_clock_reads_the_machines_clock():
    reads = {str(path.relative_to(ROOT)): clock_reads(path.read_text(encoding="utf-8"))
             for path in _modules() if path != ROOT / "logic" / "clock.py"}
    offenders = {path: found for path, found in reads.items() if found}
    assert offenders == {}, "use logic.clock.today() / clock.now() instead"


def test_the_check_finds_every_way_of_reading_the_clock():
    source = """
import datetime as dt
from dataclasses import field
from datetime import UTC, date, datetime
import time
import pandas as pd

a = date.today()
b = datetime.now(UTC)
c = datetime.utcnow()
d = field(default_factory=date.today)
e = dt.datetime.now()
f = time.time()
g = pd.Timestamp.now()
# date.today() in a comment is fine
h = "datetime.now() in a string is fine"
"""
    assert [r.split(": ")[1] for r in clock_reads(source)] == [
        "date.today", "datetime.now", "datetime.utcnow", "date.today", "datetime.now",
        "time.time", "Timestamp.now"]


def test_the_decision_engine_takes_its_dates_as_arguments_and_never_reads_the_clock():
    for path in sorted((ROOT / "logic" / "law").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {f"{node.module}.{alias.name}" if node.module else alias.name
                     for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     for alias in node.names}
        assert not {"logic.clock", "logic.clock.today", "logic.clock.now"} & imported, path
