"""Cal.com's webhook triggers (spec/api.md §10) and which booking change fires which."""

from __future__ import annotations

import enum


class Trigger(enum.StrEnum):
    BOOKING_CREATED = "BOOKING_CREATED"
    BOOKING_RESCHEDULED = "BOOKING_RESCHEDULED"
    BOOKING_CANCELLED = "BOOKING_CANCELLED"
    BOOKING_REQUESTED = "BOOKING_REQUESTED"
    BOOKING_REJECTED = "BOOKING_REJECTED"
    BOOKING_PAYMENT_INITIATED = "BOOKING_PAYMENT_INITIATED"
    BOOKING_PAID = "BOOKING_PAID"
    BOOKING_NO_SHOW_UPDATED = "BOOKING_NO_SHOW_UPDATED"
    MEETING_STARTED = "MEETING_STARTED"
    MEETING_ENDED = "MEETING_ENDED"
    RECORDING_READY = "RECORDING_READY"
    RECORDING_TRANSCRIPTION_GENERATED = "RECORDING_TRANSCRIPTION_GENERATED"
    INSTANT_MEETING = "INSTANT_MEETING"
    OOO_CREATED = "OOO_CREATED"
    AFTER_HOSTS_CAL_VIDEO_NO_SHOW = "AFTER_HOSTS_CAL_VIDEO_NO_SHOW"
    AFTER_GUESTS_CAL_VIDEO_NO_SHOW = "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"
    FORM_SUBMITTED = "FORM_SUBMITTED"
    FORM_SUBMITTED_NO_EVENT = "FORM_SUBMITTED_NO_EVENT"
    DELEGATION_CREDENTIAL_ERROR = "DELEGATION_CREDENTIAL_ERROR"
    WRONG_ASSIGNMENT_REPORT = "WRONG_ASSIGNMENT_REPORT"
    # Named only in Cal.com's documentation examples; accepted and stored as Cal.com does.
    BOOKING_CONFIRMED = "BOOKING_CONFIRMED"
    BOOKING_COMPLETED = "BOOKING_COMPLETED"
    BOOKING_NO_SHOW = "BOOKING_NO_SHOW"
    BOOKING_REOPENED = "BOOKING_REOPENED"


# bookings.changes.Change value -> the trigger Cal.com sends for it. A confirmed booking
# fires BOOKING_CREATED, as Cal.com does; a new seat is a booking created for its attendee.
BY_BOOKING_CHANGE: dict[str, Trigger] = {
    "created": Trigger.BOOKING_CREATED,
    "requested": Trigger.BOOKING_REQUESTED,
    "confirmed": Trigger.BOOKING_CREATED,
    "rejected": Trigger.BOOKING_REJECTED,
    "cancelled": Trigger.BOOKING_CANCELLED,
    "rescheduled": Trigger.BOOKING_RESCHEDULED,
    "no_show_updated": Trigger.BOOKING_NO_SHOW_UPDATED,
    "seat_added": Trigger.BOOKING_CREATED,
    "seat_cancelled": Trigger.BOOKING_CANCELLED,
    "payment_initiated": Trigger.BOOKING_PAYMENT_INITIATED,
    "paid": Trigger.BOOKING_PAID,
}

# Changes that put a booking on the calendar: its MEETING_STARTED/ENDED rows are written even
# when their time has come already (later changes only refresh the ones still to come).
MEETING_BEGINS = frozenset({"created", "confirmed"})
