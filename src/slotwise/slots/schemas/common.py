"""What both versions' slot schemas share: how a slot's instant is written, and the query and
body types that publish exactly what the service accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, PlainValidator, WithJsonSchema

from slotwise.slots.window import INSTANT_PATTERN, parse_instant

# Zones that are UTC itself (not a place whose offset happens to be 0): their slots are
# written with a Z, as Cal.com (Luxon) writes them; London in winter is "+00:00".
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
    | {"GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0"}
    | {"Etc/Greenwich", "Greenwich"}
)
NAME_MAX_LENGTH = 200  # time zones, slugs, usernames in a query


def format_in_zone(instant: datetime, zone: ZoneInfo) -> str:
    """An instant as Cal.com writes a slot: ISO-8601 with milliseconds and the zone's offset
    (``2050-09-05T09:00:00.000+02:00``); a Z in UTC itself."""
    written = instant.astimezone(zone).isoformat(timespec="milliseconds")
    if zone.key in UTC_NAMES:
        return written[: -len("+00:00")] + "Z"
    return written


def _instant(value: Any) -> datetime:
    parsed = parse_instant(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(
            "must be an ISO-8601 date-time such as 2050-09-05T09:00:00Z (no offset means UTC)"
        )
    return parsed


# A body's instant: what ``service.parse_instant`` reads, published as exactly that pattern.
Instant = Annotated[
    datetime,
    PlainValidator(_instant),
    WithJsonSchema(
        {"type": "string", "pattern": INSTANT_PATTERN, "examples": ["2050-09-05T09:00:00.000Z"]}
    ),
]


def may_be_left_out(**constraints: Any) -> Any:
    """Default of a field that may be left out but not sent as null: the published schema
    says "integer" (not "integer or null"), and a null that arrives is a 400 naming the
    field. Only fields the client sent are read, so the None is never used."""
    return Field(default=None, **constraints)


class StatusOutput(BaseModel):
    """``{"status": "success"}`` without data (Cal.com's DELETE answer)."""

    status: Literal["success"] = "success"
