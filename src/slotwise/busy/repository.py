"""Every query on ``busy_times``. Busy spans are read on behalf of anyone who looks at a
host's slots (a booking page needs no key), so the one scope is by host: ``of_hosts``.
Rows are written, brought up to date and deleted by their source (a booking) through the
service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session

from slotwise.busy.models import BusyTime
from slotwise.db import ReadSession


def of_hosts(user_ids: Sequence[int]) -> Select[BusyTime]:
    """The busy spans of these hosts: what any booker's listing of their slots reads."""
    return select(BusyTime).where(BusyTime.user_id.in_(list(user_ids)))


def overlapping(
    session: ReadSession, user_ids: Sequence[int], start: datetime, end: datetime
) -> list[BusyTime]:
    """The hosts' spans (buffers included) that overlap ``[start, end)``, earliest first."""
    statement = (
        of_hosts(user_ids)
        .where(BusyTime.starts_at < end, BusyTime.ends_at > start)
        .order_by(BusyTime.starts_at)
    )
    return list(session.scalars(statement))


def confirmed_meetings_of_event_type(
    session: ReadSession,
    user_ids: Sequence[int],
    event_type_id: int,
    start: datetime,
    end: datetime,
) -> list[BusyTime]:
    """The hosts' confirmed meetings of one event type that overlap ``[start, end)``."""
    statement = (
        of_hosts(user_ids)
        .where(
            BusyTime.event_type_id == event_type_id,
            BusyTime.confirmed,
            BusyTime.meeting_starts_at < end,
            BusyTime.meeting_ends_at > start,
        )
        .order_by(BusyTime.meeting_starts_at)
    )
    return list(session.scalars(statement))


def add(session: Session, row: BusyTime) -> None:
    """Written with the next flush; PostgreSQL's exclusion constraint refuses an overlap."""
    session.add(row)


def update_booking_rows(
    session: Session, booking_id: int, *, seats_taken: int, confirmed: bool
) -> None:
    session.execute(
        update(BusyTime)
        .where(BusyTime.booking_id == booking_id)
        .values(seats_taken=seats_taken, confirmed=confirmed)
    )


def delete_booking_rows(session: Session, booking_id: int) -> None:
    session.execute(delete(BusyTime).where(BusyTime.booking_id == booking_id))
    session.flush()


def meetings_of_event_type(
    session: ReadSession, event_type_id: int
) -> list[tuple[int, datetime, datetime]]:
    """``(row id, meeting start, meeting end)`` of every span an event type's bookings hold."""
    statement = select(BusyTime.id, BusyTime.meeting_starts_at, BusyTime.meeting_ends_at).where(
        BusyTime.event_type_id == event_type_id
    )
    return [(row_id, start, end) for row_id, start, end in session.execute(statement)]


def respan(session: Session, spans: Sequence[dict[str, object]]) -> None:
    """Writes new ``starts_at``/``ends_at`` of rows by id (one executemany)."""
    if spans:
        session.execute(update(BusyTime), list(spans))
