"""/v2/teams/{teamId}/event-types and the organization variants: a team's event types in
the 2024-06-14 shapes, whatever the ``cal-api-version`` (Cal.com serves team event types in
that version only). A team's members read them; its admins and owners change them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from slotwise.auth.dependencies import CurrentUser
from slotwise.db import ReadSession
from slotwise.errors import NotFound, fields_named
from slotwise.event_types import team_repository, team_service
from slotwise.event_types.api import parse_body
from slotwise.event_types.models import EventType
from slotwise.event_types.schemas.v2024_06_14.output import DeletedEventTypeOutput_2024_06_14
from slotwise.event_types.schemas.v2024_06_14.team import (
    TEAM_FIELD_NAMES,
    CreateTeamEventTypeInput_2024_06_14,
    TeamEventTypeOutput_2024_06_14,
    UpdateTeamEventTypeInput_2024_06_14,
)
from slotwise.http.bodies import RequiredJsonBody, json_body_schema, respond
from slotwise.http.deps import NowDep, ReadSessionDep, SettingsDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.http.params import IdPath
from slotwise.users.models import User

router = APIRouter(tags=["Teams / Event Types"], responses=V2_ERROR_RESPONSES)

TEAM = "/v2/teams/{teamId}/event-types"
ORG_TEAM = "/v2/organizations/{orgId}/teams/{teamId}/event-types"
# Declared before the organization router's ``teams/{teamId}`` (app.py includes this first).
ORG_TEAMS = "/v2/organizations/{orgId}/teams/event-types"
MAX_TAKE = 250
_ONE = documented(200, SuccessEnvelope[TeamEventTypeOutput_2024_06_14], "The team event type")
_MANY = documented(
    200, SuccessEnvelope[list[TeamEventTypeOutput_2024_06_14]], "The team's event types"
)


def outputs(
    session: ReadSession,
    event_types: list[EventType],
    *,
    base_url: str,
    hosts_limit: int | None = None,
) -> list[TeamEventTypeOutput_2024_06_14]:
    """Each event type in its output shape (hosts and teams read once for all)."""
    hosts = team_service.hosts_of(session, event_types)
    creators = team_repository.users_by_id(session, sorted({e.owner_id for e in event_types}))
    teams = {
        e.team_id: team_repository.team_by_id(session, e.team_id) for e in event_types if e.team_id
    }
    found: list[TeamEventTypeOutput_2024_06_14] = []
    for event_type in event_types:
        team = teams.get(event_type.team_id) if event_type.team_id else None
        if team is None:  # pragma: no cover - team event types are read through their team
            continue
        shown = hosts[event_type.id][:hosts_limit] if hosts_limit else hosts[event_type.id]
        found.append(
            TeamEventTypeOutput_2024_06_14.from_team_event_type(
                event_type, team, shown, creators[event_type.owner_id], base_url=base_url
            )
        )
    return found


def _in_organization(session: ReadSession, org_id: int, team_id: int) -> None:
    """An organization's route names one of its teams (else 404: no existence leak)."""
    team = team_repository.team_by_id(session, team_id)
    if team is None or team.parent_id != org_id:
        raise NotFound(f"Team with id {team_id} not found")


# --- handlers (shared by the team and the organization paths) --------------------------------


def _create(
    user: User, team_id: int, raw: object, session: WriteSessionDep, now: NowDep, base_url: str
) -> JSONResponse:
    body = parse_body(CreateTeamEventTypeInput_2024_06_14, raw)
    with fields_named(TEAM_FIELD_NAMES):
        created = team_service.create_team_event_type(
            session, user, team_id, body.to_command(), body.team_setup(), now=now
        )
    return respond(outputs(session, [created], base_url=base_url)[0], status_code=201)


def _update(
    user: User,
    team_id: int,
    event_type_id: int,
    raw: object,
    session: WriteSessionDep,
    now: NowDep,
    base_url: str,
) -> JSONResponse:
    body = parse_body(UpdateTeamEventTypeInput_2024_06_14, raw)
    with fields_named(TEAM_FIELD_NAMES):
        changed = team_service.update_team_event_type(
            session, user, team_id, event_type_id, body.to_command(), body.team_setup(), now=now
        )
    return respond(outputs(session, [changed], base_url=base_url)[0])


def _get(
    user: User, team_id: int, event_type_id: int, session: ReadSession, base_url: str
) -> JSONResponse:
    event_type = team_service.get_team_event_type(session, user, team_id, event_type_id)
    return respond(outputs(session, [event_type], base_url=base_url)[0])


def _delete(user: User, team_id: int, event_type_id: int, session: WriteSessionDep) -> JSONResponse:
    deleted = team_service.delete_team_event_type(session, user, team_id, event_type_id)
    return respond(DeletedEventTypeOutput_2024_06_14.from_model(deleted))


# --- /v2/teams/{teamId}/event-types ----------------------------------------------------------


