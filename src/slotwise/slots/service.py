"""The rules for bookable slots and slot reservations (every API version): requests become
the engine's inputs (``core.availability``) for one event type's hosts over a query window,
and its answer becomes dated lists. The schemas of each version build the inputs (with their
own field names) and shape the outputs. The decisions are in ARCHITECTURE.md ("Slots")."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slotwise.core.availability import Host, Reservation, Slot, available_slots
from slotwise.core.intervals import Interval
from slotwise.core.slots import by_local_date
from slotwise.core.timezones import is_iana_time_zone
from slotwise.core.working_hours import ScheduleRules, default_schedule, local_instant
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from slotwise.event_types import service as event_types
from slotwise.event_types.models import EventType
from slotwise.schedules import service as schedules
from slotwise.slots import repository
from slotwise.slots.models import UID_MAX_LENGTH, SlotReservation
from slotwise.users.models import User

MINUTES_TO_BOOK = 5  # Cal.com's NEXT_PUBLIC_MINUTES_TO_BOOK default
# Conflict reasons of a booking's slot (legacy answers turn them into Cal.com's error codes).
SLOT_TAKEN = "slot_taken"
SEATS_FULL = "seats_full"
ALREADY_SEATED = "already_seated"
MAX_RESERVATION_MINUTES = 24 * 60  # an owner's custom hold: up to a day
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
_HOLDER = re.compile(rf"[A-Za-z0-9_-]{{1,{UID_MAX_LENGTH}}}")
_ONE_DAY = timedelta(days=1)
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)
_LOOKUP_MAX_LENGTH = 200  # usernames, slugs: longer ones name nothing


# --- inputs (built by each API version's schemas) ------------------------------------------


@dataclass(frozen=True, slots=True)
class EventTypeRef:
    """How a request names an event type: by id, or by slug and whose it is."""

    event_type_id: int | None = None
    slug: str | None = None
    usernames: tuple[str, ...] = ()  # one: a personal event type; several: a dynamic group
    team_slug: str | None = None
    organization_slug: str | None = None


@dataclass(frozen=True, slots=True)
class FieldNames:
    """What each version calls the inputs, for its 400s."""

    start: str = "start"
    end: str = "end"
    time_zone: str = "timeZone"
    duration: str = "duration"
    event_type_id: str = "eventTypeId"
    slug: str = "eventTypeSlug"
    username: str = "username"
    usernames: str = "usernames"
    organization: str = "organizationSlug"
    bad_range: str | None = None  # a version's own message for an end before the start


@dataclass(frozen=True, slots=True)
class SlotSearch:
    event: EventTypeRef
    start: str
    end: str
    time_zone: str | None = None  # None: UTC
    duration: int | None = None  # minutes; None: the event type's length
    holder: str | None = None  # the booker's own holds do not hide slots
    names: FieldNames = field(default_factory=FieldNames)


@dataclass(frozen=True, slots=True)
class HoldRequest:
    """POST/PATCH /v2/slots/reservations: a slot of an event type, held for some minutes."""

    event_type_id: int
    slot_start: datetime
    slot_duration: int | None = None  # None: the event type's length
    reservation_minutes: int | None = None  # None: MINUTES_TO_BOOK; else owner only


@dataclass(frozen=True, slots=True)
class LegacyHoldRequest:
    """POST /v2/slots/reserve: a slot given by its two instants."""

    event_type_id: int
    slot_start: datetime
    slot_end: datetime
    holder: str | None  # the booker's uid cookie, if any
    booking_uid: str | None = None  # accepted; seated bookings arrive with bookings


# --- outputs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FoundSlots:
    """Slots grouped by date (``YYYY-MM-DD`` in ``zone``), dates and slots in order."""

    zone: ZoneInfo
    by_date: dict[str, list[Slot]]
    seats_per_slot: int | None  # None: not a seated event


@dataclass(frozen=True, slots=True)
class HeldSlot:
    uid: str
    event_type_id: int
    slot_start: datetime
    slot_end: datetime
    reservation_minutes: int
    reserved_until: datetime

    @property
    def slot_minutes(self) -> int:
        return int((self.slot_end - self.slot_start) // timedelta(minutes=1))


# --- slots -----------------------------------------------------------------------------------


def find_slots(session: ReadSession, search: SlotSearch, *, now: datetime) -> FoundSlots:
    names = search.names
    problems: list[dict[str, str]] = []
    zone = _zone(search.time_zone, names.time_zone, problems)
    start = _bound(search.start, names.start, zone, problems)
    end = _bound(search.end, names.end, zone, problems)
    if problems or zone is None or start is None or end is None:
        raise Invalid.fields(problems)  # every None comes with its problem
    if end[0] < start[0]:
        message = f"must not be before {names.start}"
        if names.bad_range:
            raise Invalid(names.bad_range, details=[{"field": names.end, "message": message}])
        raise Invalid.field(names.end, message)

    event_type, owner = _event_type(session, search.event, names)
    length = _length(event_type, search.duration, names.duration)
    window = _clamped(start[0], end[1], now)
    if window is None:
        return FoundSlots(zone=zone, by_date={}, seats_per_slot=event_type.seats_per_slot)
    slots = _offered(
        session, event_type, owner, window, now=now, zone=zone, length=length, holder=search.holder
    )
    by_start = {slot.start: slot for slot in slots}
    by_date = {
        day: [by_start[start] for start in starts]
        for day, starts in by_local_date(by_start, zone).items()
    }
    return FoundSlots(zone=zone, by_date=by_date, seats_per_slot=event_type.seats_per_slot)


def parse_instant(raw: str) -> datetime | None:
    """A date-time (offset optional: none means UTC) as an aware UTC instant, or None."""
    parsed = _parse_bound(raw)
    return parsed if isinstance(parsed, datetime) else None


# --- reservations (2024-09-04) ----------------------------------------------------------------


def reserve(
    session: Session, request: HoldRequest, *, now: datetime, caller: User | None
) -> HeldSlot:
    """A new hold on an offered slot (409 when it is not offered: taken, held, off hours)."""
    repository.delete_expired(session, now=now)
    uid = str(uuid.uuid4())
    event_type, owner = _bookable(session, request.event_type_id)
    minutes = _reservation_minutes(request.reservation_minutes, event_type, caller)
    length = _length(event_type, request.slot_duration, "slotDuration")
    rows = _hold(
        session,
        event_type,
        owner,
        request.slot_start,
        length,
        now=now,
        uid=uid,
        holder=uid,
        minutes=minutes,
        created_at=now,
        start_field="slotStart",
    )
    return _held(rows)


def get_reservation(session: ReadSession, uid: str, *, now: datetime) -> HeldSlot:
    return _held(_live_rows(session, uid, now=now))


def update_reservation(
    session: Session, uid: str, request: HoldRequest, *, now: datetime, caller: User | None
) -> HeldSlot:
    """Moves or renews a hold: the new slot must be offered, the hold's own rows aside; the
    hold lasts ``reservationDuration`` (default 5) minutes from now."""
    repository.delete_expired(session, now=now)
    current = _live_rows(session, uid, now=now)
    event_type, owner = _bookable(session, request.event_type_id)
    minutes = _reservation_minutes(request.reservation_minutes, event_type, caller)
    length = _length(event_type, request.slot_duration, "slotDuration")
    rows = _hold(
        session,
        event_type,
        owner,
        request.slot_start,
        length,
        now=now,
        uid=uid,
        holder=current[0].holder,
        minutes=minutes,
        created_at=current[0].created_at,
        start_field="slotStart",
        replacing=current,
    )
    return _held(rows)


def delete_reservation(session: Session, uid: str, *, now: datetime) -> None:
    repository.delete_expired(session, now=now)
    _live_rows(session, uid, now=now)
    repository.delete_reservation(session, uid)


# --- reservations (legacy) --------------------------------------------------------------------


def legacy_holder(cookie: str | None) -> str:
    """The booker's hold identity: their ``uid`` cookie when it is a plausible token, else a
    new one (which the router sets as their cookie)."""
    if cookie is not None and _HOLDER.fullmatch(cookie):
        return cookie
    return str(uuid.uuid4())


def reserve_legacy(session: Session, request: LegacyHoldRequest, *, now: datetime) -> str:
    """Holds a slot for the booker and answers their holder uid; the same booker holding the
    same slot again renews the hold."""
    repository.delete_expired(session, now=now)
    holder = legacy_holder(request.holder)
    event_type, owner = _bookable(session, request.event_type_id)
    if request.slot_end <= request.slot_start:
        raise Invalid.field("slotUtcEndDate", "must be after slotUtcStartDate")
    length = request.slot_end - request.slot_start
    allowed = _allowed_lengths(event_type)
    if length % timedelta(minutes=1) or length // timedelta(minutes=1) not in allowed:
        raise Invalid.field(
            "slotUtcEndDate",
            "must be slotUtcStartDate plus one of the event type's durations "
            f"({_minutes_list(allowed)} minutes)",
        )
    earlier = repository.holds_of(
        session, holder, event_type.id, request.slot_start, request.slot_end
    )
    _hold(
        session,
        event_type,
        owner,
        request.slot_start,
        length,
        now=now,
        uid=str(uuid.uuid4()),
        holder=holder,
        minutes=MINUTES_TO_BOOK,
        created_at=now,
        start_field="slotUtcStartDate",
        replacing=earlier,
    )
    return holder


def release_legacy(session: Session, holder: str | None, *, now: datetime) -> None:
    """Drops every hold of a booker (``DELETE /v2/slots/selected-slot``); nothing to drop is
    not an error, as in Cal.com."""
    repository.delete_expired(session, now=now)
    if holder and _HOLDER.fullmatch(holder):
        repository.delete_held_by(session, holder)


# --- bookings --------------------------------------------------------------------------------


def bookable_slot(
    session: Session,
    event_type: EventType,
    owner: User,
    start: datetime,
    length: timedelta,
    *,
    now: datetime,
    holder: str | None = None,
    start_field: str = "start",
) -> Slot:
    """The slot a new booking takes, checked under the hosts' lock: the same engine and the
    same grid as a listing. A start that the event type never offers (past, inside the
    minimum notice, outside its hours, grid or booking window) is a 400; one it offers but
    that is taken, held by another booker, full or over a limit right now is a 409."""
    repository.lock_hosts(session, [owner.id])
    # Refused before any date arithmetic, which overflows near the calendar's edges.
    if start < now:
        raise Invalid.field(start_field, "is in the past")
    if start > _one_year_after(now):
        raise Invalid.field(start_field, "is more than a year ahead; slots are offered a year out")
    slot = _offered_slot(session, event_type, owner, start, length, now=now, holder=holder)
    if slot is not None:
        return slot
    if start + length > _one_year_after(now):
        raise Invalid.field(start_field, "is more than a year ahead; slots are offered a year out")
    notice = timedelta(minutes=event_type.minimum_booking_notice)
    if start < now + notice:
        raise Invalid.field(
            start_field,
            f"is inside the event type's minimum booking notice "
            f"({event_type.minimum_booking_notice} minutes)",
        )
    if _offered_slot(
        session, event_type, owner, start, length, now=now, holder=holder, unbooked=True
    ):
        if _seats_full(session, event_type, owner, start, length):
            raise Conflict(
                f"All {event_type.seats_per_slot} seats of the slot at {format_utc(start)} "
                "are taken",
                reason=SEATS_FULL,
            )
        raise Conflict(
            f"The slot at {format_utc(start)} is no longer available: it is booked, "
            "held by another booker, or a booking limit is reached",
            reason=SLOT_TAKEN,
        )
    raise Invalid.field(
        start_field,
        f"{format_utc(start)} is not a bookable slot of event type {event_type.id}: it is "
        "outside the host's hours, off the event's slot grid, or outside its booking window",
    )


def _seats_full(
    session: ReadSession, event_type: EventType, owner: User, start: datetime, length: timedelta
) -> bool:
    """Whether the slot is a seated booking of this event type with every seat taken."""
    if event_type.seats_per_slot is None:
        return False
    window = Interval(start, start + length)
    bookings = repository.blocking_bookings(
        session, [owner.id], window, margin=timedelta(), seated_event_type_id=event_type.id
    )
    return any(
        b.interval.start == start
        and b.event_type_id == event_type.id
        and b.attendees >= event_type.seats_per_slot
        for b in bookings[owner.id]
    )


def format_utc(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")


def event_type_and_host(
    session: ReadSession, ref: EventTypeRef, names: FieldNames | None = None
) -> tuple[EventType, User]:
    """The event type a booking names (by id, or by slug and username) and its host."""
    return _event_type(session, ref, names or FieldNames())


def allowed_length(event_type: EventType, minutes: int | None, field_name: str) -> timedelta:
    """The booked length: the event type's, or one of its options (else a 400)."""
    return _length(event_type, minutes, field_name)


