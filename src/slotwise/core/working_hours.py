"""A schedule's working hours as UTC intervals (spec/scheduling.md §1).

Wall-clock rules in the schedule's zone, converted with that zone's rules on each local date:
09:00 in Europe/London is 08:00Z in summer and 09:00Z in winter. A nonexistent local time
(spring-forward gap) moves forward by the gap's length (02:30 -> 03:30); an ambiguous one
(fall-back) is its first occurrence. That is what zoneinfo gives with fold=0.

Converting a wall-clock time is most of the cost (a zone lookup per instant), and every host
in a zone, every request and every weekly row ask for the same dates: a date's bounds and a
date's rows are converted once per process (``_local_day``, ``_day_spans``; bounded caches of
pure functions, so they can never be stale).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from slotwise.core.intervals import Interval, Span, intersect_spans, intervals_of, merge_spans

END_OF_DAY = time(23, 59)  # as an end time: "until midnight" (Cal.com stores 23:59)


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """One weekly row: the same local hours on each of ``days`` (0 = Sunday ... 6 = Saturday,
    Cal.com's storage numbering). An end at or before the start yields nothing."""

    days: frozenset[int]
    start: time
    end: time

    def __post_init__(self) -> None:
        # Hashable whatever a caller passed (a set): the engine caches by rules.
        object.__setattr__(self, "days", frozenset(self.days))


@dataclass(frozen=True, slots=True)
class DateOverride:
    """Hours for one local date, replacing every weekly row of that date. start == end (Cal.com
    stores 00:00-00:00) marks the day off."""

    date: date
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class ScheduleRules:
    time_zone: str
    weekly: tuple[WeeklyHours, ...]
    overrides: tuple[DateOverride, ...] = ()

    def __post_init__(self) -> None:
        # Hashable whatever a caller passed (lists): the engine caches by rules.
        object.__setattr__(self, "weekly", tuple(self.weekly))
        object.__setattr__(self, "overrides", tuple(self.overrides))


DEFAULT_WEEKLY = (WeeklyHours(frozenset({1, 2, 3, 4, 5}), time(9, 0), time(17, 0)),)


def default_schedule(time_zone: str) -> ScheduleRules:
    """Mon-Fri 09:00-17:00: what a host without a schedule gets (spec §1)."""
    return ScheduleRules(time_zone=time_zone, weekly=DEFAULT_WEEKLY)


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a local date (gap: forward; fold: first).

    Only the wall-clock fields of ``at`` are read (its tzinfo and fold are ignored): fold=0
    is what moves a nonexistent time forward by the gap and picks an ambiguous time's first
    occurrence.
    """
    local = datetime(
        day.year, day.month, day.day, at.hour, at.minute, at.second, at.microsecond, tzinfo=zone
    )
    return local.astimezone(UTC)


def working_hours(rules: ScheduleRules, window: Interval) -> list[Interval]:
    """Every working-hours interval that touches ``window``, clipped to it, normalized.

    Looks at every local date of the schedule's zone that overlaps the window (a window given
    in UTC can start on the previous local date). Overrides replace a date's weekly rows.
    """
    return intervals_of(working_spans(rules, (window.start, window.end)))


def working_spans(rules: ScheduleRules, window: Span) -> list[Span]:
    """``working_hours`` as spans, for the engine's inner loops."""
    window_start, window_end = window
    zone = ZoneInfo(rules.time_zone)
    # The local dates the window touches: from its start's date to the date of its last
    # instant (a date whose midnight is at or after the window's end is not touched).
    first = window_start.astimezone(zone).date()
    last = (window_end - _ONE_MICROSECOND).astimezone(zone).date()
    return intersect_spans(_dated_spans(rules, first, last), [window])


@lru_cache(maxsize=1024)
def _dated_spans(rules: ScheduleRules, first: date, last: date) -> tuple[Span, ...]:
    """The working hours of the local dates ``first`` .. ``last``, merged (cached: every
    host with the same rules, and every request over the same dates, gets this answer)."""
    weekly = _rows_by_weekday(rules.weekly)
    overridden = _rows_by_date(rules.overrides)
    pieces: list[Span] = []
    day = first
    while day <= last:
        rows = overridden.get(day)
        if rows is None:
            rows = weekly[day.weekday()]
        pieces += _day_spans(rules.time_zone, day, rows)
        day += _ONE_DAY
    return tuple(merge_spans(pieces))


