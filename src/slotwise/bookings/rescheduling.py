"""Moving a booking (or one seat of a seated booking) to a new start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from slotwise.bookings import repository, team_hosts
from slotwise.bookings.access import booking_for_update
from slotwise.bookings.booker_details import (
    AttendeeInput,
    checked_email,
    optional_text,
    reservation_holder,
)
from slotwise.bookings.cancellation import cancel_seat
from slotwise.bookings.changes import Change, record
from slotwise.bookings.creation import NewBooking, create_booking
from slotwise.bookings.lifecycle import (
    ACTIVE_STATUSES,
    BookingContent,
    add_booking,
    initial_status,
    is_seated,
    new_uid,
)
from slotwise.bookings.models import Attendee, Booking, BookingStatus
from slotwise.bookings.payment_state import awaiting_payment
from slotwise.bookings.views import BookingView, views_of
from slotwise.busy import service as busy
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types.answers import ANSWERED_ELSEWHERE
from slotwise.event_types.models import EventType
from slotwise.slots import service as slots
from slotwise.slots.service import EventTypeRef
from slotwise.users.models import User


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
class _Move:
    """Who moves the booking and why, checked."""

    by_host: bool
    rescheduled_by: str | None
    reason: str | None


def reschedule_booking(
    session: Session, uid: str, request: Rescheduling, *, now: datetime, caller: User | None
) -> BookingView:
    """The new booking; the old one is cancelled as ``rescheduled``, both linked by uid."""
    old = booking_for_update(session, uid)
    is_host = caller is not None and caller.id == old.user_id
    event_type = _reschedulable_event_type(session, old, now=now, is_host=is_host)
    move = _checked_move(request, by_host=is_host)
    host = repository.host_of(session, old)
    attendees = repository.attendees_of(session, [old.id])[old.id]
    if request.seat_uid is not None and event_type.seats_per_slot is not None:
        return _move_seat(session, old, attendees, request, event_type, now=now)
    if is_seated(event_type) and not is_host:
        raise Invalid.field(
            "seatUid",
            "is required: a seated booking is moved seat by seat (the host's key moves every seat)",
        )
    if awaiting_payment(session, old):
        raise Invalid(f"Booking with uid={uid} awaits its payment; it can be rescheduled once paid")
    new = _book_new_time(session, old, request, move, event_type, host, now=now)
    new.paid = old.paid  # the payment follows the booking (payments moves its row)
    _copy_attendees(session, attendees, new, now=now)
    _retire(old, new, move, now=now)
    if request.reservation_uid is not None:
        slots.release_reservation(session, request.reservation_uid)
    session.flush()
    _announce(session, old, new, now=now)
    return views_of(session, [new])[0]


def _reschedulable_event_type(
    session: Session, old: Booking, *, now: datetime, is_host: bool
) -> EventType:
    """The booking's event type, when it lets this caller move this booking now."""
    uid = old.uid
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
    return event_type


def _checked_move(request: Rescheduling, *, by_host: bool) -> _Move:
    rescheduled_by = request.rescheduled_by
    if rescheduled_by is not None:
        rescheduled_by = checked_email(rescheduled_by, "rescheduledBy")
    reason = optional_text(request.reason, "reschedulingReason")
    return _Move(by_host, rescheduled_by, reason)


def _book_new_time(
    session: Session,
    old: Booking,
    request: Rescheduling,
    move: _Move,
    event_type: EventType,
    host: User,
    *,
    now: datetime,
) -> Booking:
    """The new booking at the new start, checked as a new booking is, with the old one's
    content and calendar event (its ``icsUid``, the next sequence)."""
    length = old.end_time - old.start_time
    busy.free(session, old.id)  # the old time never blocks its own reschedule
    holder = reservation_holder(request.reservation_uid, "reservationUid")
    slot = slots.bookable_slot(
        session, event_type, host, request.start, length, now=now, holder=holder,
        start_field=request.start_field,
    )  # fmt: skip
    if slot.booking_uid is not None:
        raise Conflict("That slot has a seated booking; reschedule each seat with its seatUid")
    status = initial_status(event_type, request.start, now=now, by_host=move.by_host)
    content = BookingContent(
        title=old.title,
        location=old.location,
        responses=dict(old.responses),
        metadata=dict(old.booking_metadata),
        language=old.language,
        ics_uid=old.ics_uid,
        ics_sequence=old.ics_sequence + 1,
        from_reschedule=old.uid,
    )
    team = None
    if team_hosts.is_team_event(event_type):
        keep = old.user_id if event_type.reschedule_with_same_round_robin_host else None
        team = team_hosts.assign(session, event_type, slot, now=now, keep_organizer=keep)
        host = team.organizer
    new = add_booking(
        session, event_type, host, content, start=request.start, end=request.start + length,
        status=status, now=now,
    )  # fmt: skip
    if team is not None:
        team_hosts.hold_other_hosts(session, new, event_type, team.others)
    new.rescheduling_reason = move.reason
    new.rescheduled_by_email = move.rescheduled_by
    return new


def _copy_attendees(
    session: Session, attendees: list[Attendee], new: Booking, *, now: datetime
) -> None:
    for attendee in attendees:
        session.add(
            Attendee(
                booking_id=new.id, name=attendee.name, email=attendee.email,
                time_zone=attendee.time_zone, locale=attendee.locale,
                phone_number=attendee.phone_number, time_format=attendee.time_format,
                no_show=False,
                # Seats keep their answers and get new secrets (seat uids are unique).
                seat_uid=new_uid() if attendee.seat_uid is not None else None,
                seat_responses=attendee.seat_responses, seat_metadata=attendee.seat_metadata,
                created_at=now,
            )
        )  # fmt: skip


def _retire(old: Booking, new: Booking, move: _Move, *, now: datetime) -> None:
    """The old booking: cancelled as rescheduled, pointing at the new one."""
    old.status = BookingStatus.CANCELLED.value
    old.rescheduled = True
    old.rescheduled_to_uid = new.uid
    old.rescheduled_by_email = move.rescheduled_by
    old.rescheduling_reason = move.reason
    old.updated_at = now


def _announce(session: Session, old: Booking, new: Booking, *, now: datetime) -> None:
    """The move is recorded on the new booking (its subscribers rewrite what the old one
    had still to come)."""
    details = {
        "fromUid": old.uid,
        # The time it moved from, for the emails and webhooks that announce the move.
        "previousStart": old.start_time.isoformat(),
        "previousEnd": old.end_time.isoformat(),
    }
    record(session, new, Change.RESCHEDULED, now=now, details=details, replaces=old)


def _move_seat(
    session: Session,
    old: Booking,
    attendees: list[Attendee],
    request: Rescheduling,
    event_type: EventType,
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
            seat.name, seat.email, seat.time_zone, seat.locale, seat.phone_number, seat.time_format
        ),
        length_in_minutes=int((old.end_time - old.start_time) // timedelta(minutes=1)),
        guests=tuple(answers.pop("guests", None) or ()),
        responses={k: v for k, v in answers.items() if k not in ANSWERED_ELSEWHERE},
    )
    cancel_seat(session, old, seat.seat_uid or "", now=now)
    return create_booking(session, moved, now=now, caller=None)[0]
