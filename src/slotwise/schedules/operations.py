"""The changes to schedules: create, update, delete, and the demo's one-range shortcut. Each
checks its inputs whole before it locks the owner and writes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import DEFAULT_WEEKLY, DateOverride, WeeklyHours
from slotwise.errors import Invalid
from slotwise.schedules import repository
from slotwise.schedules.inputs import MONDAY_TO_FRIDAY, NewSchedule, ScheduleChanges
from slotwise.schedules.models import Availability, Schedule
from slotwise.schedules.validation import (
    check_name,
    check_time_zone,
    checked_overrides,
    checked_weekly,
)
from slotwise.schedules.views import ScheduleUpdate, ScheduleView, get_schedule, readable

if TYPE_CHECKING:  # users sit below schedules only as a type: users ask schedules
    from slotwise.users.models import User


def create_schedule(session: Session, actor: User, new: NewSchedule) -> ScheduleView:
    problems: list[dict[str, str]] = []
    check_name(new.name, problems)
    zone = check_time_zone(new.time_zone, problems)
    weekly = list(DEFAULT_WEEKLY) if new.weekly is None else checked_weekly(new.weekly, problems)
    overrides = checked_overrides(new.overrides, zone, problems)
    if problems:
        raise Invalid.fields(problems)

    repository.lock_owner(session, actor)
    schedule = repository.add_schedule(
        session, Schedule(user_id=actor.id, name=new.name, time_zone=new.time_zone)
    )
    repository.replace_weekly_rows(session, schedule, _weekly_rows(schedule, weekly))
    repository.replace_override_rows(session, schedule, _override_rows(schedule, overrides))
    if new.is_default or actor.default_schedule_id is None:
        actor.default_schedule_id = schedule.id
    session.flush()
    return get_schedule(session, actor, schedule.id)


def update_schedule(
    session: Session, actor: User, schedule_id: int, changes: ScheduleChanges
) -> ScheduleUpdate:
    schedule = readable(session, actor, schedule_id)
    problems: list[dict[str, str]] = []
    if changes.name is not None:
        check_name(changes.name, problems)
    if changes.time_zone is not None:
        zone = check_time_zone(changes.time_zone, problems)
    else:
        zone = ZoneInfo(schedule.time_zone)
    weekly = None if changes.weekly is None else checked_weekly(changes.weekly, problems)
    overrides = (
        None if changes.overrides is None else checked_overrides(changes.overrides, zone, problems)
    )
    if problems:
        raise Invalid.fields(problems)

    repository.lock_owner(session, actor)
    previous_default = actor.default_schedule_id
    if changes.is_default is False and previous_default == schedule.id:
        raise Invalid.field(
            "isDefault",
            f"schedule {schedule.id} is your default schedule and you keep a default while "
            "you have schedules; make another schedule the default instead",
        )
    if changes.name is not None:
        schedule.name = changes.name
    if changes.time_zone is not None:
        schedule.time_zone = changes.time_zone
    if weekly is not None:
        repository.replace_weekly_rows(session, schedule, _weekly_rows(schedule, weekly))
    if overrides is not None:
        repository.replace_override_rows(session, schedule, _override_rows(schedule, overrides))
    if changes.is_default:
        actor.default_schedule_id = schedule.id
    session.flush()
    return ScheduleUpdate(
        view=get_schedule(session, actor, schedule.id),
        previous_default_id=previous_default,
        current_default_id=actor.default_schedule_id,
    )


def delete_schedule(session: Session, actor: User, schedule_id: int) -> None:
    schedule = readable(session, actor, schedule_id)
    repository.lock_owner(session, actor)
    if actor.default_schedule_id == schedule.id:
        if repository.count_owned(session, actor) > 1:
            raise Invalid(
                f"Schedule with ID={schedule.id} is your default schedule; make another "
                "schedule the default first"
            )
        actor.default_schedule_id = None
        session.flush()
    repository.delete_schedule(session, schedule)


def create_weekly_schedule(
    session: Session,
    owner: User,
    *,
    name: str,
    time_zone: str,
    days: Iterable[int] = MONDAY_TO_FRIDAY,
    start: time = time(9, 0),
    end: time = time(17, 0),
) -> Schedule:
    """One weekly range on the given days; the owner's first schedule becomes their default.
    (Demo seeding's shortcut; the API goes through ``create_schedule``.)"""
    if not is_iana_time_zone(time_zone):
        raise Invalid.field("timeZone", "must be an IANA time zone such as Europe/London")
    if not start < end:
        raise Invalid.field("endTime", "must be after startTime")
    weekdays = sorted(set(days))
    if not weekdays or any(not 0 <= day <= 6 for day in weekdays):
        raise Invalid.field("days", "must name at least one weekday")
    is_first = repository.count_owned(session, owner) == 0
    schedule = repository.add_schedule(
        session, Schedule(user_id=owner.id, name=name, time_zone=time_zone)
    )
    session.add(
        Availability(schedule_id=schedule.id, days=weekdays, start_time=start, end_time=end)
    )
    if is_first or owner.default_schedule_id is None:
        owner.default_schedule_id = schedule.id
    session.flush()
    return schedule


def _weekly_rows(schedule: Schedule, hours: Sequence[WeeklyHours]) -> list[Availability]:
    return [
        Availability(
            schedule_id=schedule.id,
            days=sorted(row.days),
            start_time=row.start,
            end_time=row.end,
            date=None,
        )
        for row in hours
    ]


def _override_rows(schedule: Schedule, overrides: Sequence[DateOverride]) -> list[Availability]:
    # Cal.com stores an override's days as an empty list; the date says which day it is.
    return [
        Availability(
            schedule_id=schedule.id,
            days=[],
            start_time=override.start,
            end_time=override.end,
            date=override.date,
        )
        for override in overrides
    ]
