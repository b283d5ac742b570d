"""Calendar files for bookings (RFC 5545/5546, made by ``icalendar``): the invitation attached
to booking emails, and the booking page's add-to-calendar download (``web/ics.py``).

One VEVENT whose UID is the booking's ``icsUid``: it stays the same for the event's whole life,
a reschedule included, so a calendar updates the entry it has instead of adding a second
one. SEQUENCE is the booking's ``icsSequence``, bumped by every change, so a calendar applies
a newer REQUEST or CANCEL over an older one. Times are written in UTC, which every client
reads; each reader's email states them in their own zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slotwise import __version__
from slotwise.event_types.locations import readable_location

if TYPE_CHECKING:
    from icalendar import Event, vCalAddress

# icalendar is imported by the functions that write a file, so `serve` starts without it.

PRODID = f"-//slotwise//slotwise {__version__}//EN"


def calendar_file(
    *,
    uid: str,
    sequence: int,
    stamp: datetime,
    start: datetime,
    end: datetime,
    summary: str,
    organizer: tuple[str, str | None],
    attendees: Sequence[tuple[str, str | None]],
    method: str,
    status: str,
    description: str | None = None,
    location: str | None = None,
    url: str | None = None,
) -> bytes:
    """One event. ``method``: REQUEST (create or update), CANCEL (remove) or PUBLISH (a copy
    to keep). ``organizer`` and ``attendees`` are (email, name); an address appears once."""
    event = _event(
        uid=uid, sequence=sequence, stamp=stamp, start=start, end=end, summary=summary,
        organizer=organizer, attendees=attendees, status=status, description=description,
        location=location, url=url,
    )  # fmt: skip
    return _calendar(method, [event])


def invitation(
    booking: dict[str, Any], *, method: str, stamp: datetime, manage_url: str | None
) -> bytes:
    """The email attachment, from an email row's booking snapshot: one VEVENT, or one per
    occurrence when the change covered several occurrences of a series (each keeps its own
    UID and SEQUENCE)."""
    description = booking.get("description") or ""
    if manage_url:
        description = f"{description}\n\n{manage_url}".strip()
    organizer = booking["organizer"]
    people = [(a["email"], a.get("name")) for a in booking.get("attendees", [])]
    # A team booking's other hosts attend the calendar event too.
    people += [(m["email"], m.get("name")) for m in booking.get("teamMembers", [])]
    people += [(guest, None) for guest in booking.get("guests", [])]
    occurrences = booking.get("occurrences") or [booking]
    events = [
        _event(
            uid=occurrence["icsUid"],
            sequence=int(occurrence["icsSequence"]),
            stamp=stamp,
            start=datetime.fromisoformat(occurrence["start"]),
            end=datetime.fromisoformat(occurrence["end"]),
            summary=booking["title"],
            organizer=(organizer["email"], organizer.get("name")),
            attendees=people,
            status="CANCELLED" if method == "CANCEL" else "CONFIRMED",
            description=description or None,
            location=readable_location(booking.get("location")),
            url=manage_url,
        )
        for occurrence in occurrences
    ]
    return _calendar(method, events)


def _calendar(method: str, events: list[Event]) -> bytes:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event(
    *,
    uid: str,
    sequence: int,
    stamp: datetime,
    start: datetime,
    end: datetime,
    summary: str,
    organizer: tuple[str, str | None],
    attendees: Sequence[tuple[str, str | None]],
    status: str,
    description: str | None,
    location: str | None,
    url: str | None,
) -> Event:
    from icalendar import Event, vText

    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    event.add("status", status)
    event.add("organizer", _address(*organizer))
    seen: set[str] = set()
    for email, name in attendees:
        if email.lower() in seen:
            continue
        seen.add(email.lower())
        attendee = _address(email, name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText("ACCEPTED")
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee, encode=False)
    return event


def _address(email: str, name: str | None) -> vCalAddress:
    from icalendar import vCalAddress, vText

    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address
