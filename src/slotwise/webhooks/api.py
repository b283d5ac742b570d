"""/v2/webhooks (the caller's own) and /v2/event-types/{eventTypeId}/webhooks, plus the
delivery log, redelivery and a test ping (slotwise's own; Cal.com keeps no delivery log).
Webhooks are version-neutral: any ``cal-api-version`` or none."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Query

from slotwise.auth.dependencies import CurrentUser
from slotwise.http.deps import (
    NowDep,
    ReadSessionDep,
    SettingsDep,
    WriteSessionDep,
)
from slotwise.http.envelope import V2_ERROR_RESPONSES, SuccessEnvelope, success
from slotwise.http.params import IdPath
from slotwise.webhooks import service
from slotwise.webhooks.schemas import (
    CreateWebhookInput,
    DeliveryOutput,
    PingOutput,
    UpdateWebhookInput,
    WebhookOutput,
)
from slotwise.webhooks.service import UNSET, Scope, WebhookInput

router = APIRouter(tags=["Webhooks"], responses=V2_ERROR_RESPONSES)

MAX_TAKE = 250
Take = Annotated[int, Query(ge=1, le=MAX_TAKE)]
Skip = Annotated[int, Query(ge=0, le=2**31 - 1)]


def _input(body: CreateWebhookInput) -> WebhookInput:
    given = body.model_fields_set
    return WebhookInput(
        subscriber_url=body.subscriberUrl if "subscriberUrl" in given else UNSET,
        triggers=body.triggers if "triggers" in given else UNSET,
        active=body.active if "active" in given else UNSET,
        payload_template=body.payloadTemplate if "payloadTemplate" in given else UNSET,
        secret=body.secret if "secret" in given else UNSET,
    )


def _output(webhook: object, body: CreateWebhookInput | None = None) -> WebhookOutput:
    secret = body.secret if body is not None and "secret" in body.model_fields_set else None
    return WebhookOutput.of(webhook, secret=secret)  # type: ignore[arg-type]


# --- the caller's own ----------------------------------------------------------------------


@router.post("/v2/webhooks", status_code=201, response_model=SuccessEnvelope[WebhookOutput])
def create_webhook(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    body: CreateWebhookInput = Body(),
) -> SuccessEnvelope[WebhookOutput]:
    """A webhook for every booking the caller hosts. The secret is in this answer only."""
    webhook = service.create_webhook(session, settings, Scope(user), _input(body), now=now)
    return success(_output(webhook, body))


@router.get("/v2/webhooks", response_model=SuccessEnvelope[list[WebhookOutput]])
def list_webhooks(
    user: CurrentUser, session: ReadSessionDep, take: Take = MAX_TAKE, skip: Skip = 0
) -> SuccessEnvelope[list[WebhookOutput]]:
    webhooks = service.list_webhooks(session, Scope(user), take=take, skip=skip)
    return success([WebhookOutput.of(w) for w in webhooks])


@router.get("/v2/webhooks/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def get_webhook(
    user: CurrentUser, session: ReadSessionDep, webhookId: IdPath
) -> SuccessEnvelope[WebhookOutput]:
    return success(WebhookOutput.of(service.get_webhook(session, Scope(user), webhookId)))


@router.patch("/v2/webhooks/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def update_webhook(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    webhookId: IdPath,
    body: UpdateWebhookInput = Body(),
) -> SuccessEnvelope[WebhookOutput]:
    webhook = service.update_webhook(
        session, settings, Scope(user), webhookId, _input(body), now=now
    )
    return success(_output(webhook, body))


@router.delete("/v2/webhooks/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def delete_webhook(
    user: CurrentUser, session: WriteSessionDep, webhookId: IdPath
) -> SuccessEnvelope[WebhookOutput]:
    return success(WebhookOutput.of(service.delete_webhook(session, Scope(user), webhookId)))


# --- delivery log, redelivery, ping (any webhook the caller owns) --------------------------


@router.get(
    "/v2/webhooks/{webhookId}/deliveries", response_model=SuccessEnvelope[list[DeliveryOutput]]
)
def list_deliveries(
    user: CurrentUser, session: ReadSessionDep, webhookId: IdPath, take: Take = 100, skip: Skip = 0
) -> SuccessEnvelope[list[DeliveryOutput]]:
    """Every event sent (or to be sent) to this webhook, newest first: status, attempts, the
    receiver's last status code and latency, the next attempt."""
    rows, _total = service.deliveries(session, user, webhookId, take=take, skip=skip)
    return success([DeliveryOutput.of(row) for row in rows])


