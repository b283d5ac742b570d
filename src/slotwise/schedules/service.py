"""Schedule rules needed before the schedules API exists: a user's working-hours schedule.

The scheduling-engine issue grows this into the full /v2/schedules service.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slotwise.core.timezones import is_iana_time_zone
from slotwise.errors import Invalid
from slotwise.schedules.models import Availability, Schedule
from slotwise.users.models import User

# Cal.com's storage numbering for Availability.days: 0 = Sunday ... 6 = Saturday.
MONDAY_TO_FRIDAY = (1, 2, 3, 4, 5)


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
    """One weekly range on the given days; the owner's first schedule becomes their default."""
    if not is_iana_time_zone(time_zone):
        raise Invalid.field("timeZone", "must be an IANA time zone such as Europe/London")
    if not start < end:
        raise Invalid.field("endTime", "must be after startTime")
    weekdays = sorted(set(days))
    if not weekdays or any(not 0 <= day <= 6 for day in weekdays):
        raise Invalid.field("days", "must name at least one weekday")
    is_first = not session.scalar(
        select(func.count()).select_from(Schedule).where(Schedule.user_id == owner.id)
    )
    schedule = Schedule(user_id=owner.id, name=name, time_zone=time_zone)
    session.add(schedule)
    session.flush()
    session.add(
        Availability(schedule_id=schedule.id, days=weekdays, start_time=start, end_time=end)
    )
    if is_first or owner.default_schedule_id is None:
        owner.default_schedule_id = schedule.id
    session.flush()
    return schedule
