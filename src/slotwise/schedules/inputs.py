"""The version-neutral inputs of the schedule operations, as each API version's schemas build
them: weekly ranges, date overrides (as hours or as two instants), a new schedule, a change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

# Cal.com's storage numbering for Availability.days: 0 = Sunday ... 6 = Saturday.
MONDAY_TO_FRIDAY = (1, 2, 3, 4, 5)
WEEKDAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


@dataclass(frozen=True, slots=True)
class WeeklyRange:
    """Hours on some weekdays, as a client sent them. ``where`` is the range's place in the
    request (``availability.1``) and the keys name its parts, so errors name the field."""

    days: frozenset[int]
    start: time
    end: time
    where: str
    start_key: str = "startTime"
    end_key: str = "endTime"
    days_key: str = "days"


@dataclass(frozen=True, slots=True)
class OverrideHours:
    """Hours on one local date of the schedule's zone."""

    date: date
    start: time
    end: time
    where: str
    date_key: str = "date"
    start_key: str = "startTime"
    end_key: str = "endTime"


@dataclass(frozen=True, slots=True)
class OverrideSpan:
    """An override given as two instants (the legacy shape): read as local date and times in
    the schedule's time zone (the new one when the same change sets the zone)."""

    start: datetime
    end: datetime
    where: str
    start_key: str = "start"
    end_key: str = "end"


Override = OverrideHours | OverrideSpan


@dataclass(frozen=True, slots=True)
class NewSchedule:
    name: str
    time_zone: str
    is_default: bool
    weekly: Sequence[WeeklyRange] | None = None  # None: Monday-Friday 09:00-17:00
    overrides: Sequence[Override] = ()


@dataclass(frozen=True, slots=True)
class ScheduleChanges:
    """A partial change; None leaves a part as it is. ``weekly`` and ``overrides`` replace
    all of the schedule's weekly rows or all of its overrides."""

    name: str | None = None
    time_zone: str | None = None
    is_default: bool | None = None
    weekly: Sequence[WeeklyRange] | None = None
    overrides: Sequence[Override] | None = None
