"""The event bus and how a session carries it to the publisher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

E = TypeVar("E")
Subscriber = Callable[[Session, Any], None]

# Session.info key: the bus of the application that made the session.
BUS_KEY = "slotwise_event_bus"


class NoEventBus(RuntimeError):
    """A change was published through a session that no application composed: its side
    effects would be lost silently, so the change fails instead."""


class EventBus:
    """Subscribers by event class, called in the order they subscribed."""

    def __init__(self) -> None:
        self._subscribers: dict[type[Any], list[Subscriber]] = {}

    def subscribe(self, event_class: type[E], subscriber: Callable[[Session, E], None]) -> None:
        self._subscribers.setdefault(event_class, []).append(subscriber)

    def publish(self, session: Session, event: object) -> None:
        """Every subscriber of the event's class, in the publisher's transaction: a subscriber
        that raises rolls the change back with it (nothing half-announced)."""
        for subscriber in self._subscribers.get(type(event), ()):
            subscriber(session, event)


def attach_bus(factory: sessionmaker[Session], bus: EventBus) -> None:
    """Sessions made by ``factory`` publish to ``bus``."""
    factory.kw.setdefault("info", {})[BUS_KEY] = bus


def publish(session: Session, event: object) -> None:
    bus = session.info.get(BUS_KEY)
    if not isinstance(bus, EventBus):
        raise NoEventBus(
            f"{type(event).__name__} published through a session with no event bus; "
            "make sessions with a factory from slotwise.composition"
        )
    bus.publish(session, event)
