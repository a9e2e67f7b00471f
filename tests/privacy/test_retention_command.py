"""`python -m logic.privacy retention`: a dry run lists what is due and what a hold keeps and
changes nothing; --apply needs a manager's or an administrator's username and says in one line
what is wrong; while the app holds the DuckDB store it says so in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from logic.privacy import retention
from logic.privacy.__main__ import main
from tests.letters.helpers import TODAY, new_case
from tests.privacy.test_retention import SEVEN_YEARS_AGO, _closed_on, _counts
from tests.store.test_store_in_use import HOLD

PROJECT = Path(__file__).resolve().parents[2]


def test_the_dry_run_lists_and_the_apply_removes(team, capsys):
    due_ref = _closed_on(new_case(team), SEVEN_YEARS_AGO)
    held_ref = _closed_on(new_case(team), SEVEN_YEARS_AGO)
    retention.record_hold(case_reference=held_ref, kind="legal", reason="Judicial review pre-action letter",
                          ends_on=TODAY + timedelta(days=60), actor_id=team.manager)
    before = _counts()
    assert main(["retention", "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "23 Nov 2026: 1 due for removal, 1 kept under a hold (dry run: nothing removed)"
    assert any(line.startswith(f"DUE      {due_ref}: Closed homelessness case") for line in out)
    assert any(line.startswith(f"KEPT     {held_ref}") and "Legal hold until 22 Jan 2027" in line
               for line in out)
    assert _counts() == before

    assert main(["retention", "--apply", "--actor", "mo.manager"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"REMOVED  {due_ref}: Closed homelessness case") for line in out)
    assert out[-1] == "23 Nov 2026: 1 removed (a tombstone and an audit row each), 1 kept under a hold"
    assert retention.dry_run().due == ()


def test_apply_without_a_manager_is_refused_in_one_line(team, capsys):
    _closed_on(new_case(team), SEVEN_YEARS_AGO)
    assert main(["retention", "--apply"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["retention", "--apply", "--actor", "nobody"]) == 2
    assert capsys.readouterr().err == "--actor: no officer has the username 'nobody'\n"
    assert main(["retention", "--apply", "--actor", "olga.officer"]) == 1
    assert capsys.readouterr().err == ("refused: Only a manager or an administrator removes records "
                                       "under the retention schedule.\n")
    assert len(retention.dry_run().due) == 1


def test_the_command_while_the_app_holds_the_store_says_so_in_one_line(tmp_path):
    store = tmp_path / "hearth.duckdb"
    app = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None and app.stdout.readline() == "holding\n"
        env = {**os.environ, "HEARTH_DATABASE_URL": f"duckdb:///{store}"}
        for mode in (["--dry-run"], ["--apply", "--actor", "maya.manager"]):
            r = subprocess.run([sys.executable, "-m", "logic.privacy", "retention", *mode], cwd=PROJECT,
                               env=env, capture_output=True, text=True, timeout=120)
            assert r.returncode == 1, r.stderr[-500:]
            assert r.stderr.count("\n") == 1 and r.stdout == "", r.stderr[-500:]
            assert r.stderr.startswith(f"the store {store} is in use by another process (PID {app.pid})")
    finally:
        app.communicate(input="", timeout=60)
