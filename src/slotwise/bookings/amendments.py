"""Changes a host makes to a booking in place, keeping its uid and time: where it happens,
who else comes (guests, one more attendee). Cal.com's 2024-08-13 ``PATCH /location``,
``POST /guests`` and ``POST /attendees``.

Each change re-issues the calendar invitation (a new ICS sequence) and is recorded as a booking
change (``changes.record``), so emails and the webhooks' meeting rows follow it in the same
transaction. Only the host may make them (401 without a key, 403 for anyone else), and only
while the booking still stands (not cancelled or declined).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.bookings import attendees, repository
from slotwise.bookings.access import hosted_booking
from slotwise.bookings.booker_details import booking_location
from slotwise.bookings.changes import Change, record
from slotwise.bookings.models import Attendee, Booking
from slotwise.bookings.views import BookingView, views_of
from slotwise.errors import Invalid
from slotwise.event_types.models import EventType
from slotwise.users.models import User

MAX_GUESTS_AT_ONCE = 10  # Cal.com: "Cannot add more than 10 guests at a time"
# A video app's own meeting link stops being where the booking happens once the host names
# another place (Cal.com drops it too).
VIDEO_CALL_URL_KEY = "videoCallUrl"


@dataclass(frozen=True, slots=True)
class NewGuest:
    """A guest as the API sends one: only the email is required."""

    email: str
    name: str | None = None
    time_zone: str | None = None
    phone_number: str | None = None
    language: str | None = None


def change_location(
    session: Session,
    uid: str,
    given: str | Mapping[str, Any],
    *,
    now: datetime,
    caller: User | None,
) -> BookingView:
    """Where the booking happens, as a place, a link, a phone or a video app. Naming the
    place it already has changes nothing (no email goes out)."""
    booking = _standing_booking(session, uid, caller, "its location cannot change")
    if isinstance(given, str) and not given.strip():
        raise Invalid.field("location", "must not be empty")
    location = booking_location(_event_type(session, booking), given, "location")
    if location == booking.location:
        return views_of(session, [booking])[0]
    previous = booking.location
    booking.location = location
    metadata = dict(booking.booking_metadata or {})
    if metadata.pop(VIDEO_CALL_URL_KEY, None) is not None:
        booking.booking_metadata = metadata
    _invitation_changed(booking, now)
    record(
        session,
        booking,
        Change.LOCATION_CHANGED,
        now=now,
        details={"location": {"from": previous, "to": location}},
    )
    session.flush()
    return views_of(session, [booking])[0]


def add_guests(
    session: Session,
    uid: str,
    guests: Sequence[NewGuest],
    *,
    now: datetime,
    caller: User | None,
) -> BookingView:
    """Guests become attendees of the booking, as Cal.com adds them; those already there are
    skipped, and a request that adds nobody is refused."""
    booking = _standing_booking(session, uid, caller, "guests cannot be added to it")
    if repository.seats_per_slot(session, booking) is not None:
        raise Invalid("A seated booking takes people seat by one seat: book a seat instead")
    checked = _checked_guests(guests)
    present = {a.email.lower() for a in repository.attendees_of(session, [booking.id])[booking.id]}
    new = [guest for guest in checked if guest["email"] not in present]
    if not new:
        raise Invalid.field("guests", "every guest is already an attendee of this booking")
    host = repository.host_of(session, booking)
    for guest in new:
        session.add(_guest_attendee(booking, guest, host, now=now))
    session.flush()
    _invitation_changed(booking, now)
    record(
        session,
        booking,
        Change.GUESTS_ADDED,
        now=now,
        details={"guests": [guest["email"] for guest in new]},
        host=host,
    )
    session.flush()
    return views_of(session, [booking])[0]


def add_attendee(
    session: Session,
    uid: str,
    new: attendees.NewAttendee,
    *,
    now: datetime,
    caller: User | None,
) -> Attendee:
    """One more attendee, with ``/v1/attendees``' checks (a seat, when the booking is seated),
    announced to them and to the host as Cal.com's v2 does."""
    booking = _standing_booking(session, uid, caller, "attendees cannot be added to it")
    assert caller is not None  # hosted_booking refused a missing key
    return attendees.add_attendee(
        session,
        caller,
        attendees.NewAttendee(
            booking_id=booking.id,
            name=new.name,
            email=new.email,
            time_zone=new.time_zone,
            locale=new.locale,
            phone_number=new.phone_number,
        ),
        now=now,
        announce=True,
    )


# --- helpers -------------------------------------------------------------------------------------


def _standing_booking(session: Session, uid: str, caller: User | None, refused: str) -> Booking:
    booking = hosted_booking(session, uid, caller)
    if booking.status in attendees.ENDED_STATUSES:
        raise Invalid(f"Booking with uid={uid} is {booking.status.lower()}; {refused}")
    return booking


def _event_type(session: Session, booking: Booking) -> EventType | None:
    return session.get(EventType, booking.event_type_id) if booking.event_type_id else None


def _invitation_changed(booking: Booking, now: datetime) -> None:
    booking.updated_at = now
    booking.ics_sequence += 1


def _checked_guests(guests: Sequence[NewGuest]) -> list[dict[str, Any]]:
    """Each guest checked as an attendee is (``attendees``' rules), its problems named
    ``guests[i].<field>``; a guest listed twice counts once."""
    if not guests:
        raise Invalid.field("guests", "must list at least one guest")
    if len(guests) > MAX_GUESTS_AT_ONCE:
        raise Invalid.field("guests", f"Cannot add more than {MAX_GUESTS_AT_ONCE} guests at a time")
    checked: dict[str, dict[str, Any]] = {}
    problems: list[dict[str, str]] = []
    for index, guest in enumerate(guests):
        try:
            values = attendees.checked_values(_given(guest))
        except Invalid as exc:
            problems += [
                {**p, "field": f"guests[{index}].{_GUEST_FIELDS.get(p['field'], p['field'])}"}
                for p in exc.details or []
            ]
            continue
        checked.setdefault(values["email"], values)
    if problems:
        raise Invalid.fields(problems)
    return list(checked.values())


def _given(guest: NewGuest) -> dict[str, Any]:
    given: dict[str, Any] = {"email": guest.email}
    for attribute, value in (
        ("name", guest.name),
        ("time_zone", guest.time_zone),
        ("phone_number", guest.phone_number),
        ("locale", guest.language),
    ):
        if value is not None:
            given[attribute] = value
    return given


# attendees' field names -> this body's (a guest's language is an attendee's locale).
_GUEST_FIELDS = {"locale": "language"}


def _guest_attendee(
    booking: Booking, guest: Mapping[str, Any], host: User, *, now: datetime
) -> Attendee:
    """A guest known by email only gets its address as name and the host's zone and
    language, as Cal.com does."""
    return Attendee(
        booking_id=booking.id,
        name=guest.get("name") or guest["email"],
        email=guest["email"],
        time_zone=guest.get("time_zone") or host.time_zone,
        locale=guest.get("locale") or host.locale or attendees.DEFAULT_LOCALE,
        phone_number=guest.get("phone_number"),
        no_show=False,
        created_at=now,
    )
