"""Request and response shapes of /v2/webhooks and /v2/event-types/{id}/webhooks."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from slotwise.http.envelope import format_instant
from slotwise.http.inputs import V2Input
from slotwise.outbox.models import OutboxMessage, OutboxState
from slotwise.webhooks.models import SUBSCRIBER_URL_MAX_LENGTH, Webhook
from slotwise.webhooks.service import SECRET_MAX_LENGTH, TEMPLATE_MAX_LENGTH
from slotwise.webhooks.triggers import Trigger

WEBHOOK_VERSION = "2021-10-20"


def published(*, required: tuple[str, ...], triggers: str = "triggers") -> Any:
    """The published shape says what the service checks (webhooks/service.py): the fields a
    new webhook needs, http(s) URLs, known triggers, lengths. The model itself stays lax so
    that the service names every problem in one 400."""

    def tighten(schema: dict[str, Any]) -> None:
        properties = schema["properties"]
        properties["subscriberUrl"] = {
            "type": "string",
            "format": "uri",
            "pattern": "^https?://",
            "maxLength": SUBSCRIBER_URL_MAX_LENGTH,
            "description": properties["subscriberUrl"].get("description", ""),
        }
        properties[triggers] = {
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "enum": [trigger.value for trigger in Trigger]},
            "description": properties[triggers].get("description", ""),
        }
        properties["active"] = {"type": "boolean"}
        properties["payloadTemplate"]["anyOf"][0]["maxLength"] = TEMPLATE_MAX_LENGTH
        properties["secret"]["anyOf"][0].update(minLength=1, maxLength=SECRET_MAX_LENGTH)
        if required:
            schema["required"] = list(required)
        else:
            schema.pop("required", None)

    return tighten


class CreateWebhookInput(V2Input):
    model_config = ConfigDict(
        json_schema_extra=published(required=("subscriberUrl", "triggers", "active"))
    )

    subscriberUrl: str | None = Field(default=None, description="http(s) URL that receives POSTs")
    triggers: list[str] | None = Field(default=None, description="Which events to send")
    active: bool | None = None
    payloadTemplate: str | None = Field(
        default=None, description="A body with {{variables}} (e.g. {{title}}, {{organizer.name}})"
    )
    secret: str | None = Field(default=None, description="Signs deliveries; never shown again")


class UpdateWebhookInput(CreateWebhookInput):
    model_config = ConfigDict(json_schema_extra=published(required=()))


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
