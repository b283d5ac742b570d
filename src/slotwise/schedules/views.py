"""The reads of schedules: a schedule with its rows and its place among the owner's
schedules, and the engine's view of one for slots and bookings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slotwise.core.working_hours import DateOverride, ScheduleRules, WeeklyHours
from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.schedules import repository
from slotwise.schedules.models import Availability, Schedule
from slotwise.schedules.normal_form import monday_first

if TYPE_CHECKING:  # users sit below schedules only as a type: users ask schedules
    from slotwise.users.models import User


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A schedule with its rows (weekly rows Monday first, overrides by date) and its place
    among the owner's schedules."""

    schedule: Schedule
    weekly: tuple[Availability, ...]
    overrides: tuple[Availability, ...]
    is_default: bool
    is_last: bool  # the owner's only schedule


@dataclass(frozen=True, slots=True)
class ScheduleUpdate:
    view: ScheduleView
    previous_default_id: int | None
    current_default_id: int | None


def list_schedules(session: ReadSession, actor: User) -> list[ScheduleView]:
    return views_of(session, actor, repository.list_readable(session, actor))


def get_schedule(session: ReadSession, actor: User, schedule_id: int) -> ScheduleView:
    return views_of(session, actor, [readable(session, actor, schedule_id)])[0]


def get_default_schedule(session: ReadSession, actor: User) -> ScheduleView | None:
    if actor.default_schedule_id is None:
        return None
    schedule = repository.get_readable(session, actor, actor.default_schedule_id)
    return None if schedule is None else views_of(session, actor, [schedule])[0]


def booking_rules(
    session: ReadSession, owner: User, schedule_id: int | None
) -> ScheduleRules | None:
    """The engine's view of the owner's schedule ``schedule_id`` (None: their default), or
    None when there is no such schedule of theirs. Two queries, no view building: this is
    on every slot listing's and every booking's path."""
    wanted = schedule_id if schedule_id is not None else owner.default_schedule_id
    if wanted is None:
        return None
    schedule = repository.get_readable(session, owner, wanted)
    if schedule is None:
        return None
    return schedule_rules(schedule, repository.rows_of(session, [schedule.id])[schedule.id])


def default_booking_rules(session: ReadSession, owners: Sequence[User]) -> dict[int, ScheduleRules]:
    """Each owner's default schedule for the engine, by owner id (those without one are left
    out), in two queries whatever the number of owners: a big team's slots read them all."""
    pairs = [(o.id, o.default_schedule_id) for o in owners if o.default_schedule_id is not None]
    schedules = repository.defaults_of(session, pairs)
    rows = repository.rows_of(session, [schedule.id for schedule in schedules])
    return {s.user_id: schedule_rules(s, rows[s.id]) for s in schedules}


def schedule_rules(schedule: Schedule, rows: Iterable[Availability]) -> ScheduleRules:
    """The engine's view of a schedule: its zone, weekly rows and date overrides (pure)."""
    weekly: list[WeeklyHours] = []
    overrides: list[DateOverride] = []
    for row in rows:
        if row.date is None:
            weekly.append(WeeklyHours(frozenset(row.days), row.start_time, row.end_time))
        else:
            overrides.append(DateOverride(row.date, row.start_time, row.end_time))
    return ScheduleRules(
        time_zone=schedule.time_zone, weekly=tuple(weekly), overrides=tuple(overrides)
    )


def readable(session: ReadSession, actor: User, schedule_id: int) -> Schedule:
    schedule = repository.get_readable(session, actor, schedule_id)
    if schedule is None:
        raise NotFound(f"Schedule with ID={schedule_id} does not exist.")
    return schedule


def views_of(
    session: ReadSession, actor: User, schedules: Sequence[Schedule]
) -> list[ScheduleView]:
    """Views of many schedules with two queries, however many schedules there are."""
    if not schedules:
        return []
    rows = repository.rows_of(session, [schedule.id for schedule in schedules])
    owned = repository.count_owned(session, actor)
    return [
        ScheduleView(
            schedule=schedule,
            weekly=tuple(
                sorted(
                    (row for row in rows[schedule.id] if row.date is None),
                    key=lambda row: (
                        min(map(monday_first, row.days), default=7),
                        row.start_time,
                        row.end_time,
                    ),
                )
            ),
            overrides=tuple(
                sorted(
                    (row for row in rows[schedule.id] if row.date is not None),
                    key=lambda row: (row.date, row.start_time),
                )
            ),
            is_default=actor.default_schedule_id == schedule.id,
            is_last=owned == 1,
        )
        for schedule in schedules
    ]
