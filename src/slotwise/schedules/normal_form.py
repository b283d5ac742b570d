"""The normal form schedules are stored in: a weekday's or a date's ranges merged, weekly rows
grouped by their hours and ordered Monday first (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from slotwise.core.working_hours import DateOverride, WeeklyHours

MIDNIGHT = time(0, 0)
END_OF_DAY = time(23, 59)  # as an end: "until midnight"
_MINUTES_PER_DAY = 24 * 60


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
