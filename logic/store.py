"""Creating, upgrading and seeding the store; the command behind `make run`.

    python -m logic.store init [--demo]   migrate to the latest schema; with --demo, seed the
                                          demo data when (and only when) the store is empty
    python -m logic.store status          print the schema revision and every table's rows
    python -m logic.store generate --households N [--seed S] [--today YYYY-MM-DD]
                                          fill an EMPTY store with N households' ten years of
                                          casework, in bulk, for measuring at scale
                                          (logic/store_generate.py); refuses a store with rows
    python -m logic.store copy --to URL    copy every row of this store (HEARTH_DATABASE_URL, or
                                          the DuckDB file) into an EMPTY database at URL, e.g.
                                          a DuckDB file moving to PostgreSQL (logic/store_copy.py)
    python -m logic.store backup --to FILE
                                          back the store up into a new file (a zip: the data,
                                          its schema revision and every table's rows); see
                                          logic/store_backup.py
    python -m logic.store restore --from FILE
                                          restore a backup into an EMPTY store, then count
                                          every table's rows against the backup's record
    python -m logic.store check [--data DIR]
                                          load and check every policy file, letter template
                                          and the signposting directory (as the app does on
                                          start); exit 1 naming the file, key and reason

The DuckDB file can be opened by one process at a time: run these while the app is stopped.
Run while the app holds the file, a command says so in one line and exits 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

import logic.migrations  # noqa: F401  (registers DuckDB with Alembic)
from logic.db import dispose_engines, engine_for
from logic.models import Household, HousingCase, Officer

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision() -> str:
    """The latest revision. The history is one chain (features built side by side are joined
    by a merge revision), so this raises if a second head has crept in rather than pick one."""
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration found under {MIGRATIONS_DIR / 'versions'}")
    return head


def revisions_in_order() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(engine: Engine | None = None) -> str | None:
    engine = engine or engine_for()
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


def migrate(engine: Engine | None = None, revision: str = "head") -> str | None:
    """Upgrade the store to `revision` (the one head unless told); every step runs in one
    transaction."""
    engine = engine or engine_for()
    config = _alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return current_revision(engine)


def ensure_current_schema(engine: Engine | None = None) -> None:
    engine = engine or engine_for()
    if current_revision(engine) != head_revision():
        migrate(engine)


def store_is_empty(engine: Engine | None = None) -> bool:
    engine = engine or engine_for()
    if not inspect(engine).has_table("officer"):
        return True
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Officer)).one() == 0


def row_counts(engine: Engine | None = None) -> dict[str, int]:
    engine = engine or engine_for()
    with Session(engine) as session:
        return {
            model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Officer, Household, HousingCase)
        }


def init_store(*, demo: bool, engine: Engine | None = None, seed: int | None = None) -> str:
    """Migrate; seed the demo only into an empty store. Returns what was done, for the log."""
    engine = engine or engine_for()
    was_empty = store_is_empty(engine)
    migrate(engine)
    if not demo:
        return f"store at revision {current_revision(engine)}"
    if not was_empty:
        return f"store at revision {current_revision(engine)}; it holds data, so no demo was seeded"
    from logic.seed import DEFAULT_SEED, seed_demo

    summary = seed_demo(engine=engine, seed=DEFAULT_SEED if seed is None else seed)
    return f"store at revision {current_revision(engine)}; seeded demo data: {summary}"


_LOCK = re.compile(r'Could not set lock on file "(?P<file>[^"]+)": Conflicting lock is held in '
                   r'.*?\(PID (?P<pid>\d+)\)')


def held_by_another_process(error: BaseException) -> str | None:
    """One line for DuckDB's refusal to open a file another process (the app) holds, or None
    when the error is something else."""
    found = _LOCK.search(str(error))
    if found is None:
        return None
    return (f"the store {found['file']} is in use by another process (PID {found['pid']}), most "
            "likely the running app: stop the app and run this command again, or do this from "
            "inside the app")


def saying_when_held(run: Callable[[], int]) -> int:
    """Run an admin command; if another process (most likely the app) holds the DuckDB file,
    say so in one line and exit 1, not with DuckDB's long traceback."""
    try:
        return run()
    except OperationalError as error:
        line = held_by_another_process(error)
        if line is None:
            raise
        print(line, file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    return saying_when_held(lambda: _main(argv))


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m logic.store", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="migrate to the latest schema (and seed the demo if empty)")
    init.add_argument("--demo", action="store_true", help="seed demo data into an empty store")
    init.add_argument("--seed", type=int, default=None, help="random seed of the demo data")
    sub.add_parser("status", help="schema revision and row counts")
    generate = sub.add_parser("generate", help="fill an empty store with a large council's ten years")
    generate.add_argument("--households", type=int, required=True, help="how many households")
    generate.add_argument("--seed", type=int, default=14, help="random seed (the same seed, the same store)")
    generate.add_argument("--today", type=date.fromisoformat, default=None,
                          help="the day the history ends (YYYY-MM-DD; default: today)")
    generate.add_argument("--quiet", action="store_true", help="no progress bar")
    copy = sub.add_parser("copy", help="copy every row into an empty database (e.g. to PostgreSQL)")
    copy.add_argument("--to", required=True, metavar="URL",
                      help="SQLAlchemy URL of the empty target, e.g. postgresql+psycopg://u:p@host/db")
    copy.add_argument("--quiet", action="store_true", help="no progress bar")
    backup = sub.add_parser("backup", help="back the store up into a new file")
    backup.add_argument("--to", required=True, metavar="FILE", help="the backup file to write")
    restore = sub.add_parser("restore", help="restore a backup into an empty store")
    restore.add_argument("--from", dest="source", required=True, metavar="FILE",
                         help="the backup file to restore")
    restore.add_argument("--quiet", action="store_true", help="no progress bar")
    check = sub.add_parser("check", help="check every policy file, letter template and the directory")
    check.add_argument("--data", metavar="DIR", default=None,
                       help="a data folder (policy/, letters/, services/) other than the project's")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.data)
    if args.command == "generate":
        return _generate(args)
    if args.command == "copy":
        return _copy(args)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(args)
    if args.command == "init":
        print(init_store(demo=args.demo, seed=args.seed))
    else:
        engine = engine_for()
        print(f"revision {current_revision(engine)} (latest {head_revision()})")
        from logic.store_generate import rows_in_store

        for table, count in rows_in_store(engine).items():
            print(f"{table}: {count}")
    return 0


