"""/v2/workflows (the caller's own) and /v2/teams/{teamId}/workflows (a team's, for its admins
and owners), in Cal.com's v2 shapes. Version-neutral: any ``cal-api-version`` or none."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import NowDep, ReadSessionDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.workflows import service
from slotwise.workflows.schemas import (
    CreateWorkflowInput,
    UpdateWorkflowInput,
    WorkflowOutput,
    to_changes,
)
from slotwise.workflows.service import Scope, WorkflowView

router = APIRouter(tags=["Workflows"], responses=V2_ERROR_RESPONSES)

MAX_TAKE = 250
Take = Annotated[int, Query(ge=1, le=MAX_TAKE)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]
One = SuccessEnvelope[WorkflowOutput]
Many = SuccessEnvelope[list[WorkflowOutput]]


def _out(view: WorkflowView) -> WorkflowOutput:
    return WorkflowOutput.of(view.workflow, view.steps, view.event_type_ids)


def _paths(prefix: str) -> tuple[str, str]:
    return prefix, prefix + "/{workflowId}"


# --- the caller's own ------------------------------------------------------------------------

OWN, OWN_ONE = _paths("/v2/workflows")


@router.post(OWN, status_code=201, response_model=One)
def create_workflow(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, body: CreateWorkflowInput = Body()
) -> One:
    """A workflow for the caller's bookings: reminders and follow-ups by email or text."""
    return success(_out(service.create_workflow(session, Scope(user), to_changes(body), now=now)))


@router.get(OWN, response_model=Many)
def list_workflows(
    user: CurrentUser, session: ReadSessionDep, take: Take = MAX_TAKE, skip: Skip = 0
) -> Many:
    views = service.list_workflows(session, Scope(user), take=take, skip=skip)
    return success([_out(view) for view in views])


@router.get(OWN_ONE, response_model=One)
def get_workflow(user: CurrentUser, session: ReadSessionDep, workflowId: IdPath) -> One:
    return success(_out(service.get_workflow(session, Scope(user), workflowId)))


@router.patch(OWN_ONE, response_model=One)
def update_workflow(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    workflowId: IdPath,
    body: UpdateWorkflowInput = Body(),
) -> One:
    view = service.update_workflow(session, Scope(user), workflowId, to_changes(body), now=now)
    return success(_out(view))


@router.delete(OWN_ONE, response_model=One)
def delete_workflow(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, workflowId: IdPath
) -> One:
    """Deletes the workflow and every reminder it had scheduled that is still to come."""
    return success(_out(service.delete_workflow(session, Scope(user), workflowId, now=now)))


# --- a team's ------------------------------------------------------------------------------

TEAM, TEAM_ONE = _paths("/v2/teams/{teamId}/workflows")


@router.post(TEAM, status_code=201, response_model=One)
def create_team_workflow(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    teamId: IdPath,
    body: CreateWorkflowInput = Body(),
) -> One:
    view = service.create_workflow(session, Scope(user, teamId), to_changes(body), now=now)
    return success(_out(view))


@router.get(TEAM, response_model=Many)
def list_team_workflows(
    user: CurrentUser,
    session: ReadSessionDep,
    teamId: IdPath,
    take: Take = MAX_TAKE,
    skip: Skip = 0,
) -> Many:
    views = service.list_workflows(session, Scope(user, teamId), take=take, skip=skip)
    return success([_out(view) for view in views])


@router.get(TEAM_ONE, response_model=One)
def get_team_workflow(
    user: CurrentUser, session: ReadSessionDep, teamId: IdPath, workflowId: IdPath
) -> One:
    return success(_out(service.get_workflow(session, Scope(user, teamId), workflowId)))


@router.patch(TEAM_ONE, response_model=One)
def update_team_workflow(
    user: CurrentUser,
    session: WriteSessionDep,
    now: NowDep,
    teamId: IdPath,
    workflowId: IdPath,
    body: UpdateWorkflowInput = Body(),
) -> One:
    scope = Scope(user, teamId)
    return success(
        _out(service.update_workflow(session, scope, workflowId, to_changes(body), now=now))
    )


@router.delete(TEAM_ONE, response_model=One)
def delete_team_workflow(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, teamId: IdPath, workflowId: IdPath
) -> One:
    return success(_out(service.delete_workflow(session, Scope(user, teamId), workflowId, now=now)))
