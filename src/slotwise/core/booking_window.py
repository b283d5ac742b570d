"""How far ahead a slot may start (periodType, spec/scheduling.md §5) and the booking and
duration limits that close whole days, weeks, months or years (§6).

Every day boundary is a local date's first instant in the zone at hand, converted with that
date's own rules: "end of a day" is the start of the next local date, so a day is 23 or 25
hours long across a DST change, and a week, month or year ends where the next one starts.
A local midnight that does not exist (a zone that springs forward at 00:00) resolves to the
first instant of the date; an ambiguous one to its first occurrence (zoneinfo's fold=0).

Decisions where Cal.com is unclear or wrong (and why):

* Business days (``calendar_days=False``) in ROLLING follow dayjs ``businessDaysAdd``: today is
  never counted, N business days are added after it. From a Saturday, 1 business day reaches
  Monday; with N = 0 the limit is the end of today, weekend or not.
* ROLLING_WINDOW walks from today (counted when it has slots, which ``date_has_slots`` decides),
  skipping Saturdays and Sundays for business days, a weekend today too (Cal.com checks today
  before its first ``businessDaysAdd``; skipping it is what "business days" says). The cap counts
  calendar dates walked (about a year, spec §5), not business days; without N bookable dates
  the limit is the end of the last date walked (today + 365), a bounded future, never "none".
* N = 0 (or ``days`` unset, as Cal.com's ``periodDays || 0``) means the end of today.
* A booking counts in the period containing its start, boundaries included (Cal.com's
  exclusive ``isBetween`` misses a booking at exactly 00:00 of a period).
* A limit below 1 is no limit, as in Cal.com (``if (!limit) continue``): stored zeros from
  a Cal.com client must not close every period.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slotwise.core.intervals import Interval, merge


class PeriodType(enum.StrEnum):
    UNLIMITED = "UNLIMITED"
    ROLLING = "ROLLING"
    ROLLING_WINDOW = "ROLLING_WINDOW"
    RANGE = "RANGE"


@dataclass(frozen=True, slots=True)
class BookingWindow:
    period_type: PeriodType = PeriodType.UNLIMITED
    days: int | None = None  # ROLLING, ROLLING_WINDOW
    calendar_days: bool = True  # False: business days (Mon-Fri)
    range_start: date | None = None  # RANGE
    range_end: date | None = None


ROLLING_WINDOW_MAX_DAYS_TO_CHECK = 366


def latest_start(
    window: BookingWindow,
    *,
    now: datetime,
    booker_zone: ZoneInfo,
    event_zone: ZoneInfo,
    date_has_slots: Callable[[date], bool] | None = None,
) -> datetime | None:
    """The instant a slot's start may not reach (exclusive), or None when unlimited.

    ROLLING: end of the day today + N (calendar or business days) in the booker's zone.
    ROLLING_WINDOW: end of the N-th date, counted from today in the booker's zone, for which
    ``date_has_slots`` is true (weekends skipped for business days), at most
    ROLLING_WINDOW_MAX_DAYS_TO_CHECK dates. RANGE: end of range_end in the event's zone.
    """
    if window.period_type is PeriodType.UNLIMITED:
        return None
    if window.period_type is PeriodType.RANGE:
        _, range_end = _range_dates(window)
        return _start_of_date(range_end + timedelta(days=1), event_zone)
    _require_aware(now, "now")
    today = now.astimezone(booker_zone).date()
    days = _period_days(window)
    if window.period_type is PeriodType.ROLLING:
        last = (
            today + timedelta(days=days)
            if window.calendar_days
            else _add_business_days(today, days)
        )
        return _start_of_date(last + timedelta(days=1), booker_zone)
    if date_has_slots is None:
        raise ValueError("ROLLING_WINDOW needs date_has_slots")
    last = _rolling_window_last_date(today, days, window.calendar_days, date_has_slots)
    return _start_of_date(last + timedelta(days=1), booker_zone)


def earliest_start(window: BookingWindow, *, event_zone: ZoneInfo) -> datetime | None:
    """RANGE: start of range_start in the event's zone (each date's own offset); else None."""
    if window.period_type is not PeriodType.RANGE:
        return None
    range_start, _ = _range_dates(window)
    return _start_of_date(range_start, event_zone)


class LimitUnit(enum.StrEnum):
    DAY = "PER_DAY"
    WEEK = "PER_WEEK"
    MONTH = "PER_MONTH"
    YEAR = "PER_YEAR"


@dataclass(frozen=True, slots=True)
class CountedBooking:
    """A booking that counts toward this event type's limits (ACCEPTED, same event type)."""

    start: datetime
    duration: timedelta


