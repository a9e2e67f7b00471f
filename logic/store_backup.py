"""Backups of the store: `python -m logic.store backup --to FILE` and `restore --from FILE`.

A backup is one zip file: `hearth-backup.json` (the format, the store's kind, its schema
revision, when it was made, every table's rows and the data's SHA-256) and the data itself:

- DuckDB: a copy of the database made by DuckDB (`ATTACH` a new file, `COPY FROM DATABASE`),
  taken while this command holds the store's file, so nothing changes during it. DuckDB lets
  one process at a time open the file: while the app runs, the command says so in one line
  (stop the app, then back up) and exits 1.
- PostgreSQL: `pg_dump -Fc` of the database, taken on a snapshot exported by the transaction
  that counted the rows, so the counts are those of the dump even while the app keeps working.

The zip is written under a temporary name in the same folder and renamed once complete, so a
backup that fails never leaves a half file under the name given.

A restore goes only into an EMPTY store (the one HEARTH_DATABASE_URL names): a DuckDB backup is
copied in by the copy command's mechanism (logic/store_copy.py), into DuckDB or PostgreSQL; a
PostgreSQL backup by `pg_restore` in one transaction. A backup from a newer schema than this
Hearth knows is refused; an older one is brought to the latest schema. Every table's rows are
then counted against the backup's record of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

import logic.models  # noqa: F401  (every table on SQLModel.metadata)
from logic import clock

FORMAT = 1
MANIFEST = "hearth-backup.json"
DATA = {"duckdb": "store.duckdb", "postgresql": "store.pgdump"}
PG_BINDIRS = "/usr/lib/postgresql/*/bin"


class BackupRefused(RuntimeError):
    """The backup or restore cannot be done: the message (one line) says why and what to do."""


@dataclass(frozen=True)
class Summary:
    done: str
    path: Path
    backend: str
    revision: str
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        rows = sum(self.counts.values())
        size = f", {self.path.stat().st_size / 1e6:.1f} MB" if self.done == "backed up" else ""
        return (f"{self.done} {rows:,} rows in {len(self.counts)} tables ({self.backend} store, "
                f"schema {self.revision}) {'to' if self.done == 'backed up' else 'from'} "
                f"{self.path}{size} in {self.seconds:.1f} s; every table's rows counted equal")


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _count_sql(names: list[str], catalog: str | None = None) -> str:
    prefix = f'"{catalog}".' if catalog else ""
    return " UNION ALL ".join(f"SELECT '{n}', count(*) FROM {prefix}\"{n}\"" for n in names)


def _known_tables() -> list[str]:
    return [t.name for t in SQLModel.metadata.sorted_tables]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- backup ------------------------------------------------------------------------------

def backup_store(engine: Engine, to: str | Path) -> Summary:
    """Back the store up into the new file `to` (see the module's docstring)."""
    target = Path(to).resolve()
    if target.exists():
        raise BackupRefused(f"{target} already exists: give a new file name (for example with "
                            "the date), so no earlier backup is overwritten")
    if not target.parent.is_dir():
        raise BackupRefused(f"the folder {target.parent} does not exist: create it first")
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
    try:
        data = work / DATA[_backend(engine)]
        if _backend(engine) == "duckdb":
            revision, counts = _duckdb_backup(engine, data)
        else:
            revision, counts = _postgres_backup(engine, data)
        manifest = {"format": FORMAT, "backend": _backend(engine), "revision": revision,
                    "made_at": clock.now().isoformat(), "counts": counts,
                    "data": data.name, "sha256": _sha256(data)}
        partial = work / "backup.zip"
        compression = zipfile.ZIP_DEFLATED if data.suffix == ".duckdb" else zipfile.ZIP_STORED
        with zipfile.ZipFile(partial, "w", compression=compression, allowZip64=True) as z:
            z.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            z.write(data, data.name)
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Summary("backed up", target, manifest["backend"], revision, counts,
                   time.perf_counter() - began)


def _backend(engine: Engine) -> str:
    name = engine.dialect.name
    if name not in DATA:
        raise BackupRefused(f"backups are made of DuckDB and PostgreSQL stores, not {name}")
    return name


def _duckdb_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise BackupRefused("the store is an in-memory DuckDB database: there is no file to back up")
    return Path(database).resolve()


def _duckdb_connect(path: Path):
    import duckdb

    from logic.store import held_by_another_process

    try:
        return duckdb.connect(str(path))
    except duckdb.Error as error:
        line = held_by_another_process(error)
        if line is None:
            raise
        raise BackupRefused(line.replace("run this command again", "back up again")) from error


def _duckdb_backup(engine: Engine, data: Path) -> tuple[str, dict[str, int]]:
    source = _duckdb_file(engine)
    if not source.is_file():
        raise BackupRefused(f"there is no store at {source}: nothing to back up")
    engine.dispose()  # this process's own pool lets go of the file
    duck = _duckdb_connect(source)
    try:
        revision = _duckdb_revision(duck, None)
        if revision is None:
            raise BackupRefused(f"the store at {source} has no schema yet: nothing to back up "
                                "(run `python -m logic.store init`)")
        name = duck.execute("SELECT current_database()").fetchone()[0]
        duck.execute(f"ATTACH '{data}' AS hearth_backup")
        duck.execute(f'COPY FROM DATABASE "{name}" TO hearth_backup')
        counts = _duckdb_counts(duck, name)
        copied = _duckdb_counts(duck, "hearth_backup")
        duck.execute("DETACH hearth_backup")
    finally:
        duck.close()
    if copied != counts:
        raise BackupRefused(f"the backup's rows differ from the store's ({copied} != {counts}): "
                            "nothing was kept; try again")
    return revision, counts


def _duckdb_revision(duck, catalog: str | None) -> str | None:
    prefix = f'"{catalog}".' if catalog else ""
    try:
        rows = duck.execute(f"SELECT version_num FROM {prefix}alembic_version").fetchall()
    except Exception:  # noqa: BLE001 - no alembic_version table: no schema
        return None
    return ",".join(sorted(r[0] for r in rows)) or None


def _duckdb_counts(duck, catalog: str) -> dict[str, int]:
    present = {r[0] for r in duck.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [catalog]).fetchall()}
    names = [n for n in _known_tables() if n in present]
    rows = dict(duck.execute(_count_sql(names, catalog)).fetchall()) if names else {}
    return {n: rows[n] for n in names if rows.get(n)}


