"""The booking form of an event type: which inputs it shows, and how a posted form becomes
the answers the booking use cases check (they hold the rules; this only reads HTML form
values into the types they expect).

Form names: the attendee's ``name`` and ``email``, ``guests`` (emails separated by commas,
spaces or new lines), ``location`` (the index of the event type's location when there are
several) with ``location_value`` (what the booker types for a location they give), and each
booking field by its own name. Hidden fields and Cal.com's server-filled ``title`` are not
shown; ``rescheduleReason`` only when rescheduling.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from slotwise.event_types import booking_fields
from slotwise.event_types.locations import INTEGRATION_NAMES
from slotwise.event_types.models import EventType

# Cal.com's labels for system fields that have none of their own.
SYSTEM_LABELS = {
    "name": "Your name",
    "email": "Email address",
    "notes": "Additional notes",
    "guests": "Guests",
    "rescheduleReason": "Reason for rescheduling",
    "location": "Location",
}
_LIST_SEPARATORS = re.compile(r"[\s,;]+")
# Keys the bookings service reads from a location the booker gives.
_ATTENDEE_LOCATION_KEYS = {
    "attendeeAddress": "address",
    "attendeePhone": "phone",
    "attendeeDefined": "location",
}
_NOT_ANSWERS = frozenset({"name", "email", "guests", "location", "title"})


@dataclass(frozen=True, slots=True)
class FormInput:
    """One input of the rendered form."""

    name: str
    type: str  # the booking field's type (name, email, text, textarea, select, ...)
    label: str
    required: bool
    placeholder: str = ""
    options: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LocationChoice:
    index: int
    label: str
    asks: str | None  # "address", "phone", "location": the booker types it; None: fixed


@dataclass(frozen=True, slots=True)
class PostedForm:
    """A posted form, read: what goes to the service, plus problems found while reading."""

    name: str
    email: str
    guests: tuple[str, ...]
    responses: dict[str, Any]
    location: Mapping[str, Any] | None
    problems: list[dict[str, str]]


def form_inputs(event_type: EventType, *, rescheduling: bool = False) -> list[FormInput]:
    """The inputs a booker fills in, in the event type's order."""
    fields = booking_fields.with_required_fields(event_type.booking_fields or [])
    return [
        _form_input(spec)
        for spec in booking_fields.visible(fields)
        if _asked(str(spec.get("name")), event_type, rescheduling=rescheduling)
    ]


def _asked(name: str, event_type: EventType, *, rescheduling: bool) -> bool:
    """Whether the form asks for this field: a reschedule asks only its reason (it keeps the
    booking's answers); a booking asks every field but the server-filled title, the location
    (a control of its own), the reschedule reason, and guests when the event type takes none."""
    if rescheduling:
        return name == "rescheduleReason"
    if name in ("title", "location", "rescheduleReason"):
        return False
    return not (name == "guests" and event_type.disable_guests)


def _form_input(spec: Mapping[str, Any]) -> FormInput:
    name = str(spec.get("name"))
    label = spec.get("label") or SYSTEM_LABELS.get(name) or name
    return FormInput(
        name=name,
        type=str(spec.get("type") or "text"),
        label=str(label),
        required=bool(spec.get("required")),
        placeholder=str(spec.get("placeholder") or ""),
        options=[
            {"label": str(o.get("label") or o.get("value")), "value": str(o.get("value"))}
            for o in spec.get("options") or []
            if isinstance(o, dict)
        ],
    )


def location_choices(event_type: EventType) -> list[LocationChoice]:
    choices = []
    for index, location in enumerate(event_type.locations or []):
        label, asks = location_label(location)
        choices.append(LocationChoice(index=index, label=label, asks=asks))
    return choices


def location_label(location: Mapping[str, Any]) -> tuple[str, str | None]:
    """What a booker reads about a location before booking (private details left out)."""
    kind = location.get("type")
    public = bool(location.get("public"))
    if kind == "address":
        return (f"In person: {location.get('address')}" if public else "In person"), None
    if kind == "link":
        return (
            f"Link: {location.get('link')}" if public else "Online (link sent after booking)"
        ), None
    if kind == "phone":
        return (f"Phone: {location.get('phone')}" if public else "Phone call"), None
    if kind == "integration":
        integration = str(location.get("integration"))
        return INTEGRATION_NAMES.get(integration, integration), None
    if kind == "attendeeAddress":
        return "In person, at your address", "address"
    if kind == "attendeePhone":
        return "Phone call, to your number", "phone"
    if kind == "attendeeDefined":
        return "Somewhere you choose", "location"
    return str(kind), None


