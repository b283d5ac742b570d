"""Listing an event type's bookable slots over a window (``GET /v2/slots``, the legacy
``/v2/slots/available`` and the booking pages), grouped by date in the booker's zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from slotwise.core.availability import Slot
from slotwise.core.slots import by_local_date
from slotwise.db import ReadSession
from slotwise.errors import Invalid
from slotwise.out_of_office import away
from slotwise.out_of_office.away import AwaySpan
from slotwise.slots.lookup import EventTypeRef, FieldNames, allowed_length, event_type_and_host
from slotwise.slots.offer import offered
from slotwise.slots.window import Problems, bound, clamped, zone_named


@dataclass(frozen=True, slots=True)
class SlotSearch:
    event: EventTypeRef
    start: str
    end: str
    time_zone: str | None = None  # None: UTC
    duration: int | None = None  # minutes; None: the event type's length
    holder: str | None = None  # the booker's own holds do not hide slots
    names: FieldNames = field(default_factory=FieldNames)
    # A routing form's choice of a team's round-robin hosts (fixed hosts always stay).
    routed_host_ids: frozenset[int] | None = None


@dataclass(frozen=True, slots=True)
class FoundSlots:
    """Slots grouped by date (``YYYY-MM-DD`` in ``zone``), dates and slots in order."""

    zone: ZoneInfo
    by_date: dict[str, list[Slot]]
    seats_per_slot: int | None  # None: not a seated event
    # Slots on the host's out-of-office days, by date: shown flagged, never bookable.
    away_by_date: dict[str, list[tuple[Slot, AwaySpan]]] = field(default_factory=dict)


def find_slots(session: ReadSession, search: SlotSearch, *, now: datetime) -> FoundSlots:
    zone, start, end = _window_bounds(search)
    event_type, owner = event_type_and_host(session, search.event, search.names)
    length = allowed_length(event_type, search.duration, search.names.duration)
    window = clamped(start, end, now)
    if window is None:
        return FoundSlots(zone=zone, by_date={}, seats_per_slot=event_type.seats_per_slot)
    slots = offered(
        session, event_type, owner, window, now=now, zone=zone, length=length,
        holder=search.holder, keep_away=True, routed_host_ids=search.routed_host_ids,
    )  # fmt: skip
    away_at = away.away_slots(session, owner, slots)
    by_start = {slot.start: slot for slot in slots}
    by_date: dict[str, list[Slot]] = {}
    away_by_date: dict[str, list[tuple[Slot, AwaySpan]]] = {}
    for day, starts in by_local_date(by_start, zone).items():
        free = [by_start[start] for start in starts if start not in away_at]
        gone = [(by_start[start], away_at[start]) for start in starts if start in away_at]
        if free:
            by_date[day] = free
        if gone:
            away_by_date[day] = gone
    return FoundSlots(
        zone=zone, by_date=by_date, seats_per_slot=event_type.seats_per_slot,
        away_by_date=away_by_date,
    )  # fmt: skip


def _window_bounds(search: SlotSearch) -> tuple[ZoneInfo, datetime, datetime]:
    """The zone and the window's first instant and end; every bad input named in one 400."""
    names = search.names
    problems: Problems = []
    zone = zone_named(search.time_zone, names.time_zone, problems)
    start = bound(search.start, names.start, zone, problems)
    end = bound(search.end, names.end, zone, problems)
    if problems or zone is None or start is None or end is None:
        raise Invalid.fields(problems)  # every None comes with its problem
    if end[0] < start[0]:
        message = f"must not be before {names.start}"
        if names.bad_range:
            raise Invalid(names.bad_range, details=[{"field": names.end, "message": message}])
        raise Invalid.field(names.end, message)
    return zone, start[0], end[1]
