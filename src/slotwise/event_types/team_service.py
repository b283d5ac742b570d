"""The rules for team event types (spec/scheduling.md §9): who may read or change them
(``teams.access``: a member reads, an admin or owner changes, an outsider gets 404), their
hosts, and MANAGED parents whose locked settings are copied to one child per host.

The settings every event type has are checked by the personal service (``service.py``);
this module adds the team's: scheduling type, hosts, assignAllTeamMembers and the
round-robin switches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from slotwise.commands import UNSET
from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound
from slotwise.event_types import repository, service, team_repository
from slotwise.event_types.commands import EventTypeChanges, NewEventType
from slotwise.event_types.models import (
    DEFAULT_PRIORITY,
    DEFAULT_WEIGHT,
    EventType,
    EventTypeHost,
    SchedulingType,
)
from slotwise.event_types.team_commands import HostSpec, TeamSetup
from slotwise.event_types.validation import checked
from slotwise.teams import access
from slotwise.teams.models import MembershipRole, Team
from slotwise.users.models import User

MAX_HOSTS = 500
# What a MANAGED parent never hands to its children: they are the children's own.
_NEVER_COPIED = frozenset({"slug"})


@dataclass(frozen=True, slots=True)
class TeamHost:
    """A host as the engine and outputs read it: stored, or a member assigned by
    ``assignAllTeamMembers`` with the defaults."""

    user: User
    is_fixed: bool
    priority: int
    weight: int
    schedule_id: int | None = None


# --- access ----------------------------------------------------------------------------------


def _team_for(session: ReadSession, actor: User, team_id: int, needed: MembershipRole) -> Team:
    """The team, if the actor holds ``needed`` there: an outsider gets 404 (the team's
    existence is not theirs to learn), a member asking for more gets 403."""
    team = team_repository.team_by_id(session, team_id)
    role = access.role_in(session, team_id, actor.id) if team is not None else None
    if team is None or role is None:
        raise NotFound(f"Team with id {team_id} not found")
    if not role.at_least(needed):
        raise Forbidden(f"Only a team {needed.value.lower()} or above may do this")
    return team


def team_event_type_ids(session: ReadSession, actor: User, team_id: int) -> list[int]:
    """The ids of a team's event types and of its managed children, for a member (an
    outsider gets 404): what the team's bookings are bookings of."""
    _team_for(session, actor, team_id, MembershipRole.MEMBER)
    own = team_repository.list_of_team(session, team_id, slug=None)
    ids = [e.id for e in own]
    for parent in own:
        if parent.scheduling_type == SchedulingType.MANAGED.value:
            ids += [child.id for child in team_repository.children_of(session, parent.id)]
    return ids


def _organization_for(session: ReadSession, actor: User, org_id: int) -> Team:
    """The organization, if the actor is its admin or owner: an outsider gets 404, a member
    403 (as every ``/v2/organizations/{orgId}`` route)."""
    org = team_repository.team_by_id(session, org_id)
    role = access.role_in(session, org_id, actor.id) if org is not None else None
    if org is None or not org.is_organization or role is None:
        raise NotFound(f"Organization with id {org_id} not found")
    if not role.at_least(MembershipRole.ADMIN):
        raise Forbidden("Only an organization ADMIN or above can do this")
    return org


def _event_type_of(session: ReadSession, team_id: int, event_type_id: int) -> EventType:
    event_type = team_repository.get_of_team(session, team_id, event_type_id)
    if event_type is None:
        raise NotFound(f"Event type with id {event_type_id} not found")
    return event_type


# --- operations ------------------------------------------------------------------------------


def create_team_event_type(
    session: Session,
    actor: User,
    team_id: int,
    new: NewEventType,
    setup: TeamSetup,
    *,
    now: datetime,
) -> EventType:
    """A new event type of the team; its creator (an admin or owner) is its ``owner_id``."""
    _team_for(session, actor, team_id, MembershipRole.ADMIN)
    if setup.scheduling_type is UNSET:
        raise Invalid.field("scheduling_type", "is required for a team event type")
    hosts = _checked_hosts(session, team_id, setup)
    if team_repository.slug_taken_in_team(session, team_id, new.slug.strip().lower()):
        raise Conflict(f"The team already has an event type with the slug {new.slug}")
    event_type = service.create_event_type(session, actor, new, now=now)
    event_type.team_id = team_id
    _apply_setup(event_type, setup)
    session.flush()
    _write_hosts(session, event_type, hosts or [])
    if event_type.scheduling_type == SchedulingType.MANAGED:
        _sync_children(session, event_type, now=now)
    return event_type


