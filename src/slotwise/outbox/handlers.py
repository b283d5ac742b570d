"""What a delivery handler is, how it reports failure, and the registry of handlers by kind.

Domains that send something (emails, webhooks, later reminders and calendar writes) register
a handler factory for their kind when the application is composed; the outbox never imports
them. Each worker thread makes its own handlers: a handler may keep a connection (SMTP, HTTP)
that only its thread uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from slotwise.outbox.service import Claimed, Lane

GENERAL_LANE_NAME = "general"


class DeliveryFailed(Exception):
    """A failed attempt worth retrying, with what the receiver answered (if anything)."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.result = result


class DeliveryRefused(DeliveryFailed):
    """The receiver refused for good (a rejected recipient, a malformed row): no retry."""


class Handler(Protocol):
    def deliver(self, message: Claimed) -> dict[str, Any] | None:
        """Deliver once and say what the receiver answered (kept on the row), or raise."""
        ...

    def close(self) -> None:
        """Release connections kept between deliveries (called when the worker goes idle)."""
        ...


@dataclass(frozen=True)
class _Registration:
    make: Callable[[], Handler]
    lane: str


class HandlerRegistry:
    """Handler factories by outbox kind, each in a lane. A kind in a lane of its own is
    claimed only by that lane's worker, so its slow receivers never delay other kinds; the
    general lane takes every other kind (one without a handler fails there for good)."""

    def __init__(self) -> None:
        self._kinds: dict[str, _Registration] = {}

    def register(
        self, kind: str, make: Callable[[], Handler], *, lane: str = GENERAL_LANE_NAME
    ) -> None:
        if kind in self._kinds:
            raise ValueError(f"outbox kind {kind!r} already has a handler")
        self._kinds[kind] = _Registration(make, lane)

    def lanes(self) -> list[Lane]:
        """The general lane first, then one lane per other lane name, in registration order."""
        named: dict[str, set[str]] = {}
        for kind, registration in self._kinds.items():
            if registration.lane != GENERAL_LANE_NAME:
                named.setdefault(registration.lane, set()).add(kind)
        elsewhere = frozenset(kind for kinds in named.values() for kind in kinds)
        return [Lane(GENERAL_LANE_NAME, other_than=elsewhere)] + [
            Lane(name, kinds=frozenset(kinds)) for name, kinds in named.items()
        ]

    def make_handlers(self, lane: Lane | None = None) -> dict[str, Handler]:
        """Fresh handlers for the kinds ``lane`` takes (every kind without a lane)."""
        return {
            kind: registration.make()
            for kind, registration in self._kinds.items()
            if lane is None or lane.takes(kind)
        }
