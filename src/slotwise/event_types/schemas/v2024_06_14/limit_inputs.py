"""How many bookings, or minutes of them, an event type takes per day ... year, and per
booker: the 2024-06-14 shapes and their stored attributes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import Tag, model_validator

from slotwise.event_types.schemas.shared import (
    MAX_COUNT,
    Disabled,
    may_be_left_out,
    pick_shape,
    shapes,
)
from slotwise.http.inputs import V2Input


class IntervalLimits(V2Input):
    day: int = may_be_left_out(ge=1, le=MAX_COUNT)
    week: int = may_be_left_out(ge=1, le=MAX_COUNT)
    month: int = may_be_left_out(ge=1, le=MAX_COUNT)
    year: int = may_be_left_out(ge=1, le=MAX_COUNT)

    def stored(self) -> dict[str, int]:
        """Cal.com's stored keys, PER_DAY ... PER_YEAR."""
        return {
            f"PER_{key.upper()}": getattr(self, key)
            for key in ("day", "week", "month", "year")
            if key in self.model_fields_set
        }


IntervalLimitsInput = Annotated[
    Annotated[IntervalLimits, Tag("limits:values")] | Annotated[Disabled, Tag("limits:disabled")],
    shapes(
        pick_shape(
            "limits",
            {"values": ("day", "week", "month", "year"), "disabled": ("disabled",)},
            default="values",
        ),
        "{day?, week?, month?, year?} or {disabled: true}",
    ),
]


def limits_output(stored: Mapping[str, Any] | None) -> dict[str, int]:
    names = {"PER_DAY": "day", "PER_WEEK": "week", "PER_MONTH": "month", "PER_YEAR": "year"}
    return {names[key]: value for key, value in (stored or {}).items() if key in names}


class ActiveBookingsLimit(V2Input):
    maximumActiveBookings: int = may_be_left_out(ge=1, le=MAX_COUNT)
    offerReschedule: bool = may_be_left_out()

    @model_validator(mode="after")
    def _says_something(self) -> ActiveBookingsLimit:
        if self.maximumActiveBookings is None:
            raise ValueError("needs maximumActiveBookings (or send {disabled: true})")
        return self


ActiveBookingsLimitInput = Annotated[
    Annotated[ActiveBookingsLimit, Tag("active:limit")]
    | Annotated[Disabled, Tag("active:disabled")],
    shapes(
        pick_shape(
            "active",
            {"limit": ("maximumActiveBookings", "offerReschedule"), "disabled": ("disabled",)},
            default="limit",
        ),
        "{maximumActiveBookings, offerReschedule?} or {disabled: true}",
    ),
]


def limits_attributes(attribute: str) -> Callable[[IntervalLimits | Disabled], dict[str, Any]]:
    """bookingLimitsCount / bookingLimitsDuration -> ``attribute`` ({} = no limit)."""

    def attributes(limits: IntervalLimits | Disabled) -> dict[str, Any]:
        return {attribute: limits.stored() if isinstance(limits, IntervalLimits) else {}}

    return attributes


def active_limit_attributes(limit: ActiveBookingsLimit | Disabled) -> dict[str, Any]:
    """bookerActiveBookingsLimit -> the max_active_bookings_* columns."""
    if isinstance(limit, ActiveBookingsLimit):
        return {
            "max_active_bookings_per_booker": limit.maximumActiveBookings,
            "max_active_bookings_offer_reschedule": bool(limit.offerReschedule),
        }
    return {
        "max_active_bookings_per_booker": None,
        "max_active_bookings_offer_reschedule": False,
    }
