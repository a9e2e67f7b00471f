"""Alembic environment: migrations run on the connection handed over by logic.store, or, when
a council's IT team runs the `alembic` command (alembic.ini at the project root), on the store
that HEARTH_DATABASE_URL names (the embedded DuckDB file by default), exactly as the app does."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

import logic.migrations  # noqa: F401  (registers DuckDB with Alembic)
import logic.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from logic.config import settings
from logic.db import engine_for

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    if context.config.config_file_name is not None:
        # The `alembic` command: say what it does, as the ini file's logging sections ask.
        fileConfig(context.config.config_file_name, disable_existing_loggers=False)
    # alembic.ini holds no URL on purpose: the store is configured in one place, the environment.
    url = context.config.get_main_option("sqlalchemy.url") or settings().database_url
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
