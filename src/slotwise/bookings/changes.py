"""The one place where "a booking changed" is recorded, inside the change's transaction.

Every operation of ``bookings.service`` calls ``record`` once per booking it changes, after
the change is flushed. The row commits or rolls back with the change itself, so a side
effect (email, webhook, reminder, calendar write) driven from these rows is never sent for a
change that did not happen and never forgotten for one that did. The outbox issue turns each
row into its deliveries; nothing here sends anything.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings.models import Attendee, Booking, BookingChange
from slotwise.emails.planner import enqueue_booking_emails, enqueue_series_emails
from slotwise.users.models import User
from slotwise.webhooks.planner import enqueue_booking_webhooks


class Change(enum.StrEnum):
    CREATED = "created"  # accepted at once (Cal.com's BOOKING_CREATED)
    REQUESTED = "requested"  # pending the host's confirmation (BOOKING_REQUESTED)
    CONFIRMED = "confirmed"  # pending -> accepted (BOOKING_CREATED, as Cal.com sends)
    REJECTED = "rejected"  # pending -> rejected (BOOKING_REJECTED)
    CANCELLED = "cancelled"  # BOOKING_CANCELLED
    RESCHEDULED = "rescheduled"  # recorded on the new booking (BOOKING_RESCHEDULED)
    SEAT_ADDED = "seat_added"  # a seat taken on an existing seated booking
    SEAT_CANCELLED = "seat_cancelled"  # one seat given up
    NO_SHOW_UPDATED = "no_show_updated"  # BOOKING_NO_SHOW_UPDATED
    ATTENDEE_ADDED = "attendee_added"  # /v1/attendees
    ATTENDEE_UPDATED = "attendee_updated"
    ATTENDEE_REMOVED = "attendee_removed"


def record(
    session: Session,
    booking: Booking,
    change: Change,
    *,
    now: datetime,
    details: dict[str, Any] | None = None,
    attendees: list[Attendee] | None = None,
    host: User | None = None,
    emails: bool = True,
) -> BookingChange:
    """``attendees`` and ``host``, when the caller has them at hand, save the side effects
    two queries; otherwise they are read. ``emails=False``: the caller changes several
    occurrences of a series at once and sends one email for all of them
    (``emails.planner.enqueue_series_emails``); webhooks still go per booking."""
    row = BookingChange(
        booking_id=booking.id, change=change.value, details=details or {}, created_at=now
    )
    session.add(row)
    if emails:
        enqueue_booking_emails(
            session, booking, change.value, now=now, details=row.details,
            attendees=attendees, host=host,
        )  # fmt: skip
    enqueue_booking_webhooks(
        session, booking, change.value, now=now, details=row.details, attendees=attendees, host=host
    )
    return row


def record_together(
    session: Session,
    bookings: list[Booking],
    change: Change,
    *,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> None:
    """One change made to several bookings at once (a series cancelled, confirmed or
    declined together): a row and webhooks per booking, and one email per person for all
    of them (``emails.planner.enqueue_series_emails``)."""
    for booking in bookings:
        record(session, booking, change, now=now, details=details, emails=len(bookings) == 1)
    if len(bookings) > 1:
        enqueue_series_emails(session, bookings, change.value, now=now, details=details)
