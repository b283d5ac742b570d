"""Payments' subscriber to bookings' events (in the change's transaction):

| change                         | what payments does                                      |
|--------------------------------|---------------------------------------------------------|
| payment_initiated (paid online)| a Payment, and an outbox row due when the hold runs out |
| created / requested (on site)  | a Payment the host marks paid                           |
| cancelled / rejected           | a refund row when one is due (host: always; attendee:   |
|                                | the refund policy)                                      |
| rescheduled                    | the payment moves to the new booking                    |

What the invoice will need (seller, buyer, line, tax rate, refund policy) is frozen into the
payment from the event's snapshot, so a later edit of the event type changes no invoice.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from sqlalchemy.orm import Session

from slotwise.bookings.events import BookingChanged, Change
from slotwise.events import EventBus
from slotwise.outbox import service as outbox
from slotwise.payments import repository
from slotwise.payments.models import Payment
from slotwise.payments.service import HOLD_KIND, enqueue_refund, new_uid, refund_due

DEFAULT_HOLD = timedelta(minutes=30)


def subscribe(bus: EventBus, *, hold: timedelta = DEFAULT_HOLD) -> None:
    bus.subscribe(BookingChanged, partial(on_booking_changed, hold=hold))


def on_booking_changed(session: Session, event: BookingChanged, *, hold: timedelta) -> None:
    settings = event.event_type.payment if event.event_type is not None else None
    if event.change is Change.PAYMENT_INITIATED and settings is not None:
        _new_payment(session, event, hold=hold)
    elif event.change in (Change.CREATED, Change.REQUESTED) and settings is not None:
        if not settings.pays_online and not event.booking.paid:
            _new_payment(session, event, hold=None)
    elif event.change in (Change.CANCELLED, Change.REJECTED):
        _refund_if_due(session, event)
    elif event.change is Change.RESCHEDULED and event.replaced_booking_id is not None:
        _follow_reschedule(session, event)


def _follow_reschedule(session: Session, event: BookingChanged) -> None:
    """A paid booking moved: its payment (and invoice) now belong to the new booking."""
    assert event.replaced_booking_id is not None
    payment = repository.payment_of_booking(session, event.replaced_booking_id)
    if payment is None:
        return
    payment.booking_id = event.booking.id
    payment.data = {**payment.data, "bookingUid": event.booking.uid}
    payment.updated_at = event.at
    invoice = repository.invoice_of_payment(session, payment.id)
    if invoice is not None:
        invoice.booking_uid = event.booking.uid


def _new_payment(session: Session, event: BookingChanged, *, hold: timedelta | None) -> None:
    booking, settings = event.booking, event.event_type.payment if event.event_type else None
    if settings is None or repository.payment_of_booking(session, booking.id) is not None:
        return
    booker = next((a for a in event.attendees), None)
    payment = Payment(
        uid=new_uid(),
        app_slug=settings.app,
        booking_id=booking.id,
        user_id=booking.user_id,
        amount=settings.price,
        fee=0,
        currency=settings.currency,
        payment_option=settings.payment_option,
        success=False,
        refunded=False,
        data={
            "bookingUid": booking.uid,
            "description": f"{booking.title} ({booking.start_time.isoformat()})",
            "seller": {"name": event.host.name, "email": event.host.email},
            "buyer": {"name": booker.name, "email": booker.email} if booker else {},
            "taxRateBasisPoints": settings.tax_rate_basis_points,
            "refundPolicy": settings.refund_policy.value,
            "refundDays": settings.refund_days,
        },
        hold_expires_at=event.at + hold if hold is not None else None,
        created_at=event.at,
        updated_at=event.at,
    )
    repository.add(session, payment)
    if payment.hold_expires_at is not None:
        outbox.enqueue(
            session, HOLD_KIND, {"paymentId": payment.id}, now=event.at,
            due_at=payment.hold_expires_at, booking_id=booking.id,
            ordering_key=f"payment:{payment.uid}",
        )  # fmt: skip


def _refund_if_due(session: Session, event: BookingChanged) -> None:
    payment = repository.payment_of_booking(session, event.booking.id)
    if payment is None:
        return
    by_host = event.change is Change.REJECTED or (
        event.booking.cancelled_by_email is not None
        and event.booking.cancelled_by_email.lower() == event.host.email.lower()
    )
    if refund_due(payment, by_host=by_host, now=event.at):
        enqueue_refund(session, payment, now=event.at)
