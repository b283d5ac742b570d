"""The calendar invitation attached to booking emails (RFC 5545/5546, made by ``icalendar``).

One VEVENT whose UID is the booking's ``icsUid``: it stays the same for the event's whole life,
a reschedule included, so a calendar updates the entry it has instead of adding a second
one. SEQUENCE is the booking's ``icsSequence``, bumped by every change, so a calendar applies
a newer REQUEST or CANCEL over an older one. Times are written in UTC, which every client
reads; each reader's email states them in their own zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from icalendar import Calendar, Event, vCalAddress, vText

from slotwise import __version__

PRODID = f"-//slotwise//slotwise {__version__}//EN"


def invitation(
    booking: dict[str, Any], *, method: str, stamp: datetime, manage_url: str | None
) -> bytes:
    """``method`` is REQUEST (create or update the event) or CANCEL (remove it)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)

    event = Event()
    event.add("uid", booking["icsUid"])
    event.add("sequence", int(booking["icsSequence"]))
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.fromisoformat(booking["start"]))
    event.add("dtend", datetime.fromisoformat(booking["end"]))
    event.add("summary", booking["title"])
    description = booking.get("description") or ""
    if manage_url:
        description = f"{description}\n\n{manage_url}".strip()
    if description:
        event.add("description", description)
    if booking.get("location"):
        event.add("location", booking["location"])
    if manage_url:
        event.add("url", manage_url)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")

    organizer = booking["organizer"]
    event.add("organizer", _address(organizer["email"], organizer.get("name")))
    people = [(a["email"], a.get("name")) for a in booking.get("attendees", [])]
    people += [(guest, None) for guest in booking.get("guests", [])]
    seen: set[str] = set()
    for email, name in people:
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        attendee = _address(email, name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText("ACCEPTED")
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _address(email: str, name: str | None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address
