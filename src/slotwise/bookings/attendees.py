"""The rules for a booking's attendees as ``/v1/attendees`` manages them (Cal.com's v1).

- **Scope.** Attendees are reached through their booking: a caller sees, changes and adds the
  attendees of the bookings they host; an instance ADMIN reaches every booking (as Cal.com's
  v1 ``isSystemWideAdmin``). Anything else is a 404 that reads like an unknown id (Cal.com
  says 403, which tells a caller the id exists). Every scoped read starts from
  ``attendees_readable_by`` or ``bookings_writable_by``.
- **One booking change per change.** Adding, changing and removing an attendee each record a
  ``booking_changes`` row in the same transaction (``changes.record``), bump
  ``booking.updated_at`` and, because the calendar invitation changed, ``ics_sequence``. A
  PATCH that changes nothing records nothing. A change of ``noShow`` alone is not a calendar
  change: it records ``no_show_updated`` (as marking absence does) without a new sequence.
- **The booking is locked** (``FOR UPDATE`` on PostgreSQL; SQLite writers already hold the
  write lock) before its attendees are counted or its sequence read, so two concurrent
  requests cannot both take the last seat, both remove "the other" of two attendees, or lose
  a sequence bump.
- **Refusals.** Adding to a cancelled or rejected booking is a 400 (it can never succeed);
  removing a booking's last attendee is a 400 (a booking needs someone to meet; cancel the
  booking instead). An email that already attends the booking is a 409, on create and on
  update, so that an attendee is one email per booking (absence and seats are marked by
  email). A seated booking's attendee is a seat with its own ``seatUid``; one beyond the
  event type's ``seatsPerTimeSlot`` is a 409.
- **All-or-nothing validation**: every bad field is named in one 400 before anything is
  written. Emails are stored lower-cased, as the booking path stores them.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from slotwise.bookings.changes import Change, record
from slotwise.bookings.models import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Attendee,
    Booking,
    BookingStatus,
)
from slotwise.core.timezones import is_iana_time_zone
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types.answers import E164_PHONE, PHONE_MESSAGE  # as a booking accepts
from slotwise.event_types.models import EventType
from slotwise.users.models import User
from slotwise.users.service import LOCALES

PHONE_MAX_LENGTH = 32
ENDED_STATUSES = frozenset({BookingStatus.CANCELLED.value, BookingStatus.REJECTED.value})
DEFAULT_LOCALE = "en"

# Model attribute -> the field name clients use.
FIELD_NAMES: dict[str, str] = {
    "name": "name",
    "email": "email",
    "time_zone": "timeZone",
    "locale": "locale",
    "phone_number": "phoneNumber",
    "no_show": "noShow",
}
UPDATABLE = frozenset({"name", "email", "time_zone", "locale", "phone_number", "no_show"})
NULLABLE = frozenset({"phone_number"})
# What the calendar invitation is made from: changing any of these re-issues it.
INVITATION_FIELDS = frozenset({"name", "email", "time_zone", "locale", "phone_number"})


@dataclass(frozen=True, slots=True)
class NewAttendee:
    booking_id: int
    name: str
    email: str
    time_zone: str
    locale: str | None = None
    phone_number: str | None = None


# --- scoping -----------------------------------------------------------------------------------


def attendees_readable_by(user: User) -> Select[Attendee]:
    """The attendees ``user`` may list and reach by id: those of the bookings they host, or
    every attendee for an instance admin."""
    statement = select(Attendee)
    if user.is_admin:
        return statement
    return statement.join(Booking, Booking.id == Attendee.booking_id).where(
        Booking.user_id == user.id
    )


def bookings_writable_by(user: User) -> Select[Booking]:
    """The bookings whose attendees ``user`` may change: those they host (admin: all)."""
    statement = select(Booking)
    return statement if user.is_admin else statement.where(Booking.user_id == user.id)


# --- operations ----------------------------------------------------------------------------------


def list_attendees(session: Session, actor: User) -> list[Attendee]:
    return list(session.scalars(attendees_readable_by(actor).order_by(Attendee.id)))


def get_attendee(session: Session, actor: User, attendee_id: int) -> Attendee:
    attendee = session.scalars(
        attendees_readable_by(actor).where(Attendee.id == attendee_id)
    ).one_or_none()
    if attendee is None:
        raise NotFound(f"Attendee with id {attendee_id} not found")
    return attendee


def add_attendee(session: Session, actor: User, new: NewAttendee, *, now: datetime) -> Attendee:
    given = {"name": new.name, "email": new.email, "time_zone": new.time_zone}
    if new.locale is not None:
        given["locale"] = new.locale
    if new.phone_number is not None:
        given["phone_number"] = new.phone_number
    values = _validated(given)
    booking = _locked_booking(session, bookings_writable_by(actor), new.booking_id)
    if booking is None:
        raise NotFound(f"Booking with id {new.booking_id} not found")
    if booking.status in ENDED_STATUSES:
        raise Invalid(
            f"Booking with id {booking.id} is {booking.status.lower()}; "
            "attendees cannot be added to it"
        )
    present = _attendees_of(session, booking)
    if any(a.email == values["email"] for a in present):
        raise Conflict(f"{values['email']} is already an attendee of this booking")
    seats = _seats_per_slot(session, booking)
    if seats is not None and len(present) >= seats:
        raise Conflict(f"All {seats} seats of this booking are taken")
    attendee = Attendee(
        booking_id=booking.id,
        name=values["name"],
        email=values["email"],
        time_zone=values["time_zone"],
        locale=values.get("locale", DEFAULT_LOCALE),
        phone_number=values.get("phone_number"),
        no_show=False,
        seat_uid=secrets.token_hex(16) if seats is not None else None,
        seat_responses={} if seats is not None else None,
        seat_metadata={} if seats is not None else None,
        created_at=now,
    )
    session.add(attendee)
    session.flush()
    _invitation_changed(booking, now)
    details: dict[str, Any] = {"attendeeId": attendee.id, "email": attendee.email}
    if attendee.seat_uid is not None:
        details["seatUid"] = attendee.seat_uid
    record(session, booking, Change.ATTENDEE_ADDED, now=now, details=details)
    session.flush()
    return attendee


def update_attendee(
    session: Session, actor: User, attendee_id: int, changes: Mapping[str, Any], *, now: datetime
) -> Attendee:
    """A partial change: ``changes`` holds model attributes (``UPDATABLE``)."""
    unknown = set(changes) - UPDATABLE
    if unknown:  # a programming error in a caller, not user input
        raise ValueError(f"unknown attendee attributes: {sorted(unknown)}")
    values = _validated(dict(changes))
    attendee, booking = _locked_attendee(session, actor, attendee_id)
    changed = {
        attribute: value
        for attribute, value in values.items()
        if getattr(attendee, attribute) != value
    }
    if not changed:
        return attendee
    if "email" in changed and any(
        a.email == changed["email"] for a in _attendees_of(session, booking) if a.id != attendee.id
    ):
        raise Conflict(f"{changed['email']} is already an attendee of this booking")
    previous = {attribute: getattr(attendee, attribute) for attribute in changed}
    for attribute, value in changed.items():
        setattr(attendee, attribute, value)
    booking.updated_at = now
    invitation = {a: v for a, v in changed.items() if a in INVITATION_FIELDS}
    if invitation:
        booking.ics_sequence += 1
        record(
            session,
            booking,
            Change.ATTENDEE_UPDATED,
            now=now,
            details={
                "attendeeId": attendee.id,
                "email": attendee.email,
                "changes": {
                    FIELD_NAMES[a]: {"from": previous[a], "to": v} for a, v in invitation.items()
                },
            },
        )
    if "no_show" in changed:
        record(
            session,
            booking,
            Change.NO_SHOW_UPDATED,
            now=now,
            details={"attendees": [{"email": attendee.email, "noShow": attendee.no_show}]},
        )
    session.flush()
    return attendee


def remove_attendee(session: Session, actor: User, attendee_id: int, *, now: datetime) -> None:
    attendee, booking = _locked_attendee(session, actor, attendee_id)
    if len(_attendees_of(session, booking)) <= 1:
        raise Invalid(
            f"Attendee with id {attendee_id} is the last attendee of booking {booking.id}; "
            "a booking needs someone to meet (cancel the booking instead)"
        )
    details: dict[str, Any] = {"attendeeId": attendee.id, "email": attendee.email}
    if attendee.seat_uid is not None:
        details["seatUid"] = attendee.seat_uid
    session.delete(attendee)
    _invitation_changed(booking, now)
    record(session, booking, Change.ATTENDEE_REMOVED, now=now, details=details)
    session.flush()


# --- helpers -------------------------------------------------------------------------------------


def _locked_booking(session: Session, scope: Select[Booking], booking_id: int) -> Booking | None:
    """The booking, if in ``scope``, its row locked until the transaction ends and its
    attributes re-read under the lock."""
    return session.scalars(
        scope.where(Booking.id == booking_id)
        .with_for_update(of=Booking)
        .execution_options(populate_existing=True)
    ).one_or_none()


def _locked_attendee(session: Session, actor: User, attendee_id: int) -> tuple[Attendee, Booking]:
    """The attendee and its booking, the booking locked; re-read under the lock, since a
    concurrent request may have removed the attendee while this one waited."""
    found = get_attendee(session, actor, attendee_id)
    booking = _locked_booking(session, select(Booking), found.booking_id)
    attendee = session.scalars(
        attendees_readable_by(actor)
        .where(Attendee.id == attendee_id)
        .execution_options(populate_existing=True)
    ).one_or_none()
    if booking is None or attendee is None:
        raise NotFound(f"Attendee with id {attendee_id} not found")
    return attendee, booking


def _attendees_of(session: Session, booking: Booking) -> list[Attendee]:
    return list(
        session.scalars(
            select(Attendee).where(Attendee.booking_id == booking.id).order_by(Attendee.id)
        )
    )


def _seats_per_slot(session: Session, booking: Booking) -> int | None:
    if booking.event_type_id is None:
        return None
    return session.scalar(
        select(EventType.seats_per_slot).where(EventType.id == booking.event_type_id)
    )


def _invitation_changed(booking: Booking, now: datetime) -> None:
    booking.updated_at = now
    booking.ics_sequence += 1


# --- validation ----------------------------------------------------------------------------------


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    """Checks every field, normalizes it, and raises one Invalid naming all bad fields."""
    problems: list[dict[str, str]] = []
    checked: dict[str, Any] = {}
    for attribute, value in values.items():
        field = FIELD_NAMES[attribute]
        if value is None:
            if attribute not in NULLABLE:
                problems.append({"field": field, "message": "must not be null"})
            else:
                checked[attribute] = None
            continue
        if isinstance(value, str) and "\x00" in value:  # PostgreSQL text cannot hold U+0000
            problems.append({"field": field, "message": "must not contain the NUL character"})
            continue
        outcome = _CHECKS[attribute](value)
        if isinstance(outcome, _Problem):
            problems.append({"field": field, "message": outcome.message})
        else:
            checked[attribute] = outcome
    if problems:
        raise Invalid.fields(problems)
    return checked


class _Problem:
    def __init__(self, message: str) -> None:
        self.message = message


def _name(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    name = value.strip()
    if not name:
        return _Problem("must not be empty")
    if len(name) > NAME_MAX_LENGTH:
        return _Problem(f"must be at most {NAME_MAX_LENGTH} characters")
    return name


def _email(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    if len(value) > EMAIL_MAX_LENGTH:
        return _Problem(f"must be at most {EMAIL_MAX_LENGTH} characters")
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        return _Problem(f"is not a valid email address ({exc})")


def _time_zone(value: Any) -> Any:
    if isinstance(value, str) and is_iana_time_zone(value):
        return value
    return _Problem("must be an IANA time zone such as Europe/London")


def _locale(value: Any) -> Any:
    if isinstance(value, str) and value in LOCALES:
        return value
    return _Problem("must be a supported locale such as en, de or pt-BR")


def _phone(value: Any) -> Any:
    if isinstance(value, str) and len(value) <= PHONE_MAX_LENGTH and E164_PHONE.fullmatch(value):
        return value
    return _Problem(PHONE_MESSAGE)


def _boolean(value: Any) -> Any:
    return value if isinstance(value, bool) else _Problem("must be true or false")


_CHECKS: dict[str, Any] = {
    "name": _name,
    "email": _email,
    "time_zone": _time_zone,
    "locale": _locale,
    "phone_number": _phone,
    "no_show": _boolean,
}
