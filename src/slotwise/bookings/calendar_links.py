"""Add-to-calendar links for a booking (``GET /v2/bookings/{uid}/calendar-links``): Google,
Microsoft Outlook and Office web compose links, and the booking page's ICS download."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from slotwise.bookings.models import Booking

GOOGLE = "https://calendar.google.com/calendar/r/eventedit"
OUTLOOK = "https://outlook.live.com/calendar/0/deeplink/compose"
OFFICE = "https://outlook.office.com/calendar/0/deeplink/compose"


@dataclass(frozen=True, slots=True)
class CalendarLink:
    label: str
    link: str


def _compact(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_links(booking: Booking, *, ics_url: str) -> list[CalendarLink]:
    """The links Cal.com offers, in its order and with its labels."""
    details = booking.description or ""
    where = booking.location or ""
    google = {
        "dates": f"{_compact(booking.start_time)}/{_compact(booking.end_time)}",
        "text": booking.title,
        "details": details,
        "location": where,
    }
    microsoft = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "startdt": _iso(booking.start_time),
        "enddt": _iso(booking.end_time),
        "subject": booking.title,
        "body": details,
        "location": where,
    }
    return [
        CalendarLink("Google", f"{GOOGLE}?{urlencode(google)}"),
        CalendarLink("Microsoft Office", f"{OFFICE}?{urlencode(microsoft)}"),
        CalendarLink("Microsoft Outlook", f"{OUTLOOK}?{urlencode(microsoft)}"),
        CalendarLink("ICS", ics_url),
    ]
