"""SQLite has one writer. A transaction that reads and then writes must take the write lock
at BEGIN (``write_lock=True`` factories), or a concurrent commit makes its write fail with
"database is locked" instead of waiting its turn."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import OperationalError

from slotwise.db import make_engine, make_session_factory
from slotwise.migrations.runner import upgrade
from slotwise.users.models import User

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    url = f"sqlite:///{tmp_path / 'lock.db'}"
    upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine, write_lock=True)() as session:
        session.add(new_user("first"))
        session.commit()
    return engine


def new_user(username: str) -> User:
    return User(email=f"{username}@example.com", username=username, created_at=NOW, updated_at=NOW)


def test_a_deferred_reader_that_then_writes_loses_to_a_concurrent_commit(engine: Engine) -> None:
    """The failure the write lock exists to prevent (shown, so the test below means something)."""
    reader = make_session_factory(engine)()
    other = make_session_factory(engine, write_lock=True)()
    assert reader.scalar(select(func.count()).select_from(User)) == 1  # snapshot taken
    other.add(new_user("second"))
    other.commit()
    with pytest.raises(OperationalError, match="locked"):
        reader.execute(update(User).values(bio="stale write"))
    reader.rollback()
    reader.close()
    other.close()


def test_writers_queue_behind_each_other_and_both_succeed(engine: Engine) -> None:
    factory = make_session_factory(engine, write_lock=True)
    events: list[str] = []
    first_has_lock = threading.Event()

    first = factory()
    first.scalar(select(func.count()).select_from(User))  # BEGIN IMMEDIATE: lock held
    first_has_lock.set()

    def second_writer() -> None:
        first_has_lock.wait()
        with factory() as second:
            count = second.scalar(select(func.count()).select_from(User))
            events.append(f"second saw {count}")
            second.add(new_user("second"))
            second.commit()

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(timeout=0.3)
    assert thread.is_alive(), "the second writer should be waiting for the lock"
    first.add(new_user("third"))
    events.append("first commits")  # recorded before the commit that releases the lock
    first.commit()
    first.close()
    thread.join(timeout=10)
    assert not thread.is_alive()
    # The second writer began only after the first committed, so it saw the first's row.
    assert events == ["first commits", "second saw 2"]
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 3
