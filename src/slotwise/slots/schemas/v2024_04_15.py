"""Slots in Cal.com's legacy shapes (spec/legacy.md §2), served for 2024-04-15 (also what a
missing or unknown ``cal-api-version`` means), 2024-06-11, 2024-06-14 and 2024-08-13.

- ``GET /v2/slots/available`` answers ``{"slots": {date: [{time}]}}``; ``slotFormat=range``
  (any case) gives ``{startTime, endTime}``. Instants are written in ``timeZone`` (default
  UTC, with a Z), and so are the date keys. A seated slot adds ``attendees`` (seats taken)
  once something occupies it, and ``bookingUid`` when it has a seated booking.
- ``usernameList`` is an array: ``usernameList[]=bob`` (repeating ``usernameList=bob`` works
  too). Naming several users (a dynamic group) is not available yet.
- An end before the start is Cal.com's 400 "Invalid time range given ...".
- ``POST /v2/slots/reserve`` answers the holder uid as ``data`` (a string, as Cal.com does,
  though its docs show ``{uid}``) and sets it as the ``uid`` cookie.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from slotwise.errors import Invalid
from slotwise.event_types.service import MAX_LENGTH_MINUTES
from slotwise.http.inputs import V2Input
from slotwise.http.params import MAX_DATABASE_ID, DatabaseId
from slotwise.out_of_office.away import AwaySpan
from slotwise.slots.schemas.common import (
    NAME_MAX_LENGTH,
    Instant,
    format_in_zone,
    may_be_left_out,
)
from slotwise.slots.service import (
    BOUND_PATTERN,
    EventTypeRef,
    FieldNames,
    FoundSlots,
    LegacyHoldRequest,
    SlotSearch,
)

INVALID_TIME_RANGE = (
    "Invalid time range given - check the 'startTime' and 'endTime' query parameters."
)
SLOT_FORMAT_PATTERN = "^([Tt][Ii][Mm][Ee]|[Rr][Aa][Nn][Gg][Ee])$"
FIELD_NAMES = FieldNames(
    start="startTime",
    end="endTime",
    time_zone="timeZone",
    duration="duration",
    event_type_id="eventTypeId",
    slug="eventTypeSlug",
    username="usernameList",
    usernames="usernameList",
    organization="orgSlug",
    bad_range=INVALID_TIME_RANGE,
)
BOUND_DESCRIPTION = (
    "A date (YYYY-MM-DD: whole days in timeZone) or an ISO-8601 date-time (no offset = UTC)"
)


# --- inputs ----------------------------------------------------------------------------------


class GetAvailableSlotsQuery_2024_04_15(BaseModel):
    model_config = ConfigDict(extra="ignore")

    startTime: str = Field(
        description=BOUND_DESCRIPTION, json_schema_extra={"pattern": BOUND_PATTERN}
    )
    endTime: str = Field(
        description=BOUND_DESCRIPTION + "; clamped to now + 1 year",
        json_schema_extra={"pattern": BOUND_PATTERN},
    )
    eventTypeId: int = may_be_left_out(ge=1, le=MAX_DATABASE_ID)
    eventTypeSlug: str = may_be_left_out()
    bracketed_usernames: list[str] = Field(
        default_factory=list, alias="usernameList[]", description="The event type's owner"
    )
    repeated_usernames: list[str] = Field(
        default_factory=list,
        alias="usernameList",
        description="The same as usernameList[] (repeatable)",
    )
    duration: int = may_be_left_out(ge=1, le=MAX_LENGTH_MINUTES)
    timeZone: str = may_be_left_out(max_length=NAME_MAX_LENGTH)
    orgSlug: str = may_be_left_out()
    rescheduleUid: str = may_be_left_out()
    slotFormat: str = may_be_left_out(
        description="time or range, any case", json_schema_extra={"pattern": SLOT_FORMAT_PATTERN}
    )


def slot_search(
    query: GetAvailableSlotsQuery_2024_04_15, *, holder: str | None
) -> tuple[SlotSearch, bool]:
    """The service's search, and whether slots are ranges."""
    slot_format = "time" if query.slotFormat is None else query.slotFormat.lower()
    if slot_format not in ("time", "range"):
        raise Invalid.field("slotFormat", "must be time or range")
    usernames = tuple(
        name for name in (*query.bracketed_usernames, *query.repeated_usernames) if name.strip()
    )
    search = SlotSearch(
        event=EventTypeRef(
            event_type_id=query.eventTypeId,
            slug=query.eventTypeSlug,
            usernames=usernames,
            organization_slug=query.orgSlug,
        ),
        start=query.startTime,
        end=query.endTime,
        time_zone=query.timeZone,
        duration=query.duration,
        holder=holder,
        names=FIELD_NAMES,
    )
    return search, slot_format == "range"


