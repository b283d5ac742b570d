"""Which emails a booking change sends: a subscriber to bookings' events that writes outbox
rows in the change's transaction.

One row per recipient, so a refused or slow address never holds back the others. The row
carries a snapshot of the booking as it is at the change (times, people, reason, ICS UID
and SEQUENCE); the worker renders it later without reading the booking again, so an email
always tells what happened at its change, even when a later change came first to the worker.

| change          | attendee (and guests)            | host                          |
|-----------------|----------------------------------|-------------------------------|
| created         | scheduled, ICS REQUEST           | scheduled, ICS REQUEST        |
| requested       | awaiting confirmation            | request for confirmation      |
| payment initiated| awaiting payment (the pay link) | -                             |
| confirmed       | confirmed, ICS REQUEST           | confirmed, ICS REQUEST        |
| rejected        | declined (with the reason)       | -                             |
| cancelled       | cancelled, ICS CANCEL            | cancelled, ICS CANCEL         |
| rescheduled     | rescheduled, ICS REQUEST         | rescheduled, ICS REQUEST      |
| seat added      | scheduled (that seat), REQUEST   | a seat was booked             |
| seat cancelled  | cancelled (that seat), CANCEL    | a seat was cancelled          |
| location changed| location changed, ICS REQUEST    | location changed, REQUEST     |
| people added (*)| new: scheduled; others: people   | people added, ICS REQUEST     |
|                 | added; both ICS REQUEST          |                               |

(*) guests added, or one attendee added through v2's ``POST /attendees`` (``announce``).

A seated booking's attendees never see each other: each seat gets its own email, whose ICS
lists only that seat. A rescheduled booking that needs confirmation again is announced as a
new request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings.events import (
    AttendeeSnapshot,
    BookingChanged,
    BookingSnapshot,
    HostSnapshot,
    SeriesChanged,
)
from slotwise.bookings.models import BookingStatus
from slotwise.events import EventBus
from slotwise.outbox import service as outbox

EMAIL_KIND = "email"
ATTENDEE = "attendee"
ORGANIZER = "organizer"

# change -> (attendee template, host template, ICS method); None = no email for that side.
_PLAN: dict[str, tuple[str | None, str | None, str | None]] = {
    "created": ("scheduled", "scheduled", "REQUEST"),
    "requested": ("awaiting", "request", None),
    "payment_initiated": ("awaiting_payment", None, None),
    "confirmed": ("confirmed", "confirmed", "REQUEST"),
    "rejected": ("declined", None, None),
    "cancelled": ("cancelled", "cancelled", "CANCEL"),
    "rescheduled": ("rescheduled", "rescheduled", "REQUEST"),
    "location_changed": ("location_changed", "location_changed", "REQUEST"),
}
# Changes that add people (``bookings.amendments``): the newcomers are invited, everyone
# else gets the updated invitation. An attendee added through /v1/attendees is not announced.
PEOPLE_ADDED = "people_added"

Message = tuple[str, str, str | None, dict[str, Any], Sequence[AttendeeSnapshot]]


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)
    bus.subscribe(SeriesChanged, on_series_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    if not event.announced_with_series:
        enqueue_booking_emails(
            session, event.booking, event.change.value, now=event.at, details=event.details,
            attendees=event.attendees, host=event.host, team_hosts=event.team_hosts,
        )  # fmt: skip


def on_series_changed(session: Session, event: SeriesChanged) -> None:
    """One email per recipient for the whole series, as Cal.com sends: it lists every
    occurrence and its ICS holds one event per occurrence."""
    occurrences = [
        {
            "start": b.start_time.isoformat(),
            "end": b.end_time.isoformat(),
            "icsUid": b.ics_uid,
            "icsSequence": b.ics_sequence,
        }
        for b in event.bookings
    ]
    enqueue_booking_emails(
        session,
        event.bookings[0],
        event.change.value,
        now=event.at,
        details={**event.details, "occurrences": occurrences},
        attendees=event.attendees,
        host=event.host,
    )


def enqueue_booking_emails(
    session: Session,
    booking: BookingSnapshot,
    change: str,
    *,
    now: datetime,
    details: Mapping[str, Any],
    attendees: Sequence[AttendeeSnapshot],
    host: HostSnapshot,
    team_hosts: Sequence[HostSnapshot] = (),
) -> int:
    """Write the rows for one change; returns how many. Changes that Cal.com sends no email
    for (no-show updates, /v1/attendees edits) write none. ``team_hosts``: a team booking's
    other hosts, who get the organizer's email and are named in every email."""
    if change == "rescheduled" and booking.status == BookingStatus.PENDING.value:
        change = "requested"
    if change == "attendee_added" and details.get("announce"):
        change = "seat_added" if details.get("seatUid") else "guests_added"
    if change not in _PLAN and change not in ("seat_added", "seat_cancelled", "guests_added"):
        return 0
    snapshot = _snapshot(booking, host, details)
    if change == "guests_added":
        messages = _people_added(booking, host, details, attendees)
    elif change == "seat_added":
        messages = _seat_added(booking, host, details, attendees)
    elif change == "seat_cancelled":
        messages = _seat_cancelled(booking, host, details, attendees)
        snapshot["changedSeat"] = {k: details.get(k, "") for k in ("name", "email")}
    else:
        messages = _planned(change, booking, host, attendees)
        messages += _team_host_messages(change, team_hosts, attendees)
    if team_hosts:
        snapshot["teamMembers"] = [_organizer(member) for member in team_hosts]

    for template, role, method, recipient, visible in messages:
        payload = {
            "template": template,
            "role": role,
            "ics": method,
            "to": recipient,
            "booking": {**snapshot, "attendees": [_person(a) for a in visible]},
        }
        outbox.enqueue(
            session,
            EMAIL_KIND,
            payload,
            now=now,
            booking_id=booking.id,
            # In order per recipient and calendar event: a "cancelled" never overtakes the
            # "scheduled" it cancels, even across a reschedule (same ICS UID).
            ordering_key=f"email:{booking.ics_uid}:{recipient['email'].lower()}",
        )
    return len(messages)


