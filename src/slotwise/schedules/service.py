"""The rules for availability schedules (/v2/schedules, every API version): a time zone plus
wall-clock rows in it (spec/scheduling.md §1), weekly rows and date overrides. This module
takes version-neutral inputs (the schemas of each version build them), checks them whole,
normalizes and stores them. The decisions are in ARCHITECTURE.md ("Versioned resources")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import DEFAULT_WEEKLY, DateOverride, ScheduleRules, WeeklyHours
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.schedules import repository
from slotwise.schedules.models import Availability, Schedule

if TYPE_CHECKING:  # users sit below schedules only as a type: users ask schedules
    from slotwise.users.models import User

# Cal.com's storage numbering for Availability.days: 0 = Sunday ... 6 = Saturday.
MONDAY_TO_FRIDAY = (1, 2, 3, 4, 5)
WEEKDAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
NAME_MAX_LENGTH = 200  # schedules.name is VARCHAR(200)
MIDNIGHT = time(0, 0)
END_OF_DAY = time(23, 59)  # as an end: "until midnight"
FIRST_OVERRIDE_DATE = date(1970, 1, 1)
LAST_OVERRIDE_DATE = date(9999, 12, 30)
_MINUTES_PER_DAY = 24 * 60


# --- inputs (built by each API version's schemas) ------------------------------------------


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


# --- outputs ---------------------------------------------------------------------------------


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


# --- operations ------------------------------------------------------------------------------


def list_schedules(session: ReadSession, actor: User) -> list[ScheduleView]:
    return _views(session, actor, repository.list_readable(session, actor))


def get_schedule(session: ReadSession, actor: User, schedule_id: int) -> ScheduleView:
    return _views(session, actor, [_readable(session, actor, schedule_id)])[0]


def get_default_schedule(session: ReadSession, actor: User) -> ScheduleView | None:
    if actor.default_schedule_id is None:
        return None
    schedule = repository.get_readable(session, actor, actor.default_schedule_id)
    return None if schedule is None else _views(session, actor, [schedule])[0]


def create_schedule(session: Session, actor: User, new: NewSchedule) -> ScheduleView:
    problems: list[dict[str, str]] = []
    _check_name(new.name, problems)
    zone = _check_time_zone(new.time_zone, problems)
    weekly = list(DEFAULT_WEEKLY) if new.weekly is None else _weekly(new.weekly, problems)
    overrides = _overrides(new.overrides, zone, problems)
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
    schedule = _readable(session, actor, schedule_id)
    problems: list[dict[str, str]] = []
    if changes.name is not None:
        _check_name(changes.name, problems)
    if changes.time_zone is not None:
        zone = _check_time_zone(changes.time_zone, problems)
    else:
        zone = ZoneInfo(schedule.time_zone)
    weekly = None if changes.weekly is None else _weekly(changes.weekly, problems)
    overrides = None if changes.overrides is None else _overrides(changes.overrides, zone, problems)
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
    schedule = _readable(session, actor, schedule_id)
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


# --- normal form -----------------------------------------------------------------------------


def normalized_weekly(hours: Iterable[WeeklyHours]) -> list[WeeklyHours]:
    """Ranges of one weekday merged (overlapping or touching), then one row per distinct
    (start, end) listing its days; ordered by first day (Monday first), then by start."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for row in hours:
        span = (_minute_of(row.start), _end_minute_of(row.end))
        for day in row.days:
            by_day.setdefault(day, []).append(span)
    days_by_span: dict[tuple[int, int], set[int]] = {}
    for day, spans in by_day.items():
        for span in _merged(spans):
            days_by_span.setdefault(span, set()).add(day)
    rows = [
        WeeklyHours(frozenset(days), _time_of(start), _end_time_of(end))
        for (start, end), days in days_by_span.items()
    ]
    return sorted(rows, key=lambda row: (min(map(monday_first, row.days)), row.start, row.end))


def normalized_overrides(overrides: Iterable[DateOverride]) -> list[DateOverride]:
    """Ranges of one date merged; a date with only day-off markers keeps one 00:00-00:00."""
    by_date: dict[date, list[tuple[int, int]]] = {}
    for override in overrides:
        spans = by_date.setdefault(override.date, [])
        if not (override.start == MIDNIGHT and override.end == MIDNIGHT):
            spans.append((_minute_of(override.start), _end_minute_of(override.end)))
    normalized: list[DateOverride] = []
    for day in sorted(by_date):
        merged = _merged(by_date[day])
        if not merged:
            normalized.append(DateOverride(day, MIDNIGHT, MIDNIGHT))
        normalized.extend(
            DateOverride(day, _time_of(start), _end_time_of(end)) for start, end in merged
        )
    return normalized


def monday_first(day: int) -> int:
    """Sort key of a storage weekday (0 = Sunday) in a Monday-first week."""
    return (day - 1) % 7


# --- private helpers -------------------------------------------------------------------------


