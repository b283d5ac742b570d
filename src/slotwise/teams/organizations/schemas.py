"""Shapes of the organization routes that teams' own schemas do not cover: an organization's
users (spec/api.md §9)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.users.commands import NewUser, UserChanges
from slotwise.users.models import User
from slotwise.users.schemas import LocaleCode, Theme, Weekday, may_be_left_out

Role = Literal["MEMBER", "ADMIN", "OWNER"]
# Input field -> user attribute; 400s name the fields back (``USER_FIELD_NAMES``).
_ATTRIBUTES = {
    "email": "email",
    "username": "username",
    "name": "name",
    "weekday": "week_start",
    "weekStart": "week_start",
    "brandColor": "brand_color",
    "darkBrandColor": "dark_brand_color",
    "hideBranding": "hide_branding",
    "timeZone": "time_zone",
    "theme": "theme",
    "appTheme": "app_theme",
    "timeFormat": "time_format",
    "defaultScheduleId": "default_schedule_id",
    "locale": "locale",
    "avatarUrl": "avatar_url",
    "bio": "bio",
}
USER_FIELD_NAMES = {
    **{attribute: field for field, attribute in _ATTRIBUTES.items() if field != "weekday"},
    "user_id": "userId",
    "role": "organizationRole",
}


class OrganizationUserFields(V2Input):
    username: str = may_be_left_out()
    name: str = may_be_left_out()
    weekday: Weekday = may_be_left_out()  # Cal.com's name for weekStart here
    weekStart: Weekday = may_be_left_out()
    brandColor: str | None = None
    darkBrandColor: str | None = None
    hideBranding: bool = may_be_left_out()
    timeZone: str = may_be_left_out()
    theme: Theme | None = None
    appTheme: Theme | None = None
    timeFormat: Literal[12, 24] = may_be_left_out()
    defaultScheduleId: DatabaseId | None = None
    locale: LocaleCode | None = None
    avatarUrl: str | None = None
    bio: str | None = None
    organizationRole: Role = may_be_left_out()

    def _profile(self) -> dict[str, object]:
        sent = self.model_dump(include=self.model_fields_set - {"organizationRole", "autoAccept"})
        return {_ATTRIBUTES[field]: value for field, value in sent.items()}

    def changes(self) -> UserChanges:
        return UserChanges(**self._profile())  # type: ignore[arg-type]


class CreateOrganizationUserInput(OrganizationUserFields):
    email: str
    organizationRole: Role = "MEMBER"
    autoAccept: bool = Field(default=True, description="The membership starts accepted")

    def new_user(self) -> NewUser:
        profile = self._profile()
        if "username" not in profile:  # as Cal.com: the email's local part
            profile["username"] = self.email.split("@", 1)[0].lower()
        return NewUser(**profile)  # type: ignore[arg-type]


class UpdateOrganizationUserInput(OrganizationUserFields):
    email: str = may_be_left_out()


class OrganizationUserOutput(BaseModel):
    id: int
    username: str
    name: str | None
    email: str
    bio: str | None
    avatarUrl: str | None
    timeZone: str
    weekStart: str
    timeFormat: int
    defaultScheduleId: int | None
    locale: str | None
    theme: str | None
    appTheme: str | None
    brandColor: str | None
    darkBrandColor: str | None
    hideBranding: bool
    organizationId: int | None
    createdDate: str

    @classmethod
    def of(cls, user: User) -> OrganizationUserOutput:
        return cls(
            id=user.id,
            username=user.username,
            name=user.name,
            email=user.email,
            bio=user.bio,
            avatarUrl=user.avatar_url,
            timeZone=user.time_zone,
            weekStart=user.week_start,
            timeFormat=user.time_format,
            defaultScheduleId=user.default_schedule_id,
            locale=user.locale,
            theme=user.theme,
            appTheme=user.app_theme,
            brandColor=user.brand_color,
            darkBrandColor=user.dark_brand_color,
            hideBranding=user.hide_branding,
            organizationId=user.organization_id,
            createdDate=format_instant(user.created_at),
        )
