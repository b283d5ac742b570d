"""What both versions' schedule schemas share: wall-clock times, dates and instants as the
wire writes them, each parsed strictly with a message that says what was expected.

Each type publishes the JSON schema it enforces (``WithJsonSchema``), and enforces at least
that schema, so what the OpenAPI promises and what a request meets agree.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, PlainValidator, WithJsonSchema

NAME_MAX_LENGTH = 200
MAX_WEEKLY_RANGES = 100  # per request: far beyond any real week
MAX_OVERRIDES = 500

_TIME_OF_DAY = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# RFC 3339 date-time: seconds required, an offset or Z required (a number is not an instant).
_INSTANT = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?P<time>[0-9]{2}:[0-9]{2}:[0-9]{2})"
    r"(?:\.(?P<fraction>[0-9]+))?(?P<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def parse_time_of_day(value: Any) -> time:
    if isinstance(value, str) and _TIME_OF_DAY.fullmatch(value):
        return time(int(value[:2]), int(value[3:]))
    raise ValueError("must be a time of day HH:MM, 24-hour, 00:00 to 23:59")


def parse_date(value: Any) -> date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("is not a real date") from None
    raise ValueError("must be a date YYYY-MM-DD")


def parse_instant(value: Any) -> datetime:
    match = _INSTANT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError("must be an ISO-8601 instant with an offset, e.g. 2024-05-20T09:00:00Z")
    fraction = (match["fraction"] or "")[:6].ljust(6, "0")
    offset = "+00:00" if match["offset"] in ("Z", "z") else match["offset"]
    try:
        return datetime.fromisoformat(f"{match['date']}T{match['time']}.{fraction}{offset}")
    except ValueError:
        raise ValueError("is not a real instant") from None


TimeOfDay = Annotated[
    time,
    PlainValidator(parse_time_of_day),
    WithJsonSchema(
        {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["09:00"]}
    ),
]
LocalDate = Annotated[
    date,
    PlainValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2024-05-20"]}),
]
Instant = Annotated[
    datetime,
    PlainValidator(parse_instant),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["1970-01-01T09:00:00.000Z"]}
    ),
]
ScheduleName = Annotated[str, Field(min_length=1, max_length=NAME_MAX_LENGTH)]
TimeZoneName = Annotated[str, Field(examples=["Europe/London"])]


def may_be_left_out(**constraints: Any) -> Any:
    """Default of a field that may be left out but never sent as null: the published schema
    says "string" (not "string or null"), and a null that arrives is a 400 naming the field.
    Only fields the client sent are read (``model_fields_set``), so the None is never used."""
    return Field(default=None, **constraints)


def hh_mm(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


class StatusOutput(BaseModel):
    """A body without data: ``{"status": "success"}`` (Cal.com's DELETE answer)."""

    status: Literal["success"] = "success"
