"""Every worked example in ../shared/scenarios is decided as its ``expected`` says, by the
engine and by the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from law_helpers import PROJECT, SHARED, decide, load, mismatches

FOLDER = SHARED / "scenarios"
FILES = sorted(FOLDER.glob("*.json")) if FOLDER.is_dir() else []
pytestmark = pytest.mark.skipif(
    not FILES, reason=f"the shared scenarios folder {FOLDER.resolve()} is absent (it sits "
    "beside the project, not in it); nothing to compare against")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_engine_agrees_with_shared_scenario(path: Path) -> None:
    scenario = load(path)
    assert mismatches(scenario["expected"], decide(scenario["facts"])) == {}, scenario["title"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_command_agrees_with_shared_scenario(path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "logic.law", str(path)], cwd=PROJECT,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    out = json.loads(run.stdout)
    assert mismatches(load(path)["expected"], out) == {}
