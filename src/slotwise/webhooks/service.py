"""Webhook subscriptions (the caller's own, or one of their event types'), their delivery log,
redelivery and the test ping.

Scope is always the caller: a webhook of someone else, or of another scope (an event type's
webhook asked for under /v2/webhooks), is a 404 like one that does not exist.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from slotwise.config import Settings
from slotwise.db import ReadSession
from slotwise.errors import Invalid, NotFound
from slotwise.event_types import service as event_types
from slotwise.http.envelope import format_instant
from slotwise.outbox import repository as outbox_rows
from slotwise.outbox import service as outbox
from slotwise.outbox.models import OutboxMessage
from slotwise.users.models import User
from slotwise.webhooks import payloads, repository, secrets
from slotwise.webhooks.delivery import post
from slotwise.webhooks.models import SUBSCRIBER_URL_MAX_LENGTH, Webhook
from slotwise.webhooks.network import UnsafeUrl, check_subscriber_url
from slotwise.webhooks.planner import WEBHOOK_KIND
from slotwise.webhooks.triggers import Trigger

TEMPLATE_MAX_LENGTH = 65_536
SECRET_MAX_LENGTH = 255
_TRIGGERS = {trigger.value for trigger in Trigger}
UNSET: Any = object()


@dataclass(frozen=True)
class WebhookInput:
    """A create (every field given) or a PATCH (UNSET = leave as it is)."""

    subscriber_url: Any = UNSET
    triggers: Any = UNSET
    active: Any = UNSET
    payload_template: Any = UNSET
    secret: Any = UNSET


@dataclass(frozen=True)
class Scope:
    owner: User
    event_type_id: int | None = None  # None: the owner's own webhooks


def create_webhook(
    session: Session, settings: Settings, scope: Scope, data: WebhookInput, *, now: datetime
) -> Webhook:
    _scoped(session, scope)  # 404 for an event type the caller does not own
    missing = [
        {"field": name, "message": "is required"}
        for name, value in (
            ("subscriberUrl", data.subscriber_url),
            ("triggers", data.triggers),
            ("active", data.active),
        )
        if value is UNSET or value is None
    ]
    if missing:
        raise Invalid.fields(missing)
    webhook = Webhook(
        user_id=scope.owner.id,
        event_type_id=scope.event_type_id,
        subscriber_url="",
        triggers=[],
        active=True,
        created_at=now,
        updated_at=now,
    )
    _apply(settings, webhook, data)
    return repository.add(session, webhook)


def update_webhook(
    session: Session,
    settings: Settings,
    scope: Scope,
    webhook_id: int,
    data: WebhookInput,
    *,
    now: datetime,
) -> Webhook:
    webhook = get_webhook(session, scope, webhook_id)
    for name, value in (
        ("subscriberUrl", data.subscriber_url),
        ("triggers", data.triggers),
        ("active", data.active),
    ):
        if value is None:
            raise Invalid.field(name, "cannot be null")
    _apply(settings, webhook, data)
    webhook.updated_at = now
    session.flush()
    return webhook


def get_webhook(session: ReadSession, scope: Scope, webhook_id: int) -> Webhook:
    webhook = repository.find(session, _scoped(session, scope), webhook_id)
    if webhook is None:
        raise NotFound(f"Webhook with id={webhook_id} not found")
    return webhook


def list_webhooks(session: ReadSession, scope: Scope, *, take: int, skip: int) -> list[Webhook]:
    return repository.page(session, _scoped(session, scope), take=take, skip=skip)


def all_webhooks(session: ReadSession, owner: User) -> list[Webhook]:
    """Every webhook of the owner, their own and their event types' (v1's list)."""
    return repository.every(session, repository.owned_by_user(owner.id))


def delete_webhook(session: Session, scope: Scope, webhook_id: int) -> Webhook:
    webhook = get_webhook(session, scope, webhook_id)
    repository.remove(session, webhook)
    return webhook


def delete_all_webhooks(session: Session, scope: Scope) -> int:
    return repository.remove_all(session, _scoped(session, scope))


# --- deliveries ----------------------------------------------------------------------------


def deliveries(
    session: ReadSession, owner: User, webhook_id: int, *, take: int, skip: int
) -> tuple[list[OutboxMessage], int]:
    """The webhook's delivery log, newest first (any scope the caller owns)."""
    owned_webhook(session, owner, webhook_id)
    log = outbox_rows.of_topic(_topic(webhook_id))
    rows = outbox_rows.newest_first(session, log, take=take, skip=skip)
    return rows, outbox_rows.count(session, log)


def redeliver(
    session: Session, owner: User, webhook_id: int, delivery_id: int, *, now: datetime
) -> OutboxMessage:
    """Send an event again, now: a new delivery of the same event, under the same
    ``webhook-id``, so a receiver that already has it can tell."""
    owned_webhook(session, owner, webhook_id)
    original = outbox_rows.find(session, outbox_rows.of_topic(_topic(webhook_id)), delivery_id)
    if original is None:
        raise NotFound(f"Delivery with id={delivery_id} not found for webhook {webhook_id}")
    return outbox.enqueue(
        session,
        WEBHOOK_KIND,
        dict(original.payload),
        now=now,
        booking_id=original.booking_id,
        ordering_key=original.ordering_key,
        topic=original.topic,
    )


