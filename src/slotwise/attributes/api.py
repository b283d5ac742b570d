"""/v2/organizations/{orgId}/attributes (spec/api.md §9): member attributes, their options
and who holds which. The organization's ADMIN or OWNER only (members 403, outsiders 404)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from slotwise.attributes import service
from slotwise.attributes.models import AttributeType
from slotwise.attributes.schemas import (
    AssignmentOutput,
    AssignOptionInput,
    AttributeOutput,
    CreateAttributeInput,
    OptionInput,
    OptionOutput,
    UpdateAttributeInput,
    UpdateOptionInput,
)
from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.teams.models import MembershipRole
from slotwise.teams.organizations.service import organization_for

router = APIRouter(tags=["Organizations: attributes"], responses=V2_ERROR_RESPONSES)

ATTRIBUTES = "/v2/organizations/{orgId}/attributes"
ATTRIBUTE = ATTRIBUTES + "/{attributeId}"
OPTIONS = ATTRIBUTE + "/options"
HELD = ATTRIBUTES + "/options/{userId}"
ADMIN = MembershipRole.ADMIN
Take = Annotated[int, Query(ge=1, le=250)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]


@router.get(ATTRIBUTES, response_model=SuccessEnvelope[list[AttributeOutput]])
def list_attributes(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, take: Take = 250, skip: Skip = 0
) -> SuccessEnvelope[list[AttributeOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    views = service.list_attributes(session, org, take=take, skip=skip)
    return success([AttributeOutput.of(v) for v in views])


@router.post(ATTRIBUTES, status_code=201, response_model=SuccessEnvelope[AttributeOutput])
def create_attribute(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    body: CreateAttributeInput = Body(),
) -> SuccessEnvelope[AttributeOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    view = service.create_attribute(
        session, org, body.name, body.slug, AttributeType(body.type),
        [o.to_new() for o in body.options], enabled=body.enabled,
        users_can_edit_relation=body.usersCanEditRelation, now=now,
    )  # fmt: skip
    return success(AttributeOutput.of(view))


@router.get(ATTRIBUTE, response_model=SuccessEnvelope[AttributeOutput])
def get_attribute(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, attributeId: IdPath
) -> SuccessEnvelope[AttributeOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    return success(AttributeOutput.of(service.get_attribute(session, org, attributeId)))


@router.patch(ATTRIBUTE, response_model=SuccessEnvelope[AttributeOutput])
def update_attribute(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    attributeId: IdPath,
    body: UpdateAttributeInput = Body(),
) -> SuccessEnvelope[AttributeOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    view = service.update_attribute(session, org, attributeId, body.to_changes(), now=now)
    return success(AttributeOutput.of(view))


@router.delete(ATTRIBUTE, response_model=SuccessEnvelope[AttributeOutput])
def delete_attribute(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, attributeId: IdPath
) -> SuccessEnvelope[AttributeOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    return success(AttributeOutput.of(service.delete_attribute(session, org, attributeId)))


@router.get(OPTIONS, response_model=SuccessEnvelope[list[OptionOutput]])
def list_attribute_options(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, attributeId: IdPath
) -> SuccessEnvelope[list[OptionOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    options = service.list_options(session, org, attributeId)
    return success([OptionOutput.of(o) for o in options])


@router.post(OPTIONS, status_code=201, response_model=SuccessEnvelope[OptionOutput])
def create_attribute_option(
    user: CurrentUser,
    session: WriteSessionDep,
    orgId: IdPath,
    attributeId: IdPath,
    body: OptionInput = Body(),
) -> SuccessEnvelope[OptionOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    option = service.create_option(session, org, attributeId, body.to_new())
    return success(OptionOutput.of(option))


@router.patch(OPTIONS + "/{optionId}", response_model=SuccessEnvelope[OptionOutput])
def update_attribute_option(
    user: CurrentUser,
    session: WriteSessionDep,
    orgId: IdPath,
    attributeId: IdPath,
    optionId: IdPath,
    body: UpdateOptionInput = Body(),
) -> SuccessEnvelope[OptionOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    option = service.update_option(session, org, attributeId, optionId, body.value, body.slug)
    return success(OptionOutput.of(option))


@router.delete(OPTIONS + "/{optionId}", response_model=SuccessEnvelope[OptionOutput])
def delete_attribute_option(
    user: CurrentUser,
    session: WriteSessionDep,
    orgId: IdPath,
    attributeId: IdPath,
    optionId: IdPath,
) -> SuccessEnvelope[OptionOutput]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    return success(OptionOutput.of(service.delete_option(session, org, attributeId, optionId)))


@router.post(HELD, status_code=201, response_model=SuccessEnvelope[AssignmentOutput])
def assign_attribute_option(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    orgId: IdPath,
    userId: IdPath,
    body: AssignOptionInput = Body(),
) -> SuccessEnvelope[AssignmentOutput]:
    """The member holds an option (or a TEXT / NUMBER value)."""
    org, _ = organization_for(session, user, orgId, ADMIN)
    held = service.assign(
        session, org, userId, body.attributeId, option_id=body.attributeOptionId,
        value=body.value, now=now,
    )  # fmt: skip
    return success(AssignmentOutput.of(held))


@router.delete(HELD + "/{attributeOptionId}", response_model=SuccessEnvelope[AssignmentOutput])
def unassign_attribute_option(
    user: CurrentUser, session: WriteSessionDep, orgId: IdPath, userId: IdPath,
    attributeOptionId: IdPath,
) -> SuccessEnvelope[AssignmentOutput]:  # fmt: skip
    org, _ = organization_for(session, user, orgId, ADMIN)
    return success(AssignmentOutput.of(service.unassign(session, org, userId, attributeOptionId)))


@router.get(HELD, response_model=SuccessEnvelope[list[OptionOutput]])
def list_member_attribute_options(
    user: CurrentUser, session: ReadSessionDep, orgId: IdPath, userId: IdPath
) -> SuccessEnvelope[list[OptionOutput]]:
    org, _ = organization_for(session, user, orgId, ADMIN)
    return success([OptionOutput.of(o) for o in service.options_held(session, org, userId)])
