"""Every query the slots domain makes.

Slots are public (a booking page needs no key), so the scoping statements say what anyone may
read: ``bookable_event_types`` (every event type, hidden ones included: a hidden event type is
still bookable through its own link or id) and ``live_reservations`` (holds that have not
expired; an expired row is as good as gone, and writes delete it). A reservation is reached
only through its uid, which is a random secret of its holder's.

An event type by id and its host are read here (the event-types service offers no public
lookup by id); an event type by username and slug comes through the event-types service,
schedules through the schedules service, the hosts' bookings through the busy-times service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from slotwise.core.intervals import Interval
from slotwise.db import ReadSession
from slotwise.event_types.models import EventType
from slotwise.slots.models import SlotReservation
from slotwise.users.models import User


def bookable_event_types() -> Select[EventType]:
    """What anyone may book: every event type, hidden ones included (by id or link)."""
    return select(EventType)


def live_reservations(now: datetime) -> Select[SlotReservation]:
    """Holds that have not expired at ``now``."""
    return select(SlotReservation).where(SlotReservation.reserved_until > now)


def get_event_type_and_host(
    session: ReadSession, event_type_id: int
) -> tuple[EventType, User] | None:
    """An event type with its owner, in one query (every booking starts here)."""
    row = session.execute(
        bookable_event_types()
        .add_columns(User)
        .join(User, User.id == EventType.owner_id)
        .where(EventType.id == event_type_id)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def lock_hosts(session: Session, user_ids: Sequence[int]) -> None:
    """Locks the hosts' user rows, in id order (PostgreSQL ``FOR UPDATE``; SQLite writers
    already hold the database's write lock), so that two requests holding one host's slots
    check and write one after the other: no two holds on one slot."""
    if user_ids and session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(User.id)
            .where(User.id.in_(sorted(set(user_ids))))
            .order_by(User.id)
            .with_for_update()
        )


def reread_buffers(session: Session, event_type: EventType) -> None:
    """The event type's buffers read again (PostgreSQL: they may have changed since the
    request loaded it; SQLite writers read under the write lock from their first read)."""
    if session.get_bind().dialect.name != "sqlite":
        session.refresh(event_type, ["before_event_buffer", "after_event_buffer"])


def reservations_of_hosts(
    session: ReadSession, user_ids: Sequence[int], window: Interval, *, now: datetime
) -> list[SlotReservation]:
    """Live holds of these hosts that overlap ``window``."""
    if not user_ids:
        return []
    statement = (
        live_reservations(now)
        .where(
            SlotReservation.user_id.in_(list(user_ids)),
            SlotReservation.slot_start < window.end,
            SlotReservation.slot_end > window.start,
        )
        .order_by(SlotReservation.slot_start, SlotReservation.id)
    )
    return list(session.scalars(statement))


def reservation_rows(session: ReadSession, uid: str, *, now: datetime) -> list[SlotReservation]:
    """The live rows (one per host) of the reservation ``uid``."""
    statement = (
        live_reservations(now).where(SlotReservation.uid == uid).order_by(SlotReservation.user_id)
    )
    return list(session.scalars(statement))


def holds_of(
    session: ReadSession, holder: str, event_type_id: int, start: datetime, end: datetime
) -> list[SlotReservation]:
    """Rows (live or not) in which ``holder`` holds this slot of this event type."""
    statement = select(SlotReservation).where(
        SlotReservation.holder == holder,
        SlotReservation.event_type_id == event_type_id,
        SlotReservation.slot_start == start,
        SlotReservation.slot_end == end,
    )
    return list(session.scalars(statement))


def add_reservations(session: Session, rows: Sequence[SlotReservation]) -> None:
    session.add_all(rows)
    session.flush()


def delete_reservation(session: Session, uid: str) -> None:
    session.execute(delete(SlotReservation).where(SlotReservation.uid == uid))


def delete_rows(session: Session, rows: Sequence[SlotReservation]) -> None:
    if rows:
        session.execute(
            delete(SlotReservation).where(SlotReservation.id.in_([row.id for row in rows]))
        )


def delete_held_by(session: Session, holder: str) -> None:
    """Every hold of one holder (the legacy API's "unselect": a booker's cookie uid)."""
    session.execute(delete(SlotReservation).where(SlotReservation.holder == holder))


def delete_expired(session: Session, *, now: datetime) -> None:
    """The lazy clean-up: every write of the slots domain first drops expired holds."""
    session.execute(delete(SlotReservation).where(SlotReservation.reserved_until <= now))
