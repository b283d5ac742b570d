"""Event types in the legacy shapes (2024-04-15; 2024-06-11 gets the same), spec/legacy.md
§1: Cal.com's stored names (``length``, ``periodType``, ``seatsPerTimeSlot`` ...), the
wrapped GET, the grouped list and the public booking-page reads."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from slotwise.event_types import booking_fields, locations
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.shared import (
    MAX_SEATS,
    TEXT_MAX_LENGTH,
    FieldSlug,
    HttpUrl,
    Length,
    Minutes,
    Phone,
    Slug,
    Text,
    Title,
    may_be_left_out,
    price_and_currency,
    sent_fields,
)
from slotwise.event_types.schemas.v2024_06_14 import FIELD_NAMES
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.users.models import User

# --- legacy bodies (2024-04-15, 2024-06-11) ----------------------------------------------------

LegacyLocationType = Literal[
    "inPerson",
    "link",
    "userPhone",
    "integrations:daily",
    "integrations:google:meet",
    "integrations:office365_video",
    "integrations:zoom",
    "attendeeInPerson",
    "phone",
    "somewhereElse",
]


class LegacyLocation(V2Input):
    """Cal.com's stored location shape, as legacy clients send it."""

    type: LegacyLocationType
    address: Annotated[str, Field(min_length=1, max_length=TEXT_MAX_LENGTH)] = may_be_left_out()
    link: HttpUrl = may_be_left_out()
    hostPhoneNumber: Phone = may_be_left_out()
    displayLocationPublicly: bool = may_be_left_out()
    credentialId: int = may_be_left_out()
    teamName: str = may_be_left_out()

    @model_validator(mode="after")
    def _has_its_detail(self) -> LegacyLocation:
        needs = {"inPerson": "address", "link": "link", "userPhone": "hostPhoneNumber"}
        detail = needs.get(self.type)
        if detail and getattr(self, detail) is None:
            raise ValueError(f"a {self.type} location needs {detail}")
        return self


class LegacyFieldOption(V2Input):
    value: Text
    label: Text = may_be_left_out()


LegacyFieldType = Literal[
    "name",
    "email",
    "radioInput",
    "phone",
    "address",
    "text",
    "number",
    "textarea",
    "select",
    "multiselect",
    "multiemail",
    "checkbox",
    "radio",
    "boolean",
    "url",
]


class LegacyBookingField(V2Input):
    """Cal.com's stored booking-field shape (``name`` is the slug)."""

    name: FieldSlug
    type: LegacyFieldType
    label: Text = may_be_left_out()
    placeholder: Text = may_be_left_out()
    required: bool = may_be_left_out()
    hidden: bool = may_be_left_out()
    disableOnPrefill: bool = may_be_left_out()
    options: Annotated[list[LegacyFieldOption], Field(max_length=100)] = may_be_left_out()

    @model_validator(mode="after")
    def _consistent(self) -> LegacyBookingField:
        if self.name in ("name", "email") and (self.required is False or self.hidden is True):
            raise ValueError(f"the {self.name} field cannot be optional or hidden")
        system = booking_fields.SYSTEM_FIELDS.get(self.name)
        if system is None:
            if self.type not in booking_fields.CUSTOM_TYPES:
                raise ValueError(
                    f"a custom field's type is one of {', '.join(booking_fields.CUSTOM_TYPES)}"
                )
            if self.type in booking_fields.OPTION_TYPES and not self.options:
                raise ValueError(f"a {self.type} field needs options")
        return self

    def stored(self) -> dict[str, Any]:
        if self.name in booking_fields.SYSTEM_FIELDS:
            return booking_fields.system_field(self.name, sent_fields(self))
        return booking_fields.custom_field(
            name=self.name,
            type_=self.type,
            label=self.label,
            required=bool(self.required),
            hidden=bool(self.hidden),
            placeholder=self.placeholder,
            options=(
                [
                    {"value": option.value, "label": option.label or option.value}
                    for option in self.options or ()
                ]
            ),
            disable_on_prefill=self.disableOnPrefill,
        )


def _distinct_names(fields: list[LegacyBookingField]) -> list[LegacyBookingField]:
    names = [field.name for field in fields]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"each field appears once; repeated: {', '.join(repeated)}")
    return fields


