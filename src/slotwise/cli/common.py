"""What every command shares: loading settings, a unit of work, and one-line errors.

Settings, SQLAlchemy, Alembic and the domains are imported inside the functions that use
them: commands that talk to a server (or only print help) never load them and start in a
fraction of the time (see "Performance" in ARCHITECTURE.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from slotwise.config import Settings

USAGE_ERROR = 2


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2, nothing else."""
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(USAGE_ERROR)


def load_settings() -> Settings:
    from pydantic import ValidationError

    from slotwise.config import ConfigurationError, Settings

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"SLOTWISE_{'_'.join(str(p) for p in e['loc']).upper()}: "
            f"{str(e['msg']).removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        fail(f"invalid settings: {problems}")
    except ConfigurationError as exc:
        fail(str(exc))


def display_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def check_database_url(url: str) -> None:
    """A URL SQLAlchemy can parse, for a dialect whose driver is installed (never echoed:
    a URL that does not parse cannot have its password hidden)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
        parsed.get_dialect().import_dbapi()
    except ArgumentError:
        fail(
            "SLOTWISE_DATABASE_URL is not a database URL we can use; expected "
            "sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DATABASE"
        )
    except ImportError:
        fail(
            f"SLOTWISE_DATABASE_URL: no database driver installed for {parsed.drivername!r}; "
            "use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DATABASE"
        )


def ensure_data_dir_or_fail(settings: Settings) -> None:
    try:
        settings.ensure_data_dir()
    except OSError as exc:
        fail(f"cannot create the data directory {settings.data_dir}: {exc.strerror or exc}")


def encryption_key_or_fail(settings: Settings) -> None:
    """Load the encryption key, or create its file (0600) in the data dir on first start."""
    from slotwise.config import ConfigurationError

    try:
        settings.load_or_create_encryption_key()
    except ConfigurationError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot read or create the encryption key in {settings.data_dir}: {exc}")


def migrate_or_fail(settings: Settings) -> None:
    from sqlalchemy.exc import OperationalError

    from slotwise.migrations.runner import upgrade

    check_database_url(settings.resolved_database_url)
    ensure_data_dir_or_fail(settings)
    try:
        upgrade(settings.resolved_database_url)
    except OperationalError as exc:
        fail(
            f"cannot reach the database at {display_url(settings.resolved_database_url)}: "
            f"{str(exc.orig).strip().splitlines()[0] if exc.orig else exc}"
        )


@contextmanager
def unit_of_work(settings: Settings) -> Iterator[Session]:
    """A migrated database and one transaction; domain errors become one-line exits."""
    from slotwise.composition import session_factory
    from slotwise.db import make_engine, transaction
    from slotwise.errors import SlotwiseError

    migrate_or_fail(settings)
    engine = make_engine(settings.resolved_database_url)
    try:
        with transaction(session_factory(engine, write_lock=True)) as session:
            yield session
    except SlotwiseError as exc:
        fail(exc.message)
    finally:
        engine.dispose()
