"""Schedules in Cal.com's legacy ``2024-04-15`` shapes (what a request without a known
``cal-api-version`` gets; spec/legacy.md §4).

- Weekdays are numbers, 0 = Sunday ... 6 = Saturday.
- Input times are full ISO instants of which only the UTC time of day counts
  (``1970-01-01T09:00:00.000Z`` is 09:00); output times are written the same way.
- ``workingHours`` times are minutes from midnight in the schedule's zone (legacy.md §6);
  an end of 23:59 ("until midnight") is 1439.
- ``dateOverrides`` (which legacy.md leaves open) are real instants: each override's local
  date and times in the schedule's zone, converted to UTC (a day off is a zero-length range
  at local midnight). A PATCH's ``dateOverrides`` are read back the same way, in the
  schedule's zone, so what GET writes can be sent back unchanged. (A wall-clock time
  inside a spring-forward gap is written as the instant the engine uses, moved forward by
  the gap, and so reads back moved.)
- An availability row's ``date`` is written as Cal.com's JSON writes a date column: that
  date's UTC midnight (``2024-05-20T00:00:00.000Z``).
- A DELETE of a schedule that does not exist (or is not the caller's) is a 400, as in Cal.com.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from slotwise.core.working_hours import local_instant
from slotwise.errors import Invalid, NotFound, SlotwiseError
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.schedules.models import Availability, Schedule
from slotwise.schedules.schemas.common import (
    MAX_OVERRIDES,
    MAX_WEEKLY_RANGES,
    Instant,
    ScheduleName,
    TimeZoneName,
    may_be_left_out,
)
from slotwise.schedules.service import (
    NewSchedule,
    OverrideSpan,
    ScheduleChanges,
    ScheduleUpdate,
    ScheduleView,
    WeeklyRange,
)

StorageWeekday = Annotated[int, Field(ge=0, le=6, description="0 = Sunday ... 6 = Saturday")]
DAYS_IN_WEEK = 7
_SECONDS_PER_DAY = 24 * 60 * 60


# --- inputs ----------------------------------------------------------------------------------


class AvailabilityInput_2024_04_15(V2Input):
    days: list[StorageWeekday] = Field(min_length=1, max_length=DAYS_IN_WEEK)
    startTime: Instant
    endTime: Instant


class TimeRangeInput_2024_04_15(V2Input):
    start: Instant
    end: Instant


class CreateScheduleInput_2024_04_15(V2Input):
    """cal-api-version 2024-04-15 (and no or an unknown header). No ``availabilities`` (or an
    empty list) means Monday-Friday 09:00-17:00."""

    name: ScheduleName
    timeZone: TimeZoneName
    isDefault: bool
    availabilities: list[AvailabilityInput_2024_04_15] = Field(
        default_factory=list, max_length=MAX_WEEKLY_RANGES
    )


class UpdateScheduleInput_2024_04_15(V2Input):
    """cal-api-version 2024-04-15 (and no or an unknown header). ``schedule`` holds 7 lists of
    ranges, Sunday first, and replaces the weekly hours; ``dateOverrides`` replaces the
    overrides. Whatever is left out stays as it is."""

    name: ScheduleName = may_be_left_out()
    timeZone: TimeZoneName = may_be_left_out()
    isDefault: bool = may_be_left_out()
    schedule: list[list[TimeRangeInput_2024_04_15]] = may_be_left_out(
        min_length=DAYS_IN_WEEK, max_length=DAYS_IN_WEEK
    )
    dateOverrides: list[TimeRangeInput_2024_04_15] = may_be_left_out(max_length=MAX_OVERRIDES)


def parse_create(body: dict[str, Any]) -> NewSchedule:
    sent = CreateScheduleInput_2024_04_15.model_validate(body)
    weekly = [
        WeeklyRange(
            days=frozenset(item.days),
            start=utc_time_of_day(item.startTime),
            end=utc_time_of_day(item.endTime),
            where=f"availabilities.{index}",
        )
        for index, item in enumerate(sent.availabilities)
    ]
    return NewSchedule(
        name=sent.name, time_zone=sent.timeZone, is_default=sent.isDefault, weekly=weekly or None
    )


def parse_update(body: dict[str, Any]) -> ScheduleChanges:
    sent = UpdateScheduleInput_2024_04_15.model_validate(body)
    given = sent.model_fields_set
    weekly = None
    if "schedule" in given:
        weekly = [
            WeeklyRange(
                days=frozenset({day}),
                start=utc_time_of_day(item.start),
                end=utc_time_of_day(item.end),
                where=f"schedule.{day}.{index}",
                start_key="start",
                end_key="end",
            )
            for day, ranges in enumerate(sent.schedule)
            for index, item in enumerate(ranges)
        ]
    overrides = None
    if "dateOverrides" in given:
        overrides = [
            OverrideSpan(start=item.start, end=item.end, where=f"dateOverrides.{index}")
            for index, item in enumerate(sent.dateOverrides)
        ]
    return ScheduleChanges(
        name=sent.name if "name" in given else None,
        time_zone=sent.timeZone if "timeZone" in given else None,
        is_default=sent.isDefault if "isDefault" in given else None,
        weekly=weekly,
        overrides=overrides,
    )


def utc_time_of_day(instant: datetime) -> time:
    """The UTC time of day of an instant (hh:mm; its date is ignored). Computed from the
    fields and the offset, so an instant at the calendar's edge cannot overflow."""
    offset = instant.utcoffset()
    offset_seconds = int(offset.total_seconds()) if offset is not None else 0
    seconds = (instant.hour * 3600 + instant.minute * 60 + instant.second - offset_seconds) % (
        _SECONDS_PER_DAY
    )
    return time(seconds // 3600, seconds % 3600 // 60)


# --- outputs ---------------------------------------------------------------------------------


class TimeRange_2024_04_15(BaseModel):
    start: str
    end: str


class WorkingHours_2024_04_15(BaseModel):
    days: list[int]
    startTime: int
    endTime: int
    userId: int


class AvailabilityRow_2024_04_15(BaseModel):
    id: int
    userId: int
    eventTypeId: int | None
    days: list[int]
    startTime: str
    endTime: str
    date: str | None
    scheduleId: int

    @classmethod
    def from_row(cls, schedule: Schedule, row: Availability) -> AvailabilityRow_2024_04_15:
        return cls(
            id=row.id,
            userId=schedule.user_id,
            eventTypeId=None,
            days=sorted(row.days),
            startTime=epoch_time(row.start_time),
            endTime=epoch_time(row.end_time),
            date=None if row.date is None else f"{row.date.isoformat()}T00:00:00.000Z",
            scheduleId=schedule.id,
        )


class ScheduleOutput_2024_04_15(BaseModel):
    id: int
    name: str
    isManaged: bool
    workingHours: list[WorkingHours_2024_04_15]
    schedule: list[AvailabilityRow_2024_04_15]
    availability: list[list[TimeRange_2024_04_15]]
    timeZone: str
    dateOverrides: list[TimeRange_2024_04_15]
    isDefault: bool
    isLastSchedule: bool
    readOnly: bool


class UpdatedSchedule_2024_04_15(BaseModel):
    id: int
    userId: int
    name: str
    timeZone: str
    availability: list[AvailabilityRow_2024_04_15]


class UpdateScheduleOutput_2024_04_15(BaseModel):
    schedule: UpdatedSchedule_2024_04_15
    isDefault: bool
    timeZone: str
    prevDefaultId: int | None
    currentDefaultId: int | None


def schedule_output(view: ScheduleView) -> ScheduleOutput_2024_04_15:
    schedule = view.schedule
    zone = ZoneInfo(schedule.time_zone)
    by_weekday: list[list[Availability]] = [[] for _ in range(DAYS_IN_WEEK)]
    for row in view.weekly:
        for day in row.days:
            by_weekday[day].append(row)
    return ScheduleOutput_2024_04_15(
        id=schedule.id,
        name=schedule.name,
        isManaged=False,
        workingHours=[
            WorkingHours_2024_04_15(
                days=sorted(row.days),
                startTime=minutes(row.start_time),
                endTime=minutes(row.end_time),
                userId=schedule.user_id,
            )
            for row in view.weekly
        ],
        schedule=_rows(view),
        availability=[
            [
                TimeRange_2024_04_15(start=epoch_time(row.start_time), end=epoch_time(row.end_time))
                for row in sorted(rows, key=lambda row: (row.start_time, row.end_time))
            ]
            for rows in by_weekday
        ],
        timeZone=schedule.time_zone,
        dateOverrides=[
            TimeRange_2024_04_15(
                start=format_instant(local_instant(row.date, row.start_time, zone)),
                end=format_instant(local_instant(row.date, row.end_time, zone)),
            )
            for row in view.overrides
            if row.date is not None
        ],
        isDefault=view.is_default,
        isLastSchedule=view.is_last,
        readOnly=False,
    )


def update_output(update: ScheduleUpdate) -> UpdateScheduleOutput_2024_04_15:
    """A PATCH answers Cal.com's wrapper: the schedule's rows plus who is default now."""
    schedule = update.view.schedule
    return UpdateScheduleOutput_2024_04_15(
        schedule=UpdatedSchedule_2024_04_15(
            id=schedule.id,
            userId=schedule.user_id,
            name=schedule.name,
            timeZone=schedule.time_zone,
            availability=_rows(update.view),
        ),
        isDefault=update.view.is_default,
        timeZone=schedule.time_zone,
        prevDefaultId=update.previous_default_id,
        currentDefaultId=update.current_default_id,
    )


def missing_on_delete(error: NotFound) -> SlotwiseError:
    """Cal.com's legacy DELETE answers 400 for a schedule it cannot find."""
    return Invalid(error.message)


def _rows(view: ScheduleView) -> list[AvailabilityRow_2024_04_15]:
    return [
        AvailabilityRow_2024_04_15.from_row(view.schedule, row)
        for row in (*view.weekly, *view.overrides)
    ]


def epoch_time(at: time) -> str:
    """A wall-clock time as Cal.com writes a time column: on 1970-01-01, in UTC."""
    return f"1970-01-01T{at.hour:02d}:{at.minute:02d}:00.000Z"


def minutes(at: time) -> int:
    return at.hour * 60 + at.minute
