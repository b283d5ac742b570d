"""Finding the booking a request acts on: by its uid, the booker's secret link (anyone
holding it), or by its uid for the booking's host only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from slotwise.bookings import repository
from slotwise.bookings.models import Booking
from slotwise.errors import Forbidden, NotFound, Unauthorized
from slotwise.users.models import User

LOOKUP_MAX_LENGTH = 200


def is_searchable(uid: str) -> bool:
    """Whether ``uid`` could name anything (what could not is not looked up)."""
    return "\x00" not in uid and 0 < len(uid) <= LOOKUP_MAX_LENGTH


def booking_for_update(session: Session, uid: str) -> Booking:
    """The booking with this secret uid, locked for the change (404 when there is none)."""
    booking = repository.by_uid_for_update(session, uid) if is_searchable(uid) else None
    if booking is None:
        raise NotFound(f"Booking with uid={uid} not found")
    return booking


def hosted_booking(session: Session, uid: str, caller: User | None) -> Booking:
    """A booking its host acts on: 401 without a key, 403 for anyone but the host."""
    if caller is None:
        raise Unauthorized("This action needs the host's API key")
    booking = booking_for_update(session, uid)
    if booking.user_id != caller.id:
        raise Forbidden("Only the booking's host may do this")
    return booking
