"""Whose page a booking page is: a user's, or a team's (``/team/{slug}``). The pages read the
same few things of either (name, picture, bio, zone, clock, week start, colours), so a team
is shown through ``TeamPage``, which reads like a user to the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from slotwise.bookings.views import BookingView
from slotwise.db import ReadSession
from slotwise.event_types import team_service
from slotwise.teams.branding import nearest_branding
from slotwise.teams.models import Team
from slotwise.users.models import User


class PageOwner(Protocol):
    """What a booking page shows of its owner. ``username`` is the owner's page path
    without its leading slash (``ann``, or ``team/sales`` for a team)."""

    @property
    def username(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def avatar_url(self) -> str | None: ...
    @property
    def bio(self) -> str | None: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def time_format(self) -> int | None: ...
    @property
    def week_start(self) -> str: ...
    @property
    def brand_color(self) -> str | None: ...
    @property
    def dark_brand_color(self) -> str | None: ...
    @property
    def theme(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class TeamPage:
    """A team as its pages show it: its own settings, with the branding it leaves unset taken
    from its organization (``teams.branding.nearest_branding``); the logo is its picture."""

    team_id: int
    slug: str
    username: str
    name: str
    avatar_url: str | None
    bio: str | None
    time_zone: str
    time_format: int | None
    week_start: str
    brand_color: str | None
    dark_brand_color: str | None
    theme: str | None
    hide_branding: bool
    members: tuple[User, ...] = ()  # whose pictures the team's pages show

    @classmethod
    def of(cls, session: ReadSession, team: Team, members: tuple[User, ...] = ()) -> TeamPage:
        brand = nearest_branding(session, team.id)
        slug = team.slug or str(team.id)
        organization = team_service.organization_of(session, team)
        path = f"team/{slug}"
        if organization is not None:  # Cal.com's path of an organization's team page
            path = f"org/{organization.slug or organization.id}/{path}"
        return cls(
            team_id=team.id,
            slug=slug,
            username=path,
            name=team.name,
            avatar_url=brand.logo_url,
            bio=team.bio,
            time_zone=team.time_zone,
            time_format=team.time_format,
            week_start=team.week_start,
            brand_color=brand.brand_color,
            dark_brand_color=brand.dark_brand_color,
            theme=brand.theme,
            hide_branding=brand.hide_branding,
            members=members,
        )


def booking_owner(session: ReadSession, view: BookingView) -> PageOwner:
    """Whose page a booking's pages are: its team's for a team event type (the team's
    branding), else its organizer's."""
    team = team_service.team_of(session, view.event_type) if view.event_type else None
    return TeamPage.of(session, team) if team is not None else view.host
