"""Two workers, each with its own engine and connections, drain one outbox at the same time:
every row is delivered exactly once (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: claims
serialized by BEGIN IMMEDIATE), and both workers get a share of the work on PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import make_engine, transaction
from slotwise.emails.delivery import EmailHandler
from slotwise.outbox import service as outbox
from slotwise.outbox.models import OutboxMessage, OutboxState
from slotwise.outbox.service import Claimed
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.helpers import NOT_LATER
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule

ROWS = 300


class Counting(EmailHandler):
    """The real email handler, counting what this worker delivered."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.count = 0

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        result = super().deliver(message)
        self.count += 1
        return result


def test_each_row_is_delivered_once(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    settings: Settings,
    smtp: SmtpSink,
    backend: str,
    clock: FrozenClock,
) -> None:
    make_schedule(client, alice, "Europe/London")
    intro = make_event_type(client, alice)
    attendee = {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"}
    body = {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": attendee}
    data(client.post("/v2/bookings", headers=v2(), json=body), 201)
    with transaction(app.state.write_session_factory) as session:
        template = session.scalars(
            select(OutboxMessage).where(NOT_LATER).order_by(OutboxMessage.id)
        ).first()
        assert template is not None
        now = clock.now()
        for index in range(ROWS - 2):
            payload = dict(template.payload)
            payload["to"] = {**payload["to"], "email": f"reader{index:03d}@example.com"}
            outbox.enqueue(session, "email", payload, now=now, ordering_key=f"r{index}")

    settings = settings.model_copy(update={"outbox_batch_size": 10})
    handlers = [Counting(settings), Counting(settings)]
    engines = [make_engine(settings.resolved_database_url) for _ in handlers]
    workers = [
        Worker(engine, settings, clock, {"email": handler})
        for engine, handler in zip(engines, handlers, strict=True)
    ]
    start = threading.Barrier(len(workers))

    def run(worker: Worker) -> None:
        start.wait()
        worker.drain()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for engine in engines:
        engine.dispose()

    received = smtp.received
    assert len(received) == ROWS
    assert max(Counter(m.message_id for m in received).values()) == 1
    assert sum(h.count for h in handlers) == ROWS
    with app.state.session_factory() as session:
        rows = list(session.scalars(select(OutboxMessage).where(NOT_LATER)))
    assert {r.state for r in rows} == {OutboxState.DELIVERED.value}
    assert {r.attempts for r in rows} == {1}
    if backend == "postgres":  # SKIP LOCKED lets both work at once
        assert min(h.count for h in handlers) > 0