def release_reservation(session: Session, uid: str) -> None:
    """A booking made with a held slot ends the hold."""
    if "\x00" not in uid and len(uid) <= UID_MAX_LENGTH:
        repository.delete_reservation(session, uid)


# --- private helpers -------------------------------------------------------------------------


def _zone(name: str | None, field_name: str, problems: list[dict[str, str]]) -> ZoneInfo | None:
    if name is None:
        return UTC_ZONE
    if "\x00" not in name and is_iana_time_zone(name):
        return ZoneInfo(name)
    problems.append(
        {"field": field_name, "message": "must be an IANA time zone such as Europe/London"}
    )
    return None


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


def _bound(
    raw: str, field_name: str, zone: ZoneInfo | None, problems: list[dict[str, str]]
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


def _midnight(day: date, zone: ZoneInfo, *, days_later: int) -> datetime:
    """00:00 in ``zone`` of the date ``days_later`` days after ``day``; past the calendar's
    edge, the earliest or latest instant there is (the window is open on that side)."""
    try:
        return local_instant(day + timedelta(days=days_later), time(0), zone)
    except OverflowError:
        return _EARLIEST if day.year == date.min.year else _LATEST


def _one_year_after(now: datetime) -> datetime:
    try:
        return now.replace(year=now.year + 1)
    except ValueError:  # 29 February
        return now.replace(year=now.year + 1, day=28)


def _clamped(start: datetime, end: datetime, now: datetime) -> Interval | None:
    """The window cut to [now, now + 1 year] (no slot is offered outside it, and no date
    arithmetic then reaches the calendar's edges); None when nothing is left of it."""
    start, end = max(start, now), min(end, _one_year_after(now))
    return Interval(start, end) if start < end else None


def _name(value: str | None) -> str | None:
    """A name from the query, stripped; None when left out or empty."""
    if value is None:
        return None
    return value.strip() or None


def _searchable(value: str) -> bool:
    """Whether a name could name anything (a NUL or a very long one cannot)."""
    return "\x00" not in value and len(value) <= _LOOKUP_MAX_LENGTH


def _event_type(
    session: ReadSession, ref: EventTypeRef, names: FieldNames
) -> tuple[EventType, User]:
    if ref.event_type_id is not None:
        return _bookable(session, ref.event_type_id)
    slug = _name(ref.slug)
    usernames = [name for name in map(_name, ref.usernames) if name is not None]
    if _name(ref.organization_slug) is not None:
        raise NotFound(f"Organization {ref.organization_slug} not found")
    if _name(ref.team_slug) is not None:
        raise NotFound(f"Team {ref.team_slug} not found")
    if slug is None:
        if len(usernames) > 1:
            raise Invalid.field(
                names.organization, f"is required with {names.usernames} (a dynamic group)"
            )
        raise Invalid.field(
            names.event_type_id,
            f"is required: give {names.event_type_id}, or {names.slug} with {names.username}",
        )
    if not usernames:
        raise Invalid.field(names.username, f"is required with {names.slug}")
    if len(usernames) > 1:
        raise Invalid.field(
            names.usernames,
            "must name one user: dynamic group events (several users) are not available yet",
        )
    username = usernames[0]
    if not _searchable(username):
        raise NotFound("User not found")
    owner = event_types.public_owner(session, username)
    if not _searchable(slug):
        raise NotFound(f"Event type of {owner.username} not found")
    return event_types.get_public_event_type(session, owner, slug), owner


def _bookable(session: ReadSession, event_type_id: int) -> tuple[EventType, User]:
    found = repository.get_event_type_and_host(session, event_type_id)
    if found is None:
        raise NotFound(f"Event type with id {event_type_id} not found")
    return found


def _allowed_lengths(event_type: EventType) -> list[int]:
    return sorted({event_type.length_in_minutes, *(event_type.length_in_minutes_options or [])})


def _minutes_list(lengths: Sequence[int]) -> str:
    return ", ".join(str(length) for length in lengths)


def _length(event_type: EventType, duration: int | None, field_name: str) -> timedelta:
    if duration is None:
        return timedelta(minutes=event_type.length_in_minutes)
    allowed = _allowed_lengths(event_type)
    if duration not in allowed:
        raise Invalid.field(
            field_name,
            f"must be one of the event type's durations: {_minutes_list(allowed)} minutes",
        )
    return timedelta(minutes=duration)


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


def _offered(
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
) -> list[Slot]:
    """The engine's slots for a personal event type's one host. ``every_first_slot``: for an
    event showing only each date's first slot, keep every slot instead (a hold does not know
    the booker's zone, so it cannot tell which slot was first of the booker's date).
    ``unbooked``: as if the host had no bookings, holds or limits (what the event type offers
    at all: a slot missing from that is a request that can never succeed)."""
    rules = event_types.event_rules(
        event_type, week_start=event_types.week_start_number(owner.week_start)
    )
    if every_first_slot:
        rules = replace(rules, only_first_slot_per_date=False)
    if unbooked:
        rules = replace(rules, count_limits={}, duration_limits={})
        return available_slots(
            rules,
            [Host(user_id=owner.id, schedule=_schedule(session, event_type, owner))],
            window,
            now=now,
            booker_zone=zone,
            duration=length,
        )
    host_ids = [owner.id]
    margin = max(rules.before_buffer, rules.after_buffer)
    bookings = repository.blocking_bookings(
        session,
        host_ids,
        window,
        margin=margin,
        seated_event_type_id=event_type.id if event_type.seats_per_slot is not None else None,
    )
    counted = (
        repository.counted_bookings(session, event_type.id, host_ids, window)
        if rules.count_limits or rules.duration_limits
        else {}
    )
    host = Host(
        user_id=owner.id,
        schedule=_schedule(session, event_type, owner),
        bookings=tuple(bookings.get(owner.id, ())),
        counted=tuple(counted.get(owner.id, ())),
    )
    holds = [
        Reservation(
            interval=Interval(row.slot_start, row.slot_end),
            holder=row.holder,
            # A seat hold takes a seat of its own event type; to any other event type of the
            # host it is the host being busy.
            seat=row.is_seat and row.event_type_id == event_type.id,
        )
        for row in repository.reservations_of_hosts(session, host_ids, window, now=now)
    ]
    return available_slots(
        rules,
        [host],
        window,
        now=now,
        booker_zone=zone,
        duration=length,
        reservations=holds,
        holder=holder,
    )


def _hold(
    session: Session,
    event_type: EventType,
    owner: User,
    start: datetime,
    length: timedelta,
    *,
    now: datetime,
    uid: str,
    holder: str,
    minutes: int,
    created_at: datetime,
    start_field: str,
    replacing: Sequence[SlotReservation] = (),
) -> list[SlotReservation]:
    """Checks under the hosts' lock that the slot is offered (the holder's own holds aside),
    then replaces ``replacing`` with the new hold's rows."""
    if start < now:
        raise Invalid.field(start_field, "is in the past")
    repository.lock_hosts(session, [owner.id])
    slot = _offered_slot(session, event_type, owner, start, length, now=now, holder=holder)
    if slot is None:
        raise Conflict(
            f"The slot at {start.isoformat()} of event type {event_type.id} "
            "is not available: it is taken, held by someone else, or not offered"
        )
    repository.delete_rows(session, replacing)
    rows = [
        SlotReservation(
            uid=uid,
            event_type_id=event_type.id,
            user_id=host_id,
            slot_start=slot.start,
            slot_end=slot.end,
            reserved_until=now + timedelta(minutes=minutes),
            reservation_minutes=minutes,
            holder=holder,
            is_seat=event_type.seats_per_slot is not None,
            created_at=created_at,
        )
        for host_id in slot.hosts
    ]
    repository.add_reservations(session, rows)
    return rows


def _offered_slot(
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
        window = _clamped(start - _ONE_DAY, start + length + _ONE_DAY, now)
    except OverflowError:
        window = None
    if window is None:
        return None
    offered = _offered(
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
    return next((s for s in offered if s.start == start and s.end == start + length), None)


def _reservation_minutes(requested: int | None, event_type: EventType, caller: User | None) -> int:
    """``reservationDuration`` is for the event type's owner, with their API key."""
    if requested is None:
        return MINUTES_TO_BOOK
    if caller is None:
        raise Unauthorized("reservationDuration can only be set with an API key")
    if caller.id != event_type.owner_id:
        raise Forbidden("Only the event type's owner may set reservationDuration")
    return requested


def _live_rows(session: ReadSession, uid: str, *, now: datetime) -> list[SlotReservation]:
    rows = (
        repository.reservation_rows(session, uid, now=now)
        if "\x00" not in uid and len(uid) <= UID_MAX_LENGTH
        else []
    )
    if not rows:
        raise NotFound(f"Reservation with uid {uid} not found")
    return rows


def _held(rows: Sequence[SlotReservation]) -> HeldSlot:
    first = rows[0]
    return HeldSlot(
        uid=first.uid,
        event_type_id=first.event_type_id,
        slot_start=first.slot_start,
        slot_end=first.slot_end,
        reservation_minutes=first.reservation_minutes,
        reserved_until=first.reserved_until,
    )
