"""Which ``cal-api-version`` each slots path serves (spec/legacy.md §0, §6): /v2/slots and
/v2/slots/reservations serve 2024-09-04; the legacy paths serve 2024-04-15 (also no or an
unknown header), 2024-06-11, 2024-06-14 and 2024-08-13. A known version a path does not serve
is a 400 that names the versions it does."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.slots.helpers import data, error, make_event_type, make_schedule

LEGACY_VERSIONS = ["2024-04-15", "2024-06-11", "2024-06-14", "2024-08-13"]
DAY = {"start": "2030-03-26", "end": "2030-03-26"}
LEGACY_DAY = {"startTime": "2030-03-26", "endTime": "2030-03-26"}


@pytest.fixture
def event(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "UTC")
    return make_event_type(client, alice)


def version(value: str | None) -> dict[str, str]:
    return {} if value is None else {"cal-api-version": value}


def current_requests(event: int) -> list[tuple[str, str, dict[str, Any]]]:
    body = {"eventTypeId": event, "slotStart": "2030-03-26T09:00:00Z"}
    return [
        ("GET", "/v2/slots", {"params": {"eventTypeId": event, **DAY}}),
        ("POST", "/v2/slots/reservations", {"json": body}),
        ("GET", "/v2/slots/reservations/some-uid", {}),
        ("PATCH", "/v2/slots/reservations/some-uid", {"json": body}),
        ("DELETE", "/v2/slots/reservations/some-uid", {}),
    ]


def legacy_requests(event: int) -> list[tuple[str, str, dict[str, Any]]]:
    body = {
        "eventTypeId": event,
        "slotUtcStartDate": "2030-03-26T09:00:00Z",
        "slotUtcEndDate": "2030-03-26T09:30:00Z",
    }
    return [
        ("GET", "/v2/slots/available", {"params": {"eventTypeId": event, **LEGACY_DAY}}),
        ("POST", "/v2/slots/reserve", {"json": body}),
        ("DELETE", "/v2/slots/selected-slot", {"params": {"uid": "x"}}),
    ]


@pytest.mark.parametrize("sent", [None, "2024-04-15", "2024-06-14", "2024-08-13", "2099-01-01"])
def test_the_2024_09_04_paths_refuse_other_versions(
    client: TestClient, event: int, sent: str | None
) -> None:
    for method, path, options in current_requests(event):
        response = client.request(method, path, headers=version(sent), **options)
        found = error(response, 400)
        assert "2024-09-04" in found["message"], (method, path)
        assert "/v2/slots/available" in found["message"]
        assert found["details"][0]["field"] == "cal-api-version"


def test_the_legacy_paths_refuse_2024_09_04(client: TestClient, event: int) -> None:
    for method, path, options in legacy_requests(event):
        response = client.request(method, path, headers=version("2024-09-04"), **options)
        found = error(response, 400)
        assert "2024-04-15, 2024-06-11, 2024-06-14, 2024-08-13" in found["message"]
        assert "with 2024-09-04 use /v2/slots" in found["message"]


@pytest.mark.parametrize("sent", [None, "garbage", *LEGACY_VERSIONS])
def test_the_legacy_paths_serve_the_legacy_versions(
    client: TestClient, event: int, sent: str | None
) -> None:
    statuses = [
        client.request(method, path, headers=version(sent), **options).status_code
        for method, path, options in legacy_requests(event)
    ]
    assert statuses == [200, 201, 200]


def test_2024_09_04_is_served_on_its_paths(client: TestClient, event: int) -> None:
    assert data(
        client.get("/v2/slots", params={"eventTypeId": event, **DAY}, headers=version("2024-09-04"))
    )


def test_the_openapi_document_names_the_version_header(app: FastAPI) -> None:
    operations = app.openapi()["paths"]
    for path, method, required in [
        ("/v2/slots", "get", True),
        ("/v2/slots/reservations", "post", True),
        ("/v2/slots/reservations/{uid}", "patch", True),
        ("/v2/slots/available", "get", False),
        ("/v2/slots/reserve", "post", False),
        ("/v2/slots/selected-slot", "delete", False),
    ]:
        headers = [p for p in operations[path][method]["parameters"] if p["in"] == "header"]
        assert [(p["name"], p["required"]) for p in headers] == [("cal-api-version", required)]
