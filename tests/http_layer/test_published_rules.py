"""The OpenAPI states the rules the server applies to input (http/openapi.py), so a request
the document admits is not refused: the ``cal-api-version`` each route takes, no NUL in any
text or key, IANA time zones, and the webhook inputs' required fields. Each assertion is
checked against the server's answer too, where the server's side is not tested elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from slotwise.core.text import NO_NUL_PATTERN
from tests.conftest import Account


@pytest.fixture
def backend() -> str:
    """SQLite only: the document does not depend on the database."""
    return "sqlite"


def header(operation: dict[str, Any]) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        p for p in operation["parameters"] if p["name"] == "cal-api-version"
    ]
    [parameter] = found
    return parameter


def test_routes_publish_the_versions_they_serve(client: TestClient, alice: Account) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    reschedule = header(paths["/v2/bookings/{bookingUid}/reschedule"]["post"])
    assert reschedule["required"] is True
    assert reschedule["schema"]["enum"] == ["2024-08-13"]
    # Without the header the route refuses, as the document now says it must.
    body = {"start": "2050-01-01T00:00:00Z"}
    answer = client.post("/v2/bookings/nope/reschedule", json=body, headers=alice.headers)
    assert answer.status_code == 400
    assert answer.json()["error"]["details"][0]["field"] == "cal-api-version"
    legacy = header(paths["/v2/bookings/{bookingUid}/mark-no-show"]["post"])
    assert legacy["required"] is False
    assert legacy["schema"]["not"] == {"enum": ["2024-08-13", "2024-09-04"]}
    # Routes that declare the header themselves keep their own words.
    assert "description" in header(paths["/v2/schedules"]["post"])


def test_every_plain_string_and_key_refuses_nul(client: TestClient, alice: Account) -> None:
    document = client.get("/openapi.json").json()
    pending: list[Any] = [document["paths"], document["components"]]
    strings = 0
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            if node.get("type") == "string" and not {"format", "enum", "const"} & node.keys():
                assert "pattern" in node, node
                strings += 1
            if node.get("type") == "object" and node.get("additionalProperties") is not False:
                assert node["propertyNames"] == {"pattern": NO_NUL_PATTERN}, node
            pending.extend(v for k, v in node.items() if k not in ("examples", "default"))
    assert strings > 100
    refused = client.patch("/v2/me", json={"name": "a\u0000b"}, headers=alice.headers)
    assert refused.status_code == 400


def test_time_zones_are_the_iana_names(client: TestClient, alice: Account) -> None:
    document = client.get("/openapi.json").json()
    zones = document["components"]["schemas"]["TimeZone"]["enum"]
    assert "Europe/London" in zones
    assert "localtime" not in zones
    assert "Factory" not in zones
    me = document["components"]["schemas"]["UpdateMeInput"]["properties"]["timeZone"]
    refs = [branch.get("$ref") for branch in me.get("anyOf", [me])]
    assert "#/components/schemas/TimeZone" in refs
    refused = client.patch("/v2/me", json={"timeZone": "localtime"}, headers=alice.headers)
    assert refused.status_code == 400


def test_webhook_inputs_publish_what_the_service_requires(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    create = schemas["CreateWebhookInput"]
    assert create["required"] == ["subscriberUrl", "triggers", "active"]
    assert create["properties"]["triggers"]["minItems"] == 1
    assert "BOOKING_CREATED" in create["properties"]["triggers"]["items"]["enum"]
    assert "required" not in schemas["UpdateWebhookInput"]
    assert schemas["CreateWebhookV1Input"]["required"] == ["subscriberUrl", "eventTriggers"]
