"""An administrator runs `python -m logic.store` while the app has the DuckDB file open: the
command says in one line that another process holds the store and what to do, and exits 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

HOLD = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1])   # read-write, as the running app holds it
print("holding", flush=True)
sys.stdin.read()                            # until the test closes our stdin
"""


def _store_command(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEARTH_DATABASE_URL": f"duckdb:///{store}"}
    return subprocess.run([sys.executable, "-m", "logic.store", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_status_while_the_app_holds_the_store_says_so_in_one_line(tmp_path: Path) -> None:
    store = tmp_path / "hearth.duckdb"
    app = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None and app.stdout.readline() == "holding\n"
        for command in (["status"], ["init"]):
            r = _store_command(store, *command)
            assert r.returncode == 1, r.stderr[-500:]
            assert r.stdout == ""
            assert r.stderr.count("\n") == 1, r.stderr[-500:]
            assert r.stderr.startswith(f"the store {store} is in use by another process "
                                       f"(PID {app.pid}), most likely the running app: "
                                       "stop the app and run this command again"), r.stderr
    finally:
        app.communicate(input="", timeout=60)
    # once the app has stopped, the same command works
    assert _store_command(store, "init").returncode == 0
    assert _store_command(store, "status").returncode == 0
