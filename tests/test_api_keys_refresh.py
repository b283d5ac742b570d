"""POST /v2/api-keys/refresh: a new key replaces the one presented."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.api_keys.models import ApiKey
from slotwise.api_keys.service import hash_secret
from slotwise.clock import FrozenClock
from tests.conftest import Account


def key_row(app: FastAPI, secret: str) -> ApiKey | None:
    with app.state.session_factory() as session:
        return session.scalars(
            select(ApiKey).where(ApiKey.hashed_key == hash_secret(secret))
        ).one_or_none()


def refresh(client: TestClient, key: str, **body: object) -> str:
    """The new key the refresh answered with."""
    response = client.post(
        "/v2/api-keys/refresh", headers={"Authorization": f"Bearer {key}"}, json=body or None
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "success"
    return str(response.json()["data"]["apiKey"])


def test_the_new_key_works_and_the_old_one_stops(
    app: FastAPI, client: TestClient, alice: Account, clock: FrozenClock
) -> None:
    new_key = refresh(client, alice.api_key)
    assert new_key != alice.api_key
    assert client.get("/v2/me", headers={"Authorization": new_key}).json()["data"]["id"] == alice.id
    assert client.get("/v2/me", headers=alice.headers).status_code == 401
    row = key_row(app, new_key)
    assert row is not None
    assert row.expires_at == clock.now() + timedelta(days=30)  # Cal.com's default


def test_days_valid_and_never_expires(app: FastAPI, client: TestClient, alice: Account) -> None:
    seven = refresh(client, alice.api_key, apiKeyDaysValid=7)
    row = key_row(app, seven)
    assert row is not None
    assert row.expires_at == row.created_at + timedelta(days=7)
    forever = refresh(client, seven, apiKeyNeverExpires=True)
    row = key_row(app, forever)
    assert row is not None
    assert row.expires_at is None


@pytest.mark.parametrize(
    "body", [{"apiKeyDaysValid": 0}, {"apiKeyDaysValid": "30"}, {"apiKeyNeverExpires": "yes"},
             {"apiKeyDaysValid": 3651}],
)  # fmt: skip
def test_bad_input_is_a_400_and_the_old_key_keeps_working(
    app: FastAPI, client: TestClient, alice: Account, body: dict[str, object]
) -> None:
    response = client.post("/v2/api-keys/refresh", headers=alice.headers, json=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BadRequestException"
    assert client.get("/v2/me", headers=alice.headers).status_code == 200
    with app.state.session_factory() as session:
        assert len(session.scalars(select(ApiKey)).all()) == 1


def test_without_a_key_it_is_a_401(client: TestClient) -> None:
    response = client.post("/v2/api-keys/refresh")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UnauthorizedException"
