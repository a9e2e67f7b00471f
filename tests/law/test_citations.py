"""Every answer cites the law or policy it rests on: a walk over every scenario fails on a
determination key without a cited reason, and on a reason that is not fit for a letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from law_helpers import OWN_SCENARIOS, SHARED, load

from logic.law import determine
from logic.law.core import EXTRA_FIELDS, SPEC_FIELDS

FILES = sorted(OWN_SCENARIOS.glob("*.json")) + sorted((SHARED / "scenarios").glob("*.json"))
SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_key_has_a_cited_reason(path: Path) -> None:
    d = determine(load(path)["facts"])
    out = d.to_json_dict()
    for key in out:
        if key in ("reasons", "field_reasons"):
            continue
        assert key in SPEC_FIELDS + EXTRA_FIELDS, f"{key} is not a known field"
        assert out["field_reasons"][key], f"{key} has no reason"
        for i in out["field_reasons"][key]:
            assert out["reasons"][i]["citation"].strip()
    for r in d.reasons:
        assert SNAKE.match(r.rule), r.rule
        assert r.concerns and set(r.concerns) <= set(SPEC_FIELDS + EXTRA_FIELDS)
        assert r.citation.instrument.strip()
        assert r.text[0].isupper() and r.text.endswith("."), r.text
        assert "  " not in r.text and "{" not in r.text and " None" not in r.text, r.text
        if r.citation.url:
            assert r.citation.url.startswith("https://www.legislation.gov.uk/")


def test_statutory_citations_read_as_a_letter_quotes_them() -> None:
    d = determine(load(OWN_SCENARIOS / "L15.json")["facts"])
    cites = {r.rule: str(r.citation) for r in d.reasons}
    assert cites["threatened_section_21"] == "Housing Act 1996 s.175(5)"
    assert cites["prevention_duty"] == "Housing Act 1996 s.195(2)"
    assert cites["preference_owed_duty"] == "Housing Act 1996 s.166A(3)(b)"
    text = next(r.text for r in d.reasons if r.rule == "threatened_section_21")
    assert "18 January 2027, 56 days after your assessment on 23 November 2026" in text
