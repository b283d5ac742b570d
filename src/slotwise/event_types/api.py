"""/v2/event-types: personal event types, in the shape the ``cal-api-version`` header asks for.

2024-06-14 gets the 2024-06-14 shapes; 2024-04-15 (also a missing or unknown header) and
2024-06-11 get the legacy shapes (spec/legacy.md §1); 2024-08-13 and 2024-09-04 are known
versions this path does not serve, a 400 naming the ones it does (spec/legacy.md §6).

A body's shape depends on the version, so routes read the JSON themselves and validate it
with that version's model; the published schema lists both shapes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from slotwise.auth.dependencies import CallerOnDemand, CurrentUser
from slotwise.errors import NotFound, fields_named
from slotwise.event_types import service
from slotwise.event_types.schemas.shared import TAG_SEPARATOR
from slotwise.event_types.schemas.v2024_04_15.bodies import (
    FIELD_NAMES_LEGACY,
    CreateEventTypeInputLegacy,
    UpdateEventTypeInputLegacy,
)
from slotwise.event_types.schemas.v2024_04_15.output import (
    DeletedEventTypeOutputLegacy,
    EventTypeGroupsLegacy,
    EventTypeOutputLegacy,
    WrappedEventTypeLegacy,
)
from slotwise.event_types.schemas.v2024_04_15.public import (
    PublicEventLegacy,
    PublicEventTypeSummaryLegacy,
)
from slotwise.event_types.schemas.v2024_06_14.bodies import (
    FIELD_NAMES,
    CreateEventTypeInput_2024_06_14,
    UpdateEventTypeInput_2024_06_14,
)
from slotwise.event_types.schemas.v2024_06_14.output import (
    DeletedEventTypeOutput_2024_06_14,
    EventTypeOutput_2024_06_14,
)
from slotwise.http import bodies
from slotwise.http.bodies import RequiredJsonBody, json_body_schema, respond
from slotwise.http.deps import (
    NowDep,
    ReadSessionDep,
    SettingsDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, documented
from slotwise.http.params import MAX_DATABASE_ID, IdPath
from slotwise.http.versioning import (
    ApiVersion,
    ApiVersionDep,
    version_not_served,
)

router = APIRouter(prefix="/v2/event-types", tags=["Event Types"], responses=V2_ERROR_RESPONSES)
# Paths outside /v2 that Cal.com's platform SDK still calls.
sdk_router = APIRouter(tags=["Event Types"], responses=V2_ERROR_RESPONSES)

ModelT = TypeVar("ModelT", bound=BaseModel)
CURRENT = ApiVersion.V2024_06_14
LEGACY_VERSIONS = (ApiVersion.V2024_04_15, ApiVersion.V2024_06_11)


def _served(version: ApiVersion, served: tuple[ApiVersion, ...]) -> ApiVersion:
    if version not in served:
        raise version_not_served(version, "/v2/event-types", ", ".join(served))
    return version


async def event_types_version(version: ApiVersionDep) -> ApiVersion:
    return _served(version, (*LEGACY_VERSIONS, CURRENT))


async def legacy_only_version(version: ApiVersionDep) -> ApiVersion:
    return _served(version, LEGACY_VERSIONS)


EventTypesVersion = Annotated[ApiVersion, Depends(event_types_version)]
LegacyOnlyVersion = Annotated[ApiVersion, Depends(legacy_only_version)]


def _is_tag(part: str | int) -> bool:
    """The tags that say which shape of a setting was meant: not a field the client wrote."""
    return isinstance(part, str) and TAG_SEPARATOR in part


def parse_body(model: type[ModelT], raw: Any) -> ModelT:
    return bodies.parse_body(model, raw, hidden=_is_tag)


# --- public booking-page reads (legacy; no auth) ---------------------------------------------


@router.get(
    "/{username}/public",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[list[PublicEventTypeSummaryLegacy]],
        "The user's event types that are not hidden (legacy)",
    ),
)
def list_public_event_types_legacy(
    version: LegacyOnlyVersion, username: str, session: ReadSessionDep
) -> JSONResponse:
    owner = service.public_owner(session, username)
    event_types = service.list_public_event_types(session, [owner])
    return respond([PublicEventTypeSummaryLegacy.from_model(e) for e in event_types])


@router.get(
    "/{username}/{eventSlug}/public",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[PublicEventLegacy], "What a booking page needs (legacy)"
    ),
)
def get_public_event_legacy(
    version: LegacyOnlyVersion,
    username: str,
    eventSlug: str,
    session: ReadSessionDep,
    isTeamEvent: bool = False,
    org: str | None = None,
) -> JSONResponse:
    return respond(_public_event(session, username, eventSlug, isTeamEvent, org))


@sdk_router.get(
    "/events/",
    response_model=None,
    responses=documented(
        200, SuccessEnvelope[PublicEventLegacy], "What a booking page needs (legacy)"
    ),
    deprecated=True,
    description="The public event lookup that Cal.com's platform SDK calls "
    "(``GET /events/?username=&eventSlug=``): the same answer as "
    "/v2/event-types/{username}/{eventSlug}/public, whatever the cal-api-version.",
)
def get_public_event_sdk(
    username: str,
    eventSlug: str,
    session: ReadSessionDep,
    isTeamEvent: bool = False,
    org: str | None = None,
) -> JSONResponse:
    return respond(_public_event(session, username, eventSlug, isTeamEvent, org))


def _public_event(
    session: ReadSessionDep, username: str, slug: str, is_team_event: bool, org: str | None
) -> PublicEventLegacy:
    if is_team_event or org:  # teams and organizations do not exist yet: nothing matches
        raise NotFound(f"Event type {slug} of {username} not found")
    owner = service.public_owner(session, username)
    event_type = service.get_public_event_type(session, owner, slug)
    schedule = service.booking_schedule(session, event_type, owner)
    return PublicEventLegacy.from_model(
        event_type,
        owner,
        schedule.id if schedule else None,
        schedule.time_zone if schedule else None,
    )


# --- collection --------------------------------------------------------------------------------


@router.post(
    "",
    status_code=201,
    response_model=None,
    responses=documented(
        201,
        SuccessEnvelope[EventTypeOutput_2024_06_14 | EventTypeOutputLegacy],
        "The new event type (2024-06-14 or legacy shape, by cal-api-version)",
    ),
    openapi_extra=json_body_schema(CreateEventTypeInput_2024_06_14, CreateEventTypeInputLegacy),
)
def create_event_type(
    version: EventTypesVersion,
    user: CurrentUser,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> JSONResponse:
    if version == CURRENT:
        body = parse_body(CreateEventTypeInput_2024_06_14, raw)
        with fields_named(FIELD_NAMES):
            created = service.create_event_type(session, user, body.to_command(), now=now)
        output: BaseModel = EventTypeOutput_2024_06_14.from_model(
            created, user, base_url=settings.base_url
        )
    else:
        legacy = parse_body(CreateEventTypeInputLegacy, raw)
        with fields_named(FIELD_NAMES_LEGACY):
            created = service.create_event_type(session, user, legacy.to_command(), now=now)
        output = EventTypeOutputLegacy.from_model(created)
    return respond(output, status_code=201)


@router.get(
    "",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[list[EventTypeOutput_2024_06_14] | EventTypeGroupsLegacy],
        "2024-06-14: a list of event types; legacy: the caller's event-type groups",
    ),
)
def list_event_types(
    version: EventTypesVersion,
    caller: CallerOnDemand,
    session: ReadSessionDep,
    settings: SettingsDep,
    username: Annotated[str | None, Query(description="A user whose public event types")] = None,
    eventSlug: Annotated[str | None, Query(description="Only the event type with this slug")] = (
        None
    ),
    usernames: Annotated[str | None, Query(description="Comma-separated usernames")] = None,
    orgSlug: str | None = None,
    orgId: Annotated[int | None, Query(ge=1, le=MAX_DATABASE_ID)] = None,
    sortCreatedAt: Literal["asc", "desc"] | None = None,
) -> JSONResponse:
    """2024-06-14: with ``username`` (or ``usernames``), their public event types, no key
    needed; else the caller's own. Legacy: always the caller's own, grouped (Cal.com's legacy
    endpoint takes no query)."""
    base_url = settings.base_url
    if version != CURRENT:
        user = caller()
        own = service.list_event_types(session, user)
        return respond(EventTypeGroupsLegacy.for_user(user, own, base_url=base_url))
    names = [name.strip() for name in (usernames or "").split(",") if name.strip()]
    if username and username.strip():
        names.insert(0, username.strip())
    in_organization = orgSlug is not None or orgId is not None
    if names:
        owners = service.public_owners(session, names)
        found = service.list_public_event_types(
            session, owners, slug=eventSlug, sort_created_at=sortCreatedAt
        )
        by_id = {owner.id: owner for owner in owners}
        outputs = [
            EventTypeOutput_2024_06_14.from_model(
                event_type, by_id[event_type.owner_id], base_url=base_url, public=True
            )
            for event_type in found
        ]
    else:
        user = caller()
        own = service.list_event_types(session, user, slug=eventSlug, sort_created_at=sortCreatedAt)
        outputs = [EventTypeOutput_2024_06_14.from_model(e, user, base_url=base_url) for e in own]
    # Organizations do not exist yet: an organization filter matches nobody.
    return respond([] if in_organization else outputs)


# --- one event type ----------------------------------------------------------------------------


@router.get(
    "/{eventTypeId}",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[EventTypeOutput_2024_06_14 | WrappedEventTypeLegacy],
        "2024-06-14: the event type; legacy: {eventType: ...}",
    ),
)
def get_event_type(
    version: EventTypesVersion,
    user: CurrentUser,
    eventTypeId: IdPath,
    session: ReadSessionDep,
    settings: SettingsDep,
) -> JSONResponse:
    event_type = service.get_event_type(session, user, eventTypeId)
    if version == CURRENT:
        return respond(
            EventTypeOutput_2024_06_14.from_model(event_type, user, base_url=settings.base_url)
        )
    return respond(WrappedEventTypeLegacy(eventType=EventTypeOutputLegacy.from_model(event_type)))


@router.patch(
    "/{eventTypeId}",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[EventTypeOutput_2024_06_14 | EventTypeOutputLegacy],
        "The changed event type (2024-06-14 or legacy shape)",
    ),
    openapi_extra=json_body_schema(UpdateEventTypeInput_2024_06_14, UpdateEventTypeInputLegacy),
)
def update_event_type(
    version: EventTypesVersion,
    user: CurrentUser,
    eventTypeId: IdPath,
    raw: RequiredJsonBody,
    session: WriteSessionDep,
    settings: SettingsDep,
) -> JSONResponse:
    if version == CURRENT:
        body = parse_body(UpdateEventTypeInput_2024_06_14, raw)
        with fields_named(FIELD_NAMES):
            changed = service.update_event_type(session, user, eventTypeId, body.to_command())
        return respond(
            EventTypeOutput_2024_06_14.from_model(changed, user, base_url=settings.base_url)
        )
    legacy = parse_body(UpdateEventTypeInputLegacy, raw)
    with fields_named(FIELD_NAMES_LEGACY):
        changed = service.update_event_type(session, user, eventTypeId, legacy.to_command())
    return respond(EventTypeOutputLegacy.from_model(changed))


@router.delete(
    "/{eventTypeId}",
    response_model=None,
    responses=documented(
        200,
        SuccessEnvelope[DeletedEventTypeOutput_2024_06_14 | DeletedEventTypeOutputLegacy],
        "What was deleted: {id, lengthInMinutes, title, slug} (legacy: length)",
    ),
)
def delete_event_type(
    version: EventTypesVersion, user: CurrentUser, eventTypeId: IdPath, session: WriteSessionDep
) -> JSONResponse:
    deleted = service.delete_event_type(session, user, eventTypeId)
    if version == CURRENT:
        return respond(DeletedEventTypeOutput_2024_06_14.from_model(deleted))
    return respond(DeletedEventTypeOutputLegacy.from_model(deleted))
