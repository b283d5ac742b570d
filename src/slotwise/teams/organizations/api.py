"""/v2/organizations/{orgId}/... (spec/api.md §9): the organization's teams (and ``teams/me``),
their memberships, the organization's users and its own memberships. Version-neutral.

Who may: the organization's ADMIN or OWNER for everything; its members for ``teams/me``;
anyone outside the organization gets 404 (``service.organization_for``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.errors import fields_named
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.teams import service as teams
from slotwise.teams.models import MembershipRole
from slotwise.teams.organizations import service
from slotwise.teams.organizations.schemas import (
    USER_FIELD_NAMES,
    CreateOrganizationUserInput,
    OrganizationUserOutput,
    UpdateOrganizationUserInput,
)
from slotwise.teams.schemas import (
    FIELD_NAMES,
    CreateMembershipInput,
    CreateTeamInput,
    MembershipOutput,
    TeamOutput,
    UpdateMembershipInput,
    UpdateTeamInput,
)
from slotwise.users.passwords import password_hasher

router = APIRouter(tags=["Organizations"], responses=V2_ERROR_RESPONSES)

MAX_TAKE = 250
Take = Annotated[int, Query(ge=1, le=MAX_TAKE)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]
ORG = "/v2/organizations/{orgId}"
TEAMS = ORG + "/teams"
TEAM = TEAMS + "/{teamId}"
TEAM_MEMBERSHIPS = TEAM + "/memberships"
USERS = ORG + "/users"
MEMBERSHIPS = ORG + "/memberships"
ADMIN = MembershipRole.ADMIN
AS_OWNER = service.ORG_ADMIN_IN_TEAMS

# --- teams ---------------------------------------------------------------------------------


@router.get(TEAMS, response_model=SuccessEnvelope[list[TeamOutput]])
def list_organization_teams(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, take: Take = MAX_TAKE, skip: Skip = 0
) -> SuccessEnvelope[list[TeamOutput]]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    return success([TeamOutput.of(t) for t in service.teams_of(session, org, take=take, skip=skip)])


@router.post(TEAMS, status_code=201, response_model=SuccessEnvelope[TeamOutput])
def create_organization_team(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    body: CreateTeamInput = Body(),
) -> SuccessEnvelope[TeamOutput]:
    """A team of the organization; the caller becomes its OWNER."""
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    with fields_named(FIELD_NAMES):
        team = service.create_team(
            session, org, user, body.to_settings(), now=now,
            auto_accept_creator=body.autoAcceptCreator,
        )  # fmt: skip
    return success(TeamOutput.of(team))


@router.get(TEAMS + "/me", response_model=SuccessEnvelope[list[TeamOutput]])
def list_my_organization_teams(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, take: Take = MAX_TAKE, skip: Skip = 0
) -> SuccessEnvelope[list[TeamOutput]]:
    """The organization's teams the caller belongs to (any member of the organization)."""
    org, _ = service.organization_for(session, user, orgId, MembershipRole.MEMBER)
    found = service.my_teams_in(session, org, user, take=take, skip=skip)
    return success([TeamOutput.of(t) for t in found])


