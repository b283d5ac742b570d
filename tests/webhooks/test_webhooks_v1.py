"""/v1/webhooks: Cal.com's v1 shapes (``?apiKey=``, ``{"webhook"}``, ``eventTriggers``,
``{"message"}`` errors, unknown fields refused) over the same rules as v2."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.webhooks.models import Webhook
from tests.conftest import Account, Accounts
from tests.webhooks.receiver import Receiver


def count(app: FastAPI) -> int:
    with app.state.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(Webhook)) or 0)


def create(client: TestClient, account: Account, **fields: Any) -> Any:
    body = {"subscriberUrl": "http://127.0.0.1:9/hook", "eventTriggers": ["BOOKING_CREATED"]}
    return client.post("/v1/webhooks", params=account.v1, json={**body, **fields})


def test_create_list_get_update_delete(
    client: TestClient, alice: Account, intro: int, receiver: Receiver
) -> None:
    created = create(client, alice, secret="s")
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["message"] == "Webhook created successfully"
    webhook = body["webhook"]
    assert webhook["userId"] == alice.id
    assert webhook["eventTypeId"] is None
    assert webhook["eventTriggers"] == ["BOOKING_CREATED"]
    assert webhook["active"] is True
    assert "secret" not in webhook
    for_event = create(client, alice, eventTypeId=intro).json()["webhook"]
    assert for_event["eventTypeId"] == intro

    listed = client.get("/v1/webhooks", params=alice.v1).json()["webhooks"]
    assert [w["id"] for w in listed] == [webhook["id"], for_event["id"]]
    # The event type's webhook is the same row v2 shows under the event type.
    v2 = client.get(f"/v2/event-types/{intro}/webhooks", headers=alice.headers).json()["data"]
    assert [w["id"] for w in v2] == [for_event["id"]]

    one = client.get(f"/v1/webhooks/{for_event['id']}", params=alice.v1).json()["webhook"]
    assert one["id"] == for_event["id"]
    patched = client.patch(
        f"/v1/webhooks/{for_event['id']}",
        params=alice.v1,
        json={"active": False, "eventTriggers": ["BOOKING_CANCELLED"]},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["webhook"]["active"] is False
    assert patched.json()["webhook"]["eventTriggers"] == ["BOOKING_CANCELLED"]
    deleted = client.delete(f"/v1/webhooks/{webhook['id']}", params=alice.v1)
    assert deleted.json() == {"message": f"Webhook with id: {webhook['id']} deleted successfully"}
    assert client.get(f"/v1/webhooks/{webhook['id']}", params=alice.v1).status_code == 404


def test_bad_input_is_a_400_message_and_saves_nothing(
    app: FastAPI, client: TestClient, alice: Account
) -> None:
    for fields in (
        {"eventTriggers": ["NOPE"]},
        {"eventTriggers": []},
        {"subscriberUrl": "ftp://x/y"},
        {"colour": "red"},  # v1 refuses unknown fields
    ):
        response = create(client, alice, **fields)
        assert response.status_code == 400, fields
        assert set(response.json()) == {"message"}
    assert count(app) == 0


def test_someone_elses_webhook_is_a_404(
    client: TestClient, alice: Account, accounts: Accounts
) -> None:
    webhook = create(client, alice).json()["webhook"]
    bob = accounts.create(username="bob")
    assert client.get(f"/v1/webhooks/{webhook['id']}", params=bob.v1).status_code == 404
    assert client.delete(f"/v1/webhooks/{webhook['id']}", params=bob.v1).status_code == 404
    assert client.get("/v1/webhooks", params=bob.v1).json() == {"webhooks": []}
