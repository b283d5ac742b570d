"""What a webhook delivery says: Cal.com's body shape, and payloadTemplate rendering.

The default body is ``{"triggerEvent", "createdAt", "payload": {...}}`` with the booking's
fields under Cal.com's names (spec/api.md §10), built from a change's snapshot and stored on
the outbox row, so a late or retried delivery still tells the booking as it was at that change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slotwise.bookings.events import (
    AttendeeSnapshot,
    BookingSnapshot,
    EventTypeSnapshot,
    HostSnapshot,
)
from slotwise.event_types.locations import readable_location
from slotwise.http.envelope import format_instant

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")


def booking_payload(
    booking: BookingSnapshot,
    attendees: Sequence[AttendeeSnapshot],
    host: HostSnapshot,
    event_type: EventTypeSnapshot | None,
    *,
    now: datetime,
    details: Mapping[str, Any],
    team_hosts: Sequence[HostSnapshot] = (),
) -> dict[str, Any]:
    """The booking as Cal.com's payload tells it. A team booking adds Cal.com's ``team``
    (``id``, ``name``, and ``members``: its hosts besides the ``organizer``), so the payload
    names every host."""
    payload: dict[str, Any] = {
        "type": event_type.slug if event_type is not None else None,
        "title": booking.title,
        "description": booking.description,
        "additionalNotes": booking.responses.get("notes"),
        "customInputs": {},
        "startTime": format_instant(booking.start_time),
        "endTime": format_instant(booking.end_time),
        "organizer": _organizer(host, booking.start_time),
        "responses": _responses(booking, attendees),
        "userFieldsResponses": {},
        "attendees": [_attendee(a, booking.start_time) for a in attendees],
        "location": readable_location(booking.location),
        "destinationCalendar": None,
        "hideCalendarNotes": False,
        **_event_type_fields(event_type),
        "eventTypeId": booking.event_type_id,
        "uid": booking.uid,
        "bookingId": booking.id,
        "iCalUID": booking.ics_uid,
        "iCalSequence": booking.ics_sequence,
        "price": 0,
        "currency": "usd",
        "length": int((booking.end_time - booking.start_time).total_seconds() // 60),
        "status": booking.status,
        "metadata": dict(booking.booking_metadata),
        "recurringEventId": booking.recurring_event_id,
    }
    if event_type is not None and event_type.team_id is not None:
        payload["team"] = {
            "id": event_type.team_id,
            "name": event_type.team_name,
            "members": [_organizer(member, booking.start_time) for member in team_hosts],
        }
    payload.update(_change_fields(booking, event_type, details))
    return payload


def _organizer(host: HostSnapshot, start: datetime) -> dict[str, Any]:
    return {
        "id": host.id,
        "name": host.name,
        "email": host.email,
        "username": host.username,
        "timeZone": host.time_zone,
        "language": {"locale": host.locale or "en"},
        "timeFormat": "h:mma" if host.time_format == 12 else "HH:mm",
        "utcOffset": _utc_offset(host.time_zone, start),
    }


def _event_type_fields(event_type: EventTypeSnapshot | None) -> dict[str, Any]:
    """What the payload says of the event type (null or false without one)."""
    if event_type is None:
        return {
            "requiresConfirmation": False,
            "seatsShowAttendees": False,
            "seatsPerTimeSlot": None,
            "eventTitle": None,
            "eventDescription": None,
        }
    return {
        "requiresConfirmation": bool(event_type.requires_confirmation),
        "seatsShowAttendees": bool(event_type.seats_show_attendees),
        "seatsPerTimeSlot": event_type.seats_per_slot,
        "eventTitle": event_type.title,
        "eventDescription": event_type.description,
    }


def _change_fields(
    booking: BookingSnapshot, event_type: EventTypeSnapshot | None, details: Mapping[str, Any]
) -> dict[str, Any]:
    """Keys Cal.com adds only when the change they tell of happened."""
    fields: dict[str, Any] = {}
    if booking.cancellation_reason is not None:
        fields["cancellationReason"] = booking.cancellation_reason
    if booking.rejection_reason is not None:
        fields["rejectionReason"] = booking.rejection_reason
    if booking.from_reschedule:
        fields["rescheduleUid"] = booking.from_reschedule
        fields["rescheduledBy"] = booking.rescheduled_by_email
        if "previousStart" in details:  # stored as ISO by the reschedule
            fields["rescheduleStartTime"] = _cal_instant(details["previousStart"])
            fields["rescheduleEndTime"] = _cal_instant(details["previousEnd"])
    seated = event_type is not None and event_type.seats_per_slot is not None
    if seated and details.get("seatUid"):
        fields["seatUid"] = details["seatUid"]
    if "attendees" in details or "host" in details:  # a no-show update says who changed
        fields["noShowUpdates"] = {k: details[k] for k in ("attendees", "host") if k in details}
    return fields


def envelope(trigger: str, created_at: datetime, payload: dict[str, Any]) -> dict[str, Any]:
    return {"triggerEvent": trigger, "createdAt": format_instant(created_at), "payload": payload}


def render(body: dict[str, Any], template: str | None) -> tuple[bytes, str]:
    """The exact bytes to send and their content type. Without a template: the JSON body.
    With one: ``{{var}}`` replaced from the flattened body (``{{title}}``,
    ``{{organizer.name}}``, ``{{attendees.0.email}}``, ``{{triggerEvent}}``); sent as JSON
    when the result parses as JSON, else as a form body (Cal.com's rule)."""
    if not template:
        return json.dumps(body, separators=(",", ":")).encode(), "application/json"
    values = _flatten({**body["payload"], "triggerEvent": body["triggerEvent"],
                       "createdAt": body["createdAt"]})  # fmt: skip

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        if value is None:
            return ""
        text = value if isinstance(value, str) else json.dumps(value)
        return json.dumps(text)[1:-1]  # escaped, so a quote in a name keeps the JSON valid

    rendered = _VARIABLE.sub(fill, template)
    try:
        json.loads(rendered)
    except ValueError:
        return rendered.encode(), "application/x-www-form-urlencoded"
    return rendered.encode(), "application/json"


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if prefix:
        flat[prefix] = value
    if isinstance(value, dict):
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
    return flat


def _responses(booking: BookingSnapshot, attendees: Sequence[AttendeeSnapshot]) -> dict[str, Any]:
    lead = attendees[0] if attendees else None
    answers = dict(booking.responses)
    if lead is not None and lead.seat_responses:
        answers = {**answers, **lead.seat_responses}
    responses: dict[str, Any] = {
        "name": {"label": "your_name", "value": lead.name if lead else answers.get("name")},
        "email": {"label": "email_address", "value": lead.email if lead else answers.get("email")},
    }
    for key, value in answers.items():
        if key not in ("name", "email"):
            responses[key] = {"label": key, "value": value}
    return responses


def _attendee(attendee: AttendeeSnapshot, at: datetime) -> dict[str, Any]:
    first, _, last = attendee.name.partition(" ")
    return {
        "name": attendee.name,
        "email": attendee.email,
        "firstName": first,
        "lastName": last,
        "timeZone": attendee.time_zone,
        "language": {"locale": attendee.locale or "en"},
        "utcOffset": _utc_offset(attendee.time_zone, at),
        "noShow": attendee.no_show,
    }


def _cal_instant(iso: str) -> str:
    return format_instant(datetime.fromisoformat(iso))


def _utc_offset(zone: str, at: datetime) -> int:
    """Minutes east of UTC in ``zone`` at that instant (Cal.com's utcOffset)."""
    try:
        offset = at.astimezone(ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    return int(offset.total_seconds() // 60) if offset is not None else 0
