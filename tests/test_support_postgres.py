"""Self-test of the throwaway PostgreSQL support (tests/support/postgres.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.support import unavailable
from tests.support.postgres import PostgresUnavailable, start_postgres

pytestmark = pytest.mark.postgres


def test_a_throwaway_cluster_starts_answers_and_is_removed() -> None:
    try:
        cluster = start_postgres()
    except PostgresUnavailable as e:
        unavailable(f"PostgreSQL unavailable: {e}")
    root = cluster.root
    try:
        assert cluster.url.startswith("postgresql+psycopg://hearth@127.0.0.1:")
        assert cluster.url.endswith("/hearth_test")
        engine = sa.create_engine(cluster.url)
        try:
            with engine.connect() as conn:
                assert conn.execute(sa.text("select 1")).scalar_one() == 1
                assert conn.execute(sa.text("show fsync")).scalar_one() == "off"
        finally:
            engine.dispose()

        # A fresh database per module: empty, isolated, and droppable.
        url = cluster.create_database("module")
        assert url != cluster.url
        engine = sa.create_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(sa.text("create table t (x int)"))
            conn = engine.connect()
            conn.execute(sa.text("select count(*) from t")).scalar_one()
            # a connection still open: drop_database must close it (WITH FORCE)
            cluster.drop_database(url)
            conn.invalidate()
        finally:
            engine.dispose()
        admin = sa.create_engine(cluster.url_for("postgres"))
        with admin.connect() as conn:
            left = conn.execute(sa.text("select datname from pg_database")).scalars().all()
        admin.dispose()
        assert url.rsplit("/", 1)[1] not in left
        with cluster.fresh_database() as other:
            e2 = sa.create_engine(other)
            with e2.connect() as conn:
                names = sa.inspect(conn).get_table_names()
            e2.dispose()
            assert names == []
    finally:
        cluster.stop()
    assert not root.exists()
    cluster.stop()  # a second stop is harmless
