"""Reminders due at one moment, two workers (each with its own engine) draining at once:
each reminder is delivered exactly once (PostgreSQL: SKIP LOCKED; SQLite: serialized claims)."""

from __future__ import annotations

import threading

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import make_engine, transaction
from slotwise.outbox import service as outbox
from slotwise.outbox.worker import Worker
from tests.conftest import Account, handlers
from tests.outbox.smtp_sink import SmtpSink
from tests.workflows.helpers import create_workflow, reminder_rows, workflow_body
from tests.workflows.test_reminders import book, intro

__all__ = ["intro"]
COPIES = 60


def test_each_reminder_is_sent_once_by_two_workers(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    intro: int,
    settings: Settings,
    smtp: SmtpSink,
    clock: FrozenClock,
) -> None:
    create_workflow(client, alice, workflow_body([intro]))
    book(client, intro)
    (row,) = reminder_rows(app)
    with transaction(app.state.write_session_factory) as session:
        for index in range(COPIES - 1):
            payload = {**row.payload, "to": {**row.payload["to"], "email": f"r{index}@example.com"}}
            outbox.enqueue(
                session, row.kind, payload, now=clock.now(), due_at=row.due_at, topic=row.topic
            )
    clock.advance(hours=26)
    settings = settings.model_copy(update={"outbox_batch_size": 5})
    engines = [make_engine(settings.resolved_database_url) for _ in range(2)]
    workers = [Worker(engine, settings, clock, handlers(settings, app)) for engine in engines]
    start = threading.Barrier(2)

    def run(worker: Worker) -> None:
        start.wait()
        worker.drain()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    # The booking's own two emails (attendee, host) went out too.
    received = [m for m in smtp.wait_for(COPIES + 2) if m.message["X-Slotwise-Workflow-Id"]]
    assert len(received) == COPIES
    assert len({mail.message_id for mail in received}) == COPIES
    assert {r.state for r in reminder_rows(app)} == {"delivered"}
