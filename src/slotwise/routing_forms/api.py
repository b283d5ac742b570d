"""Routing-form routes (spec/api.md §12), version-neutral.

- ``/v2/routing-forms``: slotwise's own routes to write forms (Cal.com's v2 API has none),
  read one, list its responses (the owner, or the team's members); submitting a response
  and ``calculate-slots`` are public: a form's id is its public link, as the page
  ``/forms/{id}`` is.
- ``/v2/organizations/{orgId}/...``: the organization's forms and its teams', their
  responses (list, submit, patch): the organization's ADMIN or OWNER.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse

from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import (
    V2_ERROR_RESPONSES,
    SuccessEnvelope,
    documented,
    success,
    success_response,
)
from slotwise.http.params import IdPath
from slotwise.routing_forms import service
from slotwise.routing_forms.repository import Filters
from slotwise.routing_forms.schemas import (
    CreateRoutingFormInput,
    RoutedOutput,
    RoutingFormOutput,
    RoutingFormResponseOutput,
    UpdateResponseInput,
    UpdateRoutingFormInput,
    parse_instant,
)
from slotwise.teams.models import MembershipRole
from slotwise.teams.organizations.service import organization_for, team_of

router = APIRouter(tags=["Routing forms"], responses=V2_ERROR_RESPONSES)

FORMS = "/v2/routing-forms"
FORM = FORMS + "/{routingFormId}"
ORG_FORMS = "/v2/organizations/{orgId}/routing-forms"
ORG_FORM_RESPONSES = ORG_FORMS + "/{routingFormId}/responses"
ADMIN = MembershipRole.ADMIN
FormId = Annotated[str, Query(min_length=1, max_length=36)]
Take = Annotated[int, Query(ge=1, le=250)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]
Sort = Annotated[Literal["asc", "desc"] | None, Query()]
Instant = Annotated[datetime | None, Query()]
BookingUid = Annotated[str | None, Query(max_length=64)]
Start = Annotated[str | None, Query(max_length=40, description="Slots from (ISO date or instant)")]
End = Annotated[str | None, Query(max_length=40, description="Slots until (ISO date or instant)")]
TimeZone = Annotated[str | None, Query(max_length=64)]
Duration = Annotated[int | None, Query(ge=1, le=1440)]
Format = Annotated[Literal["time", "range"], Query()]
ROUTED = documented(200, SuccessEnvelope[RoutedOutput], "Where the answers lead")
ROUTED_201 = documented(201, SuccessEnvelope[RoutedOutput], "The stored response, routed")


def list_filters(
    take: Take = 250,
    skip: Skip = 0,
    sortCreatedAt: Sort = None,
    sortUpdatedAt: Sort = None,
    afterCreatedAt: Instant = None,
    beforeCreatedAt: Instant = None,
    afterUpdatedAt: Instant = None,
    beforeUpdatedAt: Instant = None,
    routedToBookingUid: BookingUid = None,
) -> Filters:
    """The query parameters every list of forms or responses takes (spec/api.md §12)."""
    return Filters(
        take=take, skip=skip,
        sort_created_at=sortCreatedAt,
        sort_updated_at=sortUpdatedAt,
        after_created_at=parse_instant(afterCreatedAt),
        before_created_at=parse_instant(beforeCreatedAt),
        after_updated_at=parse_instant(afterUpdatedAt),
        before_updated_at=parse_instant(beforeUpdatedAt),
        routed_to_booking_uid=routedToBookingUid,
    )  # fmt: skip


ListFilters = Annotated[Filters, Depends(list_filters)]


def _routed(routed: service.Routed, fmt: str, status_code: int) -> JSONResponse:
    output = RoutedOutput.of(routed, ranges=fmt == "range")
    return success_response(output, status_code, exclude_none=True)


# --- forms (slotwise's own) ----------------------------------------------------------------


@router.post(FORMS, status_code=201, response_model=SuccessEnvelope[RoutingFormOutput])
def create_routing_form(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, body: CreateRoutingFormInput = Body()
) -> SuccessEnvelope[RoutingFormOutput]:
    """A form of the caller, or of ``teamId`` (whose ADMIN or OWNER the caller must be)."""
    team = None
    if body.teamId is not None:
        team = service.team_for_forms(session, user, body.teamId)
    form = service.create_form(session, user, body.spec(), team=team, now=now)
    return success(RoutingFormOutput.of(form))


@router.get(FORMS, response_model=SuccessEnvelope[list[RoutingFormOutput]])
def list_routing_forms(
    user: CurrentUser,
    session: ReadSessionDep,
    take: Take = 250,
    skip: Skip = 0,
    sortCreatedAt: Sort = None,
    sortUpdatedAt: Sort = None,
) -> SuccessEnvelope[list[RoutingFormOutput]]:
    """The caller's own forms (a team's are listed under the team's organization)."""
    filters = Filters(take=take, skip=skip, sort_created_at=sortCreatedAt,
                      sort_updated_at=sortUpdatedAt)  # fmt: skip
    return success(
        [RoutingFormOutput.of(f) for f in service.list_own_forms(session, user, filters)]
    )


@router.get(FORM, response_model=SuccessEnvelope[RoutingFormOutput])
def get_routing_form(
    user: CurrentUser, session: ReadSessionDep, routingFormId: str
) -> SuccessEnvelope[RoutingFormOutput]:
    return success(RoutingFormOutput.of(service.readable(session, user, routingFormId)))


@router.patch(FORM, response_model=SuccessEnvelope[RoutingFormOutput])
def update_routing_form(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    routingFormId: str,
    body: UpdateRoutingFormInput = Body(),
) -> SuccessEnvelope[RoutingFormOutput]:
    form = service.update_form(session, user, routingFormId, body.spec(), now=now)
    return success(RoutingFormOutput.of(form))


