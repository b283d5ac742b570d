"""Asking attendees for a review: a subscriber to bookings' changes. While a booking is on
the calendar each attendee has a review row and one outbox row due at the meeting's end
(``review_request``); every later change writes them again from its snapshot (a reschedule
moves them to the new booking, a cancellation drops them), as webhooks keep MEETING_ENDED.

The row carries no secret: the handler makes the link's secret when it sends the email and
stores only its hash."""

from __future__ import annotations

from sqlalchemy.orm import Session

from slotwise.bookings.events import BookingChanged, Change
from slotwise.bookings.models import BookingStatus
from slotwise.events import EventBus
from slotwise.http.envelope import format_instant
from slotwise.outbox import service as outbox
from slotwise.reviews import repository
from slotwise.reviews.models import BookingReview

REVIEW_REQUEST_KIND = "review_request"
NEW_BOOKING = frozenset({Change.CREATED, Change.REQUESTED})


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    booking = event.booking
    if event.change not in NEW_BOOKING:
        for booking_id in (booking.id, event.replaced_booking_id):
            if booking_id is not None:
                outbox.cancel_future(
                    session,
                    booking_id,
                    now=event.at,
                    kind=REVIEW_REQUEST_KIND,
                    reason=f"replaced by the booking's {event.change.value} change",
                )
    if booking.status != BookingStatus.ACCEPTED.value or booking.end_time <= event.at:
        return
    for attendee in event.attendees:
        review = _review_row(session, event, attendee.email, attendee.name)
        outbox.enqueue(
            session,
            REVIEW_REQUEST_KIND,
            {
                "reviewId": review.id,
                "to": {"email": attendee.email, "name": attendee.name},
                "title": booking.title,
                "hostName": event.host.name,
                "startTime": format_instant(booking.start_time),
                "endTime": format_instant(booking.end_time),
            },
            now=event.at,
            due_at=booking.end_time,
            booking_id=booking.id,
            ordering_key=f"review:{review.id}",
        )


def _review_row(session: Session, event: BookingChanged, email: str, name: str) -> BookingReview:
    booking = event.booking
    review = repository.of_booking_and_email(session, booking.id, email)
    if review is None:
        review = BookingReview(
            booking_id=booking.id,
            event_type_id=booking.event_type_id,
            attendee_email=email,
            attendee_name=name,
            created_at=event.at,
        )
        session.add(review)
        session.flush()
    return review
