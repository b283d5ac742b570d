"""The host's answer to a pending booking: confirm or decline (every pending occurrence of a
series at once, as Cal.com does)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.access import hosted_booking
from slotwise.bookings.booker_details import optional_text
from slotwise.bookings.changes import Change, record_together
from slotwise.bookings.lifecycle import end_booking
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.bookings.payment_state import awaiting_payment
from slotwise.bookings.views import BookingView, views_of
from slotwise.errors import Invalid
from slotwise.users.models import User


def confirm_booking(
    session: Session, uid: str, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Pending -> accepted."""
    targets = _pending(session, uid, caller, "confirmed")
    for target in targets:
        target.status = BookingStatus.ACCEPTED.value
        target.updated_at = now
        target.ics_sequence += 1
    record_together(session, targets, Change.CONFIRMED, now=now)
    session.flush()
    return views_of(session, targets)


def decline_booking(
    session: Session, uid: str, reason: str | None, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Pending -> rejected: the time is free again."""
    booking = hosted_booking(session, uid, caller)
    _check_pending(booking, "declined")
    reason = optional_text(reason, "reason")
    targets = _pending_series(session, booking)
    for target in targets:
        end_booking(session, target, BookingStatus.REJECTED, now=now)
        target.rejection_reason = reason
    record_together(session, targets, Change.REJECTED, now=now, details={"reason": reason})
    session.flush()
    return views_of(session, targets)


def _pending(session: Session, uid: str, caller: User | None, verb: str) -> list[Booking]:
    booking = hosted_booking(session, uid, caller)
    _check_pending(booking, verb)
    if awaiting_payment(session, booking):
        raise Invalid(
            f"Booking with uid={booking.uid} awaits its payment; it can be {verb} once paid"
        )
    return _pending_series(session, booking)


def _check_pending(booking: Booking, verb: str) -> None:
    if booking.status != BookingStatus.PENDING.value:
        raise Invalid(f"Only a pending booking can be {verb}; this one is {booking.status.lower()}")


def _pending_series(session: Session, booking: Booking) -> list[Booking]:
    if booking.recurring_event_id is None:
        return [booking]
    return [
        b
        for b in repository.series(session, booking.recurring_event_id)
        if b.status == BookingStatus.PENDING.value
    ]
