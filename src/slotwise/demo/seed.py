"""Demo data for a fresh embedded install, so the booking page has something to show."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from slotwise.api_keys import service as api_keys
from slotwise.core.timezones import is_iana_time_zone
from slotwise.event_types import team_service
from slotwise.event_types.commands import NewEventType
from slotwise.event_types.models import SchedulingType
from slotwise.event_types.service import create_personal_event_type
from slotwise.event_types.team_commands import TeamSetup
from slotwise.schedules.service import create_weekly_schedule
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import User

DEMO_EMAIL = "demo@example.com"
DEMO_USERNAME = "demo"
DEMO_TEAM_SLUG = "demo-team"
# No video app exists yet, so a "Cal Video" meeting would have no link: the host calls the
# booker at the number they give, which is true of a demo as of a real account.
DEMO_LOCATION = {"type": "attendeePhone"}


def seed_demo_data(
    session: Session,
    *,
    now: datetime,
    hasher: PasswordHasher,
    time_zone: str | None = None,
    password: str | None = None,
) -> api_keys.IssuedApiKey | None:
    """On an empty database: a demo user, working hours, two event types, a team with a
    round-robin event type and an API key. With ``password`` the demo user can sign in to
    the web app (``serve`` prints it once).

    Returns the issued key (its secret exists only in this return value), or None when the
    database already has users and nothing was written.
    """
    if users.count_users(session) > 0:
        return None
    zone = time_zone or local_time_zone()
    demo = NewUser(
        email=DEMO_EMAIL,
        username=DEMO_USERNAME,
        name="Demo User",
        time_zone=zone,
        bio="A demo account created by `slotwise serve` on an empty database.",
        password=password,
    )
    user = users.create_user(session, demo, now=now, hasher=hasher)
    create_weekly_schedule(session, user, name="Working hours", time_zone=zone)
    for length in (15, 30):
        event_type = create_personal_event_type(
            session,
            user,
            title=f"{length} min meeting",
            slug=f"{length}min",
            length_in_minutes=length,
            now=now,
        )
        event_type.locations = [dict(DEMO_LOCATION)]
    _seed_demo_team(session, user, now=now)
    return api_keys.issue_key(session, user, now=now, name="demo")


def _seed_demo_team(session: Session, owner: User, *, now: datetime) -> None:
    """A team the demo user owns, with a round-robin event type (the demo user its one host
    until members join: ``assignAllTeamMembers`` makes every member a host)."""
    team = Team(name="Demo Team", slug=DEMO_TEAM_SLUG, created_at=now, updated_at=now)
    session.add(team)
    session.flush()
    session.add(
        Membership(
            team_id=team.id, user_id=owner.id, role=MembershipRole.OWNER.value, accepted=True,
            created_at=now, updated_at=now,
        )
    )  # fmt: skip
    session.flush()
    event_type = team_service.create_team_event_type(
        session, owner, team.id,
        NewEventType(title="Team call", slug="team-call", length_in_minutes=30),
        TeamSetup(scheduling_type=SchedulingType.ROUND_ROBIN.value, assign_all_team_members=True),
        now=now,
    )  # fmt: skip
    event_type.locations = [dict(DEMO_LOCATION)]


def local_time_zone() -> str:
    """This machine's IANA zone name, or UTC when it cannot be told."""
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return "UTC"
    marker = "zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        if is_iana_time_zone(name):
            return name
    return "UTC"
