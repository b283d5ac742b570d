"""Which calendar writes a booking change asks for: a subscriber to bookings' events that
writes outbox rows (kind ``calendar_write``) in the change's transaction.

An accepted booking is written to its host's destination calendar (the first time: where it
goes is recorded in ``calendar_event_refs``, keyed by the ICS UID); later changes of the
same calendar event (a reschedule keeps the ICS UID, a seat or attendee changed) write it
again in the same place, and a cancellation or rejection deletes it. Rows of one event go
in order (ordering key ``calendar:<ICS UID>``), so a delete never overtakes its create.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings.events import BookingChanged
from slotwise.bookings.models import BookingStatus
from slotwise.calendars import repository
from slotwise.calendars.models import CalendarEventRef
from slotwise.event_types.locations import readable_location
from slotwise.events import EventBus
from slotwise.outbox import service as outbox

CALENDAR_WRITE_KIND = "calendar_write"
_ENDED = frozenset({BookingStatus.CANCELLED.value, BookingStatus.REJECTED.value})


def subscribe(bus: EventBus) -> None:
    bus.subscribe(BookingChanged, on_booking_changed)


def on_booking_changed(session: Session, event: BookingChanged) -> None:
    booking = event.booking
    ref = repository.ref_of_host(session, booking.user_id, booking.ics_uid)
    if booking.status == BookingStatus.ACCEPTED.value:
        ref = ref or _new_ref(session, event)
        if ref is not None:
            ref.deleted = False
            _enqueue(session, event, ref, {"action": "write", "event": _event(event)})
    elif booking.status in _ENDED and ref is not None and not ref.deleted:
        ref.deleted = True
        _enqueue(session, event, ref, {"action": "delete", "uid": booking.ics_uid})


def _new_ref(session: Session, event: BookingChanged) -> CalendarEventRef | None:
    destination = repository.destination_of_user(session, event.booking.user_id)
    if destination is None:
        return None
    ref = CalendarEventRef(
        user_id=event.booking.user_id,
        ics_uid=event.booking.ics_uid,
        booking_uid=event.booking.uid,
        credential_id=destination.credential_id,
        integration=destination.integration,
        external_id=destination.external_id,
        deleted=False,
        created_at=event.at,
    )
    repository.add(session, ref)
    return ref


def _enqueue(
    session: Session, event: BookingChanged, ref: CalendarEventRef, what: dict[str, Any]
) -> None:
    ref.booking_uid = event.booking.uid
    outbox.enqueue(
        session,
        CALENDAR_WRITE_KIND,
        {"credentialId": ref.credential_id, "externalId": ref.external_id, **what},
        now=event.at,
        booking_id=event.booking.id,
        ordering_key=f"calendar:{event.booking.ics_uid}",
        topic=f"calendar:{ref.credential_id}",
    )


def _event(event: BookingChanged) -> dict[str, Any]:
    """The booking as its calendar event shows it (a snapshot: a retry writes the same)."""
    booking = event.booking
    return {
        "uid": booking.ics_uid,
        "sequence": booking.ics_sequence,
        "title": booking.title,
        "start": booking.start_time.isoformat(),
        "end": booking.end_time.isoformat(),
        "description": booking.description,
        "location": readable_location(booking.location),
        "organizerEmail": event.host.email,
        "attendeeEmails": [a.email for a in event.attendees],
    }
