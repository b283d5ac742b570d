"""A paid event type's booking and its payment: it is made PENDING with ``paid`` false,
holding its slot (its busy time blocks like any pending booking's); the payments domain
then marks it paid (accepted, or still pending when the host must confirm) or releases it
when the hold runs out unpaid. Bookings never read payments: payments calls these."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.access import booking_for_update
from slotwise.bookings.changes import Change, record
from slotwise.bookings.lifecycle import end_booking, initial_status
from slotwise.bookings.models import Booking, BookingStatus
from slotwise.event_types.payment_settings import payment_settings

PAYMENT_EXPIRED_REASON = "The payment was not received in time"


def awaiting_payment(session: Session, booking: Booking) -> bool:
    """Pending because it is not paid yet (not because the host has to confirm it)."""
    if booking.paid or booking.status != BookingStatus.PENDING.value:
        return False
    event_type = repository.event_type_of(session, booking)
    if event_type is None:
        return False
    payment = payment_settings(event_type.event_metadata)
    return payment is not None and payment.pays_online


def mark_paid(session: Session, booking_uid: str, *, now: datetime) -> Booking:
    """The payment succeeded: a booking that waited for it is accepted, or requested from
    the host when its event type requires confirmation; one paid on site only becomes paid.
    A booking that ended (released unpaid, cancelled) is answered unchanged: the caller
    refunds such a late payment."""
    booking = booking_for_update(session, booking_uid)
    live = (BookingStatus.PENDING.value, BookingStatus.ACCEPTED.value)
    if booking.paid or booking.status not in live:
        return booking
    waited = awaiting_payment(session, booking)
    booking.paid = True
    booking.updated_at = now
    record(session, booking, Change.PAID, now=now)
    if not waited:
        session.flush()
        return booking
    event_type = repository.event_type_of(session, booking)
    status = (
        initial_status(event_type, booking.start_time, now=now, by_host=False)
        if event_type is not None
        else BookingStatus.ACCEPTED
    )
    if status is BookingStatus.ACCEPTED:
        booking.status = status.value
        booking.ics_sequence += 1
        record(session, booking, Change.CONFIRMED, now=now)
    else:
        record(session, booking, Change.REQUESTED, now=now)
    session.flush()
    return booking


def release_unpaid(session: Session, booking_uid: str, *, now: datetime) -> bool:
    """The hold ran out: an unpaid booking is cancelled and its slot offered again. False
    when it was paid or ended meanwhile."""
    booking = booking_for_update(session, booking_uid)
    if not awaiting_payment(session, booking):
        return False
    end_booking(session, booking, BookingStatus.CANCELLED, now=now)
    booking.cancellation_reason = PAYMENT_EXPIRED_REASON
    details = {"reason": PAYMENT_EXPIRED_REASON, "paymentExpired": True}
    record(session, booking, Change.CANCELLED, now=now, details=details)
    session.flush()
    return True