def _pg_major(version_num: int) -> int:
    return version_num // 10000


def _pg_tool(name: str, server_major: int) -> tuple[str, int]:
    """The pg_dump / pg_restore to use: Debian's for the server's major version, else the
    newest under /usr/lib/postgresql, else the one on PATH; with its major version."""
    import glob

    debian = sorted(glob.glob(f"{PG_BINDIRS}/{name}"), reverse=True)
    found = [t for t in debian if f"/{server_major}/bin/" in t] + debian
    on_path = shutil.which(name)
    if on_path:
        found.append(on_path)
    for tool in found:
        if os.path.isfile(tool) and os.access(tool, os.X_OK):
            out = subprocess.run([tool, "--version"], capture_output=True, text=True,
                                 timeout=30).stdout
            match = re.search(r"(\d+)(?:\.\d+)?", out)
            major = int(match.group(1)) if match else 0
            if major >= server_major:
                return tool, major
            raise BackupRefused(
                f"{name} is version {major} but the PostgreSQL server is version {server_major}: "
                f"install the client tools of version {server_major} or later (Debian: "
                f"postgresql-client-{server_major})")
    raise BackupRefused(f"{name} was not found: install PostgreSQL's client tools, of the "
                        f"server's version {server_major} or later (Debian: "
                        f"postgresql-client-{server_major})")


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq URL for the command-line tools (no password in it: that goes in PGPASSWORD,
    so it is not shown in the process list) and the environment to run them with."""
    url = engine.url
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _connect_pg(engine: Engine):
    try:
        return engine.connect()
    except sa.exc.OperationalError as error:
        first = str(error.orig or error).strip().splitlines()[0]
        raise BackupRefused(f"cannot reach the store at {_shown(engine)}: {first}") from error


def _postgres_backup(engine: Engine, data: Path) -> tuple[str, dict[str, int]]:
    # a connection of its own, in one repeatable-read transaction: the rows it counts are the
    # ones pg_dump writes, on the snapshot this transaction exports
    snapshot_engine = sa.create_engine(engine.url, poolclass=NullPool,
                                       isolation_level="REPEATABLE READ")
    try:
        with _connect_pg(snapshot_engine) as connection, connection.begin():
            major = _pg_major(int(connection.exec_driver_sql("SHOW server_version_num").scalar()))
            pg_dump, _ = _pg_tool("pg_dump", major)
            snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
            revision, counts = _pg_revision_and_counts(connection)
            if revision is None:
                raise BackupRefused(f"the store at {_shown(engine)} has no schema yet: nothing "
                                    "to back up (run `python -m logic.store init`)")
            url, env = _libpq(engine)
            done = subprocess.run([pg_dump, "--format=custom", f"--snapshot={snapshot}",
                                   f"--file={data}", f"--dbname={url}"],
                                  capture_output=True, text=True, env=env, timeout=24 * 3600)
    finally:
        snapshot_engine.dispose()
    if done.returncode != 0:
        raise BackupRefused(f"pg_dump failed: {_first_error(done.stderr)}")
    return revision, counts


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return next((line for line in lines if "error" in line.lower()), lines[0] if lines else "?")


def _pg_revision_and_counts(connection: sa.Connection) -> tuple[str | None, dict[str, int]]:
    present = set(sa.inspect(connection).get_table_names())
    revision = None
    if "alembic_version" in present:
        found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()
        revision = ",".join(sorted(found)) or None
    names = [n for n in _known_tables() if n in present]
    rows = dict(connection.exec_driver_sql(_count_sql(names)).all()) if names else {}
    return revision, {n: rows[n] for n in names if rows.get(n)}


# --- restore -----------------------------------------------------------------------------

def read_manifest(path: Path) -> dict:
    if not path.is_file():
        raise BackupRefused(f"there is no backup at {path}")
    try:
        with zipfile.ZipFile(path) as z:
            manifest = json.loads(z.read(MANIFEST))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise BackupRefused(f"{path} is not a Hearth backup ({error})") from error
    if manifest.get("format") != FORMAT or manifest.get("backend") not in DATA:
        raise BackupRefused(f"{path} is a backup of a format this Hearth does not read "
                            f"(format {manifest.get('format')}, {manifest.get('backend')})")
    return manifest


def restore_store(engine: Engine, from_: str | Path, *, progress: bool = False) -> Summary:
    """Restore the backup `from_` into the store, which must hold no rows."""
    from logic.store import head_revision, migrate, revisions_in_order
    from logic.store_generate import rows_in_store

    source = Path(from_).resolve()
    manifest = read_manifest(source)
    backend, revision = manifest["backend"], manifest["revision"]
    known = revisions_in_order()
    if revision not in known:
        raise BackupRefused(
            f"the backup is at schema {revision}, which this Hearth does not know (its latest is "
            f"{head_revision()}): restore it with the Hearth version that made it, or a later one")
    _backend(engine)
    held = rows_in_store(engine)
    if held:
        raise BackupRefused(
            f"the store at {_shown(engine)} has {sum(held.values()):,} rows: restore only into an "
            "empty store (a new database or a new file), so nothing there is overwritten or mixed")
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="hearth-restore-"))
    try:
        data = work / manifest["data"]
        with zipfile.ZipFile(source) as z, z.open(manifest["data"]) as src, open(data, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
        if _sha256(data) != manifest["sha256"]:
            raise BackupRefused(f"{source} is damaged (its data does not match the SHA-256 "
                                "recorded in it): restore another backup")
        if backend == "duckdb":
            _restore_duckdb(engine, data, revision, progress)
        else:
            _restore_postgres(engine, data, revision)
            if revision != head_revision():
                migrate(engine)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    restored = rows_in_store(engine)
    if restored != manifest["counts"]:
        differ = sorted(set(restored.items()) ^ set(manifest["counts"].items()))
        raise BackupRefused(f"the restored rows differ from the backup's record: {differ[:6]}")
    return Summary("restored", source, backend, revision, restored, time.perf_counter() - began)


def _restore_duckdb(engine: Engine, data: Path, revision: str, progress: bool) -> None:
    """Copy the backup's DuckDB file into the store with the copy command's mechanism (a
    backup older than the code is first brought to the latest schema, on the temporary copy)."""
    from logic.store import head_revision, migrate
    from logic.store_copy import CopyRefused, copy_store

    copy = sa.create_engine(f"duckdb:///{data}", poolclass=NullPool)
    try:
        if revision != head_revision():
            migrate(copy)
        copy_store(source=copy, target=engine, progress=progress)
    except CopyRefused as refusal:
        raise BackupRefused(str(refusal)) from refusal
    finally:
        copy.dispose()


def _restore_postgres(engine: Engine, data: Path, revision: str) -> None:
    from logic.store import current_revision

    if engine.dialect.name != "postgresql":
        raise BackupRefused("this is a backup of a PostgreSQL store: restore it into an empty "
                            "PostgreSQL database (HEARTH_DATABASE_URL)")
    with _connect_pg(engine) as connection:
        major = _pg_major(int(connection.exec_driver_sql("SHOW server_version_num").scalar()))
        tables = sa.inspect(connection).get_table_names()
    pg_restore, _ = _pg_tool("pg_restore", major)
    clean: list[str] = []
    if tables:  # an empty store already migrated (the app was started on it)
        at = current_revision(engine)
        if at != revision:
            raise BackupRefused(
                f"the empty store at {_shown(engine)} already has schema {at}, the backup {revision}: "
                "restore into a new, empty database (createdb)")
        clean = ["--clean", "--if-exists"]
    engine.dispose()
    url, env = _libpq(engine)
    done = subprocess.run([pg_restore, "--no-owner", "--single-transaction", "--exit-on-error",
                           *clean, f"--dbname={url}", str(data)],
                          capture_output=True, text=True, env=env, timeout=24 * 3600)
    if done.returncode != 0:
        raise BackupRefused(f"pg_restore failed and nothing was restored: {_first_error(done.stderr)}")