PLAIN_FIELDS_LEGACY: dict[str, str] = {
    "length": "length_in_minutes",
    "slug": "slug",
    "title": "title",
    "description": "description",
    "hidden": "hidden",
    "disableGuests": "disable_guests",
    "slotInterval": "slot_interval",
    "minimumBookingNotice": "minimum_booking_notice",
    "beforeEventBuffer": "before_event_buffer",
    "afterEventBuffer": "after_event_buffer",
    "seatsPerTimeSlot": "seats_per_slot",
}
# The legacy name of each attribute a legacy client can reach (the service's error messages).
FIELD_NAMES_LEGACY: dict[str, str] = (
    FIELD_NAMES
    | {attribute: field for field, attribute in PLAIN_FIELDS_LEGACY.items()}
    | {
        "requires_confirmation": "requiresConfirmation",
        "recurrence": "recurringEvent",
        "period_type": "periodType",
        "custom_name": "eventName",
        "booking_limits_count": "bookingLimits",
        "booking_limits_duration": "durationLimits",
    }
)


class EventTypeFieldsLegacy(V2Input):
    length: Length = may_be_left_out()
    slug: Slug = may_be_left_out()
    title: Title = may_be_left_out()
    description: str | None = None
    hidden: bool = may_be_left_out()
    disableGuests: bool = may_be_left_out()
    locations: Annotated[list[LegacyLocation], Field(max_length=20)] = may_be_left_out()
    slotInterval: Minutes | None = None
    minimumBookingNotice: Minutes = may_be_left_out()
    beforeEventBuffer: Minutes = may_be_left_out()
    afterEventBuffer: Minutes = may_be_left_out()

    def attribute_changes(self) -> dict[str, Any]:
        sent = self.model_fields_set
        changes = {
            PLAIN_FIELDS_LEGACY[field]: getattr(self, field)
            for field in sent & PLAIN_FIELDS_LEGACY.keys()
        }
        if "locations" in sent:
            changes["locations"] = [
                locations.from_legacy(sent_fields(location)) for location in self.locations
            ]
        return changes


class CreateEventTypeInputLegacy(EventTypeFieldsLegacy):
    length: Length
    slug: Slug
    title: Title


class UpdateEventTypeInputLegacy(EventTypeFieldsLegacy):
    bookingFields: Annotated[list[LegacyBookingField], Field(max_length=50)] = may_be_left_out()
    seatsPerTimeSlot: Annotated[int, Field(ge=1, le=MAX_SEATS)] | None = None

    _check_booking_fields = field_validator("bookingFields")(_distinct_names)

    def attribute_changes(self) -> dict[str, Any]:
        changes = super().attribute_changes()
        if "bookingFields" in self.model_fields_set:
            # The list replaces the form; name and email are always part of it.
            changes["booking_fields"] = booking_fields.with_required_fields(
                field.stored() for field in self.bookingFields
            )
        return changes


# --- outputs ---------------------------------------------------------------------------------


def _date_instant(day: date | None) -> str | None:
    """Cal.com stores period dates as instants at 00:00 UTC."""
    return None if day is None else format_instant(datetime.combine(day, time(0), tzinfo=UTC))


class EventTypeOutputLegacy(BaseModel):
    """The legacy event type object (spec/legacy.md §1): Cal.com's stored names."""

    id: int
    length: int
    slug: str
    title: str
    description: str | None
    hidden: bool
    locations: list[dict[str, Any]]
    position: int
    offsetStart: int
    userId: int
    profileId: int | None
    teamId: int | None
    eventName: str | None
    parentId: int | None
    bookingFields: list[dict[str, Any]]
    timeZone: str | None
    periodType: str
    periodStartDate: str | None
    periodEndDate: str | None
    periodDays: int | None
    periodCountCalendarDays: bool | None
    lockTimeZoneToggleOnBookingPage: bool
    requiresConfirmation: bool
    requiresBookerEmailVerification: bool
    recurringEvent: dict[str, Any] | None
    disableGuests: bool
    hideCalendarNotes: bool
    minimumBookingNotice: int
    beforeEventBuffer: int
    afterEventBuffer: int
    seatsPerTimeSlot: int | None
    onlyShowFirstAvailableSlot: bool
    seatsShowAttendees: bool
    seatsShowAvailabilityCount: bool
    schedulingType: str | None
    scheduleId: int | None
    price: int
    currency: str
    slotInterval: int | None
    metadata: dict[str, Any]
    successRedirectUrl: str | None
    bookingLimits: dict[str, Any]
    durationLimits: dict[str, Any]
    isInstantEvent: bool
    assignAllTeamMembers: bool
    useEventTypeDestinationCalendarEmail: bool
    secondaryEmailId: int | None

    @classmethod
    def from_model(cls, event_type: EventType) -> EventTypeOutputLegacy:
        return cls(**legacy_fields(event_type))