@router.post(
    "/v2/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
    status_code=201,
    response_model=SuccessEnvelope[DeliveryOutput],
)
def redeliver(
    user: CurrentUser, session: WriteSessionDep, now: NowDep, webhookId: IdPath, deliveryId: IdPath
) -> SuccessEnvelope[DeliveryOutput]:
    """Queue the event again now (same ``webhook-id``); the answer is the new delivery."""
    row = service.redeliver(session, user, webhookId, deliveryId, now=now)
    session.flush()
    return success(DeliveryOutput.of(row))


@router.post("/v2/webhooks/{webhookId}/ping", response_model=SuccessEnvelope[PingOutput])
def ping_webhook(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    webhookId: IdPath,
) -> SuccessEnvelope[PingOutput]:
    """Send a sample event, signed like a real one, and report what the receiver answered."""
    webhook = service.owned_webhook(session, user, webhookId)
    # The lookup is all this request reads; end its transaction before calling out, so a
    # slow receiver never holds the database (SQLite's writer lock) for its timeout.
    session.commit()
    return success(PingOutput(**service.ping(settings, webhook, now=now)))


# --- an event type's -----------------------------------------------------------------------

EVENT_TYPE_WEBHOOKS = "/v2/event-types/{eventTypeId}/webhooks"


@router.post(EVENT_TYPE_WEBHOOKS, status_code=201, response_model=SuccessEnvelope[WebhookOutput])
def create_event_type_webhook(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    eventTypeId: IdPath,
    body: CreateWebhookInput = Body(),
) -> SuccessEnvelope[WebhookOutput]:
    """A webhook for the bookings of one of the caller's event types."""
    scope = Scope(user, eventTypeId)
    webhook = service.create_webhook(session, settings, scope, _input(body), now=now)
    return success(_output(webhook, body))


@router.get(EVENT_TYPE_WEBHOOKS, response_model=SuccessEnvelope[list[WebhookOutput]])
def list_event_type_webhooks(
    user: CurrentUser,
    session: ReadSessionDep,
    eventTypeId: IdPath,
    take: Take = MAX_TAKE,
    skip: Skip = 0,
) -> SuccessEnvelope[list[WebhookOutput]]:
    webhooks = service.list_webhooks(session, Scope(user, eventTypeId), take=take, skip=skip)
    return success([WebhookOutput.of(w) for w in webhooks])


@router.delete(EVENT_TYPE_WEBHOOKS, response_model=SuccessEnvelope[str])
def delete_event_type_webhooks(
    user: CurrentUser, session: WriteSessionDep, eventTypeId: IdPath
) -> SuccessEnvelope[str]:
    """Cal.com answers a sentence, not a count object: ``"2 webhooks deleted"``."""
    deleted = service.delete_all_webhooks(session, Scope(user, eventTypeId))
    return success(f"{deleted} webhooks deleted")


@router.get(EVENT_TYPE_WEBHOOKS + "/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def get_event_type_webhook(
    user: CurrentUser, session: ReadSessionDep, eventTypeId: IdPath, webhookId: IdPath
) -> SuccessEnvelope[WebhookOutput]:
    webhook = service.get_webhook(session, Scope(user, eventTypeId), webhookId)
    return success(WebhookOutput.of(webhook))


@router.patch(EVENT_TYPE_WEBHOOKS + "/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def update_event_type_webhook(
    user: CurrentUser,
    session: WriteSessionDep,
    settings: SettingsDep,
    now: NowDep,
    eventTypeId: IdPath,
    webhookId: IdPath,
    body: UpdateWebhookInput = Body(),
) -> SuccessEnvelope[WebhookOutput]:
    scope = Scope(user, eventTypeId)
    webhook = service.update_webhook(session, settings, scope, webhookId, _input(body), now=now)
    return success(_output(webhook, body))


@router.delete(EVENT_TYPE_WEBHOOKS + "/{webhookId}", response_model=SuccessEnvelope[WebhookOutput])
def delete_event_type_webhook(
    user: CurrentUser, session: WriteSessionDep, eventTypeId: IdPath, webhookId: IdPath
) -> SuccessEnvelope[WebhookOutput]:
    webhook = service.delete_webhook(session, Scope(user, eventTypeId), webhookId)
    return success(WebhookOutput.of(webhook))
