"""Webhook tests: a receiver on loopback (so private networks are allowed here), the slots
tests' frozen instant, and a worker the test drives (``worker.drain()``)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.worker import Worker
from tests.conftest import TEST_ARGON2, Account, handlers
from tests.slots.helpers import NOW, make_event_type, make_schedule
from tests.webhooks.receiver import Receiver


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        base_url="http://localhost:8000",
        embedded_worker=False,
        webhook_allow_private_networks=True,
        webhook_timeout_seconds=5,
        outbox_retry_base_seconds=10,
        outbox_retry_max_seconds=600,
        **TEST_ARGON2,  # type: ignore[arg-type]
    )


@pytest.fixture
def worker(app: FastAPI, settings: Settings, clock: FrozenClock) -> Worker:
    return Worker(app.state.engine, settings, clock, handlers(settings, app), rng=random.Random(5))


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)