class ReserveSlotInput_2024_04_15(V2Input):
    eventTypeId: DatabaseId
    slotUtcStartDate: Instant
    slotUtcEndDate: Instant
    bookingUid: str = may_be_left_out(max_length=NAME_MAX_LENGTH)

    def hold_request(self, holder: str | None) -> LegacyHoldRequest:
        return LegacyHoldRequest(
            event_type_id=self.eventTypeId,
            slot_start=self.slotUtcStartDate,
            slot_end=self.slotUtcEndDate,
            holder=holder,
            booking_uid=self.bookingUid,
        )


# --- outputs ---------------------------------------------------------------------------------


class Slot_2024_04_15(BaseModel):
    """``{time}``, or ``{startTime, endTime}`` with ``slotFormat=range``."""

    time: str = may_be_left_out()
    startTime: str = may_be_left_out()
    endTime: str = may_be_left_out()
    attendees: int = may_be_left_out()
    bookingUid: str = may_be_left_out()
    away: bool = may_be_left_out(description="On the host's out-of-office days: not bookable")
    fromUser: dict[str, Any] = may_be_left_out(description="The absent host: id, displayName")
    toUser: dict[str, Any] = may_be_left_out(
        description="Whom bookers are sent to meanwhile: id, username, displayName"
    )
    reason: str = may_be_left_out()
    emoji: str = may_be_left_out()


class SlotsOutput_2024_04_15(BaseModel):
    slots: dict[str, list[Slot_2024_04_15]]


def slots_output(found: FoundSlots, *, ranges: bool) -> dict[str, Any]:
    """``SlotsOutput_2024_04_15`` as plain JSON-ready dicts (see v2024_09_04)."""
    zone = found.zone
    by_date: dict[str, list[dict[str, Any]]] = {}
    for day in sorted({*found.by_date, *found.away_by_date}):
        away = dict(found.away_by_date.get(day, []))
        shaped = []
        for slot in sorted([*found.by_date.get(day, []), *away], key=lambda s: s.start):
            item: dict[str, Any]
            if ranges:
                item = {
                    "startTime": format_in_zone(slot.start, zone),
                    "endTime": format_in_zone(slot.end, zone),
                }
            else:
                item = {"time": format_in_zone(slot.start, zone)}
            if found.seats_per_slot is not None and slot.seats_taken is not None:
                item["attendees"] = slot.seats_taken
            if slot.booking_uid:
                item["bookingUid"] = slot.booking_uid
            if slot in away:
                item.update(away_fields(away[slot]))
            shaped.append(item)
        by_date[day] = shaped
    return {"slots": by_date}


def away_fields(span: AwaySpan) -> dict[str, Any]:
    """Cal.com's flags on an out-of-office slot (its getSchedule output)."""
    fields: dict[str, Any] = {
        "away": True,
        "fromUser": {"id": span.from_user.id, "displayName": span.from_user.name},
        "reason": span.reason,
        "emoji": span.emoji,
    }
    if span.to_user is not None:
        to = span.to_user
        fields["toUser"] = {"id": to.id, "username": to.username, "displayName": to.name}
    return fields
