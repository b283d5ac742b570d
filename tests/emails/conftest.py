"""Email tests: a real SMTP sink and a webhook receiver on loopback, the app pointed at both,
and a worker the test drives (``worker.drain()``) at the slots tests' frozen instant."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.worker import Worker
from tests.conftest import TEST_ARGON2, handlers
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import NOW
from tests.webhooks.receiver import Receiver


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, smtp: SmtpSink) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        base_url="http://localhost:8000",
        embedded_worker=False,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_starttls=False,
        smtp_timeout_seconds=5,
        webhook_allow_private_networks=True,
        webhook_timeout_seconds=5,
        **TEST_ARGON2,  # type: ignore[arg-type]
    )


@pytest.fixture
def worker(app: FastAPI, settings: Settings, clock: FrozenClock) -> Worker:
    return Worker(app.state.engine, settings, clock, handlers(settings, app), rng=random.Random(3))
