"""Hearth's own scenarios (tests/law/scenarios), each an edge of a rule an officer meets:
birthdays, day 56 and 57, notices, each priority need ground, each exemption from the
habitual residence test, bedroom pairings, referral and intentionality."""

from __future__ import annotations

from pathlib import Path

import pytest
from law_helpers import OWN_SCENARIOS, decide, load, mismatches

FILES = sorted(OWN_SCENARIOS.glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[load(p)["title"] for p in FILES])
def test_scenario(path: Path) -> None:
    scenario = load(path)
    assert mismatches(scenario["expected"], decide(scenario["facts"])) == {}


def test_there_are_at_least_forty_scenarios_with_sentence_titles() -> None:
    scenarios = [load(p) for p in FILES]
    assert len(scenarios) >= 40
    ids = [s["id"] for s in scenarios]
    assert len(set(ids)) == len(ids)
    for path, s in zip(FILES, scenarios, strict=True):
        assert path.stem == s["id"]
        # "note" (optional): why the expected answer is right, for the reader; the command
        # reads only "facts"
        assert set(s) - {"note"} == {"id", "title", "facts", "expected"}
        assert isinstance(s.get("note", ""), str)
        assert s["expected"], f"{s['id']} checks nothing"
        title = s["title"]
        assert title[0].isupper() and len(title.split()) >= 6, title
