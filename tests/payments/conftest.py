"""Payment tests: the slots tests' frozen instant, a Stripe-shaped server on loopback, and a
worker the test drives with the frozen clock."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from slotwise.clock import FrozenClock
from slotwise.composition import outbox_handlers
from slotwise.config import Settings
from slotwise.outbox.worker import Worker
from tests.conftest import GENEROUS_RATE_LIMITS, TEST_ARGON2
from tests.payments.fake_stripe import SECRET_KEY, WEBHOOK_SECRET, FakeStripe
from tests.slots.helpers import NOW


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def stripe() -> Iterator[FakeStripe]:
    server = FakeStripe()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, stripe: FakeStripe) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        base_url="http://localhost:8000",
        embedded_worker=False,
        stripe_api_url=stripe.url,
        stripe_connect_url=stripe.url,
        stripe_secret_key=SECRET_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_client_id="ca_test_slotwise",
        payment_hold_minutes=45,
        webhook_allow_private_networks=True,
        **TEST_ARGON2,  # type: ignore[arg-type]
        **GENEROUS_RATE_LIMITS,  # type: ignore[arg-type]
    )


@pytest.fixture
def worker(app: FastAPI, settings: Settings, clock: FrozenClock) -> Worker:
    registry = outbox_handlers(settings, app.state.engine, clock)
    return Worker(app.state.engine, settings, clock, registry.make_handlers(), rng=random.Random(3))