def limit_blocks(
    bookings: Iterable[CountedBooking],
    *,
    window: Interval,
    zone: ZoneInfo,
    count_limits: dict[LimitUnit, int],
    duration_limits: dict[LimitUnit, int],
    requested_duration: timedelta,
    week_start: int = 0,
) -> list[Interval]:
    """Whole periods (in ``zone``) closed by a limit, as UTC intervals, normalized.

    A period is closed when its bookings (counted in the period containing their start)
    reach the count limit, or when their total minutes plus ``requested_duration`` exceed the
    duration limit. ``week_start``: 0 = Sunday (Cal.com's default) ... 6 = Saturday.
    Only periods touching ``window`` are returned.

    Periods are whole, not clipped to ``window`` (overlapping it is what "touching" means;
    a period that only meets it at an end is left out), and a closed period closes even when
    its bookings lie outside ``window``. A limit below 1 is no limit (Cal.com skips falsy
    limits). A duration limit shorter than ``requested_duration`` closes every period.
    """
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start must be 0 (Sunday) ... 6 (Saturday), got {week_start}")
    counted = list(bookings)
    for booking in counted:
        _require_aware(booking.start, "booking start")
    closed: list[Interval] = []
    for unit in LimitUnit:
        count_limit = count_limits.get(unit, 0)
        duration_limit = duration_limits.get(unit, 0)
        if count_limit < 1 and duration_limit < 1:
            continue
        max_minutes = timedelta(minutes=duration_limit)
        counts: dict[date, int] = {}
        minutes: dict[date, timedelta] = {}
        for booking in counted:
            key = _period_start(booking.start.astimezone(zone).date(), unit, week_start)
            counts[key] = counts.get(key, 0) + 1
            minutes[key] = minutes.get(key, timedelta()) + booking.duration
        if duration_limit >= 1 and requested_duration > max_minutes:
            # Too long for any period of this unit, even an empty one.
            candidates: Iterable[date] = _period_starts_touching(window, zone, unit, week_start)
        else:
            candidates = counts.keys()
        for key in candidates:
            period = _period_interval(key, unit, zone)
            if period is None or not period.overlaps(window):
                continue
            count = counts.get(key, 0)
            total = minutes.get(key, timedelta())
            if (count_limit >= 1 and count >= count_limit) or (
                duration_limit >= 1 and total + requested_duration > max_minutes
            ):
                closed.append(period)
    return merge(closed)


def _require_aware(instant: datetime, name: str) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware: {instant}")


def _start_of_date(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of a local date, in UTC (midnight in a gap: forward; fold: first)."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _period_days(window: BookingWindow) -> int:
    days = window.days or 0
    if days < 0:
        raise ValueError(f"{window.period_type} days must not be negative, got {days}")
    return days


def _range_dates(window: BookingWindow) -> tuple[date, date]:
    if window.range_start is None or window.range_end is None:
        raise ValueError("RANGE needs range_start and range_end")
    return window.range_start, window.range_end


def _is_business_day(day: date) -> bool:
    return day.weekday() < 5  # Monday = 0 ... Friday = 4


def _add_business_days(today: date, days: int) -> date:
    """dayjs ``businessDaysAdd``: step forward a day at a time, counting Mon-Fri only."""
    current = today
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if _is_business_day(current):
            remaining -= 1
    return current


def _rolling_window_last_date(
    today: date, days: int, calendar_days: bool, date_has_slots: Callable[[date], bool]
) -> date:
    """The N-th date from today with slots (Mon-Fri only for business days); the last date
    walked when the cap comes first; today when N is 0."""
    if days == 0:
        return today
    found = 0
    current = today
    for offset in range(ROLLING_WINDOW_MAX_DAYS_TO_CHECK):
        current = today + timedelta(days=offset)
        if not calendar_days and not _is_business_day(current):
            continue
        if date_has_slots(current):
            found += 1
            if found == days:
                return current
    return current


def _period_start(day: date, unit: LimitUnit, week_start: int) -> date:
    """The first local date of the period of ``unit`` that contains ``day``."""
    if unit is LimitUnit.DAY:
        return day
    if unit is LimitUnit.WEEK:
        sunday_based = (day.weekday() + 1) % 7  # 0 = Sunday, as week_start
        return day - timedelta(days=(sunday_based - week_start) % 7)
    if unit is LimitUnit.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _next_period_start(start: date, unit: LimitUnit) -> date:
    if unit is LimitUnit.DAY:
        return start + timedelta(days=1)
    if unit is LimitUnit.WEEK:
        return start + timedelta(days=7)
    if unit is LimitUnit.MONTH:
        if start.month == 12:
            return date(start.year + 1, 1, 1)
        return date(start.year, start.month + 1, 1)
    return date(start.year + 1, 1, 1)


def _period_interval(start: date, unit: LimitUnit, zone: ZoneInfo) -> Interval | None:
    """[first instant of the period, first instant of the next), or None for a period with
    no instants (a local date a zone skipped, e.g. Pacific/Apia's 2011-12-30)."""
    begin = _start_of_date(start, zone)
    end = _start_of_date(_next_period_start(start, unit), zone)
    return Interval(begin, end) if begin < end else None


def _period_starts_touching(
    window: Interval, zone: ZoneInfo, unit: LimitUnit, week_start: int
) -> list[date]:
    """First dates of every period of ``unit`` that overlaps ``window``, in order."""
    first_day = window.start.astimezone(zone).date()
    last_day = (window.end - timedelta(microseconds=1)).astimezone(zone).date()
    starts: list[date] = []
    current = _period_start(first_day, unit, week_start)
    while current <= last_day:
        starts.append(current)
        current = _next_period_start(current, unit)
    return starts
