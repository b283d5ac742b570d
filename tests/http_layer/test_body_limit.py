"""Request bodies over SLOTWISE_MAX_REQUEST_BODY_BYTES are a 413 in the face's error shape,
and nothing is written: refused unread when Content-Length says so, and as soon as the limit
is passed when the body comes chunked (the server answers before the client has finished)."""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from slotwise.config import Settings
from tests.cli.live import live_server_fixture  # noqa: F401 (the live_server fixture)
from tests.conftest import Account

LIMIT = 4096
EVENT_TYPES = {"cal-api-version": "2024-06-14"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_request_body_bytes": LIMIT})


def event_type_body(size: int) -> bytes:
    """A valid event type, padded with an unknown field (v2 drops it) to exactly ``size``."""
    body: dict[str, Any] = {"lengthInMinutes": 30, "title": "Intro", "slug": "intro", "pad": ""}
    padding = size - len(json.dumps(body).encode())
    body["pad"] = "x" * padding
    raw = json.dumps(body).encode()
    assert len(raw) == size
    return raw


def post_event_type(client: TestClient, account: Account, raw: bytes) -> Any:
    headers = {**account.headers, **EVENT_TYPES, "content-type": "application/json"}
    return client.post("/v2/event-types", headers=headers, content=raw)


def event_type_count(client: TestClient, account: Account) -> int:
    response = client.get("/v2/event-types", headers={**account.headers, **EVENT_TYPES})
    return len(response.json()["data"])


def test_a_body_over_the_limit_is_a_413_and_writes_nothing(
    client: TestClient, alice: Account
) -> None:
    response = post_event_type(client, alice, event_type_body(LIMIT + 1))
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "PayloadTooLargeException"
    assert str(LIMIT) in error["message"]
    assert response.json()["path"] == "/v2/event-types"
    assert event_type_count(client, alice) == 0


def test_a_body_at_the_limit_is_served(client: TestClient, alice: Account) -> None:
    assert post_event_type(client, alice, event_type_body(LIMIT)).status_code == 201
    assert event_type_count(client, alice) == 1


def test_a_chunked_body_over_the_limit_is_refused_too(client: TestClient, alice: Account) -> None:
    raw = event_type_body(3 * LIMIT)
    pieces = (raw[offset : offset + 1000] for offset in range(0, len(raw), 1000))
    headers = {**alice.headers, **EVENT_TYPES, "content-type": "application/json"}
    response = client.post("/v2/event-types", headers=headers, content=pieces)
    assert response.status_code == 413
    assert event_type_count(client, alice) == 0


def test_v1_answers_its_own_shape(client: TestClient, alice: Account) -> None:
    response = client.post(
        "/v1/webhooks", params=alice.v1, content=b"{" + b" " * LIMIT + b"}", headers={}
    )
    assert response.status_code == 413
    assert set(response.json()) == {"message"}


def test_the_server_answers_before_the_body_ends(live_server: str, alice: Account) -> None:
    """Chunks just past the limit, and no final chunk: a server that read the body whole
    would wait for the rest; this one answers 413 and closes the connection."""
    address = urlsplit(live_server)
    head = (
        "POST /v2/event-types HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: {alice.headers['Authorization']}\r\n"
        "cal-api-version: 2024-06-14\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 1024
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall(head.encode())
        for _ in range(LIMIT // len(chunk) + 1):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        answer = sock.makefile("rb")
        assert answer.readline().startswith(b"HTTP/1.1 413")
        headers = []
        while (line := answer.readline()) not in (b"\r\n", b""):
            headers.append(line.lower())
        assert b"connection: close\r\n" in headers
