"""Which ``cal-api-version`` gets which schedule shapes, and the 400 for a known version that
/v2/schedules does not serve (spec/legacy.md §6)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.schedules.helpers import (
    LEGACY_SCHEDULE_KEYS,
    SCHEDULE_KEYS,
    bad_request,
    create,
    create_body,
    get,
    headers,
    listed,
)

ROUTES = [
    ("POST", "/v2/schedules"),
    ("GET", "/v2/schedules"),
    ("GET", "/v2/schedules/default"),
    ("GET", "/v2/schedules/{id}"),
    ("PATCH", "/v2/schedules/{id}"),
    ("DELETE", "/v2/schedules/{id}"),
]


@pytest.mark.parametrize(
    ("version", "keys"),
    [
        ("2024-06-11", SCHEDULE_KEYS),
        ("2024-06-14", SCHEDULE_KEYS),
        ("2024-04-15", LEGACY_SCHEDULE_KEYS),
        (None, LEGACY_SCHEDULE_KEYS),
        ("", LEGACY_SCHEDULE_KEYS),
        ("2024-06-11 ", LEGACY_SCHEDULE_KEYS),  # not an exact match: legacy, as Cal.com does
        ("2026-02-25", LEGACY_SCHEDULE_KEYS),
    ],
)
def test_each_version_gets_its_shape(
    client: TestClient, alice: Account, version: str | None, keys: set[str]
) -> None:
    created = create(client, alice, version)
    assert set(created) == keys
    assert set(get(client, alice, created["id"], version)) == keys
    assert all(set(item) == keys for item in listed(client, alice, version))


@pytest.mark.parametrize("version", ["2024-08-13", "2024-09-04"])
@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_known_version_not_served_here_is_a_400_naming_the_served_ones(
    client: TestClient, alice: Account, version: str, method: str, path: str
) -> None:
    schedule = create(client, alice)
    path = path.format(id=schedule["id"])
    body = create_body(name="Changed") if method in ("POST", "PATCH") else None
    response = client.request(method, path, headers=headers(alice, version), json=body)
    error = bad_request(response, path)
    for served in ("2024-06-11", "2024-06-14", "2024-04-15", version):
        assert served in error["message"]
    assert error["details"][0]["field"] == "cal-api-version"
    assert listed(client, alice) == [schedule]


def test_the_openapi_document_describes_both_versions_bodies(app: FastAPI) -> None:
    operations = app.openapi()["paths"]
    create_schema = operations["/v2/schedules"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    titles = [branch["title"] for branch in create_schema["anyOf"]]
    assert titles == ["CreateScheduleInput_2024_06_11", "CreateScheduleInput_2024_04_15"]
    assert "$defs" not in str(create_schema)
    update_schema = operations["/v2/schedules/{scheduleId}"]["patch"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    titles = [branch["title"] for branch in update_schema["anyOf"]]
    assert titles == ["UpdateScheduleInput_2024_06_11", "UpdateScheduleInput_2024_04_15"]
    for path, method in [
        ("/v2/schedules", "get"),
        ("/v2/schedules", "post"),
        ("/v2/schedules/default", "get"),
        ("/v2/schedules/{scheduleId}", "delete"),
    ]:
        parameters = operations[path][method].get("parameters", [])
        assert "cal-api-version" in [p["name"] for p in parameters if p["in"] == "header"]
