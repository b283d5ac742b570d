"""What the workflows service takes: a whole workflow (create) or the parts a PATCH names."""

from __future__ import annotations

from dataclasses import dataclass

from slotwise.commands import UNSET, Maybe
from slotwise.workflows.models import Action, Template, TimeUnit, Trigger


@dataclass(frozen=True)
class StepSpec:
    step_number: int
    action: Action
    template: Template
    sender: str = "Cal"
    subject: str | None = None
    body: str | None = None
    include_calendar_event: bool = False
    phone_required: bool = False
    verified_email_id: int | None = None
    verified_phone_id: int | None = None


@dataclass(frozen=True)
class TriggerSpec:
    trigger: Trigger
    time: int | None = None
    time_unit: TimeUnit | None = None


@dataclass(frozen=True)
class ActivationSpec:
    active_on_all: bool
    event_type_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class WorkflowChanges:
    """A create gives every field; a PATCH only those it names (the rest UNSET)."""

    name: Maybe[str] = UNSET
    trigger: Maybe[TriggerSpec] = UNSET
    activation: Maybe[ActivationSpec] = UNSET
    steps: Maybe[tuple[StepSpec, ...]] = UNSET
