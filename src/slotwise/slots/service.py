"""The slots domain's operations, as the routers, the booking pages and the bookings
domain call them. Each concern has its module: ``listing`` (slots over a window),
``reservations`` (holds), ``bookable_slot`` (the check a booking makes), ``lookup`` (the
event type a request names, its lengths), ``window`` (query bounds), and ``offer`` (loading
a host into the engine), which the others share. The decisions are in ARCHITECTURE.md
("Slots")."""

from __future__ import annotations

from slotwise.slots.bookable_slot import ALREADY_SEATED, SEATS_FULL, SLOT_TAKEN, bookable_slot
from slotwise.slots.listing import FoundSlots, SlotSearch, find_slots
from slotwise.slots.lookup import EventTypeRef, FieldNames, allowed_length, event_type_and_host
from slotwise.slots.reservations import (
    MAX_RESERVATION_MINUTES,
    MINUTES_TO_BOOK,
    HeldSlot,
    HoldRequest,
    LegacyHoldRequest,
    delete_reservation,
    get_reservation,
    legacy_holder,
    release_legacy,
    release_reservation,
    reserve,
    reserve_legacy,
    update_reservation,
)
from slotwise.slots.window import (
    BOUND_PATTERN,
    INSTANT_PATTERN,
    UTC_ZONE,
    format_utc,
    parse_instant,
)

__all__ = [
    "ALREADY_SEATED",
    "BOUND_PATTERN",
    "INSTANT_PATTERN",
    "MAX_RESERVATION_MINUTES",
    "MINUTES_TO_BOOK",
    "SEATS_FULL",
    "SLOT_TAKEN",
    "UTC_ZONE",
    "EventTypeRef",
    "FieldNames",
    "FoundSlots",
    "HeldSlot",
    "HoldRequest",
    "LegacyHoldRequest",
    "SlotSearch",
    "allowed_length",
    "bookable_slot",
    "delete_reservation",
    "event_type_and_host",
    "find_slots",
    "format_utc",
    "get_reservation",
    "legacy_holder",
    "parse_instant",
    "release_legacy",
    "release_reservation",
    "reserve",
    "reserve_legacy",
    "update_reservation",
]
