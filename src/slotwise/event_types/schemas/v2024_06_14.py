"""Event types in the 2024-06-14 shapes (spec/api.md §3): ``lengthInMinutes``,
``bookingWindow``, ``seats``, ``confirmationPolicy`` ... Bodies and the output."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, Tag, field_validator, model_validator

from slotwise.event_types import booking_fields
from slotwise.event_types.models import EventType, PeriodType
from slotwise.event_types.schemas.shared import (
    FREQUENCY_NAMES,
    MAX_COUNT,
    MAX_OCCURRENCES,
    MAX_RECURRENCE_INTERVAL,
    MAX_SEATS,
    MAX_WINDOW_DAYS,
    RECURRENCE_FREQUENCIES,
    TAG_SEPARATOR,
    TEXT_MAX_LENGTH,
    Disabled,
    FieldSlug,
    HexColor,
    HttpUrl,
    IsoDate,
    Length,
    Minutes,
    Phone,
    Slug,
    Text,
    Title,
    may_be_left_out,
    pick_shape,
    price_and_currency,
    sent_fields,
    shapes,
)
from slotwise.event_types.service import MAX_MINUTES
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.users.models import User

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

# --- 2024-06-14 nested settings ----------------------------------------------------------


class AddressLocation(V2Input):
    type: Literal["address"]
    address: Annotated[str, Field(min_length=1, max_length=TEXT_MAX_LENGTH)]
    public: bool


class LinkLocation(V2Input):
    type: Literal["link"]
    link: HttpUrl
    public: bool


class IntegrationLocation(V2Input):
    type: Literal["integration"]
    integration: Literal["cal-video", "google-meet", "office365-video", "zoom"]


class PhoneLocation(V2Input):
    type: Literal["phone"]
    phone: Phone
    public: bool


class AttendeeAddressLocation(V2Input):
    type: Literal["attendeeAddress"]


class AttendeePhoneLocation(V2Input):
    type: Literal["attendeePhone"]


class AttendeeDefinedLocation(V2Input):
    type: Literal["attendeeDefined"]


LOCATION_SHAPES: dict[str, type[V2Input]] = {
    "address": AddressLocation,
    "link": LinkLocation,
    "integration": IntegrationLocation,
    "phone": PhoneLocation,
    "attendeeAddress": AttendeeAddressLocation,
    "attendeePhone": AttendeePhoneLocation,
    "attendeeDefined": AttendeeDefinedLocation,
}


def _location_shape(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return f"location{TAG_SEPARATOR}{kind}" if kind in LOCATION_SHAPES else None


LocationInput = Annotated[
    Annotated[AddressLocation, Tag("location:address")]
    | Annotated[LinkLocation, Tag("location:link")]
    | Annotated[IntegrationLocation, Tag("location:integration")]
    | Annotated[PhoneLocation, Tag("location:phone")]
    | Annotated[AttendeeAddressLocation, Tag("location:attendeeAddress")]
    | Annotated[AttendeePhoneLocation, Tag("location:attendeePhone")]
    | Annotated[AttendeeDefinedLocation, Tag("location:attendeeDefined")],
    shapes(_location_shape, "a location whose type is one of " + ", ".join(LOCATION_SHAPES)),
]


class _SystemFieldSettings(V2Input):
    label: Text = may_be_left_out()
    placeholder: Text = may_be_left_out()
    required: bool = may_be_left_out()
    hidden: bool = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()

    def settings(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.model_fields_set if key != "slug"}


class NameField(V2Input):
    type: Literal["name"]
    label: Text = may_be_left_out()
    placeholder: Text = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()

    def settings(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.model_fields_set if key != "type"}


class EmailField(V2Input):
    type: Literal["email"]
    label: Text = may_be_left_out()
    placeholder: Text = may_be_left_out()
    required: bool = may_be_left_out()
    hidden: bool = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()

    @model_validator(mode="after")
    def _email_stays_asked(self) -> EmailField:
        if self.required is False or self.hidden is True:
            raise ValueError(
                "the email field can be optional or hidden only for organization team event types"
            )
        return self

    def settings(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in self.model_fields_set if key != "type"}


class LocationField(V2Input):
    slug: Literal["location"]
    label: Text = may_be_left_out()

    def settings(self) -> dict[str, Any]:
        return {"label": self.label} if "label" in self.model_fields_set else {}


class TitleField(_SystemFieldSettings):
    slug: Literal["title"]


class NotesField(_SystemFieldSettings):
    slug: Literal["notes"]


class GuestsField(_SystemFieldSettings):
    slug: Literal["guests"]


class RescheduleReasonField(_SystemFieldSettings):
    slug: Literal["rescheduleReason"]


class CustomField(V2Input):
    type: Literal["phone", "address", "text", "number", "textarea", "multiemail", "boolean", "url"]
    slug: FieldSlug
    label: Text
    required: bool
    placeholder: Text = may_be_left_out()
    hidden: bool = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()


class OptionsField(V2Input):
    type: Literal["select", "multiselect", "checkbox", "radio"]
    slug: FieldSlug
    label: Text
    required: bool
    options: Annotated[list[Text], Field(min_length=1, max_length=100)]
    placeholder: Text = may_be_left_out()
    hidden: bool = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()

    @field_validator("options")
    @classmethod
    def _distinct(cls, options: list[str]) -> list[str]:
        if len(set(options)) != len(options):
            raise ValueError("options must not repeat")
        return options


SYSTEM_FIELD_SLUGS = ("title", "location", "notes", "guests", "rescheduleReason")


def _booking_field_shape(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    slug, kind = value.get("slug"), value.get("type")
    # A system field is named by its slug; output carries a type too ("text" for title),
    # so a field read back and sent again keeps meaning the system field.
    if slug in SYSTEM_FIELD_SLUGS:
        return f"field{TAG_SEPARATOR}{slug}"
    if kind in ("name", "email"):
        return f"field{TAG_SEPARATOR}{kind}"
    if kind in booking_fields.PLAIN_TYPES:
        return f"field{TAG_SEPARATOR}custom"
    if kind in booking_fields.OPTION_TYPES:
        return f"field{TAG_SEPARATOR}options"
    return None


BookingFieldInput = Annotated[
    Annotated[NameField, Tag("field:name")]
    | Annotated[EmailField, Tag("field:email")]
    | Annotated[TitleField, Tag("field:title")]
    | Annotated[LocationField, Tag("field:location")]
    | Annotated[NotesField, Tag("field:notes")]
    | Annotated[GuestsField, Tag("field:guests")]
    | Annotated[RescheduleReasonField, Tag("field:rescheduleReason")]
    | Annotated[CustomField, Tag("field:custom")]
    | Annotated[OptionsField, Tag("field:options")],
    shapes(
        _booking_field_shape,
        "a default field ({type: name|email} or {slug: title|location|notes|guests|"
        "rescheduleReason}) or a custom field whose type is one of "
        + ", ".join(booking_fields.CUSTOM_TYPES),
    ),
]
AnyBookingField = (
    NameField
    | EmailField
    | TitleField
    | LocationField
    | NotesField
    | GuestsField
    | RescheduleReasonField
    | CustomField
    | OptionsField
)


def stored_booking_form(fields: list[AnyBookingField]) -> list[dict[str, Any]]:
    """A 2024-06-14 bookingFields list as the stored form."""
    system: dict[str, dict[str, Any]] = {}
    custom: list[dict[str, Any]] = []
    for field in fields:
        if isinstance(field, CustomField | OptionsField):
            custom.append(
                booking_fields.custom_field(
                    name=field.slug,
                    type_=field.type,
                    label=field.label,
                    required=field.required,
                    hidden=bool(field.hidden),
                    placeholder=field.placeholder,
                    options=(
                        [{"label": option, "value": option} for option in field.options]
                        if isinstance(field, OptionsField)
                        else None
                    ),
                    disable_on_prefill=field.disableOnPrefill,
                )
            )
        elif isinstance(field, NameField | EmailField):
            system[field.type] = field.settings()
        else:
            system[field.slug] = field.settings()
    return booking_fields.booking_form(system, custom)


def _field_key(field: AnyBookingField) -> str:
    if isinstance(field, NameField | EmailField):
        return field.type
    return field.slug


def check_field_slugs(fields: list[AnyBookingField]) -> list[AnyBookingField]:
    keys = [_field_key(field) for field in fields]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"each field appears once; repeated: {', '.join(duplicates)}")
    for field in fields:
        if isinstance(field, CustomField | OptionsField) and (
            field.slug in booking_fields.SYSTEM_FIELDS or field.slug == "attendeePhoneNumber"
        ):
            raise ValueError(
                f"the slug {field.slug} belongs to a default field; send it as "
                f"{{slug: {field.slug}}} to change that field"
            )
    return fields


class IntervalLimits(V2Input):
    day: int = may_be_left_out(ge=1, le=MAX_COUNT)
    week: int = may_be_left_out(ge=1, le=MAX_COUNT)
    month: int = may_be_left_out(ge=1, le=MAX_COUNT)
    year: int = may_be_left_out(ge=1, le=MAX_COUNT)

    def stored(self) -> dict[str, int]:
        """Cal.com's stored keys, PER_DAY ... PER_YEAR."""
        return {
            f"PER_{key.upper()}": getattr(self, key)
            for key in ("day", "week", "month", "year")
            if key in self.model_fields_set
        }


