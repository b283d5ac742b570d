"""Paths that Cal.com's own platform SDK still calls (packages/platform/sdk: its endpoint table
names ``slots/delete``, ``schedules/time-zones`` and the version-neutral ``events/``), served
as aliases of today's routes and marked deprecated in the OpenAPI."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule


def test_schedules_time_zones_is_the_time_zone_list_with_no_key(client: TestClient) -> None:
    listed = data(client.get("/v2/schedules/time-zones"))
    assert listed == data(client.get("/v2/timezones"))
    assert {"city": "London", "timezone": "Europe/London"} in listed


def test_schedules_by_id_still_needs_a_key(client: TestClient, alice: Account) -> None:
    schedule = make_schedule(client, alice, "Europe/London")
    assert client.get(f"/v2/schedules/{schedule}").status_code == 401


def test_slots_delete_releases_the_bookers_holds(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")
    event = make_event_type(client, alice)
    body = {
        "eventTypeId": event,
        "slotUtcStartDate": "2030-03-26T09:00:00.000Z",
        "slotUtcEndDate": "2030-03-26T09:30:00.000Z",
    }
    held = client.post("/v2/slots/reserve", json=body, headers={"Cookie": "uid=booker-1"})
    assert held.status_code == 201, held.text
    client.cookies.clear()
    taken = client.post("/v2/slots/reserve", json=body, headers={"Cookie": "uid=other"})
    assert taken.status_code == 409
    client.cookies.clear()
    released = client.delete("/v2/slots/delete", params={"uid": "booker-1"})
    assert released.status_code == 200
    assert released.json() == {"status": "success"}
    again = client.post("/v2/slots/reserve", json=body, headers={"Cookie": "uid=other"})
    assert again.status_code == 201, again.text


def test_events_is_the_public_event_lookup(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")
    make_event_type(client, alice, "intro")
    public: dict[str, Any] = data(client.get("/v2/event-types/alice/intro/public"))
    by_sdk = data(client.get("/events/", params={"username": "alice", "eventSlug": "intro"}))
    assert by_sdk == public
    assert by_sdk["slug"] == "intro"
    with_version = client.get(
        "/events/",
        params={"username": "alice", "eventSlug": "intro"},
        headers={"cal-api-version": "2024-06-14"},
    )
    assert data(with_version) == public  # version-neutral, as in the SDK
    missing = client.get("/events/", params={"username": "alice", "eventSlug": "nope"})
    assert missing.status_code == 404
    assert client.get("/events/", params={"username": "alice"}).status_code == 400


def test_the_aliases_are_documented_as_deprecated(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/v2/slots/delete"]["delete"]["deprecated"] is True
    assert paths["/v2/schedules/time-zones"]["get"]["deprecated"] is True
    assert paths["/events/"]["get"]["deprecated"] is True
    assert "deprecated" not in paths["/v2/slots/selected-slot"]["delete"]


def test_events_is_no_username(client: TestClient, admin: Account) -> None:
    """A user named "events" would own a booking page nobody can reach."""
    response = client.post(
        "/v1/users",
        params=admin.v1,
        json={"email": "e@example.com", "username": "events", "timeZone": "Europe/London"},
    )
    assert response.status_code == 400, response.text
    assert "reserved" in response.text
