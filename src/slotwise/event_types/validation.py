"""What an event type may hold: each setting's default, bounds and normal form, and the
rules between settings. Problems name model attributes; one ``Invalid`` names every bad one."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from slotwise.core.booking_window import LimitUnit
from slotwise.errors import Invalid
from slotwise.event_types import booking_fields, locations, payment_settings
from slotwise.event_types.models import PeriodType
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
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
HTTP_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
LIMIT_UNITS = tuple(unit.value for unit in LimitUnit)  # PER_DAY ... PER_YEAR, ascending


# A new event type's settings (spec/scheduling.md §15; Cal.com's create defaults).
_DEFAULTS: dict[str, Any] = {
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


def defaults() -> dict[str, Any]:
    """A new event type's settings: a fresh copy, so a caller may change its lists and dicts."""
    return copy.deepcopy(_DEFAULTS)


NULLABLE = frozenset(attribute for attribute, value in defaults().items() if value is None)


def checked(values: dict[str, Any], problems: list[dict[str, str]]) -> dict[str, Any]:
    """The given attributes, each checked and normalized on its own; raises one Invalid
    naming every bad field (``problems`` may already hold some)."""

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


def check_rules(state: Mapping[str, Any], changed: set[str]) -> None:
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
    if payment_settings.payment_settings(state["event_metadata"]) is not None:
        # A seat or an occurrence would each need a payment of its own: not supported yet.
        if seated:
            bad(("event_metadata", "seats_per_slot"), "a seated event cannot take payments")
        if state["recurrence"]:
            bad(("event_metadata", "recurrence"), "a recurring event cannot take payments")
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


class _Problem:
    def __init__(self, message: str) -> None:
        self.message = message


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def normalized_slug(value: str | None) -> str | None:
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
    slug = normalized_slug(value) or ""
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


def _metadata(value: Any) -> Any:
    problem = payment_settings.metadata_problem(value)
    return _Problem(problem) if problem else dict(value)


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
    "event_metadata": _metadata,
}
