"""A throwaway PostgreSQL cluster on loopback for the test session.

    from tests.support.postgres import PostgresUnavailable, start_postgres

    cluster = start_postgres()          # raises PostgresUnavailable with the reason
    cluster.url                         # postgresql+psycopg://hearth@127.0.0.1:PORT/hearth_test
    url = cluster.create_database()     # a fresh, empty database, unique name
    cluster.drop_database(url)
    cluster.stop()                      # stops the server, removes its directory

or as a context manager: ``with start_postgres() as cluster: ...``.

PostgreSQL refuses to run as root, so when the tests run as root the cluster is made and run
as the ``postgres`` OS user (which Debian's package creates), in a directory under /tmp owned
by that user. Otherwise it runs as the current user. Authentication is ``trust`` for the
superuser ``hearth``; the server listens on 127.0.0.1 only, on a free port, with durability
switched off (fsync, full_page_writes, synchronous_commit) because nothing here must survive.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "hearth"
DEFAULT_DATABASE = "hearth_test"
START_TIMEOUT_S = 30

# Variables that would point libpq or the server tools somewhere else.
_PG_ENV = ("PGDATA", "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD",
           "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS", "PGSSLMODE")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; ``str(error)`` says why."""


def find_bindir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``.

    ``HEARTH_PG_BINDIR`` wins; then Debian's ``/usr/lib/postgresql/<version>/bin`` (newest
    version first); then ``initdb`` on PATH. Raises PostgresUnavailable if none is found.
    """
    override = os.environ.get("HEARTH_PG_BINDIR")
    candidates: list[Path] = [Path(override)] if override else []

    def version(p: str) -> tuple[int, ...]:
        m = re.search(r"/postgresql/([0-9.]+)/bin$", p)
        return tuple(int(x) for x in m.group(1).split(".") if x) if m else (0,)

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                           key=version, reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (no initdb/pg_ctl under "
        "/usr/lib/postgresql/*/bin or on PATH): install Debian's 'postgresql' package "
        "(`make system-deps` does) or set HEARTH_PG_BINDIR"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _traversable_by_others(path: Path) -> bool:
    """Whether every directory from / down to ``path`` lets other users pass through."""
    for p in [path, *path.parents]:
        try:
            if not os.stat(p).st_mode & 0o001:
                return False
        except OSError:
            return False
    return True


def _run_as() -> pwd.struct_passwd | None:
    """The OS user to run the server as: ``postgres`` when we are root, else None (ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable(
            "running as root, and PostgreSQL refuses to run as root, but there is no "
            "'postgres' OS user to run it as (Debian's 'postgresql' package creates one)"
        ) from None


# Runs beside the test process: once that process is gone (even killed with SIGKILL, so no
# finaliser or atexit ran), shut the cluster down (SIGQUIT to the postmaster: immediate
# shutdown) and remove its directory. It exits by itself when the directory is removed by a
# normal stop().
_WATCHDOG = r"""
import os, shutil, signal, sys, time
owner, root = int(sys.argv[1]), sys.argv[2]
def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:  # a zombie (exited, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True
while os.path.isdir(root) and alive(owner):
    time.sleep(1)
if os.path.isdir(root):
    try:
        with open(os.path.join(root, "data", "postmaster.pid")) as f:
            postmaster = int(f.readline())
        os.kill(postmaster, signal.SIGQUIT)
        for _ in range(100):
            if not alive(postmaster):
                break
            time.sleep(0.1)
    except (OSError, ValueError):
        pass
    shutil.rmtree(root, ignore_errors=True)
"""


def _start_watchdog(root: Path) -> subprocess.Popen | None:
    try:
        return subprocess.Popen([sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(root)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return None


def _valid_name(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain lower-case database name: {name!r}")
    return name


@dataclass
class PostgresCluster:
    """A running throwaway cluster. Build it with :func:`start_postgres`."""

    bindir: Path
    root: Path  # everything lives here: data/, sock/, server.log
    port: int
    host: str = "127.0.0.1"
    user: str = SUPERUSER
    database: str = DEFAULT_DATABASE
    _owner: pwd.struct_passwd | None = field(default=None, repr=False)
    _stopped: bool = field(default=False, repr=False)
    _watchdog: subprocess.Popen | None = field(default=None, repr=False)

    # -- addresses -------------------------------------------------------------------------
    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def sockdir(self) -> Path:
        return self.root / "sock"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url_for(self, database: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver) for ``database`` on this cluster."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the session database (``hearth_test``)."""
        return self.url_for(self.database)

    def conninfo(self, database: str = "postgres") -> str:
        """libpq connection string, for psycopg.connect or psql."""
        return f"host={self.host} port={self.port} user={self.user} dbname={database}"

    # -- databases -------------------------------------------------------------------------
    def execute_admin(self, sql: str) -> None:
        """Run one statement in autocommit on the ``postgres`` maintenance database."""
        import psycopg

        with psycopg.connect(self.conninfo("postgres"), autocommit=True, connect_timeout=10) as c:
            c.execute(sql)

    def create_database(self, prefix: str = "hearth_t", name: str | None = None,
                        template: str | None = None) -> str:
        """Create a fresh database and return its SQLAlchemy URL.

        The name is ``name`` if given, else ``<prefix>_<random hex>`` (unique per call). It is
        empty, or with ``template`` a copy of that database (which nobody may be connected to:
        a file-level copy, much faster than building the same schema again).
        """
        if name is None:
            prefix = re.sub(r"[^a-z0-9_]", "_", prefix.lower())[:40] or "hearth_t"
            name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        copy_of = f' TEMPLATE "{_valid_name(template)}"' if template else ""
        self.execute_admin(f'CREATE DATABASE "{_valid_name(name)}"{copy_of}')
        return self.url_for(name)

    def drop_database(self, name_or_url: str) -> None:
        """Drop a database (by name or URL), closing its connections first."""
        name = name_or_url.rsplit("/", 1)[-1].split("?", 1)[0]
        self.execute_admin(f'DROP DATABASE IF EXISTS "{_valid_name(name)}" WITH (FORCE)')

    @contextlib.contextmanager
    def fresh_database(self, prefix: str = "hearth_t") -> Iterator[str]:
        """Context manager: a fresh empty database's URL, dropped afterwards."""
        url = self.create_database(prefix)
        try:
            yield url
        finally:
            with contextlib.suppress(Exception):
                self.drop_database(url)

    # -- lifecycle -------------------------------------------------------------------------
    def _run(self, args: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return _run_pg(args, self._owner, cwd=self.root, timeout=timeout)

    def stop(self) -> None:
        """Stop the server (immediate mode: nothing needs to be kept) and remove its directory.

        Safe to call twice.
        """
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        try:
            if (self.datadir / "postmaster.pid").exists():
                self._run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir),
                           "-m", "immediate", "-w", "-t", "30", "stop"], timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            if self._watchdog is not None and self._watchdog.poll() is None:
                self._watchdog.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._watchdog.wait(timeout=5)

    def server_log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> PostgresCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _run_pg(args: list[str], owner: pwd.struct_passwd | None, *, cwd: Path,
            timeout: float) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _PG_ENV}
    env.setdefault("LC_ALL", "C.UTF-8")
    kwargs: dict = {}
    if owner is not None:
        env.update(HOME=owner.pw_dir, USER=owner.pw_name, LOGNAME=owner.pw_name)
        kwargs = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL, check=False, **kwargs)


def _base_tempdir() -> Path:
    base = Path(tempfile.gettempdir())
    if os.geteuid() == 0 and not _traversable_by_others(base):
        base = Path("/tmp")
    return base


def start_postgres(*, port: int | None = None, database: str = DEFAULT_DATABASE,
                   tries: int = 5) -> PostgresCluster:
    """Make and start a throwaway cluster; create ``database``; return the running cluster.

    ``port`` defaults to a free port (retried on a bind race). Raises PostgresUnavailable if
    the binaries are missing or the server will not start (the message carries its log).
    The cluster is also stopped at interpreter exit if the caller forgets, and by a small
    watchdog process if the caller dies without exiting cleanly (killed, timed out).
    """
    bindir = find_bindir()
    owner = _run_as()
    root = Path(tempfile.mkdtemp(prefix="hearth-pg-", dir=_base_tempdir()))
    try:
        (root / "sock").mkdir()
        if owner is not None:
            for p in (root, root / "sock"):
                os.chown(p, owner.pw_uid, owner.pw_gid)
        init = _run_pg([str(bindir / "initdb"), "-D", str(root / "data"), "-A", "trust",
                        "-U", SUPERUSER, "-E", "UTF8", "--no-locale", "--no-sync"],
                       owner, cwd=root, timeout=120)
        if init.returncode != 0:
            raise PostgresUnavailable(
                f"initdb failed (exit {init.returncode}):\n{init.stdout}\n{init.stderr}")

        last_error = ""
        for _ in range(max(1, tries)):
            chosen = port or free_port()
            cluster = PostgresCluster(bindir=bindir, root=root, port=chosen, database=database,
                                      _owner=owner)
            opts = (f"-p {chosen} -k {cluster.sockdir} -c listen_addresses=127.0.0.1 "
                    "-c fsync=off -c full_page_writes=off -c synchronous_commit=off "
                    "-c max_connections=200 -c shared_buffers=64MB")
            started = time.monotonic()
            res = cluster._run([str(bindir / "pg_ctl"), "-D", str(cluster.datadir),
                                "-l", str(cluster.logfile), "-o", opts, "-w",
                                "-t", str(START_TIMEOUT_S), "start"],
                               timeout=START_TIMEOUT_S + 30)
            if res.returncode == 0:
                atexit.register(cluster.stop)
                cluster._watchdog = _start_watchdog(root)
                try:
                    _wait_ready(cluster, deadline=started + START_TIMEOUT_S)
                    if database != "postgres":
                        cluster.create_database(name=database)
                except BaseException:
                    cluster.stop()
                    raise
                return cluster
            log = cluster.server_log()
            last_error = f"pg_ctl start failed (exit {res.returncode}):\n{res.stdout}\n" \
                         f"{res.stderr}\n--- server log ---\n{log[-4000:]}"
            if port is not None or "could not bind" not in log.lower() \
                    and "address already in use" not in log.lower():
                break
            with contextlib.suppress(OSError):
                cluster.logfile.unlink()
        raise PostgresUnavailable(last_error)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _wait_ready(cluster: PostgresCluster, deadline: float) -> None:
    """Wait until a TCP connection to the cluster succeeds."""
    import psycopg

    while True:
        try:
            with psycopg.connect(cluster.conninfo("postgres"), connect_timeout=5) as c:
                c.execute("select 1")
            return
        except psycopg.OperationalError as e:
            if time.monotonic() > deadline:
                raise PostgresUnavailable(
                    f"PostgreSQL started but did not accept connections: {e}\n"
                    f"--- server log ---\n{cluster.server_log()[-4000:]}") from e
            time.sleep(0.1)
