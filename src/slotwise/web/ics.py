"""The confirmation page's add-to-calendar file: the booker's own copy of the event (METHOD
PUBLISH), made by the same builder as the emails' invitations (``emails/ics.py``), so a
calendar that imported it recognises the emails' updates (same UID, newer SEQUENCE)."""

from __future__ import annotations

from datetime import datetime

from slotwise.bookings.views import BookingView
from slotwise.emails.ics import calendar_file
from slotwise.event_types.locations import readable_location

STATUSES = {"ACCEPTED": "CONFIRMED", "PENDING": "TENTATIVE", "AWAITING_HOST": "TENTATIVE"}


def booking_calendar(view: BookingView, *, now: datetime) -> bytes:
    booking = view.booking
    return calendar_file(
        uid=booking.ics_uid or f"{booking.uid}@slotwise",
        sequence=booking.ics_sequence,
        stamp=now,
        start=booking.start_time,
        end=booking.end_time,
        summary=booking.title,
        organizer=(view.host.email, view.host.name or view.host.username),
        attendees=[(a.email, a.name) for a in view.attendees],
        method="PUBLISH",
        status=STATUSES.get(booking.status, "CANCELLED"),
        description=booking.description,
        location=readable_location(booking.location),
    )
