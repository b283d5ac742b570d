"""Request and response shapes of the routing-form routes (spec/api.md §12).

Forms: ``id`` (uuid), ``fields[]`` (``id, label, identifier, type, required, placeholder,
options[{id, label}]``), ``routes[]`` (``id, queryValue, attributesQueryValue, action {type,
value, eventTypeId?}, isFallback``). ``queryValue`` is slotwise's condition JSON (see
``validation.py``), not react-awesome-query-builder's tree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.http.params import DatabaseId
from slotwise.routing_forms.models import NAME_MAX_LENGTH, RoutingForm, RoutingFormResponse
from slotwise.routing_forms.service import FormSpec, Routed
from slotwise.slots.schemas.v2024_09_04 import slots_output

FieldKind = Literal[
    "text", "textarea", "number", "email", "phone", "select", "multiselect", "radio", "checkbox"
]
ActionKind = Literal["eventTypeRedirectUrl", "externalRedirectUrl", "customPageMessage"]
Id = Field(default=None, min_length=1, max_length=64)
MAX_ITEMS = 200


class FieldOptionInput(V2Input):
    id: str | None = Id
    label: str = Field(min_length=1, max_length=500)


class FormFieldInput(V2Input):
    id: str | None = Id
    label: str = Field(min_length=1, max_length=500)
    identifier: str | None = Field(default=None, max_length=64)
    type: FieldKind
    required: bool = False
    placeholder: str | None = Field(default=None, max_length=500)
    options: list[FieldOptionInput] | None = Field(default=None, max_length=MAX_ITEMS)


class RouteActionInput(V2Input):
    type: ActionKind
    value: str | None = Field(default=None, max_length=10_000)
    eventTypeId: DatabaseId | None = None


class RouteInput(V2Input):
    id: str | None = Id
    queryValue: dict[str, Any] | None = None
    attributesQueryValue: dict[str, Any] | None = None
    action: RouteActionInput
    isFallback: bool = False


class FormSettingsInput(V2Input):
    emailOwnerOnSubmission: bool = False
    sendUpdatesTo: list[DatabaseId] = Field(default_factory=list, max_length=MAX_ITEMS)
    sendToAll: bool = False


class _FormBody(V2Input):
    def spec(self) -> FormSpec:
        sent = self.model_dump(exclude_unset=True)
        return FormSpec(
            name=sent.get("name"),
            description=sent.get("description"),
            fields=sent.get("fields"),
            routes=sent.get("routes"),
            settings=sent.get("settings"),
            disabled=sent.get("disabled"),
            position=sent.get("position"),
        )


class CreateRoutingFormInput(_FormBody):
    """slotwise's own (Cal.com's v2 API has no route that writes forms): a form of the
    caller, or of ``teamId`` (an organization's id for an organization's form)."""

    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=10_000)
    teamId: DatabaseId | None = None
    position: int = Field(default=0, ge=0, le=10_000)
    fields: list[FormFieldInput] = Field(default_factory=list, max_length=MAX_ITEMS)
    routes: list[RouteInput] = Field(default_factory=list, max_length=MAX_ITEMS)
    settings: FormSettingsInput | None = None
    disabled: bool = False


class UpdateRoutingFormInput(_FormBody):
    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX_LENGTH)
    description: str | None = Field(default=None, max_length=10_000)
    position: int | None = Field(default=None, ge=0, le=10_000)
    fields: list[FormFieldInput] | None = Field(default=None, max_length=MAX_ITEMS)
    routes: list[RouteInput] | None = Field(default=None, max_length=MAX_ITEMS)
    settings: FormSettingsInput | None = None
    disabled: bool | None = None


class UpdateResponseInput(V2Input):
    response: dict[str, Any]


class RoutingFormOutput(BaseModel):
    id: str
    name: str
    description: str | None
    position: int
    fields: list[dict[str, Any]]
    routes: list[dict[str, Any]]
    userId: int | None
    teamId: int | None
    createdAt: str
    updatedAt: str
    settings: dict[str, Any]
    disabled: bool

    @classmethod
    def of(cls, form: RoutingForm) -> RoutingFormOutput:
        return cls(
            id=form.id, name=form.name, description=form.description, position=form.position,
            fields=form.fields, routes=form.routes, userId=form.user_id, teamId=form.team_id,
            createdAt=format_instant(form.created_at), updatedAt=format_instant(form.updated_at),
            settings=form.settings, disabled=form.disabled,
        )  # fmt: skip


class RoutingFormResponseOutput(BaseModel):
    id: int
    formId: str
    response: dict[str, Any]
    routeId: str | None
    routedToBookingUid: str | None
    createdAt: str
    updatedAt: str

    @classmethod
    def of(cls, row: RoutingFormResponse) -> RoutingFormResponseOutput:
        return cls(
            id=row.id, formId=row.form_id, response=row.response, routeId=row.route_id,
            routedToBookingUid=row.routed_to_booking_uid,
            createdAt=format_instant(row.created_at), updatedAt=format_instant(row.updated_at),
        )  # fmt: skip


class RoutingOutput(BaseModel):
    teamMemberIds: list[int]
    teamMemberEmail: str | None = None
    skipContactOwner: bool = False
    responseId: int | None = None
    queuedResponseId: str | None = None


class RoutedOutput(BaseModel):
    """What a submitted response led to: an event type and its slots, a URL or a message."""

    routing: RoutingOutput | None = None
    eventTypeId: int | None = None
    slots: dict[str, list[dict[str, Any]]] | None = None
    routingCustomMessage: str | None = None
    routingExternalRedirectUrl: str | None = None

    @classmethod
    def of(cls, routed: Routed, *, ranges: bool) -> RoutedOutput:
        response_id = routed.response.id if routed.response is not None else None
        routing = RoutingOutput(teamMemberIds=routed.team_member_ids, responseId=response_id)
        return cls(
            routing=routing,
            eventTypeId=routed.event_type.id if routed.event_type else None,
            slots=slots_output(routed.slots, ranges=ranges) if routed.slots else None,
            routingCustomMessage=routed.message,
            routingExternalRedirectUrl=routed.external_url,
        )


def parse_instant(value: datetime | None) -> datetime | None:
    """Query instants: a naive one is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    from datetime import UTC

    return value.replace(tzinfo=UTC)
