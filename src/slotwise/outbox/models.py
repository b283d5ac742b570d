"""The outbox: one row per side effect, written in the transaction of the change causing it.

A row is a delivery to make (an email to one recipient today; webhooks, reminders and
calendar writes later), with everything the delivery needs in ``payload``, so the worker
never has to read the booking again (it may have changed since). Its life:

- ``pending``: waiting. Due at ``next_attempt_at`` (first ``due_at``; later the retry
  backoff). A worker that claims it sets ``lease_until`` and a fresh ``lease_token``; if that
  worker dies, the lease runs out and another worker claims the row again.
- ``delivered``: done (``delivered_at``).
- ``failed``: kept after ``give_up_at`` passed, or after a permanent refusal, with
  ``last_error``. ``slotwise outbox retry ID`` puts it back to ``pending``.
- ``cancelled``: a future row whose booking was cancelled before it was due.

``ordering_key`` keeps deliveries in order: a row is not claimed while an earlier row with the
same key is still pending and already due (even while it waits to be retried).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from slotwise.db import NEVER_REUSE_IDS, Base, JSONDocument, UTCDateTime
from slotwise.outbox.states import OutboxState

__all__ = ["OutboxMessage", "OutboxState"]


_STATE_VALUES = ", ".join(f"'{state.value}'" for state in OutboxState)


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        CheckConstraint(f"state IN ({_STATE_VALUES})", name="state"),
        # The worker's claim: pending rows by the time they are next due.
        Index("ix_outbox_messages_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_outbox_messages_ordering_key_id", "ordering_key", "id"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # which handler delivers it ("email", ...)
    # The booking it belongs to (no foreign key: the row outlives a deleted booking).
    booking_id: Mapped[int | None] = mapped_column(Integer, index=True)
    ordering_key: Mapped[str | None] = mapped_column(String(300))
    # Whose delivery log it belongs to ("webhook:12"), for listing one subscriber's rows.
    topic: Mapped[str | None] = mapped_column(String(64), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING.value)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    give_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # set at first claim
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the receiver answered the last time (e.g. {"responseCode": 200, "latencyMs": 12}).
    last_result: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
