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


def test_a_database_made_from_a_template_starts_as_its_copy_and_goes_its_own_way(
    postgres_cluster,
) -> None:
    # The `store` fixture relies on this: one migrated template a worker, a copy a test.
    template_url = postgres_cluster.create_database("template")
    template = template_url.rsplit("/", 1)[1]
    engine = sa.create_engine(template_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("create table household (reference text)"))
        conn.execute(sa.text("insert into household values ('HH-000001')"))
    engine.dispose()  # nobody may be connected to a template while it is copied

    copies = [postgres_cluster.create_database(template=template) for _ in range(2)]
    first = sa.create_engine(copies[0], poolclass=sa.pool.NullPool)
    with first.begin() as conn:
        conn.execute(sa.text("insert into household values ('HH-000002')"))
    first.dispose()

    def references(url: str) -> list[str]:
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        with engine.connect() as conn:
            found = conn.execute(sa.text("select reference from household order by 1")).scalars().all()
        engine.dispose()
        return found

    try:
        assert references(copies[0]) == ["HH-000001", "HH-000002"]
        assert references(copies[1]) == ["HH-000001"]
        assert references(template_url) == ["HH-000001"]
    finally:
        for url in (*copies, template_url):
            postgres_cluster.drop_database(url)