def read_form(
    event_type: EventType, posted: Mapping[str, Sequence[str]], *, inputs: list[FormInput]
) -> PostedForm:
    """The posted values, typed for the bookings service (a multi-valued mapping: every
    value of each name, in order)."""

    def one(name: str) -> str:
        values = posted.get(name) or []
        return values[-1].strip() if values else ""

    problems: list[dict[str, str]] = []
    responses: dict[str, Any] = {}
    for spec in inputs:
        if spec.name in _NOT_ANSWERS:
            continue
        value = _typed(spec, [v.strip() for v in posted.get(spec.name) or []], problems)
        if value is not None:
            responses[spec.name] = value
    for spec in inputs:  # the form's own required marks, checked together
        if spec.required and not any(v.strip() for v in posted.get(spec.name) or []):
            problems.append({"field": spec.name, "message": "is required"})
    guests = tuple(g for g in _LIST_SEPARATORS.split(one("guests")) if g)
    return PostedForm(
        name=one("name"),
        email=one("email"),
        guests=guests,
        responses=responses,
        location=_chosen_location(event_type, one("location"), one("location_value"), problems),
        problems=problems,
    )


def _typed(spec: FormInput, values: list[str], problems: list[dict[str, str]]) -> Any:
    """One answer as its field's type; None when left empty (the service says if that is
    allowed)."""
    present = [v for v in values if v]
    return _ANSWER_READERS.get(spec.type, _last_text)(spec, present, problems)


def _every_choice(spec: FormInput, present: list[str], problems: list[dict[str, str]]) -> Any:
    return present or None


def _email_list(spec: FormInput, present: list[str], problems: list[dict[str, str]]) -> Any:
    items = [i for v in present for i in _LIST_SEPARATORS.split(v) if i]
    return items or None


def _checked(spec: FormInput, present: list[str], problems: list[dict[str, str]]) -> Any:
    return True if present else None


def _last_text(spec: FormInput, present: list[str], problems: list[dict[str, str]]) -> Any:
    return present[-1] if present else None


def _number(spec: FormInput, present: list[str], problems: list[dict[str, str]]) -> Any:
    if not present:
        return None
    value = present[-1]
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # "nan", "inf", "1e999" parse, yet are no answer
        problems.append({"field": spec.name, "message": "must be a number"})
        return None
    return int(number) if number.is_integer() and "." not in value else number


# How each field type reads its non-empty posted values (any other type: the last one, text).
_ANSWER_READERS: dict[str, Callable[[FormInput, list[str], list[dict[str, str]]], Any]] = {
    "multiselect": _every_choice,
    "checkbox": _every_choice,
    "multiemail": _email_list,
    "boolean": _checked,
    "number": _number,
}


def _chosen_location(
    event_type: EventType, raw_index: str, typed: str, problems: list[dict[str, str]]
) -> Mapping[str, Any] | None:
    locations = event_type.locations or []
    if not locations:
        return None
    if len(locations) == 1 and not raw_index:
        index = 0
    elif raw_index.isascii() and raw_index.isdigit() and int(raw_index) < len(locations):
        index = int(raw_index)
    else:
        problems.append({"field": "location", "message": "pick where to meet"})
        return None
    location = locations[index]
    kind = str(location.get("type"))
    key = _ATTENDEE_LOCATION_KEYS.get(kind)
    if key is None:
        return location
    if not typed:
        problems.append({"field": "location_value", "message": f"enter your {key}"})
        return None
    return {"type": kind, key: typed}


def field_errors(details: Any, *, known: set[str]) -> tuple[dict[str, str], list[str]]:
    """A service error's details as messages per form input, plus the ones no input shows."""
    by_input: dict[str, str] = {}
    general: list[str] = []
    for problem in details if isinstance(details, list) else []:
        if not isinstance(problem, dict):
            continue
        name = str(problem.get("field", ""))
        message = str(problem.get("message", "is invalid"))
        name = name.removeprefix("responses.")
        name = re.sub(r"\[[0-9]+\]$", "", name)
        if name in known:
            by_input.setdefault(name, message)
        else:
            general.append(f"{name}: {message}" if name else message)
    return by_input, general
