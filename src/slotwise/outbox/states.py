"""An outbox row's states, apart from its table so the CLI can offer them as choices
without importing SQLAlchemy."""

from __future__ import annotations

import enum


class OutboxState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"
