"""Bookable slots: the whole pipeline of spec/scheduling.md §0 over plain inputs.

    working hours (per host) - busy (bookings + buffers, calendars, limit blocks)
      -> aggregate hosts (fixed: intersection; round-robin: union)
      -> slot starts (length, frequency, alignment, notice, offset)
      -> seats, reservations, booking window, first-slot-per-date

Everything is UTC; zones only say where a local day or clock boundary falls. ``now`` is a
parameter, never read here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from zoneinfo import ZoneInfo

from slotwise.core.booking_window import (
    BookingWindow,
    CountedBooking,
    LimitUnit,
    PeriodType,
    earliest_start,
    latest_start,
    limit_blocks,
)
from slotwise.core.busy import ExistingBooking, booking_spans, calendar_spans
from slotwise.core.intervals import (
    Interval,
    Span,
    intersect_all_spans,
    merge_spans,
    spans_of,
    subtract_spans,
)
from slotwise.core.slots import by_local_date, starts_in_spans
from slotwise.core.working_hours import ScheduleRules, working_spans

MINIMUM_QUERY_NOTICE = timedelta(minutes=1)  # a notice of 0 still hides the current minute


@dataclass(frozen=True, slots=True)
class EventRules:
    """What the event type says about its slots (durations and buffers as timedeltas)."""

    length: timedelta
    slot_interval: timedelta | None = None
    minimum_notice: timedelta = timedelta(minutes=120)
    before_buffer: timedelta = timedelta()
    after_buffer: timedelta = timedelta()
    offset_start: timedelta = timedelta()
    booking_window: BookingWindow = field(default_factory=BookingWindow)
    time_zone: str | None = None  # the event's zone for RANGE windows; else the first host's
    count_limits: dict[LimitUnit, int] = field(default_factory=dict)
    duration_limits: dict[LimitUnit, int] = field(default_factory=dict)
    only_first_slot_per_date: bool = False
    seats_per_slot: int | None = None  # None = not seated
    event_type_id: int | None = None
    week_start: int = 0  # for weekly limits: 0 = Sunday ... 6 = Saturday


@dataclass(frozen=True, slots=True)
class Host:
    user_id: int
    schedule: ScheduleRules
    bookings: tuple[ExistingBooking, ...] = ()  # every blocking booking of this person
    calendar_busy: tuple[Interval, ...] = ()
    counted: tuple[CountedBooking, ...] = ()  # this event type's bookings, for its limits
    fixed: bool = True  # False: a round-robin host (one free host is enough)


@dataclass(frozen=True, slots=True)
class Reservation:
    """A slot held by a booker for a few minutes (expired ones are left out by the caller)."""

    interval: Interval
    holder: str
    seat: bool = False


@dataclass(frozen=True, slots=True)
class Slot:
    start: datetime
    end: datetime
    hosts: tuple[int, ...]  # the hosts free for this slot (all of them when collective)
    seats_taken: int | None = None  # seated events only
    booking_uid: str | None = None  # the seated booking this slot would join


def available_slots(
    event: EventRules,
    hosts: Sequence[Host],
    window: Interval,
    *,
    now: datetime,
    booker_zone: ZoneInfo,
    duration: timedelta | None = None,
    reservations: Sequence[Reservation] = (),
    holder: str | None = None,
) -> list[Slot]:
    """Every bookable slot starting inside ``window``, sorted by start."""
    if not hosts:
        return []
    length = duration or event.length
    frequency = event.slot_interval or length
    earliest = now + max(event.minimum_notice, MINIMUM_QUERY_NOTICE)
    if earliest >= window.end:
        return []
    # "The N-th date with slots" (ROLLING_WINDOW) counts from today, so that window computes
    # from now even when the caller asks about a later stretch; the result is cut back below.
    rolling = event.booking_window.period_type is PeriodType.ROLLING_WINDOW
    query = Interval(earliest if rolling else max(window.start, earliest), window.end)

    seated = _seated_bookings(event, hosts)
    free_by_host = {host.user_id: _free_ranges(event, host, query, length) for host in hosts}
    fixed = [free_by_host[h.user_id] for h in hosts if h.fixed]
    rotating = [free_by_host[h.user_id] for h in hosts if not h.fixed]
    groups = fixed + ([merge_spans(span for free in rotating for span in free)] if rotating else [])
    offered = intersect_all_spans(groups)

    zones = {host.schedule.time_zone for host in hosts}
    align_zone = ZoneInfo(zones.pop()) if len(zones) == 1 else None
    starts = starts_in_spans(
        offered,
        length=length,
        frequency=frequency,
        earliest=earliest,
        offset_start=event.offset_start,
        align_zone=align_zone,
    )
    slots = _slots_with_hosts(starts, length, hosts, free_by_host)
    if rotating:
        slots = _with_a_rotating_host(slots, hosts)
    slots = _with_seats(event, slots, seated, length, hosts, free_by_host, query, earliest)
    slots = _without_reserved(slots, reservations, holder, event)
    slots = _inside_booking_window(event, slots, hosts, now, booker_zone)
    if rolling:
        slots = [slot for slot in slots if slot.start >= window.start]
    if event.only_first_slot_per_date:
        slots = _first_per_date(slots, booker_zone)
    return slots


def _seated_bookings(event: EventRules, hosts: Sequence[Host]) -> dict[datetime, ExistingBooking]:
    """This event type's seated bookings by start (they take seats rather than block)."""
    if event.seats_per_slot is None:
        return {}
    return {
        booking.interval.start: booking
        for host in hosts
        for booking in host.bookings
        if booking.event_type_id == event.event_type_id
    }