IntervalLimitsInput = Annotated[
    Annotated[IntervalLimits, Tag("limits:values")] | Annotated[Disabled, Tag("limits:disabled")],
    shapes(
        pick_shape(
            "limits",
            {"values": ("day", "week", "month", "year"), "disabled": ("disabled",)},
            default="values",
        ),
        "{day?, week?, month?, year?} or {disabled: true}",
    ),
]


def limits_output(stored: Mapping[str, Any] | None) -> dict[str, int]:
    names = {"PER_DAY": "day", "PER_WEEK": "week", "PER_MONTH": "month", "PER_YEAR": "year"}
    return {names[key]: value for key, value in (stored or {}).items() if key in names}


class BusinessDaysWindow(V2Input):
    type: Literal["businessDays"]
    value: int = Field(ge=0, le=MAX_WINDOW_DAYS)
    rolling: bool = may_be_left_out()


class CalendarDaysWindow(V2Input):
    type: Literal["calendarDays"]
    value: int = Field(ge=0, le=MAX_WINDOW_DAYS)
    rolling: bool = may_be_left_out()


class RangeWindow(V2Input):
    type: Literal["range"]
    value: Annotated[list[IsoDate], Field(min_length=2, max_length=2)]

    @field_validator("value")
    @classmethod
    def _real_dates_in_order(cls, value: list[str]) -> list[str]:
        try:
            start, end = (date.fromisoformat(day) for day in value)
        except ValueError as exc:
            raise ValueError(f"must be two dates YYYY-MM-DD ({exc})") from exc
        if end < start:
            raise ValueError(f"the range ends ({end}) before it starts ({start})")
        return value


