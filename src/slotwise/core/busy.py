"""Busy intervals: what blocks a host (spec/scheduling.md §4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from slotwise.core.intervals import Interval, Span, intervals_of, merge_spans


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
    return intervals_of(
        merge_spans(booking_spans(bookings, new_before=new_before, new_after=new_after))
    )


def booking_spans(
    bookings: Iterable[ExistingBooking], *, new_before: timedelta, new_after: timedelta
) -> list[Span]:
    """``booking_busy`` as spans, not yet merged (the engine merges every block at once)."""
    return [
        (
            booking.interval.start - (booking.before_buffer + new_after),
            booking.interval.end + (booking.after_buffer + new_before),
        )
        for booking in bookings
    ]


def calendar_busy(
    events: Iterable[Interval], *, new_before: timedelta, new_after: timedelta
) -> list[Interval]:
    """External calendar events: [start - new after, end + new before], normalized."""
    return intervals_of(
        merge_spans(calendar_spans(events, new_before=new_before, new_after=new_after))
    )


def calendar_spans(
    events: Iterable[Interval], *, new_before: timedelta, new_after: timedelta
) -> list[Span]:
    """``calendar_busy`` as spans, not yet merged."""
    return [(event.start - new_after, event.end + new_before) for event in events]
