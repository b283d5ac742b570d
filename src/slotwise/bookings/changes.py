"""The one place where "a booking changed" is recorded and published, in the change's
transaction.

Every booking use case (creation, rescheduling ...) calls ``record`` once per booking it
changes, after the change is flushed: a ``booking_changes`` row, then a ``BookingChanged``
event with a snapshot of the booking, handed to the subscribers the application registered
(``slotwise.composition``). Both commit or roll back with the change itself. The booking's
busy span (``slotwise.busy``) learns the same snapshot's seats and status here, so what
slots read follows every recorded change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.events import (
    AttendeeSnapshot,
    BookingChanged,
    BookingSnapshot,
    Change,
    EventTypeSnapshot,
    HostSnapshot,
    SeriesChanged,
)
from slotwise.bookings.lifecycle import ACTIVE_STATUSES
from slotwise.bookings.models import Attendee, Booking, BookingChange, BookingStatus
from slotwise.busy import service as busy
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType
from slotwise.event_types.payment_settings import payment_settings
from slotwise.events import publish
from slotwise.users.models import User

__all__ = ["Change", "record", "record_series", "record_together"]


def record(
    session: Session,
    booking: Booking,
    change: Change,
    *,
    now: datetime,
    details: dict[str, Any] | None = None,
    attendees: list[Attendee] | None = None,
    host: User | None = None,
    replaces: Booking | None = None,
    in_series: bool = False,
) -> BookingChange:
    """``attendees`` and ``host``, when the caller has them at hand, save two queries.
    ``replaces``: the booking a reschedule cancelled. ``in_series``: the change is one of
    several occurrences changed at once, announced to people by ``record_series``."""
    row = BookingChange(
        booking_id=booking.id, change=change.value, details=details or {}, created_at=now
    )
    session.add(row)
    event = BookingChanged(
        change=change,
        at=now,
        booking=booking_snapshot(booking),
        host=host_snapshot(host or repository.host_of(session, booking)),
        event_type=_event_type_snapshot(session, booking),
        attendees=_attendee_snapshots(session, booking, attendees),
        details=row.details,
        replaced_booking_id=replaces.id if replaces is not None else None,
        announced_with_series=in_series,
        team_hosts=_other_hosts(session, booking),
    )
    _busy_time_follows(session, booking, seats_taken=len(event.attendees))
    publish(session, event)
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
    declined together): a row and an event per booking, and one ``SeriesChanged``."""
    in_series = len(bookings) > 1
    for booking in bookings:
        record(session, booking, change, now=now, details=details, in_series=in_series)
    if in_series:
        record_series(session, bookings, change, now=now, details=details)


def record_series(
    session: Session,
    bookings: Sequence[Booking],
    change: Change,
    *,
    now: datetime,
    details: Mapping[str, Any] | None = None,
    attendees: list[Attendee] | None = None,
    host: User | None = None,
) -> None:
    """Announce occurrences already recorded one by one (with ``in_series=True``) as one
    change. ``attendees``: who to tell, when not everyone of the first occurrence."""
    lead = bookings[0]
    publish(
        session,
        SeriesChanged(
            change=change,
            at=now,
            bookings=tuple(booking_snapshot(b) for b in bookings),
            host=host_snapshot(host or repository.host_of(session, lead)),
            attendees=_attendee_snapshots(session, lead, attendees),
            details=dict(details or {}),
        ),
    )


def _busy_time_follows(session: Session, booking: Booking, *, seats_taken: int) -> None:
    """The booking's busy span learns its seats taken and whether it is confirmed, which
    slots read from it (an ended booking has no span left)."""
    if booking.status in ACTIVE_STATUSES:
        busy.booking_changed(
            session,
            booking.id,
            seats_taken=seats_taken,
            confirmed=booking.status == BookingStatus.ACCEPTED.value,
        )


def booking_snapshot(booking: Booking) -> BookingSnapshot:
    return BookingSnapshot(
        id=booking.id,
        uid=booking.uid,
        user_id=booking.user_id,
        event_type_id=booking.event_type_id,
        title=booking.title,
        description=booking.description,
        start_time=booking.start_time,
        end_time=booking.end_time,
        status=booking.status,
        location=booking.location,
        responses=dict(booking.responses or {}),
        booking_metadata=dict(booking.booking_metadata or {}),
        language=booking.language,
        cancellation_reason=booking.cancellation_reason,
        rejection_reason=booking.rejection_reason,
        rescheduling_reason=booking.rescheduling_reason,
        rescheduled_by_email=booking.rescheduled_by_email,
        from_reschedule=booking.from_reschedule,
        recurring_event_id=booking.recurring_event_id,
        ics_uid=booking.ics_uid,
        ics_sequence=booking.ics_sequence,
        paid=booking.paid,
        cancelled_by_email=booking.cancelled_by_email,
    )


def _other_hosts(session: Session, booking: Booking) -> tuple[HostSnapshot, ...]:
    """A team booking's hosts besides its organizer (none for a personal booking)."""
    ids = repository.other_host_ids(session, [booking.id])[booking.id]
    if not ids:
        return ()
    users = repository.users_by_id(session, ids)
    return tuple(host_snapshot(users[user_id]) for user_id in ids)


def host_snapshot(host: User) -> HostSnapshot:
    return HostSnapshot(
        id=host.id,
        name=host.name,
        email=host.email,
        username=host.username,
        time_zone=host.time_zone,
        locale=host.locale,
        time_format=host.time_format,
    )


def _attendee_snapshots(
    session: Session, booking: Booking, attendees: list[Attendee] | None
) -> tuple[AttendeeSnapshot, ...]:
    if attendees is None:
        attendees = repository.attendees_of(session, [booking.id])[booking.id]
    return tuple(
        AttendeeSnapshot(
            name=a.name,
            email=a.email,
            time_zone=a.time_zone,
            locale=a.locale,
            no_show=a.no_show,
            seat_uid=a.seat_uid,
            seat_responses=dict(a.seat_responses) if a.seat_responses is not None else None,
            time_format=a.time_format,
            phone_number=a.phone_number,
        )
        for a in attendees
    )


def _event_type_snapshot(session: Session, booking: Booking) -> EventTypeSnapshot | None:
    """None once the event type was deleted. ``session.get`` answers from the session's
    identity map when the change already loaded it (every booking path does)."""
    if booking.event_type_id is None:
        return None
    event_type = session.get(EventType, booking.event_type_id)
    if event_type is None:
        return None
    team = team_service.team_of(session, event_type)
    return EventTypeSnapshot(
        id=event_type.id,
        slug=event_type.slug,
        title=event_type.title,
        description=event_type.description,
        requires_confirmation=event_type.requires_confirmation,
        seats_per_slot=event_type.seats_per_slot,
        seats_show_attendees=event_type.seats_show_attendees,
        payment=payment_settings(event_type.event_metadata),
        team_id=team.id if team is not None else None,
        team_name=team.name if team is not None else None,
    )
