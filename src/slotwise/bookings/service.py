"""The rules for bookings, in every API version (the schemas of each version build the
inputs below and shape ``BookingView`` into their outputs).

Decisions (spec/scheduling.md §7, §8, §11, §13, §14, and where Cal.com is silent):

- **One code path with slots.** A booking is accepted only for a slot that
  ``slots.service.bookable_slot`` offers at that moment, checked under the host's lock; the
  check and the insert share one transaction (PostgreSQL ``FOR UPDATE`` on the host's row
  plus the busy-time exclusion constraint; SQLite ``BEGIN IMMEDIATE``). A start the event
  type never offers is a 400; one that is taken, full, held or over a limit is a 409.
- **Pending bookings block** their slot (Cal.com blocks them only with
  ``requiresConfirmationWillBlockSlot``): otherwise two requests for one slot could both be
  confirmed later, a double booking by another door.
- **Status**: ``pending`` when the event type requires confirmation (only inside its
  threshold when it has one), else ``accepted``. The host rescheduling with their key gets
  ``accepted`` whatever the event type says. Paid events wait for the payments issue.
- **Seats**: a seated slot has one booking; each seat is an attendee with its own
  ``seatUid``. The same email cannot take two seats of one booking (409).
- **Recurring** event types book ``recurrenceCount`` (default: the event type's count)
  occurrences, the same wall-clock time in the attendee's zone; every occurrence is checked,
  and one taken occurrence refuses the whole series (409 naming it).
- **Who may do what.** The uid is the booker's secret link: anyone with it may read, cancel
  and reschedule (Cal.com's optional auth). A seat's ``seatUid`` acts on that seat only.
  Confirm, decline and mark-absent are the host's, with their API key (401 without one, 403
  for anyone else). ``disableCancelling``/``disableRescheduling`` stop the booker, not the
  host.
- **Refused transitions** are 400 (they can never succeed as sent): confirming or declining
  what is not pending, cancelling what is cancelled or rejected, rescheduling what is
  cancelled, rejected or over (unless the event type allows it).
- **Reschedule** frees the old booking's time first (so it never blocks itself), books the
  new start, then cancels the old booking with ``rescheduled``, both linked by uid. The new
  booking keeps the calendar event's ``icsUid`` and bumps its sequence.
- **Guests** are kept in the responses (Cal.com's ``responses.guests``) and answered as
  ``guests``; attendees are the booker and seat holders.
"""

from __future__ import annotations

import math
import re
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.changes import Change, record, record_series, record_together
from slotwise.bookings.models import (
    BLOCKING_STATUSES,
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Attendee,
    Booking,
    BookingStatus,
)
from slotwise.bookings.repository import ListQuery
from slotwise.core.timezones import is_iana_time_zone
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from slotwise.event_types import booking_fields
from slotwise.event_types.locations import HTTP_URL
from slotwise.event_types.models import EventType
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef
from slotwise.users.models import User
from slotwise.users.service import (
    LOCALES,
    METADATA_MAX_KEY_LENGTH,
    METADATA_MAX_KEYS,
    METADATA_MAX_STRING_LENGTH,
)

MAX_GUESTS = 30
MAX_TEXT_LENGTH = 10_000
MAX_RECURRENCE = 730  # occurrences of one series
LOOKUP_MAX_LENGTH = 200
PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")
ACTIVE_STATUSES = frozenset(status.value for status in BLOCKING_STATUSES)


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttendeeInput:
    name: str
    email: str
    time_zone: str
    language: str | None = None
    phone_number: str | None = None


@dataclass(frozen=True, slots=True)
class InputNames:
    """What a version calls each input, for its 400s."""

    start: str = "start"
    length: str = "lengthInMinutes"
    name: str = "attendee.name"
    email: str = "attendee.email"
    time_zone: str = "attendee.timeZone"
    language: str = "attendee.language"
    phone: str = "attendee.phoneNumber"
    guests: str = "guests"
    responses: str = "bookingFieldsResponses"
    location: str = "location"
    metadata: str = "metadata"
    recurrence: str = "recurrenceCount"
    reservation: str = "reservationUid"


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
    names: InputNames = field(default_factory=InputNames)


@dataclass(frozen=True, slots=True)
class Cancellation:
    reason: str | None = None
    cancel_subsequent: bool = False  # a series: this occurrence and every later one
    seat_uid: str | None = None


