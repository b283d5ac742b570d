"""Slots and reservations as ``cal-api-version: 2024-09-04`` writes them (spec/api.md §5).

``GET /v2/slots`` answers ``{date: [{start}]}`` (``format=range``: ``{start, end}``), dates
and instants in the requested ``timeZone`` (``2050-09-05T09:00:00.000+02:00``; a Z in UTC);
a seated event's slots add ``seatsBooked``, ``seatsRemaining``, ``seatsTotal`` and, when the
slot already has a seated booking, ``bookingUid``. Reservation instants are UTC (``...Z``).

Query values are read as text and checked by the service, which names each bad one; their
published patterns are exactly what the service accepts. Unknown query and body keys are
dropped (Cal.com's whitelist); known body keys are strict.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from slotwise.event_types.service import MAX_LENGTH_MINUTES
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import MAX_DATABASE_ID, DatabaseId
from slotwise.slots.schemas.common import (
    NAME_MAX_LENGTH,
    Instant,
    format_in_zone,
    may_be_left_out,
)
from slotwise.slots.service import (
    BOUND_PATTERN,
    MAX_RESERVATION_MINUTES,
    EventTypeRef,
    FoundSlots,
    HeldSlot,
    HoldRequest,
    SlotSearch,
)

BOUND_DESCRIPTION = (
    "A date (YYYY-MM-DD: whole days in timeZone) or an ISO-8601 date-time (no offset = UTC)"
)


# --- inputs ----------------------------------------------------------------------------------


class GetSlotsQuery_2024_09_04(BaseModel):
    """GET /v2/slots. The event type: ``eventTypeId``, or ``eventTypeSlug`` + ``username``,
    or ``eventTypeSlug`` + ``teamSlug`` (+ ``organizationSlug`` for an organization's
    team). ``bookingUidToReschedule`` is accepted (there are no bookings to move yet)."""

    model_config = ConfigDict(extra="ignore")

    start: str = Field(description=BOUND_DESCRIPTION, json_schema_extra={"pattern": BOUND_PATTERN})
    end: str = Field(
        description=BOUND_DESCRIPTION + "; clamped to now + 1 year",
        json_schema_extra={"pattern": BOUND_PATTERN},
    )
    timeZone: str = may_be_left_out(
        max_length=NAME_MAX_LENGTH, description="IANA zone of the answer (default UTC)"
    )
    duration: int = may_be_left_out(ge=1, le=MAX_LENGTH_MINUTES)
    format: Literal["time", "range"] = "time"
    bookingUidToReschedule: str = may_be_left_out()
    eventTypeId: int = may_be_left_out(ge=1, le=MAX_DATABASE_ID)
    eventTypeSlug: str = may_be_left_out()
    username: str = may_be_left_out()
    teamSlug: str = may_be_left_out()
    organizationSlug: str = may_be_left_out()
    usernames: str = may_be_left_out(description="Comma-separated (a dynamic group)")


def slot_search(query: GetSlotsQuery_2024_09_04, *, holder: str | None) -> SlotSearch:
    usernames = [name for name in (query.usernames or "").split(",") if name.strip()]
    if query.username is not None:
        usernames.insert(0, query.username)
    return SlotSearch(
        event=EventTypeRef(
            event_type_id=query.eventTypeId,
            slug=query.eventTypeSlug,
            usernames=tuple(usernames),
            team_slug=query.teamSlug,
            organization_slug=query.organizationSlug,
        ),
        start=query.start,
        end=query.end,
        time_zone=query.timeZone,
        duration=query.duration,
        holder=holder,
    )


class ReserveSlotInput_2024_09_04(V2Input):
    """POST and PATCH /v2/slots/reservations. ``reservationDuration`` (minutes, default 5)
    only with the event type's owner's API key."""

    eventTypeId: DatabaseId
    slotStart: Instant
    slotDuration: int = may_be_left_out(ge=1, le=MAX_LENGTH_MINUTES)
    reservationDuration: int = may_be_left_out(ge=1, le=MAX_RESERVATION_MINUTES)

    def hold_request(self) -> HoldRequest:
        return HoldRequest(
            event_type_id=self.eventTypeId,
            slot_start=self.slotStart,
            slot_duration=self.slotDuration,
            reservation_minutes=self.reservationDuration,
        )


# --- outputs ---------------------------------------------------------------------------------


class Slot_2024_09_04(BaseModel):
    """One slot; ``end`` with ``format=range``; the seat counts for seated event types."""

    start: str
    end: str = may_be_left_out()
    seatsBooked: int = may_be_left_out()
    seatsRemaining: int = may_be_left_out()
    seatsTotal: int = may_be_left_out()
    bookingUid: str = may_be_left_out()


SlotsOutput_2024_09_04 = dict[str, list[Slot_2024_09_04]]


def slots_output(found: FoundSlots, *, ranges: bool) -> dict[str, list[dict[str, Any]]]:
    """``SlotsOutput_2024_09_04`` as plain JSON-ready dicts (hundreds of slots per answer:
    building models for them would cost more than computing them)."""
    zone, seats = found.zone, found.seats_per_slot
    output: dict[str, list[dict[str, Any]]] = {}
    for day, slots in found.by_date.items():
        shaped = []
        for slot in slots:
            item: dict[str, Any] = {"start": format_in_zone(slot.start, zone)}
            if ranges:
                item["end"] = format_in_zone(slot.end, zone)
            if seats is not None:
                booked = slot.seats_taken or 0
                item.update(seatsBooked=booked, seatsRemaining=seats - booked, seatsTotal=seats)
                if slot.booking_uid:
                    item["bookingUid"] = slot.booking_uid
            shaped.append(item)
        output[day] = shaped
    return output


class ReservationOutput_2024_09_04(BaseModel):
    reservationUid: str
    eventTypeId: int
    slotStart: str
    slotEnd: str
    slotDuration: int
    reservationDuration: int
    reservationUntil: str

    @classmethod
    def from_held(cls, held: HeldSlot) -> ReservationOutput_2024_09_04:
        return cls(
            reservationUid=held.uid,
            eventTypeId=held.event_type_id,
            slotStart=format_instant(held.slot_start),
            slotEnd=format_instant(held.slot_end),
            slotDuration=held.slot_minutes,
            reservationDuration=held.reservation_minutes,
            reservationUntil=format_instant(held.reserved_until),
        )
