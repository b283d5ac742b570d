"""Short calls the calendar tests share: connect an account, select a calendar, make it the
destination, list a day's slots."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.calendars.radicale_server import Account as CalDavAccount
from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule, slots, starts

TUESDAY = "2030-03-26"


def connect(client: TestClient, user: Account, caldav: CalDavAccount) -> int:
    response = client.post(
        "/v2/calendars/caldav/credentials", headers=user.headers, json=caldav.key()
    )
    credential_id: int = data(response)["id"]
    return credential_id


def select(
    client: TestClient, user: Account, caldav: CalDavAccount, credential_id: int, name: str
) -> None:
    body = {
        "integration": "caldav_calendar",
        "externalId": caldav.calendar_url(name),
        "credentialId": credential_id,
    }
    data(client.post("/v2/selected-calendars", headers=user.headers, json=body))


def make_destination(
    client: TestClient, user: Account, caldav: CalDavAccount, name: str
) -> dict[str, Any]:
    body = {"integration": "caldav_calendar", "externalId": caldav.calendar_url(name)}
    found: dict[str, Any] = data(
        client.put("/v2/destination-calendars", headers=user.headers, json=body)
    )
    return found


def bookable(client: TestClient, user: Account) -> int:
    make_schedule(client, user, "Europe/London")
    return make_event_type(client, user, minimumBookingNotice=0)


def tuesday_starts(client: TestClient, event_type_id: int) -> list[str]:
    return starts(slots(client, eventTypeId=event_type_id, start=TUESDAY, end=TUESDAY))