@lru_cache(maxsize=16_384)
def _day_spans(time_zone: str, day: date, rows: tuple[_Row, ...]) -> tuple[Span, ...]:
    """A local date's rows as UTC spans (cached: the same for every host and request)."""
    zone = ZoneInfo(time_zone)
    day_start, day_end = _local_day(time_zone, day)
    spans: list[Span] = []
    for start, end in rows:
        first = day_start if start == _MIDNIGHT else local_instant(day, start, zone)
        last = day_end if end is None else local_instant(day, end, zone)
        # A row never leaves its own local date. (Only matters for zones whose gaps cross
        # midnight; a start shifted past a later end, e.g. 02:30-03:00 inside a
        # spring-forward gap, is dropped by the same comparison.)
        first = max(first, day_start)
        last = min(last, day_end)
        if first < last:
            spans.append((first, last))
    return tuple(spans)


def local_dates(window: Interval, zone: ZoneInfo) -> Sequence[date]:
    """Every local date in ``zone`` that the window touches, in order."""
    return [day for day, _, _ in _local_days((window.start, window.end), zone.key)]


# --- private helpers -------------------------------------------------------------------------

_MIDNIGHT = time(0, 0)
_ONE_DAY = timedelta(days=1)
_ONE_MICROSECOND = timedelta(microseconds=1)
_WEEKDAYS = frozenset(range(7))

# A row as the engine uses it: local (start, end) with seconds dropped; end None = midnight.
_Row = tuple[time, time | None]
_NO_ROWS: tuple[_Row, ...] = ()


def _wall(at: time) -> time:
    """Only hh:mm matter (spec §1): seconds, tzinfo and fold are dropped."""
    return time(at.hour, at.minute)


def _row(start: time, end: time) -> _Row | None:
    """The usable (start, end) of a row, or None when it yields nothing (end <= start).

    The comparison is on the stored times, so 23:59-23:59 is empty like any start == end;
    only then does an end of 23:59 become "until midnight".
    """
    start, end = _wall(start), _wall(end)
    if end <= start:
        return None
    return (start, None if end == END_OF_DAY else end)


@lru_cache(maxsize=1024)
def _rows_by_weekday(weekly: tuple[WeeklyHours, ...]) -> tuple[tuple[_Row, ...], ...]:
    """Rows indexed by Python's ``date.weekday()`` (0 = Monday); Cal.com's days are
    0 = Sunday ... 6 = Saturday, so Cal.com day d is Python weekday (d - 1) % 7."""
    by_weekday: list[list[_Row]] = [[] for _ in range(7)]
    for hours in weekly:
        if not hours.days <= _WEEKDAYS:
            raise ValueError(f"weekdays must be 0 (Sunday) .. 6 (Saturday), got {set(hours.days)}")
        row = _row(hours.start, hours.end)
        if row is not None:
            for day in hours.days:
                by_weekday[(day - 1) % 7].append(row)
    return tuple(tuple(rows) for rows in by_weekday)


def _rows_by_date(overrides: Sequence[DateOverride]) -> dict[date, tuple[_Row, ...]]:
    """Override rows grouped by date. A date that has any override is present, even when
    none of its rows yields hours (00:00-00:00 = day off): it still replaces the weekly rows."""
    by_date: dict[date, tuple[_Row, ...]] = {}
    for override in overrides:
        rows = by_date.setdefault(override.date, _NO_ROWS)
        row = _row(override.start, override.end)
        if row is not None:
            by_date[override.date] = (*rows, row)
    return by_date


def _local_days(window: Span, time_zone: str) -> list[tuple[date, datetime, datetime]]:
    """(date, first instant, next date's first instant) for each local date the window touches.

    A date's instants are [its 00:00, the next date's 00:00), both converted with fold=0, so a
    midnight in a gap starts the date at the transition. A date with no instants at all
    (Pacific/Apia skipped 2011-12-30) has an empty span and is left out.
    """
    window_start, window_end = window
    day = window_start.astimezone(ZoneInfo(time_zone)).date()
    days: list[tuple[date, datetime, datetime]] = []
    while True:
        start, end = _local_day(time_zone, day)
        if start >= window_end:
            return days
        if start < end:
            days.append((day, start, end))
        day += _ONE_DAY


def local_day(zone: ZoneInfo, day: date) -> Span:
    """[a date's local 00:00, the next date's local 00:00) in ``zone``, as UTC instants."""
    if zone.key is None:  # a zone read from a file has no name to cache by
        return local_instant(day, _MIDNIGHT, zone), local_instant(day + _ONE_DAY, _MIDNIGHT, zone)
    return _local_day(zone.key, day)


@lru_cache(maxsize=16_384)
def _local_day(time_zone: str, day: date) -> Span:
    """[a date's local 00:00, the next date's local 00:00) as UTC instants (cached: the same
    for every host and request in that zone). Empty (start == end) for a skipped date."""
    zone = ZoneInfo(time_zone)
    return local_instant(day, _MIDNIGHT, zone), local_instant(day + _ONE_DAY, _MIDNIGHT, zone)
