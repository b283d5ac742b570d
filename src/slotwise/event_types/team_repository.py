"""Every query on team event types and their hosts. A team's event types are read through
``of_team`` once the service has checked the caller's role there (``teams.access``); public
reads (slots, booking pages) name the team by id or slug and read ``bookable_of_team``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.event_types.models import EventType, EventTypeHost
from slotwise.event_types.repository import ordered
from slotwise.teams.models import Team
from slotwise.users.models import User


def of_team(team_id: int) -> Select[EventType]:
    """A team's own event types (MANAGED children are their members' personal ones)."""
    return select(EventType).where(EventType.team_id == team_id)


def get_of_team(session: ReadSession, team_id: int, event_type_id: int) -> EventType | None:
    return session.scalars(of_team(team_id).where(EventType.id == event_type_id)).one_or_none()


def list_of_team(session: ReadSession, team_id: int, *, slug: str | None) -> list[EventType]:
    statement = of_team(team_id)
    if slug is not None:
        statement = statement.where(EventType.slug == slug)
    return list(session.scalars(ordered(statement, None)))


def of_organization_teams(org_id: int) -> Select[EventType]:
    """The event types of every team of an organization (its own teams, not the
    organization's members' personal ones)."""
    teams = select(Team.id).where(Team.parent_id == org_id)
    return select(EventType).where(EventType.team_id.in_(teams))


def page_of_organization_teams(
    session: ReadSession, org_id: int, *, take: int, skip: int
) -> list[EventType]:
    statement = of_organization_teams(org_id).order_by(EventType.team_id, EventType.id)
    return list(session.scalars(statement.offset(skip).limit(take)))


def list_of_teams(session: ReadSession, team_ids: Sequence[int]) -> list[EventType]:
    statement = select(EventType).where(EventType.team_id.in_(list(team_ids)))
    return list(session.scalars(ordered(statement, None)))


def bookable_of_team(
    session: ReadSession, team_id: int, *, slug: str, include_hidden: bool = True
) -> EventType | None:
    statement = of_team(team_id).where(EventType.slug == slug)
    if not include_hidden:
        statement = statement.where(EventType.hidden.is_(False))
    return session.scalars(statement).first()


def slug_taken_in_team(
    session: ReadSession, team_id: int, slug: str, *, except_id: int | None = None
) -> bool:
    statement = of_team(team_id).where(EventType.slug == slug)
    if except_id is not None:
        statement = statement.where(EventType.id != except_id)
    return session.scalars(statement).first() is not None


def hosts_of(session: ReadSession, event_type_ids: Sequence[int]) -> dict[int, list[EventTypeHost]]:
    """Each event type's stored host rows, in the order they were added."""
    found: dict[int, list[EventTypeHost]] = {event_type_id: [] for event_type_id in event_type_ids}
    if not event_type_ids:
        return found
    rows = session.scalars(
        select(EventTypeHost)
        .where(EventTypeHost.event_type_id.in_(list(event_type_ids)))
        .order_by(EventTypeHost.id)
    )
    for row in rows:
        found[row.event_type_id].append(row)
    return found


def replace_hosts(session: Session, event_type_id: int) -> None:
    """Deletes the event type's host rows (the service adds the new ones)."""
    session.execute(delete(EventTypeHost).where(EventTypeHost.event_type_id == event_type_id))


def children_of(session: ReadSession, parent_id: int) -> list[EventType]:
    return list(
        session.scalars(
            select(EventType).where(EventType.parent_id == parent_id).order_by(EventType.id)
        )
    )


def users_by_id(session: ReadSession, user_ids: Sequence[int]) -> dict[int, User]:
    if not user_ids:
        return {}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(list(user_ids))))}


# --- teams, as public pages and slot requests name them ------------------------------------
# (read here until the teams domain offers a lookup by slug; nothing else of teams is read)


def team_by_id(session: ReadSession, team_id: int) -> Team | None:
    return session.get(Team, team_id)


def team_by_slug(session: ReadSession, slug: str, *, parent_id: int | None) -> Team | None:
    statement = select(Team).where(Team.slug == slug, Team.is_organization.is_(False))
    if parent_id is None:
        statement = statement.where(Team.parent_id.is_(None))
    else:
        statement = statement.where(Team.parent_id == parent_id)
    return session.scalars(statement.order_by(Team.id)).first()


def organization_by_slug(session: ReadSession, slug: str) -> Team | None:
    statement = select(Team).where(Team.slug == slug, Team.is_organization.is_(True))
    return session.scalars(statement.order_by(Team.id)).first()