def legacy_fields(event_type: EventType) -> dict[str, Any]:
    price, currency = price_and_currency(event_type.event_metadata)
    metadata = dict(event_type.event_metadata or {})
    if event_type.length_in_minutes_options:
        metadata["multipleDuration"] = list(event_type.length_in_minutes_options)
    return {
        "id": event_type.id,
        "length": event_type.length_in_minutes,
        "slug": event_type.slug,
        "title": event_type.title,
        "description": event_type.description,
        "hidden": event_type.hidden,
        "locations": [locations.to_legacy(location) for location in event_type.locations],
        "position": event_type.position,
        "offsetStart": event_type.offset_start,
        "userId": event_type.owner_id,
        "profileId": None,
        "teamId": None,
        "eventName": event_type.custom_name,
        "parentId": None,
        "bookingFields": booking_fields.with_required_fields(event_type.booking_fields),
        "timeZone": event_type.time_zone,
        "periodType": event_type.period_type,
        "periodStartDate": _date_instant(event_type.period_start_date),
        "periodEndDate": _date_instant(event_type.period_end_date),
        "periodDays": event_type.period_days,
        "periodCountCalendarDays": event_type.period_count_calendar_days,
        "lockTimeZoneToggleOnBookingPage": event_type.lock_time_zone_toggle,
        "requiresConfirmation": event_type.requires_confirmation,
        "requiresBookerEmailVerification": event_type.requires_booker_email_verification,
        "recurringEvent": dict(event_type.recurrence) if event_type.recurrence else None,
        "disableGuests": event_type.disable_guests,
        "hideCalendarNotes": event_type.hide_calendar_notes,
        "minimumBookingNotice": event_type.minimum_booking_notice,
        "beforeEventBuffer": event_type.before_event_buffer,
        "afterEventBuffer": event_type.after_event_buffer,
        "seatsPerTimeSlot": event_type.seats_per_slot,
        "onlyShowFirstAvailableSlot": event_type.only_show_first_available_slot,
        "seatsShowAttendees": event_type.seats_show_attendees,
        "seatsShowAvailabilityCount": event_type.seats_show_availability_count,
        "schedulingType": None,
        "scheduleId": event_type.schedule_id,
        "price": price,
        "currency": currency,
        "slotInterval": event_type.slot_interval,
        "metadata": metadata,
        "successRedirectUrl": event_type.success_redirect_url,
        "bookingLimits": dict(event_type.booking_limits_count or {}),
        "durationLimits": dict(event_type.booking_limits_duration or {}),
        "isInstantEvent": False,
        "assignAllTeamMembers": False,
        "useEventTypeDestinationCalendarEmail": event_type.use_destination_calendar_email,
        "secondaryEmailId": None,
    }


class WrappedEventTypeLegacy(BaseModel):
    eventType: EventTypeOutputLegacy


class DeletedEventTypeOutputLegacy(BaseModel):
    id: int
    length: int
    slug: str
    title: str

    @classmethod
    def from_model(cls, event_type: EventType) -> DeletedEventTypeOutputLegacy:
        return cls(
            id=event_type.id,
            length=event_type.length_in_minutes,
            slug=event_type.slug,
            title=event_type.title,
        )


class LegacyProfile(BaseModel):
    slug: str | None
    name: str | None
    image: str


class LegacyGroupMetadata(BaseModel):
    membershipCount: int
    readOnly: bool


class EventTypeInGroupLegacy(EventTypeOutputLegacy):
    userIds: list[int]


class EventTypeGroupLegacy(BaseModel):
    teamId: int | None
    bookerUrl: str
    membershipRole: str | None
    profile: LegacyProfile
    metadata: LegacyGroupMetadata
    eventTypes: list[EventTypeInGroupLegacy]


class ProfileEntryLegacy(BaseModel):
    slug: str | None
    name: str | None
    image: str
    membershipCount: int
    readOnly: bool
    teamId: int | None
    membershipRole: str | None


class EventTypeGroupsLegacy(BaseModel):
    """GET /v2/event-types, legacy: the caller's group (teams would follow; there are none
    yet)."""

    eventTypeGroups: list[EventTypeGroupLegacy]
    profiles: list[ProfileEntryLegacy]
    allUsersAcrossAllEventTypes: dict[str, Any]

    @classmethod
    def for_user(
        cls, user: User, event_types: list[EventType], *, base_url: str
    ) -> EventTypeGroupsLegacy:
        profile = LegacyProfile(slug=user.username, name=user.name, image=user.avatar_url or "")
        metadata = LegacyGroupMetadata(membershipCount=1, readOnly=False)
        group = EventTypeGroupLegacy(
            teamId=None,
            bookerUrl=base_url.rstrip("/"),
            membershipRole=None,
            profile=profile,
            metadata=metadata,
            eventTypes=[
                EventTypeInGroupLegacy(**legacy_fields(event_type), userIds=[user.id])
                for event_type in event_types
            ],
        )
        entry = ProfileEntryLegacy(
            **profile.model_dump(), **metadata.model_dump(), teamId=None, membershipRole=None
        )
        return cls(eventTypeGroups=[group], profiles=[entry], allUsersAcrossAllEventTypes={})


