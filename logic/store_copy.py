"""Moving a store to another database: `python -m logic.store copy --to URL`.

A team that outgrows one machine moves its DuckDB file to PostgreSQL (README, "Moving to
PostgreSQL"); the same command copies a PostgreSQL store back to a DuckDB file (a copy to
inspect, or to hand to a supplier under a data-sharing agreement). Every row of every table is
copied with its id, so case references, events and audit rows are the same on the other side,
and every id sequence is moved past the largest id so the services' next row gets a fresh key.

The target must be empty: it is migrated to the latest schema first, and the source must be at
that schema too (run `python -m logic.store init` on it first), so the two have the same tables
and columns. Rows are read and written a batch at a time, in foreign-key order, in one
transaction on the target: a copy that fails leaves the target empty, never half-written. At the
end the rows of every table are counted on both sides; a difference is an error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import SQLModel

import logic.models  # noqa: F401  (every table on SQLModel.metadata)
from logic.store_generate import _arrow_type as arrow_type
from logic.store_generate import rows_in_store

BATCH = 50_000


class CopyRefused(RuntimeError):
    """The copy cannot start (or did not finish): the message says why, in the IT team's words."""


@dataclass(frozen=True)
class CopySummary:
    counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        total = sum(self.counts.values())
        return (f"copied {total:,} rows in {len(self.counts)} tables in {self.seconds:.1f} s; "
                "every table's rows counted equal on both sides")


def duckdb_error() -> type[Exception]:
    import duckdb

    return duckdb.Error


def _shown(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _tables() -> list[sa.Table]:
    return list(SQLModel.metadata.sorted_tables)  # parents before children


def _batches(source: Engine, table: sa.Table) -> Iterator[list[tuple]]:
    columns = [c for c in table.columns]
    query = sa.select(*columns).order_by(table.c.id) if "id" in table.c else sa.select(*columns)
    with source.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for partition in result.partitions(BATCH):
            yield [tuple(row) for row in partition]


def _write_postgres(target: Engine, plan: list[tuple[sa.Table, Iterator[list[tuple]]]],
                    tick: Callable[[int], None]) -> None:
    raw = target.raw_connection()
    try:
        connection = raw.driver_connection
        with connection.cursor() as cursor:
            for table, batches in plan:
                columns = ", ".join(f'"{c.name}"' for c in table.columns)
                with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                    for batch in batches:
                        for row in batch:
                            copy.write_row(row)
                        tick(len(batch))
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        raw.close()


def _write_duckdb(target: Engine, plan: list[tuple[sa.Table, Iterator[list[tuple]]]],
                  tick: Callable[[int], None]) -> None:
    """Insert from Arrow batches over DuckDB's own connection to the file (executemany would
    take hours for a million events); the engine's pool is closed first: one file, one writer."""
    import duckdb
    import pyarrow as pa

    target.dispose()
    duck = duckdb.connect(target.url.database)
    try:
        duck.begin()
        for table, batches in plan:
            schema = pa.schema([(c.name, arrow_type(c)) for c in table.columns])
            columns = ", ".join(f'"{c.name}"' for c in table.columns)
            for batch in batches:
                frame = pa.Table.from_pylist(
                    [dict(zip(schema.names, row, strict=True)) for row in batch], schema=schema)
                duck.register("copied_frame", frame)
                duck.execute(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} FROM copied_frame')
                duck.unregister("copied_frame")
                tick(len(batch))
        duck.commit()
        duck.execute("CHECKPOINT")
    except BaseException:
        duck.rollback()
        raise
    finally:
        duck.close()


def _write_generic(target: Engine, plan: list[tuple[sa.Table, Iterator[list[tuple]]]],
                   tick: Callable[[int], None]) -> None:
    with target.begin() as connection:
        for table, batches in plan:
            names = [c.name for c in table.columns]
            for batch in batches:
                connection.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in batch])
                tick(len(batch))


def _advance_sequences(target: Engine) -> None:
    """Every id sequence past the largest id copied (as the generator does after its load)."""
    with target.begin() as connection:
        for table in _tables():
            if "id" not in table.c:
                continue
            column = table.c.id
            sequence = column.default if isinstance(column.default, sa.Sequence) else None
            top = connection.execute(sa.text(f'SELECT max(id) FROM "{table.name}"')).scalar() or 0
            if not top:
                continue
            if target.dialect.name == "duckdb":
                if sequence is None:
                    continue
                # DuckDB has no setval: draw the sequence on to the top
                connection.execute(sa.text(
                    f"SELECT max(nextval('{sequence.name}')) FROM range({int(top)})"))
            else:
                name = sequence.name if sequence is not None else connection.execute(sa.text(
                    "SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
                if name:
                    connection.execute(sa.text("SELECT setval(:s, :v)"), {"s": name, "v": int(top)})


def copy_store(*, source: Engine, target: Engine, progress: bool = True) -> CopySummary:
    """Copy every row of `source` into the empty `target` (migrated here to the latest schema)."""
    from tqdm import tqdm

    from logic.store import current_revision, head_revision, migrate

    if source.url == target.url:
        raise CopyRefused("The store to copy to is the store being copied: give another database.")
    head = head_revision()
    if current_revision(source) != head:
        raise CopyRefused(
            f"The store at {_shown(source)} is at schema {current_revision(source) or 'none'}, "
            f"not the latest ({head}): run `python -m logic.store init` on it first.")
    held = rows_in_store(target)
    if held:
        shown = ", ".join(f"{n:,} {t}" for t, n in list(held.items())[:4])
        raise CopyRefused(
            f"The store at {_shown(target)} already holds data ({shown}): copy into an empty "
            "database only, so nothing there is overwritten or mixed.")
    began = time.perf_counter()
    migrate(target)
    counts = rows_in_store(source)
    tables = [t for t in _tables() if counts.get(t.name)]
    plan = [(t, _batches(source, t)) for t in tables]
    with tqdm(total=sum(counts.values()), unit=" rows", desc="copying", disable=not progress,
              mininterval=0.5) as bar:
        try:
            if target.dialect.name == "postgresql":
                _write_postgres(target, plan, bar.update)
            elif target.dialect.name == "duckdb":
                _write_duckdb(target, plan, bar.update)
            else:
                _write_generic(target, plan, bar.update)
        except (sa.exc.SQLAlchemyError, duckdb_error()) as error:
            raise CopyRefused(f"The copy stopped and nothing was kept on the target: {error}") from error
    _advance_sequences(target)
    copied = rows_in_store(target)
    differ = {t: (n, copied.get(t, 0)) for t, n in counts.items() if copied.get(t, 0) != n}
    if differ:
        shown = "; ".join(f"{t}: {a:,} in the source, {b:,} copied" for t, (a, b) in differ.items())
        raise CopyRefused(f"The copy does not match the source: {shown}.")
    return CopySummary(counts, time.perf_counter() - began)
