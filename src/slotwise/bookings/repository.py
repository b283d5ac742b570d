"""Every query of the bookings domain.

Two ways in: a booking's ``uid`` is the booker's secret link (anyone holding it may read,
cancel or reschedule, as in Cal.com), so ``by_uid`` is unscoped; lists and numeric ids are
scoped by ``readable_by(user)``: the bookings the user hosts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, delete, exists, false, func, or_, select
from sqlalchemy.orm import Session

from slotwise.bookings.models import Attendee, Booking, BookingStatus, BusyTime
from slotwise.event_types.models import EventType
from slotwise.users.models import User

ENDED_STATUSES = (BookingStatus.CANCELLED.value, BookingStatus.REJECTED.value)


def readable_by(user: User) -> Select[Booking]:
    """The bookings ``user`` may list and reach by id: those they host."""
    return select(Booking).where(Booking.user_id == user.id)


def by_uid(session: Session, uid: str) -> Booking | None:
    return session.scalars(select(Booking).where(Booking.uid == uid)).one_or_none()


def by_uid_for_update(session: Session, uid: str) -> Booking | None:
    """The booking, its row locked until the transaction ends (PostgreSQL; SQLite writers
    hold the database's write lock already)."""
    return session.scalars(
        select(Booking).where(Booking.uid == uid).with_for_update()
    ).one_or_none()


def series(session: Session, recurring_event_id: str) -> list[Booking]:
    """Every occurrence of a recurring series, in order."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.recurring_event_id == recurring_event_id)
            .order_by(Booking.start_time, Booking.id)
        )
    )


def attendees_of(session: Session, booking_ids: Sequence[int]) -> dict[int, list[Attendee]]:
    found: dict[int, list[Attendee]] = {booking_id: [] for booking_id in booking_ids}
    if booking_ids:
        statement = (
            select(Attendee).where(Attendee.booking_id.in_(list(booking_ids))).order_by(Attendee.id)
        )
        for attendee in session.scalars(statement):
            found[attendee.booking_id].append(attendee)
    return found


def users_by_id(session: Session, user_ids: Sequence[int]) -> dict[int, User]:
    if not user_ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(set(user_ids))))}


def host_of(session: Session, booking: Booking) -> User:
    return users_by_id(session, [booking.user_id])[booking.user_id]


def event_type_of(session: Session, booking: Booking) -> EventType | None:
    """The booking's event type; None once it was deleted."""
    if booking.event_type_id is None:
        return None
    return event_types_by_id(session, [booking.event_type_id]).get(booking.event_type_id)


def event_types_by_id(session: Session, ids: Sequence[int]) -> dict[int, EventType]:
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(EventType).where(EventType.id.in_(set(ids))))}


def add_busy_time(
    session: Session, booking: Booking, starts_at: datetime, ends_at: datetime
) -> None:
    """The host's busy span for a blocking booking (written with the next flush).
    PostgreSQL's exclusion constraint refuses an overlap with another: the error mapping
    answers that 409 (``http/errors.py``); the caller already checked under the host's lock."""
    session.add(
        BusyTime(
            booking_id=booking.id, user_id=booking.user_id, starts_at=starts_at, ends_at=ends_at
        )
    )


def free_busy_time(session: Session, booking: Booking) -> None:
    """The booking no longer blocks its host (cancelled, rejected, moved)."""
    session.execute(delete(BusyTime).where(BusyTime.booking_id == booking.id))
    session.flush()


# --- listing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListQuery:
    statuses: frozenset[str] = frozenset()  # upcoming, recurring, past, cancelled, unconfirmed
    attendee_email: str | None = None
    attendee_name: str | None = None
    booking_uid: str | None = None
    event_type_ids: tuple[int, ...] = ()
    after_start: datetime | None = None
    before_end: datetime | None = None
    after_created: datetime | None = None
    before_created: datetime | None = None
    after_updated: datetime | None = None
    before_updated: datetime | None = None
    order: tuple[tuple[str, bool], ...] = ()  # (column: start|end|created|updated, descending)
    take: int = 100
    skip: int = 0
    team_ids: tuple[int, ...] = ()  # teams do not exist yet: a team filter matches nothing


_SORT_COLUMNS = {
    "start": Booking.start_time,
    "end": Booking.end_time,
    "created": Booking.created_at,
    "updated": Booking.updated_at,
}


def status_condition(status: str, now: datetime) -> ColumnElement[bool]:
    """Cal.com's list statuses (its bookings handler's filters)."""
    not_ended = Booking.status.not_in(ENDED_STATUSES)
    if status == "upcoming":
        return and_(
            Booking.end_time >= now,
            or_(
                and_(
                    Booking.recurring_event_id.is_not(None),
                    Booking.status == BookingStatus.ACCEPTED.value,
                ),
                and_(Booking.recurring_event_id.is_(None), not_ended),
            ),
        )
    if status == "recurring":
        return and_(
            Booking.end_time >= now,
            Booking.recurring_event_id.is_not(None),
            Booking.status == BookingStatus.ACCEPTED.value,
        )
    if status == "past":
        return and_(Booking.end_time <= now, not_ended)
    if status == "cancelled":
        return Booking.status.in_(ENDED_STATUSES)
    if status == "unconfirmed":
        return and_(Booking.end_time >= now, Booking.status == BookingStatus.PENDING.value)
    return false()


def list_bookings(
    session: Session, user: User, query: ListQuery, *, now: datetime
) -> tuple[list[Booking], int]:
    """One page of the user's bookings matching ``query``, and how many match in all."""
    statement = readable_by(user)
    if query.team_ids:
        statement = statement.where(false())
    if query.statuses:
        statement = statement.where(
            or_(*(status_condition(s, now) for s in sorted(query.statuses)))
        )
    if query.attendee_email is not None or query.attendee_name is not None:
        match = [Attendee.booking_id == Booking.id]
        if query.attendee_email is not None:
            match.append(func.lower(Attendee.email) == query.attendee_email.lower())
        if query.attendee_name is not None:
            match.append(
                func.lower(Attendee.name).contains(query.attendee_name.lower(), autoescape=True)
            )
        statement = statement.where(exists().where(*match))
    if query.booking_uid is not None:
        statement = statement.where(Booking.uid == query.booking_uid)
    if query.event_type_ids:
        statement = statement.where(Booking.event_type_id.in_(query.event_type_ids))
    bounds = (
        (query.after_start, Booking.start_time, True),
        (query.before_end, Booking.end_time, False),
        (query.after_created, Booking.created_at, True),
        (query.before_created, Booking.created_at, False),
        (query.after_updated, Booking.updated_at, True),
        (query.before_updated, Booking.updated_at, False),
    )
    for bound, column, is_lower in bounds:
        if bound is not None:
            statement = statement.where(column >= bound if is_lower else column <= bound)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    order = [
        (_SORT_COLUMNS[name].desc() if descending else _SORT_COLUMNS[name].asc())
        for name, descending in query.order
    ]
    statement = statement.order_by(*order, Booking.start_time, Booking.id)
    rows = list(session.scalars(statement.offset(query.skip).limit(query.take)))
    return rows, total
