"""Alembic environment: one metadata (every domain's tables), run online against the URL the
runner put in the config. On PostgreSQL an advisory lock makes concurrent starts migrate once."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

import slotwise.models  # noqa: F401  (registers every table on Base.metadata)
from slotwise.db import Base, make_engine

MIGRATION_LOCK_ID = 7_361_208_145  # arbitrary, constant: "slotwise migrations"


def run_migrations_online() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        if context.get_context().dialect.name == "postgresql":
            context.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})"))
        context.run_migrations()


run_migrations_online()
