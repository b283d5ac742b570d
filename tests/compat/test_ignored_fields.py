"""Keys a v2 body sends that no field takes are still dropped (Cal.com's whitelist), and named
in ``X-Slotwise-Ignored-Fields`` so a client can find its mistake."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account
from tests.slots.helpers import data, make_schedule

HEADER = "X-Slotwise-Ignored-Fields"
EVENT_TYPES = "/v2/event-types"


def _v2024_06_14(account: Account) -> dict[str, str]:
    return {**account.headers, "cal-api-version": "2024-06-14"}


def test_stored_spellings_are_named_and_change_nothing(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")
    body = {
        "lengthInMinutes": 30,
        "title": "Intro",
        "slug": "intro",
        "periodType": "ROLLING",
        "bookingLimitsCount": {"PER_DAY": 2},
    }
    response = client.post(EVENT_TYPES, headers=_v2024_06_14(alice), json=body)
    created = data(response, 201)
    assert response.headers[HEADER] == "periodType, bookingLimitsCount.PER_DAY"
    assert created["bookingLimitsCount"] in (None, {}, {"disabled": True})


def test_nested_and_array_items_are_named_by_path(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")
    body = {
        "lengthInMinutes": 30,
        "title": "Intro",
        "slug": "intro",
        "locations": [{"type": "address", "address": "1 Main St", "public": True, "floor": 3}],
        "bookingWindow": {"type": "businessDays", "value": 5, "weekends": False},
    }
    response = client.post(EVENT_TYPES, headers=_v2024_06_14(alice), json=body)
    data(response, 201)
    assert set(response.headers[HEADER].split(", ")) == {
        "locations[].floor",
        "bookingWindow.weekends",
    }


def test_a_body_that_uses_every_key_has_no_header(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")
    body = {"lengthInMinutes": 30, "title": "Intro", "slug": "intro"}
    response = client.post(EVENT_TYPES, headers=_v2024_06_14(alice), json=body)
    data(response, 201)
    assert HEADER not in response.headers


def test_other_v2_bodies_too(client: TestClient, alice: Account) -> None:
    response = client.patch("/v2/me", headers=alice.headers, json={"nmae": "Alice A."})
    assert data(response)["name"] == "Alice"
    assert response.headers[HEADER] == "nmae"


def test_the_log_names_them_at_debug_level(
    client: TestClient, alice: Account, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="slotwise.http.ignored_fields"):
        client.patch("/v2/me", headers=alice.headers, json={"colour": "red"})
    assert "ignored body fields: colour" in caplog.text


def test_v1_still_refuses_unknown_keys(client: TestClient, alice: Account) -> None:
    response = client.patch(f"/v1/users/{alice.id}", params=alice.v1, json={"nmae": "A"})
    assert response.status_code == 400
    assert HEADER not in response.headers
