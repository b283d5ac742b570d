"""What a caller asks of the teams service: a team's settings (``TeamSettings``), a new
membership (``NewMembership``) and a change to one (``MembershipChanges``).

Each face (v2 ``/v2/teams``, v1 ``/v1/teams``, the organization routes, ``slotwise admin``)
builds these from its own input. Fields are ``Team`` / ``Membership`` attributes, so the
service's errors name attributes and each face renames them (``errors.fields_named``). A
field left ``UNSET`` was not given: a new team takes the default, a change keeps the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slotwise.commands import UNSET, Maybe, given_fields


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSettings:
    name: Maybe[str] = UNSET
    slug: Maybe[str | None] = UNSET
    bio: Maybe[str | None] = UNSET
    logo_url: Maybe[str | None] = UNSET
    banner_url: Maybe[str | None] = UNSET
    cal_video_logo: Maybe[str | None] = UNSET
    app_logo: Maybe[str | None] = UNSET
    app_icon_logo: Maybe[str | None] = UNSET
    brand_color: Maybe[str | None] = UNSET
    dark_brand_color: Maybe[str | None] = UNSET
    theme: Maybe[str | None] = UNSET
    hide_branding: Maybe[bool] = UNSET
    is_private: Maybe[bool] = UNSET
    hide_book_a_team_member: Maybe[bool] = UNSET
    time_format: Maybe[int | None] = UNSET
    time_zone: Maybe[str] = UNSET
    week_start: Maybe[str] = UNSET
    team_metadata: Maybe[dict[str, Any]] = UNSET

    def given(self) -> dict[str, Any]:
        return given_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewMembership:
    user_id: int
    role: str = "MEMBER"
    accepted: bool = False
    disable_impersonation: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class MembershipChanges:
    role: Maybe[str] = UNSET
    accepted: Maybe[bool] = UNSET
    disable_impersonation: Maybe[bool] = UNSET

    def given(self) -> dict[str, Any]:
        return given_fields(self)
