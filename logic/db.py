"""The store: one engine a database URL, short sessions that commit or roll back as a whole.

DuckDB is the embedded default; PostgreSQL is used when HEARTH_DATABASE_URL names one.
See ../shared/spec/stack-notes.md for the DuckDB edges this module works around.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from threading import Lock

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from logic.common.limits import check_lengths
from logic.config import settings

# Every text within its one limit before any row is sent, on both stores (logic/common/limits.py).
event.listen(Session, "before_flush", check_lengths)

_engines: dict[str, Engine] = {}
_engines_lock = Lock()


def is_duckdb(url: str) -> bool:
    return url.startswith("duckdb")


def _make_engine(url: str) -> Engine:
    if is_duckdb(url):
        path = url.split("///", 1)[-1].split("?", 1)[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=False)
        # duckdb_engine says it cannot verify rowcounts, but DuckDB's rowcount is right: trusting
        # it lets a stale versioned save raise instead of silently overwriting (stack notes).
        engine.dialect.supports_sane_rowcount = True
        # duckdb_engine switches SQLAlchemy's compiled-statement cache off only because it was
        # never tried (duckdb_engine PR 268: to silence a warning); its compiler is
        # PostgreSQL's, which caches. Without it every statement is compiled afresh (1.5-2 ms a
        # query, issue 14).
        engine.dialect._supports_statement_cache = True
        return engine
    engine = create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "connect")
    def _utc(dbapi_connection, _record) -> None:  # pragma: no cover - PostgreSQL only
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
            # JIT compiling pays off for queries running minutes; Hearth's reports run for
            # fractions of a second, and at a large council's size their estimated cost passes
            # the JIT threshold: compiling them cost more than running them (issue 14)
            cursor.execute("SET jit = off")

    return engine


def engine_for(url: str | None = None) -> Engine:
    """The process's engine for a URL (one pool per database, shared by every page run)."""
    url = url or settings().database_url
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _make_engine(url)
        return engine


def dispose_engines() -> None:
    """Close every pool (tests, and before a backup of the DuckDB file)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    session = Session(engine_for(url), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
