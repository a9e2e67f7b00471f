"""--explain reads like an officer's assessment notes."""

from __future__ import annotations

import json
import subprocess
import sys

from law_helpers import OWN_SCENARIOS, PROJECT, load

from logic.law import determine, explain


def test_the_notes_answer_each_question_in_turn_with_its_reasons() -> None:
    scenario = load(OWN_SCENARIOS / "L52.json")
    notes = explain(determine(scenario["facts"]), scenario["title"])
    headings = ["1. Eligibility: eligible", "2. Homelessness: homeless",
                "3. Priority need: yes (dependent children)", "4. Intentional homelessness: yes",
                "5. Duty owed: accommodation for a reasonable period and advice (s.190(2))",
                "6. Interim accommodation: no", "8. Bedroom need: 2",
                "9. Reasonable preference: homeless, owed duty"]
    positions = [notes.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "[Housing Act 1996 s.191(1)]" in notes
    assert "became homeless intentionally" in notes
    assert notes.rstrip().splitlines()[-1].startswith("Outcome: ")


def test_explain_keeps_stdout_pure_json_and_writes_the_notes_to_stderr() -> None:
    path = OWN_SCENARIOS / "L36.json"
    r = subprocess.run([sys.executable, "-m", "logic.law", "--explain", str(path)], cwd=PROJECT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    assert json.loads(r.stdout)["priority_need"] is True
    assert "Assessment notes: A mother of four" in r.stderr
    assert "3. Priority need: yes" in r.stderr


def test_explain_only_prints_the_notes() -> None:
    r = subprocess.run([sys.executable, "-m", "logic.law", "--explain-only",
                        str(OWN_SCENARIOS / "L11.json")], cwd=PROJECT, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("Assessment notes: On day 56")
    assert "5. Duty owed: relief duty (s.189B(2)), day 56 of the relief period" in r.stdout
