"""Request and response shapes of /v2/workflows and /v2/teams/{teamId}/workflows (Cal.com's
v2 workflow DTOs: camelCase enum values such as ``beforeEvent``, ``email_host``,
``reminder``, ``hour``; the UPPER_SNAKE names of Cal.com's database are accepted too)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from slotwise.commands import UNSET
from slotwise.errors import Invalid
from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.workflows.commands import ActivationSpec, StepSpec, TriggerSpec, WorkflowChanges
from slotwise.workflows.models import (
    Action,
    Template,
    TimeUnit,
    Trigger,
    Workflow,
    WorkflowStep,
)

E = TypeVar("E", bound=StrEnum)
OFFSET_MAX = 100_000  # minutes, hours or days: far beyond any booking window


class OffsetInput(V2Input):
    value: int = Field(ge=0, le=OFFSET_MAX)
    unit: str = Field(description="day, hour or minute")


class TriggerInput(V2Input):
    type: str = Field(description="beforeEvent, afterEvent, newEvent, eventCancelled ...")
    offset: OffsetInput | None = Field(
        default=None, description="Required for beforeEvent and afterEvent"
    )


class ActivationInput(V2Input):
    isActiveOnAllEventTypes: bool = False
    activeOnEventTypeIds: list[DatabaseId] = Field(default_factory=list, max_length=1000)


class MessageInput(V2Input):
    subject: str | None = Field(default=None, max_length=1000)
    html: str | None = Field(default=None, max_length=65_536, description="Email body")
    text: str | None = Field(default=None, max_length=65_536, description="Text message")


class StepInput(V2Input):
    stepNumber: int = Field(ge=1, le=1000)
    action: str = Field(description="email_host, email_attendee, email_address, sms_attendee ...")
    template: str = Field(default="reminder", description="reminder, custom, rating, thankyou ...")
    recipient: str | None = Field(default=None, description="Derived from the action")
    sender: str | None = Field(default=None, max_length=100)
    includeCalendarEvent: bool = False
    phoneRequired: bool = False
    verifiedEmailId: DatabaseId | None = None
    verifiedPhoneId: DatabaseId | None = None
    message: MessageInput | None = None


class CreateWorkflowInput(V2Input):
    name: str = Field(min_length=1, max_length=200)
    activation: ActivationInput
    trigger: TriggerInput
    steps: list[StepInput] = Field(min_length=1, max_length=50)


class UpdateWorkflowInput(V2Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    activation: ActivationInput | None = None
    trigger: TriggerInput | None = None
    steps: list[StepInput] | None = Field(default=None, min_length=1, max_length=50)


def enum_named(kind: type[E], value: str, field: str) -> E:
    """``beforeEvent``, ``before_event`` and ``BEFORE_EVENT`` all name BEFORE_EVENT."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", value).upper()
    try:
        return kind(snake)
    except ValueError:
        allowed = ", ".join(camel(member.value) for member in kind)
        raise Invalid.field(field, f"must be one of {allowed}") from None


def camel(name: str) -> str:
    """BEFORE_EVENT -> beforeEvent (Cal.com v2's spelling of triggers)."""
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def _trigger(body: TriggerInput) -> TriggerSpec:
    trigger = enum_named(Trigger, body.type, "trigger.type")
    if body.offset is None:
        return TriggerSpec(trigger)
    unit = enum_named(TimeUnit, body.offset.unit, "trigger.offset.unit")
    return TriggerSpec(trigger, body.offset.value, unit)


def _step(body: StepInput, index: int) -> StepSpec:
    action = enum_named(Action, body.action, f"steps.{index}.action")
    message = body.message or MessageInput()
    return StepSpec(
        step_number=body.stepNumber,
        action=action,
        template=enum_named(Template, body.template, f"steps.{index}.template"),
        sender=body.sender or "Cal",
        subject=message.subject,
        body=message.html if message.html is not None else message.text,
        include_calendar_event=body.includeCalendarEvent,
        phone_required=body.phoneRequired,
        verified_email_id=body.verifiedEmailId,
        verified_phone_id=body.verifiedPhoneId,
    )


def to_changes(body: CreateWorkflowInput | UpdateWorkflowInput) -> WorkflowChanges:
    given = body.model_fields_set
    activation = body.activation
    return WorkflowChanges(
        name=body.name if "name" in given and body.name is not None else UNSET,
        trigger=_trigger(body.trigger) if body.trigger is not None else UNSET,
        activation=ActivationSpec(
            activation.isActiveOnAllEventTypes, tuple(activation.activeOnEventTypeIds)
        )
        if activation is not None
        else UNSET,
        steps=tuple(_step(step, i) for i, step in enumerate(body.steps))
        if body.steps is not None
        else UNSET,
    )


# --- output ----------------------------------------------------------------------------------

RECIPIENTS = {
    Action.EMAIL_HOST: "const",  # Cal.com's name for "the host"
    Action.SMS_HOST: "const",
    Action.EMAIL_ATTENDEE: "attendee",
    Action.SMS_ATTENDEE: "attendee",
    Action.WHATSAPP_ATTENDEE: "attendee",
    Action.EMAIL_ADDRESS: "email",
    Action.SMS_NUMBER: "phone_number",
    Action.WHATSAPP_NUMBER: "phone_number",
}


class StepOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    stepNumber: int
    action: str
    recipient: str
    template: str
    sender: str
    includeCalendarEvent: bool
    message: dict[str, str | None]

    @classmethod
    def of(cls, step: WorkflowStep) -> StepOutput:
        action = Action(step.action)
        body_key = "html" if action.by_email else "text"
        extra: dict[str, Any] = {}
        if step.verified_email_id is not None:
            extra |= {"email": step.send_to, "verifiedEmailId": step.verified_email_id}
        if step.verified_phone_id is not None:
            extra |= {"phone": step.send_to, "verifiedPhoneId": step.verified_phone_id}
        if not action.by_email:
            extra["phoneRequired"] = step.phone_required
        return cls(
            id=step.id,
            stepNumber=step.step_number,
            action=step.action.lower(),
            recipient=RECIPIENTS[action],
            template=step.template.lower(),
            sender=step.sender,
            includeCalendarEvent=step.include_calendar_event,
            message={"subject": step.email_subject or "", body_key: step.reminder_body or ""},
            **extra,
        )


class WorkflowOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    name: str
    activation: dict[str, Any]
    trigger: dict[str, Any]
    steps: list[StepOutput]
    createdAt: str
    updatedAt: str

    @classmethod
    def of(
        cls, workflow: Workflow, steps: list[WorkflowStep], event_type_ids: list[int]
    ) -> WorkflowOutput:
        trigger: dict[str, Any] = {"type": camel(workflow.trigger)}
        if workflow.time is not None and workflow.time_unit is not None:
            trigger["offset"] = {"value": workflow.time, "unit": workflow.time_unit.lower()}
        owner = {"teamId": workflow.team_id} if workflow.team_id else {"userId": workflow.user_id}
        return cls(
            id=workflow.id,
            name=workflow.name,
            activation={
                "isActiveOnAllEventTypes": workflow.active_on_all,
                "activeOnEventTypeIds": [] if workflow.active_on_all else event_type_ids,
            },
            trigger=trigger,
            steps=[StepOutput.of(step) for step in steps],
            createdAt=format_instant(workflow.created_at),
            updatedAt=format_instant(workflow.updated_at),
            **owner,
        )
