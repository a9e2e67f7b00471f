"""The one clock: what "today" and "now" are, everywhere in Hearth.

Officers in an English council work to the clock on the office wall, so a business date (the
day a duty starts, a letter is dated, an application is received) is the date in
Europe/London, not the date in UTC: at 23:30 UTC on 30 June it is already 1 July in British
Summer Time. Timestamps are kept UTC-aware, as the store keeps them (stack-notes: SQLModel
refuses naive datetimes).

Nothing else in logic/ or pages/ reads the system clock; tests/test_clock.py fails if a module
does. logic/law never reads it at all: its rules take the date as an argument.

Tests set the clock with `fixed`, as a context manager, usually through the `frozen_clock`
fixture in tests/conftest.py:

    with clock.fixed(date(2026, 11, 23)):
        ...  # clock.today() is 23 November 2026 until the block ends

The setting is process-wide rather than per-thread on purpose: Streamlit's AppTest runs a page
in its own thread, and the page must see the test's day too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

# Noon on the office wall: a fixed date read back in UTC or London is the same day, in any season.
_FIXED_DATE_TIME = time(12, 0)

_fixed_at: datetime | None = None


def now() -> datetime:
    """This moment, UTC-aware, as the store keeps timestamps."""
    if _fixed_at is not None:
        return _fixed_at
    return datetime.now(UTC)


def london_now() -> datetime:
    """This moment on the office wall (Europe/London), e.g. the time a phone call came in."""
    return now().astimezone(LONDON)


def today() -> date:
    """Today's date in Europe/London: the business date of everything an officer records."""
    return london_now().date()


@contextmanager
def fixed(moment: date | datetime) -> Iterator[datetime]:
    """Hold the clock at `moment` until the block ends, then put back what was there before.

    A date means noon in London on that date; a datetime must say its timezone, because a
    naive one could be read as either side of midnight. Yields the moment, UTC-aware.
    """
    global _fixed_at
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"the clock needs a timezone-aware moment, not {moment!r}")
        at = moment.astimezone(UTC)
    else:
        at = datetime.combine(moment, _FIXED_DATE_TIME, tzinfo=LONDON).astimezone(UTC)
    before = _fixed_at
    _fixed_at = at
    try:
        yield at
    finally:
        _fixed_at = before