@dataclass(frozen=True, slots=True)
class Rescheduling:
    start: datetime
    rescheduled_by: str | None = None
    reason: str | None = None
    seat_uid: str | None = None
    start_field: str = "start"
    # The booker's hold on the new slot (a v2 reservation uid): it does not block the move,
    # and the move ends it.
    reservation_uid: str | None = None


@dataclass(frozen=True, slots=True)
class AbsenceUpdate:
    host: bool | None = None
    attendees: tuple[tuple[str, bool], ...] = ()  # (email, absent)
    attendees_field: str = "attendees"


# --- outputs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookingView:
    """A booking with what every output shape needs (loaded in a few queries)."""

    booking: Booking
    attendees: list[Attendee]
    host: User
    event_type: EventType | None
    seat_uid: str | None = None  # the seat this request took (seated create, reschedule)

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


@dataclass(frozen=True, slots=True)
class BookingPage:
    views: list[BookingView]
    total: int
    take: int
    skip: int


def views_of(
    session: Session, bookings: Sequence[Booking], *, seat_uid: str | None = None
) -> list[BookingView]:
    attendees = repository.attendees_of(session, [b.id for b in bookings])
    hosts = repository.users_by_id(session, [b.user_id for b in bookings])
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
        )
        for b in bookings
    ]


# --- create --------------------------------------------------------------------------------