@router.delete(FORM, response_model=SuccessEnvelope[RoutingFormOutput])
def delete_routing_form(
    user: CurrentUser, session: WriteSessionDep, routingFormId: str
) -> SuccessEnvelope[RoutingFormOutput]:
    return success(RoutingFormOutput.of(service.delete_form(session, user, routingFormId)))


@router.get(FORM + "/responses", response_model=SuccessEnvelope[list[RoutingFormResponseOutput]])
def list_routing_form_responses(
    user: CurrentUser,
    session: ReadSessionDep,
    routingFormId: str,
    filters: ListFilters,
) -> SuccessEnvelope[list[RoutingFormResponseOutput]]:
    form = service.readable(session, user, routingFormId)
    rows = service.list_responses(session, form, filters)
    return success([RoutingFormResponseOutput.of(r) for r in rows])


@router.post(FORM + "/responses", status_code=201, response_model=None, responses=ROUTED_201)
def submit_routing_form_response(
    session: WriteSessionDep,
    now: NowDep,
    routingFormId: str,
    start: Start = None,
    end: End = None,
    timeZone: TimeZone = None,
    duration: Duration = None,
    format: Format = "time",
    body: dict[str, Any] = Body(),
) -> JSONResponse:
    """Public: stores the answers, routes them and answers the target (an event type's
    slots between ``start`` and ``end``, a URL or a message)."""
    form = service.public_form(session, routingFormId)
    window = service.slot_window(start, end, timeZone, duration)
    return _routed(service.submit(session, form, body, now=now, window=window), format, 201)


@router.post(FORM + "/calculate-slots", response_model=None, responses=ROUTED)
def calculate_routing_form_slots(
    session: ReadSessionDep,
    now: NowDep,
    routingFormId: str,
    start: Start = None,
    end: End = None,
    timeZone: TimeZone = None,
    duration: Duration = None,
    format: Format = "time",
    body: dict[str, Any] = Body(),
) -> JSONResponse:
    """Public: where the answers would lead, and the slots there; nothing is stored."""
    form = service.public_form(session, routingFormId)
    window = service.slot_window(start, end, timeZone, duration)
    routed = service.route_answers(session, form, body, now=now, window=window)
    return _routed(routed, format, 200)


# --- an organization's forms ---------------------------------------------------------------


@router.get(ORG_FORMS, response_model=SuccessEnvelope[list[RoutingFormOutput]])
def list_organization_routing_forms(
    user: CurrentUser,
    session: ReadSessionDep,
    orgId: IdPath,
    filters: ListFilters,
    teamIds: Annotated[list[int] | None, Query(max_length=100)] = None,
) -> SuccessEnvelope[list[RoutingFormOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    forms = service.list_organization_forms(session, org, filters, teamIds)
    return success([RoutingFormOutput.of(f) for f in forms])


@router.get(
    "/v2/organizations/{orgId}/teams/{teamId}/routing-forms",
    response_model=SuccessEnvelope[list[RoutingFormOutput]],
)
def list_organization_team_routing_forms(
    user: CurrentUser,
    session: ReadSessionDep,
    orgId: IdPath,
    teamId: IdPath,
    filters: ListFilters,
) -> SuccessEnvelope[list[RoutingFormOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    team = team_of(session, org, teamId)
    return success(
        [RoutingFormOutput.of(f) for f in service.list_team_forms(session, team, filters)]
    )


@router.get(ORG_FORM_RESPONSES, response_model=SuccessEnvelope[list[RoutingFormResponseOutput]])
def list_organization_routing_form_responses(
    user: CurrentUser,
    session: ReadSessionDep,
    orgId: IdPath,
    routingFormId: str,
    filters: ListFilters,
) -> SuccessEnvelope[list[RoutingFormResponseOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    form = service.organization_form(session, org, routingFormId)
    rows = service.list_responses(session, form, filters)
    return success([RoutingFormResponseOutput.of(r) for r in rows])


@router.post(ORG_FORM_RESPONSES, status_code=201, response_model=None, responses=ROUTED_201)
def submit_organization_routing_form_response(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    routingFormId: str,
    start: Start = None,
    end: End = None,
    timeZone: TimeZone = None,
    duration: Duration = None,
    format: Format = "time",
    bookingUidToReschedule: BookingUid = None,
    queueResponse: bool = False,
    body: dict[str, Any] = Body(),
) -> JSONResponse:
    """Stores the answers, routes them and answers the target's slots in one call.
    ``queueResponse``: route and answer, store nothing (Cal.com keeps a queued response
    until a booking; slotwise's is stored only by a submit without it)."""
    org, _ = organization_for(session, user, orgId, ADMIN)
    form = service.organization_form(session, org, routingFormId)
    window = service.slot_window(start, end, timeZone, duration)
    if queueResponse:
        routed = service.route_answers(session, form, body, now=now, window=window)
    else:
        routed = service.submit(session, form, body, now=now, window=window)
    return _routed(routed, format, 201)


@router.patch(
    ORG_FORM_RESPONSES + "/{responseId}",
    response_model=SuccessEnvelope[RoutingFormResponseOutput],
)
def update_organization_routing_form_response(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    routingFormId: str,
    responseId: IdPath,
    body: UpdateResponseInput = Body(),
) -> SuccessEnvelope[RoutingFormResponseOutput]:
    """New answers (the fields sent replace theirs), routed again."""
    org, _ = organization_for(session, user, orgId, ADMIN)
    form = service.organization_form(session, org, routingFormId)
    row = service.update_response(session, form, responseId, body.response, now=now)
    return success(RoutingFormResponseOutput.of(row))
