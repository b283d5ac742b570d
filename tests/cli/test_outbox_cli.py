"""``slotwise worker --once``, ``slotwise outbox list`` and ``slotwise outbox retry``, on the
test's database (SQLite or PostgreSQL), with SMTP unset: emails become .eml files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from slotwise.clock import SystemClock
from slotwise.db import make_engine, make_session_factory, transaction
from slotwise.outbox import service as outbox
from slotwise.outbox.models import OutboxMessage, OutboxState
from tests.cli.helpers import cli_env, error_line, invoke, json_output

PAYLOAD: dict[str, Any] = {
    "template": "scheduled",
    "role": "attendee",
    "ics": "REQUEST",
    "to": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC", "language": "en"},
    "booking": {
        "uid": "b" * 32,
        "title": "Intro",
        "description": None,
        "start": "2030-03-26T09:00:00+00:00",
        "end": "2030-03-26T09:30:00+00:00",
        "location": None,
        "status": "ACCEPTED",
        "icsUid": "b@slotwise",
        "icsSequence": 0,
        "reason": None,
        "organizer": {"name": "Alice", "email": "alice@example.com", "timeZone": "UTC"},
        "guests": [],
        "attendees": [{"name": "Ann", "email": "ann@example.com"}],
    },
}


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, Any]:
    return cli_env(tmp_path / "data", database_url)


def add_rows(database_url: str, count: int) -> list[int]:
    engine = make_engine(database_url)
    try:
        with transaction(make_session_factory(engine, write_lock=True)) as session:
            rows = [
                outbox.enqueue(session, "email", PAYLOAD, now=SystemClock().now())
                for _ in range(count)
            ]
            session.flush()
            return [row.id for row in rows]
    finally:
        engine.dispose()


def set_state(database_url: str, row_id: int, state: OutboxState) -> None:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session, session.begin():
            session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row_id).values(state=state.value)
            )
    finally:
        engine.dispose()


def states(database_url: str) -> list[str]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(OutboxMessage.state).order_by(OutboxMessage.id)))
    finally:
        engine.dispose()


def test_worker_once_delivers_and_list_shows_it(
    env: dict[str, Any], database_url: str, tmp_path: Path
) -> None:
    first, second = add_rows(database_url, 2)
    pending = json_output(invoke(["outbox", "list", "--state", "pending", "--json"], env))
    assert [row["id"] for row in pending] == [second, first]  # newest first
    assert pending[0]["to"] == "ann@example.com"

    result = invoke(["worker", "--once"], env)
    assert result.exit_code == 0, result.output
    assert "2 outbox rows" in result.stdout
    assert states(database_url) == ["delivered", "delivered"]
    assert len(list((tmp_path / "data" / "outbox-emails").glob("*.eml"))) == 2
    assert json_output(invoke(["outbox", "list", "--state", "pending", "--json"], env)) == []
    table = invoke(["outbox", "list"], env)
    assert table.exit_code == 0
    assert "delivered" in table.stdout


def test_retry_puts_a_failed_row_back(env: dict[str, Any], database_url: str) -> None:
    (row_id,) = add_rows(database_url, 1)
    set_state(database_url, row_id, OutboxState.FAILED)
    result = invoke(["outbox", "retry", str(row_id)], env)
    assert result.exit_code == 0, result.output
    assert f"outbox row {row_id} (email to ann@example.com) is pending again" in result.stdout
    assert states(database_url) == ["pending"]


def test_retry_refuses_unknown_and_delivered_rows(env: dict[str, Any], database_url: str) -> None:
    (row_id,) = add_rows(database_url, 1)
    assert "not found" in error_line(invoke(["outbox", "retry", "999"], env))
    set_state(database_url, row_id, OutboxState.DELIVERED)
    assert "is delivered" in error_line(invoke(["outbox", "retry", str(row_id)], env))
    assert states(database_url) == ["delivered"]


def test_an_unknown_state_is_a_usage_error(env: dict[str, Any]) -> None:
    result = invoke(["outbox", "list", "--state", "lost"], env)
    assert result.exit_code == 2
