"""Request and response shapes for users, in Cal.com's field names.

Inputs are strict (no "12" for 12) and refuse unknown fields, so a misspelt field is a 400
naming it rather than a silent no-op. The service checks the meaning of each value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from slotwise.http.envelope import format_instant
from slotwise.users.models import User
from slotwise.users.service import FIELD_NAMES

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
Theme = Literal["light", "dark"]
ATTRIBUTE_OF: dict[str, str] = {field: attribute for attribute, field in FIELD_NAMES.items()}


class StrictInput(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    def to_attributes(self) -> dict[str, Any]:
        """The fields the client actually sent, keyed by model attribute."""
        sent = self.model_dump(include=self.model_fields_set)
        return {ATTRIBUTE_OF[field]: value for field, value in sent.items()}


# --- v2 (/v2/me) ---------------------------------------------------------------------------


class MeOutput(BaseModel):
    id: int
    username: str
    email: str
    name: str | None
    avatarUrl: str | None
    bio: str | None
    timeFormat: int
    defaultScheduleId: int | None
    weekStart: str
    timeZone: str
    locale: str | None
    organizationId: int | None = None

    @classmethod
    def from_model(cls, user: User) -> MeOutput:
        return cls(
            id=user.id,
            username=user.username,
            email=user.email,
            name=user.name,
            avatarUrl=user.avatar_url,
            bio=user.bio,
            timeFormat=user.time_format,
            defaultScheduleId=user.default_schedule_id,
            weekStart=user.week_start,
            timeZone=user.time_zone,
            locale=user.locale,
        )


class UpdateMeInput(StrictInput):
    email: str | None = None
    name: str | None = None
    timeFormat: Literal[12, 24] | None = None
    defaultScheduleId: int | None = None
    weekStart: Weekday | None = None
    timeZone: str | None = None
    locale: str | None = None
    avatarUrl: str | None = None
    bio: str | None = None
    metadata: dict[str, Any] | None = None


# --- v1 (/v1/me, /v1/users) ----------------------------------------------------------------


class UserV1Output(BaseModel):
    id: int
    username: str
    name: str | None
    email: str
    emailVerified: datetime | None = None
    bio: str | None
    avatarUrl: str | None
    timeZone: str
    weekStart: str
    theme: str | None
    appTheme: str | None
    defaultScheduleId: int | None
    locale: str | None
    timeFormat: int
    hideBranding: bool
    brandColor: str | None
    darkBrandColor: str | None
    allowDynamicBooking: bool
    createdDate: str
    role: str

    @classmethod
    def from_model(cls, user: User) -> UserV1Output:
        return cls(
            id=user.id,
            username=user.username,
            name=user.name,
            email=user.email,
            bio=user.bio,
            avatarUrl=user.avatar_url,
            timeZone=user.time_zone,
            weekStart=user.week_start,
            theme=user.theme,
            appTheme=user.app_theme,
            defaultScheduleId=user.default_schedule_id,
            locale=user.locale,
            timeFormat=user.time_format,
            hideBranding=user.hide_branding,
            brandColor=user.brand_color,
            darkBrandColor=user.dark_brand_color,
            allowDynamicBooking=user.allow_dynamic_booking,
            createdDate=format_instant(user.created_at),
            role=user.role,
        )


class UserV1Fields(StrictInput):
    name: str | None = None
    bio: str | None = None
    timeZone: str | None = None
    weekStart: Weekday | None = None
    theme: Theme | None = None
    appTheme: Theme | None = None
    defaultScheduleId: int | None = None
    locale: str | None = None
    timeFormat: Literal[12, 24] | None = None
    hideBranding: bool | None = None
    brandColor: str | None = None
    darkBrandColor: str | None = None
    allowDynamicBooking: bool | None = None
    role: Literal["USER", "ADMIN"] | None = None


class CreateUserV1Input(UserV1Fields):
    email: str
    username: str


class UpdateUserV1Input(UserV1Fields):
    email: str | None = None
    username: str | None = None


class UserV1Envelope(BaseModel):
    user: UserV1Output


class UsersV1Envelope(BaseModel):
    users: list[UserV1Output]


class MessageV1(BaseModel):
    message: str
