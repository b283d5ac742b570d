"""Request and response shapes of /v2/webhooks and /v2/event-types/{id}/webhooks."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.outbox.models import OutboxMessage, OutboxState
from slotwise.webhooks.models import Webhook

WEBHOOK_VERSION = "2021-10-20"


class CreateWebhookInput(V2Input):
    subscriberUrl: str | None = Field(default=None, description="http(s) URL that receives POSTs")
    triggers: list[str] | None = Field(default=None, description="Which events to send")
    active: bool | None = None
    payloadTemplate: str | None = Field(
        default=None, description="A body with {{variables}} (e.g. {{title}}, {{organizer.name}})"
    )
    secret: str | None = Field(default=None, description="Signs deliveries; never shown again")


class UpdateWebhookInput(CreateWebhookInput):
    pass


class WebhookOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str = Field(description="A string, as Cal.com's webhook ids are (ours are decimal)")
    subscriberUrl: str
    triggers: list[str]
    active: bool
    payloadTemplate: str | None
    createdAt: str
    version: str = WEBHOOK_VERSION

    @classmethod
    def of(cls, webhook: Webhook, *, secret: str | None = None) -> WebhookOutput:
        scope: dict[str, Any] = (
            {"eventTypeId": webhook.event_type_id}
            if webhook.event_type_id is not None
            else {"userId": webhook.user_id}
        )
        if secret is not None:  # only in the answer to the request that set it
            scope["secret"] = secret
        return cls(
            id=str(webhook.id),
            subscriberUrl=webhook.subscriber_url,
            triggers=list(webhook.triggers),
            active=webhook.active,
            payloadTemplate=webhook.payload_template,
            createdAt=format_instant(webhook.created_at),
            **scope,
        )


class DeliveryOutput(BaseModel):
    id: int
    webhookId: int
    eventId: str = Field(description="The webhook-id header: the same on every retry")
    triggerEvent: str
    status: str = Field(description="pending, delivered, failed or cancelled")
    attempts: int
    responseCode: int | None
    latencyMs: int | None
    lastError: str | None
    dueAt: str
    nextAttemptAt: str | None
    deliveredAt: str | None
    createdAt: str

    @classmethod
    def of(cls, row: OutboxMessage) -> DeliveryOutput:
        result = row.last_result or {}
        return cls(
            id=row.id,
            webhookId=int(row.payload.get("webhookId", 0)),
            eventId=str(row.payload.get("eventId", "")),
            triggerEvent=str(row.payload.get("trigger", "")),
            status=row.state,
            attempts=row.attempts,
            responseCode=result.get("responseCode"),
            latencyMs=result.get("latencyMs"),
            lastError=row.last_error,
            dueAt=format_instant(row.due_at),
            nextAttemptAt=format_instant(row.next_attempt_at)
            if row.state == OutboxState.PENDING.value
            else None,
            deliveredAt=format_instant(row.delivered_at) if row.delivered_at else None,
            createdAt=format_instant(row.created_at),
        )


class PingOutput(BaseModel):
    model_config = ConfigDict(extra="allow")

    ok: bool
    responseCode: int | None = None
    latencyMs: int | None = None
    responseBody: str | None = None
    error: str | None = None
