"""/v2/webhooks and /v2/event-types/{id}/webhooks: create, list, get, update, delete; the
secret is write-only; bad input is a 400 that saves nothing; other people's webhooks are 404;
subscriber URLs on private networks are refused unless the operator allows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.config import Settings
from slotwise.webhooks.models import Webhook
from tests.conftest import TEST_ARGON2, Account, Accounts
from tests.slots.helpers import data, error
from tests.webhooks.receiver import Receiver

BODY = {"subscriberUrl": "http://127.0.0.1:9/hook", "triggers": ["BOOKING_CREATED"], "active": True}


def create(client: TestClient, account: Account, path: str = "/v2/webhooks", **fields: Any) -> Any:
    return client.post(path, headers=account.headers, json={**BODY, **fields})


def count(app: FastAPI) -> int:
    with app.state.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(Webhook)) or 0)


class TestUserWebhooks:
    def test_create_answers_the_secret_once_then_never(
        self, client: TestClient, alice: Account
    ) -> None:
        created = data(
            create(client, alice, secret="s3cret", payloadTemplate='{"t":"{{title}}"}'), 201
        )
        assert created["subscriberUrl"] == BODY["subscriberUrl"]
        assert created["triggers"] == ["BOOKING_CREATED"]
        assert created["active"] is True
        assert created["userId"] == alice.id
        assert created["secret"] == "s3cret"
        assert created["payloadTemplate"] == '{"t":"{{title}}"}'
        fetched = data(client.get(f"/v2/webhooks/{created['id']}", headers=alice.headers))
        assert "secret" not in fetched
        listed = data(client.get("/v2/webhooks", headers=alice.headers))
        assert [w["id"] for w in listed] == [created["id"]]
        assert all("secret" not in w for w in listed)

    def test_the_secret_is_stored_encrypted(
        self, app: FastAPI, client: TestClient, alice: Account
    ) -> None:
        data(create(client, alice, secret="plain-secret-value"), 201)
        with app.state.session_factory() as session:
            stored = session.scalars(select(Webhook.secret_encrypted)).one()
        assert stored is not None
        assert "plain-secret-value" not in stored

    def test_patch_changes_only_what_it_names(self, client: TestClient, alice: Account) -> None:
        webhook = data(create(client, alice), 201)
        patched = client.patch(
            f"/v2/webhooks/{webhook['id']}",
            headers=alice.headers,
            json={"active": False, "triggers": ["BOOKING_CANCELLED", "MEETING_ENDED"]},
        )
        body = data(patched)
        assert body["active"] is False
        assert body["triggers"] == ["BOOKING_CANCELLED", "MEETING_ENDED"]
        assert body["subscriberUrl"] == BODY["subscriberUrl"]

    def test_delete_removes_it(self, client: TestClient, alice: Account) -> None:
        webhook = data(create(client, alice), 201)
        assert data(client.delete(f"/v2/webhooks/{webhook['id']}", headers=alice.headers))["id"]
        error(client.get(f"/v2/webhooks/{webhook['id']}", headers=alice.headers), 404)

    def test_someone_elses_webhook_is_a_404(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        webhook = data(create(client, alice), 201)
        bob = accounts.create(username="bob")
        error(client.get(f"/v2/webhooks/{webhook['id']}", headers=bob.headers), 404)
        error(
            client.patch(
                f"/v2/webhooks/{webhook['id']}", headers=bob.headers, json={"active": False}
            ),
            404,
        )
        error(client.delete(f"/v2/webhooks/{webhook['id']}", headers=bob.headers), 404)
        assert data(client.get("/v2/webhooks", headers=bob.headers)) == []

    def test_without_a_key_it_is_a_401(self, client: TestClient) -> None:
        assert client.post("/v2/webhooks", json=BODY).status_code == 401


class TestBadInput:
    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"subscriberUrl": "ftp://example.com/hook"}, "subscriberUrl"),
            ({"subscriberUrl": "not a url"}, "subscriberUrl"),
            ({"subscriberUrl": "http://[::1"}, "subscriberUrl"),
            ({"triggers": ["BOOKING_EXPLODED"]}, "triggers"),
            ({"triggers": []}, "triggers"),
            ({"triggers": None}, "triggers"),
            ({"active": None}, "active"),
            ({"secret": ""}, "secret"),
        ],
    )
    def test_is_a_400_naming_the_field_and_saves_nothing(
        self, app: FastAPI, client: TestClient, alice: Account, fields: dict[str, Any], field: str
    ) -> None:
        problem = error(create(client, alice, **fields), 400)
        assert field in problem["message"]
        assert count(app) == 0

    def test_a_missing_field_is_named(
        self, app: FastAPI, client: TestClient, alice: Account
    ) -> None:
        response = client.post(
            "/v2/webhooks", headers=alice.headers, json={"subscriberUrl": BODY["subscriberUrl"]}
        )
        message = error(response, 400)["message"]
        assert "triggers" in message
        assert "active" in message
        assert count(app) == 0

    def test_a_bad_patch_changes_nothing(self, client: TestClient, alice: Account) -> None:
        webhook = data(create(client, alice), 201)
        response = client.patch(
            f"/v2/webhooks/{webhook['id']}",
            headers=alice.headers,
            json={"active": False, "triggers": ["NOPE"]},
        )
        error(response, 400)
        again = data(client.get(f"/v2/webhooks/{webhook['id']}", headers=alice.headers))
        assert again["active"] is True
        assert again["triggers"] == ["BOOKING_CREATED"]


class TestPrivateNetworks:
    @pytest.fixture
    def settings(self, database_url: str, tmp_path: Path) -> Settings:
        return Settings(
            environment="test",
            data_dir=tmp_path / "data",
            database_url=database_url,
            embedded_worker=False,
            **TEST_ARGON2,  # type: ignore[arg-type]
        )

    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://10.0.0.5/hook",
            "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook",
            "http://0.0.0.0/hook",
            "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",  # NAT64 of 169.254.169.254
            "http://[2002:7f00:1::1]/hook",  # 6to4 of 127.0.0.1
            "http://[::10.0.0.5]/hook",  # IPv4-compatible
            "http://[::ffff:0:c0a8:10a]/hook",  # IPv4-translated 192.168.1.10
        ],
    )
    def test_are_refused_by_default(
        self, app: FastAPI, client: TestClient, alice: Account, url: str
    ) -> None:
        problem = error(create(client, alice, subscriberUrl=url), 400)
        assert "subscriberUrl" in problem["message"]
        assert count(app) == 0

    def test_a_public_address_is_accepted(self, client: TestClient, alice: Account) -> None:
        data(create(client, alice, subscriberUrl="https://93.184.215.14/hook"), 201)


class TestEventTypeWebhooks:
    def test_crud_under_the_event_type(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        path = f"/v2/event-types/{intro}/webhooks"
        created = data(create(client, alice, path), 201)
        assert created["eventTypeId"] == intro
        assert "userId" not in created
        assert [w["id"] for w in data(client.get(path, headers=alice.headers))] == [created["id"]]
        # It is the event type's, not one of the user's own.
        assert data(client.get("/v2/webhooks", headers=alice.headers)) == []
        error(client.get(f"/v2/webhooks/{created['id']}", headers=alice.headers), 404)
        one = data(client.get(f"{path}/{created['id']}", headers=alice.headers))
        assert one["id"] == created["id"]
        patched = client.patch(
            f"{path}/{created['id']}", headers=alice.headers, json={"active": False}
        )
        assert data(patched)["active"] is False
        data(create(client, alice, path), 201)
        assert data(client.delete(path, headers=alice.headers)) == "2 webhooks deleted"
        assert data(client.get(path, headers=alice.headers)) == []

    def test_someone_elses_event_type_is_a_404(
        self, client: TestClient, intro: int, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        error(create(client, bob, f"/v2/event-types/{intro}/webhooks"), 404)


def test_ping_reports_what_the_receiver_answered(
    client: TestClient, alice: Account, receiver: Receiver
) -> None:
    webhook = data(create(client, alice, subscriberUrl=receiver.url, secret="k"), 201)
    receiver.statuses.append(418)
    answer = data(client.post(f"/v2/webhooks/{webhook['id']}/ping", headers=alice.headers))
    assert answer["ok"] is False
    assert answer["responseCode"] == 418
    assert answer["latencyMs"] >= 0
    answer = data(client.post(f"/v2/webhooks/{webhook['id']}/ping", headers=alice.headers))
    assert answer["ok"] is True
    assert answer["responseCode"] == 200
    (first, _second) = receiver.received()
    assert first.json()["triggerEvent"] == "PING"
    assert first.headers["x-cal-signature-256"] != "no-secret-provided"
