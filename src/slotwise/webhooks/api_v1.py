"""v1 webhook routes (Cal.com's ``/v1/webhooks``): ``?apiKey=`` auth, un-enveloped bodies,
``{"message"}`` errors, unknown body fields refused, ``eventTriggers`` for ``triggers``. A v1
webhook is the caller's own, or one event type's when created with ``eventTypeId``; the
rules are the v2 ones (``service.py``)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from slotwise.auth.dependencies import CurrentUserV1
from slotwise.http.deps import (
    NowDep,
    ReadSessionDep,
    SettingsDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V1_ERROR_RESPONSES, format_instant
from slotwise.http.inputs import V1Input
from slotwise.http.params import DatabaseId, IdPath
from slotwise.users.schemas import MessageV1
from slotwise.webhooks import service
from slotwise.webhooks.models import Webhook
from slotwise.webhooks.schemas import published
from slotwise.webhooks.service import UNSET, Scope, WebhookInput

router = APIRouter(prefix="/v1", tags=["Webhooks (v1)"], responses=V1_ERROR_RESPONSES)


class WebhookV1Output(BaseModel):
    id: str = Field(description="A string, as Cal.com's webhook ids are (ours are decimal)")
    userId: int
    eventTypeId: int | None
    subscriberUrl: str
    eventTriggers: list[str]
    active: bool
    payloadTemplate: str | None
    createdAt: str

    @classmethod
    def of(cls, webhook: Webhook) -> WebhookV1Output:
        return cls(
            id=str(webhook.id),
            userId=webhook.user_id,
            eventTypeId=webhook.event_type_id,
            subscriberUrl=webhook.subscriber_url,
            eventTriggers=list(webhook.triggers),
            active=webhook.active,
            payloadTemplate=webhook.payload_template,
            createdAt=format_instant(webhook.created_at),
        )


class WebhookV1Envelope(BaseModel):
    webhook: WebhookV1Output


class CreatedWebhookV1Envelope(WebhookV1Envelope):
    message: str


class WebhooksV1Envelope(BaseModel):
    webhooks: list[WebhookV1Output]


class UpdateWebhookV1Input(V1Input):
    model_config = ConfigDict(json_schema_extra=published(required=(), triggers="eventTriggers"))

    subscriberUrl: str | None = Field(default=None)
    eventTriggers: list[str] | None = Field(default=None)
    active: bool | None = Field(default=None)
    payloadTemplate: str | None = Field(default=None)
    secret: str | None = Field(default=None)

    def as_input(self) -> WebhookInput:
        given = self.model_fields_set
        return WebhookInput(
            subscriber_url=self.subscriberUrl if "subscriberUrl" in given else UNSET,
            triggers=self.eventTriggers if "eventTriggers" in given else UNSET,
            active=self.active if "active" in given else UNSET,
            payload_template=self.payloadTemplate if "payloadTemplate" in given else UNSET,
            secret=self.secret if "secret" in given else UNSET,
        )


class CreateWebhookV1Input(UpdateWebhookV1Input):
    model_config = ConfigDict(
        json_schema_extra=published(
            required=("subscriberUrl", "eventTriggers"), triggers="eventTriggers"
        )
    )

    subscriberUrl: str
    eventTriggers: list[str]
    active: bool = True
    eventTypeId: DatabaseId | None = Field(default=None)

    def as_input(self) -> WebhookInput:
        return WebhookInput(
            subscriber_url=self.subscriberUrl,
            triggers=self.eventTriggers,
            active=self.active,
            payload_template=self.payloadTemplate,
            secret=self.secret if "secret" in self.model_fields_set else UNSET,
        )


@router.get("/webhooks", response_model=WebhooksV1Envelope)
def list_webhooks_v1(actor: CurrentUserV1, session: ReadSessionDep) -> WebhooksV1Envelope:
    """The caller's webhooks, their own and their event types', by id."""
    found = service.all_webhooks(session, actor)
    return WebhooksV1Envelope(webhooks=[WebhookV1Output.of(w) for w in found])


@router.post("/webhooks", status_code=201, response_model=CreatedWebhookV1Envelope)
def create_webhook_v1(
    body: CreateWebhookV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> CreatedWebhookV1Envelope:
    scope = Scope(actor, body.eventTypeId)
    created = service.create_webhook(session, settings, scope, body.as_input(), now=now)
    return CreatedWebhookV1Envelope(
        webhook=WebhookV1Output.of(created), message="Webhook created successfully"
    )


@router.get("/webhooks/{webhook_id}", response_model=WebhookV1Envelope)
def get_webhook_v1(
    webhook_id: IdPath, actor: CurrentUserV1, session: ReadSessionDep
) -> WebhookV1Envelope:
    return WebhookV1Envelope(
        webhook=WebhookV1Output.of(service.owned_webhook(session, actor, webhook_id))
    )


@router.patch("/webhooks/{webhook_id}", response_model=WebhookV1Envelope)
def update_webhook_v1(
    webhook_id: IdPath,
    body: UpdateWebhookV1Input,
    actor: CurrentUserV1,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
) -> WebhookV1Envelope:
    webhook = service.owned_webhook(session, actor, webhook_id)
    scope = Scope(actor, webhook.event_type_id)
    updated = service.update_webhook(session, settings, scope, webhook_id, body.as_input(), now=now)
    return WebhookV1Envelope(webhook=WebhookV1Output.of(updated))


@router.delete("/webhooks/{webhook_id}", response_model=MessageV1)
def delete_webhook_v1(
    webhook_id: IdPath, actor: CurrentUserV1, session: WriteSessionDep
) -> MessageV1:
    webhook = service.owned_webhook(session, actor, webhook_id)
    service.delete_webhook(session, Scope(actor, webhook.event_type_id), webhook_id)
    return MessageV1(message=f"Webhook with id: {webhook_id} deleted successfully")
