"""The outbox worker's guarantees, with a frozen clock the test moves by hand:

- SMTP down, then up: each email arrives exactly once, after backoff with jitter;
- the give-up period fails a row and keeps it; ``retry`` brings it back;
- a permanent SMTP refusal fails only its own row, at once; a temporary one is retried;
- rows with one ordering key go in order, even while the first one waits for a retry;
- a worker that dies holding a lease leaves the row to another once the lease runs out;
- future rows are cancelled with their booking and moved with its reschedule;
- without SMTP, emails become .eml files, one per row, rewritten (not duplicated) on retry.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.errors import Invalid
from slotwise.outbox import service as outbox
from slotwise.outbox.models import OutboxMessage, OutboxState
from slotwise.outbox.service import Claimed
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.helpers import NOT_LATER
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule

ANN = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/London"}


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


def book(client: TestClient, event_type_id: int, attendee: dict[str, str] = ANN) -> Any:
    body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee}
    return data(client.post("/v2/bookings", headers=v2(), json=body), 201)


def rows(app: FastAPI) -> list[OutboxMessage]:
    with app.state.session_factory() as session:
        return list(
            session.scalars(select(OutboxMessage).where(NOT_LATER).order_by(OutboxMessage.id))
        )


class Probe:
    """A handler kind of the test's own: records deliveries, fails while told to."""

    def __init__(self) -> None:
        self.delivered: list[str] = []
        self.failing: set[str] = set()

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        name = message.payload["name"]
        if name in self.failing:
            raise ConnectionError(f"{name} is unreachable")
        self.delivered.append(name)
        return None

    def close(self) -> None:
        pass


def enqueue(app: FastAPI, clock: FrozenClock, name: str, **kw: Any) -> int:
    with transaction(app.state.write_session_factory) as session:
        row = outbox.enqueue(session, "probe", {"name": name}, now=clock.now(), **kw)
        session.flush()
        return row.id


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
def probe_worker(app: FastAPI, settings: Settings, clock: FrozenClock, probe: Probe) -> Worker:
    return Worker(app.state.engine, settings, clock, {"probe": probe}, rng=random.Random(3))