def _readable(session: ReadSession, actor: User, schedule_id: int) -> Schedule:
    schedule = repository.get_readable(session, actor, schedule_id)
    if schedule is None:
        raise NotFound(f"Schedule with ID={schedule_id} does not exist.")
    return schedule


def _views(session: ReadSession, actor: User, schedules: Sequence[Schedule]) -> list[ScheduleView]:
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


def _problem(problems: list[dict[str, str]], field: str, message: str) -> None:
    problems.append({"field": field, "message": message})


def _check_name(name: str, problems: list[dict[str, str]]) -> None:
    if not name.strip():
        _problem(problems, "name", "must not be empty")
    elif len(name) > NAME_MAX_LENGTH:
        _problem(problems, "name", f"must be at most {NAME_MAX_LENGTH} characters")
    elif "\x00" in name:
        _problem(problems, "name", "must not contain NUL characters")


def _check_time_zone(name: str, problems: list[dict[str, str]]) -> ZoneInfo | None:
    if is_iana_time_zone(name):
        return ZoneInfo(name)
    _problem(problems, "timeZone", "must be an IANA time zone such as Europe/London")
    return None


def _wall(at: time) -> time:
    """Only hh:mm matter: seconds, fractions and any tzinfo are dropped."""
    return time(at.hour, at.minute)


def _order_problem(start: time, end: time, *, override: bool) -> str | None:
    if start < end:
        return None
    if start == MIDNIGHT and end == MIDNIGHT:
        if override:
            return None
        return "00:00-00:00 marks a day off, which only a date override can do"
    return "must be after the start time (an end of 23:59 means until midnight)"


def _weekly(ranges: Sequence[WeeklyRange], problems: list[dict[str, str]]) -> list[WeeklyHours]:
    hours: list[WeeklyHours] = []
    for item in ranges:
        start, end = _wall(item.start), _wall(item.end)
        found = len(problems)
        if not item.days:
            _problem(problems, f"{item.where}.{item.days_key}", "must name at least one weekday")
        elif any(not 0 <= day <= 6 for day in item.days):
            _problem(
                problems, f"{item.where}.{item.days_key}", "must be 0 (Sunday) ... 6 (Saturday)"
            )
        problem = _order_problem(start, end, override=False)
        if problem:
            _problem(problems, f"{item.where}.{item.end_key}", problem)
        if len(problems) == found:
            hours.append(WeeklyHours(item.days, start, end))
    return normalized_weekly(hours)


def _overrides(
    overrides: Sequence[Override], zone: ZoneInfo | None, problems: list[dict[str, str]]
) -> list[DateOverride]:
    """Checked and normalized overrides. Spans are read in ``zone``; when the zone itself is
    bad (None, already reported) they cannot be read and are not checked further."""
    checked: list[DateOverride] = []
    for item in overrides:
        if isinstance(item, OverrideSpan):
            if zone is None:
                continue
            hours = _localized(item, zone, problems)
            if hours is None:
                continue
        else:
            hours = item
        start, end = _wall(hours.start), _wall(hours.end)
        if not FIRST_OVERRIDE_DATE <= hours.date <= LAST_OVERRIDE_DATE:
            _problem(
                problems,
                f"{hours.where}.{hours.date_key}",
                f"must be between {FIRST_OVERRIDE_DATE} and {LAST_OVERRIDE_DATE}",
            )
            continue
        problem = _order_problem(start, end, override=True)
        if problem:
            _problem(problems, f"{hours.where}.{hours.end_key}", problem)
            continue
        checked.append(DateOverride(hours.date, start, end))
    return normalized_overrides(checked)


def _localized(
    span: OverrideSpan, zone: ZoneInfo, problems: list[dict[str, str]]
) -> OverrideHours | None:
    start_field, end_field = f"{span.where}.{span.start_key}", f"{span.where}.{span.end_key}"
    if span.start.tzinfo is None or span.end.tzinfo is None:
        _problem(problems, start_field, "must be an instant with a UTC offset")
        return None
    try:
        start, end = span.start.astimezone(zone), span.end.astimezone(zone)
    except (OverflowError, ValueError):
        _problem(problems, start_field, "is out of range")
        return None
    if end.date() != start.date():
        _problem(
            problems,
            end_field,
            f"must be on the same date as {span.start_key} in the schedule's time zone "
            f"({zone.key})",
        )
        return None
    return OverrideHours(
        date=start.date(),
        start=start.time(),
        end=end.time(),
        where=span.where,
        date_key=span.start_key,
        start_key=span.start_key,
        end_key=span.end_key,
    )


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


def _minute_of(at: time) -> int:
    return at.hour * 60 + at.minute


def _end_minute_of(at: time) -> int:
    """An end of 23:59 is midnight, so 22:00-23:59 and 23:00-23:59 merge like any others."""
    return _MINUTES_PER_DAY if at == END_OF_DAY else _minute_of(at)


def _time_of(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _end_time_of(minute: int) -> time:
    return END_OF_DAY if minute >= _MINUTES_PER_DAY else _time_of(minute)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Minute spans joined where they overlap or touch, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
