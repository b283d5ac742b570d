"""Booking references: ``record`` (what calendars and conferencing call when they create
an external event), the host's reads by booking uid (v2), and v1's CRUD.

Scoped like their bookings: the booking's host reads them (an instance admin, every
booking's, in v1, as ``/v1/attendees``); a reference of someone else's booking is a 404 in
v1 (ids are no secret to guess), and a booking uid that is not the caller's is a 403 in v2
(the uid is the attendee's link, so "not yours" says nothing new, as the host's actions).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from slotwise.booking_references import repository
from slotwise.booking_references.models import BookingReference
from slotwise.bookings import repository as bookings
from slotwise.bookings.access import is_searchable
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, NotFound, Unauthorized
from slotwise.users.models import User

SETTABLE = frozenset(
    {
        "type", "uid", "meeting_id", "meeting_password", "meeting_url",
        "external_calendar_id", "credential_id", "deleted",
    }
)  # fmt: skip


def record(
    session: Session,
    booking_id: int,
    *,
    type: str,  # noqa: A002 - Cal.com's name for it
    uid: str,
    meeting_id: str | None = None,
    meeting_password: str | None = None,
    meeting_url: str | None = None,
    external_calendar_id: str | None = None,
    credential_id: int | None = None,
) -> BookingReference:
    """Records a booking's external event (a calendar event, a video meeting), in the
    caller's transaction: what a calendar or conferencing provider calls once it created
    one. ``type`` is Cal.com's app type (``google_calendar``, ``caldav_calendar``,
    ``daily_video`` ...), ``uid`` the external event's id."""
    reference = BookingReference(
        booking_id=booking_id,
        type=type,
        uid=uid,
        meeting_id=meeting_id,
        meeting_password=meeting_password,
        meeting_url=meeting_url,
        external_calendar_id=external_calendar_id,
        credential_id=credential_id,
        deleted=False,
    )
    session.add(reference)
    session.flush()
    return reference


def references_of_booking(
    session: ReadSession, caller: User | None, uid: str, reference_type: str | None
) -> list[BookingReference]:
    """The references of the booking with this uid, for its host (v2)."""
    if caller is None:
        raise Unauthorized("Reading a booking's references needs the host's API key")
    booking = bookings.by_uid(session, uid) if is_searchable(uid) else None
    if booking is None:
        raise NotFound(f"Booking with uid={uid} not found")
    if booking.user_id != caller.id:
        raise Forbidden("Only the booking's host may read its references")
    return repository.list_of_booking(session, booking.id, reference_type)


def list_references(session: ReadSession, actor: User) -> list[BookingReference]:
    return repository.list_readable(session, actor)


def get_reference(session: ReadSession, actor: User, reference_id: int) -> BookingReference:
    reference = repository.get_readable(session, actor, reference_id)
    if reference is None:
        raise NotFound(f"Booking reference with id {reference_id} not found")
    return reference


def create_reference(
    session: Session, actor: User, booking_id: int, fields: Mapping[str, Any]
) -> BookingReference:
    """v1: a reference on one of the caller's bookings (someone else's is a 404)."""
    scope = bookings.readable_by_host_or_admin(actor)
    if bookings.by_id_for_update(session, scope, booking_id) is None:
        raise NotFound(f"Booking with id {booking_id} not found")
    reference = record(
        session,
        booking_id,
        **{k: v for k, v in fields.items() if k in SETTABLE and k != "deleted"},
    )
    if fields.get("deleted"):
        reference.deleted = True
    session.flush()
    return reference


def update_reference(
    session: Session, actor: User, reference_id: int, changes: Mapping[str, Any]
) -> BookingReference:
    reference = get_reference(session, actor, reference_id)
    for name, value in changes.items():
        if name in SETTABLE:
            setattr(reference, name, value)
    session.flush()
    return reference


def delete_reference(session: Session, actor: User, reference_id: int) -> None:
    session.delete(get_reference(session, actor, reference_id))
    session.flush()
