"""The month calendar and the time labels of the event page (pure: no database, no clock)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One cell of the month grid: a day of the month (free or not), or padding (None)."""

    day: date
    iso: str
    label: str  # "Tuesday 26 March", what a screen reader says
    free: bool  # has at least one bookable slot for the booker
    selected: bool
    today: bool
    away: bool = False  # the host is out of office (the page says who to book instead)


def parse_month(raw: str | None) -> date | None:
    """``YYYY-MM`` as the first day of that month, or None when it is not one."""
    if not raw:
        return None
    match = _MONTH.fullmatch(raw.strip())
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:  # year 0000, month 13
        return None


def parse_day(raw: str | None) -> date | None:
    """``YYYY-MM-DD`` as a date, or None."""
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def shift_month(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def last_day(month: date) -> date:
    return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


def python_first_weekday(week_start: int) -> int:
    """A week start as ``EventRules.week_start`` (0 = Sunday) in ``calendar``'s numbering
    (0 = Monday)."""
    return (week_start - 1) % 7


def weekday_names(first_weekday: int) -> list[tuple[str, str]]:
    """(short, full) weekday names in column order."""
    order = [(first_weekday + i) % 7 for i in range(7)]
    return [(calendar.day_abbr[i], calendar.day_name[i]) for i in order]


def month_grid(
    month: date,
    free_days: set[str],
    *,
    first_weekday: int,
    selected: date | None,
    today: date,
    away_days: frozenset[str] = frozenset(),
) -> list[list[CalendarDay | None]]:
    """Weeks of the month, each seven cells; days of other months are None."""
    weeks: list[list[CalendarDay | None]] = []
    grid = calendar.Calendar(firstweekday=first_weekday)
    for week in grid.monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                CalendarDay(
                    day=day,
                    iso=day.isoformat(),
                    label=day_label(day),
                    free=day.isoformat() in free_days,
                    selected=day == selected,
                    today=day == today,
                    away=day.isoformat() in away_days,
                )
                if day.month == month.month
                else None
                for day in week
            ]
        )
    return weeks


def day_label(day: date) -> str:
    """``Tuesday 26 March``."""
    return f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]}"


def time_label(instant: datetime, zone: ZoneInfo, *, hour12: bool) -> str:
    """``9:30am`` / ``09:30`` in the booker's zone."""
    local = instant.astimezone(zone)
    if hour12:
        suffix = "am" if local.hour < 12 else "pm"
        return f"{(local.hour % 12) or 12}:{local.minute:02d}{suffix}"
    return f"{local.hour:02d}:{local.minute:02d}"


def long_date(day: date) -> str:
    """``Tuesday, 26 March 2030``."""
    return (
        f"{calendar.day_name[day.weekday()]}, {day.day} {calendar.month_name[day.month]} {day.year}"
    )


def month_title(month: date) -> str:
    return f"{calendar.month_name[month.month]} {month.year}"


def offset_label(zone: ZoneInfo, at: datetime) -> str:
    """``UTC+02:00`` for the zone at that instant."""
    offset = at.astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def is_ascii_number(raw: str) -> bool:
    """Digits 0-9 only ("²".isdigit() is True, yet int("²") fails)."""
    return raw.isascii() and raw.isdigit()
