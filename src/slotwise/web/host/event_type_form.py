"""The event-type form: its inputs read into the attributes ``NewEventType`` and
``EventTypeChanges`` take (the service checks their meaning), and an event type's values
shown back in the form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from slotwise.event_types.models import EventType
from slotwise.web.host.pages import checkbox, text, whole_number

Posted = Mapping[str, Sequence[str]]
NUMBERS = (
    "length_in_minutes", "before_event_buffer", "after_event_buffer", "minimum_booking_notice",
    "slot_interval", "period_days", "seats_per_slot",
)  # fmt: skip
FLAGS = ("hidden", "requires_confirmation", "disable_guests", "disable_cancelling",
         "disable_rescheduling")  # fmt: skip
LIMIT_UNITS = (("PER_DAY", "a day"), ("PER_WEEK", "a week"), ("PER_MONTH", "a month"),
               ("PER_YEAR", "a year"))  # fmt: skip
# Where the meeting happens: the form's choice -> the stored location's type and the key of
# its detail (None: nothing to fill in).
LOCATION_KINDS: dict[str, tuple[str, str | None]] = {
    "integration": ("Cal Video", None),
    "attendeePhone": ("Phone call (the booker's number)", None),
    "phone": ("Phone call (my number)", "phone"),
    "address": ("In person (an address)", "address"),
    "attendeeAddress": ("In person (the booker's address)", None),
    "link": ("A link", "link"),
    "attendeeDefined": ("Wherever the booker says", None),
}
PERIOD_TYPES = (("UNLIMITED", "Indefinitely into the future"),
                ("ROLLING", "A number of days into the future"),
                ("RANGE", "Within a date range"))  # fmt: skip


def read_event_type(posted: Posted, problems: dict[str, str]) -> dict[str, Any]:
    """The attributes the form sets. Numbers that are not whole are problems here; the rest
    (bounds, rules between fields) is the service's to check."""
    values: dict[str, Any] = {
        "title": text(posted, "title"),
        "slug": text(posted, "slug"),
        "description": text(posted, "description") or None,
    }
    for name in NUMBERS:
        values[name] = whole_number(posted, name, problems)
    for name in ("before_event_buffer", "after_event_buffer", "minimum_booking_notice"):
        values[name] = values[name] or 0
    for name in FLAGS:
        values[name] = checkbox(posted, name)
    values["schedule_id"] = whole_number(posted, "schedule_id", problems)
    values["period_type"] = text(posted, "period_type") or "UNLIMITED"
    values["period_start_date"] = _date(posted, "period_start_date", problems)
    values["period_end_date"] = _date(posted, "period_end_date", problems)
    # Only the chosen window's settings are kept; the others are cleared.
    if values["period_type"] == "ROLLING":
        values["period_count_calendar_days"] = checkbox(posted, "period_count_calendar_days")
    else:
        values["period_days"] = values["period_count_calendar_days"] = None
    if values["period_type"] != "RANGE":
        values["period_start_date"] = values["period_end_date"] = None
    limits = {}
    for unit, _label in LIMIT_UNITS:
        count = whole_number(posted, f"limit_{unit}", problems)
        if count is not None:
            limits[unit] = count
    values["booking_limits_count"] = limits
    values["locations"] = [_location(posted)]
    return values


def _location(posted: Posted) -> dict[str, Any]:
    kind = text(posted, "location_type")
    if kind not in LOCATION_KINDS:
        kind = "integration"
    if kind == "integration":
        return {"type": "integration", "integration": "cal-video"}
    detail_key = LOCATION_KINDS[kind][1]
    location: dict[str, Any] = {"type": kind}
    if detail_key is not None:
        location[detail_key] = text(posted, "location_detail")
        if kind in ("address", "link"):
            location["public"] = True
    return location


def _date(posted: Posted, name: str, problems: dict[str, str]) -> date | None:
    raw = text(posted, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems[name] = "must be a date (YYYY-MM-DD)"
        return None


def form_values(event_type: EventType | None) -> dict[str, Any]:
    """What the form shows: an event type's values, or a new one's defaults."""
    if event_type is None:
        return {"title": "", "slug": "", "length_in_minutes": 30, "minimum_booking_notice": 120,
                "before_event_buffer": 0, "after_event_buffer": 0, "period_type": "UNLIMITED",
                "location_type": "integration", "location_detail": "", "limits": {}}  # fmt: skip
    values = {name: getattr(event_type, name) for name in (*NUMBERS, *FLAGS)}
    location = (event_type.locations or [{}])[0]
    kind = str(location.get("type", "integration"))
    detail_key = LOCATION_KINDS.get(kind, ("", None))[1]
    values.update(
        title=event_type.title,
        slug=event_type.slug,
        description=event_type.description or "",
        schedule_id=event_type.schedule_id,
        period_type=event_type.period_type,
        period_start_date=event_type.period_start_date,
        period_end_date=event_type.period_end_date,
        period_count_calendar_days=bool(event_type.period_count_calendar_days),
        location_type=kind,
        location_detail=location.get(detail_key, "") if detail_key else "",
        limits=dict(event_type.booking_limits_count or {}),
    )
    return values


def posted_values(posted: Posted) -> dict[str, Any]:
    """The form as it was sent, to show again next to its errors."""
    values: dict[str, Any] = {name: text(posted, name) for name in (*NUMBERS, "title", "slug",
                              "description", "schedule_id", "period_type", "period_start_date",
                              "period_end_date", "location_type", "location_detail")}  # fmt: skip
    values.update({name: checkbox(posted, name) for name in (*FLAGS, "period_count_calendar_days")})
    values["limits"] = {unit: text(posted, f"limit_{unit}") for unit, _ in LIMIT_UNITS}
    return values
