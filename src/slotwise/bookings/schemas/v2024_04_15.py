"""Bookings in the legacy 2024-04-15 shapes (spec/legacy.md §3). PLACEHOLDER: being written."""

from __future__ import annotations

from slotwise.http.inputs import V2Input


class CreateBookingInputLegacy(V2Input):
    pass


class CreateRecurringBookingInputLegacy(V2Input):
    pass


class CancelBookingInputLegacy(V2Input):
    pass


class MarkNoShowInputLegacy(V2Input):
    pass
