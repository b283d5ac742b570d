"""The steps every booking use case shares: a new booking's rows (the booking, its busy time,
an attendee or seat), the status it starts in, and ending one."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.booker_details import AttendeeInput
from slotwise.bookings.models import BLOCKING_STATUSES, Attendee, Booking, BookingStatus
from slotwise.busy import service as busy
from slotwise.busy.service import BookedMeeting
from slotwise.core.intervals import Interval
from slotwise.event_types.models import EventType
from slotwise.users.models import User

ACTIVE_STATUSES = frozenset(status.value for status in BLOCKING_STATUSES)


def new_uid() -> str:
    """A booking's secret link: 128 random bits."""
    return secrets.token_hex(16)


def is_seated(event_type: EventType | None) -> bool:
    return event_type is not None and event_type.seats_per_slot is not None


def initial_status(
    event_type: EventType, start: datetime, *, now: datetime, by_host: bool
) -> BookingStatus:
    """Pending when the event type requires confirmation (only inside its threshold when it
    has one), else accepted; the host's own move is always accepted."""
    if by_host or not event_type.requires_confirmation:
        return BookingStatus.ACCEPTED
    threshold = event_type.requires_confirmation_threshold
    if isinstance(threshold, dict) and isinstance(threshold.get("time"), int):
        unit = timedelta(hours=1) if threshold.get("unit") == "hours" else timedelta(minutes=1)
        if start - now >= threshold["time"] * unit:
            return BookingStatus.ACCEPTED  # far enough ahead: no confirmation needed
    return BookingStatus.PENDING


@dataclass(frozen=True, slots=True)
class BookingContent:
    """What a new booking row says besides its event type, host and time."""

    title: str
    location: str | None
    responses: dict[str, Any]
    metadata: dict[str, Any]
    language: str
    recurring_event_id: str | None = None
    ics_uid: str | None = None  # a reschedule keeps the calendar event's
    ics_sequence: int = 0
    from_reschedule: str | None = None


def add_booking(
    session: Session,
    event_type: EventType,
    host: User,
    content: BookingContent,
    *,
    start: datetime,
    end: datetime,
    status: BookingStatus,
    now: datetime,
) -> Booking:
    """The booking row (flushed: it has its id) and its host's busy time, buffers included."""
    uid = new_uid()
    booking = Booking(
        uid=uid,
        user_id=host.id,
        event_type_id=event_type.id,
        title=content.title,
        description=event_type.description,
        start_time=start,
        end_time=end,
        status=status.value,
        location=content.location,
        responses=content.responses,
        booking_metadata=content.metadata,
        language=content.language,
        recurring_event_id=content.recurring_event_id,
        ics_uid=content.ics_uid or f"{uid}@slotwise",
        ics_sequence=content.ics_sequence,
        from_reschedule=content.from_reschedule,
        rescheduled=False,
        absent_host=False,
        created_at=now,
        updated_at=now,
    )
    session.add(booking)
    session.flush()  # its id, for the rows below
    _block_host_time(session, booking, event_type)
    return booking


def _block_host_time(session: Session, booking: Booking, event_type: EventType) -> None:
    """The host's busy span, the event type's buffers included: slots read it, and the
    database refuses another that overlaps it."""
    busy.block(
        session,
        BookedMeeting(
            booking_id=booking.id,
            booking_uid=booking.uid,
            user_id=booking.user_id,
            event_type_id=event_type.id,
            meeting=Interval(booking.start_time, booking.end_time),
            before_buffer=timedelta(minutes=event_type.before_event_buffer),
            after_buffer=timedelta(minutes=event_type.after_event_buffer),
            seats_taken=0,  # its attendees are added next; its recorded change counts them
            confirmed=booking.status == BookingStatus.ACCEPTED.value,
        ),
    )


def block_booking_hosts(session: Session, booking: Booking, event_type: EventType) -> None:
    """Every host's busy span of an existing booking again (after a reassignment freed
    them): the organizer's and each other team host's."""
    _block_host_time(session, booking, event_type)
    for user_id in repository.other_host_ids(session, [booking.id])[booking.id]:
        busy.block(
            session,
            BookedMeeting(
                booking_id=booking.id,
                booking_uid=booking.uid,
                user_id=user_id,
                event_type_id=event_type.id,
                meeting=Interval(booking.start_time, booking.end_time),
                before_buffer=timedelta(minutes=event_type.before_event_buffer),
                after_buffer=timedelta(minutes=event_type.after_event_buffer),
                seats_taken=0,
                confirmed=booking.status == BookingStatus.ACCEPTED.value,
            ),
        )
    session.flush()


def add_attendee(
    session: Session,
    booking: Booking,
    attendee: AttendeeInput,
    event_type: EventType | None,
    responses: Mapping[str, Any],
    *,
    now: datetime,
) -> Attendee:
    """The attendee row (added, not yet flushed); on a seated event it is a seat."""
    seated = is_seated(event_type)
    row = Attendee(
        booking_id=booking.id,
        name=attendee.name,
        email=attendee.email,
        time_zone=attendee.time_zone,
        locale=attendee.language or "en",
        phone_number=attendee.phone_number,
        time_format=attendee.time_format,
        no_show=False,
        seat_uid=new_uid() if seated else None,
        seat_responses=dict(responses) if seated else None,
        seat_metadata={} if seated else None,
        created_at=now,
    )
    session.add(row)
    return row


def end_booking(
    session: Session, booking: Booking, status: BookingStatus, *, now: datetime
) -> None:
    """Cancelled or rejected: the time is free again at once (the change's subscribers drop
    their deliveries still to come)."""
    booking.status = status.value
    booking.updated_at = now
    booking.ics_sequence += 1
    busy.free(session, booking.id)
