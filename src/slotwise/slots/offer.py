"""What the engine offers for one event type: its host's hours, bookings, limits and holds
loaded into ``core.availability``, for a listing's window or for one slot ("is it offered
right now?"). Listing, holding and booking all go through here, so they agree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from slotwise.busy import external as calendar_busy
from slotwise.busy import service as busy
from slotwise.core.availability import Host, Reservation, Slot, available_slots
from slotwise.core.intervals import Interval
from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import ScheduleRules, default_schedule
from slotwise.db import ReadSession
from slotwise.event_types import service as event_types
from slotwise.event_types import team_service
from slotwise.event_types.models import EventType, SchedulingType
from slotwise.out_of_office import away
from slotwise.schedules import service as schedules
from slotwise.slots import repository
from slotwise.slots.window import UTC_ZONE, clamped
from slotwise.users.models import User

_ONE_DAY = timedelta(days=1)


def offered(
    session: ReadSession,
    event_type: EventType,
    owner: User,
    window: Interval,
    *,
    now: datetime,
    zone: ZoneInfo,
    length: timedelta,
    holder: str | None,
    every_first_slot: bool = False,
    unbooked: bool = False,
    keep_away: bool = False,
    routed_host_ids: frozenset[int] | None = None,
) -> list[Slot]:
    """The engine's slots for a personal event type's one host. ``every_first_slot``: for an
    event showing only each date's first slot, keep every slot instead (a hold does not know
    the booker's zone, so it cannot tell which slot was first of the booker's date).
    ``unbooked``: as if the host had no bookings, holds or limits (what the event type offers
    at all: a slot missing from that is a request that can never succeed). ``keep_away``:
    keep the slots on the owner's out-of-office days (a listing shows them flagged away).
    ``routed_host_ids``: only these of a team's round-robin hosts (a routing form's choice);
    fixed hosts stay."""
    rules = event_types.event_rules(
        event_type, week_start=event_types.week_start_number(owner.week_start)
    )
    if every_first_slot:
        rules = replace(rules, only_first_slot_per_date=False)
    people = hosts_of_event_type(session, event_type, owner)
    if routed_host_ids is not None:
        people = [p for p in people if p.fixed or p.user.id in routed_host_ids]
    if unbooked:
        rules = replace(rules, count_limits={}, duration_limits={})
        hosts, holds = [Host(p.user.id, p.schedule, fixed=p.fixed) for p in people], []
    else:
        margin = max(rules.before_buffer, rules.after_buffer)
        limited = bool(rules.count_limits or rules.duration_limits)
        hosts = _booked_hosts(session, event_type, people, window, margin, limited)
        hosts = calendar_busy.with_calendar_busy(session, hosts, window, now=now)
        holds = _holds(session, event_type, [p.user.id for p in people], window, now=now)
    slots = available_slots(
        rules,
        hosts,
        window,
        now=now,
        booker_zone=zone,
        duration=length,
        reservations=holds,
        holder=holder,
    )
    if keep_away or event_type.team_id is not None:  # team hosts' absences: not yet (issue 24)
        return slots
    return away.without_away_days(session, owner, slots)


def offered_slot(
    session: ReadSession,
    event_type: EventType,
    owner: User,
    start: datetime,
    length: timedelta,
    *,
    now: datetime,
    holder: str | None,
    unbooked: bool = False,
) -> Slot | None:
    """The slot [start, start + length) if the engine offers it right now, else None."""
    # A day either side: the slot grid is laid from the start of each free range, so the
    # check sees the same starts a listing of those days shows.
    try:
        window = clamped(start - _ONE_DAY, start + length + _ONE_DAY, now)
    except OverflowError:
        window = None
    if window is None:
        return None
    slots = offered(
        session,
        event_type,
        owner,
        window,
        now=now,
        zone=UTC_ZONE,
        length=length,
        holder=holder,
        every_first_slot=True,
        unbooked=unbooked,
    )
    return next((s for s in slots if s.start == start and s.end == start + length), None)


def _schedule(session: ReadSession, event_type: EventType, owner: User) -> ScheduleRules:
    """The event type's schedule, else the owner's default, else Mon-Fri 09:00-17:00."""
    rules = None
    if event_type.schedule_id is not None:
        rules = schedules.booking_rules(session, owner, event_type.schedule_id)
    if rules is None:
        rules = schedules.booking_rules(session, owner, None)
    if rules is None:
        zone = owner.time_zone if is_iana_time_zone(owner.time_zone) else "UTC"
        return default_schedule(zone)
    return rules


@dataclass(frozen=True, slots=True)
class Person:
    """Someone whose time an event type offers: its owner, or a team event type's host
    (``fixed``: needed for every slot; else a round-robin host, one of whom is enough)."""

    user: User
    schedule: ScheduleRules
    fixed: bool = True


def hosts_of_event_type(session: ReadSession, event_type: EventType, owner: User) -> list[Person]:
    """A personal event type's owner, or a team event type's hosts with their hours (a
    MANAGED parent offers nothing: its members' children are booked)."""
    if event_type.team_id is None:
        return [Person(owner, _schedule(session, event_type, owner))]
    if event_type.scheduling_type == SchedulingType.MANAGED.value:
        return []
    collective = event_type.scheduling_type == SchedulingType.COLLECTIVE.value
    hosts = team_service.hosts_of(session, [event_type])[event_type.id]
    defaults = schedules.default_booking_rules(session, [host.user for host in hosts])
    return [
        Person(
            host.user,
            _host_schedule(session, event_type, host.user, host.schedule_id, defaults),
            fixed=collective or host.is_fixed,
        )
        for host in hosts
    ]


def host_ids(session: ReadSession, event_type: EventType, owner: User) -> list[int]:
    """Whose time a booking of the event type may take (every host of a team's)."""
    if event_type.team_id is None:
        return [owner.id]
    return [h.user.id for h in team_service.hosts_of(session, [event_type])[event_type.id]]


def _host_schedule(
    session: ReadSession,
    event_type: EventType,
    user: User,
    schedule_id: int | None,
    defaults: dict[int, ScheduleRules],
) -> ScheduleRules:
    """A team host's hours: the host's own schedule for this event type, else as a personal
    event type's (the event type's schedule when it is theirs, their default, Mon-Fri);
    ``defaults``: the hosts' default schedules, read together."""
    for own in (schedule_id, event_type.schedule_id if event_type.owner_id == user.id else None):
        if own is not None:
            rules = schedules.booking_rules(session, user, own)
            if rules is not None:
                return rules
    if user.id in defaults:
        return defaults[user.id]
    zone = user.time_zone if is_iana_time_zone(user.time_zone) else "UTC"
    return default_schedule(zone)


def _booked_hosts(
    session: ReadSession,
    event_type: EventType,
    people: list[Person],
    window: Interval,
    margin: timedelta,
    limited: bool,
) -> list[Host]:
    """The hosts with their hours, the bookings that block them (``margin``: the new event's
    buffers reach that far around the window) and, for a limited event type, the bookings
    its limits count. One read of busy times for all of them."""
    host_ids = [p.user.id for p in people]
    bookings = busy.blocking_bookings(session, host_ids, window, margin=margin)
    counted = busy.counted_bookings(session, event_type.id, host_ids, window) if limited else {}
    return [
        Host(
            user_id=p.user.id,
            schedule=p.schedule,
            bookings=tuple(bookings.get(p.user.id, ())),
            counted=tuple(counted.get(p.user.id, ())),
            fixed=p.fixed,
        )
        for p in people
    ]


def _holds(
    session: ReadSession,
    event_type: EventType,
    host_ids: list[int],
    window: Interval,
    *,
    now: datetime,
) -> list[Reservation]:
    """Live holds on the hosts' time in the window."""
    return [
        Reservation(
            interval=Interval(row.slot_start, row.slot_end),
            holder=row.holder,
            # A seat hold takes a seat of its own event type; to any other event type of the
            # host it is the host being busy.
            seat=row.is_seat and row.event_type_id == event_type.id,
        )
        for row in repository.reservations_of_hosts(session, host_ids, window, now=now)
    ]
