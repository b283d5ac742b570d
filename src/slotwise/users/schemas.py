"""Request and response shapes for users, in Cal.com's field names.

Inputs are strict (no "12" for 12); unknown fields are dropped on v2 and refused on v1, as
Cal.com does (``http/inputs.py``). The service checks the meaning of each value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V1Input, V2Input
from slotwise.http.params import DatabaseId
from slotwise.users.commands import NewUser, UserChanges
from slotwise.users.models import User, UserRole
from slotwise.users.service import LOCALES


def may_be_left_out() -> Any:
    """Default of a field that may be left out but never sent as null: the published schema
    says "string" (not "string or null"), and a null that arrives is a 400 naming the field.
    Only fields the client sent are used (``profile_changes``), so the None is never read."""
    return Field(default=None)


# Validated by the service against LOCALES; the schema lists them for clients.
LocaleCode = Annotated[str, Field(json_schema_extra={"enum": sorted(LOCALES)})]
Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
Theme = Literal["light", "dark"]
# Model attribute -> the field name clients use (Cal.com's camelCase), also in the 400s.
FIELD_NAMES: dict[str, str] = {
    "email": "email",
    "username": "username",
    "name": "name",
    "time_zone": "timeZone",
    "week_start": "weekStart",
    "time_format": "timeFormat",
    "locale": "locale",
    "avatar_url": "avatarUrl",
    "bio": "bio",
    "brand_color": "brandColor",
    "dark_brand_color": "darkBrandColor",
    "theme": "theme",
    "app_theme": "appTheme",
    "hide_branding": "hideBranding",
    "allow_dynamic_booking": "allowDynamicBooking",
    "default_schedule_id": "defaultScheduleId",
    "user_metadata": "metadata",
    "role": "role",
}
ATTRIBUTE_OF: dict[str, str] = {field: attribute for attribute, field in FIELD_NAMES.items()}


def _sent_attributes(body: BaseModel) -> dict[str, Any]:
    """The fields the client actually sent, keyed by model attribute."""
    sent = body.model_dump(include=body.model_fields_set)
    return {ATTRIBUTE_OF[field]: value for field, value in sent.items()}


def profile_changes(body: BaseModel) -> UserChanges:
    """A body of profile fields (PATCH /v2/me, /v1/users/{id}) as the service's change."""
    return UserChanges(**_sent_attributes(body))


def new_user(body: CreateUserV1Input) -> NewUser:
    attributes = _sent_attributes(body)
    role = UserRole(attributes.pop("role", None) or UserRole.USER)
    return NewUser(**attributes, role=role)


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
            organizationId=user.organization_id,
        )


class UpdateMeInput(V2Input):
    email: str = may_be_left_out()
    name: str = may_be_left_out()
    timeFormat: Literal[12, 24] = may_be_left_out()
    defaultScheduleId: DatabaseId | None = None
    weekStart: Weekday = may_be_left_out()
    timeZone: str = may_be_left_out()
    locale: LocaleCode | None = None
    avatarUrl: str | None = None
    bio: str | None = None
    metadata: dict[str, Any] = may_be_left_out()
    # Branding (spec/api.md §9), checked by the same service as /v1/users; null theme = system.
    theme: Theme | None = None
    appTheme: Theme | None = None
    brandColor: str | None = None
    darkBrandColor: str | None = None
    hideBranding: bool = may_be_left_out()


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


class UserV1Fields(V1Input):
    name: str = may_be_left_out()
    bio: str | None = None
    timeZone: str = may_be_left_out()
    weekStart: Weekday = may_be_left_out()
    theme: Theme | None = None
    appTheme: Theme | None = None
    defaultScheduleId: DatabaseId | None = None
    locale: LocaleCode | None = None
    timeFormat: Literal[12, 24] = may_be_left_out()
    hideBranding: bool = may_be_left_out()
    brandColor: str | None = None
    darkBrandColor: str | None = None
    allowDynamicBooking: bool = may_be_left_out()
    role: Literal["USER", "ADMIN"] = may_be_left_out()


class CreateUserV1Input(UserV1Fields):
    email: str
    username: str


class UpdateUserV1Input(UserV1Fields):
    email: str = may_be_left_out()
    username: str = may_be_left_out()


class UserV1Envelope(BaseModel):
    user: UserV1Output


class UsersV1Envelope(BaseModel):
    users: list[UserV1Output]


class MessageV1(BaseModel):
    message: str
