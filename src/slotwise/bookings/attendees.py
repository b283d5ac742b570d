"""A booking's attendees as ``/v1/attendees`` manages them (Cal.com's v1): list, read, add,
change and remove, each change recorded on the booking."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.changes import Change, record
from slotwise.bookings.models import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Attendee,
    Booking,
    BookingStatus,
)
from slotwise.core.timezones import is_iana_time_zone
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types.answers import E164_PHONE, PHONE_MESSAGE  # as a booking accepts
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


# --- operations ----------------------------------------------------------------------------------


def list_attendees(session: ReadSession, actor: User) -> list[Attendee]:
    """The attendees of the bookings ``actor`` hosts (an instance admin: every booking)."""
    return repository.attendees(session, repository.readable_by_host_or_admin(actor))


def get_attendee(session: ReadSession, actor: User, attendee_id: int) -> Attendee:
    """404 for an unknown id and for another host's attendee alike (no existence leak)."""
    attendee = repository.attendee(
        session, repository.readable_by_host_or_admin(actor), attendee_id
    )
    if attendee is None:
        raise NotFound(f"Attendee with id {attendee_id} not found")
    return attendee


def add_attendee(
    session: Session, actor: User, new: NewAttendee, *, now: datetime, announce: bool = False
) -> Attendee:
    """``announce``: tell the new attendee and the host by email, as Cal.com's v2 does (its v1
    sends nothing)."""
    given = {"name": new.name, "email": new.email, "time_zone": new.time_zone}
    if new.locale is not None:
        given["locale"] = new.locale
    if new.phone_number is not None:
        given["phone_number"] = new.phone_number
    values = _validated(given)
    booking = repository.by_id_for_update(
        session, repository.readable_by_host_or_admin(actor), new.booking_id
    )
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
    seats = repository.seats_per_slot(session, booking)
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
    if announce:
        details["announce"] = True
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
    _record_update(session, booking, attendee, changed, previous, now=now)
    session.flush()
    return attendee


def _record_update(
    session: Session,
    booking: Booking,
    attendee: Attendee,
    changed: Mapping[str, Any],
    previous: Mapping[str, Any],
    *,
    now: datetime,
) -> None:
    """A change to the invitation re-issues it (a new sequence); ``noShow`` alone does not,
    and is recorded as marking absence is."""
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


def _locked_attendee(session: Session, actor: User, attendee_id: int) -> tuple[Attendee, Booking]:
    """The attendee and its booking, the booking locked (so that two requests cannot both
    take the last seat, both remove "the other" of two attendees, or lose a sequence bump);
    re-read under the lock, since a concurrent request may have removed the attendee while
    this one waited."""
    scope = repository.readable_by_host_or_admin(actor)
    found = get_attendee(session, actor, attendee_id)
    booking = repository.by_id_for_update(session, scope, found.booking_id)
    attendee = repository.attendee(session, scope, attendee_id, reread=True)
    if booking is None or attendee is None:
        raise NotFound(f"Attendee with id {attendee_id} not found")
    return attendee, booking


def _attendees_of(session: Session, booking: Booking) -> list[Attendee]:
    return repository.attendees_of(session, [booking.id])[booking.id]


def _invitation_changed(booking: Booking, now: datetime) -> None:
    booking.updated_at = now
    booking.ics_sequence += 1


# --- validation ----------------------------------------------------------------------------------


def checked_values(values: dict[str, Any]) -> dict[str, Any]:
    """Attendee fields (model attributes) checked and normalized, for other booking changes
    that add people (``amendments``)."""
    return _validated(values)


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
