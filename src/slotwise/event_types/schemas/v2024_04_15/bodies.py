"""The legacy create and update bodies (2024-04-15, 2024-06-11): Cal.com's stored location
and booking-field shapes, the field names their errors use, and how a body becomes the
service's command."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from slotwise.event_types import booking_fields, locations
from slotwise.event_types.commands import EventTypeChanges, NewEventType
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
    sent_fields,
)
from slotwise.event_types.schemas.v2024_06_14.bodies import FIELD_NAMES
from slotwise.http.inputs import V2Input

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

    def sent_attributes(self) -> dict[str, Any]:
        """The fields the client sent, as model attributes."""
        sent = self.model_fields_set
        attributes = {
            attribute: getattr(self, field)
            for field, attribute in PLAIN_FIELDS_LEGACY.items()
            if field in sent
        }
        if "locations" in sent:
            attributes["locations"] = [
                locations.from_legacy(sent_fields(location)) for location in self.locations
            ]
        return attributes


class CreateEventTypeInputLegacy(EventTypeFieldsLegacy):
    length: Length
    slug: Slug
    title: Title

    def to_command(self) -> NewEventType:
        return NewEventType(**self.sent_attributes())


class UpdateEventTypeInputLegacy(EventTypeFieldsLegacy):
    bookingFields: Annotated[list[LegacyBookingField], Field(max_length=50)] = may_be_left_out()
    seatsPerTimeSlot: Annotated[int, Field(ge=1, le=MAX_SEATS)] | None = None

    _check_booking_fields = field_validator("bookingFields")(_distinct_names)

    def to_command(self) -> EventTypeChanges:
        attributes = self.sent_attributes()
        if "bookingFields" in self.model_fields_set:
            # The list replaces the form; name and email are always part of it.
            attributes["booking_fields"] = booking_fields.with_required_fields(
                field.stored() for field in self.bookingFields
            )
        return EventTypeChanges(**attributes)
