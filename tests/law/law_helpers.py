"""Helpers shared by the decision engine's tests (a plain module, not a conftest, so that it
cannot clash with another folder's conftest)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from logic.law import determine

PROJECT = Path(__file__).resolve().parents[2]
OWN_SCENARIOS = Path(__file__).resolve().parent / "scenarios"
SHARED = PROJECT / ".." / "shared"


def mismatches(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """Keys of ``expected`` whose value differs in ``got`` (only the keys given are compared;
    for the ``deadlines`` mapping, only the deadlines given are compared)."""
    bad = {}
    for key, want in expected.items():
        have = got.get(key, "<missing>")
        if key == "deadlines" and isinstance(have, dict):
            have = {k: have.get(k) for k in want}
        if have != want:
            bad[key] = {"expected": want, "got": have}
    return bad


def decide(facts: dict[str, Any]) -> dict[str, Any]:
    """Decide a scenario's facts and return the JSON output."""
    return determine(facts).to_json_dict()


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
