"""The rules for event types: what one may hold, who may read or change it, and how its
settings become the engine's ``EventRules``.

Operations take model attributes (the schemas translate each API version's fields into them)
and validate the whole change before anything is written: one error names every bad
attribute; each face renames them to its own fields (``errors.fields_named``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.core.availability import EventRules
from slotwise.core.booking_window import BookingWindow, LimitUnit
from slotwise.core.booking_window import PeriodType as WindowPeriod
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Invalid, NotFound
from slotwise.event_types import booking_fields, locations, repository
from slotwise.event_types.models import EventType, PeriodType
from slotwise.event_types.repository import SortOrder
from slotwise.schedules import repository as schedules_repository
from slotwise.schedules.models import Schedule
from slotwise.users import repository as users_repository
from slotwise.users.models import User
from slotwise.users.service import LOCALES

TITLE_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 10_000
CUSTOM_NAME_MAX_LENGTH = 500
URL_MAX_LENGTH = 2048
# Sanity bounds: an event lasts at most 31 days; notice, buffers and intervals reach at most
# ten years ahead. They keep every value far inside the database's 32-bit integers.
MAX_LENGTH_MINUTES = 31 * 24 * 60
MAX_MINUTES = 10 * 366 * 24 * 60
MAX_USERNAMES = 50  # one ?usernames= query
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
LIMIT_UNITS = tuple(unit.value for unit in LimitUnit)  # PER_DAY ... PER_YEAR, ascending
WEEKDAY_NUMBERS = {
    "Sunday": 0, "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5,
    "Saturday": 6,
}  # fmt: skip


def defaults() -> dict[str, Any]:
    """A new event type's settings (spec/scheduling.md §15; Cal.com's create defaults)."""
    return {
        "description": None,
        "hidden": False,
        "length_in_minutes_options": None,
        "slot_interval": None,
        "minimum_booking_notice": 120,
        "before_event_buffer": 0,
        "after_event_buffer": 0,
        "offset_start": 0,
        "only_show_first_available_slot": False,
        "schedule_id": None,  # the owner's default schedule
        "time_zone": None,
        "period_type": PeriodType.UNLIMITED.value,
        "period_days": None,
        "period_count_calendar_days": None,
        "period_start_date": None,
        "period_end_date": None,
        "booking_limits_count": {},
        "booking_limits_duration": {},
        "max_active_bookings_per_booker": None,
        "max_active_bookings_offer_reschedule": False,
        "seats_per_slot": None,
        "seats_show_attendees": False,
        "seats_show_availability_count": True,
        "requires_confirmation": False,
        "requires_confirmation_will_block_slot": False,
        "requires_confirmation_threshold": None,
        "recurrence": None,
        "locations": [dict(locations.CAL_VIDEO)],
        "booking_fields": booking_fields.default_booking_fields(),
        "disable_guests": False,
        "lock_time_zone_toggle": False,
        "requires_booker_email_verification": False,
        "booking_requires_authentication": False,
        "booker_layouts": None,
        "color": None,
        "interface_language": None,
        "show_optimized_slots": False,
        "success_redirect_url": None,
        "forward_params_success_redirect": True,
        "custom_name": None,
        "hide_calendar_notes": False,
        "hide_calendar_event_details": False,
        "hide_organizer_email": False,
        "use_destination_calendar_email": False,
        "destination_calendar": None,
        "cal_video_settings": None,
        "disable_cancelling": False,
        "disable_rescheduling": False,
        "minimum_reschedule_notice": None,
        "allow_rescheduling_past_bookings": False,
        "allow_rescheduling_cancelled_bookings": False,
        "event_metadata": {},
    }


REQUIRED = ("title", "slug", "length_in_minutes")
SETTABLE = frozenset(defaults()) | frozenset(REQUIRED)
NULLABLE = frozenset(attribute for attribute, value in defaults().items() if value is None)


# --- operations --------------------------------------------------------------------------------


def create_event_type(
    session: Session,
    owner: User,
    values: Mapping[str, Any],
    *,
    now: datetime,
) -> EventType:
    """A new personal event type of ``owner``; title, slug and length are required."""
    problems: list[dict[str, str]] = []
    for required in REQUIRED:
        if values.get(required) is None:
            problems.append({"field": required, "message": "is required"})
    clean = _validated(dict(values), problems)
    state = {**defaults(), **clean}
    _check_rules(state, set(clean))
    _check_references(session, owner.id, state, set(clean), event_type_id=None)
    event_type = EventType(owner_id=owner.id, created_at=now, position=0, **state)
    session.add(event_type)
    _flush_unique(session)
    return event_type


def update_event_type(
    session: Session,
    actor: User,
    event_type_id: int,
    changes: Mapping[str, Any],
) -> EventType:
    """Apply a partial change: fields not in ``changes`` keep their values."""
    event_type = get_event_type(session, actor, event_type_id)
    clean = _validated(dict(changes), [])
    state = {attribute: getattr(event_type, attribute) for attribute in SETTABLE} | clean
    _check_rules(state, set(clean))
    _check_references(session, event_type.owner_id, state, set(clean), event_type.id)
    for attribute, value in clean.items():
        setattr(event_type, attribute, value)
    _flush_unique(session)
    return event_type


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
        session, actor, slug=_normalized_slug(slug), sort_created_at=sort_created_at
    )


def delete_event_type(session: Session, actor: User, event_type_id: int) -> EventType:
    """Deletes the caller's event type and returns it (its fields stay readable)."""
    event_type = get_event_type(session, actor, event_type_id)
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
        session, owner_ids, slug=_normalized_slug(slug), sort_created_at=sort_created_at
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
    values = {"title": title, "slug": slug, "length_in_minutes": length_in_minutes}
    if description is not None:
        values["description"] = description
    return create_event_type(session, owner, values, now=now)


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


