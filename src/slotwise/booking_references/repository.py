"""Every query on booking references, scoped like their bookings: the booking's host (an
instance admin: every booking's), through the bookings domain's own scope."""

from __future__ import annotations

from sqlalchemy import Select, select

from slotwise.booking_references.models import BookingReference
from slotwise.bookings import repository as bookings
from slotwise.bookings.models import Booking
from slotwise.db import ReadSession
from slotwise.users.models import User


def readable_by(actor: User) -> Select[BookingReference]:
    """References of the bookings ``actor`` hosts (an admin: all)."""
    hosted = bookings.readable_by_host_or_admin(actor).with_only_columns(Booking.id)
    return select(BookingReference).where(BookingReference.booking_id.in_(hosted.scalar_subquery()))


def of_booking(booking_id: int, *, reference_type: str | None = None) -> Select[BookingReference]:
    statement = select(BookingReference).where(BookingReference.booking_id == booking_id)
    if reference_type is not None:
        statement = statement.where(BookingReference.type == reference_type)
    return statement.order_by(BookingReference.id)


def list_readable(session: ReadSession, actor: User) -> list[BookingReference]:
    return list(session.scalars(readable_by(actor).order_by(BookingReference.id)))


def get_readable(session: ReadSession, actor: User, reference_id: int) -> BookingReference | None:
    statement = readable_by(actor).where(BookingReference.id == reference_id)
    return session.scalars(statement).one_or_none()


def list_of_booking(
    session: ReadSession, booking_id: int, reference_type: str | None
) -> list[BookingReference]:
    return list(session.scalars(of_booking(booking_id, reference_type=reference_type)))


def booking_id_of_external(
    session: ReadSession, reference_type: str, external_id: str
) -> int | None:
    """The booking whose external event (of this type) has this id or meeting id: how a
    provider's report about a room finds its booking."""
    statement = (
        select(BookingReference.booking_id)
        .where(BookingReference.type == reference_type, BookingReference.deleted.is_(False))
        .where((BookingReference.uid == external_id) | (BookingReference.meeting_id == external_id))
        .order_by(BookingReference.id.desc())
        .limit(1)
    )
    return session.scalars(statement).first()