@router.post(
    TEAM,
    status_code=201,
    response_model=None,
    responses=documented(
        201, SuccessEnvelope[TeamEventTypeOutput_2024_06_14], "The new team event type"
    ),
    openapi_extra=json_body_schema(CreateTeamEventTypeInput_2024_06_14),
)
def create_team_event_type(
    user: CurrentUser,
    teamId: IdPath,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> JSONResponse:
    return _create(user, teamId, raw, session, now, settings.base_url)


@router.get(TEAM, response_model=None, responses=_MANY)
def list_team_event_types(
    user: CurrentUser,
    teamId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
    eventSlug: Annotated[str | None, Query(max_length=200)] = None,
    hostsLimit: Annotated[int | None, Query(ge=1, le=500)] = None,
) -> JSONResponse:
    found = team_service.list_team_event_types(session, user, teamId, slug=eventSlug)
    return respond(outputs(session, found, base_url=settings.base_url, hosts_limit=hostsLimit))


@router.get(TEAM + "/{eventTypeId}", response_model=None, responses=_ONE)
def get_team_event_type(
    user: CurrentUser,
    teamId: IdPath,
    eventTypeId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
) -> JSONResponse:
    return _get(user, teamId, eventTypeId, session, settings.base_url)


@router.patch(
    TEAM + "/{eventTypeId}",
    response_model=None,
    responses=_ONE,
    openapi_extra=json_body_schema(UpdateTeamEventTypeInput_2024_06_14),
)
def update_team_event_type(
    user: CurrentUser,
    teamId: IdPath,
    eventTypeId: IdPath,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> JSONResponse:
    return _update(user, teamId, eventTypeId, raw, session, now, settings.base_url)


@router.delete(
    TEAM + "/{eventTypeId}",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[DeletedEventTypeOutput_2024_06_14], "What was deleted"
    ),
)
def delete_team_event_type(
    user: CurrentUser, teamId: IdPath, eventTypeId: IdPath, session: WriteSessionDep
) -> JSONResponse:
    return _delete(user, teamId, eventTypeId, session)


# --- /v2/organizations/{orgId}/teams/event-types ---------------------------------------------


@router.get(ORG_TEAMS, response_model=None, responses=_MANY)
def list_organization_teams_event_types(
    user: CurrentUser,
    orgId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
    take: Annotated[int, Query(ge=1, le=MAX_TAKE)] = MAX_TAKE,
    skip: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> JSONResponse:
    found = team_service.list_organization_team_event_types(
        session, user, orgId, take=take, skip=skip
    )
    return respond(outputs(session, found, base_url=settings.base_url))


# --- /v2/organizations/{orgId}/teams/{teamId}/event-types ------------------------------------


@router.post(
    ORG_TEAM,
    status_code=201,
    response_model=None,
    responses=documented(
        201, SuccessEnvelope[TeamEventTypeOutput_2024_06_14], "The new team event type"
    ),
    openapi_extra=json_body_schema(CreateTeamEventTypeInput_2024_06_14),
)
def create_org_team_event_type(
    user: CurrentUser,
    orgId: IdPath,
    teamId: IdPath,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> JSONResponse:
    _in_organization(session, orgId, teamId)
    return _create(user, teamId, raw, session, now, settings.base_url)


@router.get(ORG_TEAM, response_model=None, responses=_MANY)
def list_org_team_event_types(
    user: CurrentUser,
    orgId: IdPath,
    teamId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
    eventSlug: Annotated[str | None, Query(max_length=200)] = None,
    hostsLimit: Annotated[int | None, Query(ge=1, le=500)] = None,
) -> JSONResponse:
    _in_organization(session, orgId, teamId)
    found = team_service.list_team_event_types(session, user, teamId, slug=eventSlug)
    return respond(outputs(session, found, base_url=settings.base_url, hosts_limit=hostsLimit))


@router.get(ORG_TEAM + "/{eventTypeId}", response_model=None, responses=_ONE)
def get_org_team_event_type(
    user: CurrentUser,
    orgId: IdPath,
    teamId: IdPath,
    eventTypeId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
) -> JSONResponse:
    _in_organization(session, orgId, teamId)
    return _get(user, teamId, eventTypeId, session, settings.base_url)


@router.patch(
    ORG_TEAM + "/{eventTypeId}",
    response_model=None,
    responses=_ONE,
    openapi_extra=json_body_schema(UpdateTeamEventTypeInput_2024_06_14),
)
def update_org_team_event_type(
    user: CurrentUser,
    orgId: IdPath,
    teamId: IdPath,
    eventTypeId: IdPath,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> JSONResponse:
    _in_organization(session, orgId, teamId)
    return _update(user, teamId, eventTypeId, raw, session, now, settings.base_url)


@router.delete(
    ORG_TEAM + "/{eventTypeId}",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[DeletedEventTypeOutput_2024_06_14], "What was deleted"
    ),
)
def delete_org_team_event_type(
    user: CurrentUser,
    orgId: IdPath,
    teamId: IdPath,
    eventTypeId: IdPath,
    session: WriteSessionDep,
) -> JSONResponse:
    _in_organization(session, orgId, teamId)
    return _delete(user, teamId, eventTypeId, session)