def _window_shape(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind in ("businessDays", "calendarDays", "range"):
        return f"window{TAG_SEPARATOR}{kind}"
    if "type" not in value and "disabled" in value:
        return f"window{TAG_SEPARATOR}disabled"
    return None


BookingWindowInput = Annotated[
    Annotated[BusinessDaysWindow, Tag("window:businessDays")]
    | Annotated[CalendarDaysWindow, Tag("window:calendarDays")]
    | Annotated[RangeWindow, Tag("window:range")]
    | Annotated[Disabled, Tag("window:disabled")],
    shapes(
        _window_shape,
        "{type: businessDays|calendarDays, value: days, rolling?}, "
        "{type: range, value: [start, end]} or {disabled: true}",
    ),
]


def booking_window_attributes(
    window: BusinessDaysWindow | CalendarDaysWindow | RangeWindow | Disabled,
) -> dict[str, Any]:
    """bookingWindow -> the period_* columns (spec §3.1's table)."""
    cleared: dict[str, Any] = {
        "period_type": PeriodType.UNLIMITED.value,
        "period_days": None,
        "period_count_calendar_days": None,
        "period_start_date": None,
        "period_end_date": None,
    }
    if isinstance(window, BusinessDaysWindow | CalendarDaysWindow):
        rolling = bool(window.rolling)
        return cleared | {
            "period_type": (PeriodType.ROLLING_WINDOW if rolling else PeriodType.ROLLING).value,
            "period_days": window.value,
            "period_count_calendar_days": isinstance(window, CalendarDaysWindow),
        }
    if isinstance(window, RangeWindow):
        start, end = (date.fromisoformat(day) for day in window.value)
        return cleared | {
            "period_type": PeriodType.RANGE.value,
            "period_start_date": start,
            "period_end_date": end,
        }
    return cleared


def booking_window_output(event_type: EventType) -> dict[str, Any]:
    """The period_* columns -> bookingWindow (the table read backwards)."""
    period = event_type.period_type
    if period == PeriodType.RANGE and event_type.period_start_date and event_type.period_end_date:
        return {
            "type": "range",
            "value": [
                event_type.period_start_date.isoformat(),
                event_type.period_end_date.isoformat(),
            ],
        }
    if period in (PeriodType.ROLLING, PeriodType.ROLLING_WINDOW):
        calendar = event_type.period_count_calendar_days is not False
        return {
            "type": "calendarDays" if calendar else "businessDays",
            "value": event_type.period_days or 0,
            "rolling": period == PeriodType.ROLLING_WINDOW,
        }
    return {"disabled": True}


class Seats(V2Input):
    seatsPerTimeSlot: int = Field(ge=1, le=MAX_SEATS)
    showAttendeeInfo: bool = may_be_left_out()
    showAvailabilityCount: bool = may_be_left_out()


SeatsInput = Annotated[
    Annotated[Seats, Tag("seats:enabled")] | Annotated[Disabled, Tag("seats:disabled")],
    shapes(
        pick_shape(
            "seats",
            {"enabled": ("seatsPerTimeSlot",), "disabled": ("disabled",)},
            default="enabled",
        ),
        "{seatsPerTimeSlot, showAttendeeInfo?, showAvailabilityCount?} or {disabled: true}",
    ),
]


class NoticeThreshold(V2Input):
    unit: Literal["minutes", "hours"]
    count: int = Field(ge=1, le=MAX_MINUTES)


class ConfirmationPolicy(V2Input):
    type: Literal["always", "time"]
    noticeThreshold: NoticeThreshold = may_be_left_out()
    blockUnconfirmedBookingsInBooker: bool = may_be_left_out()

    @model_validator(mode="after")
    def _time_needs_threshold(self) -> ConfirmationPolicy:
        if self.type == "time" and self.noticeThreshold is None:
            raise ValueError('a "time" policy needs a noticeThreshold {unit, count}')
        return self


ConfirmationPolicyInput = Annotated[
    Annotated[ConfirmationPolicy, Tag("confirmation:policy")]
    | Annotated[Disabled, Tag("confirmation:disabled")],
    shapes(
        pick_shape(
            "confirmation",
            {"policy": ("type", "noticeThreshold"), "disabled": ("disabled",)},
            default="policy",
        ),
        "{type: always|time, noticeThreshold?, blockUnconfirmedBookingsInBooker?} or "
        "{disabled: true}",
    ),
]


class Recurrence(V2Input):
    interval: int = Field(ge=1, le=MAX_RECURRENCE_INTERVAL)
    occurrences: int = Field(ge=1, le=MAX_OCCURRENCES)
    frequency: Literal["yearly", "monthly", "weekly"]


RecurrenceInput = Annotated[
    Annotated[Recurrence, Tag("recurrence:enabled")]
    | Annotated[Disabled, Tag("recurrence:disabled")],
    shapes(
        pick_shape(
            "recurrence",
            {"enabled": ("interval", "occurrences", "frequency"), "disabled": ("disabled",)},
            default="enabled",
        ),
        "{interval, occurrences, frequency: yearly|monthly|weekly} or {disabled: true}",
    ),
]


def recurrence_output(stored: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not stored:
        return None
    return {
        "interval": stored.get("interval"),
        "occurrences": stored.get("count"),
        "frequency": FREQUENCY_NAMES.get(int(stored.get("freq", 2)), "weekly"),
    }


class ActiveBookingsLimit(V2Input):
    maximumActiveBookings: int = may_be_left_out(ge=1, le=MAX_COUNT)
    offerReschedule: bool = may_be_left_out()

    @model_validator(mode="after")
    def _says_something(self) -> ActiveBookingsLimit:
        if self.maximumActiveBookings is None:
            raise ValueError("needs maximumActiveBookings (or send {disabled: true})")
        return self


ActiveBookingsLimitInput = Annotated[
    Annotated[ActiveBookingsLimit, Tag("active:limit")]
    | Annotated[Disabled, Tag("active:disabled")],
    shapes(
        pick_shape(
            "active",
            {"limit": ("maximumActiveBookings", "offerReschedule"), "disabled": ("disabled",)},
            default="limit",
        ),
        "{maximumActiveBookings, offerReschedule?} or {disabled: true}",
    ),
]

Layout = Literal["month", "week", "column"]


class BookerLayouts(V2Input):
    defaultLayout: Layout
    enabledLayouts: Annotated[list[Layout], Field(min_length=1, max_length=3)]

    @model_validator(mode="after")
    def _default_is_enabled(self) -> BookerLayouts:
        if len(set(self.enabledLayouts)) != len(self.enabledLayouts):
            raise ValueError("enabledLayouts must not repeat a layout")
        if self.defaultLayout not in self.enabledLayouts:
            raise ValueError("defaultLayout must be one of enabledLayouts")
        return self


class EventTypeColor(V2Input):
    lightThemeHex: HexColor
    darkThemeHex: HexColor


class DestinationCalendar(V2Input):
    integration: Annotated[str, Field(min_length=1, max_length=100)]
    externalId: Annotated[str, Field(min_length=1, max_length=TEXT_MAX_LENGTH)]


class CalVideoSettings(V2Input):
    disableRecordingForOrganizer: bool = may_be_left_out()
    disableRecordingForGuests: bool = may_be_left_out()
    redirectUrlOnExit: HttpUrl | None = None
    enableAutomaticRecordingForOrganizer: bool = may_be_left_out()
    enableAutomaticTranscription: bool = may_be_left_out()
    disableTranscriptionForGuests: bool = may_be_left_out()
    disableTranscriptionForOrganizer: bool = may_be_left_out()
    sendTranscriptionEmails: bool = may_be_left_out()


class DisableCancelling(V2Input):
    disabled: bool


class DisableRescheduling(V2Input):
    disabled: bool
    minutesBefore: int = may_be_left_out(ge=1, le=MAX_MINUTES)


# --- 2024-06-14 bodies -------------------------------------------------------------------------

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

    _check_booking_fields = field_validator("bookingFields")(check_field_slugs)

    def attribute_changes(self) -> dict[str, Any]:
        """The fields the client sent, as model attributes (nested settings spread over the
        columns they are stored in)."""
        changes: dict[str, Any] = {}
        sent = self.model_fields_set
        for field in sent & PLAIN_FIELDS_2024_06_14.keys():
            changes[PLAIN_FIELDS_2024_06_14[field]] = getattr(self, field)
        if "locations" in sent:
            changes["locations"] = [location.model_dump() for location in self.locations]
        if "bookingFields" in sent:
            changes["booking_fields"] = stored_booking_form(self.bookingFields)
        for field, attribute in (
            ("bookingLimitsCount", "booking_limits_count"),
            ("bookingLimitsDuration", "booking_limits_duration"),
        ):
            if field in sent:
                limits = getattr(self, field)
                changes[attribute] = limits.stored() if isinstance(limits, IntervalLimits) else {}
        if "bookerActiveBookingsLimit" in sent:
            limit = self.bookerActiveBookingsLimit
            if isinstance(limit, ActiveBookingsLimit):
                changes["max_active_bookings_per_booker"] = limit.maximumActiveBookings
                changes["max_active_bookings_offer_reschedule"] = bool(limit.offerReschedule)
            else:
                changes["max_active_bookings_per_booker"] = None
                changes["max_active_bookings_offer_reschedule"] = False
        if "bookingWindow" in sent:
            changes |= booking_window_attributes(self.bookingWindow)
        if "bookerLayouts" in sent:
            changes["booker_layouts"] = (
                self.bookerLayouts.model_dump() if self.bookerLayouts else None
            )
        if "confirmationPolicy" in sent:
            changes |= _confirmation_attributes(self.confirmationPolicy)
        if "recurrence" in sent:
            recurrence = self.recurrence
            changes["recurrence"] = (
                {
                    "freq": RECURRENCE_FREQUENCIES[recurrence.frequency],
                    "interval": recurrence.interval,
                    "count": recurrence.occurrences,
                }
                if isinstance(recurrence, Recurrence)
                else None
            )
        if "color" in sent:
            changes["color"] = self.color.model_dump() if self.color else None
        if "seats" in sent:
            changes |= _seats_attributes(self.seats)
        if "destinationCalendar" in sent:
            calendar = self.destinationCalendar
            changes["destination_calendar"] = calendar.model_dump() if calendar else None
        if "calVideoSettings" in sent:
            video = self.calVideoSettings
            changes["cal_video_settings"] = sent_fields(video) if video else None
        if "disableCancelling" in sent:
            changes["disable_cancelling"] = self.disableCancelling.disabled
        if "disableRescheduling" in sent:
            rescheduling = self.disableRescheduling
            changes["disable_rescheduling"] = rescheduling.disabled
            changes["minimum_reschedule_notice"] = (
                None if rescheduling.disabled else rescheduling.minutesBefore
            )
        return changes


def _confirmation_attributes(policy: ConfirmationPolicy | Disabled) -> dict[str, Any]:
    if isinstance(policy, ConfirmationPolicy):
        threshold = policy.noticeThreshold if policy.type == "time" else None
        return {
            "requires_confirmation": True,
            "requires_confirmation_will_block_slot": bool(policy.blockUnconfirmedBookingsInBooker),
            "requires_confirmation_threshold": (
                {"time": threshold.count, "unit": threshold.unit} if threshold else None
            ),
        }
    return {
        "requires_confirmation": False,
        "requires_confirmation_will_block_slot": False,
        "requires_confirmation_threshold": None,
    }


def _seats_attributes(seats: Seats | Disabled) -> dict[str, Any]:
    if isinstance(seats, Seats):
        return {
            "seats_per_slot": seats.seatsPerTimeSlot,
            "seats_show_attendees": bool(seats.showAttendeeInfo),
            "seats_show_availability_count": seats.showAvailabilityCount is not False,
        }
    return {
        "seats_per_slot": None,
        "seats_show_attendees": False,
        "seats_show_availability_count": True,
    }


class CreateEventTypeInput_2024_06_14(EventTypeFields_2024_06_14):
    lengthInMinutes: Length
    title: Title
    slug: Slug


class UpdateEventTypeInput_2024_06_14(EventTypeFields_2024_06_14):
    pass


# --- outputs ---------------------------------------------------------------------------------


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


class EventTypeOutput_2024_06_14(BaseModel):
    """A personal event type (spec §3.4; team-only keys are left out, as Cal.com does)."""

    id: int
    ownerId: int
    lengthInMinutes: int
    lengthInMinutesOptions: list[int]
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
    bookerLayouts: dict[str, Any] | None
    confirmationPolicy: dict[str, Any]
    requiresBookerEmailVerification: bool
    hideCalendarNotes: bool
    color: dict[str, Any] | None
    seats: dict[str, Any]
    offsetStart: int
    customName: str | None
    destinationCalendar: dict[str, Any] | None
    useDestinationCalendarEmail: bool
    hideCalendarEventDetails: bool
    hideOrganizerEmail: bool
    calVideoSettings: dict[str, Any] | None
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
            lengthInMinutesOptions=list(event_type.length_in_minutes_options or []),
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
