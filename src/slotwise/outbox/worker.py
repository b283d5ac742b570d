"""The worker: claims due outbox rows, hands each to its kind's handler, settles the result.

``slotwise serve`` runs one in a thread of its own process (the embedded default);
``slotwise worker`` runs one as a process of its own. On PostgreSQL any number of them share
the rows (``FOR UPDATE SKIP LOCKED``); on SQLite every claim is a ``BEGIN IMMEDIATE``
transaction, so a second worker is safe but only waits its turn.

A handler raises ``DeliveryRefused`` for a refusal that retrying cannot fix (the row fails
at once) and anything else for a failure worth retrying (network down, 4xx from SMTP, ...).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from slotwise.clock import Clock
from slotwise.config import Settings
from slotwise.db import make_session_factory, transaction
from slotwise.outbox import service
from slotwise.outbox.handlers import DeliveryFailed, DeliveryRefused, Handler, HandlerRegistry
from slotwise.outbox.models import OutboxState
from slotwise.outbox.service import NOTIFY_CHANNEL, WROTE_OUTBOX, Claimed, Lane, RetryPolicy

log = logging.getLogger("slotwise.outbox")
SETTLE_EVERY = 10  # delivered rows marked per transaction


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        base=timedelta(seconds=settings.outbox_retry_base_seconds),
        ceiling=timedelta(seconds=settings.outbox_retry_max_seconds),
        give_up_after=timedelta(seconds=settings.outbox_give_up_seconds),
        lease=timedelta(seconds=settings.outbox_lease_seconds),
    )


class Worker:
    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        clock: Clock,
        handlers: Mapping[str, Handler],
        *,
        rng: random.Random | None = None,
        lane: Lane | None = None,
    ) -> None:
        self.lane = lane
        self._engine = engine
        self._sessions = make_session_factory(engine, write_lock=True)
        self._settings = settings
        self._clock = clock
        self._handlers = dict(handlers)
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop: threading.Event | None = None  # set by run_forever's caller to stop
        self.policy = retry_policy(settings)

    def wake(self) -> None:
        """Look for work now instead of at the next poll (a commit just wrote rows)."""
        self._wake.set()

    def run_once(self) -> int:
        """Claim one batch of due rows and deliver it; returns how many rows were tried.

        Delivered rows are settled SETTLE_EVERY at a time (one transaction, not one per row);
        a worker killed mid-batch may resend that many, under the same ids, never lose one.
        The batch's lease is renewed as it goes: once a quarter of the lease has passed, the
        delivered rows are settled and the rest are leased again, so a slow receiver never
        lets the lease of a row run out while this worker still holds it (and another
        worker would send it a second time). A row whose lease was lost meanwhile is left
        to the worker that took it. A stop asked for mid-batch is obeyed after the row being
        sent: the rows not yet tried are given back, due at once for whichever worker runs
        next."""
        with transaction(self._sessions) as session:
            claimed = service.claim(
                session,
                now=self._clock.now(),
                limit=self._settings.outbox_batch_size,
                policy=self.policy,
                lane=self.lane,
            )
        leased_at = self._clock.now()
        delivered: list[tuple[Claimed, dict[str, Any] | None]] = []
        lost: set[int] = set()
        for index, message in enumerate(claimed):
            if self._stop is not None and self._stop.is_set():
                self._settle_delivered(delivered)
                self._give_back([m for m in claimed[index:] if m.id not in lost])
                return index
            if self._clock.now() - leased_at >= self.policy.lease / 4:
                self._settle_delivered(delivered)
                delivered = []
                lost |= self._renew(claimed[index:])
                leased_at = self._clock.now()
            if message.id in lost:
                continue
            ok, result = self._deliver(message)
            if ok:
                delivered.append((message, result))
            if len(delivered) >= SETTLE_EVERY:
                self._settle_delivered(delivered)
                delivered = []
        self._settle_delivered(delivered)
        return len(claimed)

    def _renew(self, waiting: list[Claimed]) -> set[int]:
        """Lease the batch's undelivered rows again; returns the ids no longer held."""
        with transaction(self._sessions) as session:
            held = service.renew_leases(session, waiting, now=self._clock.now(), policy=self.policy)
        return {m.id for m in waiting} - held

    def _give_back(self, untried: list[Claimed]) -> None:
        if untried:
            with transaction(self._sessions) as session:
                service.release_leases(session, untried)

    def drain(self, max_batches: int = 10_000) -> int:
        """Deliver until nothing is due (tests and ``slotwise worker --once``)."""
        total = 0
        for _ in range(max_batches):
            tried = self.run_once()
            total += tried
            if not tried:
                break
        self._close_handlers()
        return total

    def run_forever(self, stop: threading.Event) -> None:
        """Poll (or wake on commits) until ``stop`` is set. A database that is briefly
        unreachable is logged and retried at the next poll; rows wait, nothing is lost."""
        self._stop = stop
        if self._engine.dialect.name == "postgresql":
            listener = threading.Thread(
                target=listen_for_rows,
                args=(self._engine, self.wake, stop, self._settings.outbox_poll_seconds),
                name="slotwise-outbox-listen",
                daemon=True,
            )
            listener.start()
        while not stop.is_set():
            self._wake.clear()
            try:
                tried = self.run_once()
            except Exception:
                log.exception("outbox: could not claim rows; retrying at the next poll")
                tried = 0
            if not tried:
                self._close_handlers()
                self._wake.wait(self._settings.outbox_poll_seconds)
        self._close_handlers()

    def _deliver(self, message: Claimed) -> tuple[bool, dict[str, Any] | None]:
        """(delivered, the receiver's answer); a failure is settled at once (its retry time
        is its own)."""
        handler = self._handlers.get(message.kind)
        try:
            if handler is None:
                raise DeliveryRefused(f"no handler for outbox kind {message.kind!r}")
            result = handler.deliver(message)
        except DeliveryFailed as exc:
            permanent = isinstance(exc, DeliveryRefused)
            self._settle_failure(message, str(exc), permanent=permanent, result=exc.result)
        except Exception as exc:  # any other failure is retried; a bug must not drop a row
            self._settle_failure(message, f"{type(exc).__name__}: {exc}", permanent=False)
        else:
            return True, result
        return False, None

    def _settle_delivered(self, delivered: list[tuple[Claimed, dict[str, Any] | None]]) -> None:
        if not delivered:
            return
        with transaction(self._sessions) as session:
            held = service.mark_delivered(
                session,
                [message for message, _ in delivered],
                now=self._clock.now(),
                results=[result for _, result in delivered],
            )
        if held < len(delivered):
            log.warning(
                "outbox: %s rows were re-leased before they were settled", len(delivered) - held
            )

    def _settle_failure(
        self,
        message: Claimed,
        error: str,
        *,
        permanent: bool,
        result: dict[str, Any] | None = None,
    ) -> None:
        with transaction(self._sessions) as session:
            state = service.mark_failed_attempt(
                session,
                message,
                error,
                permanent=permanent,
                now=self._clock.now(),
                policy=self.policy,
                rng=self._rng,
                result=result,
            )
        if state is OutboxState.FAILED:
            log.error("outbox: row %s (%s) failed for good: %s", message.id, message.kind, error)
        else:
            log.warning("outbox: row %s attempt %s failed: %s", message.id, message.attempts, error)

    def _close_handlers(self) -> None:
        for handler in self._handlers.values():
            try:
                handler.close()
            except Exception:  # closing a dead connection is not worth a crash
                log.debug("outbox: closing a handler failed", exc_info=True)


