"""The window a slot query or a booking names: its ``start``/``end`` bounds (a date, or a
date-time with an optional offset) as UTC instants, the zone dates are read in, and the
one-year horizon slots are offered within."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from slotwise.core.intervals import Interval
from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import local_instant

UTC_ZONE = ZoneInfo("UTC")
# A query bound: a date, or a date-time with an optional offset (none = UTC). Published as
# these patterns; the parser below reads them (and refuses dates that do not exist).
_DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,9})?)?"
_OFFSET = r"(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
BOUND_PATTERN = f"^{_DATE}(?:[Tt]{_TIME}{_OFFSET}?)?$"
INSTANT_PATTERN = f"^{_DATE}[Tt]{_TIME}{_OFFSET}?$"
_BOUND = re.compile(
    rf"(?P<date>{_DATE})"
    rf"(?:[Tt](?P<hm>[0-9]{{2}}:[0-9]{{2}})(?::(?P<s>[0-9]{{2}})(?:\.(?P<f>[0-9]{{1,9}}))?)?"
    rf"(?P<offset>{_OFFSET})?)?"
)
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)

Problems = list[dict[str, str]]


def parse_instant(raw: str) -> datetime | None:
    """A date-time (offset optional: none means UTC) as an aware UTC instant, or None."""
    parsed = _parse_bound(raw)
    return parsed if isinstance(parsed, datetime) else None


def format_utc(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def zone_named(name: str | None, field_name: str, problems: Problems) -> ZoneInfo | None:
    """The zone dates are read in (None: UTC); an unknown name is a problem of ``field_name``."""
    if name is None:
        return UTC_ZONE
    if "\x00" not in name and is_iana_time_zone(name):
        return ZoneInfo(name)
    problems.append(
        {"field": field_name, "message": "must be an IANA time zone such as Europe/London"}
    )
    return None


def bound(
    raw: str, field_name: str, zone: ZoneInfo | None, problems: Problems
) -> tuple[datetime, datetime] | None:
    """What a window bound names, as (first instant, end): a date is its whole day in
    ``zone`` (00:00 to the next 00:00); a date-time is the instant itself."""
    parsed = _parse_bound(raw)
    if parsed is None:
        problems.append(
            {
                "field": field_name,
                "message": "must be a date (2050-09-05) or an ISO-8601 date-time "
                "(2050-09-05T09:00:00Z)",
            }
        )
        return None
    if isinstance(parsed, datetime):
        return parsed, parsed
    if zone is None:
        return None  # the zone's own problem is reported already
    return _midnight(parsed, zone, days_later=0), _midnight(parsed, zone, days_later=1)


def one_year_after(now: datetime) -> datetime:
    try:
        return now.replace(year=now.year + 1)
    except ValueError:  # 29 February
        return now.replace(year=now.year + 1, day=28)


def clamped(start: datetime, end: datetime, now: datetime) -> Interval | None:
    """The window cut to [now, now + 1 year] (no slot is offered outside it, and no date
    arithmetic then reaches the calendar's edges); None when nothing is left of it."""
    start, end = max(start, now), min(end, one_year_after(now))
    return Interval(start, end) if start < end else None


def _parse_bound(raw: str) -> date | datetime | None:
    match = _BOUND.fullmatch(raw)
    if match is None:
        return None
    try:
        day = date.fromisoformat(match["date"])
        if match["hm"] is None:
            return day
        hour, minute = int(match["hm"][:2]), int(match["hm"][3:])
        second = int(match["s"] or 0)
        micro = int((match["f"] or "")[:6].ljust(6, "0"))
        offset = match["offset"]
        zone_part = "+00:00" if offset is None or offset in ("Z", "z") else offset
        local = datetime.fromisoformat(
            f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}.{micro:06d}{zone_part}"
        )
        return local.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _midnight(day: date, zone: ZoneInfo, *, days_later: int) -> datetime:
    """00:00 in ``zone`` of the date ``days_later`` days after ``day``; past the calendar's
    edge, the earliest or latest instant there is (the window is open on that side)."""
    try:
        return local_instant(day + timedelta(days=days_later), time(0), zone)
    except OverflowError:
        return _EARLIEST if day.year == date.min.year else _LATEST
