"""Instants at the calendar's edges (year 1, year 9999, offsets that cross them) with the
largest buffers an event type admits: every booking, slot and hold route answers 2xx or a
clear 400/409, never a 500, and the next ordinary request still works."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.bookings.helpers import FIRST_SLOT, attendee, v2
from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule

TEN_YEARS = 10 * 366 * 24 * 60  # the largest buffer the schema admits, in minutes
EDGE_STARTS = [
    "9999-12-31T23:30:00Z",
    "9999-12-31T23:59:59Z",
    "9999-12-31T20:00:00-05:00",  # the year 10000 in UTC
    "0001-01-01T00:00:00Z",
    "0001-01-01T01:00:00+05:00",  # the year 0 in UTC
    "0005-01-03T09:00:00Z",
]
EDGE_RANGES = [
    ("0001-01-01", "0001-01-05"),
    ("0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z"),
    ("9999-12-25", "9999-12-31"),
    ("9999-12-31T00:00:00Z", "9999-12-31T23:59:59Z"),
]


@pytest.fixture
def event_types(client: TestClient, alice: Account) -> list[int]:
    make_schedule(client, alice, "Europe/London")
    buffered = {"beforeEventBuffer": TEN_YEARS, "afterEventBuffer": TEN_YEARS}
    no_notice = {"minimumBookingNotice": 0}
    weekly = {"frequency": "weekly", "interval": 1, "occurrences": 5}
    return [
        make_event_type(client, alice, "plain", **no_notice),
        make_event_type(client, alice, "buffered", **buffered, **no_notice),
        make_event_type(
            client, alice, "series", recurrence=weekly, beforeEventBuffer=TEN_YEARS, **no_notice
        ),
    ]


def answered(response: Any, *statuses: int) -> None:
    assert response.status_code in statuses, response.text
    if response.status_code == 400:
        assert response.json()["error"]["code"] == "BadRequestException"


def still_books(client: TestClient, event_type_id: int) -> None:
    body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
    data(client.post("/v2/bookings", headers=v2(), json=body), 201)


def test_creating_at_the_edges_is_a_400(client: TestClient, event_types: list[int]) -> None:
    legacy = {"responses": {"name": "Ann", "email": "ann@example.com"}, "timeZone": "UTC"}
    for event_type_id in event_types:
        for start in EDGE_STARTS:
            body = {"start": start, "eventTypeId": event_type_id, "attendee": attendee()}
            answered(client.post("/v2/bookings", headers=v2(), json=body), 400)
            legacy_body = {"start": start, "eventTypeId": event_type_id, **legacy}
            answered(client.post("/v2/bookings", json=legacy_body), 400)
    still_books(client, event_types[1])


def test_rescheduling_to_the_edges_is_a_400(client: TestClient, event_types: list[int]) -> None:
    body = {"start": FIRST_SLOT, "eventTypeId": event_types[1], "attendee": attendee()}
    uid = data(client.post("/v2/bookings", headers=v2(), json=body), 201)["uid"]
    for start in EDGE_STARTS:
        response = client.post(
            f"/v2/bookings/{uid}/reschedule", headers=v2(), json={"start": start}
        )
        answered(response, 400)
    assert client.get(f"/v2/bookings/{uid}", headers=v2()).json()["data"]["status"] == "accepted"


def test_holding_at_the_edges_is_refused(client: TestClient, event_types: list[int]) -> None:
    for event_type_id in event_types:
        for start in EDGE_STARTS:
            body = {"eventTypeId": event_type_id, "slotStart": start}
            response = client.post(
                "/v2/slots/reservations", headers=v2(version="2024-09-04"), json=body
            )
            answered(response, 400, 409)
    still_books(client, event_types[0])


@pytest.mark.parametrize("time_zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_slots_at_the_edges_are_none(
    client: TestClient, event_types: list[int], time_zone: str
) -> None:
    for event_type_id in event_types:
        for start, end in EDGE_RANGES:
            query = {
                "eventTypeId": event_type_id,
                "start": start,
                "end": end,
                "timeZone": time_zone,
            }
            found = data(client.get("/v2/slots", params=query, headers=v2(version="2024-09-04")))
            assert found == {}
            legacy = {"eventTypeId": event_type_id, "startTime": start, "endTime": end}
            response = client.get("/v2/slots/available", params={**legacy, "timeZone": time_zone})
            assert data(response)["slots"] == {}
    still_books(client, event_types[1])
