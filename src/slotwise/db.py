"""Engine and session factory, the declarative Base, and the column types every domain shares.

SQLite: every connection runs in WAL mode with foreign keys on and a busy timeout, and
pysqlite's lazy transactions are replaced by an explicit BEGIN (SQLAlchemy's documented
recipe), so a transaction really starts where SQLAlchemy thinks it does. Sessions from a
``make_session_factory(engine, write_lock=True)`` factory begin with ``BEGIN IMMEDIATE``: they
take the write lock up front and queue behind other writers (busy timeout), instead of
failing with "database is locked" when a read transaction tries to become a write one after
someone else wrote. Requests that change data use them; so does a check-then-insert.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar, TypeVarTuple

from sqlalchemy import (
    JSON,
    CompoundSelect,
    DateTime,
    Engine,
    MetaData,
    Result,
    ScalarResult,
    Select,
    create_engine,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from slotwise.errors import Unavailable

SQLITE_BUSY_TIMEOUT_MS = 10_000
SQLITE_BEGIN = "sqlite_begin"  # execution option: the statement that opens a transaction
WRITER_QUEUED = "slotwise_writer_queued"  # connection info: holds the process's writer lock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Every table's __table_args__ carries this: SQLite otherwise hands a deleted row's id to the
# next insert, and a link or webhook that named the old row would reach the new one.
# (PostgreSQL sequences never reuse ids.)
NEVER_REUSE_IDS: dict[str, Any] = {"sqlite_autoincrement": True}


_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")


class ReadSession(Protocol):
    """What a read needs from a session: SELECTs and lookups by primary key, nothing that
    adds, deletes, flushes or commits. A ``Session`` satisfies it, so writers call reads;
    a read route's session is typed as one, so mypy refuses a write made through it."""

    def scalars(self, statement: Select[_T] | CompoundSelect[_T]) -> ScalarResult[_T]: ...

    def scalar(self, statement: Select[_T] | CompoundSelect[_T]) -> _T | None: ...

    def execute(self, statement: Select[*_Ts] | CompoundSelect[*_Ts]) -> Result[*_Ts]: ...

    def get(self, entity: type[_T], ident: Any) -> _T | None: ...


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: stored as UTC, always returned timezone-aware (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# JSON documents: JSONB on PostgreSQL (indexable), JSON text elsewhere.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        _keep_private(make_url(url).database)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 10}, **kwargs
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _keep_private(database: str | None) -> None:
    """The SQLite file holds password hashes and secrets: owner-only (0600). Created so
    before SQLite opens it (its -wal and -shm files take the database file's mode); an
    existing file and its companions are narrowed to it."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    # Only where SQLite itself could create the file: a missing or unusable directory stays
    # SQLite's error to report (a clear "cannot reach the database", never a traceback here).
    if not path.exists() and path.parent.is_dir():
        with suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with suppress(OSError):
            companion.chmod(0o600)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; SQLAlchemy's "begin" event below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    queue = _writer_queue(engine)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        statement = connection.get_execution_options().get(SQLITE_BEGIN, "BEGIN")
        if statement != "BEGIN IMMEDIATE":
            connection.exec_driver_sql(statement)
            return
        # Writers of this process queue here first (see make_session_factory).
        if not queue.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise Unavailable("The database is busy with other writes; try again")
        connection.info[WRITER_QUEUED] = True
        try:
            connection.exec_driver_sql(statement)
        except BaseException:
            _leave_queue(connection.info)
            raise

    def _leave_queue(info: dict[str, Any]) -> None:
        if info.pop(WRITER_QUEUED, False):
            queue.release()

    @event.listens_for(engine, "commit")
    def _on_commit(connection: Any) -> None:
        _leave_queue(connection.info)

    @event.listens_for(engine, "rollback")
    def _on_rollback(connection: Any) -> None:
        _leave_queue(connection.info)

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        _leave_queue(record.info)  # a safety net: a connection never leaves holding it


def make_session_factory(engine: Engine, *, write_lock: bool = False) -> sessionmaker[Session]:
    """Sessions on ``engine``; with ``write_lock`` their transactions start as writers.

    On SQLite, the writers of one process also queue on a process-wide lock before their
    ``BEGIN IMMEDIATE``: SQLite's own busy handler sleeps and polls, so under a burst a
    writer could keep losing the race until its busy timeout ran out ("database is
    locked"), and the slowest waits grew to seconds. Waiting on a lock hands the database
    to the next writer as soon as one commits. Writers of other processes still meet
    SQLite's busy timeout."""
    if write_lock and engine.dialect.name == "sqlite":
        engine = engine.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"})
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)


_WRITER_QUEUES: dict[str, threading.Lock] = {}
_WRITER_QUEUES_GUARD = threading.Lock()


def _writer_queue(engine: Engine) -> threading.Lock:
    """One lock per database file in this process (every factory on it shares it)."""
    with _WRITER_QUEUES_GUARD:
        return _WRITER_QUEUES.setdefault(str(engine.url), threading.Lock())


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work (a request, a CLI command, seeding): commit on success, else roll
    back. Pass a ``write_lock=True`` factory when the unit of work writes."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
