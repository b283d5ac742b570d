"""What the booker asked for on the event page (zone, format, duration, month, day, slot,
embed), read from the query or a posted form and kept within the bookable range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from slotwise.core.timezones import is_iana_time_zone
from slotwise.event_types.models import EventType
from slotwise.slots import service as slots
from slotwise.web import calendar as cal
from slotwise.web.owners import PageOwner

# How far from now the pages look: slots are offered a year out (a little more for zones).
HORIZON_AHEAD = timedelta(days=400)
HORIZON_BEHIND = timedelta(days=62)
# What a link may fill in for the booker (a routing form's redirect): kept through the
# page's own links and posted with the booking form.
PREFILL_KEYS = ("name", "email", "routingFormResponseId")
PREFILL_MAX_LENGTH = 320


@dataclass(frozen=True, slots=True)
class BookerState:
    """The event page's state, read from the query (or a posted form)."""

    zone: ZoneInfo
    zone_given: bool  # False: the owner's zone until the browser says its own
    hour12: bool
    duration: int
    month: date | None
    day: date | None
    slot: datetime | None
    embed: bool
    prefill: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(
        cls,
        values: Callable[[str], str | None],
        owner: PageOwner,
        event_type: EventType,
        *,
        now: datetime,
    ) -> BookerState:
        """Values out of the bookable range (a year ahead; slots are offered no further)
        are dropped, as are unreadable ones."""
        raw_zone = values("tz")
        zone_given = bool(raw_zone) and is_iana_time_zone(raw_zone or "")
        zone = ZoneInfo(raw_zone) if zone_given and raw_zone else owner_zone(owner)
        raw_h = values("h")
        hour12 = raw_h == "12" if raw_h in ("12", "24") else owner.time_format == 12
        slot = _instant_within_horizon(values("slot"), now)
        today = now.astimezone(zone).date()
        day = _date_within_horizon(
            cal.parse_day(values("date")) or cal.parse_day(values("selected")), today
        )
        month = _date_within_horizon(cal.parse_month(values("month")), today)
        if slot is not None:
            day = slot.astimezone(zone).date()
        duration = _offered_length(values("duration"), event_type)
        return cls(
            zone=zone,
            zone_given=zone_given,
            hour12=hour12,
            duration=duration,
            month=month,
            day=day,
            slot=slot,
            embed=values("embed") == "1",
            prefill=_prefill(values),
        )

    def query(self, **changes: Any) -> str:
        """This state as a query string (with ``changes``; None leaves a key out)."""
        params: dict[str, Any] = {
            "tz": self.zone.key,
            "h": "12" if self.hour12 else "24",
            "duration": self.duration,
            "embed": "1" if self.embed else None,
            **dict(self.prefill),
        }
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v is not None})


def _prefill(values: Callable[[str], str | None]) -> tuple[tuple[str, str], ...]:
    found = ((key, values(key)) for key in PREFILL_KEYS)
    return tuple((key, value) for key, value in found if value and len(value) <= PREFILL_MAX_LENGTH)


def _offered_length(raw: str | None, event_type: EventType) -> int:
    """The asked duration when the event type offers it, else its default length."""
    text = raw or ""
    duration = int(text) if cal.is_ascii_number(text) else event_type.length_in_minutes
    return duration if duration in event_lengths(event_type) else event_type.length_in_minutes


def _instant_within_horizon(raw: str | None, now: datetime) -> datetime | None:
    instant = slots.parse_instant(raw) if raw else None
    if instant is not None and not now - HORIZON_BEHIND <= instant <= now + HORIZON_AHEAD:
        return None
    return instant


def _date_within_horizon(day: date | None, today: date) -> date | None:
    if day is not None and not today - HORIZON_BEHIND <= day <= today + HORIZON_AHEAD:
        return None
    return day


def owner_zone(owner: PageOwner) -> ZoneInfo:
    return ZoneInfo(owner.time_zone if is_iana_time_zone(owner.time_zone) else "UTC")


def event_lengths(event_type: EventType) -> list[int]:
    return sorted({event_type.length_in_minutes, *(event_type.length_in_minutes_options or [])})
