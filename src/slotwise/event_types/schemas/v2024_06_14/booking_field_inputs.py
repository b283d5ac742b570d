"""The booking form as 2024-06-14 bodies send it: default fields by type or slug, custom
fields by type, and how the list becomes the stored form."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Tag, field_validator, model_validator

from slotwise.event_types import booking_fields
from slotwise.event_types.schemas.shared import (
    TAG_SEPARATOR,
    FieldSlug,
    Text,
    may_be_left_out,
    shapes,
)
from slotwise.http.inputs import V2Input


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


def booking_fields_attributes(fields: list[AnyBookingField]) -> dict[str, Any]:
    return {"booking_fields": stored_booking_form(fields)}
