"""The rules for event types: what one may hold, who may read or change it, and how its
settings become the engine's ``EventRules``.

Operations take typed commands (``commands.py``; each face builds them from its own input)
and validate the whole change before anything is written: one error names every bad
attribute; each face renames them to its own fields (``errors.fields_named``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.busy import service as busy
from slotwise.core.availability import EventRules
from slotwise.core.booking_window import BookingWindow, LimitUnit
from slotwise.core.booking_window import PeriodType as WindowPeriod
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types import repository, team_repository
from slotwise.event_types.commands import EventTypeChanges, NewEventType
from slotwise.event_types.models import EventType
from slotwise.event_types.repository import SortOrder
from slotwise.event_types.validation import (  # MAX_LENGTH_MINUTES: re-exported for bookings
    MAX_LENGTH_MINUTES as MAX_LENGTH_MINUTES,
)
from slotwise.event_types.validation import check_rules, checked, defaults, normalized_slug
from slotwise.schedules import repository as schedules_repository
from slotwise.schedules.models import Schedule
from slotwise.users import repository as users_repository
from slotwise.users.models import User

MAX_USERNAMES = 50  # one ?usernames= query
WEEKDAY_NUMBERS = {
    "Sunday": 0, "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5,
    "Saturday": 6,
}  # fmt: skip
REQUIRED = ("title", "slug", "length_in_minutes")
SETTABLE = frozenset(defaults()) | frozenset(REQUIRED)


# --- operations --------------------------------------------------------------------------------


def create_event_type(
    session: Session, owner: User, new: NewEventType, *, now: datetime
) -> EventType:
    """A new personal event type of ``owner``; what ``new`` leaves UNSET takes its default."""
    values = new.given()
    problems: list[dict[str, str]] = []
    for required in REQUIRED:
        if values.get(required) is None:
            problems.append({"field": required, "message": "is required"})
    clean = checked(values, problems)
    state = {**defaults(), **clean}
    check_rules(state, set(clean))
    _check_references(session, owner.id, state, set(clean), event_type_id=None)
    event_type = EventType(owner_id=owner.id, created_at=now, position=0, **state)
    session.add(event_type)
    _flush_unique(session)
    return event_type


def update_event_type(
    session: Session,
    actor: User,
    event_type_id: int,
    changes: EventTypeChanges,
) -> EventType:
    """Apply a partial change: what ``changes`` leaves UNSET keeps its value."""
    event_type = get_event_type(session, actor, event_type_id)
    clean = checked(changes.given(), [])
    if event_type.parent_id is not None:  # a MANAGED child: only unlocked settings
        _check_unlocked(session, event_type.parent_id, clean)
    return apply_changes(session, event_type, clean)


def apply_changes(session: Session, event_type: EventType, clean: dict[str, Any]) -> EventType:
    """Writes checked changes (``checked``'s output) after the rules between settings."""
    state = {attribute: getattr(event_type, attribute) for attribute in SETTABLE} | clean
    check_rules(state, set(clean))
    _check_references(session, event_type.owner_id, state, set(clean), event_type.id)
    old_buffers = buffers_of(event_type)
    if _buffers_of_state(state) != old_buffers:
        lock_hosts(session, event_type)  # before the event type's row: bookings' order
    for attribute, value in clean.items():
        setattr(event_type, attribute, value)
    _flush_unique(session)
    follow_buffers(session, event_type, old_buffers)
    return event_type


# --- buffers: bookings block with their event type's buffers as they are now (Cal.com) -----


def buffers_of(event_type: EventType) -> tuple[int, int]:
    return event_type.before_event_buffer, event_type.after_event_buffer


def _buffers_of_state(state: Mapping[str, Any]) -> tuple[int, int]:
    return state["before_event_buffer"], state["after_event_buffer"]


def lock_hosts(session: Session, event_type: EventType) -> None:
    """The locks a booking of the event type is checked under (its owner, or its team's
    hosts): a buffer change waits for a booking being checked, and the other way round."""
    if event_type.owner_id is not None:
        users_repository.lock(session, [event_type.owner_id])
    else:
        hosts = team_repository.hosts_of(session, [event_type.id])[event_type.id]
        users_repository.lock(session, [host.user_id for host in hosts])


def follow_buffers(session: Session, event_type: EventType, old: tuple[int, int]) -> None:
    """When the buffers changed, the event type's bookings block with the new ones from
    now on (their hosts are locked: ``lock_hosts``)."""
    before, after = buffers_of(event_type)
    if (before, after) != old:
        busy.follow_buffers(
            session, event_type.id, before=timedelta(minutes=before), after=timedelta(minutes=after)
        )


def forget_buffers(session: Session, event_type: EventType) -> None:
    """The event type is being deleted: its bookings keep blocking their hosts, with no
    buffers (Cal.com's booking without an event type has none)."""
    lock_hosts(session, event_type)
    busy.follow_buffers(session, event_type.id, before=timedelta(0), after=timedelta(0))


def _check_unlocked(session: ReadSession, parent_id: int, clean: Mapping[str, Any]) -> None:
    """A managed event type's child may change only what its parent unlocked."""
    parent = session.get(EventType, parent_id)
    unlocked = set((parent.unlocked_fields if parent is not None else None) or [])
    locked = sorted(attribute for attribute in clean if attribute not in unlocked)
    if locked:
        raise Invalid.fields(
            [{"field": attribute, "message": "is locked by the team's managed event type"}
             for attribute in locked]
        )  # fmt: skip


def get_event_type(session: ReadSession, actor: User, event_type_id: int) -> EventType:
    """The caller's own event type; someone else's is as unknown as a missing one (404)."""
    event_type = repository.get_readable(session, actor, event_type_id)
    if event_type is None:
        raise NotFound(f"Event type with id {event_type_id} not found")
    return event_type


def list_event_types(
    session: ReadSession,
    actor: User,
    *,
    slug: str | None = None,
    sort_created_at: SortOrder | None = None,
) -> list[EventType]:
    return repository.list_readable(
        session, actor, slug=normalized_slug(slug), sort_created_at=sort_created_at
    )


def delete_event_type(session: Session, actor: User, event_type_id: int) -> EventType:
    """Deletes the caller's event type and returns it (its fields stay readable)."""
    event_type = get_event_type(session, actor, event_type_id)
    forget_buffers(session, event_type)
    session.delete(event_type)
    session.flush()
    return event_type


def public_owner(session: ReadSession, username: str) -> User:
    """The user whose booking page ``username`` names (404 when there is none)."""
    user = users_repository.get_by_username(session, username)
    if user is None:
        raise NotFound(f"User with username {username} not found")
    return user


def public_owners(session: ReadSession, usernames: list[str]) -> list[User]:
    """The users these usernames name, each once, in order (404 naming the first unknown)."""
    if len(usernames) > MAX_USERNAMES:
        raise Invalid.field("usernames", f"may name at most {MAX_USERNAMES} users")
    owners: dict[int, User] = {}
    for username in usernames:
        owner = public_owner(session, username)
        owners.setdefault(owner.id, owner)
    return list(owners.values())


def list_public_event_types(
    session: ReadSession,
    owners: list[User],
    *,
    slug: str | None = None,
    sort_created_at: SortOrder | None = None,
) -> list[EventType]:
    """What anyone may see of these users: their event types that are not hidden, or the one
    with ``slug`` (hidden or not: a hidden event type is bookable through its link)."""
    owner_ids = [owner.id for owner in owners]
    return repository.list_public(
        session, owner_ids, slug=normalized_slug(slug), sort_created_at=sort_created_at
    )


def get_public_event_type(session: ReadSession, owner: User, slug: str) -> EventType:
    found = list_public_event_types(session, [owner], slug=slug)
    if not found:
        raise NotFound(f"Event type {slug} of {owner.username} not found")
    return found[0]


def booking_schedule(session: ReadSession, event_type: EventType, owner: User) -> Schedule | None:
    """The schedule slots come from: the event type's own, else the owner's default."""
    schedule_id = event_type.schedule_id or owner.default_schedule_id
    if schedule_id is None:
        return None
    return schedules_repository.find_of_user(session, owner.id, schedule_id)


def create_personal_event_type(
    session: Session,
    owner: User,
    *,
    title: str,
    slug: str,
    length_in_minutes: int,
    now: datetime,
    description: str | None = None,
) -> EventType:
    """A personal event type with every other setting at its default (demo data)."""
    new = NewEventType(
        title=title, slug=slug, length_in_minutes=length_in_minutes, description=description
    )
    return create_event_type(session, owner, new, now=now)


# --- for the engine ------------------------------------------------------------------------


def event_rules(event_type: EventType, *, week_start: int = 0) -> EventRules:
    """What the engine needs of an event type (pure: reads only the given row).

    ``week_start`` (0 = Sunday ... 6 = Saturday) is where weekly limits begin; Cal.com counts
    weeks from Sunday whatever the owner's weekStart (``week_start_number`` converts one).
    """
    return EventRules(
        length=timedelta(minutes=event_type.length_in_minutes),
        slot_interval=(
            timedelta(minutes=event_type.slot_interval) if event_type.slot_interval else None
        ),
        minimum_notice=timedelta(minutes=event_type.minimum_booking_notice),
        before_buffer=timedelta(minutes=event_type.before_event_buffer),
        after_buffer=timedelta(minutes=event_type.after_event_buffer),
        offset_start=timedelta(minutes=event_type.offset_start),
        booking_window=booking_window(event_type),
        time_zone=event_type.time_zone,
        count_limits=_limits(event_type.booking_limits_count),
        duration_limits=_limits(event_type.booking_limits_duration),
        only_first_slot_per_date=event_type.only_show_first_available_slot,
        seats_per_slot=event_type.seats_per_slot,
        event_type_id=event_type.id,
        week_start=week_start,
    )


def booking_window(event_type: EventType) -> BookingWindow:
    period = WindowPeriod(event_type.period_type)
    calendar_days = event_type.period_count_calendar_days
    return BookingWindow(
        period_type=period,
        days=event_type.period_days,
        calendar_days=True if calendar_days is None else calendar_days,
        range_start=event_type.period_start_date,
        range_end=event_type.period_end_date,
    )


def week_start_number(week_start: str) -> int:
    """A user's weekStart ("Monday" ...) as EventRules.week_start (0 = Sunday)."""
    return WEEKDAY_NUMBERS.get(week_start, 0)


def _limits(stored: Mapping[str, int] | None) -> dict[LimitUnit, int]:
    return {LimitUnit(unit): int(value) for unit, value in (stored or {}).items()}


# --- checks against stored rows --------------------------------------------------------------


def _check_references(
    session: ReadSession,
    owner_id: int,
    state: Mapping[str, Any],
    changed: set[str],
    event_type_id: int | None,
) -> None:
    schedule_id = state["schedule_id"]
    if (
        "schedule_id" in changed
        and schedule_id is not None
        and schedules_repository.find_of_user(session, owner_id, schedule_id) is None
    ):
        raise NotFound(f"Schedule with id {schedule_id} not found")
    if ("slug" in changed or event_type_id is None) and repository.slug_taken(
        session, owner_id, state["slug"], except_id=event_type_id
    ):
        raise Conflict(f"You already have an event type with the slug {state['slug']}")


def _flush_unique(session: Session) -> None:
    """Flush; a duplicate slug that slipped past the check (a race) becomes a 409."""
    try:
        session.flush()
    except IntegrityError as exc:
        if "slug" not in str(exc.orig):
            raise
        raise Conflict("You already have an event type with this slug") from exc
