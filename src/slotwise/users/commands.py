"""What a caller asks of the users service: a new user (``NewUser``) or a change to a
profile (``UserChanges``).

Each face (v2 ``/v2/me``, v1 ``/v1/users``, ``slotwise admin``, the demo data) builds these
from its own input. Fields are the model's attributes, so the service's errors name
attributes and each face renames them to its own fields (``errors.fields_named``). A field
left ``UNSET`` was not given: a new user takes the default, a change keeps the stored value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slotwise.commands import UNSET, Maybe, given_fields
from slotwise.users.models import UserRole


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileSettings:
    """What a user may set about themselves besides email and username."""

    name: Maybe[str] = UNSET
    time_zone: Maybe[str] = UNSET
    week_start: Maybe[str] = UNSET
    time_format: Maybe[int] = UNSET
    locale: Maybe[str | None] = UNSET
    avatar_url: Maybe[str | None] = UNSET
    bio: Maybe[str | None] = UNSET
    brand_color: Maybe[str | None] = UNSET
    dark_brand_color: Maybe[str | None] = UNSET
    theme: Maybe[str | None] = UNSET
    app_theme: Maybe[str | None] = UNSET
    hide_branding: Maybe[bool] = UNSET
    allow_dynamic_booking: Maybe[bool] = UNSET
    default_schedule_id: Maybe[int | None] = UNSET
    user_metadata: Maybe[dict[str, Any]] = UNSET


@dataclass(frozen=True, slots=True, kw_only=True)
class NewUser(ProfileSettings):
    email: str
    username: str
    password: str | None = None  # None: no web login
    role: UserRole = UserRole.USER

    def profile(self) -> dict[str, Any]:
        """The profile attributes given (not the password or the role), by attribute."""
        given = given_fields(self)
        del given["password"], given["role"]
        return given


@dataclass(frozen=True, slots=True, kw_only=True)
class UserChanges(ProfileSettings):
    """A partial change: what is UNSET keeps its stored value. Only an admin changes a role."""

    email: Maybe[str] = UNSET
    username: Maybe[str] = UNSET
    role: Maybe[str] = UNSET

    def given(self) -> dict[str, Any]:
        """The fields given (not UNSET), by attribute."""
        return given_fields(self)
