"""What a booker sends with a booking, checked and normalized: the attendee, guests,
answers to the booking fields, metadata, location, free text and a reservation uid. Problems
name the domain's inputs (``attendee.time_zone``, ``length_in_minutes`` ...); each face renames
them (``errors.fields_named``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from email_validator import EmailNotValidError, validate_email

from slotwise.bookings.access import is_searchable
from slotwise.bookings.models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH
from slotwise.core.timezones import is_iana_time_zone
from slotwise.errors import Invalid
from slotwise.event_types.answers import (
    E164_PHONE,
    MAX_ANSWER_LENGTH,
    PHONE_MESSAGE,
    checked_answers,
)
from slotwise.event_types.models import EventType
from slotwise.users.service import (
    LOCALES,
    METADATA_MAX_KEY_LENGTH,
    METADATA_MAX_KEYS,
    METADATA_MAX_STRING_LENGTH,
)

MAX_GUESTS = 30
MAX_TEXT_LENGTH = MAX_ANSWER_LENGTH
MAX_LOCATION_LENGTH = 2048
# The keys of a location object (or an event type's location) that carry where.
_LOCATION_VALUES = ("address", "link", "phone", "location")
_EVENT_LOCATION_VALUES = ("address", "link", "phone")


@dataclass(frozen=True, slots=True)
class AttendeeInput:
    name: str
    email: str
    time_zone: str
    language: str | None = None
    phone_number: str | None = None
    time_format: int | None = None  # 12 or 24, the booker's choice; None: their language's


def checked_email(value: str, field_name: str) -> str:
    try:
        if len(value) > EMAIL_MAX_LENGTH:
            raise EmailNotValidError("too long")
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid.field(field_name, f"is not a valid email address ({exc})") from None


def optional_text(value: str | None, field_name: str) -> str | None:
    """A reason or note: stripped, None when blank."""
    if value is None:
        return None
    if len(value) > MAX_TEXT_LENGTH:
        raise Invalid.field(field_name, f"must be at most {MAX_TEXT_LENGTH} characters")
    return value.strip() or None


def reservation_holder(reservation_uid: str | None, field_name: str) -> str | None:
    if reservation_uid is None:
        return None
    if not is_searchable(reservation_uid):
        raise Invalid.field(field_name, "is not a reservation uid")
    return reservation_uid


def _name_problem(name: str) -> str | None:
    if not name:
        return "must not be empty"
    if len(name) > NAME_MAX_LENGTH:
        return f"must be at most {NAME_MAX_LENGTH} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        # A line break in a name would end up in email headers (the title, To:).
        return "must not contain control characters"
    return None


def _setting_problems(attendee: AttendeeInput) -> list[dict[str, str]]:
    """The attendee's zone, language and phone number."""
    checks = (
        (
            "attendee.time_zone",
            None
            if is_iana_time_zone(attendee.time_zone)
            else "must be an IANA time zone such as Europe/London",
        ),
        (
            "attendee.language",
            None
            if attendee.language is None or attendee.language in LOCALES
            else "must be a supported locale such as en, de or pt-BR",
        ),
        (
            "attendee.phone_number",
            None
            if attendee.phone_number is None or E164_PHONE.fullmatch(attendee.phone_number)
            else PHONE_MESSAGE,
        ),
    )
    return [{"field": field, "message": message} for field, message in checks if message]


def checked_attendee(attendee: AttendeeInput) -> AttendeeInput:
    """The attendee with a stripped name and a normalized email; one 400 names every
    bad input."""
    problems: list[dict[str, str]] = []
    name = attendee.name.strip()
    name_problem = _name_problem(name)
    if name_problem:
        problems.append({"field": "attendee.name", "message": name_problem})
    email = attendee.email
    try:
        email = checked_email(attendee.email, "attendee.email")
    except Invalid as exc:
        problems.extend(exc.details or [])
    problems += _setting_problems(attendee)
    if problems:
        raise Invalid.fields(problems)
    return replace(attendee, name=name, email=email)


def checked_guests(event_type: EventType, guests: Sequence[str], field_name: str) -> list[str]:
    """The guests' emails, normalized, each once."""
    if not guests:
        return []
    if event_type.disable_guests:
        raise Invalid.field(field_name, "are not allowed by this event type")
    if len(guests) > MAX_GUESTS:
        raise Invalid.field(field_name, f"may list at most {MAX_GUESTS} guests")
    checked: list[str] = []
    for index, guest in enumerate(guests):
        email = checked_email(guest, f"{field_name}[{index}]")
        if email not in checked:
            checked.append(email)
    return checked


def checked_metadata(metadata: Mapping[str, Any], field_name: str) -> dict[str, Any]:
    if len(metadata) > METADATA_MAX_KEYS:
        raise Invalid.field(field_name, f"may hold at most {METADATA_MAX_KEYS} keys")
    for key, value in metadata.items():
        if len(key) > METADATA_MAX_KEY_LENGTH:
            raise Invalid.field(
                field_name, f"keys must be at most {METADATA_MAX_KEY_LENGTH} characters"
            )
        if isinstance(value, str) and len(value) > METADATA_MAX_STRING_LENGTH:
            raise Invalid.field(
                f"{field_name}.{key}", f"must be at most {METADATA_MAX_STRING_LENGTH} characters"
            )
        if not isinstance(value, str | int | float | bool) or value is None:
            raise Invalid.field(f"{field_name}.{key}", "must be a string, a number or a boolean")
    return dict(metadata)


def checked_responses(
    event_type: EventType, responses: Mapping[str, Any], prefix: str
) -> dict[str, Any]:
    """The answers to the event type's booking fields (``event_types.answers``), each
    problem named ``<prefix>.<booking field>``."""
    answers, problems = checked_answers(event_type.booking_fields or [], responses)
    if problems:
        raise Invalid.fields(
            [{"field": f"{prefix}.{p.field}", "message": p.message} for p in problems]
        )
    return answers


def booking_location(
    event_type: EventType | None, given: str | Mapping[str, Any] | None, field_name: str
) -> str | None:
    """What the booking says about where: a plain string as sent, or the value of a location
    object (address, link, phone, integration), else the event type's first location."""
    if isinstance(given, str):
        text = given.strip()
        if len(text) > MAX_LOCATION_LENGTH:
            raise Invalid.field(field_name, f"must be at most {MAX_LOCATION_LENGTH} characters")
        return text or None
    if given is not None:
        return _location_of_object(given, field_name)
    return _event_type_location(event_type) if event_type is not None else None


def _location_of_object(given: Mapping[str, Any], field_name: str) -> str:
    for key in _LOCATION_VALUES:
        value = given.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:MAX_LOCATION_LENGTH]
    if given.get("type") == "integration" and isinstance(given.get("integration"), str):
        return f"integrations:{given['integration']}"
    raise Invalid.field(field_name, "must name an address, a link, a phone or an integration")


def _event_type_location(event_type: EventType) -> str | None:
    """The event type's first location that says where."""
    for location in event_type.locations or []:
        for key in _EVENT_LOCATION_VALUES:
            value = location.get(key)
            if isinstance(value, str) and value:
                return value
        if location.get("type") == "integration" and location.get("integration"):
            return f"integrations:{location['integration']}"
    return None
