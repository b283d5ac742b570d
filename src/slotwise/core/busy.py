"""Busy intervals: what blocks a host (spec/scheduling.md §4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from slotwise.core.intervals import Interval, merge


@dataclass(frozen=True, slots=True)
class ExistingBooking:
    """A booking that blocks its host: ACCEPTED or PENDING, not the one being rescheduled."""

    interval: Interval
    before_buffer: timedelta = timedelta()  # its own event type's buffers
    after_buffer: timedelta = timedelta()
    event_type_id: int | None = None
    uid: str = ""
    attendees: int = 1  # seats taken, for seated bookings


def booking_busy(
    bookings: Iterable[ExistingBooking], *, new_before: timedelta, new_after: timedelta
) -> list[Interval]:
    """Each booking widened by its own buffers plus the new event's opposite ones
    (Cal.com's cross-buffers): [start - (own before + new after), end + (own after + new before)].
    Normalized (merged)."""
    return merge(
        booking.interval.widened(
            booking.before_buffer + new_after, booking.after_buffer + new_before
        )
        for booking in bookings
    )


def calendar_busy(
    events: Iterable[Interval], *, new_before: timedelta, new_after: timedelta
) -> list[Interval]:
    """External calendar events: [start - new after, end + new before], normalized."""
    return merge(event.widened(new_after, new_before) for event in events)
