"""v1 team and membership routes (Cal.com's ``/v1/teams`` and ``/v1/memberships``):
``?apiKey=`` auth, un-enveloped bodies, ``{"message"}`` errors, unknown body fields refused.
The rules are the v2 ones (``service.py``), plus two of Cal.com's v1 checks: only the invited
user may set ``accepted`` on a membership, and a new membership cannot be created accepted."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from slotwise.auth.dependencies import CurrentUserV1
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, fields_named
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V1_ERROR_RESPONSES
from slotwise.http.inputs import V1Input
from slotwise.http.params import DatabaseId, IdPath
from slotwise.teams import service
from slotwise.teams.commands import MembershipChanges, NewMembership, TeamSettings
from slotwise.teams.models import Membership
from slotwise.teams.schemas import FIELD_NAMES, TEAM_FIELD_NAMES, TeamOutput
from slotwise.users.models import User
from slotwise.users.schemas import MessageV1, Theme, Weekday, may_be_left_out

router = APIRouter(prefix="/v1", tags=["Teams (v1)"], responses=V1_ERROR_RESPONSES)

Role = Literal["MEMBER", "ADMIN", "OWNER"]
_TEAM_ATTRIBUTE = {field: attribute for attribute, field in TEAM_FIELD_NAMES.items()}


class TeamV1Fields(V1Input):
    slug: str | None = None
    bio: str | None = None
    logoUrl: str | None = None
    bannerUrl: str | None = None
    calVideoLogo: str | None = None
    appLogo: str | None = None
    appIconLogo: str | None = None
    brandColor: str | None = None
    darkBrandColor: str | None = None
    theme: Theme | None = None
    hideBranding: bool = may_be_left_out()
    isPrivate: bool = may_be_left_out()
    hideBookATeamMember: bool = may_be_left_out()
    timeFormat: Literal[12, 24] | None = None
    timeZone: str = may_be_left_out()
    weekStart: Weekday = may_be_left_out()
    metadata: dict[str, Any] = may_be_left_out()

    def to_settings(self) -> TeamSettings:
        sent = self.model_dump(include=self.model_fields_set)
        return TeamSettings(**{_TEAM_ATTRIBUTE[field]: value for field, value in sent.items()})


class CreateTeamV1Input(TeamV1Fields):
    name: str = Field(min_length=1)


class UpdateTeamV1Input(TeamV1Fields):
    name: str = may_be_left_out()


class MembershipV1Output(BaseModel):
    userId: int
    teamId: int
    accepted: bool
    role: Role
    disableImpersonation: bool

    @classmethod
    def of(cls, membership: Membership) -> MembershipV1Output:
        return cls(
            userId=membership.user_id,
            teamId=membership.team_id,
            accepted=membership.accepted,
            role=membership.role,
            disableImpersonation=membership.disable_impersonation,
        )


class TeamV1Envelope(BaseModel):
    team: TeamOutput


class CreatedTeamV1Envelope(TeamV1Envelope):
    owner: MembershipV1Output
    message: str


class TeamsV1Envelope(BaseModel):
    teams: list[TeamOutput]


class MembershipV1Envelope(BaseModel):
    membership: MembershipV1Output


class CreatedMembershipV1Envelope(MembershipV1Envelope):
    message: str


class MembershipsV1Envelope(BaseModel):
    memberships: list[MembershipV1Output]


class CreateMembershipV1Input(V1Input):
    userId: DatabaseId
    teamId: DatabaseId
    role: Role = "MEMBER"
    accepted: bool = may_be_left_out()
    disableImpersonation: bool = False


class UpdateMembershipV1Input(V1Input):
    role: Role = may_be_left_out()
    accepted: bool = may_be_left_out()
    disableImpersonation: bool = may_be_left_out()

    def to_changes(self) -> MembershipChanges:
        sent = self.model_dump(include=self.model_fields_set)
        attribute = {"disableImpersonation": "disable_impersonation"}
        return MembershipChanges(**{attribute.get(k, k): v for k, v in sent.items()})


# --- teams ---------------------------------------------------------------------------------


@router.get("/teams", response_model=TeamsV1Envelope)
def list_teams_v1(actor: CurrentUserV1, session: ReadSessionDep) -> TeamsV1Envelope:
    return TeamsV1Envelope(teams=[TeamOutput.of(t) for t in service.my_teams(session, actor)])


@router.post("/teams", status_code=201, response_model=CreatedTeamV1Envelope)
def create_team_v1(
    body: CreateTeamV1Input, actor: CurrentUserV1, session: WriteSessionDep, now: NowDep
) -> CreatedTeamV1Envelope:
    with fields_named(FIELD_NAMES):
        team = service.create_team(session, actor, body.to_settings(), now=now)
    owner, _ = service.membership_of_user(session, actor, team, actor.id)
    return CreatedTeamV1Envelope(
        team=TeamOutput.of(team),
        owner=MembershipV1Output.of(owner),
        message="Team created successfully, we also made you the owner of this team",
    )


@router.get("/teams/{teamId}", response_model=TeamV1Envelope)
def get_team_v1(teamId: IdPath, actor: CurrentUserV1, session: ReadSessionDep) -> TeamV1Envelope:
    return TeamV1Envelope(team=TeamOutput.of(service.visible_team(session, actor, teamId)))


@router.patch("/teams/{teamId}", response_model=TeamV1Envelope)
def update_team_v1(
    teamId: IdPath,
    body: UpdateTeamV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    now: NowDep,
) -> TeamV1Envelope:
    team = service.visible_team(session, actor, teamId)
    with fields_named(FIELD_NAMES):
        updated = service.update_team(session, actor, team, body.to_settings(), now=now)
    return TeamV1Envelope(team=TeamOutput.of(updated))


@router.delete("/teams/{teamId}", response_model=MessageV1)
def delete_team_v1(teamId: IdPath, actor: CurrentUserV1, session: WriteSessionDep) -> MessageV1:
    service.delete_team(session, actor, service.visible_team(session, actor, teamId))
    return MessageV1(message=f"Team with id: {teamId} deleted successfully")


# --- memberships ---------------------------------------------------------------------------

MEMBERSHIP = "/memberships/{userId}_{teamId}"


@router.get("/memberships", response_model=MembershipsV1Envelope)
def list_memberships_v1(actor: CurrentUserV1, session: ReadSessionDep) -> MembershipsV1Envelope:
    """The caller's own memberships, invitations included."""
    found = service.memberships_of(session, actor)
    return MembershipsV1Envelope(memberships=[MembershipV1Output.of(m) for m in found])


