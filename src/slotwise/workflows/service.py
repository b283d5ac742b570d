"""Workflows of a user or a team: create, read, change, delete, each checked whole before
anything is written. Every write re-plans the workflow's reminders (``planner.replan``) in
the same transaction, so activating a workflow schedules it for bookings already made and
deactivating or deleting it drops what it had scheduled.

A team's workflows are managed by its ADMINs and OWNERs (``teams.access``); a member below
that gets 403, an outsider 404 (the team's existence is not theirs to learn).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select
from sqlalchemy.orm import Session

from slotwise.commands import UNSET
from slotwise.db import ReadSession
from slotwise.errors import Forbidden, Invalid, NotFound
from slotwise.event_types import repository as event_types
from slotwise.teams import access
from slotwise.teams.models import MembershipRole
from slotwise.users.models import User
from slotwise.verification import repository as verified
from slotwise.workflows import planner, repository
from slotwise.workflows.commands import ActivationSpec, StepSpec, TriggerSpec, WorkflowChanges
from slotwise.workflows.models import (
    TIMED_TRIGGERS,
    Action,
    Template,
    Workflow,
    WorkflowStep,
)

PHONE_NUMBER_ACTIONS = frozenset({Action.SMS_NUMBER, Action.SMS_HOST, Action.WHATSAPP_NUMBER})


@dataclass(frozen=True)
class Scope:
    caller: User
    team_id: int | None = None  # None: the caller's own workflows


@dataclass(frozen=True)
class WorkflowView:
    workflow: Workflow
    steps: list[WorkflowStep]
    event_type_ids: list[int]


def create_workflow(
    session: Session, scope: Scope, changes: WorkflowChanges, *, now: datetime
) -> WorkflowView:
    _scoped(session, scope)  # 404 / 403 before anything is checked
    missing = [
        {"field": name, "message": "is required"}
        for name in ("name", "trigger", "activation", "steps")
        if getattr(changes, name) is UNSET
    ]
    if missing:
        raise Invalid.fields(missing)
    workflow = Workflow(
        user_id=scope.caller.id if scope.team_id is None else None,
        team_id=scope.team_id,
        name="",
        trigger="",
        created_at=now,
        updated_at=now,
    )
    return _save(session, scope, workflow, changes, now=now, new=True)


def update_workflow(
    session: Session, scope: Scope, workflow_id: int, changes: WorkflowChanges, *, now: datetime
) -> WorkflowView:
    workflow = _get(session, scope, workflow_id)
    workflow.updated_at = now
    return _save(session, scope, workflow, changes, now=now, new=False)


def get_workflow(session: ReadSession, scope: Scope, workflow_id: int) -> WorkflowView:
    return _view(session, _get(session, scope, workflow_id))


def list_workflows(
    session: ReadSession, scope: Scope, *, take: int, skip: int
) -> list[WorkflowView]:
    workflows = repository.page(session, _scoped(session, scope), take=take, skip=skip)
    ids = [w.id for w in workflows]
    steps, activations = repository.steps_of(session, ids), repository.activations_of(session, ids)
    return [WorkflowView(w, steps[w.id], activations[w.id]) for w in workflows]


def delete_workflow(
    session: Session, scope: Scope, workflow_id: int, *, now: datetime
) -> WorkflowView:
    view = get_workflow(session, scope, workflow_id)
    planner.drop_reminders(session, workflow_id, now=now)
    repository.remove(session, view.workflow)
    return view


# --- checks and writes -------------------------------------------------------------------------


def _scoped(session: ReadSession, scope: Scope) -> Select[Workflow]:
    if scope.team_id is None:
        return repository.of_user(scope.caller.id)
    role = access.role_in(session, scope.team_id, scope.caller.id)
    if role is None:
        raise NotFound(f"Team with id {scope.team_id} not found")
    if not role.at_least(MembershipRole.ADMIN):
        raise Forbidden("Only the team's admins and owners manage its workflows")
    return repository.of_team(scope.team_id)


def _get(session: ReadSession, scope: Scope, workflow_id: int) -> Workflow:
    workflow = repository.find(session, _scoped(session, scope), workflow_id)
    if workflow is None:
        raise NotFound(f"Workflow with id {workflow_id} not found")
    return workflow


def _view(session: ReadSession, workflow: Workflow) -> WorkflowView:
    steps = repository.steps_of(session, [workflow.id])[workflow.id]
    return WorkflowView(
        workflow, steps, repository.activations_of(session, [workflow.id])[workflow.id]
    )


def _save(
    session: Session,
    scope: Scope,
    workflow: Workflow,
    changes: WorkflowChanges,
    *,
    now: datetime,
    new: bool,
) -> WorkflowView:
    """Check every part first (one 400 names every problem), then write."""
    problems: list[dict[str, str]] = []
    trigger = changes.trigger
    if trigger is not UNSET:
        problems += _trigger_problems(trigger)
    steps_rows = None
    if changes.steps is not UNSET:
        steps_rows = _step_rows(session, scope, changes.steps, problems)
    if changes.activation is not UNSET:
        problems += _activation_problems(session, scope, changes.activation)
    if problems:
        raise Invalid.fields(problems)
    if changes.name is not UNSET:
        workflow.name = changes.name.strip() or workflow.name
    if trigger is not UNSET:
        timed = trigger.trigger in TIMED_TRIGGERS
        workflow.trigger = trigger.trigger.value
        workflow.time = trigger.time if timed else None
        workflow.time_unit = trigger.time_unit.value if timed and trigger.time_unit else None
    if changes.activation is not UNSET:
        workflow.active_on_all = changes.activation.active_on_all
    if new:
        repository.add(session, workflow)
    if changes.activation is not UNSET:
        ids = () if changes.activation.active_on_all else changes.activation.event_type_ids
        repository.replace_activations(session, workflow.id, ids)
    if steps_rows is not None:
        for row in steps_rows:
            row.workflow_id = workflow.id
        repository.replace_steps(session, workflow.id, steps_rows)
    session.flush()
    view = _view(session, workflow)
    planner.replan(session, view.workflow, view.steps, view.event_type_ids, now=now)
    return view


def _trigger_problems(trigger: TriggerSpec) -> list[dict[str, str]]:
    if trigger.trigger in TIMED_TRIGGERS and (trigger.time is None or trigger.time_unit is None):
        return [{"field": "trigger.offset", "message": f"is required for {trigger.trigger.value}"}]
    return []


def _activation_problems(
    session: ReadSession, scope: Scope, activation: ActivationSpec
) -> list[dict[str, str]]:
    if activation.active_on_all or not activation.event_type_ids:
        return []
    owners = (
        [scope.caller.id]
        if scope.team_id is None
        else access.accepted_member_ids(session, scope.team_id)
    )
    statement = event_types.public_of(owners, include_hidden=True)
    known = {et.id for et in session.scalars(statement)}
    unknown = [str(i) for i in activation.event_type_ids if i not in known]
    if unknown:
        return [
            {
                "field": "activation.activeOnEventTypeIds",
                "message": f"event types not found: {', '.join(unknown)}",
            }
        ]
    return []


def _step_rows(
    session: ReadSession, scope: Scope, steps: tuple[StepSpec, ...], problems: list[dict[str, str]]
) -> list[WorkflowStep]:
    numbers = [step.step_number for step in steps]
    if len(set(numbers)) != len(numbers):
        problems.append({"field": "steps", "message": "stepNumber values must be unique"})
    rows = []
    for index, step in enumerate(sorted(steps, key=lambda s: s.step_number)):
        send_to = _recipient_address(session, scope, step, f"steps.{index}", problems)
        if step.template is Template.CUSTOM and not (step.body or "").strip():
            problems.append(
                {"field": f"steps.{index}.message", "message": "a custom template needs a body"}
            )
        rows.append(
            WorkflowStep(
                step_number=step.step_number,
                action=step.action.value,
                template=step.template.value,
                send_to=send_to,
                verified_email_id=step.verified_email_id
                if step.action is Action.EMAIL_ADDRESS
                else None,
                verified_phone_id=step.verified_phone_id
                if step.action in PHONE_NUMBER_ACTIONS
                else None,
                sender=step.sender,
                email_subject=step.subject,
                reminder_body=step.body,
                include_calendar_event=step.include_calendar_event and step.action.by_email,
                phone_required=step.phone_required,
            )
        )
    return rows


def _recipient_address(
    session: ReadSession, scope: Scope, step: StepSpec, field: str, problems: list[dict[str, str]]
) -> str | None:
    """EMAIL_ADDRESS and *_NUMBER steps send only to an address or number their owner
    verified (spec/api.md §13): anything else would let a workflow write to strangers."""
    if step.action is Action.EMAIL_ADDRESS:
        if step.verified_email_id is None:
            problems.append({"field": f"{field}.verifiedEmailId", "message": "is required"})
            return None
        emails = (
            verified.emails_of_user(scope.caller.id)
            if scope.team_id is None
            else verified.emails_of_team(scope.team_id)
        )
        email = verified.find_email(session, emails, step.verified_email_id)
        if email is None:
            problems.append(
                {"field": f"{field}.verifiedEmailId", "message": "is not a verified email of yours"}
            )
        return email.email if email is not None else None
    if step.action in PHONE_NUMBER_ACTIONS:
        if step.verified_phone_id is None:
            problems.append({"field": f"{field}.verifiedPhoneId", "message": "is required"})
            return None
        phones = (
            verified.phones_of_user(scope.caller.id)
            if scope.team_id is None
            else verified.phones_of_team(scope.team_id)
        )
        phone = verified.find_phone(session, phones, step.verified_phone_id)
        if phone is None:
            problems.append(
                {"field": f"{field}.verifiedPhoneId", "message": "is not a verified phone of yours"}
            )
        return phone.phone_number if phone is not None else None
    return None
