"""Booking a slot: one booking, a seat on a seated booking, or a recurring series."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule
from sqlalchemy.orm import Session

from slotwise.bookings import repository, team_hosts
from slotwise.bookings.booker_details import (
    AttendeeInput,
    booking_location,
    checked_attendee,
    checked_guests,
    checked_metadata,
    checked_responses,
    reservation_holder,
)
from slotwise.bookings.changes import Change, record, record_series
from slotwise.bookings.lifecycle import (
    BookingContent,
    add_attendee,
    add_booking,
    initial_status,
    is_seated,
)
from slotwise.bookings.models import Attendee, Booking, BookingStatus
from slotwise.bookings.views import BookingView, views_of
from slotwise.core.availability import Slot
from slotwise.errors import Conflict, Invalid
from slotwise.event_types.models import EventType
from slotwise.event_types.payment_settings import payment_settings
from slotwise.private_links import service as private_links
from slotwise.ratelimit import charge_booking_for
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef
from slotwise.users.models import User
from slotwise.verification import service as verification

MAX_RECURRENCE = 730  # occurrences of one series


@dataclass(frozen=True, slots=True)
class NewBooking:
    event: EventTypeRef
    start: datetime
    attendee: AttendeeInput
    guests: tuple[str, ...] = ()
    length_in_minutes: int | None = None
    location: str | Mapping[str, Any] | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    responses: Mapping[str, Any] = field(default_factory=dict)  # custom and system fields
    recurrence_count: int | None = None
    reservation_uid: str | None = None
    hashed_link: str | None = None  # the private link booked through (Cal.com's hashedLink)
    email_verification_code: str | None = None  # event types that verify the booker's email


@dataclass(frozen=True, slots=True)
class _Checked:
    """A request checked whole, before anything is written."""

    event_type: EventType
    host: User
    length: timedelta
    attendee: AttendeeInput
    answers: dict[str, Any]  # the booker's, with their name, email and guests
    content: BookingContent
    starts: list[datetime]
    status: BookingStatus
    holder: str | None
    start_field: str
    awaiting_payment: bool = False  # a paid event type: PENDING and unpaid until paid

    @property
    def is_series(self) -> bool:
        return len(self.starts) > 1


@dataclass(slots=True)
class _Booked:
    """What the occurrences booked so far."""

    bookings: list[Booking] = field(default_factory=list)
    new_attendees: dict[int, Attendee] = field(default_factory=dict)  # of each new booking
    seat_uid: str | None = None


def create_booking(
    session: Session, request: NewBooking, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Books a slot (or a recurring series: one view per occurrence, in order)."""
    checked = _checked(session, request, now=now)
    if checked.event_type.requires_booker_email_verification and not _by_owner(checked, caller):
        verification.use_booker_code(
            session, checked.attendee.email, request.email_verification_code, now=now
        )
    charge_booking_for(session, checked.attendee.email, now=now)  # an inbox is not a target
    if request.hashed_link is not None:  # one use, given back if the booking is refused
        private_links.use_link(session, request.hashed_link, checked.event_type.id, now=now)
    booked = _Booked()
    for index, start in enumerate(checked.starts):
        _book_occurrence(session, checked, booked, index, start, now=now)
    if checked.is_series:  # one email for all of its occurrences
        _announce_series(session, checked, booked.bookings, now=now)
    if request.reservation_uid is not None:
        slots.release_reservation(session, request.reservation_uid)
    session.flush()
    created = booked.bookings
    if not team_hosts.is_team_event(checked.event_type) and all(
        b.id in booked.new_attendees for b in created
    ):  # nothing to read back
        return [
            BookingView(b, [booked.new_attendees[b.id]], checked.host, checked.event_type,
                        booked.seat_uid)
            for b in created
        ]  # fmt: skip
    return views_of(session, created, seat_uid=booked.seat_uid)


def _by_owner(checked: _Checked, caller: User | None) -> bool:
    """The event type's owner books for someone else with their key: nobody to verify."""
    return caller is not None and caller.id == checked.event_type.owner_id


