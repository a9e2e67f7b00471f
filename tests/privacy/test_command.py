"""`python -m logic.privacy subject-access`: the manager's command writes the zip; anyone else,
a reference that names no one, or a store the app holds, is refused in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from logic.db import dispose_engines
from tests.privacy.helpers import data_json, family_with_records, unzip
from tests.store.test_store_in_use import HOLD

PROJECT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.parametrize("store", ["duckdb"], indirect=True)  # the file the app holds


def _privacy(store: str, *args: str) -> subprocess.CompletedProcess[str]:
    dispose_engines()  # the DuckDB file has one user at a time
    env = {**os.environ, "HEARTH_DATABASE_URL": store}
    return subprocess.run([sys.executable, "-m", "logic.privacy", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=180)


def test_the_manager_writes_one_zip_in_the_folder_and_everyone_else_is_refused_in_one_line(store, team, tmp_path):
    family = family_with_records(team)
    out = tmp_path / "requests"

    done = _privacy(store, "subject-access", "--person", family.case_reference, "--out", str(out),
                    "--actor", "mo.manager")
    assert done.returncode == 0, done.stderr[-800:]
    written = list(out.glob("*.zip"))
    assert [p.name.startswith(f"subject-access-{family.household_reference}-P{family.applicant_id}")
            for p in written] == [True]
    assert "2 letters" in done.stdout
    files = unzip(written[0].read_bytes())
    assert data_json(files)["subject"]["name"] == "Zoë Łukasik" and "index.pdf" in files

    for actor in ("olga.officer", "sade.senior", "ada.admin", "nobody.here"):
        refused = _privacy(store, "subject-access", "--person", family.case_reference, "--out", str(out),
                           "--actor", actor)
        assert refused.returncode == 1, (actor, refused.stderr[-800:])
        assert refused.stderr.count("\n") == 1 and refused.stdout == "", (actor, refused.stderr[-800:])
    missing = _privacy(store, "subject-access", "--person", family.case_reference, "--out", str(out))
    assert missing.returncode == 1 and missing.stderr == (
        "give --actor with the username of the manager answering the request\n")
    assert len(list(out.glob("*.zip"))) == 1  # nothing more written


@pytest.mark.parametrize("reference", ["Zoe Lukasik", "HH-999999", "HL-12-P99999"])
def test_a_reference_that_names_no_one_exits_2_with_one_line(store, team, tmp_path, reference):
    bad = _privacy(store, "subject-access", "--person", reference, "--out", str(tmp_path),
                   "--actor", "mo.manager")
    assert bad.returncode == 2, bad.stderr[-800:]
    assert bad.stderr.count("\n") == 1 and bad.stdout == "", bad.stderr[-800:]
    assert not list(tmp_path.glob("*.zip"))


def test_while_the_app_holds_the_store_the_command_says_so_in_one_line(store, team, tmp_path):
    dispose_engines()
    path = store.split("///", 1)[1]
    app = subprocess.Popen([sys.executable, "-c", HOLD, path], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True)
    try:
        assert app.stdout is not None and app.stdout.readline() == "holding\n"
        held = _privacy(store, "subject-access", "--person", "HH-000001", "--out", str(tmp_path),
                        "--actor", "mo.manager")
    finally:
        app.communicate(input="", timeout=60)
    assert held.returncode == 1, held.stderr[-800:]
    assert held.stderr.count("\n") == 1
    assert held.stderr.startswith(f"the store {path} is in use by another process (PID {app.pid})")
