"""The rules for teams and their memberships.

- Anyone may create a team and becomes its OWNER (accepted unless ``auto_accept_creator``
  is false, as Cal.com's ``autoAcceptCreator``).
- A team is seen by its members, its invitees and its organization's admins; anyone else
  gets 404, as for an unknown id.
- ADMIN and above change the team and manage members; only an OWNER makes owners, changes
  or removes an owner, or deletes the team.
- A team always keeps one accepted OWNER: the last one can neither leave, be removed, be
  demoted nor be un-accepted (400).
- An invitation is a membership not yet accepted; it grants nothing. The invitee accepts it
  by setting ``accepted`` on their own membership (Cal.com's v1 rule: "only the invited user
  can accept the invite"); an admin may instead add someone already accepted (Cal.com's v2).
  Anyone may leave a team (delete their own membership), an invitee so declines.
- A private team (``is_private``) shows its member list to its admins only.

Services never commit; the request's session does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.errors import Conflict, Forbidden, Invalid, NotFound
from slotwise.events import publish
from slotwise.schedules import service as schedules
from slotwise.schedules.views import ScheduleView
from slotwise.teams import access, repository
from slotwise.teams.commands import MembershipChanges, NewMembership, TeamSettings
from slotwise.teams.events import MemberInvited
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.teams.validation import checked_settings
from slotwise.users import repository as users
from slotwise.users.models import User

ROLES = tuple(role.value for role in MembershipRole)
DEFAULT_TIME_ZONE = "Europe/London"
DEFAULT_WEEK_START = "Sunday"


# --- teams ---------------------------------------------------------------------------------


def create_team(
    session: Session,
    creator: User,
    settings: TeamSettings,
    *,
    now: datetime,
    parent: Team | None = None,
    is_organization: bool = False,
    auto_accept_creator: bool = True,
) -> Team:
    """A new team (under ``parent``, an organization, when given) owned by ``creator``."""
    values = settings.given()
    if "name" not in values:
        raise Invalid.field("name", "is required")
    values = checked_settings(values)
    parent_id = parent.id if parent is not None else None
    _check_slug_free(session, values.get("slug"), parent_id=parent_id, team_id=None)
    values.setdefault("time_zone", DEFAULT_TIME_ZONE)
    values.setdefault("week_start", DEFAULT_WEEK_START)
    values.setdefault("team_metadata", {})
    team = Team(
        **values,
        parent_id=parent_id,
        is_organization=is_organization,
        created_at=now,
        updated_at=now,
    )
    _flush_unique(session, team)
    membership = Membership(
        team_id=team.id,
        user_id=creator.id,
        role=MembershipRole.OWNER.value,
        accepted=auto_accept_creator,
        created_at=now,
        updated_at=now,
    )
    repository.add(session, membership)
    if is_organization:
        _join_organization(session, team, creator)
    return team


def my_teams(session: ReadSession, user: User) -> list[Team]:
    return repository.page(session, repository.visible_to(user.id))


def visible_team(session: ReadSession, user: User, team_id: int) -> Team:
    team = repository.find(session, repository.visible_to(user.id), team_id)
    if team is None:
        raise NotFound(f"Team with id {team_id} not found")
    return team


def update_team(
    session: Session,
    actor: User,
    team: Team,
    changes: TeamSettings,
    *,
    now: datetime,
    granted: MembershipRole | None = None,
) -> Team:
    require_role(session, team, actor, MembershipRole.ADMIN, "change the team", granted=granted)
    values = checked_settings(changes.given())
    if "slug" in values:
        _check_slug_free(session, values["slug"], parent_id=team.parent_id, team_id=team.id)
    for attribute, value in values.items():
        setattr(team, attribute, value)
    team.updated_at = now
    _flush_unique(session, team)
    return team


def delete_team(
    session: Session, actor: User, team: Team, *, granted: MembershipRole | None = None
) -> Team:
    require_role(session, team, actor, MembershipRole.OWNER, "delete the team", granted=granted)
    if team.is_organization:
        repository.clear_organization_of_users(session, team.id)
    repository.remove(session, team)  # memberships and child teams go with it (cascade)
    return team


def require_role(
    session: ReadSession,
    team: Team,
    actor: User,
    needed: MembershipRole,
    action: str,
    *,
    granted: MembershipRole | None = None,
) -> MembershipRole:
    """The actor's role, if it is at least ``needed``; 403 for a member without it (they
    may see the team); the caller found the team through a visible scope first. ``granted``
    is a role the caller established otherwise (an organization's admin acting on one of
    its teams through the organization routes)."""
    role = granted or access.role_in(session, team.id, actor.id)
    if role is None or not role.at_least(needed):
        raise Forbidden(f"Only a team {needed.value} or above can {action}")
    return role


def member_schedules(session: ReadSession, actor: User, team_id: int) -> list[ScheduleView]:
    """Every schedule of the team's accepted members, member by member (Cal.com's team
    schedules: a team admin's read; a member gets 403, an outsider 404)."""
    team = visible_team(session, actor, team_id)
    require_role(session, team, actor, MembershipRole.ADMIN, "read the members' schedules")
    found: list[ScheduleView] = []
    for user_id in access.accepted_member_ids(session, team.id):
        member = users.get_by_id(session, user_id)
        if member is not None:
            found += schedules.list_schedules(session, member)
    return found


