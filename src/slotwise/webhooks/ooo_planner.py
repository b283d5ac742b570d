"""OOO_CREATED: a subscriber to the out-of-office domain's ``OooCreated`` that writes one
outbox row per active webhook of the person (user scope) subscribing to it, with Cal.com's
body ``{"oooEntry": {...}}`` built now from the event's snapshot."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from slotwise.events import EventBus
from slotwise.http.envelope import format_instant
from slotwise.out_of_office.events import OooCreated, PersonSnapshot
from slotwise.outbox import service as outbox
from slotwise.webhooks import payloads, repository
from slotwise.webhooks.triggers import Trigger

WEBHOOK_KIND = "webhook"


def subscribe(bus: EventBus) -> None:
    bus.subscribe(OooCreated, on_ooo_created)


def on_ooo_created(session: Session, event: OooCreated) -> None:
    webhooks = repository.active_subscribers(session, user_id=event.user.id, event_type_id=None)
    wanting = [w for w in webhooks if Trigger.OOO_CREATED.value in w.triggers]
    if not wanting:
        return
    body = payloads.envelope(Trigger.OOO_CREATED.value, event.at, {"oooEntry": ooo_entry(event)})
    for webhook in wanting:
        outbox.enqueue(
            session,
            WEBHOOK_KIND,
            {
                "webhookId": webhook.id,
                "eventId": f"msg_{uuid.uuid4().hex}",
                "trigger": Trigger.OOO_CREATED.value,
                "body": body,
            },
            now=event.at,
            ordering_key=f"webhook:{webhook.id}:ooo:{event.uuid}",
            topic=f"webhook:{webhook.id}",
        )


def ooo_entry(event: OooCreated) -> dict[str, Any]:
    return {
        "id": event.id,
        "uuid": event.uuid,
        "start": f"{event.start_date.isoformat()}T00:00:00.000Z",
        "end": f"{event.end_date.isoformat()}T23:59:59.999Z",
        "createdAt": format_instant(event.created_at),
        "updatedAt": format_instant(event.updated_at),
        "notes": event.notes,
        "reason": {"emoji": event.emoji, "reason": event.reason},
        "reasonId": event.reason_id,
        "user": _person(event.user),
        "toUser": _person(event.to_user) if event.to_user else None,
    }


def _person(person: PersonSnapshot) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "username": person.username,
        "email": person.email,
        "timeZone": person.time_zone,
    }