def _backup_or_restore(args: argparse.Namespace) -> int:
    from logic.store_backup import BackupRefused, backup_store, restore_store

    try:
        if args.command == "backup":
            summary = backup_store(engine_for(), args.to)
        else:
            summary = restore_store(engine_for(), args.source, progress=not args.quiet)
    except BackupRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    finally:
        dispose_engines()
    print(summary)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from logic.store_generate import StoreNotEmpty, generate_store

    try:
        summary = generate_store(households=args.households, seed=args.seed, today=args.today,
                                 progress=not args.quiet)
    except (StoreNotEmpty, ValueError) as refusal:
        print(refusal, file=sys.stderr)
        return 1
    finally:
        dispose_engines()  # closes DuckDB's file before the process ends
    print(summary)
    return 0


def _copy(args: argparse.Namespace) -> int:
    from logic.store_copy import CopyRefused, copy_store

    try:
        summary = copy_store(source=engine_for(), target=engine_for(args.to), progress=not args.quiet)
    except CopyRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    finally:
        dispose_engines()
    print(summary)
    return 0


def _check(data_dir: str | None) -> int:
    from logic.common.startup import check_policy_files

    checks = check_policy_files(data_dir)
    for checked in checks:
        status = "ok" if checked.ok else "--" if not checked.checked else "REFUSED"
        print(f"{status:<8} {checked.file:<24} {checked.problem or checked.summary}")
    refused = sum(checked.problem is not None for checked in checks)
    if refused:
        print(f"{refused} file{'s' if refused > 1 else ''} refused: Hearth will not start until "
              "fixed", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
