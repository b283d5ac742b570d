"""GET /v2/slots/available in Cal.com's legacy shape (spec/legacy.md §2): what a request
without a ``cal-api-version`` gets."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.conftest import Account
from tests.slots.helpers import data, error, make_event_type, make_schedule, slots

DAY = {"startTime": "2030-03-26", "endTime": "2030-03-26"}


@pytest.fixture
def rome(client: TestClient, alice: Account) -> int:
    """Alice's 30-minute event on Monday-Friday 09:00-17:00 Europe/Rome."""
    make_schedule(client, alice, "Europe/Rome")
    return make_event_type(client, alice)


def available(client: TestClient, **params: Any) -> Response:
    return client.get("/v2/slots/available", params=params)


def legacy_slots(client: TestClient, **params: Any) -> dict[str, list[dict[str, Any]]]:
    found = data(available(client, **params))
    assert set(found) == {"slots"}
    result: dict[str, list[dict[str, Any]]] = found["slots"]
    return result


class TestShape:
    def test_dates_map_to_times_in_utc_by_default(self, client: TestClient, rome: int) -> None:
        found = legacy_slots(client, eventTypeId=rome, **DAY)
        assert list(found) == ["2030-03-26"]
        assert found["2030-03-26"][0] == {"time": "2030-03-26T08:00:00.000Z"}
        assert len(found["2030-03-26"]) == 16
        assert all(set(slot) == {"time"} for slot in found["2030-03-26"])

    def test_a_time_zone_writes_its_offset_and_its_dates(
        self, client: TestClient, rome: int
    ) -> None:
        found = legacy_slots(client, eventTypeId=rome, timeZone="Europe/Rome", **DAY)
        assert found["2030-03-26"][0] == {"time": "2030-03-26T09:00:00.000+01:00"}
        after = legacy_slots(
            client,
            eventTypeId=rome,
            timeZone="Europe/Rome",
            startTime="2030-04-01",
            endTime="2030-04-01",
        )
        assert after["2030-04-01"][0] == {"time": "2030-04-01T09:00:00.000+02:00"}

    @pytest.mark.parametrize("slot_format", ["range", "RANGE", "Range"])
    def test_slot_format_range_in_any_case(
        self, client: TestClient, rome: int, slot_format: str
    ) -> None:
        found = legacy_slots(client, eventTypeId=rome, slotFormat=slot_format, **DAY)
        assert found["2030-03-26"][0] == {
            "startTime": "2030-03-26T08:00:00.000Z",
            "endTime": "2030-03-26T08:30:00.000Z",
        }

    def test_the_same_slots_as_2024_09_04(self, client: TestClient, rome: int) -> None:
        legacy = legacy_slots(client, eventTypeId=rome, timeZone="Asia/Tokyo", **DAY)
        current = slots(
            client, eventTypeId=rome, timeZone="Asia/Tokyo", start="2030-03-26", end="2030-03-26"
        )
        assert {day: [s["time"] for s in v] for day, v in legacy.items()} == {
            day: [s["start"] for s in v] for day, v in current.items()
        }

    def test_a_duration_of_the_event_type(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "UTC")
        event = make_event_type(client, alice, lengthInMinutesOptions=[30, 60])
        found = legacy_slots(client, eventTypeId=event, duration=60, slotFormat="range", **DAY)
        assert found["2030-03-26"][0] == {
            "startTime": "2030-03-26T09:00:00.000Z",
            "endTime": "2030-03-26T10:00:00.000Z",
        }
        assert error(available(client, eventTypeId=event, duration=45, **DAY), 400)


class TestWhichEventType:
    def test_by_slug_and_username_list(self, client: TestClient, rome: int) -> None:
        by_id = legacy_slots(client, eventTypeId=rome, **DAY)
        bracketed = legacy_slots(
            client, eventTypeSlug="intro", **{"usernameList[]": "alice"}, **DAY
        )
        repeated = legacy_slots(client, eventTypeSlug="intro", usernameList="alice", **DAY)
        assert bracketed == repeated == by_id

    def test_several_users_are_a_400(self, client: TestClient, rome: int) -> None:
        response = client.get(
            "/v2/slots/available",
            params=[
                ("eventTypeSlug", "intro"),
                ("usernameList[]", "alice"),
                ("usernameList[]", "bob"),
                *DAY.items(),
            ],
        )
        assert "usernameList" in error(response, 400)["message"]

    def test_unknown_ones_are_404s(self, client: TestClient, rome: int) -> None:
        assert error(available(client, eventTypeId=404, **DAY), 404)
        assert error(available(client, eventTypeSlug="intro", usernameList="bob", **DAY), 404)
        in_organization = available(
            client, eventTypeSlug="intro", usernameList="alice", orgSlug="acme", **DAY
        )
        assert error(in_organization, 404)


class TestBadInput:
    def test_an_end_before_the_start_is_cal_coms_400(self, client: TestClient, rome: int) -> None:
        response = available(client, eventTypeId=rome, startTime="2030-03-27", endTime="2030-03-26")
        assert error(response, 400)["message"] == (
            "Invalid time range given - check the 'startTime' and 'endTime' query parameters."
        )

    @pytest.mark.parametrize(
        "params",
        [
            {"endTime": "2030-03-26"},
            {"startTime": "2030-03-26"},
            {"startTime": "soon", "endTime": "2030-03-26"},
            {**DAY, "slotFormat": "list"},
            {**DAY, "timeZone": "Europe/Atlantis"},
            {**DAY, "duration": "0"},
        ],
    )
    def test_bad_queries_are_400s(
        self, client: TestClient, rome: int, params: dict[str, str]
    ) -> None:
        assert error(available(client, eventTypeId=rome, **params), 400)