def _planned(
    change: str,
    booking: BookingSnapshot,
    host: HostSnapshot,
    attendees: Sequence[AttendeeSnapshot],
) -> list[Message]:
    for_attendees, for_host, method = _PLAN[change]
    seated = any(a.seat_uid is not None for a in attendees)
    messages: list[Message] = []
    if for_attendees is not None:
        messages += _attendee_messages(attendees, for_attendees, method, booking, seated)
    if for_host is not None:
        messages.append((for_host, ORGANIZER, method, _organizer(host), attendees))
    return messages


def _team_host_messages(
    change: str, team_hosts: Sequence[HostSnapshot], attendees: Sequence[AttendeeSnapshot]
) -> list[Message]:
    """Each other host of a team booking hears what its organizer hears."""
    _, for_host, method = _PLAN[change]
    if for_host is None:
        return []
    return [(for_host, ORGANIZER, method, _organizer(member), attendees) for member in team_hosts]


def _seat_added(
    booking: BookingSnapshot,
    host: HostSnapshot,
    details: Mapping[str, Any],
    attendees: Sequence[AttendeeSnapshot],
) -> list[Message]:
    """The new seat is told of its own seat only; the host of the seat taken."""
    messages: list[Message] = []
    seat = next((a for a in attendees if a.seat_uid == details.get("seatUid")), None)
    if seat is not None:
        messages += _attendee_messages([seat], "scheduled", "REQUEST", booking, seated=True)
    messages.append(("seat_added", ORGANIZER, None, _organizer(host), attendees))
    return messages


def _people_added(
    booking: BookingSnapshot,
    host: HostSnapshot,
    details: Mapping[str, Any],
    attendees: Sequence[AttendeeSnapshot],
) -> list[Message]:
    """Those added (``guests``, or the one ``email``) are invited; the other attendees, the
    booking's own guests and the host learn who joined, with the updated invitation."""
    added = {e.lower() for e in details.get("guests") or [details.get("email") or ""] if e}
    messages: list[Message] = []
    for attendee in attendees:
        template = "scheduled" if attendee.email.lower() in added else PEOPLE_ADDED
        person = _attendee_person(attendee, booking)
        messages.append((template, ATTENDEE, "REQUEST", person, attendees))
    if attendees:
        for guest in _guests(booking.responses):
            person = _guest(guest, attendees[0], booking)
            messages.append((PEOPLE_ADDED, ATTENDEE, "REQUEST", person, attendees))
    messages.append((PEOPLE_ADDED, ORGANIZER, "REQUEST", _organizer(host), attendees))
    return messages


