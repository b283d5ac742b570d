"""What the team-scheduling API tests share: a team with hosts and their hours, a team event
type made through the API, and short calls."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from tests.conftest import Account
from tests.slots.helpers import data, make_schedule

ET_VERSION = {"cal-api-version": "2024-06-14"}
SLOTS_VERSION = {"cal-api-version": "2024-09-04"}
BOOKINGS_VERSION = {"cal-api-version": "2024-08-13"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def hours(client: TestClient, account: Account, start: str, end: str) -> int:
    """The account's default schedule: weekdays start-end, London."""
    return make_schedule(
        client, account, "Europe/London", [{"days": WEEKDAYS, "startTime": start, "endTime": end}]
    )


def team_event_type(
    client: TestClient, admin: Account, team_id: int, scheduling: str, **fields: Any
) -> dict[str, Any]:
    body = {
        "title": "Demo", "slug": "demo", "lengthInMinutes": 30, "minimumBookingNotice": 0,
        "schedulingType": scheduling, **fields,
    }  # fmt: skip
    response = client.post(
        f"/v2/teams/{team_id}/event-types", headers={**admin.headers, **ET_VERSION}, json=body
    )
    created: dict[str, Any] = data(response, 201)
    return created


def slot_starts(client: TestClient, day: str, **params: Any) -> list[str]:
    response = client.get(
        "/v2/slots", headers=SLOTS_VERSION, params={"start": day, "end": day, **params}
    )
    return [slot["start"] for slot in data(response).get(day, [])]


def book(client: TestClient, event_type_id: int, start: str, name: str = "Ann") -> Response:
    body = {
        "start": start,
        "eventTypeId": event_type_id,
        "attendee": {"name": name, "email": f"{name.lower()}@example.com", "timeZone": "UTC"},
    }
    return client.post("/v2/bookings", headers=BOOKINGS_VERSION, json=body)


def host_ids(booking: dict[str, Any]) -> list[int]:
    return [host["id"] for host in booking["hosts"]]
