"""Bookings as ``cal-api-version: 2024-08-13`` writes them (spec/api.md §6).

Inputs are strict on the fields they know and drop the rest (Cal.com's whitelist). The
booking use cases check what needs the event type (lengths, booking fields, guests) and names each
bad field as these models spell it.

``inputs`` holds the bodies and the names their 400s use, ``list_query`` the list's query
parameters, ``outputs`` the booking and the list answered; this package re-exports them all.
"""

from __future__ import annotations

from slotwise.bookings.schemas.v2024_08_13.inputs import (
    FIELD_NAMES,
    AbsentAttendeeInput_2024_08_13,
    BookingAttendeeInput_2024_08_13,
    CancelBookingInput_2024_08_13,
    CreateBookingInput_2024_08_13,
    DeclineBookingInput_2024_08_13,
    Email,
    LocationInput_2024_08_13,
    LongText,
    MarkAbsentInput_2024_08_13,
    RescheduleBookingInput_2024_08_13,
    ShortText,
)
from slotwise.bookings.schemas.v2024_08_13.list_query import (
    LIST_STATUSES,
    MAX_TAKE,
    SORTS,
    ListBookingsParams_2024_08_13,
    QueryInstant,
    SortDirection,
)
from slotwise.bookings.schemas.v2024_08_13.outputs import (
    BookingAttendee_2024_08_13,
    BookingEventType_2024_08_13,
    BookingHost_2024_08_13,
    BookingOutput_2024_08_13,
    BookingsListOutput_2024_08_13,
    Pagination,
)

__all__ = [
    "AbsentAttendeeInput_2024_08_13",
    "BookingAttendeeInput_2024_08_13",
    "BookingAttendee_2024_08_13",
    "BookingEventType_2024_08_13",
    "BookingHost_2024_08_13",
    "BookingOutput_2024_08_13",
    "BookingsListOutput_2024_08_13",
    "CancelBookingInput_2024_08_13",
    "CreateBookingInput_2024_08_13",
    "DeclineBookingInput_2024_08_13",
    "Email",
    "FIELD_NAMES",
    "LIST_STATUSES",
    "ListBookingsParams_2024_08_13",
    "LocationInput_2024_08_13",
    "LongText",
    "MAX_TAKE",
    "MarkAbsentInput_2024_08_13",
    "Pagination",
    "QueryInstant",
    "RescheduleBookingInput_2024_08_13",
    "SORTS",
    "ShortText",
    "SortDirection",
]
