"""Demo data for a fresh embedded install, so the booking page has something to show."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from slotwise.api_keys import service as api_keys
from slotwise.core.timezones import is_iana_time_zone
from slotwise.event_types.service import create_personal_event_type
from slotwise.schedules.service import create_weekly_schedule
from slotwise.users import service as users
from slotwise.users.commands import NewUser

DEMO_EMAIL = "demo@example.com"
DEMO_USERNAME = "demo"
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
    """On an empty database: a demo user, working hours, two event types and an API key.
    With ``password`` the demo user can sign in to the web app (``serve`` prints it once).

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
    return api_keys.issue_key(session, user, now=now, name="demo")


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