def list_team_event_types(
    session: ReadSession, actor: User, team_id: int, *, slug: str | None = None
) -> list[EventType]:
    _team_for(session, actor, team_id, MembershipRole.MEMBER)
    return team_repository.list_of_team(session, team_id, slug=_slug(slug))


def list_organization_team_event_types(
    session: ReadSession, actor: User, org_id: int, *, take: int, skip: int
) -> list[EventType]:
    """Every team event type of the organization's teams, by team then id (an org admin's
    ``GET /v2/organizations/{orgId}/teams/event-types``)."""
    org = _organization_for(session, actor, org_id)
    return team_repository.page_of_organization_teams(session, org.id, take=take, skip=skip)


def get_team_event_type(
    session: ReadSession, actor: User, team_id: int, event_type_id: int
) -> EventType:
    _team_for(session, actor, team_id, MembershipRole.MEMBER)
    return _event_type_of(session, team_id, event_type_id)


def update_team_event_type(
    session: Session,
    actor: User,
    team_id: int,
    event_type_id: int,
    changes: EventTypeChanges,
    setup: TeamSetup,
    *,
    now: datetime,
) -> EventType:
    _team_for(session, actor, team_id, MembershipRole.ADMIN)
    event_type = _event_type_of(session, team_id, event_type_id)
    clean = checked(changes.given(), [])
    if "slug" in clean and team_repository.slug_taken_in_team(
        session, team_id, clean["slug"], except_id=event_type.id
    ):
        raise Conflict(f"The team already has an event type with the slug {clean['slug']}")
    hosts = _checked_hosts(session, team_id, setup, current=event_type)
    service.apply_changes(session, event_type, clean)
    _apply_setup(event_type, setup)
    if hosts is not None:
        _write_hosts(session, event_type, hosts)
    session.flush()
    if event_type.scheduling_type == SchedulingType.MANAGED:
        _sync_children(session, event_type, now=now)
    return event_type


def delete_team_event_type(
    session: Session, actor: User, team_id: int, event_type_id: int
) -> EventType:
    """Deletes the event type, its hosts and (MANAGED) its members' children."""
    _team_for(session, actor, team_id, MembershipRole.ADMIN)
    event_type = _event_type_of(session, team_id, event_type_id)
    for child in team_repository.children_of(session, event_type.id):
        service.forget_buffers(session, child)
        session.delete(child)
    service.forget_buffers(session, event_type)
    session.delete(event_type)
    session.flush()
    return event_type


# --- public reads (slots, booking pages) -----------------------------------------------------


def public_team(session: ReadSession, team_slug: str, organization_slug: str | None) -> Team:
    """The team a booking page or slot request names by slug (404 when there is none)."""
    parent_id = None
    if organization_slug is not None:
        organization = team_repository.organization_by_slug(session, organization_slug)
        if organization is None:
            raise NotFound(f"Organization {organization_slug} not found")
        parent_id = organization.id
    team = team_repository.team_by_slug(session, team_slug, parent_id=parent_id)
    if team is None:
        raise NotFound(f"Team {team_slug} not found")
    return team


def bookable_event_type(
    session: ReadSession, team_slug: str, slug: str, organization_slug: str | None = None
) -> EventType:
    team = public_team(session, team_slug, organization_slug)
    event_type = team_repository.bookable_of_team(session, team.id, slug=slug.lower())
    if event_type is None:
        raise NotFound(f"Event type {slug} of team {team_slug} not found")
    return event_type


def public_team_event_types(session: ReadSession, team: Team) -> list[EventType]:
    """What a team's page lists: its event types that are not hidden (a MANAGED parent is
    no page of its own: its members' children are booked on their pages)."""
    return [
        e
        for e in team_repository.list_of_team(session, team.id, slug=None)
        if not e.hidden and e.scheduling_type != SchedulingType.MANAGED
    ]


