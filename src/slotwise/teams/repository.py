"""Every query on teams and memberships, each starting from the scope of who asks:

- ``visible_to(user_id)``: the teams a user belongs to or is invited to, and every team of
  an organization they administer (what ``/v2/teams`` lists and reads);
- ``of_organization(org_id)``: an organization's teams (the organization routes, whose
  caller's role in the organization the service checked first);
- ``memberships_of_team(team_id)`` / ``memberships_of_user(user_id)``;
- ``for_operator()``: every team, for the operator's CLI.

Who may change what is ``access.py``'s to say; these only say what is there to be seen.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from slotwise.db import ReadSession
from slotwise.teams.models import Membership, MembershipRole, Team
from slotwise.users.models import User

ADMIN_ROLES = (MembershipRole.ADMIN.value, MembershipRole.OWNER.value)


def visible_to(user_id: int) -> Select[Team]:
    """Teams with a membership row of the user (accepted or pending: an invitee may read
    what they are invited to), plus the teams of organizations the user administers."""
    own = exists().where(Membership.team_id == Team.id, Membership.user_id == user_id)
    org_admin = exists().where(
        Membership.team_id == Team.parent_id,
        Membership.user_id == user_id,
        Membership.accepted.is_(True),
        Membership.role.in_(ADMIN_ROLES),
    )
    return select(Team).where(or_(own, org_admin))


def of_organization(org_id: int) -> Select[Team]:
    return select(Team).where(Team.parent_id == org_id)


def of_organization_with_member(org_id: int, user_id: int) -> Select[Team]:
    """An organization's teams the user has a membership of (``teams/me``)."""
    own = exists().where(Membership.team_id == Team.id, Membership.user_id == user_id)
    return of_organization(org_id).where(own)


def for_operator() -> Select[Team]:
    return select(Team)


def find(session: ReadSession, scope: Select[Team], team_id: int) -> Team | None:
    return session.scalars(scope.where(Team.id == team_id)).one_or_none()


def page(
    session: ReadSession, scope: Select[Team], *, take: int | None = None, skip: int = 0
) -> list[Team]:
    statement = scope.order_by(Team.id).offset(skip)
    if take is not None:
        statement = statement.limit(take)
    return list(session.scalars(statement))


def slug_taken(
    session: ReadSession, slug: str, *, parent_id: int | None, except_team_id: int | None
) -> bool:
    """Slugs are unique among siblings: top-level teams (and organizations) share one
    namespace, each organization's teams another."""
    parent = Team.parent_id.is_(None) if parent_id is None else Team.parent_id == parent_id
    statement = select(func.count()).select_from(Team).where(Team.slug == slug, parent)
    if except_team_id is not None:
        statement = statement.where(Team.id != except_team_id)
    return bool(session.scalar(statement))


def lock(session: Session, team_id: int) -> None:
    """Serializes membership changes of one team (PostgreSQL; SQLite's writer lock already
    does), so two requests cannot each remove "the other" of two owners."""
    session.execute(select(Team.id).where(Team.id == team_id).with_for_update())


# --- memberships ---------------------------------------------------------------------------


def memberships_of_team(team_id: int) -> Select[Membership]:
    return select(Membership).where(Membership.team_id == team_id)


def memberships_of_user(user_id: int) -> Select[Membership]:
    return select(Membership).where(Membership.user_id == user_id)


def find_membership(
    session: ReadSession, scope: Select[Membership], membership_id: int
) -> Membership | None:
    return session.scalars(scope.where(Membership.id == membership_id)).one_or_none()


def membership_of(session: ReadSession, team_id: int, user_id: int) -> Membership | None:
    return session.scalars(
        memberships_of_team(team_id).where(Membership.user_id == user_id)
    ).one_or_none()


def membership_page(
    session: ReadSession, scope: Select[Membership], *, take: int | None, skip: int = 0
) -> list[tuple[Membership, User]]:
    """Memberships with their users, in the order they were made."""
    statement = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .order_by(Membership.id)
        .offset(skip)
    )
    if scope.whereclause is not None:
        statement = statement.where(scope.whereclause)
    if take is not None:
        statement = statement.limit(take)
    return [(membership, user) for membership, user in session.execute(statement)]


def accepted_owner_count(session: ReadSession, team_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(
                Membership.team_id == team_id,
                Membership.accepted.is_(True),
                Membership.role == MembershipRole.OWNER.value,
            )
        )
        or 0
    )


def remove_from_organization_teams(session: Session, org_id: int, user_id: int) -> None:
    """Someone leaving an organization leaves its teams too."""
    child = aliased(Team)
    session.execute(
        delete(Membership).where(
            Membership.user_id == user_id,
            exists().where(and_(child.id == Membership.team_id, child.parent_id == org_id)),
        )
    )


def clear_organization_of_users(session: Session, org_id: int) -> None:
    """``users.organization_id`` has no foreign key (see the teams migration): an
    organization deleted lets its users go here."""
    session.execute(update(User).where(User.organization_id == org_id).values(organization_id=None))


def add(session: Session, row: Team | Membership) -> None:
    session.add(row)
    session.flush()


def remove(session: Session, row: Team | Membership) -> None:
    session.delete(row)
    session.flush()