class TestSmtpDownThenUp:
    def test_every_email_arrives_once_after_backoff(
        self,
        app: FastAPI,
        client: TestClient,
        intro: int,
        worker: Worker,
        smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:
        smtp.stop()
        book(client, intro)
        assert worker.run_once() == 2
        waiting = rows(app)
        for row in waiting:
            assert row.state == OutboxState.PENDING.value
            assert row.attempts == 1
            assert row.last_error is not None
            assert "Connection" in row.last_error or "refused" in row.last_error.lower()
            # First retry: base 10 s scaled by jitter in [0.5, 1).
            delay = row.next_attempt_at - clock.now()
            assert timedelta(seconds=5) <= delay < timedelta(seconds=10)
        assert worker.run_once() == 0  # nothing is due before the backoff ends

        clock.advance(seconds=10)
        assert worker.run_once() == 2  # still down: second attempt, longer wait
        for row in rows(app):
            assert row.attempts == 2
            assert (
                timedelta(seconds=10) <= row.next_attempt_at - clock.now() < timedelta(seconds=20)
            )

        smtp.start()
        clock.advance(seconds=20)
        assert worker.drain() == 2
        assert sorted(m.to for m in smtp.received) == ["alice@example.com", "ann@example.com"]
        assert all(row.state == OutboxState.DELIVERED.value for row in rows(app))
        assert worker.drain() == 0
        assert len(smtp.received) == 2

    def test_the_backoff_doubles_up_to_its_ceiling(self, worker: Worker) -> None:
        rng = random.Random(11)
        policy = worker.policy
        for attempt, full in [(1, 10), (2, 20), (3, 40), (6, 320), (7, 600), (40, 600)]:
            delays = [policy.delay(attempt, rng).total_seconds() for _ in range(50)]
            assert all(full * 0.5 <= d < full for d in delays), (attempt, min(delays))
            assert len(set(delays)) > 40  # jittered, not in lockstep


class TestGivingUp:
    def test_a_row_fails_after_the_give_up_period_and_retry_brings_it_back(
        self,
        app: FastAPI,
        client: TestClient,
        intro: int,
        worker: Worker,
        smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:
        smtp.stop()
        book(client, intro)
        attempts = 0
        while any(r.state == OutboxState.PENDING.value for r in rows(app)):
            worker.run_once()
            attempts += 1
            clock.advance(seconds=700)  # beyond the 600 s ceiling: every row is due again
            assert attempts < 20
        failed = rows(app)
        assert {r.state for r in failed} == {OutboxState.FAILED.value}
        for row in failed:
            assert row.give_up_at is not None
            assert row.last_attempt_at is not None
            assert row.last_attempt_at >= row.give_up_at  # the last try was at the give-up time
            assert row.attempts >= 6
        assert smtp.received == []

        smtp.start()
        with transaction(app.state.write_session_factory) as session:
            for row in failed:
                outbox.retry(session, row.id, now=clock.now())
        assert worker.drain() == 2
        assert len(smtp.received) == 2
        assert {r.state for r in rows(app)} == {OutboxState.DELIVERED.value}

    def test_a_delivered_row_is_not_retried(
        self, app: FastAPI, client: TestClient, intro: int, worker: Worker, clock: FrozenClock
    ) -> None:
        book(client, intro)
        worker.drain()
        row_id = rows(app)[0].id
        with (
            pytest.raises(Invalid, match="delivered"),
            transaction(app.state.write_session_factory) as session,
        ):
            outbox.retry(session, row_id, now=clock.now())


class TestRefusals:
    def test_a_permanent_refusal_fails_only_that_row(
        self, app: FastAPI, client: TestClient, intro: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        book(client, intro, {**ANN, "email": "ghost@refused.example"})
        worker.drain()
        by_address = {r.payload["to"]["email"]: r for r in rows(app)}
        ghost = by_address["ghost@refused.example"]
        assert ghost.state == OutboxState.FAILED.value
        assert ghost.attempts == 1
        assert ghost.last_error is not None
        assert "550" in ghost.last_error
        assert by_address["alice@example.com"].state == OutboxState.DELIVERED.value
        assert [m.to for m in smtp.received] == ["alice@example.com"]

    def test_a_temporary_refusal_is_retried(
        self, app: FastAPI, client: TestClient, intro: int, worker: Worker
    ) -> None:
        book(client, intro, {**ANN, "email": "later@busy.example"})
        worker.drain()
        busy = next(r for r in rows(app) if r.payload["to"]["email"] == "later@busy.example")
        assert busy.state == OutboxState.PENDING.value
        assert busy.attempts == 1
        assert busy.last_error is not None
        assert "451" in busy.last_error

    def test_a_row_of_unknown_kind_fails_for_good(
        self, app: FastAPI, clock: FrozenClock, worker: Worker
    ) -> None:
        enqueue(app, clock, "x")  # the email worker has no "probe" handler
        worker.drain()
        (row,) = rows(app)
        assert row.state == OutboxState.FAILED.value
        assert "no handler" in (row.last_error or "")


class TestOrder:
    def test_a_later_row_waits_for_an_earlier_one_with_its_key(
        self, app: FastAPI, clock: FrozenClock, probe: Probe, probe_worker: Worker
    ) -> None:
        enqueue(app, clock, "first", ordering_key="k")
        enqueue(app, clock, "second", ordering_key="k")
        enqueue(app, clock, "other", ordering_key="j")
        probe.failing.add("first")
        probe_worker.drain()
        assert probe.delivered == ["other"]  # "second" waits behind the failed "first"

        clock.advance(seconds=60)
        probe.failing.clear()
        probe_worker.drain()
        assert probe.delivered == ["other", "first", "second"]

    def test_a_future_row_does_not_hold_back_later_rows(
        self, app: FastAPI, clock: FrozenClock, probe: Probe, probe_worker: Worker
    ) -> None:
        enqueue(app, clock, "reminder", ordering_key="k", due_at=clock.now() + timedelta(days=1))
        enqueue(app, clock, "now", ordering_key="k")
        probe_worker.drain()
        assert probe.delivered == ["now"]


class TestLeases:
    def test_a_dead_workers_rows_return_after_the_lease(
        self, app: FastAPI, clock: FrozenClock, probe: Probe, probe_worker: Worker
    ) -> None:
        enqueue(app, clock, "orphan")
        with transaction(app.state.write_session_factory) as session:
            # A worker claims the row, then dies before delivering it.
            (lost,) = outbox.claim(session, now=clock.now(), limit=10, policy=probe_worker.policy)
        assert probe_worker.drain() == 0
        clock.advance(seconds=59)
        assert probe_worker.drain() == 0
        clock.advance(seconds=2)
        assert probe_worker.drain() == 1
        assert probe.delivered == ["orphan"]
        (row,) = rows(app)
        assert row.attempts == 2
        assert row.state == OutboxState.DELIVERED.value
        # The dead worker, coming back, cannot settle a row it no longer holds.
        with transaction(app.state.write_session_factory) as session:
            assert outbox.mark_delivered(session, [lost], now=clock.now()) == 0


class TestFutureRows:
    def test_cancel_future_drops_only_rows_still_to_come_of_the_kind_asked(
        self, app: FastAPI, client: TestClient, intro: int, clock: FrozenClock
    ) -> None:
        """Each subscriber drops its own rows due later (a webhook's MEETING_STARTED, a
        workflow's reminder) when a change makes them pointless; others' rows stay."""
        booking = book(client, intro)
        later = clock.now() + timedelta(days=1)
        enqueue(app, clock, "later", booking_id=booking["id"], due_at=later)
        enqueue(app, clock, "now", booking_id=booking["id"])
        with transaction(app.state.write_session_factory) as session:
            assert outbox.cancel_future(session, booking["id"], now=clock.now(), kind="other") == 0
            dropped = outbox.cancel_future(
                session, booking["id"], now=clock.now(), kind="probe", reason="replaced"
            )
        assert dropped == 1
        states = {
            r.payload["name"]: (r.state, r.last_error) for r in rows(app) if r.kind == "probe"
        }
        assert states == {
            "later": (OutboxState.CANCELLED.value, "replaced"),
            "now": (OutboxState.PENDING.value, None),
        }


class TestWithoutSmtp:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"smtp_host": None})

    def test_emails_are_written_as_eml_files_once_per_row(
        self,
        app: FastAPI,
        client: TestClient,
        intro: int,
        worker: Worker,
        settings: Settings,
        clock: FrozenClock,
    ) -> None:
        book(client, intro)
        assert worker.drain() == 2
        files = sorted(Path(settings.email_dir).glob("*.eml"))
        assert len(files) == 2
        recipients = set()
        for path in files:
            assert path.stat().st_mode & 0o777 == 0o600  # booking links: owner-only
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            recipients.add(str(message["To"]))
            assert any(p.get_content_type() == "text/calendar" for p in message.walk())
        assert recipients == {"Ann <ann@example.com>", "Alice <alice@example.com>"}

        # Redelivering a row rewrites its file instead of adding one.
        with transaction(app.state.write_session_factory) as session:
            row = session.scalars(
                select(OutboxMessage).where(NOT_LATER).order_by(OutboxMessage.id)
            ).first()
            assert row is not None
            row.state = OutboxState.FAILED.value
            session.flush()
            outbox.retry(session, row.id, now=clock.now())
        assert worker.drain() == 1
        assert len(list(Path(settings.email_dir).glob("*.eml"))) == 2
        assert not list(Path(settings.email_dir).glob("*.partial"))


def test_a_malformed_row_is_refused_not_retried(
    app: FastAPI, clock: FrozenClock, worker: Worker
) -> None:
    with transaction(app.state.write_session_factory) as session:
        outbox.enqueue(session, "email", {"template": "scheduled"}, now=clock.now())
    worker.drain()
    (row,) = rows(app)
    assert row.state == OutboxState.FAILED.value
    assert row.attempts == 1
    assert "malformed email row" in (row.last_error or "")


@pytest.mark.postgres_only
def test_a_commit_wakes_a_listening_worker_long_before_its_poll(
    app: FastAPI, settings: Settings, clock: FrozenClock, probe: Probe
) -> None:
    """PostgreSQL: the NOTIFY a transaction sends when it writes rows wakes every worker."""
    slow_poll = settings.model_copy(update={"outbox_poll_seconds": 3600})
    sleeper = Worker(app.state.engine, slow_poll, clock, {"probe": probe})
    stop = threading.Event()
    thread = threading.Thread(target=sleeper.run_forever, args=(stop,))
    thread.start()
    try:
        time.sleep(0.5)  # the worker found nothing and sleeps for its hour-long poll
        enqueue(app, clock, "ping")
        deadline = time.monotonic() + 120  # a hang guard: only a wake-up delivers before the poll
        while not probe.delivered and time.monotonic() < deadline:
            time.sleep(0.02)
        assert probe.delivered == ["ping"]
    finally:
        stop.set()
        sleeper.wake()
        thread.join(10)


class SlowProbe(Probe):
    """Each delivery takes 15 s of the frozen clock; on the 4th, another worker polls."""

    def __init__(self, clock: FrozenClock) -> None:
        super().__init__()
        self.clock = clock
        self.other: Worker | None = None

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        self.clock.advance(seconds=15)
        result = super().deliver(message)
        if len(self.delivered) == 4 and self.other is not None:
            self.other.run_once()
        return result


def test_a_slow_batch_keeps_its_lease_so_no_row_is_sent_twice(
    app: FastAPI, settings: Settings, clock: FrozenClock
) -> None:
    """A batch that takes longer than its 60 s lease renews it as it goes: the second
    worker, polling meanwhile, finds nothing to take."""
    for index in range(6):
        enqueue(app, clock, f"row{index}")
    slow = SlowProbe(clock)
    first = Worker(app.state.engine, settings, clock, {"probe": slow})
    slow.other = Worker(app.state.engine, settings, clock, {"probe": slow})
    first.run_once()
    assert sorted(slow.delivered) == [f"row{index}" for index in range(6)]
    assert [r.attempts for r in rows(app)] == [1] * 6
    assert {r.state for r in rows(app)} == {OutboxState.DELIVERED.value}


class StopAfter(Probe):
    """Asks the worker to stop while it delivers its ``count``-th row (as SIGTERM would)."""

    def __init__(self, count: int, stop: threading.Event) -> None:
        super().__init__()
        self.count = count
        self.stop = stop

    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        result = super().deliver(message)
        if len(self.delivered) == self.count:
            self.stop.set()
        return result


def test_a_stop_mid_batch_ends_after_the_current_row_and_gives_the_rest_back(
    app: FastAPI, settings: Settings, clock: FrozenClock
) -> None:
    """A worker asked to stop does not send the rest of its batch first: the rows it never
    tried are due again at once (no lease to wait out, no attempt charged), and another
    worker sends each of them exactly once."""
    for index in range(6):
        enqueue(app, clock, f"row{index}")
    stop = threading.Event()
    stopping = StopAfter(2, stop)
    worker = Worker(app.state.engine, settings, clock, {"probe": stopping})
    thread = threading.Thread(target=worker.run_forever, args=(stop,))
    thread.start()
    thread.join(120)  # a hang guard: the stop ends the loop long before
    assert not thread.is_alive()
    assert stopping.delivered == ["row0", "row1"]
    untried = [r for r in rows(app) if r.state == OutboxState.PENDING.value]
    assert [(r.attempts, r.lease_until) for r in untried] == [(0, None)] * 4

    other = Probe()
    Worker(app.state.engine, settings, clock, {"probe": other}).run_once()  # clock unmoved
    assert other.delivered == [f"row{index}" for index in range(2, 6)]
    assert {r.state for r in rows(app)} == {OutboxState.DELIVERED.value}
    assert [r.attempts for r in rows(app)] == [1] * 6
