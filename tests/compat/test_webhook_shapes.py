"""Webhook answers as Cal.com gives them: string ids (spec/api.md §1.4) and a sentence for
deleting every webhook of an event type."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule

HOOK = {"subscriberUrl": "http://127.0.0.1:9/hook", "triggers": ["BOOKING_CREATED"], "active": True}


def test_webhook_ids_are_strings_that_address_the_webhook(
    client: TestClient, alice: Account
) -> None:
    created = data(client.post("/v2/webhooks", headers=alice.headers, json=HOOK), 201)
    assert isinstance(created["id"], str)
    assert (
        data(client.get(f"/v2/webhooks/{created['id']}", headers=alice.headers))["id"]
        == (created["id"])
    )
    listed = client.get("/v1/webhooks", params=alice.v1).json()["webhooks"]
    assert [w["id"] for w in listed] == [created["id"]]


def test_deleting_an_event_types_webhooks_answers_a_sentence(
    client: TestClient, alice: Account
) -> None:
    make_schedule(client, alice, "Europe/London")
    event = make_event_type(client, alice)
    path = f"/v2/event-types/{event}/webhooks"
    for _ in range(3):
        data(client.post(path, headers=alice.headers, json=HOOK), 201)
    assert data(client.delete(path, headers=alice.headers)) == "3 webhooks deleted"
    assert data(client.delete(path, headers=alice.headers)) == "0 webhooks deleted"
