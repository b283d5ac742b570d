"""What the event-type schemas of every version share: strictness helpers, the
``{"disabled": true}`` shape, how a nested value's shape is picked, and bounds.

Inputs are strict (no "30" for 30) and drop unknown keys (v2). Each body turns the fields a
client sent into the service's command (``to_command``); the service checks what they mean.
Nested settings that can be switched off take ``{"disabled": true}``, as in Cal.com; which
shape a value is meant as is decided from its keys (``pick_shape``), so an error names the
field of the shape the client meant rather than every alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field

from slotwise.event_types import locations
from slotwise.event_types.payment_settings import payment_settings
from slotwise.event_types.validation import MAX_LENGTH_MINUTES, MAX_MINUTES
from slotwise.http.inputs import V2Input
from slotwise.http.params import MAX_DATABASE_ID

MAX_COUNT = MAX_DATABASE_ID  # a count limit, in the database's integers
MAX_WINDOW_DAYS = 3660  # ten years
MAX_SEATS = 1000
MAX_OCCURRENCES = 730
MAX_RECURRENCE_INTERVAL = 99
TEXT_MAX_LENGTH = 500
RECURRENCE_FREQUENCIES = {"yearly": 0, "monthly": 1, "weekly": 2}  # rrule's numbers
FREQUENCY_NAMES = {number: name for name, number in RECURRENCE_FREQUENCIES.items()}
DEFAULT_CURRENCY = "usd"
# Union members are tagged "<setting>:<shape>"; a ":" never occurs in a field name, so error
# locations can drop these tags (api.parse_body).
TAG_SEPARATOR = ":"

Minutes = Annotated[int, Field(ge=0, le=MAX_MINUTES)]
Length = Annotated[int, Field(ge=1, le=MAX_LENGTH_MINUTES)]
Text = Annotated[str, Field(max_length=TEXT_MAX_LENGTH)]
HttpUrl = Annotated[str, Field(pattern=locations.HTTP_URL.pattern, max_length=2048)]
Phone = Annotated[str, Field(pattern=locations.E164.pattern)]
HexColor = Annotated[str, Field(pattern=r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
FieldSlug = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=64)]
# What the service accepts, published so clients (and the fuzzer) know: a slug is URL-safe
# (stored lower-case), a title has something besides spaces.
Slug = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$", min_length=1, max_length=200)
]
Title = Annotated[str, Field(pattern=r"\S", min_length=1, max_length=200)]
IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]


def may_be_left_out(**constraints: Any) -> Any:
    """Default of a field that may be left out but not sent as null: the published schema
    says "integer" (not "integer or null"), and a null that arrives is a 400 naming the
    field. Only fields the client sent are used, so the None is never read."""
    return Field(default=None, **constraints)


def pick_shape(
    setting: str, shape_keys: dict[str, tuple[str, ...]], *, default: str | None
) -> Callable[[Any], str | None]:
    """Which shape a nested value is meant as: the first shape one of whose keys it has,
    else ``default`` (None: no shape, a 400 listing the accepted ones)."""

    def pick(value: Any) -> str | None:
        if isinstance(value, BaseModel):
            value = value.model_dump(exclude_unset=True)
        if not isinstance(value, dict):
            return f"{setting}{TAG_SEPARATOR}{default}" if default else None
        for shape, keys in shape_keys.items():
            if any(key in value for key in keys):
                return f"{setting}{TAG_SEPARATOR}{shape}"
        return f"{setting}{TAG_SEPARATOR}{default}" if default else None

    return pick


def shapes(pick: Callable[[Any], str | None], accepted: str) -> Discriminator:
    return Discriminator(
        pick, custom_error_type="invalid_shape", custom_error_message=f"must be {accepted}"
    )


class Disabled(V2Input):
    disabled: Literal[True]


def sent_fields(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(include=model.model_fields_set)


def price_and_currency(metadata: Mapping[str, Any] | None) -> tuple[int, str]:
    """A paid event's price (minor units) and currency, from its enabled payment app in
    metadata.apps (Cal.com's stripe, or slotwise's on-site manual app); 0 when free."""
    settings = payment_settings(metadata)
    if settings is None:
        return 0, DEFAULT_CURRENCY
    return settings.price, settings.currency
