"""Cancelling a booking, a seat of a seated booking, or a series from one occurrence on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.access import booking_for_update
from slotwise.bookings.booker_details import optional_text
from slotwise.bookings.changes import Change, record, record_together
from slotwise.bookings.lifecycle import ACTIVE_STATUSES, end_booking, is_seated
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.bookings.views import BookingView, views_of
from slotwise.errors import Invalid, NotFound
from slotwise.event_types.models import EventType
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class Cancellation:
    reason: str | None = None
    cancel_subsequent: bool = False  # a series: this occurrence and every later one
    seat_uid: str | None = None


def cancel_booking(
    session: Session, uid: str, request: Cancellation, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Anyone with the uid may cancel (the booker's secret link); a seat's uid cancels that
    seat only, and only the host cancels a seated booking whole."""
    booking = booking_for_update(session, uid)
    is_host = caller is not None and caller.id == booking.user_id
    event_type = repository.event_type_of(session, booking)
    _check_cancellable(booking, event_type, is_host=is_host)
    reason = optional_text(request.reason, "cancellationReason")
    if request.seat_uid is not None:
        return cancel_seat(session, booking, request.seat_uid, now=now)
    if is_seated(event_type) and not is_host:
        raise Invalid.field(
            "seatUid",
            "is required: a seated booking is cancelled seat by seat (the host's key "
            "cancels every seat)",
        )
    targets = _cancelled_with(session, booking, request)
    for target in targets:
        end_booking(session, target, BookingStatus.CANCELLED, now=now)
        target.cancellation_reason = reason
        target.cancelled_by_email = caller.email if caller is not None else None
    record_together(session, targets, Change.CANCELLED, now=now, details={"reason": reason})
    session.flush()
    return views_of(session, targets)


def _check_cancellable(booking: Booking, event_type: EventType | None, *, is_host: bool) -> None:
    """Cancelling twice can never succeed (400); ``disableCancelling`` stops the booker, not
    the host."""
    if booking.status not in ACTIVE_STATUSES:
        raise Invalid(f"Booking with uid={booking.uid} is already {booking.status.lower()}")
    if event_type is not None and event_type.disable_cancelling and not is_host:
        raise Invalid("Cancelling is disabled for this event type; ask the host")


def _cancelled_with(session: Session, booking: Booking, request: Cancellation) -> list[Booking]:
    """The booking, or with ``cancelSubsequent`` every active occurrence of its series from
    this one on."""
    if not (request.cancel_subsequent and booking.recurring_event_id):
        return [booking]
    return [
        b
        for b in repository.series(session, booking.recurring_event_id)
        if b.start_time >= booking.start_time and b.status in ACTIVE_STATUSES
    ]


def cancel_seat(
    session: Session, booking: Booking, seat_uid: str, *, now: datetime
) -> list[BookingView]:
    """One seat given up; the booking ends with its last seat."""
    attendees = repository.attendees_of(session, [booking.id])[booking.id]
    seat = next((a for a in attendees if a.seat_uid == seat_uid), None)
    if seat is None:
        raise NotFound(f"Seat with uid={seat_uid} not found in booking {booking.uid}")
    session.delete(seat)
    booking.updated_at = now
    details = {
        "email": seat.email,
        "name": seat.name,
        "timeZone": seat.time_zone,
        "language": seat.locale,
        "timeFormat": seat.time_format,
    }
    record(session, booking, Change.SEAT_CANCELLED, now=now, details=details)
    if len(attendees) == 1:  # the last seat: nobody is left to meet
        end_booking(session, booking, BookingStatus.CANCELLED, now=now)
        record(session, booking, Change.CANCELLED, now=now)
    session.flush()
    return views_of(session, [booking])
