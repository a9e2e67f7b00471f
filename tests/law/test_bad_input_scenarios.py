"""Bad-input scenarios (tests/law/scenarios/bad_input): facts an officer could type that the
command must refuse, never decide. Each file's "expected" is ``{"exit": 2, "field": ...}``:
``python -m logic.law`` exits 2, prints nothing on stdout and one line on stderr that starts
with the field it names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from law_helpers import OWN_SCENARIOS, PROJECT, load

from logic.law.__main__ import main

FOLDER = OWN_SCENARIOS / "bad_input"
FILES = sorted(FOLDER.glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=[load(p)["title"] for p in FILES])
def test_bad_input_is_refused_naming_the_field(path: Path, capsys: pytest.CaptureFixture[str]
                                               ) -> None:
    expected = load(path)["expected"]
    assert main([str(path)]) == expected["exit"]
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{expected['field']}: "), err
    assert err.count("\n") == 1, err


def test_the_bad_input_files_are_named_as_sentences_and_refuse_something() -> None:
    scenarios = [load(p) for p in FILES]
    assert len(scenarios) >= 10
    for path, s in zip(FILES, scenarios, strict=True):
        assert path.stem == s["id"]
        assert set(s) - {"note"} == {"id", "title", "facts", "expected"}
        assert s["expected"]["exit"] == 2 and s["expected"]["field"].startswith("facts.")
        assert s["title"][0].isupper() and len(s["title"].split()) >= 6


def test_the_real_command_refuses_expecting_no_babies_with_one_line() -> None:
    path = FOLDER / "expecting_no_babies_at_all_is_refused_as_bad_input.json"
    r = subprocess.run([sys.executable, "-m", "logic.law", "--explain", str(path)], cwd=PROJECT,
                       capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.startswith("facts.applicant.expected_babies: ")
    assert r.stderr.count("\n") == 1
    assert json.loads(path.read_text(encoding="utf-8"))["facts"]["applicant"]["pregnant"]
