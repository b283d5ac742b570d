"""What bookings ask of slots: is this start a slot the event type offers right now? The
same engine, grid and window as a listing, checked under the host's lock; the answer tells
a request that can never succeed (400) from a slot that is taken right now (409)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from slotwise.busy import service as busy
from slotwise.core.availability import Slot
from slotwise.core.intervals import Interval
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid
from slotwise.event_types.models import EventType
from slotwise.slots import repository
from slotwise.slots.offer import host_ids, offered_slot
from slotwise.slots.window import format_utc, one_year_after
from slotwise.users.models import User

# Conflict reasons of a booking's slot (legacy answers turn them into Cal.com's error codes).
SLOT_TAKEN = "slot_taken"
SEATS_FULL = "seats_full"
ALREADY_SEATED = "already_seated"


def bookable_slot(
    session: Session,
    event_type: EventType,
    owner: User,
    start: datetime,
    length: timedelta,
    *,
    now: datetime,
    holder: str | None = None,
    start_field: str = "start",
) -> Slot:
    """The slot a new booking takes, checked under the hosts' lock: the same engine and the
    same grid as a listing. A start that the event type never offers (past, inside the
    minimum notice, outside its hours, grid or booking window) is a 400; one it offers but
    that is taken, held by another booker, full or over a limit right now is a 409."""
    repository.lock_hosts(session, host_ids(session, event_type, owner))
    # Buffers as they are now: a buffer change that was committed while we waited for the
    # lock is read again (its spans were re-read by the listing anyway).
    repository.reread_buffers(session, event_type)
    # Refused before any date arithmetic, which overflows near the calendar's edges.
    if start < now:
        raise Invalid.field(start_field, "is in the past")
    if start > one_year_after(now):
        raise Invalid.field(start_field, "is more than a year ahead; slots are offered a year out")
    slot = offered_slot(session, event_type, owner, start, length, now=now, holder=holder)
    if slot is not None:
        return slot
    _never_offered_at(event_type, start, length, now=now, start_field=start_field)
    if not offered_slot(
        session, event_type, owner, start, length, now=now, holder=holder, unbooked=True
    ):
        raise Invalid.field(
            start_field,
            f"{format_utc(start)} is not a bookable slot of event type {event_type.id}: it "
            "is outside the host's hours, off the event's slot grid, or outside its booking "
            "window",
        )
    if _seats_full(session, event_type, owner, start, length):
        raise Conflict(
            f"All {event_type.seats_per_slot} seats of the slot at {format_utc(start)} are taken",
            reason=SEATS_FULL,
        )
    raise Conflict(
        f"The slot at {format_utc(start)} is no longer available: it is booked, "
        "held by another booker, or a booking limit is reached",
        reason=SLOT_TAKEN,
    )


def _never_offered_at(
    event_type: EventType, start: datetime, length: timedelta, *, now: datetime, start_field: str
) -> None:
    """A 400 for a start outside every listing's reach: past, a year out, inside notice."""
    if start < now:
        raise Invalid.field(start_field, "is in the past")
    if start + length > one_year_after(now):
        raise Invalid.field(start_field, "is more than a year ahead; slots are offered a year out")
    notice = timedelta(minutes=event_type.minimum_booking_notice)
    if start < now + notice:
        raise Invalid.field(
            start_field,
            f"is inside the event type's minimum booking notice "
            f"({event_type.minimum_booking_notice} minutes)",
        )


def _seats_full(
    session: ReadSession, event_type: EventType, owner: User, start: datetime, length: timedelta
) -> bool:
    """Whether the slot is a seated booking of this event type with every seat taken."""
    if event_type.seats_per_slot is None:
        return False
    window = Interval(start, start + length)
    bookings = busy.blocking_bookings(session, [owner.id], window, margin=timedelta())
    return any(
        b.interval.start == start
        and b.event_type_id == event_type.id
        and b.attendees >= event_type.seats_per_slot
        for b in bookings[owner.id]
    )
