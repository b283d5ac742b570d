"""What bookings publish when a booking changes: the change and a snapshot of the booking.

Subscribers (emails, webhooks; later workflows, calendars, payments) learn everything they
need from the event and never read the booking tables back. The snapshots keep the models'
attribute names, so code written against a row reads a snapshot the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slotwise.event_types.payment_settings import PaymentSettings


class Change(enum.StrEnum):
    CREATED = "created"  # accepted at once (Cal.com's BOOKING_CREATED)
    REQUESTED = "requested"  # pending the host's confirmation (BOOKING_REQUESTED)
    CONFIRMED = "confirmed"  # pending -> accepted (BOOKING_CREATED, as Cal.com sends)
    REJECTED = "rejected"  # pending -> rejected (BOOKING_REJECTED)
    CANCELLED = "cancelled"  # BOOKING_CANCELLED
    RESCHEDULED = "rescheduled"  # recorded on the new booking (BOOKING_RESCHEDULED)
    SEAT_ADDED = "seat_added"  # a seat taken on an existing seated booking
    SEAT_CANCELLED = "seat_cancelled"  # one seat given up
    NO_SHOW_UPDATED = "no_show_updated"  # BOOKING_NO_SHOW_UPDATED
    ATTENDEE_ADDED = "attendee_added"  # /v1/attendees
    ATTENDEE_UPDATED = "attendee_updated"
    ATTENDEE_REMOVED = "attendee_removed"
    LOCATION_CHANGED = "location_changed"  # PATCH /location (Cal.com sends no webhook)
    GUESTS_ADDED = "guests_added"  # POST /guests (no webhook either)
    REASSIGNED = "reassigned"  # a round-robin booking moved to another host
    # A paid event type's booking: made awaiting its payment (BOOKING_PAYMENT_INITIATED),
    # then paid (BOOKING_PAID; recorded before the confirmed / requested that follows).
    PAYMENT_INITIATED = "payment_initiated"
    PAID = "paid"


@dataclass(frozen=True, slots=True)
class HostSnapshot:
    id: int
    name: str
    email: str
    username: str
    time_zone: str
    locale: str | None
    time_format: int


@dataclass(frozen=True, slots=True)
class AttendeeSnapshot:
    name: str
    email: str
    time_zone: str
    locale: str | None
    no_show: bool
    seat_uid: str | None
    time_format: int | None  # the booker's 12/24 choice, if the booking page gave one
    seat_responses: Mapping[str, Any] | None
    phone_number: str | None = None  # E.164, when the booker gave one (workflows text it)


@dataclass(frozen=True, slots=True)
class EventTypeSnapshot:
    id: int
    slug: str
    title: str
    description: str | None
    requires_confirmation: bool
    seats_per_slot: int | None
    seats_show_attendees: bool
    payment: PaymentSettings | None = None  # a paid event type's price and payment app
    team_id: int | None = None  # a team event type's team (its webhooks name the team)
    team_name: str | None = None


@dataclass(frozen=True, slots=True)
class BookingSnapshot:
    id: int
    uid: str
    user_id: int
    event_type_id: int | None
    title: str
    description: str | None
    start_time: datetime
    end_time: datetime
    status: str
    location: str | None
    responses: Mapping[str, Any]
    booking_metadata: Mapping[str, Any]
    language: str
    cancellation_reason: str | None
    rejection_reason: str | None
    rescheduling_reason: str | None
    rescheduled_by_email: str | None
    from_reschedule: str | None
    recurring_event_id: str | None
    ics_uid: str
    ics_sequence: int
    paid: bool = False
    cancelled_by_email: str | None = None  # who cancelled with their key (None: the booker)


@dataclass(frozen=True, slots=True)
class BookingChanged:
    """One booking changed. ``details`` says what only the change knows (a reason, the seat
    concerned, the time a reschedule moved from). ``replaced_booking_id``: a reschedule's
    old booking, which stopped being on the calendar. ``announced_with_series``: the change
    was made to several occurrences at once and a ``SeriesChanged`` announces them together
    to people (machines, such as webhooks, still hear of each booking)."""

    change: Change
    at: datetime
    booking: BookingSnapshot
    host: HostSnapshot
    event_type: EventTypeSnapshot | None
    attendees: tuple[AttendeeSnapshot, ...]
    details: Mapping[str, Any]
    replaced_booking_id: int | None = None
    announced_with_series: bool = False
    team_hosts: tuple[HostSnapshot, ...] = ()  # a team booking's other hosts


@dataclass(frozen=True, slots=True)
class SeriesChanged:
    """One change made to several occurrences of a series at once (booked, confirmed,
    declined or cancelled together). ``attendees``: who to tell (on a seated series, only
    the booker, never the other seats)."""

    change: Change
    at: datetime
    bookings: tuple[BookingSnapshot, ...]
    host: HostSnapshot
    attendees: tuple[AttendeeSnapshot, ...]
    details: Mapping[str, Any]
