"""Where an event takes place, as 2024-06-14 bodies send it (spec §3.2)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Tag

from slotwise.event_types.schemas.shared import (
    TAG_SEPARATOR,
    TEXT_MAX_LENGTH,
    HttpUrl,
    Phone,
    shapes,
)
from slotwise.http.inputs import V2Input


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


def locations_attributes(sent: list[Any]) -> dict[str, Any]:
    """locations -> the stored list (stored in the 2024-06-14 shape)."""
    return {"locations": [location.model_dump() for location in sent]}
