"""Schedules as ``cal-api-version: 2024-06-11`` writes them (also served for 2024-06-14, as
one Cal.com revision does): weekday names, ``HH:MM`` wall-clock times, ``YYYY-MM-DD`` dates.

Unknown body keys are dropped (Cal.com's whitelist); known ones are strict.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from slotwise.errors import NotFound, SlotwiseError
from slotwise.http.inputs import V2Input
from slotwise.schedules.models import Availability
from slotwise.schedules.schemas.common import (
    MAX_OVERRIDES,
    MAX_WEEKLY_RANGES,
    LocalDate,
    ScheduleName,
    TimeOfDay,
    TimeZoneName,
    hh_mm,
    may_be_left_out,
)
from slotwise.schedules.service import (
    NewSchedule,
    OverrideHours,
    ScheduleChanges,
    ScheduleUpdate,
    ScheduleView,
    WeeklyRange,
    monday_first,
)

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Indexed by Cal.com's storage numbering: 0 = Sunday ... 6 = Saturday.
DAY_NAMES: tuple[Weekday, ...] = (
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
)  # fmt: skip
DAY_NUMBERS: dict[str, int] = {name: number for number, name in enumerate(DAY_NAMES)}


# --- inputs ----------------------------------------------------------------------------------


class ScheduleAvailabilityInput_2024_06_11(V2Input):
    days: list[Weekday] = Field(min_length=1, max_length=7)
    startTime: TimeOfDay
    endTime: TimeOfDay


class ScheduleOverrideInput_2024_06_11(V2Input):
    """Hours for one date; 00:00-00:00 marks the day off."""

    date: LocalDate
    startTime: TimeOfDay
    endTime: TimeOfDay


class CreateScheduleInput_2024_06_11(V2Input):
    """cal-api-version 2024-06-11 (and 2024-06-14). ``availability`` left out means
    Monday-Friday 09:00-17:00; an end of 23:59 means until midnight."""

    name: ScheduleName
    timeZone: TimeZoneName
    isDefault: bool
    availability: list[ScheduleAvailabilityInput_2024_06_11] = may_be_left_out(
        max_length=MAX_WEEKLY_RANGES
    )
    overrides: list[ScheduleOverrideInput_2024_06_11] = Field(
        default_factory=list, max_length=MAX_OVERRIDES
    )


class UpdateScheduleInput_2024_06_11(V2Input):
    """cal-api-version 2024-06-11 (and 2024-06-14): any subset; ``availability`` and
    ``overrides`` replace all weekly rows or all overrides."""

    name: ScheduleName = may_be_left_out()
    timeZone: TimeZoneName = may_be_left_out()
    isDefault: bool = may_be_left_out()
    availability: list[ScheduleAvailabilityInput_2024_06_11] = may_be_left_out(
        max_length=MAX_WEEKLY_RANGES
    )
    overrides: list[ScheduleOverrideInput_2024_06_11] = may_be_left_out(max_length=MAX_OVERRIDES)


def parse_create(body: dict[str, Any]) -> NewSchedule:
    sent = CreateScheduleInput_2024_06_11.model_validate(body)
    return NewSchedule(
        name=sent.name,
        time_zone=sent.timeZone,
        is_default=sent.isDefault,
        weekly=_weekly(sent.availability) if "availability" in sent.model_fields_set else None,
        overrides=_overrides(sent.overrides),
    )


def parse_update(body: dict[str, Any]) -> ScheduleChanges:
    sent = UpdateScheduleInput_2024_06_11.model_validate(body)
    given = sent.model_fields_set
    return ScheduleChanges(
        name=sent.name if "name" in given else None,
        time_zone=sent.timeZone if "timeZone" in given else None,
        is_default=sent.isDefault if "isDefault" in given else None,
        weekly=_weekly(sent.availability) if "availability" in given else None,
        overrides=_overrides(sent.overrides) if "overrides" in given else None,
    )


def _weekly(ranges: list[ScheduleAvailabilityInput_2024_06_11]) -> list[WeeklyRange]:
    return [
        WeeklyRange(
            days=frozenset(DAY_NUMBERS[day] for day in item.days),
            start=item.startTime,
            end=item.endTime,
            where=f"availability.{index}",
        )
        for index, item in enumerate(ranges)
    ]


def _overrides(overrides: list[ScheduleOverrideInput_2024_06_11]) -> list[OverrideHours]:
    return [
        OverrideHours(
            date=item.date, start=item.startTime, end=item.endTime, where=f"overrides.{index}"
        )
        for index, item in enumerate(overrides)
    ]


# --- outputs ---------------------------------------------------------------------------------


class ScheduleAvailability_2024_06_11(BaseModel):
    days: list[Weekday]
    startTime: str
    endTime: str

    @classmethod
    def from_row(cls, row: Availability) -> ScheduleAvailability_2024_06_11:
        days = sorted(row.days, key=monday_first)
        return cls(
            days=[DAY_NAMES[day] for day in days],
            startTime=hh_mm(row.start_time),
            endTime=hh_mm(row.end_time),
        )


class ScheduleOverride_2024_06_11(BaseModel):
    date: str
    startTime: str
    endTime: str

    @classmethod
    def from_row(cls, row: Availability) -> ScheduleOverride_2024_06_11:
        assert row.date is not None
        return cls(
            date=row.date.isoformat(),
            startTime=hh_mm(row.start_time),
            endTime=hh_mm(row.end_time),
        )


class ScheduleOutput_2024_06_11(BaseModel):
    id: int
    ownerId: int
    name: str
    timeZone: str
    availability: list[ScheduleAvailability_2024_06_11]
    isDefault: bool
    overrides: list[ScheduleOverride_2024_06_11]


def schedule_output(view: ScheduleView) -> ScheduleOutput_2024_06_11:
    schedule = view.schedule
    return ScheduleOutput_2024_06_11(
        id=schedule.id,
        ownerId=schedule.user_id,
        name=schedule.name,
        timeZone=schedule.time_zone,
        availability=[ScheduleAvailability_2024_06_11.from_row(row) for row in view.weekly],
        isDefault=view.is_default,
        overrides=[ScheduleOverride_2024_06_11.from_row(row) for row in view.overrides],
    )


def update_output(update: ScheduleUpdate) -> ScheduleOutput_2024_06_11:
    """A PATCH answers the plain schedule."""
    return schedule_output(update.view)


def missing_on_delete(error: NotFound) -> SlotwiseError:
    return error
