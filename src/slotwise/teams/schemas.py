"""Request and response shapes of /v2/teams and their memberships (spec/api.md §8), also
used by the organization routes. Teams are version-neutral: any ``cal-api-version``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.teams.commands import MembershipChanges, NewMembership, TeamSettings
from slotwise.teams.models import Membership, Team
from slotwise.users.models import User
from slotwise.users.schemas import Theme, Weekday, may_be_left_out

Role = Literal["MEMBER", "ADMIN", "OWNER"]
# Team attribute -> the field name clients use, also in the 400s.
TEAM_FIELD_NAMES: dict[str, str] = {
    "name": "name",
    "slug": "slug",
    "bio": "bio",
    "logo_url": "logoUrl",
    "banner_url": "bannerUrl",
    "cal_video_logo": "calVideoLogo",
    "app_logo": "appLogo",
    "app_icon_logo": "appIconLogo",
    "brand_color": "brandColor",
    "dark_brand_color": "darkBrandColor",
    "theme": "theme",
    "hide_branding": "hideBranding",
    "is_private": "isPrivate",
    "hide_book_a_team_member": "hideBookATeamMember",
    "time_format": "timeFormat",
    "time_zone": "timeZone",
    "week_start": "weekStart",
    "team_metadata": "metadata",
}
MEMBERSHIP_FIELD_NAMES = {
    "user_id": "userId",
    "role": "role",
    "accepted": "accepted",
    "disable_impersonation": "disableImpersonation",
}
FIELD_NAMES = {**TEAM_FIELD_NAMES, **MEMBERSHIP_FIELD_NAMES}
_TEAM_ATTRIBUTE = {field: attribute for attribute, field in TEAM_FIELD_NAMES.items()}


class TeamFields(V2Input):
    """Every team field a client may set; only the ones sent are used."""

    slug: str | None = None
    bio: str | None = None
    logoUrl: str | None = None
    bannerUrl: str | None = None
    calVideoLogo: str | None = None
    appLogo: str | None = None
    appIconLogo: str | None = None
    brandColor: str | None = Field(default=None, description="Hex colour, e.g. #292929")
    darkBrandColor: str | None = Field(default=None, description="Hex colour, e.g. #fafafa")
    theme: Theme | None = Field(default=None, description="light, dark, or null (system)")
    hideBranding: bool = may_be_left_out()
    isPrivate: bool = may_be_left_out()
    hideBookATeamMember: bool = may_be_left_out()
    timeFormat: Literal[12, 24] | None = None
    timeZone: str = may_be_left_out()
    weekStart: Weekday = may_be_left_out()
    metadata: dict[str, Any] = may_be_left_out()

    def to_settings(self) -> TeamSettings:
        sent = self.model_dump(include=self.model_fields_set - {"autoAcceptCreator"})
        return TeamSettings(**{_TEAM_ATTRIBUTE[field]: value for field, value in sent.items()})


class CreateTeamInput(TeamFields):
    name: str = Field(description="The team's name", min_length=1)
    autoAcceptCreator: bool = Field(
        default=True, description="The creator's OWNER membership starts accepted"
    )


class UpdateTeamInput(TeamFields):
    name: str = may_be_left_out()


class TeamOutput(BaseModel):
    id: int
    parentId: int | None
    name: str
    slug: str | None
    bio: str | None
    logoUrl: str | None
    bannerUrl: str | None
    calVideoLogo: str | None
    appLogo: str | None
    appIconLogo: str | None
    brandColor: str | None
    darkBrandColor: str | None
    theme: str | None
    hideBranding: bool
    isPrivate: bool
    hideBookATeamMember: bool
    isOrganization: bool
    metadata: dict[str, Any]
    timeFormat: int | None
    timeZone: str
    weekStart: str
    createdAt: str

    @classmethod
    def of(cls, team: Team) -> TeamOutput:
        return cls(
            id=team.id,
            parentId=team.parent_id,
            name=team.name,
            slug=team.slug,
            bio=team.bio,
            logoUrl=team.logo_url,
            bannerUrl=team.banner_url,
            calVideoLogo=team.cal_video_logo,
            appLogo=team.app_logo,
            appIconLogo=team.app_icon_logo,
            brandColor=team.brand_color,
            darkBrandColor=team.dark_brand_color,
            theme=team.theme,
            hideBranding=team.hide_branding,
            isPrivate=team.is_private,
            hideBookATeamMember=team.hide_book_a_team_member,
            isOrganization=team.is_organization,
            metadata=dict(team.team_metadata or {}),
            timeFormat=team.time_format,
            timeZone=team.time_zone,
            weekStart=team.week_start,
            createdAt=format_instant(team.created_at),
        )


# --- memberships ---------------------------------------------------------------------------


class CreateMembershipInput(V2Input):
    userId: DatabaseId
    accepted: bool = False
    role: Role = "MEMBER"
    disableImpersonation: bool = False

    def to_command(self) -> NewMembership:
        return NewMembership(
            user_id=self.userId,
            role=self.role,
            accepted=self.accepted,
            disable_impersonation=self.disableImpersonation,
        )


class UpdateMembershipInput(V2Input):
    accepted: bool = may_be_left_out()
    role: Role = may_be_left_out()
    disableImpersonation: bool = may_be_left_out()

    def to_changes(self) -> MembershipChanges:
        sent = self.model_dump(include=self.model_fields_set)
        attribute = {"disableImpersonation": "disable_impersonation"}
        return MembershipChanges(**{attribute.get(k, k): v for k, v in sent.items()})


class MembershipUserOutput(BaseModel):
    avatarUrl: str | None
    username: str
    name: str | None
    email: str
    bio: str | None


class MembershipOutput(BaseModel):
    id: int
    userId: int
    teamId: int
    accepted: bool
    role: Role
    disableImpersonation: bool
    user: MembershipUserOutput

    @classmethod
    def of(cls, pair: tuple[Membership, User]) -> MembershipOutput:
        membership, user = pair
        return cls(
            id=membership.id,
            userId=membership.user_id,
            teamId=membership.team_id,
            accepted=membership.accepted,
            role=membership.role,
            disableImpersonation=membership.disable_impersonation,
            user=MembershipUserOutput(
                avatarUrl=user.avatar_url,
                username=user.username,
                name=user.name,
                email=user.email,
                bio=user.bio,
            ),
        )
