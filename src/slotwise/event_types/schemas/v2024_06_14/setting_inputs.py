"""The other nested 2024-06-14 settings: seats, confirmation, recurrence, layouts, colour,
destination calendar, Cal Video, cancelling and rescheduling; and the columns each is
stored in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, Tag, model_validator

from slotwise.event_types.schemas.shared import (
    FREQUENCY_NAMES,
    MAX_OCCURRENCES,
    MAX_RECURRENCE_INTERVAL,
    MAX_SEATS,
    RECURRENCE_FREQUENCIES,
    TEXT_MAX_LENGTH,
    Disabled,
    HexColor,
    HttpUrl,
    may_be_left_out,
    pick_shape,
    shapes,
)
from slotwise.event_types.validation import MAX_MINUTES
from slotwise.http.inputs import V2Input


class Seats(V2Input):
    seatsPerTimeSlot: int = Field(ge=1, le=MAX_SEATS)
    showAttendeeInfo: bool = may_be_left_out()
    showAvailabilityCount: bool = may_be_left_out()


SeatsInput = Annotated[
    Annotated[Seats, Tag("seats:enabled")] | Annotated[Disabled, Tag("seats:disabled")],
    shapes(
        pick_shape(
            "seats",
            {"enabled": ("seatsPerTimeSlot",), "disabled": ("disabled",)},
            default="enabled",
        ),
        "{seatsPerTimeSlot, showAttendeeInfo?, showAvailabilityCount?} or {disabled: true}",
    ),
]


class NoticeThreshold(V2Input):
    unit: Literal["minutes", "hours"]
    count: int = Field(ge=1, le=MAX_MINUTES)


class ConfirmationPolicy(V2Input):
    type: Literal["always", "time"]
    noticeThreshold: NoticeThreshold = may_be_left_out()
    blockUnconfirmedBookingsInBooker: bool = may_be_left_out()

    @model_validator(mode="after")
    def _time_needs_threshold(self) -> ConfirmationPolicy:
        if self.type == "time" and self.noticeThreshold is None:
            raise ValueError('a "time" policy needs a noticeThreshold {unit, count}')
        return self


ConfirmationPolicyInput = Annotated[
    Annotated[ConfirmationPolicy, Tag("confirmation:policy")]
    | Annotated[Disabled, Tag("confirmation:disabled")],
    shapes(
        pick_shape(
            "confirmation",
            {"policy": ("type", "noticeThreshold"), "disabled": ("disabled",)},
            default="policy",
        ),
        "{type: always|time, noticeThreshold?, blockUnconfirmedBookingsInBooker?} or "
        "{disabled: true}",
    ),
]


class Recurrence(V2Input):
    interval: int = Field(ge=1, le=MAX_RECURRENCE_INTERVAL)
    occurrences: int = Field(ge=1, le=MAX_OCCURRENCES)
    frequency: Literal["yearly", "monthly", "weekly"]


RecurrenceInput = Annotated[
    Annotated[Recurrence, Tag("recurrence:enabled")]
    | Annotated[Disabled, Tag("recurrence:disabled")],
    shapes(
        pick_shape(
            "recurrence",
            {"enabled": ("interval", "occurrences", "frequency"), "disabled": ("disabled",)},
            default="enabled",
        ),
        "{interval, occurrences, frequency: yearly|monthly|weekly} or {disabled: true}",
    ),
]


def recurrence_output(stored: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not stored:
        return None
    return {
        "interval": stored.get("interval"),
        "occurrences": stored.get("count"),
        "frequency": FREQUENCY_NAMES.get(int(stored.get("freq", 2)), "weekly"),
    }


Layout = Literal["month", "week", "column"]


class BookerLayouts(V2Input):
    defaultLayout: Layout
    enabledLayouts: Annotated[list[Layout], Field(min_length=1, max_length=3)]

    @model_validator(mode="after")
    def _default_is_enabled(self) -> BookerLayouts:
        if len(set(self.enabledLayouts)) != len(self.enabledLayouts):
            raise ValueError("enabledLayouts must not repeat a layout")
        if self.defaultLayout not in self.enabledLayouts:
            raise ValueError("defaultLayout must be one of enabledLayouts")
        return self


class EventTypeColor(V2Input):
    lightThemeHex: HexColor
    darkThemeHex: HexColor


class DestinationCalendar(V2Input):
    integration: Annotated[str, Field(min_length=1, max_length=100)]
    externalId: Annotated[str, Field(min_length=1, max_length=TEXT_MAX_LENGTH)]


class CalVideoSettings(V2Input):
    disableRecordingForOrganizer: bool = may_be_left_out()
    disableRecordingForGuests: bool = may_be_left_out()
    redirectUrlOnExit: HttpUrl | None = None
    enableAutomaticRecordingForOrganizer: bool = may_be_left_out()
    enableAutomaticTranscription: bool = may_be_left_out()
    disableTranscriptionForGuests: bool = may_be_left_out()
    disableTranscriptionForOrganizer: bool = may_be_left_out()
    sendTranscriptionEmails: bool = may_be_left_out()


class DisableCancelling(V2Input):
    disabled: bool


class DisableRescheduling(V2Input):
    disabled: bool
    minutesBefore: int = may_be_left_out(ge=1, le=MAX_MINUTES)


def confirmation_attributes(policy: ConfirmationPolicy | Disabled) -> dict[str, Any]:
    if isinstance(policy, ConfirmationPolicy):
        threshold = policy.noticeThreshold if policy.type == "time" else None
        return {
            "requires_confirmation": True,
            "requires_confirmation_will_block_slot": bool(policy.blockUnconfirmedBookingsInBooker),
            "requires_confirmation_threshold": (
                {"time": threshold.count, "unit": threshold.unit} if threshold else None
            ),
        }
    return {
        "requires_confirmation": False,
        "requires_confirmation_will_block_slot": False,
        "requires_confirmation_threshold": None,
    }


def seats_attributes(seats: Seats | Disabled) -> dict[str, Any]:
    if isinstance(seats, Seats):
        return {
            "seats_per_slot": seats.seatsPerTimeSlot,
            "seats_show_attendees": bool(seats.showAttendeeInfo),
            "seats_show_availability_count": seats.showAvailabilityCount is not False,
        }
    return {
        "seats_per_slot": None,
        "seats_show_attendees": False,
        "seats_show_availability_count": True,
    }


def recurrence_attributes(recurrence: Recurrence | Disabled | None) -> dict[str, Any]:
    """recurrence -> Cal.com's stored recurringEvent (None: not recurring)."""
    if not isinstance(recurrence, Recurrence):
        return {"recurrence": None}
    return {
        "recurrence": {
            "freq": RECURRENCE_FREQUENCIES[recurrence.frequency],
            "interval": recurrence.interval,
            "count": recurrence.occurrences,
        }
    }


def rescheduling_attributes(rescheduling: DisableRescheduling) -> dict[str, Any]:
    return {
        "disable_rescheduling": rescheduling.disabled,
        "minimum_reschedule_notice": None if rescheduling.disabled else rescheduling.minutesBefore,
    }


def dumped(attribute: str) -> Callable[[BaseModel | None], dict[str, Any]]:
    """A nested setting stored as it was sent (None clears it)."""

    def attributes(value: BaseModel | None) -> dict[str, Any]:
        return {attribute: value.model_dump() if value else None}

    return attributes
