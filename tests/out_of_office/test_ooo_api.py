"""/v2/me/ooo: Cal.com's shapes, the rules (no overlap, a real colleague), who may see
what, and the OOO_CREATED webhook."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error

PATH = "/v2/me/ooo"
KEYS = {"id", "uuid", "userId", "start", "end", "notes", "toUserId", "reason"}


def create(client: TestClient, account: Account, **body: Any) -> Any:
    return client.post(PATH, headers=account.headers, json=body)


class TestEntries:
    def test_create_list_get_update_delete(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        entry = data(
            create(
                client, alice, start="2030-04-01T00:00:00.000Z", end="2030-04-05T23:59:59.999Z",
                reason="vacation", notes="Alps", toUserId=bob.id,
            ),
            201,
        )  # fmt: skip
        assert set(entry) == KEYS
        assert entry["userId"] == alice.id
        assert (entry["start"], entry["end"]) == (
            "2030-04-01T00:00:00.000Z",
            "2030-04-05T23:59:59.999Z",
        )
        assert (entry["reason"], entry["notes"], entry["toUserId"]) == ("vacation", "Alps", bob.id)

        second = data(create(client, alice, start="2030-05-01", end="2030-05-01"), 201)
        assert second["reason"] == "unspecified"
        listed = data(client.get(PATH, headers=alice.headers, params={"sortStart": "desc"}))
        assert [e["id"] for e in listed] == [second["id"], entry["id"]]
        page = {"take": 1, "skip": 1, "sortStart": "desc"}
        paged = data(client.get(PATH, headers=alice.headers, params=page))
        assert [e["id"] for e in paged] == [listed[1]["id"]]

        one = f"{PATH}/{entry['id']}"
        assert data(client.get(one, headers=alice.headers)) == entry
        changed = data(
            client.patch(one, headers=alice.headers, json={"end": "2030-04-02", "toUserId": None})
        )
        assert (changed["end"], changed["toUserId"]) == ("2030-04-02T23:59:59.999Z", None)
        assert changed["notes"] == "Alps"  # left as it was

        assert data(client.delete(one, headers=alice.headers))["id"] == entry["id"]
        error(client.get(one, headers=alice.headers), 404)

    def test_overlapping_entries_are_400(self, client: TestClient, alice: Account) -> None:
        first = data(create(client, alice, start="2030-04-01", end="2030-04-05"), 201)
        for start, end in (("2030-04-05", "2030-04-08"), ("2030-03-28", "2030-04-01"),
                           ("2030-04-02", "2030-04-03"), ("2030-03-01", "2030-05-01")):  # fmt: skip
            refused = error(create(client, alice, start=start, end=end), 400)
            assert f"overlaps your out-of-office entry {first['id']}" in refused["message"]
        data(create(client, alice, start="2030-04-06", end="2030-04-06"), 201)  # touching: fine
        second = data(create(client, alice, start="2030-04-10", end="2030-04-12"), 201)
        moved = client.patch(
            f"{PATH}/{second['id']}", headers=alice.headers, json={"start": "2030-04-04"}
        )
        error(moved, 400)
        shown = data(client.get(f"{PATH}/{second['id']}", headers=alice.headers))
        assert shown["start"] == "2030-04-10T00:00:00.000Z"  # unchanged

    def test_bad_input_is_400_and_writes_nothing(self, client: TestClient, alice: Account) -> None:
        for body in (
            {"start": "2030-04-05", "end": "2030-04-01"},
            {"start": "2030-04-01", "end": "2030-04-02", "reason": "bored"},
            {"start": "2030-04-01", "end": "2030-04-02", "toUserId": alice.id},
            {"start": "2030-04-01", "end": "2030-04-02", "toUserId": 999_999},
            {"start": "April", "end": "2030-04-02"},
            {"start": "2030-02-30", "end": "2030-04-02"},
            {"end": "2030-04-02"},
        ):
            assert create(client, alice, **body).status_code == 400, body
        assert data(client.get(PATH, headers=alice.headers)) == []

    def test_another_persons_entry_is_404(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        entry = data(create(client, alice, start="2030-04-01", end="2030-04-02"), 201)
        bob = accounts.create(username="bob")
        one = f"{PATH}/{entry['id']}"
        error(client.get(one, headers=bob.headers), 404)
        error(client.patch(one, headers=bob.headers, json={"notes": "x"}), 404)
        error(client.delete(one, headers=bob.headers), 404)
        assert data(client.get(PATH, headers=bob.headers)) == []
        error(client.get(PATH), 401)
        assert data(client.get(one, headers=alice.headers))["notes"] is None


class TestWebhook:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        """Webhooks to 127.0.0.1 may be saved (no worker runs: nothing is sent)."""
        return settings.model_copy(update={"webhook_allow_private_networks": True})

    def test_ooo_created_is_sent_to_the_persons_webhooks(
        self, app: FastAPI, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        hook = {"subscriberUrl": "http://127.0.0.1:9/ooo", "active": True}
        wanting = data(
            client.post("/v2/webhooks", headers=alice.headers,
                        json={**hook, "triggers": ["OOO_CREATED"]}), 201,
        )  # fmt: skip
        other = data(
            client.post("/v2/webhooks", headers=alice.headers,
                        json={**hook, "triggers": ["BOOKING_CREATED"]}), 201,
        )  # fmt: skip
        bob = accounts.create(username="bob")
        data(create(client, alice, start="2030-04-01", end="2030-04-02", toUserId=bob.id), 201)

        sent = data(client.get(f"/v2/webhooks/{wanting['id']}/deliveries", headers=alice.headers))
        assert [d["triggerEvent"] for d in sent] == ["OOO_CREATED"]
        none = data(client.get(f"/v2/webhooks/{other['id']}/deliveries", headers=alice.headers))
        assert none == []

        with transaction(app.state.write_session_factory) as session:
            (row,) = session.scalars(select(OutboxMessage)).all()
            body = row.payload["body"]
        assert body["triggerEvent"] == "OOO_CREATED"
        entry = body["payload"]["oooEntry"]
        assert set(entry) == {
            "id", "uuid", "start", "end", "createdAt", "updatedAt", "notes", "reason",
            "reasonId", "user", "toUser",
        }  # fmt: skip
        assert (entry["start"], entry["end"]) == (
            "2030-04-01T00:00:00.000Z",
            "2030-04-02T23:59:59.999Z",
        )
        assert entry["reason"] == {"emoji": "🏝️", "reason": "unspecified"}
        assert entry["user"]["username"] == "alice"
        assert entry["toUser"]["id"] == bob.id
