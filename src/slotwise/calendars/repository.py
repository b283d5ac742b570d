"""Every query on the calendars tables, from the scope of who asks: a user (``of_user``
scopes, their own rows), a listing asking for its hosts (``selected_of_hosts``), the
booking subscriber (``refs_of_host``), the worker and the cache refresh (by id)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session

from slotwise.calendars.models import (
    CalendarBusyCache,
    CalendarEventRef,
    DestinationCalendar,
    SelectedCalendar,
)
from slotwise.db import ReadSession

# --- selected calendars --------------------------------------------------------------------


def selected_of_user(user_id: int) -> Select[SelectedCalendar]:
    return select(SelectedCalendar).where(SelectedCalendar.user_id == user_id)


def every_selected(session: ReadSession, scope: Select[SelectedCalendar]) -> list[SelectedCalendar]:
    return list(session.scalars(scope.order_by(SelectedCalendar.id)))


def find_selected(
    session: ReadSession, user_id: int, credential_id: int, external_id: str
) -> SelectedCalendar | None:
    scope = selected_of_user(user_id).where(
        SelectedCalendar.credential_id == credential_id,
        SelectedCalendar.external_id == external_id,
    )
    return session.scalars(scope).one_or_none()


def selected_of_hosts(
    session: ReadSession, user_ids: Sequence[int]
) -> list[tuple[SelectedCalendar, CalendarBusyCache | None]]:
    """The hosts' selected calendars, each with its cache row (if any): one query."""
    rows = session.execute(
        select(SelectedCalendar, CalendarBusyCache)
        .outerjoin(CalendarBusyCache, CalendarBusyCache.selected_calendar_id == SelectedCalendar.id)
        .where(SelectedCalendar.user_id.in_(list(user_ids)))
        .order_by(SelectedCalendar.id)
    )
    return [(row[0], row[1]) for row in rows]


def selected_by_id(session: ReadSession, selected_id: int) -> SelectedCalendar | None:
    """For the cache refresh, which acts for the listing that named the calendar."""
    return session.get(SelectedCalendar, selected_id)


def add(session: Session, row: object) -> None:
    session.add(row)
    session.flush()


def remove(session: Session, row: object) -> None:
    session.delete(row)
    session.flush()


# --- destination -----------------------------------------------------------------------------


def destination_of_user(session: ReadSession, user_id: int) -> DestinationCalendar | None:
    return session.scalars(
        select(DestinationCalendar).where(DestinationCalendar.user_id == user_id)
    ).one_or_none()


# --- cache -------------------------------------------------------------------------------------


def cache_of(session: ReadSession, selected_id: int) -> CalendarBusyCache | None:
    return session.get(CalendarBusyCache, selected_id)


def invalidate_cache(session: Session, credential_id: int, external_id: str) -> int:
    """Our own write changed this calendar: its cached busy times are read again next time
    (kept meanwhile: a reader that cannot refresh still has the last known ones)."""
    selected = select(SelectedCalendar.id).where(
        SelectedCalendar.credential_id == credential_id,
        SelectedCalendar.external_id == external_id,
    )
    result = session.execute(
        update(CalendarBusyCache)
        .where(CalendarBusyCache.selected_calendar_id.in_(selected))
        .values(fetched_at=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def drop_cache_of_user(session: Session, user_id: int) -> None:
    selected = select(SelectedCalendar.id).where(SelectedCalendar.user_id == user_id)
    session.execute(
        delete(CalendarBusyCache).where(CalendarBusyCache.selected_calendar_id.in_(selected))
    )


# --- where bookings' events were written --------------------------------------------------


def ref_of_host(session: ReadSession, user_id: int, ics_uid: str) -> CalendarEventRef | None:
    return session.scalars(
        select(CalendarEventRef).where(
            CalendarEventRef.user_id == user_id, CalendarEventRef.ics_uid == ics_uid
        )
    ).one_or_none()