class PublicEventTypeSummaryLegacy(BaseModel):
    """GET /v2/event-types/{username}/public: one entry per event type on the page."""

    id: int
    length: int
    slug: str
    title: str
    description: str | None

    @classmethod
    def from_model(cls, event_type: EventType) -> PublicEventTypeSummaryLegacy:
        return cls(
            id=event_type.id,
            length=event_type.length_in_minutes,
            slug=event_type.slug,
            title=event_type.title,
            description=event_type.description,
        )


class PublicUserLegacy(BaseModel):
    id: int
    username: str | None
    name: str | None
    avatarUrl: str | None
    weekStart: str
    brandColor: str | None
    darkBrandColor: str | None
    theme: str | None

    @classmethod
    def from_model(cls, user: User) -> PublicUserLegacy:
        return cls(
            id=user.id,
            username=user.username,
            name=user.name,
            avatarUrl=user.avatar_url,
            weekStart=user.week_start,
            brandColor=user.brand_color,
            darkBrandColor=user.dark_brand_color,
            theme=user.theme,
        )


class PublicScheduleLegacy(BaseModel):
    id: int
    timeZone: str


class PublicEntityLegacy(BaseModel):
    fromRedirectOfNonOrgLink: bool
    considerUnpublished: bool
    orgSlug: str | None
    teamSlug: str | None
    name: str | None


class PublicEventLegacy(BaseModel):
    """GET /v2/event-types/{username}/{eventSlug}/public: what a booking page needs. Private
    location details and hidden booking fields are left out."""

    id: int
    title: str
    slug: str
    length: int
    description: str | None
    lengthInMinutesOptions: list[int]
    locations: list[dict[str, Any]]
    bookingFields: list[dict[str, Any]]
    owner: PublicUserLegacy
    users: list[PublicUserLegacy]
    schedule: PublicScheduleLegacy | None
    entity: PublicEntityLegacy
    isDynamic: bool
    hidden: bool
    price: int
    currency: str
    metadata: dict[str, Any]
    lockTimeZoneToggleOnBookingPage: bool
    requiresConfirmation: bool
    recurringEvent: dict[str, Any] | None
    seatsPerTimeSlot: int | None
    seatsShowAttendees: bool
    seatsShowAvailabilityCount: bool
    onlyShowFirstAvailableSlot: bool
    isInstantEvent: bool
    successRedirectUrl: str | None
    forwardParamsSuccessRedirect: bool
    bookerLayouts: dict[str, Any] | None

    @classmethod
    def from_model(
        cls, event_type: EventType, owner: User, schedule_id: int | None, time_zone: str | None
    ) -> PublicEventLegacy:
        price, currency = price_and_currency(event_type.event_metadata)
        person = PublicUserLegacy.from_model(owner)
        form = booking_fields.visible(
            booking_fields.with_required_fields(event_type.booking_fields)
        )
        return cls(
            id=event_type.id,
            title=event_type.title,
            slug=event_type.slug,
            length=event_type.length_in_minutes,
            description=event_type.description,
            lengthInMinutesOptions=list(event_type.length_in_minutes_options or []),
            locations=[locations.public_view(location) for location in event_type.locations],
            bookingFields=form,
            owner=person,
            users=[person],
            schedule=(
                PublicScheduleLegacy(id=schedule_id, timeZone=time_zone)
                if schedule_id is not None and time_zone is not None
                else None
            ),
            entity=PublicEntityLegacy(
                fromRedirectOfNonOrgLink=False,
                considerUnpublished=False,
                orgSlug=None,
                teamSlug=None,
                name=owner.name,
            ),
            isDynamic=False,
            hidden=event_type.hidden,
            price=price,
            currency=currency,
            metadata=dict(event_type.event_metadata or {}),
            lockTimeZoneToggleOnBookingPage=event_type.lock_time_zone_toggle,
            requiresConfirmation=event_type.requires_confirmation,
            recurringEvent=dict(event_type.recurrence) if event_type.recurrence else None,
            seatsPerTimeSlot=event_type.seats_per_slot,
            seatsShowAttendees=event_type.seats_show_attendees,
            seatsShowAvailabilityCount=event_type.seats_show_availability_count,
            onlyShowFirstAvailableSlot=event_type.only_show_first_available_slot,
            isInstantEvent=False,
            successRedirectUrl=event_type.success_redirect_url,
            forwardParamsSuccessRedirect=event_type.forward_params_success_redirect,
            bookerLayouts=event_type.booker_layouts,
        )
