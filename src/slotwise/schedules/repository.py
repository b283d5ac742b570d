"""Every query on schedules and their availability rows.

Reads start from ``readable_by``: a schedule is read through its owner only. (Organization
admins reading their members' schedules arrive with organizations; an instance admin's
``/v2/schedules`` is their own, as a Cal.com user's is.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.schedules.models import Availability, Schedule

if TYPE_CHECKING:  # users sit below schedules only as a type: users ask schedules
    from slotwise.users.models import User


def owned_by_user(user_id: int) -> Select[Schedule]:
    """A user's schedules, for another domain asking on its behalf (a user's default
    schedule, an event type's schedule)."""
    return select(Schedule).where(Schedule.user_id == user_id)


def readable_by(actor: User) -> Select[Schedule]:
    """The schedules ``actor`` may see: their own."""
    return owned_by_user(actor.id)


def list_readable(session: ReadSession, actor: User) -> list[Schedule]:
    return list(session.scalars(readable_by(actor).order_by(Schedule.id)))


def get_readable(session: ReadSession, actor: User, schedule_id: int) -> Schedule | None:
    return session.scalars(readable_by(actor).where(Schedule.id == schedule_id)).one_or_none()


def count_owned(session: ReadSession, owner: User) -> int:
    return count_of_user(session, owner.id)


def count_of_user(session: ReadSession, user_id: int) -> int:
    statement = select(func.count()).select_from(owned_by_user(user_id).subquery())
    return int(session.scalar(statement) or 0)


def find_of_user(session: ReadSession, user_id: int, schedule_id: int) -> Schedule | None:
    return session.scalars(owned_by_user(user_id).where(Schedule.id == schedule_id)).one_or_none()


def lock_owner(session: Session, owner: User) -> None:
    """Re-reads the owner's default schedule under a row lock (PostgreSQL ``FOR UPDATE``;
    SQLite writers already hold the database's write lock), so concurrent schedule writes of
    one user apply the default-schedule rules one after the other."""
    session.refresh(owner, ["default_schedule_id"], with_for_update=True)


def rows_of(session: ReadSession, schedule_ids: Iterable[int]) -> dict[int, list[Availability]]:
    """The availability rows of many schedules in one query, by schedule id, in id order."""
    ids = list(schedule_ids)
    rows: dict[int, list[Availability]] = {schedule_id: [] for schedule_id in ids}
    if not ids:
        return rows
    statement = (
        select(Availability)
        .where(Availability.schedule_id.in_(ids))
        .order_by(Availability.schedule_id, Availability.id)
    )
    for row in session.scalars(statement):
        rows[row.schedule_id].append(row)
    return rows


def add_schedule(session: Session, schedule: Schedule) -> Schedule:
    session.add(schedule)
    session.flush()
    return schedule


def replace_weekly_rows(session: Session, schedule: Schedule, rows: Sequence[Availability]) -> None:
    """The schedule's weekly rows (``date`` NULL) become ``rows``; overrides are kept."""
    session.execute(
        delete(Availability).where(
            Availability.schedule_id == schedule.id, Availability.date.is_(None)
        )
    )
    session.add_all(rows)


def replace_override_rows(
    session: Session, schedule: Schedule, rows: Sequence[Availability]
) -> None:
    """The schedule's date overrides become ``rows``; weekly rows are kept."""
    session.execute(
        delete(Availability).where(
            Availability.schedule_id == schedule.id, Availability.date.is_not(None)
        )
    )
    session.add_all(rows)


def delete_schedule(session: Session, schedule: Schedule) -> None:
    session.execute(delete(Availability).where(Availability.schedule_id == schedule.id))
    session.delete(schedule)
    session.flush()


def defaults_of(session: ReadSession, owners: Sequence[tuple[int, int]]) -> list[Schedule]:
    """The schedules named by (owner id, schedule id) pairs that their owner owns, in one
    query (a team's hosts' default schedules)."""
    if not owners:
        return []
    wanted = dict((schedule_id, user_id) for user_id, schedule_id in owners)
    found = session.scalars(select(Schedule).where(Schedule.id.in_(list(wanted))))
    return [schedule for schedule in found if wanted.get(schedule.id) == schedule.user_id]