def create_booking(
    session: Session, request: NewBooking, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Books a slot (or a recurring series: one view per occurrence, in order)."""
    names = request.names
    event_type, host = slots.event_type_and_host(session, request.event)
    length = slots.allowed_length(event_type, request.length_in_minutes, names.length)
    attendee = _checked_attendee(request.attendee, names)
    guests = _checked_guests(event_type, request.guests, names.guests)
    responses = _checked_responses(event_type, request.responses, names.responses)
    metadata = _checked_metadata(request.metadata, names.metadata)
    location = _location(event_type, request.location, names.location)
    starts = _occurrences(event_type, request, attendee.time_zone)
    status = _initial_status(event_type, request.start, now=now, by_host=False)
    holder = _holder(request.reservation_uid, names.reservation)

    recurring_id = str(uuid.uuid4()) if len(starts) > 1 else None
    seated = event_type.seats_per_slot is not None
    answers = {**responses, "name": attendee.name, "email": attendee.email, "guests": guests}
    created: list[Booking] = []
    new_attendees: dict[int, Attendee] = {}  # the one attendee of each new booking
    seat_uid: str | None = None
    for index, start in enumerate(starts):
        start_field = names.start if index == 0 else f"{names.start} (occurrence {index + 1})"
        slot = slots.bookable_slot(
            session, event_type, host, start, length, now=now, holder=holder,
            start_field=start_field,
        )  # fmt: skip
        if slot.booking_uid is not None:  # a seat on an existing seated booking
            booking, seat_uid = _take_seat(
                session, slot.booking_uid, attendee, event_type, answers, now=now,
                emails=len(starts) == 1,
            )  # fmt: skip
        else:
            # A seated booking is shared: its own answers and title name no seat holder (each
            # seat keeps its answers), so one booker never learns of another.
            booking = _new_booking(
                session,
                event_type,
                host,
                start=start,
                end=start + length,
                status=status,
                title=event_type.title if seated else _title(event_type, host, attendee.name),
                location=location,
                responses={} if seated else answers,
                metadata=metadata,
                language=attendee.language or "en",
                recurring_event_id=recurring_id,
                now=now,
            )
            row = _add_attendee(session, booking, attendee, event_type, answers, now=now)
            new_attendees[booking.id] = row
            seat_uid = row.seat_uid
            change = Change.CREATED if status is BookingStatus.ACCEPTED else Change.REQUESTED
            record(
                session, booking, change, now=now, attendees=[row], host=host,
                emails=len(starts) == 1,
            )  # fmt: skip
        created.append(booking)
    if len(created) > 1:  # a series: one email for all of its occurrences
        lead = created[0]
        booker = [a for a in repository.attendees_of(session, [lead.id])[lead.id]
                  if a.email == attendee.email]  # fmt: skip
        change = Change.CREATED if status is BookingStatus.ACCEPTED else Change.REQUESTED
        record_series(session, created, change, now=now, attendees=booker, host=host)
    if request.reservation_uid is not None:
        slots.release_reservation(session, request.reservation_uid)
    session.flush()
    if all(b.id in new_attendees for b in created):  # nothing to read back: build the views
        return [BookingView(b, [new_attendees[b.id]], host, event_type, seat_uid) for b in created]
    return views_of(session, created, seat_uid=seat_uid)


def _new_booking(
    session: Session,
    event_type: EventType,
    host: User,
    *,
    start: datetime,
    end: datetime,
    status: BookingStatus,
    title: str,
    location: str | None,
    responses: dict[str, Any],
    metadata: dict[str, Any],
    language: str,
    recurring_event_id: str | None,
    now: datetime,
    ics_uid: str | None = None,
    ics_sequence: int = 0,
    from_reschedule: str | None = None,
) -> Booking:
    uid = new_uid()
    booking = Booking(
        uid=uid,
        user_id=host.id,
        event_type_id=event_type.id,
        title=title,
        description=event_type.description,
        start_time=start,
        end_time=end,
        status=status.value,
        location=location,
        responses=responses,
        booking_metadata=metadata,
        language=language,
        recurring_event_id=recurring_event_id,
        ics_uid=ics_uid or f"{uid}@slotwise",
        ics_sequence=ics_sequence,
        from_reschedule=from_reschedule,
        rescheduled=False,
        absent_host=False,
        created_at=now,
        updated_at=now,
    )
    session.add(booking)
    session.flush()  # its id, for the rows below
    repository.add_busy_time(
        session,
        booking,
        start - timedelta(minutes=event_type.before_event_buffer),
        end + timedelta(minutes=event_type.after_event_buffer),
    )
    return booking


def _add_attendee(
    session: Session,
    booking: Booking,
    attendee: AttendeeInput,
    event_type: EventType | None,
    responses: Mapping[str, Any],
    *,
    now: datetime,
) -> Attendee:
    """The attendee row (added, not yet flushed); on a seated event it is a seat."""
    seated = event_type is not None and event_type.seats_per_slot is not None
    seat_uid = new_uid() if seated else None
    row = Attendee(
        booking_id=booking.id,
        name=attendee.name,
        email=attendee.email,
        time_zone=attendee.time_zone,
        locale=attendee.language or "en",
        phone_number=attendee.phone_number,
        no_show=False,
        seat_uid=seat_uid,
        seat_responses=dict(responses) if seated else None,
        seat_metadata={} if seated else None,
        created_at=now,
    )
    session.add(row)
    return row


def _take_seat(
    session: Session,
    booking_uid: str,
    attendee: AttendeeInput,
    event_type: EventType,
    responses: Mapping[str, Any],
    *,
    now: datetime,
    emails: bool = True,
) -> tuple[Booking, str | None]:
    booking = repository.by_uid_for_update(session, booking_uid)
    if booking is None:  # pragma: no cover - the engine just read it under the same lock
        raise Conflict("The seated booking of this slot is gone; try again")
    taken = repository.attendees_of(session, [booking.id])[booking.id]
    if any(a.email == attendee.email for a in taken):
        raise Conflict(
            f"{attendee.email} already has a seat in this booking", reason=slots.ALREADY_SEATED
        )
    seat_uid = _add_attendee(session, booking, attendee, event_type, responses, now=now).seat_uid
    booking.updated_at = now
    details = {"seatUid": seat_uid}
    record(session, booking, Change.SEAT_ADDED, now=now, details=details, emails=emails)
    return booking, seat_uid


# --- read ----------------------------------------------------------------------------------


def get_booking(session: Session, uid: str) -> list[BookingView]:
    """The booking with this uid, or every occurrence of the series with this recurring uid."""
    if _searchable(uid):
        booking = repository.by_uid(session, uid)
        if booking is not None:
            return views_of(session, [booking])
        occurrences = repository.series(session, uid)
        if occurrences:
            return views_of(session, occurrences)
    raise NotFound(f"Booking with uid={uid} not found")


def list_bookings(session: Session, user: User, query: ListQuery, *, now: datetime) -> BookingPage:
    rows, total = repository.list_bookings(session, user, query, now=now)
    return BookingPage(views_of(session, rows), total, query.take, query.skip)


# --- lifecycle -----------------------------------------------------------------------------


def cancel_booking(
    session: Session, uid: str, request: Cancellation, *, now: datetime, caller: User | None
) -> list[BookingView]:
    booking = _booking_for_update(session, uid)
    is_host = caller is not None and caller.id == booking.user_id
    event_type = repository.event_type_of(session, booking)
    if booking.status not in ACTIVE_STATUSES:
        raise Invalid(f"Booking with uid={uid} is already {booking.status.lower()}")
    if event_type is not None and event_type.disable_cancelling and not is_host:
        raise Invalid("Cancelling is disabled for this event type; ask the host")
    reason = _optional_text(request.reason, "cancellationReason")
    if request.seat_uid is not None:
        return _cancel_seat(session, booking, request.seat_uid, now=now)
    if _is_seated(event_type) and not is_host:
        raise Invalid.field(
            "seatUid",
            "is required: a seated booking is cancelled seat by seat (the host's key "
            "cancels every seat)",
        )
    targets = [booking]
    if request.cancel_subsequent and booking.recurring_event_id:
        targets = [
            b
            for b in repository.series(session, booking.recurring_event_id)
            if b.start_time >= booking.start_time and b.status in ACTIVE_STATUSES
        ]
    for target in targets:
        _end(session, target, BookingStatus.CANCELLED, now=now)
        target.cancellation_reason = reason
        target.cancelled_by_email = caller.email if caller is not None else None
    record_together(session, targets, Change.CANCELLED, now=now, details={"reason": reason})
    session.flush()
    return views_of(session, targets)


def _cancel_seat(
    session: Session, booking: Booking, seat_uid: str, *, now: datetime
) -> list[BookingView]:
    attendees = repository.attendees_of(session, [booking.id])[booking.id]
    seat = next((a for a in attendees if a.seat_uid == seat_uid), None)
    if seat is None:
        raise NotFound(f"Seat with uid={seat_uid} not found in booking {booking.uid}")
    session.delete(seat)
    booking.updated_at = now
    details = {
        "email": seat.email,
        "name": seat.name,
        "timeZone": seat.time_zone,
        "language": seat.locale,
    }
    record(session, booking, Change.SEAT_CANCELLED, now=now, details=details)
    if len(attendees) == 1:  # the last seat: nobody is left to meet
        _end(session, booking, BookingStatus.CANCELLED, now=now)
        record(session, booking, Change.CANCELLED, now=now)
    session.flush()
    return views_of(session, [booking])


def reschedule_booking(
    session: Session, uid: str, request: Rescheduling, *, now: datetime, caller: User | None
) -> BookingView:
    old = _booking_for_update(session, uid)
    is_host = caller is not None and caller.id == old.user_id
    event_type = repository.event_type_of(session, old)
    if event_type is None:
        raise Invalid("The event type of this booking was deleted; it cannot be rescheduled")
    if event_type.disable_rescheduling and not is_host:
        raise Invalid("Rescheduling is disabled for this event type; ask the host")
    if old.status not in ACTIVE_STATUSES and not event_type.allow_rescheduling_cancelled_bookings:
        raise Invalid(f"Booking with uid={uid} is {old.status.lower()} and cannot be rescheduled")
    if old.end_time <= now and not event_type.allow_rescheduling_past_bookings:
        raise Invalid(f"Booking with uid={uid} is over and cannot be rescheduled")
    notice = event_type.minimum_reschedule_notice
    if notice and not is_host and old.start_time - now < timedelta(minutes=notice):
        raise Invalid(
            f"This booking starts within {notice} minutes and can no longer be rescheduled"
        )
    rescheduled_by = request.rescheduled_by
    if rescheduled_by is not None:
        rescheduled_by = _email(rescheduled_by, "rescheduledBy")
    reason = _optional_text(request.reason, "reschedulingReason")
    host = repository.users_by_id(session, [old.user_id])[old.user_id]
    attendees = repository.attendees_of(session, [old.id])[old.id]
    length = old.end_time - old.start_time

    if request.seat_uid is not None and event_type.seats_per_slot is not None:
        return _move_seat(session, old, attendees, request, event_type, host, now=now)
    if _is_seated(event_type) and not is_host:
        raise Invalid.field(
            "seatUid",
            "is required: a seated booking is moved seat by seat (the host's key moves every seat)",
        )

    repository.free_busy_time(session, old)  # the old time never blocks its own reschedule
    holder = _holder(request.reservation_uid, "reservationUid")
    slot = slots.bookable_slot(
        session, event_type, host, request.start, length, now=now, holder=holder,
        start_field=request.start_field,
    )  # fmt: skip
    if slot.booking_uid is not None:
        raise Conflict("That slot has a seated booking; reschedule each seat with its seatUid")
    status = _initial_status(event_type, request.start, now=now, by_host=is_host)
    new = _new_booking(
        session,
        event_type,
        host,
        start=request.start,
        end=request.start + length,
        status=status,
        title=old.title,
        location=old.location,
        responses=dict(old.responses),
        metadata=dict(old.booking_metadata),
        language=old.language,
        recurring_event_id=None,
        now=now,
        ics_uid=old.ics_uid,
        ics_sequence=old.ics_sequence + 1,
        from_reschedule=old.uid,
    )
    new.rescheduling_reason = reason
    new.rescheduled_by_email = rescheduled_by
    for attendee in attendees:
        session.add(
            Attendee(
                booking_id=new.id, name=attendee.name, email=attendee.email,
                time_zone=attendee.time_zone, locale=attendee.locale,
                phone_number=attendee.phone_number, no_show=False,
                # Seats keep their answers and get new secrets (seat uids are unique).
                seat_uid=new_uid() if attendee.seat_uid is not None else None,
                seat_responses=attendee.seat_responses, seat_metadata=attendee.seat_metadata,
                created_at=now,
            )
        )  # fmt: skip
    old.status = BookingStatus.CANCELLED.value
    old.rescheduled = True
    old.rescheduled_to_uid = new.uid
    old.rescheduled_by_email = rescheduled_by
    old.rescheduling_reason = reason
    old.updated_at = now
    if request.reservation_uid is not None:
        slots.release_reservation(session, request.reservation_uid)
    session.flush()
    details = {
        "fromUid": old.uid,
        # The time it moved from, for the emails and webhooks that announce the move.
        "previousStart": old.start_time.isoformat(),
        "previousEnd": old.end_time.isoformat(),
    }
    record(session, new, Change.RESCHEDULED, now=now, details=details, replaces=old)
    return views_of(session, [new])[0]


def _move_seat(
    session: Session,
    old: Booking,
    attendees: list[Attendee],
    request: Rescheduling,
    event_type: EventType,
    host: User,
    *,
    now: datetime,
) -> BookingView:
    """A seat moves to another slot: it leaves its booking and takes a seat at the new one."""
    seat = next((a for a in attendees if a.seat_uid == request.seat_uid), None)
    if seat is None:
        raise NotFound(f"Seat with uid={request.seat_uid} not found in booking {old.uid}")
    answers = dict(seat.seat_responses or {})
    moved = NewBooking(
        event=EventTypeRef(event_type_id=event_type.id),
        start=request.start,
        attendee=AttendeeInput(
            seat.name, seat.email, seat.time_zone, seat.locale, seat.phone_number
        ),
        length_in_minutes=int((old.end_time - old.start_time) // timedelta(minutes=1)),
        guests=tuple(answers.pop("guests", None) or ()),
        responses={k: v for k, v in answers.items() if k not in _ANSWERED_ELSEWHERE},
    )
    _cancel_seat(session, old, seat.seat_uid or "", now=now)
    return create_booking(session, moved, now=now, caller=None)[0]


def confirm_booking(
    session: Session, uid: str, *, now: datetime, caller: User | None
) -> list[BookingView]:
    """Pending -> accepted (every pending occurrence of a series, as Cal.com confirms them)."""
    booking = _hosted_booking(session, uid, caller)
    if booking.status != BookingStatus.PENDING.value:
        raise Invalid(
            f"Only a pending booking can be confirmed; this one is {booking.status.lower()}"
        )
    targets = _pending_series(session, booking)
    for target in targets:
        target.status = BookingStatus.ACCEPTED.value
        target.updated_at = now
        target.ics_sequence += 1
    record_together(session, targets, Change.CONFIRMED, now=now)
    session.flush()
    return views_of(session, targets)


def decline_booking(
    session: Session, uid: str, reason: str | None, *, now: datetime, caller: User | None
) -> list[BookingView]:
    booking = _hosted_booking(session, uid, caller)
    if booking.status != BookingStatus.PENDING.value:
        raise Invalid(
            f"Only a pending booking can be declined; this one is {booking.status.lower()}"
        )
    reason = _optional_text(reason, "reason")
    targets = _pending_series(session, booking)
    for target in targets:
        _end(session, target, BookingStatus.REJECTED, now=now)
        target.rejection_reason = reason
    record_together(session, targets, Change.REJECTED, now=now, details={"reason": reason})
    session.flush()
    return views_of(session, targets)


def mark_absent(
    session: Session, uid: str, update: AbsenceUpdate, *, now: datetime, caller: User | None
) -> BookingView:
    booking = _hosted_booking(session, uid, caller)
    attendees = repository.attendees_of(session, [booking.id])[booking.id]
    by_email = {a.email.lower(): a for a in attendees}
    problems = [
        {
            "field": f"{update.attendees_field}[{i}].email",
            "message": "is not an attendee of this booking",
        }
        for i, (email, _absent) in enumerate(update.attendees)
        if email.lower() not in by_email
    ]
    if problems:
        raise Invalid.fields(problems)
    if update.host is not None:
        booking.absent_host = update.host
    for email, absent in update.attendees:
        by_email[email.lower()].no_show = absent
    booking.updated_at = now
    details: dict[str, Any] = {
        "attendees": [{"email": e, "noShow": a} for e, a in update.attendees]
    }
    if update.host is not None:
        details["host"] = update.host
    record(session, booking, Change.NO_SHOW_UPDATED, now=now, details=details)
    session.flush()
    return views_of(session, [booking])[0]


# --- helpers -------------------------------------------------------------------------------


def new_uid() -> str:
    """A booking's secret link: 128 random bits."""
    return secrets.token_hex(16)


def _searchable(uid: str) -> bool:
    return "\x00" not in uid and 0 < len(uid) <= LOOKUP_MAX_LENGTH


def _booking_for_update(session: Session, uid: str) -> Booking:
    booking = repository.by_uid_for_update(session, uid) if _searchable(uid) else None
    if booking is None:
        raise NotFound(f"Booking with uid={uid} not found")
    return booking


def _hosted_booking(session: Session, uid: str, caller: User | None) -> Booking:
    """A booking its host acts on: 401 without a key, 403 for anyone but the host."""
    if caller is None:
        raise Unauthorized("This action needs the host's API key")
    booking = _booking_for_update(session, uid)
    if booking.user_id != caller.id:
        raise Forbidden("Only the booking's host may do this")
    return booking


def _is_seated(event_type: EventType | None) -> bool:
    return event_type is not None and event_type.seats_per_slot is not None


def _pending_series(session: Session, booking: Booking) -> list[Booking]:
    if booking.recurring_event_id is None:
        return [booking]
    return [
        b
        for b in repository.series(session, booking.recurring_event_id)
        if b.status == BookingStatus.PENDING.value
    ]


def _end(session: Session, booking: Booking, status: BookingStatus, *, now: datetime) -> None:
    """Cancelled or rejected: the time is free again at once."""
    booking.status = status.value
    booking.updated_at = now
    booking.ics_sequence += 1
    repository.free_busy_time(session, booking)


def _initial_status(
    event_type: EventType, start: datetime, *, now: datetime, by_host: bool
) -> BookingStatus:
    if by_host or not event_type.requires_confirmation:
        return BookingStatus.ACCEPTED
    threshold = event_type.requires_confirmation_threshold
    if isinstance(threshold, dict) and isinstance(threshold.get("time"), int):
        unit = timedelta(hours=1) if threshold.get("unit") == "hours" else timedelta(minutes=1)
        if start - now >= threshold["time"] * unit:
            return BookingStatus.ACCEPTED  # far enough ahead: no confirmation needed
    return BookingStatus.PENDING


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


def _occurrences(event_type: EventType, request: NewBooking, zone_name: str) -> list[datetime]:
    """The starts to book: one, or a recurring event type's series in the attendee's zone."""
    recurrence = event_type.recurrence
    if not recurrence:
        if request.recurrence_count is not None:
            raise Invalid.field(
                request.names.recurrence, "is only for recurring event types; this one is not"
            )
        return [request.start]
    allowed = int(recurrence.get("count") or 1)
    count = allowed if request.recurrence_count is None else request.recurrence_count
    if not 1 <= count <= min(allowed, MAX_RECURRENCE):
        raise Invalid.field(
            request.names.recurrence, f"must be between 1 and {min(allowed, MAX_RECURRENCE)}"
        )
    zone = ZoneInfo(zone_name)
    local = request.start.astimezone(zone).replace(tzinfo=None)
    freq = int(recurrence.get("freq", 2))
    if freq not in (0, 1, 2, 3):  # the event types service stores YEARLY..DAILY only
        raise Invalid.field(request.names.recurrence, "the event type's recurrence is invalid")
    rule = rrule(
        freq=freq,  # type: ignore[arg-type]  # checked just above
        interval=int(recurrence.get("interval") or 1),
        count=count,
        dtstart=local,
    )
    # The same wall-clock time in the attendee's zone, across DST changes.
    return [moment.replace(tzinfo=zone).astimezone(request.start.tzinfo) for moment in rule]


def _holder(reservation_uid: str | None, field_name: str) -> str | None:
    if reservation_uid is None:
        return None
    if not _searchable(reservation_uid):
        raise Invalid.field(field_name, "is not a reservation uid")
    return reservation_uid


def _email(value: str, field_name: str) -> str:
    try:
        if len(value) > EMAIL_MAX_LENGTH:
            raise EmailNotValidError("too long")
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid.field(field_name, f"is not a valid email address ({exc})") from None


def _optional_text(value: str | None, field_name: str) -> str | None:
    if value is None:
        return None
    if len(value) > MAX_TEXT_LENGTH:
        raise Invalid.field(field_name, f"must be at most {MAX_TEXT_LENGTH} characters")
    return value.strip() or None


def _checked_attendee(attendee: AttendeeInput, names: InputNames) -> AttendeeInput:
    problems: list[dict[str, str]] = []
    name = attendee.name.strip()
    if not name:
        problems.append({"field": names.name, "message": "must not be empty"})
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(
            {"field": names.name, "message": f"must be at most {NAME_MAX_LENGTH} characters"}
        )
    elif any(ord(c) < 32 or ord(c) == 127 for c in name):
        # A line break in a name would end up in email headers (the title, To:).
        problems.append({"field": names.name, "message": "must not contain control characters"})
    email = attendee.email
    try:
        email = _email(attendee.email, names.email)
    except Invalid as exc:
        problems.extend(exc.details or [])
    if not is_iana_time_zone(attendee.time_zone):
        problems.append(
            {"field": names.time_zone, "message": "must be an IANA time zone such as Europe/London"}
        )
    if attendee.language is not None and attendee.language not in LOCALES:
        problems.append(
            {
                "field": names.language,
                "message": "must be a supported locale such as en, de or pt-BR",
            }
        )
    if attendee.phone_number is not None and not PHONE.fullmatch(attendee.phone_number):
        problems.append(
            {"field": names.phone, "message": "must be an E.164 number such as +442071234567"}
        )
    if problems:
        raise Invalid.fields(problems)
    return AttendeeInput(name, email, attendee.time_zone, attendee.language, attendee.phone_number)


def _checked_guests(event_type: EventType, guests: Sequence[str], field_name: str) -> list[str]:
    if not guests:
        return []
    if event_type.disable_guests:
        raise Invalid.field(field_name, "are not allowed by this event type")
    if len(guests) > MAX_GUESTS:
        raise Invalid.field(field_name, f"may list at most {MAX_GUESTS} guests")
    checked: list[str] = []
    for index, guest in enumerate(guests):
        email = _email(guest, f"{field_name}[{index}]")
        if email not in checked:
            checked.append(email)
    return checked


def _checked_metadata(metadata: Mapping[str, Any], field_name: str) -> dict[str, Any]:
    if len(metadata) > METADATA_MAX_KEYS:
        raise Invalid.field(field_name, f"may hold at most {METADATA_MAX_KEYS} keys")
    for key, value in metadata.items():
        if len(key) > METADATA_MAX_KEY_LENGTH:
            raise Invalid.field(
                field_name, f"keys must be at most {METADATA_MAX_KEY_LENGTH} characters"
            )
        if isinstance(value, str) and len(value) > METADATA_MAX_STRING_LENGTH:
            raise Invalid.field(
                f"{field_name}.{key}", f"must be at most {METADATA_MAX_STRING_LENGTH} characters"
            )
        if not isinstance(value, str | int | float | bool) or value is None:
            raise Invalid.field(f"{field_name}.{key}", "must be a string, a number or a boolean")
    return dict(metadata)


# Fields answered elsewhere in the request (attendee, guests, location), never in the responses.
_ANSWERED_ELSEWHERE = frozenset({"name", "email", "guests", "location", "attendeePhoneNumber"})


def _checked_responses(
    event_type: EventType, responses: Mapping[str, Any], prefix: str
) -> dict[str, Any]:
    """The answers to the event type's booking fields: known fields only, required ones
    present, each of its field's type (options among its options)."""
    fields = {
        f["name"]: f for f in booking_fields.with_required_fields(event_type.booking_fields or [])
    }
    problems: list[dict[str, str]] = []
    checked: dict[str, Any] = {}
    for name, value in responses.items():
        spec = fields.get(name)
        if spec is None or name in _ANSWERED_ELSEWHERE:
            problems.append(
                {
                    "field": f"{prefix}.{name}",
                    "message": "is not a booking field of this event type",
                }
            )
            continue
        problem = _answer_problem(spec, value)
        if problem:
            problems.append({"field": f"{prefix}.{name}", "message": problem})
        elif not _is_empty(value):
            checked[name] = value
    for name, spec in fields.items():
        if name in _ANSWERED_ELSEWHERE or spec.get("hidden") or not spec.get("required"):
            continue
        if name == "title":  # Cal.com's hidden system title: filled in by the server
            continue
        if _is_empty(responses.get(name)):
            problems.append({"field": f"{prefix}.{name}", "message": "is required"})
    if problems:
        raise Invalid.fields(problems)
    return checked


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _answer_problem(spec: Mapping[str, Any], value: Any) -> str | None:
    if value is None:
        return None
    kind = spec.get("type")
    options = [o.get("value") for o in spec.get("options") or [] if isinstance(o, dict)]
    if kind in ("text", "textarea", "address", "phone", "name", "email", "radioInput"):
        if not isinstance(value, str):
            return "must be a string"
        if len(value) > MAX_TEXT_LENGTH:
            return f"must be at most {MAX_TEXT_LENGTH} characters"
        if kind == "phone" and value and not PHONE.fullmatch(value):
            return "must be an E.164 number such as +442071234567"
        return None
    if kind == "url":
        return (
            None
            if isinstance(value, str) and HTTP_URL.fullmatch(value)
            else "must be an http(s) URL"
        )
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        # NaN and infinities are not JSON: stored, they would break every webhook body.
        return None if ok and math.isfinite(value) else "must be a finite number"
    if kind == "boolean":
        return None if isinstance(value, bool) else "must be true or false"
    if kind in ("select", "radio"):
        return None if value in options else f"must be one of: {', '.join(map(str, options))}"
    if kind in ("multiselect", "checkbox"):
        if not isinstance(value, list) or any(v not in options for v in value):
            return f"must be a list of: {', '.join(map(str, options))}"
        return None
    if kind == "multiemail":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of email addresses"
        for item in value:
            try:
                validate_email(item, check_deliverability=False)
            except EmailNotValidError:
                return f"{item!r} is not a valid email address"
        return None
    return None


def _location(
    event_type: EventType, given: str | Mapping[str, Any] | None, field_name: str
) -> str | None:
    """What the booking says about where: a plain string as sent, or the value of a location
    object (address, link, phone, integration), else the event type's first location."""
    if isinstance(given, str):
        text = given.strip()
        if len(text) > 2048:
            raise Invalid.field(field_name, "must be at most 2048 characters")
        return text or None
    if given is not None:
        kind = given.get("type")
        for key in ("address", "link", "phone", "location"):
            value = given.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()[:2048]
        if kind == "integration" and isinstance(given.get("integration"), str):
            return f"integrations:{given['integration']}"
        raise Invalid.field(field_name, "must name an address, a link, a phone or an integration")
    for location in event_type.locations or []:
        for key in ("address", "link", "phone"):
            value = location.get(key)
            if isinstance(value, str) and value:
                return value
        if location.get("type") == "integration" and location.get("integration"):
            return f"integrations:{location['integration']}"
    return None
