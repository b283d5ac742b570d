"""Every query of the bookings domain. Reads start from a named scope, one per kind of
caller, so that each permission rule is written once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, delete, exists, false, func, or_, select
from sqlalchemy.orm import Session

from slotwise.bookings.models import Attendee, Booking, BookingHost, BookingStatus
from slotwise.db import ReadSession
from slotwise.event_types.models import EventType
from slotwise.users.models import User

ENDED_STATUSES = (BookingStatus.CANCELLED.value, BookingStatus.REJECTED.value)


# --- scopes ------------------------------------------------------------------------------------


def readable_by_host(user: User) -> Select[Booking]:
    """The bookings ``user`` hosts: what their API key lists and reaches by id (v2)."""
    return select(Booking).where(Booking.user_id == user.id)


def readable_by_host_or_admin(user: User) -> Select[Booking]:
    """The bookings ``user`` hosts, or every booking for an instance admin (Cal.com's v1
    ``isSystemWideAdmin``): whose attendees ``/v1/attendees`` reads and changes."""
    return select(Booking) if user.is_admin else readable_by_host(user)


def by_secret_uid(uid: str) -> Select[Booking]:
    """The booking whose uid this is: the booker's secret link, so whoever holds it may
    read, cancel or reschedule it (as in Cal.com)."""
    return select(Booking).where(Booking.uid == uid)


def attendees_in(bookings: Select[Booking]) -> Select[Attendee]:
    """The attendees of the bookings in a scope."""
    return select(Attendee).where(Attendee.booking_id.in_(bookings.with_only_columns(Booking.id)))


# --- bookings ----------------------------------------------------------------------------------


def by_uid(session: ReadSession, uid: str) -> Booking | None:
    return session.scalars(by_secret_uid(uid)).one_or_none()


def by_uid_for_update(session: Session, uid: str) -> Booking | None:
    """The booking, its row locked until the transaction ends (PostgreSQL; SQLite writers
    hold the database's write lock already)."""
    return session.scalars(by_secret_uid(uid).with_for_update()).one_or_none()


def by_id_for_update(session: Session, scope: Select[Booking], booking_id: int) -> Booking | None:
    """The booking, if in ``scope``, its row locked until the transaction ends and its
    attributes re-read under the lock."""
    return session.scalars(
        scope.where(Booking.id == booking_id)
        .with_for_update(of=Booking)
        .execution_options(populate_existing=True)
    ).one_or_none()


def series(session: ReadSession, recurring_event_id: str) -> list[Booking]:
    """Every occurrence of a recurring series, in order."""
    return list(
        session.scalars(
            select(Booking)
            .where(Booking.recurring_event_id == recurring_event_id)
            .order_by(Booking.start_time, Booking.id)
        )
    )


def attendees_of(session: ReadSession, booking_ids: Sequence[int]) -> dict[int, list[Attendee]]:
    found: dict[int, list[Attendee]] = {booking_id: [] for booking_id in booking_ids}
    if booking_ids:
        statement = (
            select(Attendee).where(Attendee.booking_id.in_(list(booking_ids))).order_by(Attendee.id)
        )
        for attendee in session.scalars(statement):
            found[attendee.booking_id].append(attendee)
    return found


def users_by_id(session: ReadSession, user_ids: Sequence[int]) -> dict[int, User]:
    if not user_ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(set(user_ids))))}


def host_of(session: ReadSession, booking: Booking) -> User:
    return users_by_id(session, [booking.user_id])[booking.user_id]


def event_type_of(session: ReadSession, booking: Booking) -> EventType | None:
    """The booking's event type; None once it was deleted."""
    if booking.event_type_id is None:
        return None
    return event_types_by_id(session, [booking.event_type_id]).get(booking.event_type_id)


def event_types_by_id(session: ReadSession, ids: Sequence[int]) -> dict[int, EventType]:
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(EventType).where(EventType.id.in_(set(ids))))}


def seats_per_slot(session: ReadSession, booking: Booking) -> int | None:
    """The seats of the booking's event type (None: not seated, or the event type is gone)."""
    if booking.event_type_id is None:
        return None
    return session.scalar(
        select(EventType.seats_per_slot).where(EventType.id == booking.event_type_id)
    )


# --- attendees ---------------------------------------------------------------------------------


def attendees(session: ReadSession, scope: Select[Booking]) -> list[Attendee]:
    """The attendees of the bookings in ``scope``, by id."""
    return list(session.scalars(attendees_in(scope).order_by(Attendee.id)))


def attendee(
    session: ReadSession, scope: Select[Booking], attendee_id: int, *, reread: bool = False
) -> Attendee | None:
    """The attendee, if its booking is in ``scope``; ``reread``: its attributes read again
    (under a lock just taken, a concurrent request may have changed or removed it)."""
    statement = attendees_in(scope).where(Attendee.id == attendee_id)
    if reread:
        statement = statement.execution_options(populate_existing=True)
    return session.scalars(statement).one_or_none()


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


