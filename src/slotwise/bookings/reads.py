"""Reading bookings: one by its uid (or a series by its recurring uid), and the host's
list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slotwise.bookings import repository
from slotwise.bookings.access import is_searchable
from slotwise.bookings.models import Booking
from slotwise.bookings.repository import ListQuery
from slotwise.bookings.views import BookingView, views_of
from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class BookingPage:
    views: list[BookingView]
    total: int
    take: int
    skip: int


def get_booking(session: ReadSession, uid: str) -> list[BookingView]:
    """The booking with this uid, or every occurrence of the series with this recurring uid."""
    if is_searchable(uid):
        booking = repository.by_uid(session, uid)
        if booking is not None:
            return views_of(session, [booking])
        occurrences = repository.series(session, uid)
        if occurrences:
            return views_of(session, occurrences)
    if uid in repository.LIST_STATUSES:  # a list asked for as if it were a path
        raise NotFound(
            f"No booking has the uid {uid!r}: {uid} bookings are listed by "
            f"GET /v2/bookings?status={uid}"
        )
    raise NotFound(f"Booking with uid={uid} not found")


def list_bookings(
    session: ReadSession, user: User, query: ListQuery, *, now: datetime
) -> BookingPage:
    rows, total = repository.list_bookings(session, user, query, now=now)
    return BookingPage(views_of(session, rows), total, query.take, query.skip)


def team_bookings(
    session: ReadSession, event_type_ids: list[int], *, take: int, skip: int
) -> list[BookingView]:
    """A team's bookings (of these event types), by start then id."""
    statement = (
        repository.team_bookings(event_type_ids)
        .order_by(Booking.start_time, Booking.id)
        .offset(skip)
        .limit(take)
    )
    return views_of(session, list(session.scalars(statement)))
