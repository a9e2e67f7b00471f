"""Alembic migrations of the store. Importing this package registers DuckDB with Alembic."""

from alembic.ddl.impl import DefaultImpl


class DuckDBImpl(DefaultImpl):
    """Alembic has no DuckDB dialect of its own; DuckDB speaks PostgreSQL-flavoured DDL."""

    __dialect__ = "duckdb"
    transactional_ddl = True
