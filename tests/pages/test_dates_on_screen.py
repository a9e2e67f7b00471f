"""Screens write dates as officers do: "1 Dec 2026", never "01 Dec 2026" or "2026-12-01"."""

from __future__ import annotations

from datetime import date, datetime

from pages import _ui


def test_the_first_of_the_month_is_written_without_a_leading_nought():
    assert _ui.format_date(date(2026, 12, 1)) == "1 Dec 2026"
    assert _ui.format_date("2026-12-01") == "1 Dec 2026"
    assert _ui.format_moment(datetime(2026, 12, 1, 9, 5)) == "1 Dec 2026 09:05"
    assert _ui.format_date(date(2026, 11, 30)) == "30 Nov 2026"
    assert _ui.format_date(None) == ""