def _seat_cancelled(
    booking: BookingSnapshot,
    host: HostSnapshot,
    details: Mapping[str, Any],
    attendees: Sequence[AttendeeSnapshot],
) -> list[Message]:
    """The seat that left (known from the change's details: its row is gone) and the host."""
    seat_person = {
        "name": details.get("name", ""),
        "email": details.get("email", ""),
        "timeZone": details.get("timeZone") or host.time_zone,
        "language": details.get("language") or booking.language,
        "timeFormat": details.get("timeFormat"),
    }
    messages: list[Message] = []
    if seat_person["email"]:
        messages.append(("cancelled", ATTENDEE, "CANCEL", seat_person, []))
    messages.append(("seat_cancelled", ORGANIZER, None, _organizer(host), attendees))
    return messages


def _attendee_messages(
    attendees: Sequence[AttendeeSnapshot],
    template: str,
    method: str | None,
    booking: BookingSnapshot,
    seated: bool,
) -> list[Message]:
    messages: list[Message] = []
    for attendee in attendees:
        visible = [attendee] if seated else attendees
        messages.append((template, ATTENDEE, method, _attendee_person(attendee, booking), visible))
        if seated:  # a seat's guests are that seat's own
            for guest in _guests(attendee.seat_responses or {}):
                messages.append(
                    (template, ATTENDEE, method, _guest(guest, attendee, booking), visible)
                )
    if not seated and attendees:
        for guest in _guests(booking.responses):
            messages.append(
                (template, ATTENDEE, method, _guest(guest, attendees[0], booking), attendees)
            )
    return messages


def _attendee_person(attendee: AttendeeSnapshot, booking: BookingSnapshot) -> dict[str, Any]:
    person = {
        "name": attendee.name,
        "email": attendee.email,
        "timeZone": attendee.time_zone,
        "language": attendee.locale or booking.language,
        "timeFormat": attendee.time_format,
    }
    if attendee.seat_uid is not None:
        person["seatUid"] = attendee.seat_uid
    return person


def _guest(email: str, invited_by: AttendeeSnapshot, booking: BookingSnapshot) -> dict[str, Any]:
    """A guest is known by address only: they get the inviting attendee's zone and language,
    and a seat's guests its seat's links."""
    person = {
        "name": email,
        "email": email,
        "timeZone": invited_by.time_zone,
        "language": invited_by.locale or booking.language,
        "timeFormat": invited_by.time_format,
    }
    if invited_by.seat_uid is not None:
        person["seatUid"] = invited_by.seat_uid
    return person


def _guests(answers: Mapping[str, Any]) -> list[str]:
    guests = answers.get("guests")
    return [g for g in guests if isinstance(g, str) and g] if isinstance(guests, list) else []


def _snapshot(
    booking: BookingSnapshot, host: HostSnapshot, details: Mapping[str, Any]
) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "uid": booking.uid,
        "title": booking.title,
        "description": booking.description,
        "start": booking.start_time.isoformat(),
        "end": booking.end_time.isoformat(),
        "location": booking.location,
        "status": booking.status,
        "icsUid": booking.ics_uid,
        "icsSequence": booking.ics_sequence,
        "reason": details.get("reason")
        or booking.cancellation_reason
        or booking.rejection_reason
        or booking.rescheduling_reason,
        "organizer": {"name": host.name, "email": host.email, "timeZone": host.time_zone},
        "guests": _guests(booking.responses),
    }
    if len(details.get("occurrences") or []) > 1:
        snapshot["occurrences"] = details["occurrences"]
    if details.get("previousStart"):  # a reschedule: the time it moved from
        snapshot["previousStart"] = details["previousStart"]
        snapshot["previousEnd"] = details["previousEnd"]
    return snapshot


def _organizer(host: HostSnapshot) -> dict[str, Any]:
    return {
        "name": host.name,
        "email": host.email,
        "timeZone": host.time_zone,
        "language": host.locale or "en",
        "timeFormat": host.time_format,
    }


def _person(attendee: AttendeeSnapshot) -> dict[str, str]:
    return {"name": attendee.name, "email": attendee.email}
