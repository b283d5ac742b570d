"""A real slotwise server on a loopback port (uvicorn in a thread, over the test's app and
database), and the CLI run in-process against it through a private config dir."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner, Result

from slotwise.cli.main import app as cli_app
from slotwise.clock import FrozenClock
from tests.cli.helpers import HANG_GUARD_SECONDS, free_port
from tests.conftest import Account
from tests.slots.helpers import NOW

TUESDAY = "2030-03-26"  # the day after the frozen Monday: 09:00-17:00 London is free
NINE = f"{TUESDAY}T09:00:00.000Z"
TEN = f"{TUESDAY}T10:00:00.000Z"


@pytest.fixture(name="clock")
def frozen_clock() -> FrozenClock:
    """Monday 2030-03-25 06:00Z, the slots tests' instant: Tuesday 09:00 London is free."""
    return FrozenClock(NOW)


@pytest.fixture(name="live_server")
def live_server_fixture(app: FastAPI) -> Iterator[str]:
    """The test's app served on 127.0.0.1:FREE_PORT; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,  # a kept-alive client never holds up the teardown
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        assert time.monotonic() < deadline, "uvicorn hung: neither started nor stopped"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@dataclass
class Cli:
    """``slotwise ...`` with a private config dir, and by default the environment's
    connection (SLOTWISE_API_URL / SLOTWISE_API_KEY) pointing at the live server."""

    config_home: Path
    base_url: str
    api_key: str | None

    def env(self, **extra: str | None) -> dict[str, str | None]:
        env: dict[str, str | None] = {
            "XDG_CONFIG_HOME": str(self.config_home),
            "SLOTWISE_API_URL": self.base_url,
            "SLOTWISE_API_KEY": self.api_key,
            "COLUMNS": "200",  # Rich tables keep whole values on one line
        }
        env.update(extra)
        return env

    def __call__(self, *args: str, stdin: str | None = None, **env: str | None) -> Result:
        return CliRunner().invoke(cli_app, list(args), env=self.env(**env), input=stdin)

    def json(self, *args: str, **env: str | None) -> Any:
        """Run an action with --json; it must succeed and print one JSON document."""
        result = self(*args, "--json", **env)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return json.loads(result.stdout)

    def run(self, action_id: str, payload: dict[str, Any] | None = None, **env: str | None) -> Any:
        args: Sequence[str] = ["action", "run", action_id]
        if payload is not None:
            args = [*args, "--input", json.dumps(payload)]
        return self.json(*args, **env)


@pytest.fixture(name="cli")
def cli_fixture(tmp_path: Path, live_server: str, alice: Account) -> Cli:
    return Cli(tmp_path / "config", live_server, alice.api_key)


def failure(result: Result, code: int) -> str:
    """The single error line of a failed command (and nothing on stdout)."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def set_up_hours_and_event_type(cli: Cli) -> int:
    """A default Mon-Fri 09-17 London schedule and a 30-minute event type, made by actions."""
    schedule = cli.run(
        "create-schedule",
        {"name": "Weekdays", "timeZone": "Europe/London", "isDefault": True},
    )["data"]
    assert schedule["isDefault"] is True
    event_type = cli.run(
        "create-event-type",
        {"title": "Intro", "slug": "intro", "lengthInMinutes": 30, "minimumBookingNotice": 0},
    )["data"]
    assert event_type["lengthInMinutes"] == 30
    return int(event_type["id"])


def book(cli: Cli, event_type_id: int, start: str, name: str = "Ann") -> dict[str, Any]:
    attendee = {"name": name, "email": f"{name.lower()}@example.com", "timeZone": "Europe/Rome"}
    booking: dict[str, Any] = cli.run(
        "create-booking", {"eventTypeId": event_type_id, "start": start, "attendee": attendee}
    )["data"]
    return booking
