"""Writing outbox rows inside a change's transaction, and the worker's claim/finish steps.

Subscribers to a domain's events call ``enqueue`` with the session of the change: the row
commits or rolls back with it. ``cancel_future`` drops rows due later (reminders,
MEETING_STARTED) that a cancellation or a newer change made pointless.

The worker's side (``claim``, ``mark_delivered``, ``mark_failed_attempt``) runs in short
transactions of its own, never around a delivery: a row is leased in one transaction,
delivered with no transaction open, and settled in another. A lease that runs out (the worker
died) makes the row claimable again, so every row is delivered at least once.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event, exists, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.outbox import repository
from slotwise.outbox.models import OutboxMessage, OutboxState

# Session.info flag: this session wrote outbox rows (the app wakes its worker after commit).
WROTE_OUTBOX = "slotwise_wrote_outbox"
# PostgreSQL: workers LISTEN on this channel; a transaction that wrote rows NOTIFYs it once.
# NOTIFY is transactional: delivered at commit, dropped on rollback.
NOTIFY_CHANNEL = "slotwise_outbox"
_NOTIFIED = "slotwise_outbox_notified"
ERROR_MAX_LENGTH = 2000


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    now: datetime,
    due_at: datetime | None = None,
    booking_id: int | None = None,
    ordering_key: str | None = None,
    topic: str | None = None,
) -> OutboxMessage:
    due = due_at or now
    row = OutboxMessage(
        kind=kind,
        payload=payload,
        booking_id=booking_id,
        ordering_key=ordering_key,
        topic=topic,
        state=OutboxState.PENDING.value,
        due_at=due,
        next_attempt_at=due,
        attempts=0,
        created_at=now,
    )
    session.add(row)
    _announce(session)
    return row


def _announce(session: Session) -> None:
    session.info[WROTE_OUTBOX] = True
    if not session.info.get(_NOTIFIED) and session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
        session.info[_NOTIFIED] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_ended(session: Session) -> None:
    session.info.pop(_NOTIFIED, None)


def cancel_future(
    session: Session,
    booking_id: int,
    *,
    now: datetime,
    kind: str | None = None,
    reason: str = "the booking was cancelled",
) -> int:
    """Rows of a booking (of one ``kind``, when given) that are not due yet and will never
    be wanted: the booking was cancelled, or a newer change wrote them again."""
    statement = update(OutboxMessage).where(
        OutboxMessage.booking_id == booking_id,
        OutboxMessage.state == OutboxState.PENDING.value,
        OutboxMessage.due_at > now,
    )
    if kind is not None:
        statement = statement.where(OutboxMessage.kind == kind)
    result = session.execute(
        statement.values(state=OutboxState.CANCELLED.value, last_error=reason).execution_options(
            synchronize_session=False
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def cancel_future_of_topic(
    session: Session, topic: str, *, now: datetime, reason: str, booking_id: int | None = None
) -> int:
    """Rows one subscriber wrote (``topic``; of one booking, when given) that are not due yet
    and no longer wanted: a workflow changed or was deleted."""
    statement = update(OutboxMessage).where(
        OutboxMessage.topic == topic,
        OutboxMessage.state == OutboxState.PENDING.value,
        OutboxMessage.due_at > now,
    )
    if booking_id is not None:
        statement = statement.where(OutboxMessage.booking_id == booking_id)
    result = session.execute(
        statement.values(state=OutboxState.CANCELLED.value, last_error=reason).execution_options(
            synchronize_session=False
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# --- the worker's steps --------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    base: timedelta
    ceiling: timedelta
    give_up_after: timedelta
    lease: timedelta

    def delay(self, attempts: int, rng: random.Random) -> timedelta:
        """Exponential backoff with jitter: base * 2^(attempts-1), capped, then scaled by a
        random factor in [0.5, 1) so that rows failed together do not retry together."""
        exponential = self.base * (2 ** min(max(attempts - 1, 0), 30))
        capped: timedelta = min(exponential, self.ceiling)
        return capped * rng.uniform(0.5, 1.0)


@dataclass(frozen=True)
class Lane:
    """Which kinds a worker takes: ``kinds`` only, or every kind but ``other_than``. Lanes
    keep one kind's slow receivers from holding up another's deliveries."""

    name: str
    kinds: frozenset[str] = frozenset()
    other_than: frozenset[str] = frozenset()

    def takes(self, kind: str) -> bool:
        """The same rule ``claim`` applies in SQL."""
        if self.kinds:
            return kind in self.kinds
        return kind not in self.other_than


@dataclass(frozen=True)
class Claimed:
    """A leased row, detached from any session, handed to a handler."""

    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    due_at: datetime
    lease_token: str


def claim(
    session: Session,
    *,
    now: datetime,
    limit: int,
    policy: RetryPolicy,
    lane: Lane | None = None,
) -> list[Claimed]:
    """Lease up to ``limit`` due rows (of the ``lane``'s kinds, when given). PostgreSQL:
    ``FOR UPDATE SKIP LOCKED``, so workers never claim the same row; SQLite: the caller's
    ``BEGIN IMMEDIATE`` serializes claims."""
    earlier = aliased(OutboxMessage)
    waits_for_earlier = exists().where(
        earlier.ordering_key == OutboxMessage.ordering_key,
        earlier.id < OutboxMessage.id,
        earlier.state == OutboxState.PENDING.value,
        earlier.due_at <= now,
    )
    statement = (
        select(OutboxMessage)
        .where(
            OutboxMessage.state == OutboxState.PENDING.value,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until <= now),
            ~waits_for_earlier,
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if lane is not None and lane.kinds:
        statement = statement.where(OutboxMessage.kind.in_(sorted(lane.kinds)))
    if lane is not None and lane.other_than:
        statement = statement.where(OutboxMessage.kind.not_in(sorted(lane.other_than)))
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=OutboxMessage)
    rows = session.scalars(statement).all()
    claimed = []
    for row in rows:
        row.lease_token = secrets.token_hex(8)
        row.lease_until = now + policy.lease
        row.attempts += 1
        row.last_attempt_at = now
        if row.give_up_at is None:
            row.give_up_at = max(row.due_at, now) + policy.give_up_after
        claimed.append(
            Claimed(
                row.id,
                row.kind,
                dict(row.payload),
                row.attempts,
                row.due_at,
                row.lease_token,
            )
        )
    return claimed


def renew_leases(
    session: Session, messages: Sequence[Claimed], *, now: datetime, policy: RetryPolicy
) -> set[int]:
    """Extend the leases of rows a worker still holds; returns the ids still held."""
    held: set[int] = set()
    for message in messages:
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message.id,
                OutboxMessage.lease_token == message.lease_token,
                OutboxMessage.state == OutboxState.PENDING.value,
            )
            .values(lease_until=now + policy.lease)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            held.add(message.id)
    return held


def release_leases(session: Session, messages: Sequence[Claimed]) -> None:
    """Give back rows a stopping worker claimed and never tried: they are due again at once
    for any worker, and the attempt they were charged did not happen."""
    for message in messages:
        session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message.id,
                OutboxMessage.lease_token == message.lease_token,
                OutboxMessage.state == OutboxState.PENDING.value,
            )
            .values(lease_until=None, lease_token=None, attempts=OutboxMessage.attempts - 1)
            .execution_options(synchronize_session=False)
        )


def mark_delivered(
    session: Session,
    messages: Sequence[Claimed],
    *,
    now: datetime,
    results: Sequence[dict[str, Any] | None] | None = None,
) -> int:
    """Settle delivered rows; returns how many were still held (a row whose lease was lost
    to another worker meanwhile is left to that worker)."""
    held = 0
    for index, message in enumerate(messages):
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message.id,
                OutboxMessage.lease_token == message.lease_token,
            )
            .values(
                state=OutboxState.DELIVERED.value,
                delivered_at=now,
                lease_until=None,
                lease_token=None,
                last_error=None,
                last_result=results[index] if results else None,
            )
            .execution_options(synchronize_session=False)
        )
        held += int(result.rowcount)  # type: ignore[attr-defined]
    return held


def mark_failed_attempt(
    session: Session,
    message: Claimed,
    error: str,
    *,
    permanent: bool,
    now: datetime,
    policy: RetryPolicy,
    rng: random.Random,
    result: dict[str, Any] | None = None,
) -> OutboxState | None:
    """Schedule the next attempt, or fail the row for good (a permanent refusal, or the
    give-up time reached). Returns the row's new state, None when the lease was lost."""
    row = session.get(OutboxMessage, message.id, with_for_update=True)
    if row is None or row.lease_token != message.lease_token:
        return None
    row.lease_until = None
    row.lease_token = None
    row.last_error = error[:ERROR_MAX_LENGTH]
    row.last_result = result
    give_up_at = row.give_up_at or now
    if permanent or now >= give_up_at:
        row.state = OutboxState.FAILED.value
        return OutboxState.FAILED
    # The last attempt happens at the give-up time itself, not never.
    row.next_attempt_at = min(now + policy.delay(row.attempts, rng), give_up_at)
    return OutboxState.PENDING


# --- the operator's view -------------------------------------------------------------------


def list_messages(
    session: ReadSession, *, state: OutboxState | None = None, limit: int = 100
) -> list[OutboxMessage]:
    return repository.newest_first(session, repository.for_operator(), take=limit, state=state)


def retry(session: Session, message_id: int, *, now: datetime) -> OutboxMessage:
    """Put a failed (or waiting) row back in line now, with a fresh give-up period."""
    row = session.get(OutboxMessage, message_id, with_for_update=True)
    if row is None:
        raise NotFound(f"Outbox message {message_id} not found")
    if row.state in (OutboxState.DELIVERED.value, OutboxState.CANCELLED.value):
        raise Invalid(
            f"Outbox message {message_id} is {row.state}; only pending or failed rows retry"
        )
    if row.lease_until is not None and row.lease_until > now:
        raise Invalid(f"Outbox message {message_id} is being delivered right now; try later")
    row.state = OutboxState.PENDING.value
    row.next_attempt_at = max(now, row.due_at)  # a future row stays due when it was due
    row.give_up_at = None
    row.lease_until = None
    row.lease_token = None
    _announce(session)
    return row