def _checked(session: Session, request: NewBooking, *, now: datetime) -> _Checked:
    event_type, host = slots.event_type_and_host(session, request.event)
    length = slots.allowed_length(event_type, request.length_in_minutes, "length_in_minutes")
    attendee = checked_attendee(request.attendee)
    guests = checked_guests(event_type, request.guests, "guests")
    responses = checked_responses(event_type, request.responses, "responses")
    metadata = checked_metadata(request.metadata, "metadata")
    location = booking_location(event_type, request.location, "location")
    starts = _occurrences(event_type, request, attendee.time_zone)
    status = initial_status(event_type, request.start, now=now, by_host=False)
    # A paid event type's booking waits for its payment, holding its slot meanwhile
    # (Cal.com: PENDING with paid=false); the payment then accepts it or asks the host.
    payment = payment_settings(event_type.event_metadata)
    awaiting_payment = payment is not None and payment.pays_online
    if awaiting_payment:
        status = BookingStatus.PENDING
    holder = reservation_holder(request.reservation_uid, "reservation_uid")
    answers = {**responses, "name": attendee.name, "email": attendee.email, "guests": guests}
    # A seated booking is shared: its own answers and title name no seat holder (each seat
    # keeps its answers), so one booker never learns of another.
    seated = is_seated(event_type)
    content = BookingContent(
        title=event_type.title if seated else _title(event_type, host, attendee.name),
        location=location,
        responses={} if seated else answers,
        metadata=metadata,
        language=attendee.language or "en",
        recurring_event_id=str(uuid.uuid4()) if len(starts) > 1 else None,
    )
    return _Checked(
        event_type, host, length, attendee, answers, content, starts, status, holder,
        "start", awaiting_payment,
    )  # fmt: skip


def _book_occurrence(
    session: Session,
    checked: _Checked,
    booked: _Booked,
    index: int,
    start: datetime,
    *,
    now: datetime,
) -> None:
    """One start, checked under the host's lock: a seat on the slot's seated booking, or a
    new booking."""
    start_field = (
        checked.start_field if index == 0 else (f"{checked.start_field} (occurrence {index + 1})")
    )
    slot = slots.bookable_slot(
        session, checked.event_type, checked.host, start, checked.length, now=now,
        holder=checked.holder, start_field=start_field,
    )  # fmt: skip
    if slot.booking_uid is not None:  # a seat on an existing seated booking
        booking, booked.seat_uid = _take_seat(
            session, slot.booking_uid, checked.attendee, checked.event_type, checked.answers,
            now=now, in_series=checked.is_series,
        )  # fmt: skip
    else:
        team = _team_assignment(session, checked, slot, now=now)
        organizer = team.organizer if team else checked.host
        content = checked.content
        if team is not None and not is_seated(checked.event_type):
            content = replace(content, title=_title(checked.event_type, organizer,
                                                    checked.attendee.name))  # fmt: skip
        booking = add_booking(
            session, checked.event_type, organizer, content, start=start,
            end=start + checked.length, status=checked.status, now=now,
        )  # fmt: skip
        if team is not None:
            team_hosts.hold_other_hosts(session, booking, checked.event_type, team.others)
        row = add_attendee(
            session, booking, checked.attendee, checked.event_type, checked.answers, now=now
        )
        booked.new_attendees[booking.id] = row
        booked.seat_uid = row.seat_uid
        record(
            session, booking, _change_of(checked), now=now, attendees=[row],
            host=organizer, in_series=checked.is_series,
        )  # fmt: skip
    booked.bookings.append(booking)


def _team_assignment(
    session: Session, checked: _Checked, slot: Slot, *, now: datetime
) -> team_hosts.TeamAssignment | None:
    """A team event's hosts for this slot (None for a personal event type)."""
    if not team_hosts.is_team_event(checked.event_type):
        return None
    return team_hosts.assign(session, checked.event_type, slot, now=now)


def _change_of(checked: _Checked) -> Change:
    if checked.awaiting_payment:
        return Change.PAYMENT_INITIATED
    return Change.CREATED if checked.status is BookingStatus.ACCEPTED else Change.REQUESTED