def _free_ranges(event: EventRules, host: Host, query: Interval, length: timedelta) -> list[Span]:
    """The host's working hours minus everything that blocks them, normalized spans."""
    hours = working_spans(host.schedule, (query.start, query.end))
    if not hours:
        return []
    buffers = {"new_before": event.before_buffer, "new_after": event.after_buffer}
    blocked = booking_spans(host.bookings, **buffers)
    blocked += calendar_spans(host.calendar_busy, **buffers)
    if event.count_limits or event.duration_limits:
        blocked += spans_of(
            limit_blocks(
                host.counted,
                window=query,
                zone=ZoneInfo(host.schedule.time_zone),
                count_limits=event.count_limits,
                duration_limits=event.duration_limits,
                requested_duration=length,
                week_start=event.week_start,
            )
        )
    return subtract_spans(hours, merge_spans(blocked))


def _free_for(free: list[Span], start: datetime, end: datetime) -> bool:
    """Whether [start, end) lies inside one of the normalized free ranges."""
    index = bisect.bisect_right(free, start, key=_start_of) - 1
    return index >= 0 and free[index][1] >= end


_start_of = itemgetter(0)


def _slots_with_hosts(
    starts: list[datetime],
    length: timedelta,
    hosts: Sequence[Host],
    free: dict[int, list[Span]],
) -> list[Slot]:
    """Each start with the hosts free for all of it. Walks each host's free ranges once and
    finds the starts that fit in each by bisection, so a big round-robin team costs about
    (ranges + memberships) per host, not (slots x hosts) lookups. (A sweep that builds one
    host tuple per change was slower: with a team's bookings, the hosts change at almost
    every start.)"""
    free_hosts: list[list[int]] = [[] for _ in starts]
    for host in hosts:
        user_id = host.user_id
        for range_start, range_end in free[user_id]:
            first = bisect.bisect_left(starts, range_start)
            last = bisect.bisect_right(starts, range_end - length)
            for ids in free_hosts[first:last]:  # the slice copies references only
                ids.append(user_id)
    return [
        Slot(start=start, end=start + length, hosts=tuple(ids))
        for start, ids in zip(starts, free_hosts, strict=True)
    ]


def _with_a_rotating_host(slots: list[Slot], hosts: Sequence[Host]) -> list[Slot]:
    """Round-robin: a slot needs one round-robin host free for all of it. The union of
    their free ranges can cover a slot no single host can take (one free until 09:15,
    another from 09:15); such a slot is not offered."""
    rotating = {host.user_id for host in hosts if not host.fixed}
    return [slot for slot in slots if any(user_id in rotating for user_id in slot.hosts)]


