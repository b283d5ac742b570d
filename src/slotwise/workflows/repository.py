"""Every query on workflows, each starting from the scope of the one who asks: a user's own
(``of_user``), a team's (``of_team``), or a booking looking for the workflows that apply to it
(``applying_to``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, delete, or_, select
from sqlalchemy.orm import Session

from slotwise.db import ReadSession
from slotwise.teams import access
from slotwise.workflows.models import Workflow, WorkflowActivation, WorkflowStep


def of_user(user_id: int) -> Select[Workflow]:
    return select(Workflow).where(Workflow.user_id == user_id)


def of_team(team_id: int) -> Select[Workflow]:
    return select(Workflow).where(Workflow.team_id == team_id)


def find(session: ReadSession, scope: Select[Workflow], workflow_id: int) -> Workflow | None:
    return session.scalars(scope.where(Workflow.id == workflow_id)).one_or_none()


def page(session: ReadSession, scope: Select[Workflow], *, take: int, skip: int) -> list[Workflow]:
    return list(session.scalars(scope.order_by(Workflow.id).offset(skip).limit(take)))


def steps_of(session: ReadSession, workflow_ids: Sequence[int]) -> dict[int, list[WorkflowStep]]:
    found: dict[int, list[WorkflowStep]] = {workflow_id: [] for workflow_id in workflow_ids}
    statement = (
        select(WorkflowStep)
        .where(WorkflowStep.workflow_id.in_(list(workflow_ids)))
        .order_by(WorkflowStep.workflow_id, WorkflowStep.step_number)
    )
    for step in session.scalars(statement):
        found[step.workflow_id].append(step)
    return found


def activations_of(session: ReadSession, workflow_ids: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {workflow_id: [] for workflow_id in workflow_ids}
    statement = (
        select(WorkflowActivation)
        .where(WorkflowActivation.workflow_id.in_(list(workflow_ids)))
        .order_by(WorkflowActivation.event_type_id)
    )
    for row in session.scalars(statement):
        found[row.workflow_id].append(row.event_type_id)
    return found


def applying_to(session: ReadSession, *, host_id: int, event_type_id: int | None) -> list[Workflow]:
    """The workflows a booking of ``event_type_id`` hosted by ``host_id`` runs: the host's own
    (active on all their event types, or on this one), and teams' active on this event type,
    or on all event types of their members when the host is an accepted member."""
    listed = (
        select(WorkflowActivation.workflow_id).where(
            WorkflowActivation.event_type_id == event_type_id
        )
        if event_type_id is not None
        else None
    )
    own = (Workflow.user_id == host_id) & Workflow.active_on_all.is_(True)
    conditions: list[ColumnElement[bool]] = [own]
    if listed is not None:
        conditions.append(Workflow.id.in_(listed))
    chosen = list(session.scalars(select(Workflow).where(or_(*conditions)).order_by(Workflow.id)))
    for workflow in _teams_active_on_all(session):
        if workflow.team_id is not None and host_id in access.accepted_member_ids(
            session, workflow.team_id
        ):
            chosen.append(workflow)
    return sorted({w.id: w for w in chosen}.values(), key=lambda w: w.id)


def _teams_active_on_all(session: ReadSession) -> list[Workflow]:
    statement = select(Workflow).where(
        Workflow.team_id.is_not(None), Workflow.active_on_all.is_(True)
    )
    return list(session.scalars(statement))


def add(session: Session, workflow: Workflow) -> Workflow:
    session.add(workflow)
    session.flush()
    return workflow


def replace_steps(session: Session, workflow_id: int, steps: Sequence[WorkflowStep]) -> None:
    session.execute(delete(WorkflowStep).where(WorkflowStep.workflow_id == workflow_id))
    session.add_all(steps)
    session.flush()


def replace_activations(session: Session, workflow_id: int, event_type_ids: Sequence[int]) -> None:
    session.execute(delete(WorkflowActivation).where(WorkflowActivation.workflow_id == workflow_id))
    session.add_all(
        WorkflowActivation(workflow_id=workflow_id, event_type_id=event_type_id)
        for event_type_id in sorted(set(event_type_ids))
    )
    session.flush()


def remove(session: Session, workflow: Workflow) -> None:
    session.delete(workflow)
    session.flush()
