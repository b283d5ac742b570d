"""GET /v2/timezones: public, Cal.com's envelope, one entry per real IANA place."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from slotwise.core.timezones import city_of


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