def _with_seats(
    event: EventRules,
    slots: list[Slot],
    seated: dict[datetime, ExistingBooking],
    length: timedelta,
    hosts: Sequence[Host],
    free_by_host: dict[int, list[Span]],
    query: Interval,
    earliest: datetime,
) -> list[Slot]:
    """A seated booking's own slot stays offered while seats remain (spec §7); the booking
    still blocks every other start, and its buffers still count."""
    if event.seats_per_slot is None or not seated:
        return slots
    by_start = {slot.start: slot for slot in slots}
    for start, booking in seated.items():
        if booking.attendees >= event.seats_per_slot:
            by_start.pop(start, None)
            continue
        end = start + length
        if start < earliest or not (query.start <= start and end <= query.end):
            continue
        hours_hosts = tuple(
            h.user_id
            for h in hosts
            if _inside_hours_apart_from(h, booking, start, end, event, free_by_host, query)
        )
        if not hours_hosts:
            continue
        by_start[start] = Slot(
            start=start,
            end=end,
            hosts=hours_hosts,
            seats_taken=booking.attendees,
            booking_uid=booking.uid,
        )
    return sorted(by_start.values(), key=lambda slot: slot.start)


def _inside_hours_apart_from(
    host: Host,
    booking: ExistingBooking,
    start: datetime,
    end: datetime,
    event: EventRules,
    free_by_host: dict[int, list[Span]],
    query: Interval,
) -> bool:
    """Whether the host would be free for [start, end) if this seated booking were not there."""
    others = tuple(b for b in host.bookings if b is not booking)
    without = Host(
        user_id=host.user_id,
        schedule=host.schedule,
        bookings=others,
        calendar_busy=host.calendar_busy,
        counted=host.counted,
        fixed=host.fixed,
    )
    free = _free_ranges(event, without, query, end - start)
    return _free_for(free, start, end)


def _without_reserved(
    slots: list[Slot], reservations: Sequence[Reservation], holder: str | None, event: EventRules
) -> list[Slot]:
    """Other bookers' holds hide a slot; a seat hold takes one seat (spec §12)."""
    held = [r for r in reservations if r.holder != holder]
    if not held:
        return slots
    kept: list[Slot] = []
    for slot in slots:
        span = Interval(slot.start, slot.end)
        if event.seats_per_slot is not None:
            seat_holds = sum(1 for r in held if r.seat and r.interval.start == slot.start)
            taken = (slot.seats_taken or 0) + seat_holds
            if taken >= event.seats_per_slot:
                continue
            if seat_holds:
                slot = Slot(slot.start, slot.end, slot.hosts, taken, slot.booking_uid)
            if any(not r.seat and r.interval.overlaps(span) for r in held):
                continue
        elif any(r.interval.overlaps(span) for r in held):
            continue
        kept.append(slot)
    return kept


def _inside_booking_window(
    event: EventRules,
    slots: list[Slot],
    hosts: Sequence[Host],
    now: datetime,
    booker_zone: ZoneInfo,
) -> list[Slot]:
    event_zone = ZoneInfo(event.time_zone or hosts[0].schedule.time_zone)
    dates_with_slots = set(by_local_date((slot.start for slot in slots), booker_zone))
    first = earliest_start(event.booking_window, event_zone=event_zone)
    last = latest_start(
        event.booking_window,
        now=now,
        booker_zone=booker_zone,
        event_zone=event_zone,
        date_has_slots=lambda day: day.isoformat() in dates_with_slots,
    )
    return [
        slot
        for slot in slots
        if (first is None or slot.start >= first) and (last is None or slot.start < last)
    ]


def _first_per_date(slots: list[Slot], booker_zone: ZoneInfo) -> list[Slot]:
    seen: set[str] = set()
    kept: list[Slot] = []
    for slot in slots:
        day = slot.start.astimezone(booker_zone).date().isoformat()
        if day not in seen:
            seen.add(day)
            kept.append(slot)
    return kept