LIST_STATUSES = ("upcoming", "recurring", "past", "cancelled", "unconfirmed")


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
    session: ReadSession, user: User, query: ListQuery, *, now: datetime
) -> tuple[list[Booking], int]:
    """One page of the user's bookings matching ``query``, and how many match in all."""
    statement = readable_by_host(user).where(*_filters(query, now))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    order = [
        (_SORT_COLUMNS[name].desc() if descending else _SORT_COLUMNS[name].asc())
        for name, descending in query.order
    ]
    statement = statement.order_by(*order, Booking.start_time, Booking.id)
    rows = list(session.scalars(statement.offset(query.skip).limit(query.take)))
    return rows, total


def _filters(query: ListQuery, now: datetime) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.team_ids:
        conditions.append(false())
    if query.statuses:
        conditions.append(or_(*(status_condition(s, now) for s in sorted(query.statuses))))
    if query.attendee_email is not None or query.attendee_name is not None:
        conditions.append(_has_attendee(query.attendee_email, query.attendee_name))
    if query.booking_uid is not None:
        conditions.append(Booking.uid == query.booking_uid)
    if query.event_type_ids:
        conditions.append(Booking.event_type_id.in_(query.event_type_ids))
    return conditions + _time_bounds(query)


def _has_attendee(email: str | None, name: str | None) -> ColumnElement[bool]:
    """An attendee with this email (any case) and a name containing ``name`` (any case)."""
    match = [Attendee.booking_id == Booking.id]
    if email is not None:
        match.append(func.lower(Attendee.email) == email.lower())
    if name is not None:
        match.append(func.lower(Attendee.name).contains(name.lower(), autoescape=True))
    return exists().where(*match)


def _time_bounds(query: ListQuery) -> list[ColumnElement[bool]]:
    bounds = (
        (query.after_start, Booking.start_time, True),
        (query.before_end, Booking.end_time, False),
        (query.after_created, Booking.created_at, True),
        (query.before_created, Booking.created_at, False),
        (query.after_updated, Booking.updated_at, True),
        (query.before_updated, Booking.updated_at, False),
    )
    return [
        column >= bound if is_lower else column <= bound
        for bound, column, is_lower in bounds
        if bound is not None
    ]


def upcoming_accepted(
    session: ReadSession,
    *,
    now: datetime,
    host_ids: Sequence[int] = (),
    event_type_ids: Sequence[int] = (),
) -> list[Booking]:
    """Accepted bookings not over yet, hosted by ``host_ids`` or of ``event_type_ids``: what a
    workflow activated now schedules reminders for (the workflows domain asks)."""
    if not host_ids and not event_type_ids:
        return []
    statement = (
        select(Booking)
        .where(
            Booking.status == BookingStatus.ACCEPTED.value,
            Booking.end_time > now,
            or_(
                Booking.user_id.in_(list(host_ids)), Booking.event_type_id.in_(list(event_type_ids))
            ),
        )
        .order_by(Booking.start_time, Booking.id)
    )
    return list(session.scalars(statement))


# --- team bookings ----------------------------------------------------------------------------


def round_robin_record(
    session: ReadSession, event_type_id: int, user_ids: Sequence[int], since: datetime
) -> dict[int, tuple[int, int | None]]:
    """Each host's (bookings of the event type organized since ``since``, the id of their
    latest booking of it ever) for the round-robin choice: cancelled and rejected bookings
    do not count; booking ids rise, so the latest id tells who was booked most recently."""
    found: dict[int, tuple[int, int | None]] = {user_id: (0, None) for user_id in user_ids}
    if not user_ids:
        return found
    live = Booking.status.notin_([BookingStatus.CANCELLED.value, BookingStatus.REJECTED.value])
    rows = session.execute(
        select(
            Booking.user_id,
            func.count(Booking.id).filter(Booking.created_at >= since),
            func.max(Booking.id),
        )
        .where(Booking.event_type_id == event_type_id, Booking.user_id.in_(list(user_ids)), live)
        .group_by(Booking.user_id)
    )
    for user_id, count, latest in rows:
        found[user_id] = (int(count), latest)
    return found


def other_host_ids(session: ReadSession, booking_ids: Sequence[int]) -> dict[int, list[int]]:
    """Each team booking's hosts besides its organizer, in the order they were added."""
    found: dict[int, list[int]] = {booking_id: [] for booking_id in booking_ids}
    if not booking_ids:
        return found
    rows = session.execute(
        select(BookingHost.booking_id, BookingHost.user_id)
        .where(BookingHost.booking_id.in_(list(booking_ids)))
        .order_by(BookingHost.id)
    )
    for booking_id, user_id in rows:
        found[booking_id].append(user_id)
    return found


def add_other_host(session: Session, booking_id: int, user_id: int) -> None:
    session.add(BookingHost(booking_id=booking_id, user_id=user_id))


def remove_other_hosts(session: Session, booking_id: int) -> None:
    session.execute(delete(BookingHost).where(BookingHost.booking_id == booking_id))


def team_bookings(event_type_ids: Sequence[int]) -> Select[Booking]:
    """A team's bookings: those of its event types (the caller checked the team role)."""
    return select(Booking).where(Booking.event_type_id.in_(list(event_type_ids)))
