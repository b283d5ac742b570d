"""GET /v2/timezones: public, Cal.com's envelope, one entry per real IANA place."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from slotwise.core.timezones import city_of, is_iana_time_zone
from tests.conftest import Account


@pytest.fixture
def zones(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/v2/timezones")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"status", "data"}
    assert body["status"] == "success"
    assert isinstance(body["data"], list)
    return list(body["data"])


def by_zone(zones: list[dict[str, Any]]) -> dict[str, str]:
    return {entry["timezone"]: entry["city"] for entry in zones}


def test_every_entry_is_a_city_and_a_timezone(zones: list[dict[str, Any]]) -> None:
    assert len(zones) > 300  # tzdata has ~400 geographic zones
    for entry in zones:
        assert set(entry) == {"city", "timezone"}
        assert isinstance(entry["city"], str)
        assert entry["city"]
        assert isinstance(entry["timezone"], str)
        assert "_" not in entry["city"]


@pytest.mark.parametrize(
    ("zone", "city"),
    [
        ("Europe/London", "London"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires"),
        ("Asia/Kolkata", "Kolkata"),
        ("America/New_York", "New York"),
        ("Australia/Sydney", "Sydney"),
        ("UTC", "UTC"),
    ],
)
def test_includes_well_known_places(zones: list[dict[str, Any]], zone: str, city: str) -> None:
    assert by_zone(zones).get(zone) == city


def test_fixed_offsets_and_abbreviations_are_left_out(zones: list[dict[str, Any]]) -> None:
    names = set(by_zone(zones))
    for unwanted in ("Etc/GMT+5", "EST", "US/Eastern", "CET", "GMT"):
        assert unwanted not in names


def test_every_timezone_loads_in_zoneinfo(zones: list[dict[str, Any]]) -> None:
    for entry in zones:
        ZoneInfo(entry["timezone"])  # raises ZoneInfoNotFoundError if unknown


def test_no_duplicates(zones: list[dict[str, Any]]) -> None:
    names = [entry["timezone"] for entry in zones]
    assert len(names) == len(set(names))


def test_needs_no_auth_and_ignores_a_bad_key(client: TestClient) -> None:
    response = client.get("/v2/timezones", headers={"Authorization": "Bearer cal_nonsense"})
    assert response.status_code == 200
    assert response.json()["status"] == "success"


@pytest.mark.parametrize(
    ("zone", "city"),
    [
        ("America/Argentina/Buenos_Aires", "Buenos Aires"),
        ("America/Indiana/Knox", "Knox"),
        ("Europe/London", "London"),
        ("UTC", "UTC"),
    ],
)
def test_city_of(zone: str, city: str) -> None:
    assert city_of(zone) == city


NOT_IANA = ["localtime", "Factory", "posixrules", "right/UTC", "../etc/localtime", "Europe/"]


@pytest.mark.parametrize("name", NOT_IANA)
def test_only_iana_names_are_zones(name: str) -> None:
    assert not is_iana_time_zone(name)


@pytest.mark.parametrize("name", ["Europe/London", "UTC", "US/Eastern", "Etc/GMT+5"])
def test_iana_names_and_aliases_are_zones(name: str) -> None:
    assert is_iana_time_zone(name)


@pytest.mark.parametrize("name", ["localtime", "Factory"])
def test_every_face_refuses_a_zone_that_is_not_iana(
    client: TestClient, alice: Account, name: str
) -> None:
    """The server's own zone (``localtime``, a file of the host) is not a place a user is in."""
    me = client.patch("/v2/me", headers=alice.headers, json={"timeZone": name})
    assert me.status_code == 400, me.text
    schedule = {"name": "Hours", "timeZone": name, "isDefault": True}
    headers = {**alice.headers, "cal-api-version": "2024-06-11"}
    assert client.post("/v2/schedules", headers=headers, json=schedule).status_code == 400
    slots = client.get(
        "/v2/slots",
        params={"username": alice.username, "eventTypeSlug": "x", "start": "2030-01-01",
                "end": "2030-01-02", "timeZone": name},
        headers={"cal-api-version": "2024-09-04"},
    )  # fmt: skip
    assert slots.status_code == 400, slots.text
    assert "timeZone" in slots.json()["error"]["message"]
    assert client.get("/v2/me", headers=alice.headers).json()["data"]["timeZone"] != name