def bookable_on_team_page(session: ReadSession, team: Team, slug: str) -> EventType:
    """The team event type ``/team/{slug}/{eventSlug}`` books: hidden ones too (a hidden
    event type is bookable through its link), never a MANAGED parent (404)."""
    event_type = team_repository.bookable_of_team(session, team.id, slug=slug.lower())
    if event_type is None or event_type.scheduling_type == SchedulingType.MANAGED:
        raise NotFound(f"Event type {slug} of team {team.slug} not found")
    return event_type


def team_of(session: ReadSession, event_type: EventType) -> Team | None:
    """The team a team event type belongs to (None for a personal one)."""
    if event_type.team_id is None:
        return None
    return team_repository.team_by_id(session, event_type.team_id)


def organization_of(session: ReadSession, team: Team) -> Team | None:
    """The organization a team belongs to (None for a top-level team)."""
    if team.parent_id is None:
        return None
    return team_repository.team_by_id(session, team.parent_id)


def public_members(session: ReadSession, team: Team) -> list[User]:
    """Whom a team's page shows: its accepted members, nobody for a private team (Cal.com
    hides a private team's members from everyone but its admins)."""
    if team.is_private:
        return []
    user_ids = access.accepted_member_ids(session, team.id)
    users = team_repository.users_by_id(session, user_ids)
    return [users[user_id] for user_id in user_ids if user_id in users]


# --- hosts -----------------------------------------------------------------------------------


def hosts_of(session: ReadSession, event_types: list[EventType]) -> dict[int, list[TeamHost]]:
    """Each team event type's hosts: its stored rows, or every accepted member of the team
    (with the stored row's settings where there is one) when it assigns all members."""
    stored = team_repository.hosts_of(session, [e.id for e in event_types])
    members = {
        team_id: access.accepted_member_ids(session, team_id)
        for team_id in {e.team_id for e in event_types if e.assign_all_team_members and e.team_id}
    }
    user_ids = {row.user_id for rows in stored.values() for row in rows}
    user_ids |= {user_id for ids in members.values() for user_id in ids}
    users = team_repository.users_by_id(session, sorted(user_ids))
    return {e.id: _hosts_of_one(e, stored[e.id], members, users) for e in event_types}


def _hosts_of_one(
    event_type: EventType,
    rows: list[EventTypeHost],
    members: dict[int, list[int]],
    users: dict[int, User],
) -> list[TeamHost]:
    collective = event_type.scheduling_type == SchedulingType.COLLECTIVE
    by_user = {row.user_id: row for row in rows}
    user_ids = list(by_user)
    if event_type.assign_all_team_members and event_type.team_id in members:
        user_ids = members[event_type.team_id]
    hosts: list[TeamHost] = []
    for user_id in user_ids:
        row = by_user.get(user_id)
        hosts.append(
            TeamHost(
                user=users[user_id],
                is_fixed=collective or (row is not None and row.is_fixed),
                priority=row.priority if row is not None else DEFAULT_PRIORITY,
                weight=row.weight if row is not None else DEFAULT_WEIGHT,
                schedule_id=row.schedule_id if row is not None else None,
            )
        )
    return hosts


def _checked_hosts(
    session: ReadSession, team_id: int, setup: TeamSetup, *, current: EventType | None = None
) -> list[HostSpec] | None:
    """The hosts asked for, each an accepted member of the team, once (None: unchanged)."""
    assign_all = setup.assign_all_team_members
    if setup.hosts is UNSET:
        if current is None and assign_all is not True:
            return []
        return None
    if assign_all is True:
        raise Invalid.field("hosts", "cannot be given with assign_all_team_members")
    if len(setup.hosts) > MAX_HOSTS:
        raise Invalid.field("hosts", f"may name at most {MAX_HOSTS} hosts")
    members = set(access.accepted_member_ids(session, team_id))
    problems: list[dict[str, str]] = []
    seen: set[int] = set()
    for index, host in enumerate(setup.hosts):
        if host.user_id not in members:
            problems.append(
                {"field": f"hosts[{index}].userId", "message": "is not a member of the team"}
            )
        elif host.user_id in seen:
            problems.append({"field": f"hosts[{index}].userId", "message": "is named twice"})
        seen.add(host.user_id)
    if problems:
        raise Invalid.fields(problems)
    return list(setup.hosts)