# --- memberships ---------------------------------------------------------------------------


def memberships(
    session: ReadSession,
    actor: User,
    team: Team,
    *,
    take: int | None = None,
    skip: int = 0,
    granted: MembershipRole | None = None,
) -> list[tuple[Membership, User]]:
    scope = _memberships_seen_by(session, actor, team, granted)
    return repository.membership_page(session, scope, take=take, skip=skip)


def membership(
    session: ReadSession,
    actor: User,
    team: Team,
    membership_id: int,
    *,
    granted: MembershipRole | None = None,
) -> tuple[Membership, User]:
    scope = _memberships_seen_by(session, actor, team, granted)
    scope = scope.where(Membership.id == membership_id)
    found = repository.membership_page(session, scope, take=1)
    if not found:
        raise NotFound(f"Membership with id {membership_id} not found in team {team.id}")
    return found[0]


def _memberships_seen_by(
    session: ReadSession, actor: User, team: Team, granted: MembershipRole | None = None
) -> Select[Membership]:
    scope = repository.memberships_of_team(team.id)
    role = granted or access.role_in(session, team.id, actor.id)
    if role is None or (team.is_private and not role.at_least(MembershipRole.ADMIN)):
        # An invitee, or a member of a private team, sees their own membership only.
        scope = scope.where(Membership.user_id == actor.id)
    return scope


def membership_of_user(
    session: ReadSession, actor: User, team: Team, user_id: int
) -> tuple[Membership, User]:
    """A user's membership of the team, as ``actor`` may see it (v1 names them this way)."""
    scope = _memberships_seen_by(session, actor, team).where(Membership.user_id == user_id)
    found = repository.membership_page(session, scope, take=1)
    if not found:
        raise NotFound(f"Membership with id {user_id}_{team.id} not found")
    return found[0]


def memberships_of(session: ReadSession, user: User) -> list[Membership]:
    """A user's own memberships, invitations included, in the order they were made."""
    scope = repository.memberships_of_user(user.id).order_by(Membership.id)
    return list(session.scalars(scope))


def add_member(
    session: Session,
    actor: User,
    team: Team,
    new: NewMembership,
    *,
    now: datetime,
    granted: MembershipRole | None = None,
) -> tuple[Membership, User]:
    repository.lock(session, team.id)
    actor_role = require_role(
        session, team, actor, MembershipRole.ADMIN, "add members", granted=granted
    )
    role = _checked_role(new.role)
    if role == MembershipRole.OWNER and actor_role != MembershipRole.OWNER:
        raise Forbidden("Only a team OWNER can make someone an owner")
    user = users.get_by_id(session, new.user_id)
    if user is None:
        raise NotFound(f"User with id {new.user_id} not found")
    if repository.membership_of(session, team.id, user.id) is not None:
        raise Conflict(f"User with id {user.id} is already a member of team {team.id}")
    _check_same_organization(team, user)
    row = Membership(
        team_id=team.id,
        user_id=user.id,
        role=role.value,
        accepted=new.accepted,
        disable_impersonation=new.disable_impersonation,
        created_at=now,
        updated_at=now,
    )
    try:
        repository.add(session, row)
    except IntegrityError as exc:
        raise Conflict(f"User with id {user.id} is already a member of team {team.id}") from exc
    if team.is_organization:
        _join_organization(session, team, user)
    if not row.accepted:
        _announce_invitation(session, team, row, user, actor, now=now)
    return row, user


def update_membership(
    session: Session,
    actor: User,
    team: Team,
    membership_id: int,
    changes: MembershipChanges,
    *,
    now: datetime,
    granted: MembershipRole | None = None,
) -> tuple[Membership, User]:
    repository.lock(session, team.id)
    row, user = membership(session, actor, team, membership_id, granted=granted)
    values = _checked_membership_changes(changes)
    if row.user_id == actor.id and set(values) <= {"accepted"} and values.get("accepted"):
        pass  # an invitee accepting their own invitation (or a member saying so again)
    else:
        _check_may_change(session, actor, team, row, values, granted)
    _keep_an_owner(session, team, row, values)
    for attribute, value in values.items():
        setattr(row, attribute, value)
    row.updated_at = now
    session.flush()
    return row, user


