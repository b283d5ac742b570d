"""Every query the slots domain makes.

Slots are public (a booking page needs no key), so the scoping statements say what anyone may
read: ``bookable_event_types`` (every event type, hidden ones included: a hidden event type is
still bookable through its own link or id) and ``live_reservations`` (holds that have not
expired; an expired row is as good as gone, and writes delete it). A reservation is reached
only through its uid, which is a random secret of its holder's.

An event type by id and its host are read here (the event-types service offers no public
lookup by id); an event type by username and slug comes through the event-types service,
schedules through the schedules service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from slotwise.bookings.models import Attendee, Booking, BookingStatus, BusyTime
from slotwise.core.booking_window import CountedBooking
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession
from slotwise.event_types.models import EventType
from slotwise.slots.models import SlotReservation
from slotwise.users.models import User

_LIMIT_REACH = timedelta(days=370)


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


def blocking_bookings(
    session: ReadSession,
    user_ids: Sequence[int],
    window: Interval,
    *,
    margin: timedelta,
    seated_event_type_id: int | None = None,
) -> dict[int, list[ExistingBooking]]:
    """Every booking that blocks these hosts around ``window`` (ACCEPTED, PENDING and
    AWAITING_HOST: those with a busy time), by host. ``margin`` widens the search by the new
    event's buffers, which reach that far around a slot. The bookings of
    ``seated_event_type_id`` carry their attendee count (the seats taken); the engine reads
    seat counts of the seated event type being booked only, so no other booking needs one."""
    found: dict[int, list[ExistingBooking]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return found
    statement = (
        select(
            BusyTime.user_id,
            BusyTime.starts_at,
            BusyTime.ends_at,
            Booking.id,
            Booking.start_time,
            Booking.end_time,
            Booking.event_type_id,
            Booking.uid,
        )
        .join(Booking, Booking.id == BusyTime.booking_id)
        .where(
            BusyTime.user_id.in_(list(user_ids)),
            BusyTime.starts_at < window.end + margin,
            BusyTime.ends_at > window.start - margin,
        )
        .order_by(BusyTime.starts_at)
    )
    rows = session.execute(statement).all()
    seated_ids = [
        row.id
        for row in rows
        if seated_event_type_id is not None and row.event_type_id == seated_event_type_id
    ]
    taken: dict[int, int] = {}
    if seated_ids:
        counts = session.execute(
            select(Attendee.booking_id, func.count(Attendee.id))
            .where(Attendee.booking_id.in_(seated_ids))
            .group_by(Attendee.booking_id)
        )
        taken = {booking_id: count for booking_id, count in counts}
    for row in rows:
        found[row.user_id].append(
            ExistingBooking(
                interval=Interval(row.start_time, row.end_time),
                before_buffer=row.start_time - row.starts_at,
                after_buffer=row.ends_at - row.end_time,
                event_type_id=row.event_type_id,
                uid=row.uid,
                attendees=taken.get(row.id, 1),
            )
        )
    return found


def counted_bookings(
    session: ReadSession, event_type_id: int, user_ids: Sequence[int], window: Interval
) -> dict[int, list[CountedBooking]]:
    """This event type's accepted bookings of each host around ``window``, for its booking
    and duration limits (a year either side covers the longest limit period)."""
    found: dict[int, list[CountedBooking]] = {user_id: [] for user_id in user_ids}
    if not user_ids:
        return found
    statement = select(Booking.user_id, Booking.start_time, Booking.end_time).where(
        Booking.event_type_id == event_type_id,
        Booking.user_id.in_(list(user_ids)),
        Booking.status == BookingStatus.ACCEPTED.value,
        Booking.start_time < window.end + _LIMIT_REACH,
        Booking.end_time > window.start - _LIMIT_REACH,
    )
    for user_id, start, end in session.execute(statement):
        found[user_id].append(CountedBooking(start=start, duration=end - start))
    return found


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
