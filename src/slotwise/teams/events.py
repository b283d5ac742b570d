"""What the teams domain tells its subscribers: someone was invited to a team (a pending
membership). The event carries what an invitation email needs, so the subscriber never
reads the teams tables back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class MemberInvited:
    at: datetime
    membership_id: int
    team_id: int
    team_name: str
    team_slug: str | None
    is_organization: bool
    role: str
    invitee_id: int
    invitee_name: str
    invitee_email: str
    invitee_locale: str | None
    inviter_name: str
    inviter_email: str
