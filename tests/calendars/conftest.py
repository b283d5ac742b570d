"""Calendar tests: a real Radicale server per test module (a fresh account per test), the
slots tests' frozen instant, and an outbox worker the test drives."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.worker import Worker
from tests.calendars.radicale_server import Account as CalDavAccount
from tests.calendars.radicale_server import RadicaleServer
from tests.conftest import GENEROUS_RATE_LIMITS, TEST_ARGON2, handlers
from tests.slots.helpers import NOW


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def caldav_account(radicale: RadicaleServer) -> CalDavAccount:
    return radicale.account()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        base_url="http://localhost:8000",
        embedded_worker=False,
        calendar_allow_private_networks=True,  # Radicale and the feeds are on 127.0.0.1
        calendar_timeout_seconds=5,
        calendar_busy_wait_seconds=5,
        outbox_retry_base_seconds=10,
        outbox_retry_max_seconds=600,
        **TEST_ARGON2,  # type: ignore[arg-type]
        **GENEROUS_RATE_LIMITS,  # type: ignore[arg-type]
    )


@pytest.fixture
def worker(app: FastAPI, settings: Settings, clock: FrozenClock) -> Worker:
    return Worker(app.state.engine, settings, clock, handlers(settings, app), rng=random.Random(5))


@pytest.fixture(autouse=True)
def _background_reads_finish(app: FastAPI) -> Iterator[None]:
    """Background calendar reads end before the database goes away."""
    yield
    app.state.calendar_busy.wait_idle()