def remove_member(
    session: Session,
    actor: User,
    team: Team,
    membership_id: int,
    *,
    granted: MembershipRole | None = None,
) -> tuple[Membership, User]:
    repository.lock(session, team.id)
    row, user = membership(session, actor, team, membership_id, granted=granted)
    if row.user_id != actor.id:  # leaving (or declining) is always one's own to do
        actor_role = require_role(
            session, team, actor, MembershipRole.ADMIN, "remove members", granted=granted
        )
        if row.role == MembershipRole.OWNER.value and actor_role != MembershipRole.OWNER:
            raise Forbidden("Only a team OWNER can remove an owner")
    _keep_an_owner(session, team, row, {"accepted": False})
    if team.is_organization:
        repository.remove_from_organization_teams(session, team.id, row.user_id)
        user.organization_id = None
    repository.remove(session, row)
    return row, user


# --- rules ---------------------------------------------------------------------------------


def _checked_role(value: Any) -> MembershipRole:
    if value not in ROLES:
        raise Invalid.field("role", "must be one of MEMBER, ADMIN or OWNER")
    return MembershipRole(value)


def _checked_membership_changes(changes: MembershipChanges) -> dict[str, Any]:
    values = changes.given()
    problems = [
        {"field": name, "message": "must be true or false"}
        for name in ("accepted", "disable_impersonation")
        if name in values and not isinstance(values[name], bool)
    ]
    if "role" in values and values["role"] not in ROLES:
        problems.append({"field": "role", "message": "must be one of MEMBER, ADMIN or OWNER"})
    if problems:
        raise Invalid.fields(problems)
    return values


def _check_may_change(
    session: ReadSession,
    actor: User,
    team: Team,
    row: Membership,
    values: dict[str, Any],
    granted: MembershipRole | None,
) -> None:
    actor_role = require_role(
        session, team, actor, MembershipRole.ADMIN, "change memberships", granted=granted
    )
    if actor_role == MembershipRole.OWNER:
        return
    if values.get("role") == MembershipRole.OWNER.value:
        raise Forbidden("Only a team OWNER can make someone an owner")
    if row.role == MembershipRole.OWNER.value:
        raise Forbidden("Only a team OWNER can change an owner's membership")


def _keep_an_owner(
    session: ReadSession, team: Team, row: Membership, values: dict[str, Any]
) -> None:
    """Refuses a change that would leave the team without an accepted OWNER."""
    counted = row.accepted and row.role == MembershipRole.OWNER.value
    stays = values.get("accepted", row.accepted) and (
        values.get("role", row.role) == MembershipRole.OWNER.value
    )
    if counted and not stays and repository.accepted_owner_count(session, team.id) <= 1:
        raise Invalid(
            "A team needs an owner: make another member OWNER before the last owner "
            "leaves or changes role"
        )


def _check_slug_free(
    session: ReadSession, slug: str | None, *, parent_id: int | None, team_id: int | None
) -> None:
    if slug and repository.slug_taken(session, slug, parent_id=parent_id, except_team_id=team_id):
        raise Conflict(f"A team with the slug '{slug}' already exists")


def _check_same_organization(team: Team, user: User) -> None:
    """An organization's team takes only the organization's users; a user belongs to one
    organization at most."""
    if team.parent_id is not None and user.organization_id != team.parent_id:
        raise Invalid.field("user_id", "must be a member of the team's organization")
    if team.is_organization and user.organization_id not in (None, team.id):
        raise Conflict(f"User with id {user.id} already belongs to another organization")


def _join_organization(session: Session, org: Team, user: User) -> None:
    if user.organization_id not in (None, org.id):
        raise Conflict(f"User with id {user.id} already belongs to another organization")
    user.organization_id = org.id
    session.flush()


def _announce_invitation(
    session: Session, team: Team, row: Membership, user: User, inviter: User, *, now: datetime
) -> None:
    publish(
        session,
        MemberInvited(
            at=now,
            membership_id=row.id,
            team_id=team.id,
            team_name=team.name,
            team_slug=team.slug,
            is_organization=team.is_organization,
            role=row.role,
            invitee_id=user.id,
            invitee_name=user.name,
            invitee_email=user.email,
            invitee_locale=user.locale,
            inviter_name=inviter.name or inviter.username,
            inviter_email=inviter.email,
        ),
    )


def _flush_unique(session: Session, team: Team) -> None:
    """Flush; a slug taken by a racing request (the unique constraint) becomes a 409."""
    session.add(team)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(f"A team with the slug '{team.slug}' already exists") from exc
