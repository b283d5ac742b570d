"""A booking as every output shape reads it (``BookingView``), loaded in a few queries, and
what a caller may see of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from slotwise.bookings import repository
from slotwise.bookings.models import Attendee, Booking
from slotwise.db import ReadSession
from slotwise.event_types.models import EventType
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking with what every output shape needs (loaded in a few queries)."""

    booking: Booking
    attendees: list[Attendee]
    host: User
    event_type: EventType | None
    seat_uid: str | None = None  # the seat this request took (seated create, reschedule)
    other_hosts: tuple[User, ...] = ()  # a team booking's hosts besides its organizer

    @property
    def hosts(self) -> list[User]:
        """Every host: the organizer first."""
        return [self.host, *self.other_hosts]

    @property
    def guests(self) -> list[str]:
        guests = self.booking.responses.get("guests")
        return [g for g in guests if isinstance(g, str)] if isinstance(guests, list) else []

    @property
    def duration_minutes(self) -> int:
        return int((self.booking.end_time - self.booking.start_time) // timedelta(minutes=1))


def visible_to(view: BookingView, caller: User | None) -> BookingView:
    """A seated booking hides its seat holders from each other unless the event type shows
    them (``seatsShowAttendees``): anyone but the host sees only the seat they hold."""
    event_type = view.event_type
    if (
        event_type is None
        or event_type.seats_per_slot is None
        or event_type.seats_show_attendees
        or (caller is not None and caller.id == view.booking.user_id)
    ):
        return view
    own = [a for a in view.attendees if view.seat_uid and a.seat_uid == view.seat_uid]
    return replace(view, attendees=own)


def views_of(
    session: ReadSession, bookings: Sequence[Booking], *, seat_uid: str | None = None
) -> list[BookingView]:
    attendees = repository.attendees_of(session, [b.id for b in bookings])
    hosts = repository.users_by_id(session, [b.user_id for b in bookings])
    other_ids = repository.other_host_ids(session, [b.id for b in bookings])
    others = repository.users_by_id(session, sorted({u for ids in other_ids.values() for u in ids}))
    event_types = repository.event_types_by_id(
        session, [b.event_type_id for b in bookings if b.event_type_id is not None]
    )
    return [
        BookingView(
            booking=b,
            attendees=attendees[b.id],
            host=hosts[b.user_id],
            event_type=event_types.get(b.event_type_id) if b.event_type_id else None,
            seat_uid=seat_uid,
            other_hosts=tuple(others[u] for u in other_ids[b.id]),
        )
        for b in bookings
    ]