def _announce_series(
    session: Session, checked: _Checked, created: list[Booking], *, now: datetime
) -> None:
    """The occurrences were recorded one by one; people hear of them once, together (the
    booker alone on a seated series)."""
    lead = created[0]
    booker = [
        a
        for a in repository.attendees_of(session, [lead.id])[lead.id]
        if a.email == checked.attendee.email
    ]
    record_series(
        session, created, _change_of(checked), now=now, attendees=booker,
        host=checked.host,
    )  # fmt: skip


def _take_seat(
    session: Session,
    booking_uid: str,
    attendee: AttendeeInput,
    event_type: EventType,
    responses: Mapping[str, Any],
    *,
    now: datetime,
    in_series: bool = False,
) -> tuple[Booking, str | None]:
    booking = repository.by_uid_for_update(session, booking_uid)
    if booking is None:  # pragma: no cover - the engine just read it under the same lock
        raise Conflict("The seated booking of this slot is gone; try again")
    taken = repository.attendees_of(session, [booking.id])[booking.id]
    if any(a.email == attendee.email for a in taken):
        raise Conflict(
            f"{attendee.email} already has a seat in this booking", reason=slots.ALREADY_SEATED
        )
    seat_uid = add_attendee(session, booking, attendee, event_type, responses, now=now).seat_uid
    booking.updated_at = now
    details = {"seatUid": seat_uid}
    record(session, booking, Change.SEAT_ADDED, now=now, details=details, in_series=in_series)
    return booking, seat_uid


def _title(event_type: EventType, host: User, attendee_name: str) -> str:
    """Cal.com's event name: the custom one with its variables filled in, else
    "<event> between <host> and <attendee>"."""
    host_name = host.name or host.username
    if event_type.custom_name:
        title = event_type.custom_name
        for variable, value in (
            ("{Event type title}", event_type.title),
            ("{Organiser}", host_name),
            ("{Scheduler}", attendee_name),
            ("{HOST}", host_name),
            ("{ATTENDEE}", attendee_name),
        ):
            title = title.replace(variable, value)
        return title[:500]
    return f"{event_type.title} between {host_name} and {attendee_name}"[:500]


_PAST_THE_CALENDAR = "is more than a year ahead; slots are offered a year out"


def _occurrences(event_type: EventType, request: NewBooking, zone_name: str) -> list[datetime]:
    """The starts to book: one, or a recurring event type's series in the attendee's zone
    (the same wall-clock time across DST changes)."""
    recurrence = event_type.recurrence
    field_name = "recurrence_count"
    if not recurrence:
        if request.recurrence_count is not None:
            raise Invalid.field(field_name, "is only for recurring event types; this one is not")
        return [request.start]
    allowed = int(recurrence.get("count") or 1)
    count = allowed if request.recurrence_count is None else request.recurrence_count
    if not 1 <= count <= min(allowed, MAX_RECURRENCE):
        raise Invalid.field(field_name, f"must be between 1 and {min(allowed, MAX_RECURRENCE)}")
    zone = ZoneInfo(zone_name)
    try:
        local = request.start.astimezone(zone).replace(tzinfo=None)
    except OverflowError:  # 9999-12-31T23:59Z is already the year 10000 east of UTC
        raise Invalid.field("start", _PAST_THE_CALENDAR) from None
    freq = int(recurrence.get("freq", 2))
    if freq not in (0, 1, 2, 3):  # the event types service stores YEARLY..DAILY only
        raise Invalid.field(field_name, "the event type's recurrence is invalid")
    rule = rrule(
        freq=freq,  # type: ignore[arg-type]  # checked just above
        interval=int(recurrence.get("interval") or 1),
        count=count,
        dtstart=local,
    )
    try:
        return [moment.replace(tzinfo=zone).astimezone(request.start.tzinfo) for moment in rule]
    except (OverflowError, ValueError):  # the series would run past the year 9999
        raise Invalid.field("start", _PAST_THE_CALENDAR) from None
