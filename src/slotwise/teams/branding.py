"""The branding a team's pages wear: the team's own, with what it leaves unset taken from
its organization (Cal.com lets an organization brand every team in it)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from slotwise.db import ReadSession
from slotwise.errors import NotFound
from slotwise.teams.models import Team


@dataclass(frozen=True, slots=True)
class Branding:
    brand_color: str | None = None
    dark_brand_color: str | None = None
    theme: str | None = None  # light, dark, or None for the reader's system setting
    logo_url: str | None = None
    banner_url: str | None = None
    cal_video_logo: str | None = None
    app_logo: str | None = None
    app_icon_logo: str | None = None
    hide_branding: bool = False

    @classmethod
    def of(cls, team: Team) -> Branding:
        return cls(**{f.name: getattr(team, f.name) for f in fields(cls)})

    def over(self, fallback: Branding) -> Branding:
        """This branding, each unset value taken from ``fallback``; hiding slotwise's
        branding holds when either asks for it."""
        values = {
            f.name: getattr(self, f.name) if getattr(self, f.name) is not None
            else getattr(fallback, f.name)
            for f in fields(self)
        }  # fmt: skip
        values["hide_branding"] = self.hide_branding or fallback.hide_branding
        return Branding(**values)


def nearest_branding(session: ReadSession, team_id: int) -> Branding:
    """A team's branding, falling back to its organization's for what it leaves unset."""
    team = session.get(Team, team_id)
    if team is None:
        raise NotFound(f"Team with id {team_id} not found")
    own = Branding.of(team)
    if team.parent_id is None:
        return own
    organization = session.get(Team, team.parent_id)
    return own.over(Branding.of(organization)) if organization is not None else own
