"""Bookings in Cal.com's legacy shapes (spec/legacy.md §3), served for 2024-04-15 (also what a
missing or unknown ``cal-api-version`` means), 2024-06-11 and 2024-06-14.

Inputs are strict on the fields they know and drop the rest (Cal.com's whitelist: an
undeclared ``title``, ``description``, ``status`` or ``recurringEventId`` is dropped). The
booking use cases check what needs the event type and names each bad field as these models spell it
(``responses.email``, ``timeZone``, ``end`` ...).

- ``responses`` is the booking form: ``name`` (a string, or ``{firstName, lastName}`` stored
  as "First Last"), ``email``, ``guests``, ``location``, ``notes`` and the answers to the
  event type's custom fields (any other key, checked against the form).
- ``responses.location`` is ``{value, optionValue}``: ``value`` is Cal.com's location type.
  A host location (``inPerson``, ``link``, ``userPhone``) takes its address, link or number
  from the event type; an attendee location (``attendeeInPerson``, ``phone``,
  ``somewhereElse``) takes ``optionValue``; an integration (``integrations:daily`` ...) is
  stored as the 2024-08-13 API stores it (``integrations:cal-video``). Any other value is
  kept as sent (``optionValue`` when given, else ``value``).
- ``end`` may be left out; when given it must be ``start`` plus one of the event type's
  lengths (a 400 naming ``end`` otherwise).
- Outputs are Cal.com's booking rows as its legacy controllers answer them. Columns slotwise
  has no feature for yet are answered with their empty values (``paid: false``,
  ``payment: []``, ``references: []``, ``customInputs: {}``, ``isRecorded: false``).

``inputs`` holds the bodies and the names their 400s use, ``list_query`` the list's query
parameters, ``outputs`` the booking rows answered; this package re-exports them all.
"""

from __future__ import annotations

from slotwise.bookings.schemas.v2024_04_15.inputs import (
    ATTENDEE_LOCATIONS,
    EVENT_TYPE_NAMES,
    HOST_LOCATIONS,
    INPUT_NAMES,
    NO_AVAILABLE_USERS,
    CancelBookingInputLegacy,
    CreateBookingInputLegacy,
    CreateRecurringBookingInputLegacy,
    Email,
    LocationResponseLegacy,
    LongText,
    MarkNoShowInputLegacy,
    NameLegacy,
    NoShowAttendeeLegacy,
    ResponsesLegacy,
    ShortText,
    legacy_location,
)
from slotwise.bookings.schemas.v2024_04_15.list_query import (
    DEFAULT_LIMIT,
    LIST_STATUSES,
    MAX_LIMIT,
    ListBookingsParamsLegacy,
)
from slotwise.bookings.schemas.v2024_04_15.outputs import (
    AttendeeLegacy,
    BookingInfoLegacy,
    BookingLegacy,
    BookingListItemLegacy,
    BookingsListLegacy,
    CancelOutputLegacy,
    InfoAttendeeLegacy,
    InfoEventTypeLegacy,
    ListEventTypeLegacy,
    ListUserLegacy,
    MarkNoShowOutputLegacy,
    NoShowAttendeeOutputLegacy,
    RecurringDatesLegacy,
    RecurringInfoLegacy,
    SeatReferenceLegacy,
    Status,
    UserLegacy,
)

__all__ = [
    "ATTENDEE_LOCATIONS",
    "AttendeeLegacy",
    "BookingInfoLegacy",
    "BookingLegacy",
    "BookingListItemLegacy",
    "BookingsListLegacy",
    "CancelBookingInputLegacy",
    "CancelOutputLegacy",
    "CreateBookingInputLegacy",
    "CreateRecurringBookingInputLegacy",
    "DEFAULT_LIMIT",
    "EVENT_TYPE_NAMES",
    "Email",
    "HOST_LOCATIONS",
    "INPUT_NAMES",
    "InfoAttendeeLegacy",
    "InfoEventTypeLegacy",
    "LIST_STATUSES",
    "ListBookingsParamsLegacy",
    "ListEventTypeLegacy",
    "ListUserLegacy",
    "LocationResponseLegacy",
    "LongText",
    "MAX_LIMIT",
    "MarkNoShowInputLegacy",
    "MarkNoShowOutputLegacy",
    "NO_AVAILABLE_USERS",
    "NameLegacy",
    "NoShowAttendeeLegacy",
    "NoShowAttendeeOutputLegacy",
    "RecurringDatesLegacy",
    "RecurringInfoLegacy",
    "ResponsesLegacy",
    "SeatReferenceLegacy",
    "ShortText",
    "Status",
    "UserLegacy",
    "legacy_location",
]
