"""What a caller asks of the event types service: a new event type (``NewEventType``) or a
change to one (``EventTypeChanges``).

Each face (the 2024-06-14 and legacy API versions, the demo data) builds these from its own
input. Fields are the model's attributes in their stored shapes (``models.py`` documents the
JSON ones), so the service's errors name attributes and each face renames them to its own
fields (``errors.fields_named``). A field left ``UNSET`` was not given: a new event type takes
the default, a change keeps the stored value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from slotwise.commands import UNSET, Maybe, given_fields

StoredDocument = dict[str, Any]  # a JSON setting in its stored shape


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTypeSettings:
    """Every setting besides title, slug and length."""

    description: Maybe[str | None] = UNSET
    hidden: Maybe[bool] = UNSET
    # durations and the slot grid
    length_in_minutes_options: Maybe[list[int] | None] = UNSET
    slot_interval: Maybe[int | None] = UNSET
    minimum_booking_notice: Maybe[int] = UNSET
    before_event_buffer: Maybe[int] = UNSET
    after_event_buffer: Maybe[int] = UNSET
    offset_start: Maybe[int] = UNSET
    only_show_first_available_slot: Maybe[bool] = UNSET
    schedule_id: Maybe[int | None] = UNSET
    time_zone: Maybe[str | None] = UNSET
    # booking window (spec/scheduling.md §5)
    period_type: Maybe[str] = UNSET
    period_days: Maybe[int | None] = UNSET
    period_count_calendar_days: Maybe[bool | None] = UNSET
    period_start_date: Maybe[date | None] = UNSET
    period_end_date: Maybe[date | None] = UNSET
    # limits: {"PER_DAY": n, ... "PER_YEAR": n}
    booking_limits_count: Maybe[dict[str, int]] = UNSET
    booking_limits_duration: Maybe[dict[str, int]] = UNSET
    max_active_bookings_per_booker: Maybe[int | None] = UNSET
    max_active_bookings_offer_reschedule: Maybe[bool] = UNSET
    # seats, confirmation, recurrence
    seats_per_slot: Maybe[int | None] = UNSET
    seats_show_attendees: Maybe[bool] = UNSET
    seats_show_availability_count: Maybe[bool] = UNSET
    requires_confirmation: Maybe[bool] = UNSET
    requires_confirmation_will_block_slot: Maybe[bool] = UNSET
    requires_confirmation_threshold: Maybe[StoredDocument | None] = UNSET
    recurrence: Maybe[dict[str, int] | None] = UNSET
    # booking form and page
    locations: Maybe[list[StoredDocument]] = UNSET
    booking_fields: Maybe[list[StoredDocument]] = UNSET
    disable_guests: Maybe[bool] = UNSET
    lock_time_zone_toggle: Maybe[bool] = UNSET
    requires_booker_email_verification: Maybe[bool] = UNSET
    booking_requires_authentication: Maybe[bool] = UNSET
    booker_layouts: Maybe[StoredDocument | None] = UNSET
    color: Maybe[dict[str, str] | None] = UNSET
    interface_language: Maybe[str | None] = UNSET
    show_optimized_slots: Maybe[bool] = UNSET
    success_redirect_url: Maybe[str | None] = UNSET
    forward_params_success_redirect: Maybe[bool] = UNSET
    # calendar event, cancelling, rescheduling
    custom_name: Maybe[str | None] = UNSET
    hide_calendar_notes: Maybe[bool] = UNSET
    hide_calendar_event_details: Maybe[bool] = UNSET
    hide_organizer_email: Maybe[bool] = UNSET
    use_destination_calendar_email: Maybe[bool] = UNSET
    destination_calendar: Maybe[dict[str, str] | None] = UNSET
    cal_video_settings: Maybe[StoredDocument | None] = UNSET
    disable_cancelling: Maybe[bool] = UNSET
    disable_rescheduling: Maybe[bool] = UNSET
    minimum_reschedule_notice: Maybe[int | None] = UNSET
    allow_rescheduling_past_bookings: Maybe[bool] = UNSET
    allow_rescheduling_cancelled_bookings: Maybe[bool] = UNSET
    event_metadata: Maybe[StoredDocument] = UNSET

    def given(self) -> dict[str, Any]:
        """The fields given (not UNSET), by attribute."""
        return given_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewEventType(EventTypeSettings):
    """A new personal event type: title, slug and length are required."""

    title: str
    slug: str
    length_in_minutes: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EventTypeChanges(EventTypeSettings):
    """A partial change: what is UNSET keeps its stored value."""

    title: Maybe[str] = UNSET
    slug: Maybe[str] = UNSET
    length_in_minutes: Maybe[int] = UNSET
