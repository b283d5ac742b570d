"""The checks of a schedule's inputs, each problem gathered under the field the client sent,
so one 400 names them all; what passes comes back in normal form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from zoneinfo import ZoneInfo

from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import DateOverride, WeeklyHours
from slotwise.schedules.inputs import Override, OverrideHours, OverrideSpan, WeeklyRange
from slotwise.schedules.normal_form import MIDNIGHT, normalized_overrides, normalized_weekly

NAME_MAX_LENGTH = 200  # schedules.name is VARCHAR(200)
FIRST_OVERRIDE_DATE = date(1970, 1, 1)
LAST_OVERRIDE_DATE = date(9999, 12, 30)


def _problem(problems: list[dict[str, str]], field: str, message: str) -> None:
    problems.append({"field": field, "message": message})


def check_name(name: str, problems: list[dict[str, str]]) -> None:
    if not name.strip():
        _problem(problems, "name", "must not be empty")
    elif len(name) > NAME_MAX_LENGTH:
        _problem(problems, "name", f"must be at most {NAME_MAX_LENGTH} characters")
    elif "\x00" in name:
        _problem(problems, "name", "must not contain NUL characters")


def check_time_zone(name: str, problems: list[dict[str, str]]) -> ZoneInfo | None:
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


def checked_weekly(
    ranges: Sequence[WeeklyRange], problems: list[dict[str, str]]
) -> list[WeeklyHours]:
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


def checked_overrides(
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