# --- validation ----------------------------------------------------------------------------


def _validated(values: dict[str, Any], problems: list[dict[str, str]]) -> dict[str, Any]:
    """Checks and normalizes each attribute on its own; raises one Invalid naming every bad
    field (``problems`` may already hold some)."""
    unknown = set(values) - SETTABLE
    if unknown:  # a programming error in a caller, not user input
        raise ValueError(f"unknown event type attributes: {sorted(unknown)}")

    def bad(attribute: str, message: str) -> None:
        if all(problem["field"] != attribute for problem in problems):
            problems.append({"field": attribute, "message": message})

    for attribute, value in list(values.items()):
        if value is None:
            if attribute not in NULLABLE:
                bad(attribute, "must not be null")
            continue
        check = _CHECKS.get(attribute)
        if check is None:
            continue
        outcome = check(value)
        if isinstance(outcome, _Problem):
            bad(attribute, outcome.message)
        else:
            values[attribute] = outcome
    for location in values.get("locations") or ():
        if location.get("type") == "integration":
            problem = locations.integration_problem(str(location.get("integration")))
            if problem:
                bad("locations", problem)
    if problems:
        raise Invalid.fields(problems)
    return values


def _check_rules(state: Mapping[str, Any], changed: set[str]) -> None:
    """Rules between fields, on the event type as it would be after the change."""
    problems: list[dict[str, str]] = []

    def bad(attributes: tuple[str, ...], message: str) -> None:
        # Name the fields this request sent (an other one was already stored).
        sent = [a for a in attributes if a in changed] or [attributes[0]]
        for attribute in sent:
            problems.append({"field": attribute, "message": message})

    options = state["length_in_minutes_options"]
    if options:
        if len(set(options)) != len(options):
            bad(("length_in_minutes_options",), "must not list a duration twice")
        if state["length_in_minutes"] not in options:
            bad(
                ("length_in_minutes_options", "length_in_minutes"),
                f"the duration options {sorted(options)} must include the event's length "
                f"({state['length_in_minutes']} minutes)",
            )
    for attribute in ("booking_limits_count", "booking_limits_duration"):
        message = _limits_problem(state[attribute])
        if message:
            bad((attribute,), message)
    seated = state["seats_per_slot"] is not None
    if seated and state["requires_confirmation"]:
        bad(
            ("seats_per_slot", "requires_confirmation"),
            "a seated event cannot require confirmation (seats and confirmationPolicy are "
            "incompatible)",
        )
    if seated and state["recurrence"]:
        bad(("seats_per_slot", "recurrence"), "a seated event cannot be recurring")
    if state["recurrence"] and state["max_active_bookings_per_booker"] is not None:
        bad(
            ("recurrence", "max_active_bookings_per_booker"),
            "a recurring event cannot limit each booker's active bookings",
        )
    message = _window_problem(state)
    if message:
        bad(("period_type",), message)
    if problems:
        raise Invalid.fields(problems)


