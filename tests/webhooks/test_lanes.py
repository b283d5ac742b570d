"""Webhooks and emails go in separate lanes (a worker thread each): a webhook receiver that
takes its time never delays a booking's emails."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.composition import outbox_handlers
from slotwise.config import Settings
from slotwise.outbox.models import OutboxMessage
from slotwise.outbox.worker import EmbeddedWorker, lane_workers
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import TEST_ARGON2, Account
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data
from tests.webhooks.receiver import Receiver

HANG_GUARD = 120  # seconds; only reached when something is broken


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path, smtp: SmtpSink) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        embedded_worker=False,
        webhook_allow_private_networks=True,
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_starttls=False,
        outbox_poll_seconds=0.05,
        **TEST_ARGON2,  # type: ignore[arg-type]
    )


def test_a_slow_webhook_receiver_never_delays_the_emails(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    intro: int,
    settings: Settings,
    clock: FrozenClock,
    receiver: Receiver,
    smtp: SmtpSink,
) -> None:
    body = {"subscriberUrl": receiver.url, "triggers": ["BOOKING_CREATED"], "active": True}
    data(client.post("/v2/webhooks", headers=alice.headers, json=body), 201)
    receiver.hold()  # the receiver sits on every request until the test releases it
    workers = EmbeddedWorker(
        lane_workers(app.state.engine, settings, clock, outbox_handlers(settings, app.state.engine))
    )
    workers.start()
    try:
        attendee = {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"}
        first = {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": attendee}
        data(client.post("/v2/bookings", headers=v2(), json=first), 201)
        deadline = time.monotonic() + HANG_GUARD
        while not receiver.received() and time.monotonic() < deadline:
            time.sleep(0.02)  # until the receiver holds the first booking's webhook
        assert receiver.received(), "the first webhook never reached the receiver"
        second = {**first, "start": "2030-03-26T11:00:00Z"}
        data(client.post("/v2/bookings", headers=v2(), json=second), 201)
        smtp.wait_for(4, timeout=HANG_GUARD)  # both bookings' attendee and host emails
        # The emails went out while the webhook's one attempt was still waiting for its
        # answer: had they shared its lane, they would have waited for that attempt to end
        # (an answer or the 10 s timeout), which records an outcome on the row.
        in_flight = webhook_rows(app)
    finally:
        receiver.release()
        workers.stop()
    first_webhook = in_flight[0]  # the second booking's waits its turn in the webhook lane
    assert (first_webhook.attempts, first_webhook.last_result, first_webhook.last_error) == (
        1,
        None,
        None,
    )


def webhook_rows(app: FastAPI) -> list[OutboxMessage]:
    with app.state.session_factory() as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "webhook").order_by(OutboxMessage.id)
        ).all()
        session.expunge_all()
        return list(rows)


def test_lanes_never_share_a_connection(
    app: FastAPI, settings: Settings, clock: FrozenClock
) -> None:
    """Each lane closes its handlers when it goes idle: a shared SMTP connection was once
    QUIT by the idle webhook lane in the middle of the email lane's DATA."""
    # general, webhooks, and any lane another domain adds (calendars)
    workers = lane_workers(
        app.state.engine, settings, clock, outbox_handlers(settings, app.state.engine)
    )
    assert len(workers) >= 2
    handler_ids = [{id(h) for h in worker._handlers.values()} for worker in workers]
    for index, mine in enumerate(handler_ids):
        for theirs in handler_ids[index + 1 :]:
            assert mine & theirs == set()