def _write_hosts(session: Session, event_type: EventType, hosts: list[HostSpec]) -> None:
    team_repository.replace_hosts(session, event_type.id)
    collective = event_type.scheduling_type == SchedulingType.COLLECTIVE
    for host in hosts:
        session.add(
            EventTypeHost(
                event_type_id=event_type.id,
                user_id=host.user_id,
                is_fixed=collective or host.is_fixed,
                priority=host.priority,
                weight=host.weight,
            )
        )
    session.flush()


def _apply_setup(event_type: EventType, setup: TeamSetup) -> None:
    given: dict[str, Any] = setup.given()
    given.pop("hosts", None)
    if "scheduling_type" in given:
        given["scheduling_type"] = _scheduling_type(given["scheduling_type"], event_type)
    if given.get("assign_all_team_members") is True:
        given["assign_all_team_members"] = True
    for attribute, value in given.items():
        setattr(event_type, attribute, value)


def _scheduling_type(value: str, event_type: EventType) -> str:
    try:
        wanted = SchedulingType(value)
    except ValueError:
        raise Invalid.field(
            "scheduling_type", "must be COLLECTIVE, ROUND_ROBIN or MANAGED"
        ) from None
    if event_type.scheduling_type is not None and event_type.scheduling_type != wanted.value:
        # Cal.com refuses it too: bookings, hosts and children were made for the old one.
        raise Invalid.field("scheduling_type", "cannot change once the event type exists")
    return wanted.value


# --- MANAGED ---------------------------------------------------------------------------------


def _sync_children(session: Session, parent: EventType, *, now: datetime) -> None:
    """One child per host, carrying the parent's locked settings; hosts no longer assigned
    lose theirs. A child's unlocked settings stay as its member set them."""
    hosts = hosts_of(session, [parent])[parent.id]
    wanted = {host.user.id: host.user for host in hosts}
    children = {child.owner_id: child for child in team_repository.children_of(session, parent.id)}
    for owner_id, child in children.items():
        if owner_id not in wanted:
            service.forget_buffers(session, child)
            session.delete(child)
    locked = _locked_values(parent)
    for owner_id, owner in wanted.items():
        existing = children.get(owner_id)
        if existing is None:
            _new_child(session, parent, owner, locked, now=now)
        else:
            old_buffers = service.buffers_of(existing)
            if old_buffers != tuple(
                locked.get(f"{side}_event_buffer", old)
                for side, old in zip(("before", "after"), old_buffers, strict=True)
            ):
                service.lock_hosts(session, existing)
            for attribute, value in locked.items():
                setattr(existing, attribute, value)
            session.flush()
            service.follow_buffers(session, existing, old_buffers)
    session.flush()


def _locked_values(parent: EventType) -> dict[str, Any]:
    unlocked = set(parent.unlocked_fields or [])
    return {
        attribute: getattr(parent, attribute)
        for attribute in service.SETTABLE
        if attribute not in unlocked
        and attribute not in _NEVER_COPIED
        and attribute != "schedule_id"  # a schedule belongs to one user: the child's own
    }


def _new_child(
    session: Session, parent: EventType, owner: User, locked: dict[str, Any], *, now: datetime
) -> None:
    if repository.slug_taken(session, owner.id, parent.slug):
        raise Conflict(
            f"{owner.username} already has an event type with the slug {parent.slug}; "
            "the managed event type cannot give them one"
        )
    values = {attribute: getattr(parent, attribute) for attribute in service.SETTABLE} | locked
    values.pop("schedule_id", None)
    child = EventType(owner_id=owner.id, parent_id=parent.id, created_at=now, position=0, **values)
    session.add(child)


def _slug(value: str | None) -> str | None:
    return value.strip().lower() or None if value is not None else None
