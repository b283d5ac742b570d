"""/v2/schedules: the caller's availability schedules, in the shape their version asks for.

``cal-api-version`` 2024-06-11 (and 2024-06-14, which one Cal.com revision also serves) gets
the 2024-06-11 shapes; 2024-04-15, which is also what a missing or unknown header means, gets
the legacy shapes. A known date that this resource does not serve (2024-08-13, 2024-09-04)
is a 400 naming the versions it does serve (spec/legacy.md §6), where Cal.com answers a
bare 404.

Bodies are read as JSON objects and validated with the requested version's model, so a 400
names fields as that version spells them. The OpenAPI document describes either version's
body (``anyOf``) and either version's answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from slotwise.auth.dependencies import CurrentUser
from slotwise.errors import NotFound
from slotwise.http.deps import (
    ReadSessionDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.http.versioning import (
    API_VERSION_HEADER,
    ApiVersion,
    ApiVersionDep,
    version_not_served,
)
from slotwise.schedules import service
from slotwise.schedules.schemas import (
    CREATE_BODY_SCHEMA,
    UPDATE_BODY_SCHEMA,
    ScheduleOutput,
    ScheduleSchemas,
    UpdateScheduleOutput,
    v2024_04_15,
    v2024_06_11,
)
from slotwise.schedules.schemas.common import StatusOutput

router = APIRouter(prefix="/v2/schedules", tags=["Schedules"], responses=V2_ERROR_RESPONSES)

SCHEMAS_BY_VERSION: dict[ApiVersion, ScheduleSchemas] = {
    ApiVersion.V2024_04_15: v2024_04_15,
    ApiVersion.V2024_06_11: v2024_06_11,
    ApiVersion.V2024_06_14: v2024_06_11,
}
SERVED_VERSIONS = (
    "2024-06-11 and 2024-06-14, and 2024-04-15 (also what a missing or unknown header means)"
)


async def schedule_schemas(version: ApiVersionDep) -> ScheduleSchemas:
    """The schemas of the request's version; a known version not served here is a 400."""
    schemas = SCHEMAS_BY_VERSION.get(version)
    if schemas is None:
        raise version_not_served(version, "/v2/schedules", SERVED_VERSIONS)
    return schemas


SchemasDep = Annotated[ScheduleSchemas, Depends(schedule_schemas)]
JsonObject = Annotated[dict[str, Any], Body()]
Parsed = TypeVar("Parsed")


def parsed(parse: Callable[[dict[str, Any]], Parsed], body: dict[str, Any]) -> Parsed:
    """The body read by one version's model; its errors are the API's usual 400."""
    try:
        return parse(body)
    except ValidationError as exc:
        errors = [
            {**error, "loc": ("body", *error["loc"])} for error in exc.errors(include_url=False)
        ]
        raise RequestValidationError(errors) from exc


def documented(body_schema: dict[str, Any] | None = None) -> dict[str, Any]:
    """OpenAPI for what FastAPI cannot see: the version header and a version-chosen body."""
    extra: dict[str, Any] = {
        "parameters": [
            {
                "name": API_VERSION_HEADER,
                "in": "header",
                "required": False,
                "schema": {"type": "string"},
                "description": (
                    "2024-06-11 (or 2024-06-14) for the current shapes; 2024-04-15, "
                    "no header or an unknown value for the legacy shapes"
                ),
            }
        ]
    }
    if body_schema is not None:
        extra["requestBody"] = {"content": {"application/json": {"schema": body_schema}}}
    return extra


@router.post(
    "",
    status_code=201,
    response_model=SuccessEnvelope[ScheduleOutput],
    openapi_extra=documented(CREATE_BODY_SCHEMA),
)
def create_schedule(
    schemas: SchemasDep, user: CurrentUser, session: WriteSessionDep, body: JsonObject
) -> SuccessEnvelope[ScheduleOutput]:
    """A new schedule; the caller's first one becomes their default."""
    created = service.create_schedule(session, user, parsed(schemas.parse_create, body))
    return success(schemas.schedule_output(created))


@router.get("", response_model=SuccessEnvelope[list[ScheduleOutput]], openapi_extra=documented())
def list_schedules(
    schemas: SchemasDep, user: CurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[list[ScheduleOutput]]:
    views = service.list_schedules(session, user)
    return success([schemas.schedule_output(view) for view in views])


@router.get(
    "/default",
    response_model=SuccessEnvelope[ScheduleOutput | None],
    openapi_extra=documented(),
)
def get_default_schedule(
    schemas: SchemasDep, user: CurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[ScheduleOutput | None]:
    """The caller's default schedule, or null when they have none."""
    view = service.get_default_schedule(session, user)
    return success(None if view is None else schemas.schedule_output(view))


@router.get(
    "/{scheduleId}", response_model=SuccessEnvelope[ScheduleOutput], openapi_extra=documented()
)
def get_schedule(
    schemas: SchemasDep, scheduleId: IdPath, user: CurrentUser, session: ReadSessionDep
) -> SuccessEnvelope[ScheduleOutput]:
    return success(schemas.schedule_output(service.get_schedule(session, user, scheduleId)))


@router.patch(
    "/{scheduleId}",
    response_model=SuccessEnvelope[UpdateScheduleOutput],
    openapi_extra=documented(UPDATE_BODY_SCHEMA),
)
def update_schedule(
    schemas: SchemasDep,
    scheduleId: IdPath,
    user: CurrentUser,
    session: WriteSessionDep,
    body: JsonObject,
) -> SuccessEnvelope[UpdateScheduleOutput]:
    """Any subset of the fields; weekly hours and overrides are replaced whole when given."""
    changes = parsed(schemas.parse_update, body)
    updated = service.update_schedule(session, user, scheduleId, changes)
    return success(schemas.update_output(updated))


@router.delete("/{scheduleId}", response_model=StatusOutput, openapi_extra=documented())
def delete_schedule(
    schemas: SchemasDep, scheduleId: IdPath, user: CurrentUser, session: WriteSessionDep
) -> StatusOutput:
    """Refused (400) for the default schedule while the caller has others."""
    try:
        service.delete_schedule(session, user, scheduleId)
    except NotFound as missing:
        answer = schemas.missing_on_delete(missing)
        if answer is missing:
            raise
        raise answer from missing
    return StatusOutput()