def _limits_problem(limits: Mapping[str, Any]) -> str | None:
    present = [(unit, limits[unit]) for unit in LIMIT_UNITS if unit in limits]
    for unit, value in present:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"{unit} must be a whole number of at least 1"
    for (smaller, low), (larger, high) in zip(present, present[1:], strict=False):
        if high < low:
            return (
                f"limits must not shrink from day to year (day <= week <= month <= year): "
                f"{_unit_word(larger)} {high} is below {_unit_word(smaller)} {low}"
            )
    return None


def _unit_word(unit: str) -> str:
    return unit.removeprefix("PER_").lower()


def _window_problem(state: Mapping[str, Any]) -> str | None:
    period = state["period_type"]
    if period in (PeriodType.ROLLING, PeriodType.ROLLING_WINDOW):
        if state["period_days"] is None:
            return "a rolling window needs a number of days"
    elif period == PeriodType.RANGE:
        start, end = state["period_start_date"], state["period_end_date"]
        if not isinstance(start, date) or not isinstance(end, date):
            return "a range needs a start and an end date"
        if end < start:
            return f"the range ends ({end}) before it starts ({start})"
    elif period != PeriodType.UNLIMITED:
        return "must be businessDays, calendarDays, range or disabled"
    return None


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


class _Problem:
    def __init__(self, message: str) -> None:
        self.message = message


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _normalized_slug(value: str | None) -> str | None:
    return None if value is None else value.strip().lower()


def _title(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    value = value.strip()
    if not value:
        return _Problem("must not be empty")
    if len(value) > TITLE_MAX_LENGTH:
        return _Problem(f"must be at most {TITLE_MAX_LENGTH} characters")
    return value


def _slug(value: Any) -> Any:
    if not isinstance(value, str):
        return _Problem("must be a string")
    slug = _normalized_slug(value) or ""
    if len(slug) > SLUG_MAX_LENGTH:
        return _Problem(f"must be at most {SLUG_MAX_LENGTH} characters")
    if not SLUG.match(slug):
        return _Problem(
            "must be URL-safe: letters and digits, with single - or _ between them "
            "(e.g. intro-call)"
        )
    return slug


def _optional_text(max_length: int) -> Any:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return _Problem("must be a string")
        if len(value) > max_length:
            return _Problem(f"must be at most {max_length} characters")
        return value

    return check


def _custom_name(value: Any) -> Any:
    outcome = _optional_text(CUSTOM_NAME_MAX_LENGTH)(value)
    if isinstance(outcome, str):
        return outcome.strip() or None
    return outcome


def _minutes(minimum: int, maximum: int) -> Any:
    def check(value: Any) -> Any:
        if not _is_int(value) or not minimum <= value <= maximum:
            return _Problem(f"must be a whole number of minutes from {minimum} to {maximum}")
        return value

    return check


def _slot_interval(value: Any) -> Any:
    """0 means "the booked length", as Cal.com reads a falsy slotInterval."""
    outcome = _minutes(0, MAX_MINUTES)(value)
    if isinstance(outcome, _Problem):
        return outcome
    return outcome or None


def _length_options(value: Any) -> Any:
    if not isinstance(value, list) or not all(
        _is_int(option) and 1 <= option <= MAX_LENGTH_MINUTES for option in value
    ):
        return _Problem(f"must be whole numbers of minutes from 1 to {MAX_LENGTH_MINUTES}")
    return list(value) or None


def _url(value: Any) -> Any:
    if not isinstance(value, str) or not HTTP_URL.match(value):
        return _Problem("must be an http(s) URL")
    if len(value) > URL_MAX_LENGTH:
        return _Problem(f"must be at most {URL_MAX_LENGTH} characters")
    return value


def _interface_language(value: Any) -> Any:
    if value == "":
        return value  # the visitor's browser language
    if value in LOCALES:
        return value
    return _Problem("must be a supported locale (e.g. en, de, pt-BR) or empty")


_CHECKS: dict[str, Any] = {
    "title": _title,
    "slug": _slug,
    "description": _optional_text(DESCRIPTION_MAX_LENGTH),
    "custom_name": _custom_name,
    "length_in_minutes": _minutes(1, MAX_LENGTH_MINUTES),
    "length_in_minutes_options": _length_options,
    "slot_interval": _slot_interval,
    "minimum_booking_notice": _minutes(0, MAX_MINUTES),
    "before_event_buffer": _minutes(0, MAX_MINUTES),
    "after_event_buffer": _minutes(0, MAX_MINUTES),
    "offset_start": _minutes(0, MAX_MINUTES),
    "minimum_reschedule_notice": _minutes(1, MAX_MINUTES),
    "success_redirect_url": _url,
    "interface_language": _interface_language,
}
