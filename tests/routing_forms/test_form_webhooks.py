"""FORM_SUBMITTED and FORM_SUBMITTED_NO_EVENT: the outbox rows a response writes for the
form owner's webhooks, and a NO_EVENT row cancelled once the response leads to a booking."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from tests.conftest import Accounts
from tests.routing_forms.helpers import make_form
from tests.slots.helpers import NOW, data, make_event_type, make_schedule


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allow_private_networks": True})


def _rows(app: FastAPI) -> list[tuple[str, str, object, str]]:
    with transaction(app.state.session_factory) as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "webhook").order_by(OutboxMessage.id)
        )
        return [
            (r.payload["trigger"], r.state, r.due_at - NOW, r.payload["body"]["payload"]["formId"])
            for r in rows
        ]


def test_form_webhooks(app: FastAPI, client: TestClient, accounts: Accounts) -> None:
    alice = accounts.create(username="alice")
    make_schedule(client, alice, "UTC")
    event_type_id = make_event_type(client, alice, "demo", minimumBookingNotice=0)
    hook = {
        "subscriberUrl": "http://127.0.0.1:9/hook",
        "triggers": ["FORM_SUBMITTED", "FORM_SUBMITTED_NO_EVENT"],
        "active": True,
    }
    data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    action = {"type": "eventTypeRedirectUrl", "eventTypeId": event_type_id}
    routes = [{"isFallback": True, "action": action}]
    form = make_form(client, alice, routes=routes)
    path = f"/v2/routing-forms/{form['id']}/responses"
    first = data(client.post(path, json={"country": "de", "size": 80}), 201)
    data(client.post(path, json={"country": "fr"}), 201)
    with transaction(app.state.session_factory) as session:
        body = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).first()
        assert body is not None
        payload = body.payload["body"]
    assert payload["triggerEvent"] == "FORM_SUBMITTED"
    assert payload["payload"]["formName"] == "Inbound"
    assert payload["payload"]["responses"]["Country"] == {"value": "de", "response": "Germany"}
    assert payload["payload"]["Company size"] == 80
    fifteen = timedelta(minutes=15)
    assert _rows(app) == [
        ("FORM_SUBMITTED", "pending", timedelta(0), form["id"]),
        ("FORM_SUBMITTED_NO_EVENT", "pending", fifteen, form["id"]),
        ("FORM_SUBMITTED", "pending", timedelta(0), form["id"]),
        ("FORM_SUBMITTED_NO_EVENT", "pending", fifteen, form["id"]),
    ]
    booking = {
        "start": "2030-03-26T10:00:00Z", "eventTypeId": event_type_id,
        "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"},
        "metadata": {"routingFormResponseId": str(first["routing"]["responseId"])},
    }  # fmt: skip
    data(client.post("/v2/bookings", headers={"cal-api-version": "2024-08-13"}, json=booking), 201)
    states = [(trigger, state) for trigger, state, _, _ in _rows(app)]
    assert states[:4] == [
        ("FORM_SUBMITTED", "pending"),
        ("FORM_SUBMITTED_NO_EVENT", "cancelled"),  # the first response was booked
        ("FORM_SUBMITTED", "pending"),
        ("FORM_SUBMITTED_NO_EVENT", "pending"),
    ]
