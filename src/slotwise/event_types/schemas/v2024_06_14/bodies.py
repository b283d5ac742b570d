"""The 2024-06-14 create and update bodies (spec §3.1), the field names their errors use,
and how a body becomes the service's command."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field, field_validator

from slotwise.event_types.commands import EventTypeChanges, NewEventType
from slotwise.event_types.schemas.shared import (
    Length,
    Minutes,
    Slug,
    Title,
    may_be_left_out,
    sent_fields,
)
from slotwise.event_types.schemas.v2024_06_14.booking_field_inputs import (
    BookingFieldInput,
    booking_fields_attributes,
    check_field_slugs,
)
from slotwise.event_types.schemas.v2024_06_14.limit_inputs import (
    ActiveBookingsLimitInput,
    IntervalLimitsInput,
    active_limit_attributes,
    limits_attributes,
)
from slotwise.event_types.schemas.v2024_06_14.location_inputs import (
    LocationInput,
    locations_attributes,
)
from slotwise.event_types.schemas.v2024_06_14.setting_inputs import (
    BookerLayouts,
    CalVideoSettings,
    ConfirmationPolicyInput,
    DestinationCalendar,
    DisableCancelling,
    DisableRescheduling,
    EventTypeColor,
    RecurrenceInput,
    SeatsInput,
    confirmation_attributes,
    dumped,
    recurrence_attributes,
    rescheduling_attributes,
    seats_attributes,
)
from slotwise.event_types.schemas.v2024_06_14.window_inputs import (
    BookingWindowInput,
    booking_window_attributes,
)
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId

# Model attribute -> the 2024-06-14 field a client sent it as, which its errors name (several
# attributes come from one nested field, e.g. the period_* columns from bookingWindow).
FIELD_NAMES: dict[str, str] = {
    "title": "title",
    "slug": "slug",
    "description": "description",
    "hidden": "hidden",
    "length_in_minutes": "lengthInMinutes",
    "length_in_minutes_options": "lengthInMinutesOptions",
    "slot_interval": "slotInterval",
    "minimum_booking_notice": "minimumBookingNotice",
    "before_event_buffer": "beforeEventBuffer",
    "after_event_buffer": "afterEventBuffer",
    "offset_start": "offsetStart",
    "only_show_first_available_slot": "onlyShowFirstAvailableSlot",
    "schedule_id": "scheduleId",
    "time_zone": "timeZone",
    "period_type": "bookingWindow",
    "period_days": "bookingWindow",
    "period_count_calendar_days": "bookingWindow",
    "period_start_date": "bookingWindow",
    "period_end_date": "bookingWindow",
    "booking_limits_count": "bookingLimitsCount",
    "booking_limits_duration": "bookingLimitsDuration",
    "max_active_bookings_per_booker": "bookerActiveBookingsLimit",
    "max_active_bookings_offer_reschedule": "bookerActiveBookingsLimit",
    "seats_per_slot": "seats",
    "seats_show_attendees": "seats",
    "seats_show_availability_count": "seats",
    "requires_confirmation": "confirmationPolicy",
    "requires_confirmation_will_block_slot": "confirmationPolicy",
    "requires_confirmation_threshold": "confirmationPolicy",
    "recurrence": "recurrence",
    "locations": "locations",
    "booking_fields": "bookingFields",
    "disable_guests": "disableGuests",
    "lock_time_zone_toggle": "lockTimeZoneToggleOnBookingPage",
    "requires_booker_email_verification": "requiresBookerEmailVerification",
    "booking_requires_authentication": "bookingRequiresAuthentication",
    "booker_layouts": "bookerLayouts",
    "color": "color",
    "interface_language": "interfaceLanguage",
    "show_optimized_slots": "showOptimizedSlots",
    "success_redirect_url": "successRedirectUrl",
    "forward_params_success_redirect": "forwardParamsSuccessRedirect",
    "custom_name": "customName",
    "hide_calendar_notes": "hideCalendarNotes",
    "hide_calendar_event_details": "hideCalendarEventDetails",
    "hide_organizer_email": "hideOrganizerEmail",
    "use_destination_calendar_email": "useDestinationCalendarEmail",
    "destination_calendar": "destinationCalendar",
    "cal_video_settings": "calVideoSettings",
    "disable_cancelling": "disableCancelling",
    "disable_rescheduling": "disableRescheduling",
    "minimum_reschedule_notice": "disableRescheduling",
    "allow_rescheduling_past_bookings": "allowReschedulingPastBookings",
    "allow_rescheduling_cancelled_bookings": "allowReschedulingCancelledBookings",
    "event_metadata": "metadata",
}

# 2024-06-14 field -> model attribute, for the fields that map one to one.
PLAIN_FIELDS_2024_06_14: dict[str, str] = {
    "lengthInMinutes": "length_in_minutes",
    "lengthInMinutesOptions": "length_in_minutes_options",
    "title": "title",
    "slug": "slug",
    "description": "description",
    "disableGuests": "disable_guests",
    "slotInterval": "slot_interval",
    "minimumBookingNotice": "minimum_booking_notice",
    "beforeEventBuffer": "before_event_buffer",
    "afterEventBuffer": "after_event_buffer",
    "scheduleId": "schedule_id",
    "onlyShowFirstAvailableSlot": "only_show_first_available_slot",
    "offsetStart": "offset_start",
    "requiresBookerEmailVerification": "requires_booker_email_verification",
    "hideCalendarNotes": "hide_calendar_notes",
    "lockTimeZoneToggleOnBookingPage": "lock_time_zone_toggle",
    "customName": "custom_name",
    "useDestinationCalendarEmail": "use_destination_calendar_email",
    "hideCalendarEventDetails": "hide_calendar_event_details",
    "successRedirectUrl": "success_redirect_url",
    "hideOrganizerEmail": "hide_organizer_email",
    "hidden": "hidden",
    "bookingRequiresAuthentication": "booking_requires_authentication",
    "interfaceLanguage": "interface_language",
    "allowReschedulingPastBookings": "allow_rescheduling_past_bookings",
    "allowReschedulingCancelledBookings": "allow_rescheduling_cancelled_bookings",
    "showOptimizedSlots": "show_optimized_slots",
    "metadata": "event_metadata",
}


class EventTypeFields_2024_06_14(V2Input):
    """Every field of CreateEventTypeInput_2024_06_14 (spec §3.1), all optional: PATCH."""

    lengthInMinutes: Length = may_be_left_out()
    lengthInMinutesOptions: Annotated[list[Length], Field(min_length=1, max_length=50)] | None = (
        None
    )
    title: Title = may_be_left_out()
    slug: Slug = may_be_left_out()
    description: str | None = None
    locations: Annotated[list[LocationInput], Field(min_length=1, max_length=20)] = (
        may_be_left_out()
    )
    bookingFields: Annotated[list[BookingFieldInput], Field(max_length=50)] = may_be_left_out()
    disableGuests: bool = may_be_left_out()
    slotInterval: Minutes | None = None
    minimumBookingNotice: Minutes = may_be_left_out()
    beforeEventBuffer: Minutes = may_be_left_out()
    afterEventBuffer: Minutes = may_be_left_out()
    scheduleId: DatabaseId | None = None
    bookingLimitsCount: IntervalLimitsInput = may_be_left_out()
    bookerActiveBookingsLimit: ActiveBookingsLimitInput = may_be_left_out()
    onlyShowFirstAvailableSlot: bool = may_be_left_out()
    bookingLimitsDuration: IntervalLimitsInput = may_be_left_out()
    bookingWindow: BookingWindowInput = may_be_left_out()
    offsetStart: Minutes = may_be_left_out()
    bookerLayouts: BookerLayouts | None = None
    confirmationPolicy: ConfirmationPolicyInput = may_be_left_out()
    recurrence: RecurrenceInput | None = None
    requiresBookerEmailVerification: bool = may_be_left_out()
    hideCalendarNotes: bool = may_be_left_out()
    lockTimeZoneToggleOnBookingPage: bool = may_be_left_out()
    color: EventTypeColor | None = None
    seats: SeatsInput = may_be_left_out()
    customName: str | None = None
    destinationCalendar: DestinationCalendar | None = None
    useDestinationCalendarEmail: bool = may_be_left_out()
    hideCalendarEventDetails: bool = may_be_left_out()
    successRedirectUrl: str | None = None
    hideOrganizerEmail: bool = may_be_left_out()
    calVideoSettings: CalVideoSettings | None = None
    hidden: bool = may_be_left_out()
    bookingRequiresAuthentication: bool = may_be_left_out()
    disableCancelling: DisableCancelling = may_be_left_out()
    disableRescheduling: DisableRescheduling = may_be_left_out()
    interfaceLanguage: str | None = None
    allowReschedulingPastBookings: bool = may_be_left_out()
    allowReschedulingCancelledBookings: bool = may_be_left_out()
    showOptimizedSlots: bool = may_be_left_out()
    # Cal.com's event-type metadata; ``apps.stripe`` / ``apps.manual`` set the price
    # (event_types/payment_settings.py checks them).
    metadata: dict[str, Any] = may_be_left_out()

    _check_booking_fields = field_validator("bookingFields")(check_field_slugs)

    def sent_attributes(self) -> dict[str, Any]:
        """The fields the client sent, as model attributes (nested settings spread over the
        columns they are stored in)."""
        sent = self.model_fields_set
        attributes = {
            attribute: getattr(self, field)
            for field, attribute in PLAIN_FIELDS_2024_06_14.items()
            if field in sent
        }
        for field, stored in NESTED_FIELDS_2024_06_14.items():
            if field in sent:
                attributes |= stored(getattr(self, field))
        return attributes


# 2024-06-14 nested field -> the model attributes it sets.
NESTED_FIELDS_2024_06_14: dict[str, Callable[[Any], dict[str, Any]]] = {
    "locations": locations_attributes,
    "bookingFields": booking_fields_attributes,
    "bookingLimitsCount": limits_attributes("booking_limits_count"),
    "bookingLimitsDuration": limits_attributes("booking_limits_duration"),
    "bookerActiveBookingsLimit": active_limit_attributes,
    "bookingWindow": booking_window_attributes,
    "bookerLayouts": dumped("booker_layouts"),
    "confirmationPolicy": confirmation_attributes,
    "recurrence": recurrence_attributes,
    "color": dumped("color"),
    "seats": seats_attributes,
    "destinationCalendar": dumped("destination_calendar"),
    "calVideoSettings": lambda video: {"cal_video_settings": sent_fields(video) if video else None},
    "disableCancelling": lambda cancelling: {"disable_cancelling": cancelling.disabled},
    "disableRescheduling": rescheduling_attributes,
}


class CreateEventTypeInput_2024_06_14(EventTypeFields_2024_06_14):
    lengthInMinutes: Length
    title: Title
    slug: Slug

    def to_command(self) -> NewEventType:
        return NewEventType(**self.sent_attributes())


class UpdateEventTypeInput_2024_06_14(EventTypeFields_2024_06_14):
    def to_command(self) -> EventTypeChanges:
        return EventTypeChanges(**self.sent_attributes())
