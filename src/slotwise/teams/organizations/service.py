"""The organization routes' rules, on top of the teams service.

- The caller must belong to the organization (accepted): anyone else gets 404, as for an
  unknown id. Members reach only ``teams/me``; everything else needs the organization's
  ADMIN or OWNER (403 for a member).
- An organization's admins act on its teams as their OWNER (Cal.com's ORG_ADMIN guard); on
  the organization's own memberships they keep their role, so only an OWNER makes owners.
- Users created here belong to the organization (``organization_id``) with a membership of
  it; deleting one deletes the user (as Cal.com). The organization keeps an accepted OWNER.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.errors import Forbidden, NotFound
from slotwise.teams import access, repository
from slotwise.teams import service as teams
from slotwise.teams.commands import MembershipChanges, NewMembership, TeamSettings
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users import repository as users_repository
from slotwise.users import service as users
from slotwise.users.commands import NewUser, UserChanges
from slotwise.users.models import User

# Within the organization's teams an organization admin is as their owner.
ORG_ADMIN_IN_TEAMS = MembershipRole.OWNER


def create_organization(
    session: Session, owner: User, settings: TeamSettings, *, now: datetime
) -> Team:
    """A new organization owned by ``owner`` (the operator's ``slotwise admin`` command)."""
    return teams.create_team(session, owner, settings, now=now, is_organization=True)


def organization_for(
    session: ReadSession, actor: User, org_id: int, needed: MembershipRole
) -> tuple[Team, MembershipRole]:
    """The organization and the caller's role in it, if at least ``needed``."""
    org = session.get(Team, org_id)
    role = access.role_in(session, org_id, actor.id) if org is not None else None
    if org is None or not org.is_organization or role is None:
        raise NotFound(f"Organization with id {org_id} not found")
    if not role.at_least(needed):
        raise Forbidden(f"Only an organization {needed.value} or above can do this")
    return org, role


# --- teams ---------------------------------------------------------------------------------


def teams_of(session: ReadSession, org: Team, *, take: int, skip: int) -> list[Team]:
    return repository.page(session, repository.of_organization(org.id), take=take, skip=skip)


def my_teams_in(
    session: ReadSession, org: Team, actor: User, *, take: int, skip: int
) -> list[Team]:
    scope = repository.of_organization_with_member(org.id, actor.id)
    return repository.page(session, scope, take=take, skip=skip)


def team_of(session: ReadSession, org: Team, team_id: int) -> Team:
    team = repository.find(session, repository.of_organization(org.id), team_id)
    if team is None:
        raise NotFound(f"Team with id {team_id} not found in organization {org.id}")
    return team


def create_team(
    session: Session,
    org: Team,
    actor: User,
    settings: TeamSettings,
    *,
    now: datetime,
    auto_accept_creator: bool = True,
) -> Team:
    return teams.create_team(
        session, actor, settings, now=now, parent=org, auto_accept_creator=auto_accept_creator
    )


# --- users ---------------------------------------------------------------------------------


def users_of(
    session: ReadSession, org: Team, *, take: int, skip: int, emails: list[str]
) -> list[User]:
    scope = users_repository.of_organization(org.id)
    return users_repository.page(session, scope, take=take, skip=skip, emails=emails)


def user_of(session: ReadSession, org: Team, user_id: int) -> User:
    user = users_repository.get_by_id(session, user_id)
    if user is None or user.organization_id != org.id:
        raise NotFound(f"User with id {user_id} not found in organization {org.id}")
    return user


def create_user(
    session: Session,
    org: Team,
    actor: User,
    new: NewUser,
    *,
    role: MembershipRole,
    accepted: bool,
    now: datetime,
    hasher: PasswordHasher,
    granted: MembershipRole,
) -> tuple[User, Membership]:
    """A user of the organization: the user, then their membership of it (an invitation,
    emailed, unless ``accepted``)."""
    user = users.create_user(session, new, now=now, hasher=hasher)
    joining = NewMembership(user_id=user.id, role=role.value, accepted=accepted)
    membership, _ = teams.add_member(session, actor, org, joining, now=now, granted=granted)
    return user, membership


def update_user(
    session: Session,
    org: Team,
    actor: User,
    user_id: int,
    changes: UserChanges,
    *,
    role: MembershipRole | None,
    now: datetime,
    granted: MembershipRole,
) -> User:
    user = user_of(session, org, user_id)
    if role is not None:
        membership = repository.membership_of(session, org.id, user.id)
        if membership is not None:
            change = MembershipChanges(role=role.value)
            teams.update_membership(
                session, actor, org, membership.id, change, now=now, granted=granted
            )
    return users.update_user(session, actor, user, changes, now=now)


def delete_user(
    session: Session, org: Team, actor: User, user_id: int, *, granted: MembershipRole
) -> User:
    """Deletes the user; their memberships go with them. The last owner stays."""
    user = user_of(session, org, user_id)
    membership = repository.membership_of(session, org.id, user.id)
    if membership is not None:
        teams.remove_member(session, actor, org, membership.id, granted=granted)
    users.remove_user(session, user)
    return user