@router.post("/memberships", status_code=201, response_model=CreatedMembershipV1Envelope)
def create_membership_v1(
    body: CreateMembershipV1Input, actor: CurrentUserV1, session: WriteSessionDep, now: NowDep
) -> CreatedMembershipV1Envelope:
    """A team ADMIN or OWNER invites someone; the invitee accepts (Cal.com's v1 refuses
    ``accepted`` here, "to prevent auto-accepted invites")."""
    if "accepted" in body.model_fields_set:
        raise Forbidden("Only the invited user can accept the invite: leave out `accepted`")
    team = service.visible_team(session, actor, body.teamId)
    new = NewMembership(
        user_id=body.userId, role=body.role, disable_impersonation=body.disableImpersonation
    )
    with fields_named(FIELD_NAMES):
        membership, _ = service.add_member(session, actor, team, new, now=now)
    return CreatedMembershipV1Envelope(
        membership=MembershipV1Output.of(membership), message="Membership created successfully"
    )


def _membership(session: ReadSession, actor: User, user_id: int, team_id: int) -> Membership:
    team = service.visible_team(session, actor, team_id)
    membership, _ = service.membership_of_user(session, actor, team, user_id)
    return membership


@router.get(MEMBERSHIP, response_model=MembershipV1Envelope)
def get_membership_v1(
    userId: IdPath, teamId: IdPath, actor: CurrentUserV1, session: ReadSessionDep
) -> MembershipV1Envelope:
    membership = _membership(session, actor, userId, teamId)
    return MembershipV1Envelope(membership=MembershipV1Output.of(membership))


@router.patch(MEMBERSHIP, response_model=MembershipV1Envelope)
def update_membership_v1(
    userId: IdPath,
    teamId: IdPath,
    body: UpdateMembershipV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    now: NowDep,
) -> MembershipV1Envelope:
    membership = _membership(session, actor, userId, teamId)
    if "accepted" in body.model_fields_set and userId != actor.id:
        raise Forbidden("Only the invited user can accept the invite")
    team = service.visible_team(session, actor, teamId)
    with fields_named(FIELD_NAMES):
        updated, _ = service.update_membership(
            session, actor, team, membership.id, body.to_changes(), now=now
        )
    return MembershipV1Envelope(membership=MembershipV1Output.of(updated))


@router.delete(MEMBERSHIP, response_model=MessageV1)
def delete_membership_v1(
    userId: IdPath, teamId: IdPath, actor: CurrentUserV1, session: WriteSessionDep
) -> MessageV1:
    membership = _membership(session, actor, userId, teamId)
    service.remove_member(
        session, actor, service.visible_team(session, actor, teamId), membership.id
    )
    return MessageV1(message=f"Membership with id: {userId}_{teamId} deleted successfully")