@router.get(TEAM, response_model=SuccessEnvelope[TeamOutput])
def get_organization_team(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, teamId: IdPath
) -> SuccessEnvelope[TeamOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    return success(TeamOutput.of(service.team_of(session, org, teamId)))


@router.patch(TEAM, response_model=SuccessEnvelope[TeamOutput])
def update_organization_team(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    teamId: IdPath,
    body: UpdateTeamInput = Body(),
) -> SuccessEnvelope[TeamOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    with fields_named(FIELD_NAMES):
        teams.update_team(session, user, team, body.to_settings(), now=now, granted=AS_OWNER)
    return success(TeamOutput.of(team))


@router.delete(TEAM, response_model=SuccessEnvelope[TeamOutput])
def delete_organization_team(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, teamId: IdPath
) -> SuccessEnvelope[TeamOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    output = TeamOutput.of(team)
    teams.delete_team(session, user, team, granted=AS_OWNER)
    return success(output)


# --- a team's memberships --------------------------------------------------------------------


@router.get(TEAM_MEMBERSHIPS, response_model=SuccessEnvelope[list[MembershipOutput]])
def list_organization_team_memberships(
    user: CurrentUser,
    session: ReadSessionDep,
    orgId: IdPath,
    teamId: IdPath,
    take: Take = MAX_TAKE,
    skip: Skip = 0,
) -> SuccessEnvelope[list[MembershipOutput]]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    pairs = teams.memberships(session, user, team, take=take, skip=skip, granted=AS_OWNER)
    return success([MembershipOutput.of(pair) for pair in pairs])


@router.post(TEAM_MEMBERSHIPS, status_code=201, response_model=SuccessEnvelope[MembershipOutput])
def create_organization_team_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    teamId: IdPath,
    body: CreateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    """Adds one of the organization's users to its team."""
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    with fields_named(FIELD_NAMES):
        pair = teams.add_member(session, user, team, body.to_command(), now=now, granted=AS_OWNER)
    return success(MembershipOutput.of(pair))


@router.get(TEAM_MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def get_organization_team_membership(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, teamId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    pair = teams.membership(session, user, team, membershipId, granted=AS_OWNER)
    return success(MembershipOutput.of(pair))


@router.patch(
    TEAM_MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput]
)
def update_organization_team_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    teamId: IdPath,
    membershipId: IdPath,
    body: UpdateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    with fields_named(FIELD_NAMES):
        pair = teams.update_membership(
            session, user, team, membershipId, body.to_changes(), now=now, granted=AS_OWNER
        )
    return success(MembershipOutput.of(pair))


@router.delete(
    TEAM_MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput]
)
def delete_organization_team_membership(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, teamId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    team = service.team_of(session, org, teamId)
    pair = teams.remove_member(session, user, team, membershipId, granted=AS_OWNER)
    return success(MembershipOutput.of(pair))


# --- users -----------------------------------------------------------------------------------


@router.get(USERS, response_model=SuccessEnvelope[list[OrganizationUserOutput]])
def list_organization_users(
    user: CurrentUser,
    session: ReadSessionDep,
    orgId: IdPath,
    take: Take = MAX_TAKE,
    skip: Skip = 0,
    emails: Annotated[list[str] | None, Query(max_length=250)] = None,
) -> SuccessEnvelope[list[OrganizationUserOutput]]:
    """The organization's users, by id; ``emails`` keeps only those addresses."""
    org, _ = service.organization_for(session, user, orgId, ADMIN)
    found = service.users_of(session, org, take=take, skip=skip, emails=emails or [])
    return success([OrganizationUserOutput.of(u) for u in found])


@router.post(USERS, status_code=201, response_model=SuccessEnvelope[OrganizationUserOutput])
def create_organization_user(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    orgId: IdPath,
    body: CreateOrganizationUserInput = Body(),
) -> SuccessEnvelope[OrganizationUserOutput]:
    """A new user of the organization with a membership of it (``organizationRole``;
    ``autoAccept: false`` makes it an emailed invitation)."""
    org, role = service.organization_for(session, user, orgId, ADMIN)
    with fields_named(USER_FIELD_NAMES):
        created, _ = service.create_user(
            session, org, user, body.new_user(), role=MembershipRole(body.organizationRole),
            accepted=body.autoAccept, now=now, hasher=password_hasher(settings), granted=role,
        )  # fmt: skip
    return success(OrganizationUserOutput.of(created))


@router.patch(USERS + "/{userId}", response_model=SuccessEnvelope[OrganizationUserOutput])
def update_organization_user(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    userId: IdPath,
    body: UpdateOrganizationUserInput = Body(),
) -> SuccessEnvelope[OrganizationUserOutput]:
    org, role = service.organization_for(session, user, orgId, ADMIN)
    new_role = (
        MembershipRole(body.organizationRole)
        if "organizationRole" in body.model_fields_set
        else None
    )
    with fields_named(USER_FIELD_NAMES):
        updated = service.update_user(
            session, org, user, userId, body.changes(), role=new_role, now=now, granted=role
        )
    return success(OrganizationUserOutput.of(updated))


@router.delete(USERS + "/{userId}", response_model=SuccessEnvelope[OrganizationUserOutput])
def delete_organization_user(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, userId: IdPath
) -> SuccessEnvelope[OrganizationUserOutput]:
    org, role = service.organization_for(session, user, orgId, ADMIN)
    target = service.user_of(session, org, userId)
    output = OrganizationUserOutput.of(target)
    service.delete_user(session, org, user, userId, granted=role)
    return success(output)


# --- the organization's own memberships ----------------------------------------------------


@router.get(MEMBERSHIPS, response_model=SuccessEnvelope[list[MembershipOutput]])
def list_organization_memberships(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, take: Take = MAX_TAKE, skip: Skip = 0
) -> SuccessEnvelope[list[MembershipOutput]]:
    org, role = service.organization_for(session, user, orgId, ADMIN)
    pairs = teams.memberships(session, user, org, take=take, skip=skip, granted=role)
    return success([MembershipOutput.of(pair) for pair in pairs])


@router.post(MEMBERSHIPS, status_code=201, response_model=SuccessEnvelope[MembershipOutput])
def create_organization_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    body: CreateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    """An existing user joins the organization (a user belongs to one organization at most:
    409 when they are in another)."""
    org, role = service.organization_for(session, user, orgId, ADMIN)
    with fields_named(FIELD_NAMES):
        pair = teams.add_member(session, user, org, body.to_command(), now=now, granted=role)
    return success(MembershipOutput.of(pair))


@router.get(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def get_organization_membership(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    org, role = service.organization_for(session, user, orgId, ADMIN)
    return success(
        MembershipOutput.of(teams.membership(session, user, org, membershipId, granted=role))
    )


@router.patch(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def update_organization_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    membershipId: IdPath,
    body: UpdateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    org, role = service.organization_for(session, user, orgId, ADMIN)
    with fields_named(FIELD_NAMES):
        pair = teams.update_membership(
            session, user, org, membershipId, body.to_changes(), now=now, granted=role
        )
    return success(MembershipOutput.of(pair))


@router.delete(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def delete_organization_membership(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    """The user leaves the organization and its teams (the user stays)."""
    org, role = service.organization_for(session, user, orgId, ADMIN)
    pair = teams.remove_member(session, user, org, membershipId, granted=role)
    return success(MembershipOutput.of(pair))
