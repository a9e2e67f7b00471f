"""The stores the benchmark measures: the generated large store (built once, cached under
data/bench/ and rebuilt when the schema head, the generator or its size changes), the demo
store (as `python -m logic.store init --demo` seeds it), and the same large store on a
throwaway PostgreSQL cluster (tests/support/postgres.py) where one can start.

Each run measures a working copy of a cached DuckDB file, so the writes a measurement makes
(a batch of letters, the audit rows of each screen) never reach the cache.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from logic import clock
from logic.store import head_revision, init_store

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "data" / "bench"
GENERATOR = ROOT / "logic" / "store_generate.py"


@dataclass(frozen=True)
class Built:
    url: str
    seconds: float | None  # None: reused from the cache
    note: str


def _stamp(**facts) -> dict:
    return {"schema": head_revision(),
            "generator": hashlib.sha256(GENERATOR.read_bytes()).hexdigest()[:16], **facts}


def _cached(path: Path, stamp: dict) -> bool:
    stamp_file = path.with_suffix(".json")
    return path.exists() and stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp


def _working_copy(path: Path) -> str:
    work = path.with_name(path.stem + ".work.duckdb")
    for old in (work, work.with_name(work.name + ".wal")):
        old.unlink(missing_ok=True)
    shutil.copyfile(path, work)
    return f"duckdb:///{work}"


def large_duckdb(households: int, seed: int, day: date, rebuild: bool = False) -> Built:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"hearth-{households}.duckdb"
    stamp = _stamp(households=households, seed=seed, today=day.isoformat())
    seconds = None
    if rebuild or not _cached(path, stamp):
        from logic.store_generate import generate_store

        for old in (path, path.with_name(path.name + ".wal"), path.with_suffix(".json")):
            old.unlink(missing_ok=True)
        engine = create_engine(f"duckdb:///{path}", poolclass=NullPool)
        try:
            summary = generate_store(households=households, seed=seed, today=day, engine=engine)
        finally:
            engine.dispose()
        seconds = summary.seconds
        path.with_suffix(".json").write_text(json.dumps(stamp))
        print(f"built {path.name}: {summary}")
    return Built(_working_copy(path), seconds, f"{households:,} households (seed {seed})")


def demo_duckdb(day: date) -> Built:
    """The demo store, seeded as `python -m logic.store init --demo` does, as on `day`."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / "hearth-demo.duckdb"
    stamp = _stamp(demo=True, today=day.isoformat())
    seconds = None
    if not _cached(path, stamp):
        for old in (path, path.with_name(path.name + ".wal"), path.with_suffix(".json")):
            old.unlink(missing_ok=True)
        began = time.perf_counter()
        engine = create_engine(f"duckdb:///{path}", poolclass=NullPool)
        try:
            with clock.fixed(day):
                print(init_store(demo=True, engine=engine))
            with engine.connect() as connection:
                connection.exec_driver_sql("CHECKPOINT")
        finally:
            engine.dispose()
        seconds = time.perf_counter() - began
        path.with_suffix(".json").write_text(json.dumps(stamp))
    return Built(_working_copy(path), seconds, "the demo store")


def large_postgres(cluster, households: int, seed: int, day: date) -> Built:
    """The same large store on PostgreSQL (COPY), in a database of the throwaway cluster."""
    from logic.store_generate import generate_store

    url = cluster.create_database(name="hearth_bench")
    engine = create_engine(url, poolclass=NullPool)
    try:
        summary = generate_store(households=households, seed=seed, today=day, engine=engine)
    finally:
        engine.dispose()
    print(f"built the PostgreSQL store: {summary}")
    return Built(url, summary.seconds, f"{households:,} households on PostgreSQL")