def ping(settings: Settings, webhook: Webhook, *, now: datetime) -> dict[str, Any]:
    """POST a sample BOOKING_CREATED-shaped body, signed like a real delivery, and report
    what the receiver answered. Runs outside any transaction (the caller's lookup is done)."""
    try:
        target = check_subscriber_url(
            webhook.subscriber_url, allow_private=settings.webhook_allow_private_networks
        )
    except UnsafeUrl as exc:
        raise Invalid.field("subscriberUrl", str(exc)) from exc
    body = payloads.envelope(
        "PING",
        now,
        {
            "type": "ping",
            "title": "Test webhook from slotwise",
            "startTime": format_instant(now),
            "endTime": format_instant(now),
            "webhookId": webhook.id,
        },
    )
    data, content_type = payloads.render(body, webhook.payload_template)
    secret = (
        secrets.decrypt(settings, webhook.secret_encrypted) if webhook.secret_encrypted else None
    )
    import httpx  # only a ping sends: `serve` starts without it

    with httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False) as client:
        response, result = post(
            client,
            target,
            data,
            content_type,
            secret=secret,
            event_id=f"msg_{uuid.uuid4().hex}",
            attempt=1,
            deadline_seconds=settings.webhook_timeout_seconds,
        )
    return {
        "ok": response is not None and 200 <= response.status_code < 300,
        **result,
    }


# --- helpers -------------------------------------------------------------------------------


def _scoped(session: ReadSession, scope: Scope) -> Select[Webhook]:
    """The webhooks ``scope`` names; 404 unless the caller owns the event type named."""
    if scope.event_type_id is None:
        return repository.of_user_scope(scope.owner.id)
    event_types.get_event_type(session, scope.owner, scope.event_type_id)
    return repository.of_event_type_owned_by(scope.owner, scope.event_type_id)


def _topic(webhook_id: int) -> str:
    return f"webhook:{webhook_id}"


def owned_webhook(session: ReadSession, owner: User, webhook_id: int) -> Webhook:
    webhook = repository.find(session, repository.owned_by_user(owner.id), webhook_id)
    if webhook is None:
        raise NotFound(f"Webhook with id={webhook_id} not found")
    return webhook


def _apply(settings: Settings, webhook: Webhook, data: WebhookInput) -> None:
    """Sets each field the input carries; every bad one is named in one 400, and then
    nothing the request changed is kept (the caller's transaction rolls back)."""
    problems: list[dict[str, str]] = []

    def check(field: str, problem: str | None) -> bool:
        if problem is not None:
            problems.append({"field": field, "message": problem})
        return problem is None

    if data.subscriber_url is not UNSET and check(
        "subscriberUrl", _subscriber_url_problem(settings, data.subscriber_url)
    ):
        webhook.subscriber_url = data.subscriber_url
    if data.triggers is not UNSET and check("triggers", _triggers_problem(data.triggers)):
        webhook.triggers = list(dict.fromkeys(data.triggers))
    if data.active is not UNSET:
        webhook.active = bool(data.active)
    template = data.payload_template
    if template is not UNSET and check("payloadTemplate", _template_problem(template)):
        webhook.payload_template = template or None
    secret = data.secret
    if secret is not UNSET and check("secret", _secret_problem(secret)):
        webhook.secret_encrypted = secrets.encrypt(settings, secret) if secret else None
    if problems:
        raise Invalid.fields(problems)


def _subscriber_url_problem(settings: Settings, url: object) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return "must be a URL"
    if len(url) > SUBSCRIBER_URL_MAX_LENGTH:
        return f"must be at most {SUBSCRIBER_URL_MAX_LENGTH} characters"
    try:
        check_subscriber_url(url, allow_private=settings.webhook_allow_private_networks)
    except UnsafeUrl as exc:
        return str(exc)
    return None


def _template_problem(template: str | None) -> str | None:
    if template is not None and len(template) > TEMPLATE_MAX_LENGTH:
        return f"must be at most {TEMPLATE_MAX_LENGTH} characters"
    return None


def _secret_problem(secret: str | None) -> str | None:
    if secret is not None and not 1 <= len(secret) <= SECRET_MAX_LENGTH:
        return f"must be 1 to {SECRET_MAX_LENGTH} characters"
    return None


def _triggers_problem(triggers: object) -> str | None:
    if not isinstance(triggers, list) or not triggers:
        return "must be a non-empty list of triggers"
    unknown = [t for t in triggers if not isinstance(t, str) or t not in _TRIGGERS]
    if unknown:
        return f"unknown trigger(s) {unknown!r}; known: " + ", ".join(sorted(_TRIGGERS))
    return None
