"""The event type as 2024-06-14 clients read it (spec §3.4), and what a delete answers."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from slotwise.event_types import booking_fields
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.shared import (
    price_and_currency,
)
from slotwise.event_types.schemas.v2024_06_14.limit_inputs import limits_output
from slotwise.event_types.schemas.v2024_06_14.setting_inputs import recurrence_output
from slotwise.event_types.schemas.v2024_06_14.window_inputs import booking_window_output
from slotwise.http.envelope import absent_when_unset
from slotwise.users.models import User


class EventTypeUser(BaseModel):
    id: int
    name: str | None
    username: str | None
    avatarUrl: str | None
    weekStart: str
    brandColor: str | None
    darkBrandColor: str | None
    metadata: dict[str, Any]

    @classmethod
    def from_model(cls, user: User, *, public: bool = False) -> EventTypeUser:
        """``public``: for someone other than the user, whose metadata stays private."""
        return cls(
            id=user.id,
            name=user.name,
            username=user.username,
            avatarUrl=user.avatar_url,
            weekStart=user.week_start,
            brandColor=user.brand_color,
            darkBrandColor=user.dark_brand_color,
            metadata={} if public else dict(user.user_metadata or {}),
        )


# ``absent_when_unset``: keys Cal.com's output leaves out (undefined, not null) when the
# event type has none. Its output service maps an unset color, booker layouts, custom name,
# destination calendar and Cal Video settings to undefined, and the lengths come from
# metadata.multipleDuration, absent without several lengths. spec §3.4's ``|null`` keys
# (slotInterval, recurrence, seatsPerTimeSlot, scheduleId) stay null, as there.
_ABSENT_WHEN_UNSET = "Left out when the event type has none (as Cal.com does)"


class EventTypeOutput_2024_06_14(BaseModel):
    """A personal event type (spec §3.4; team-only keys are left out, as Cal.com does)."""

    id: int
    ownerId: int
    lengthInMinutes: int
    lengthInMinutesOptions: list[int] | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    title: str
    slug: str
    description: str
    locations: list[dict[str, Any]]
    bookingFields: list[dict[str, Any]]
    disableGuests: bool
    slotInterval: int | None
    minimumBookingNotice: int
    beforeEventBuffer: int
    afterEventBuffer: int
    recurrence: dict[str, Any] | None
    metadata: dict[str, Any]
    price: int
    currency: str
    lockTimeZoneToggleOnBookingPage: bool
    seatsPerTimeSlot: int | None
    forwardParamsSuccessRedirect: bool | None
    successRedirectUrl: str | None
    isInstantEvent: bool
    seatsShowAvailabilityCount: bool | None
    scheduleId: int | None
    bookingLimitsCount: dict[str, Any]
    bookerActiveBookingsLimit: dict[str, Any]
    onlyShowFirstAvailableSlot: bool
    bookingLimitsDuration: dict[str, Any]
    bookingWindow: dict[str, Any]
    bookerLayouts: dict[str, Any] | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    confirmationPolicy: dict[str, Any]
    requiresBookerEmailVerification: bool
    hideCalendarNotes: bool
    color: dict[str, Any] | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    seats: dict[str, Any]
    offsetStart: int
    customName: str | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    destinationCalendar: dict[str, Any] | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    useDestinationCalendarEmail: bool
    hideCalendarEventDetails: bool
    hideOrganizerEmail: bool
    calVideoSettings: dict[str, Any] | None = absent_when_unset(_ABSENT_WHEN_UNSET)
    hidden: bool
    bookingRequiresAuthentication: bool
    users: list[EventTypeUser]
    bookingUrl: str
    disableCancelling: dict[str, Any]
    disableRescheduling: dict[str, Any]
    interfaceLanguage: str | None
    allowReschedulingPastBookings: bool
    allowReschedulingCancelledBookings: bool
    showOptimizedSlots: bool

    @classmethod
    def from_model(
        cls, event_type: EventType, owner: User, *, base_url: str, public: bool = False
    ) -> EventTypeOutput_2024_06_14:
        """``public``: for someone other than the owner (hidden booking fields and the
        owner's metadata left out)."""
        form = booking_fields.with_required_fields(event_type.booking_fields)
        if public:
            form = booking_fields.visible(form)
        price, currency = price_and_currency(event_type.event_metadata)
        seated = event_type.seats_per_slot is not None
        return cls(
            id=event_type.id,
            ownerId=event_type.owner_id,
            lengthInMinutes=event_type.length_in_minutes,
            lengthInMinutesOptions=list(event_type.length_in_minutes_options or []) or None,
            title=event_type.title,
            slug=event_type.slug,
            description=event_type.description or "",
            locations=[dict(location) for location in event_type.locations],
            bookingFields=[booking_fields.to_api_2024_06_14(field) for field in form],
            disableGuests=event_type.disable_guests,
            slotInterval=event_type.slot_interval,
            minimumBookingNotice=event_type.minimum_booking_notice,
            beforeEventBuffer=event_type.before_event_buffer,
            afterEventBuffer=event_type.after_event_buffer,
            recurrence=recurrence_output(event_type.recurrence),
            metadata=dict(event_type.event_metadata or {}),
            price=price,
            currency=currency,
            lockTimeZoneToggleOnBookingPage=event_type.lock_time_zone_toggle,
            seatsPerTimeSlot=event_type.seats_per_slot,
            forwardParamsSuccessRedirect=event_type.forward_params_success_redirect,
            successRedirectUrl=event_type.success_redirect_url,
            isInstantEvent=False,
            seatsShowAvailabilityCount=event_type.seats_show_availability_count,
            scheduleId=event_type.schedule_id,
            bookingLimitsCount=limits_output(event_type.booking_limits_count),
            bookerActiveBookingsLimit=_active_limit_output(event_type),
            onlyShowFirstAvailableSlot=event_type.only_show_first_available_slot,
            bookingLimitsDuration=limits_output(event_type.booking_limits_duration),
            bookingWindow=booking_window_output(event_type),
            bookerLayouts=event_type.booker_layouts,
            confirmationPolicy=_confirmation_output(event_type),
            requiresBookerEmailVerification=event_type.requires_booker_email_verification,
            hideCalendarNotes=event_type.hide_calendar_notes,
            color=event_type.color,
            seats=(
                {
                    "seatsPerTimeSlot": event_type.seats_per_slot,
                    "showAttendeeInfo": event_type.seats_show_attendees,
                    "showAvailabilityCount": event_type.seats_show_availability_count,
                }
                if seated
                else {"disabled": True}
            ),
            offsetStart=event_type.offset_start,
            customName=event_type.custom_name,
            destinationCalendar=event_type.destination_calendar,
            useDestinationCalendarEmail=event_type.use_destination_calendar_email,
            hideCalendarEventDetails=event_type.hide_calendar_event_details,
            hideOrganizerEmail=event_type.hide_organizer_email,
            calVideoSettings=event_type.cal_video_settings,
            hidden=event_type.hidden,
            bookingRequiresAuthentication=event_type.booking_requires_authentication,
            users=[EventTypeUser.from_model(owner, public=public)],
            bookingUrl=booking_url(base_url, owner, event_type),
            disableCancelling={"disabled": event_type.disable_cancelling},
            disableRescheduling=_rescheduling_output(event_type),
            interfaceLanguage=event_type.interface_language,
            allowReschedulingPastBookings=event_type.allow_rescheduling_past_bookings,
            allowReschedulingCancelledBookings=event_type.allow_rescheduling_cancelled_bookings,
            showOptimizedSlots=event_type.show_optimized_slots,
        )


def booking_url(base_url: str, owner: User, event_type: EventType) -> str:
    return f"{base_url.rstrip('/')}/{owner.username}/{event_type.slug}"


def _active_limit_output(event_type: EventType) -> dict[str, Any]:
    maximum = event_type.max_active_bookings_per_booker
    if maximum is None and not event_type.max_active_bookings_offer_reschedule:
        return {"disabled": True}
    shown: dict[str, Any] = {"offerReschedule": event_type.max_active_bookings_offer_reschedule}
    if maximum is not None:
        shown["maximumActiveBookings"] = maximum
    return shown


def _confirmation_output(event_type: EventType) -> dict[str, Any]:
    if not event_type.requires_confirmation:
        return {"disabled": True}
    blocks = event_type.requires_confirmation_will_block_slot
    threshold = event_type.requires_confirmation_threshold
    if threshold:
        return {
            "type": "time",
            "noticeThreshold": {"unit": threshold.get("unit"), "count": threshold.get("time")},
            "blockUnconfirmedBookingsInBooker": blocks,
        }
    return {"type": "always", "blockUnconfirmedBookingsInBooker": blocks}


def _rescheduling_output(event_type: EventType) -> dict[str, Any]:
    if event_type.disable_rescheduling:
        return {"disabled": True}
    if event_type.minimum_reschedule_notice:
        return {"disabled": False, "minutesBefore": event_type.minimum_reschedule_notice}
    return {"disabled": False}


class DeletedEventTypeOutput_2024_06_14(BaseModel):
    id: int
    lengthInMinutes: int
    title: str
    slug: str

    @classmethod
    def from_model(cls, event_type: EventType) -> DeletedEventTypeOutput_2024_06_14:
        return cls(
            id=event_type.id,
            lengthInMinutes=event_type.length_in_minutes,
            title=event_type.title,
            slug=event_type.slug,
        )