def listen_for_rows(
    engine: Engine, wake: Callable[[], None], stop: threading.Event, poll: float
) -> None:
    """PostgreSQL: wake the worker on every NOTIFY from a transaction that wrote rows, in
    any process, so a delivery starts within milliseconds instead of at the next poll. The
    poll stays as the safety net (a lost connection, a row whose retry time came)."""
    import psycopg

    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    while not stop.is_set():
        try:
            with psycopg.connect(conninfo, autocommit=True) as connection:
                connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                while not stop.is_set():
                    # A short timeout: a stop is noticed within a second.
                    for _notice in connection.notifies(timeout=min(poll, 1.0), stop_after=1):
                        wake()
        except psycopg.Error:
            log.warning("outbox: lost the LISTEN connection; polling until it is back")
            stop.wait(poll)


def wake_after_commit(factory: sessionmaker[Session], wake: Callable[[], None]) -> None:
    """Sessions of ``factory`` that wrote outbox rows wake the worker once they commit."""

    @event.listens_for(factory, "after_commit")
    def _after_commit(session: Session) -> None:
        if session.info.pop(WROTE_OUTBOX, False):
            wake()

    @event.listens_for(factory, "after_rollback")
    def _after_rollback(session: Session) -> None:
        session.info.pop(WROTE_OUTBOX, None)


def lane_workers(
    engine: Engine, settings: Settings, clock: Clock, registry: HandlerRegistry
) -> list[Worker]:
    """One worker per lane of ``registry``, each with handlers of its own: a handler keeps a
    connection (SMTP, HTTP) that only its own thread may use and close."""
    return [
        Worker(engine, settings, clock, registry.make_handlers(lane), lane=lane)
        for lane in registry.lanes()
    ]


class EmbeddedWorker:
    """The workers ``slotwise serve`` runs in threads of the API process (one per lane)."""

    def __init__(self, workers: list[Worker]) -> None:
        self.workers = workers
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(
                target=worker.run_forever,
                args=(self._stop,),
                name=f"slotwise-outbox-{worker.lane.name if worker.lane else 'all'}",
                daemon=True,
            )
            for worker in workers
        ]

    def wake(self) -> None:
        for worker in self.workers:
            worker.wake()

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self.wake()
        for thread in self._threads:
            thread.join(timeout)
