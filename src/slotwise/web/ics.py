"""The confirmation page's add-to-calendar file (RFC 5545 through ``icalendar``).

A booker's own copy of the event: the booking's ``icsUid`` and sequence, so a calendar that
imported it before a reschedule updates the same event. (The outbox builds the invitations
it emails; both should share one builder once that lands.)
"""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from slotwise.bookings.service import BookingView
from slotwise.web.form import where

STATUSES = {"ACCEPTED": "CONFIRMED", "PENDING": "TENTATIVE", "AWAITING_HOST": "TENTATIVE"}


def booking_calendar(view: BookingView, *, now: datetime) -> bytes:
    booking = view.booking
    event = Event()
    event.add("uid", booking.ics_uid or f"{booking.uid}@slotwise")
    event.add("sequence", booking.ics_sequence)
    event.add("dtstamp", now)
    event.add("dtstart", booking.start_time)
    event.add("dtend", booking.end_time)
    event.add("summary", booking.title)
    if booking.description:
        event.add("description", booking.description)
    event.add("location", where(booking.location))
    event.add("status", STATUSES.get(booking.status, "CANCELLED"))
    organizer = vCalAddress(f"mailto:{view.host.email}")
    organizer.params["cn"] = vText(view.host.name or view.host.username)
    event.add("organizer", organizer)
    for attendee in view.attendees:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(attendee.name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", address, encode=False)
    calendar = Calendar()
    calendar.add("prodid", "-//slotwise//booking page//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return bytes(calendar.to_ical())
