"""Who may do what in a team: the one place that reads a caller's role.

Other domains (team event types, team bookings, workflows, routing forms) ask here rather
than reading memberships themselves. An organization's ADMIN or OWNER holds that role in
every team of the organization too, as in Cal.com.
"""

from __future__ import annotations

from sqlalchemy import select

from slotwise.db import ReadSession
from slotwise.teams.models import Membership, MembershipRole, Team


def role_in(session: ReadSession, team_id: int, user_id: int) -> MembershipRole | None:
    """The caller's accepted role in the team (or, for an organization's team, the higher of
    it and an admin role in the organization); None for an outsider or a pending invitee."""
    own = session.execute(
        select(Membership.role).where(
            Membership.team_id == team_id,
            Membership.user_id == user_id,
            Membership.accepted.is_(True),
        )
    ).scalar_one_or_none()
    roles = [MembershipRole(own)] if own is not None else []
    parent_id = session.execute(select(Team.parent_id).where(Team.id == team_id)).scalar()
    if parent_id is not None:
        inherited = role_in(session, parent_id, user_id)
        if inherited is not None and inherited.at_least(MembershipRole.ADMIN):
            roles.append(inherited)
    return max(roles, key=lambda role: role.rank, default=None)


def has_role(session: ReadSession, team_id: int, user_id: int, needed: MembershipRole) -> bool:
    role = role_in(session, team_id, user_id)
    return role is not None and role.at_least(needed)


def accepted_member_ids(session: ReadSession, team_id: int) -> list[int]:
    """The users who belong to the team (accepted), in the order they joined."""
    return list(
        session.scalars(
            select(Membership.user_id)
            .where(Membership.team_id == team_id, Membership.accepted.is_(True))
            .order_by(Membership.id)
        )
    )
