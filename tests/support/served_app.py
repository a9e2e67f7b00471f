"""The real app, served by Streamlit on loopback, over a fresh demo DuckDB store.

    from tests.support.served_app import serve_app

    with serve_app(tmp_path) as base_url:      # "http://127.0.0.1:PORT"
        page.goto(base_url)
        ...
        print(base_url.read_log())             # the server's output (also base_url.log_path)

Each call gets its own store (``<tmp_path>/hearth.duckdb``), seeded with
``python -m logic.store init --demo``, and its own server on a free port. The server is
stopped (its whole process group) when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from tests.support import REPO_ROOT
from tests.support.postgres import free_port

HEALTH_TIMEOUT_S = 90
INIT_TIMEOUT_S = 180


class BaseURL(str):
    """The served app's base URL (a plain ``str`` to use), carrying where its log and store are."""

    log_path: Path
    db_url: str

    def __new__(cls, url: str, *, log_path: Path, db_url: str) -> BaseURL:
        obj = super().__new__(cls, url)
        obj.log_path = log_path
        obj.db_url = db_url
        return obj

    def read_log(self, tail: int = 20_000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""


class AppFailedToStart(RuntimeError):
    pass


def duckdb_url(path: Path) -> str:
    """SQLAlchemy URL of a DuckDB file at an absolute path."""
    return f"duckdb:///{Path(path).resolve()}"


def app_env(db_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HEARTH_DATABASE_URL=db_url,
        PYTHONUNBUFFERED="1",
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        STREAMLIT_SERVER_HEADLESS="true",
    )
    env.update(extra or {})
    return env


def init_demo_store(db_url: str, log_path: Path, env: dict[str, str] | None = None) -> None:
    """Run ``python -m logic.store init --demo`` against ``db_url``; raise with its output."""
    env = env or app_env(db_url)
    with open(log_path, "ab") as log:
        log.write(f"$ python -m logic.store init --demo   # {db_url}\n".encode())
        log.flush()
        res = subprocess.run([sys.executable, "-m", "logic.store", "init", "--demo"],
                             cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, timeout=INIT_TIMEOUT_S, check=False)
    if res.returncode != 0:
        raise AppFailedToStart(
            f"`python -m logic.store init --demo` failed (exit {res.returncode}):\n"
            f"{log_path.read_text(errors='replace')[-8000:]}")


def public_theme_flags() -> list[str]:
    """The public front door's look, as `make run` serves it: the Makefile's PUBLIC_THEME
    flags (one copy, read from there), so the browser tests audit what the public sees."""
    import re
    import shlex

    text = (REPO_ROOT / "Makefile").read_text()
    found = re.search(r"^PUBLIC_THEME\s*:?=\s*((?:.*\\\n)*.*)$", text, re.MULTILINE)
    if not found:
        raise AppFailedToStart("the Makefile has no PUBLIC_THEME for the public front door")
    return shlex.split(found.group(1).replace("\\\n", " ").replace("\\#", "#"))


def _stop_group(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        proc.wait(timeout=10)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def serve_app(tmp_path: Path, *, port: int | None = None, env: dict[str, str] | None = None,
              seed: bool = True, timeout: float = HEALTH_TIMEOUT_S,
              today: date | None = None, script: str = "app.py") -> Iterator[BaseURL]:
    """Serve ``app.py`` (or ``script``: ``public_app.py``, the public front door) over a fresh
    demo store in ``tmp_path``; yield its base URL.

    ``env`` adds or overrides environment variables for both the seeding command and the
    server. ``seed=False`` skips ``logic.store init --demo``. The log (seeding and server
    output) is ``tmp_path / "served_app.log"``. ``today`` holds the served app's clock at that
    day (tests/support/fixed_clock_app.py); serving the same ``tmp_path`` again with
    ``seed=False`` and a later ``today`` moves a case on in time.
    """
    tmp_path = Path(tmp_path)
    tmp_path.mkdir(parents=True, exist_ok=True)
    db_url = duckdb_url(tmp_path / "hearth.duckdb")
    log_path = tmp_path / "served_app.log"
    full_env = app_env(db_url, env)
    if seed:
        init_demo_store(db_url, log_path, full_env)

    for attempt in range(3):
        chosen = port or free_port()
        base = BaseURL(f"http://127.0.0.1:{chosen}", log_path=log_path, db_url=db_url)
        start = ([sys.executable, "-m", "streamlit"] if today is None else
                 [sys.executable, str(REPO_ROOT / "tests" / "support" / "fixed_clock_app.py"),
                  today.isoformat()])
        cmd = [*start, "run", str(REPO_ROOT / script),
               "--server.address", "127.0.0.1", "--server.port", str(chosen),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--server.runOnSave", "false",
               *(public_theme_flags() if Path(script).name == "public_app.py" else [])]
        with open(log_path, "ab") as log:
            log.write(f"$ {' '.join(cmd)}\n".encode())
            log.flush()
            proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=full_env, stdout=log,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(base):
                if proc.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    raise AppFailedToStart(
                        f"streamlit did not answer {base}/_stcore/health within {timeout:.0f}s"
                        f":\n{base.read_log()}")
                time.sleep(0.2)
            if proc.poll() is None:
                yield base
                return
            text = base.read_log()
            if port is None and attempt < 2 and "already in use" in text[-2000:].lower():
                continue  # lost a race for the port: try another
            raise AppFailedToStart(
                f"streamlit exited early (exit {proc.returncode}):\n{text}")
        finally:
            _stop_group(proc)
    raise AppFailedToStart("could not find a free port for streamlit")
