"""FORM_SUBMITTED and FORM_SUBMITTED_NO_EVENT: a subscriber to the routing forms' events.

- ``FormSubmitted`` of a person's form: one outbox row per active webhook of the person
  (user scope) subscribing to FORM_SUBMITTED, due now; for FORM_SUBMITTED_NO_EVENT, one
  due ``NO_EVENT_DELAY`` later (Cal.com: a submission that did not lead to a booking).
- ``FormResponseBooked``: the response led to a booking after all; its NO_EVENT rows not
  yet due are cancelled (topic ``form-response:<id>``), so they never fire.

Body (spec/api.md §10): ``{formId, formName, teamId, responses: {<label>: {value,
response}}}`` with each label's value flattened beside them, as Cal.com sends it.
A team's or an organization's form has no webhooks of its own to fire yet (slotwise has no
team-scoped webhooks).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from slotwise.events import EventBus
from slotwise.outbox import service as outbox
from slotwise.routing_forms.events import FormResponseBooked, FormSubmitted
from slotwise.webhooks import payloads, repository
from slotwise.webhooks.triggers import Trigger

WEBHOOK_KIND = "webhook"
NO_EVENT_DELAY = timedelta(minutes=15)


def subscribe(bus: EventBus) -> None:
    bus.subscribe(FormSubmitted, on_form_submitted)
    bus.subscribe(FormResponseBooked, on_form_response_booked)


def no_event_topic(response_id: int) -> str:
    return f"form-response:{response_id}"


def on_form_submitted(session: Session, event: FormSubmitted) -> None:
    if event.user_id is None:
        return
    webhooks = repository.active_subscribers(session, user_id=event.user_id, event_type_id=None)
    for trigger, due_at, topic in (
        (Trigger.FORM_SUBMITTED, event.at, None),
        (
            Trigger.FORM_SUBMITTED_NO_EVENT,
            event.at + NO_EVENT_DELAY,
            no_event_topic(event.response_id),
        ),
    ):
        wanting = [w for w in webhooks if trigger.value in w.triggers]
        if not wanting:
            continue
        body = payloads.envelope(trigger.value, event.at, form_payload(event))
        for webhook in wanting:
            outbox.enqueue(
                session,
                WEBHOOK_KIND,
                {
                    "webhookId": webhook.id,
                    "eventId": f"msg_{uuid.uuid4().hex}",
                    "trigger": trigger.value,
                    "body": body,
                },
                now=event.at,
                due_at=due_at,
                ordering_key=f"webhook:{webhook.id}:form:{event.response_id}",
                topic=topic or f"webhook:{webhook.id}",
            )


def on_form_response_booked(session: Session, event: FormResponseBooked) -> None:
    outbox.cancel_future_of_topic(
        session, no_event_topic(event.response_id), now=event.at,
        reason="the routing form's response led to a booking",
    )  # fmt: skip


def form_payload(event: FormSubmitted) -> dict[str, Any]:
    flattened = {label: answer["value"] for label, answer in event.responses.items()}
    return {
        **flattened,
        "formId": event.form_id,
        "formName": event.form_name,
        "teamId": event.team_id,
        "responses": {label: dict(answer) for label, answer in event.responses.items()},
    }
