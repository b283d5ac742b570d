"""/v2/teams and /v2/teams/{teamId}/memberships (spec/api.md §8). Version-neutral: any
``cal-api-version`` or none. Outsiders get 404 for a team's resources; members without the
role an action needs get 403 (``service.py`` holds the rules)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.errors import fields_named
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.schedules.schemas import v2024_06_11 as schedule_shapes
from slotwise.teams import service
from slotwise.teams.schemas import (
    FIELD_NAMES,
    CreateMembershipInput,
    CreateTeamInput,
    MembershipOutput,
    TeamOutput,
    UpdateMembershipInput,
    UpdateTeamInput,
)

router = APIRouter(tags=["Teams"], responses=V2_ERROR_RESPONSES)

MAX_TAKE = 250
Take = Annotated[int, Query(ge=1, le=MAX_TAKE)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]
MEMBERSHIPS = "/v2/teams/{teamId}/memberships"


@router.post("/v2/teams", status_code=201, response_model=SuccessEnvelope[TeamOutput])
def create_team(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, body: CreateTeamInput = Body()
) -> SuccessEnvelope[TeamOutput]:
    """A new team; the caller becomes its OWNER."""
    with fields_named(FIELD_NAMES):
        team = service.create_team(
            session, user, body.to_settings(), now=now, auto_accept_creator=body.autoAcceptCreator
        )
    return success(TeamOutput.of(team))


@router.get("/v2/teams", response_model=SuccessEnvelope[list[TeamOutput]])
def list_teams(user: CurrentUser, session: ReadSessionDep) -> SuccessEnvelope[list[TeamOutput]]:
    """The teams the caller belongs to or is invited to."""
    return success([TeamOutput.of(team) for team in service.my_teams(session, user)])


@router.get("/v2/teams/{teamId}", response_model=SuccessEnvelope[TeamOutput])
def get_team(
    user: CurrentUser, session: ReadSessionDep, teamId: IdPath
) -> SuccessEnvelope[TeamOutput]:
    return success(TeamOutput.of(service.visible_team(session, user, teamId)))


@router.patch("/v2/teams/{teamId}", response_model=SuccessEnvelope[TeamOutput])
def update_team(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    teamId: IdPath,
    body: UpdateTeamInput = Body(),
) -> SuccessEnvelope[TeamOutput]:
    """Team ADMIN or OWNER."""
    team = service.visible_team(session, user, teamId)
    with fields_named(FIELD_NAMES):
        updated = service.update_team(session, user, team, body.to_settings(), now=now)
    return success(TeamOutput.of(updated))


@router.delete("/v2/teams/{teamId}", response_model=SuccessEnvelope[TeamOutput])
def delete_team(
    user: CurrentUser, session: WriteSessionDep, teamId: IdPath
) -> SuccessEnvelope[TeamOutput]:
    """Team OWNER only; its memberships go with it."""
    team = service.visible_team(session, user, teamId)
    output = TeamOutput.of(team)
    service.delete_team(session, user, team)
    return success(output)


# --- memberships ---------------------------------------------------------------------------


@router.post(MEMBERSHIPS, status_code=201, response_model=SuccessEnvelope[MembershipOutput])
def create_team_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    teamId: IdPath,
    body: CreateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    """Team ADMIN or OWNER. ``accepted: false`` (the default) is an invitation: the invitee
    is emailed and accepts by PATCHing ``accepted: true`` on their membership."""
    team = service.visible_team(session, user, teamId)
    with fields_named(FIELD_NAMES):
        pair = service.add_member(session, user, team, body.to_command(), now=now)
    return success(MembershipOutput.of(pair))


@router.get(
    "/v2/teams/{teamId}/schedules",
    response_model=SuccessEnvelope[list[schedule_shapes.ScheduleOutput_2024_06_11]],
)
def list_team_schedules(
    user: CurrentUser, session: ReadSessionDep, teamId: IdPath
) -> SuccessEnvelope[list[schedule_shapes.ScheduleOutput_2024_06_11]]:
    """The members' schedules, in the 2024-06-11 shape whatever the version (as Cal.com's
    team schedules); for the team's admins and owners."""
    views = service.member_schedules(session, user, teamId)
    return success([schedule_shapes.schedule_output(view) for view in views])


@router.get(MEMBERSHIPS, response_model=SuccessEnvelope[list[MembershipOutput]])
def list_team_memberships(
    user: CurrentUser,
    session: ReadSessionDep,
    teamId: IdPath,
    take: Take = MAX_TAKE,
    skip: Skip = 0,
) -> SuccessEnvelope[list[MembershipOutput]]:
    """Every membership (a private team's only to its admins; others see their own)."""
    team = service.visible_team(session, user, teamId)
    pairs = service.memberships(session, user, team, take=take, skip=skip)
    return success([MembershipOutput.of(pair) for pair in pairs])


@router.get(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def get_team_membership(
    user: CurrentUser, session: ReadSessionDep, teamId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    team = service.visible_team(session, user, teamId)
    return success(MembershipOutput.of(service.membership(session, user, team, membershipId)))


@router.patch(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def update_team_membership(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    teamId: IdPath,
    membershipId: IdPath,
    body: UpdateMembershipInput = Body(),
) -> SuccessEnvelope[MembershipOutput]:
    """ADMIN or OWNER (owners alone make or change owners); an invitee may set
    ``accepted: true`` on their own membership."""
    team = service.visible_team(session, user, teamId)
    with fields_named(FIELD_NAMES):
        pair = service.update_membership(
            session, user, team, membershipId, body.to_changes(), now=now
        )
    return success(MembershipOutput.of(pair))


@router.delete(MEMBERSHIPS + "/{membershipId}", response_model=SuccessEnvelope[MembershipOutput])
def delete_team_membership(
    user: CurrentUser, session: WriteSessionDep, teamId: IdPath, membershipId: IdPath
) -> SuccessEnvelope[MembershipOutput]:
    """ADMIN or OWNER removes a member (an owner only by an OWNER); anyone may leave. The
    last owner cannot."""
    team = service.visible_team(session, user, teamId)
    pair = service.remove_member(session, user, team, membershipId)
    return success(MembershipOutput.of(pair))
