"""Slot holds: /v2/slots/reservations (2024-09-04) and the legacy /v2/slots/reserve and
/v2/slots/selected-slot. A hold hides its slot from everyone else until it expires; the
holder still sees it; a slot that is not offered, or held already, cannot be held (409)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.errors import Conflict
from slotwise.slots import service
from slotwise.slots.models import SlotReservation
from tests.conftest import Account, Accounts
from tests.slots.helpers import (
    NOW,
    RESERVATION_KEYS,
    data,
    error,
    make_event_type,
    make_schedule,
    reserve,
    slots,
    starts,
    v2,
)

NINE = "2030-03-26T09:00:00.000Z"
TEN = "2030-03-26T10:00:00.000Z"
DAY = {"start": "2030-03-26", "end": "2030-03-26"}
LEGACY_DAY = {"startTime": "2030-03-26", "endTime": "2030-03-26"}


@pytest.fixture
def event(client: TestClient, alice: Account) -> int:
    """Alice's 30-minute event, Monday-Friday 09:00-17:00 UTC, 30 or 60 minutes."""
    make_schedule(client, alice, "UTC")
    return make_event_type(client, alice, lengthInMinutesOptions=[30, 60])


def cookie(uid: str) -> dict[str, str]:
    """The booker's uid cookie, sent with one request (the client's own jar stays empty)."""
    return {"Cookie": f"uid={uid}"}


def day_starts(client: TestClient, event: int, uid: str | None = None) -> list[str]:
    headers = {**v2(), **(cookie(uid) if uid else {})}
    response = client.get("/v2/slots", params={"eventTypeId": event, **DAY}, headers=headers)
    return starts(data(response))


def legacy_starts(client: TestClient, event: int, uid: str | None = None) -> list[str]:
    response = client.get(
        "/v2/slots/available",
        params={"eventTypeId": event, **LEGACY_DAY},
        headers=cookie(uid) if uid else {},
    )
    return [slot["time"] for day in data(response)["slots"].values() for slot in day]


def held(client: TestClient, event: int, start: str = NINE, **fields: Any) -> dict[str, Any]:
    found: dict[str, Any] = data(reserve(client, event, start, **fields), 201)
    return found


class TestReserve:
    def test_answers_the_hold_in_cal_com_shape(self, client: TestClient, event: int) -> None:
        hold = held(client, event, "2030-03-26T09:00:00Z")
        assert set(hold) == RESERVATION_KEYS
        assert hold == {
            "reservationUid": hold["reservationUid"],
            "eventTypeId": event,
            "slotStart": NINE,
            "slotEnd": "2030-03-26T09:30:00.000Z",
            "slotDuration": 30,
            "reservationDuration": 5,
            "reservationUntil": "2030-03-25T06:05:00.000Z",
        }
        assert len(hold["reservationUid"]) == 36

    def test_a_slot_duration_of_the_event_type(self, client: TestClient, event: int) -> None:
        hold = held(client, event, slotDuration=60)
        assert (hold["slotEnd"], hold["slotDuration"]) == ("2030-03-26T10:00:00.000Z", 60)
        response = reserve(client, event, TEN, slotDuration=45)
        assert [d["field"] for d in error(response, 400)["details"]] == ["slotDuration"]

    def test_an_offset_instant_names_the_same_slot(self, client: TestClient, event: int) -> None:
        hold = held(client, event, "2030-03-26T10:00:00+01:00")
        assert hold["slotStart"] == NINE

    def test_hides_the_slot_from_everyone_else(self, client: TestClient, event: int) -> None:
        before = day_starts(client, event)
        held(client, event, "2030-03-26T09:30:00Z")
        after = day_starts(client, event)
        # A 30-minute hold at 09:30 hides exactly that slot.
        assert set(before) - set(after) == {"2030-03-26T09:30:00.000Z"}
        assert "2030-03-26T09:30:00.000Z" not in legacy_starts(client, event)

    def test_a_longer_hold_hides_every_slot_it_overlaps(
        self, client: TestClient, event: int
    ) -> None:
        held(client, event, slotDuration=60)
        assert day_starts(client, event)[0] == TEN

    def test_the_holder_still_sees_the_slot(self, client: TestClient, event: int) -> None:
        uid = held(client, event)["reservationUid"]
        assert NINE in day_starts(client, event, uid=uid)
        assert NINE in legacy_starts(client, event, uid=uid)

    def test_a_held_slot_cannot_be_held_again(self, client: TestClient, event: int) -> None:
        held(client, event)
        found = error(reserve(client, event, NINE), 409)
        assert found["code"] == "ConflictException"
        # Nor can an overlapping longer one.
        assert error(reserve(client, event, NINE, slotDuration=60), 409)

    @pytest.mark.parametrize(
        "start",
        [
            "2030-03-30T09:00:00Z",  # a Saturday
            "2030-03-26T17:00:00Z",  # after hours
            "2030-03-26T16:45:00Z",  # ends after hours
            "2030-03-26T09:10:00Z",  # off the grid
            "2030-03-25T07:00:00Z",  # inside the two hours' notice
            "2031-06-01T09:00:00Z",  # beyond the year ahead
        ],
    )
    def test_a_slot_that_is_not_offered_is_a_409(
        self, client: TestClient, event: int, start: str
    ) -> None:
        assert error(reserve(client, event, start), 409)

    def test_a_slot_in_the_past_is_a_400(self, client: TestClient, event: int) -> None:
        response = reserve(client, event, "2030-03-22T09:00:00Z")
        assert error(response, 400)["details"] == [
            {"field": "slotStart", "message": "is in the past"}
        ]

    def test_an_unknown_event_type_is_a_404(self, client: TestClient) -> None:
        assert error(reserve(client, 12345, NINE), 404)["code"] == "NotFoundException"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"slotStart": NINE}, "eventTypeId"),
            ({"eventTypeId": "1", "slotStart": NINE}, "eventTypeId"),
            ({"eventTypeId": 1}, "slotStart"),
            ({"eventTypeId": 1, "slotStart": "tomorrow at nine"}, "slotStart"),
            ({"eventTypeId": 1, "slotStart": "2030-03-26"}, "slotStart"),
            ({"eventTypeId": 1, "slotStart": 1900000000}, "slotStart"),
            ({"eventTypeId": 1, "slotStart": NINE, "slotDuration": None}, "slotDuration"),
            (
                {"eventTypeId": 1, "slotStart": NINE, "reservationDuration": 0},
                "reservationDuration",
            ),
        ],
    )
    def test_a_bad_body_is_a_400(
        self, client: TestClient, event: int, body: dict[str, Any], field: str
    ) -> None:
        response = client.post("/v2/slots/reservations", headers=v2(), json=body)
        assert field in [d["field"] for d in error(response, 400)["details"]]

    def test_unknown_body_keys_are_dropped(self, client: TestClient, event: int) -> None:
        assert held(client, event, color="blue")["slotStart"] == NINE


def test_any_free_slot_of_a_first_slot_only_event_can_be_held(
    client: TestClient, alice: Account
) -> None:
    """The booker's zone decides which slot is first of their date; a hold does not know it."""
    make_schedule(client, alice, "UTC")
    event = make_event_type(client, alice, slug="first-only", onlyShowFirstAvailableSlot=True)
    assert held(client, event, "2030-03-26T13:30:00Z")["slotStart"] == "2030-03-26T13:30:00.000Z"


class TestReservationDuration:
    def test_the_owner_sets_it_with_their_key(
        self, client: TestClient, alice: Account, event: int
    ) -> None:
        hold = held(client, event, account=alice, reservationDuration=30)
        assert hold["reservationDuration"] == 30
        assert hold["reservationUntil"] == "2030-03-25T06:30:00.000Z"

    def test_without_a_key_it_is_a_401(self, client: TestClient, event: int) -> None:
        response = reserve(client, event, NINE, reservationDuration=30)
        assert error(response, 401)["code"] == "UnauthorizedException"

    def test_someone_elses_key_is_a_403(
        self, client: TestClient, accounts: Accounts, event: int
    ) -> None:
        mallory = accounts.create(username="mallory")
        response = reserve(client, event, NINE, mallory, reservationDuration=30)
        assert error(response, 403)["code"] == "ForbiddenException"

    def test_a_bad_key_is_a_401_even_without_the_option(
        self, client: TestClient, event: int
    ) -> None:
        response = client.post(
            "/v2/slots/reservations",
            headers={**v2(), "Authorization": "Bearer cal_" + "0" * 32},
            json={"eventTypeId": event, "slotStart": NINE},
        )
        assert error(response, 401)


class TestExpiry:
    def test_a_hold_lasts_five_minutes(
        self, client: TestClient, event: int, clock: FrozenClock
    ) -> None:
        uid = held(client, event)["reservationUid"]
        clock.advance(minutes=4, seconds=59)
        assert NINE not in day_starts(client, event)
        assert data(client.get(f"/v2/slots/reservations/{uid}", headers=v2()))
        clock.advance(seconds=1)
        assert NINE in day_starts(client, event)
        assert error(client.get(f"/v2/slots/reservations/{uid}", headers=v2()), 404)
        # Someone else can hold it now; the expired row is gone.
        held(client, event)
        assert rows(client.app) == 1

    def test_expired_holds_are_deleted_by_the_next_write(
        self, client: TestClient, event: int, clock: FrozenClock
    ) -> None:
        held(client, event)
        held(client, event, TEN)
        clock.advance(minutes=6)
        assert rows(client.app) == 2  # reads leave them
        day_starts(client, event)
        assert rows(client.app) == 2
        held(client, event, "2030-03-26T11:00:00Z")
        assert rows(client.app) == 1


class TestReadUpdateDelete:
    def test_get_answers_the_hold(self, client: TestClient, event: int) -> None:
        hold = held(client, event)
        uid = hold["reservationUid"]
        assert data(client.get(f"/v2/slots/reservations/{uid}", headers=v2())) == hold

    @pytest.mark.parametrize("uid", ["missing", "x" * 500])
    def test_an_unknown_uid_is_a_404(self, client: TestClient, event: int, uid: str) -> None:
        for method in ("GET", "DELETE"):
            response = client.request(method, f"/v2/slots/reservations/{uid}", headers=v2())
            assert error(response, 404)["code"] == "NotFoundException"
        response = client.patch(
            f"/v2/slots/reservations/{uid}",
            headers=v2(),
            json={"eventTypeId": event, "slotStart": NINE},
        )
        assert error(response, 404)

    def test_patch_moves_the_hold(self, client: TestClient, event: int, clock: FrozenClock) -> None:
        uid = held(client, event)["reservationUid"]
        clock.advance(minutes=3)
        response = client.patch(
            f"/v2/slots/reservations/{uid}",
            headers=v2(),
            json={"eventTypeId": event, "slotStart": TEN, "slotDuration": 60},
        )
        moved = data(response)
        assert moved == {
            "reservationUid": uid,
            "eventTypeId": event,
            "slotStart": TEN,
            "slotEnd": "2030-03-26T11:00:00.000Z",
            "slotDuration": 60,
            "reservationDuration": 5,
            "reservationUntil": "2030-03-25T06:08:00.000Z",
        }
        now_offered = day_starts(client, event)
        assert NINE in now_offered
        assert TEN not in now_offered
        assert "2030-03-26T10:30:00.000Z" not in now_offered

    def test_patch_renews_the_same_slot(
        self, client: TestClient, event: int, clock: FrozenClock
    ) -> None:
        uid = held(client, event)["reservationUid"]
        clock.advance(minutes=4)
        response = client.patch(
            f"/v2/slots/reservations/{uid}",
            headers=v2(),
            json={"eventTypeId": event, "slotStart": NINE},
        )
        assert data(response)["reservationUntil"] == "2030-03-25T06:09:00.000Z"

    def test_patch_onto_someone_elses_hold_is_a_409(self, client: TestClient, event: int) -> None:
        uid = held(client, event)["reservationUid"]
        held(client, event, TEN)
        response = client.patch(
            f"/v2/slots/reservations/{uid}",
            headers=v2(),
            json={"eventTypeId": event, "slotStart": TEN},
        )
        assert error(response, 409)
        # The hold is unchanged.
        assert data(client.get(f"/v2/slots/reservations/{uid}", headers=v2()))["slotStart"] == NINE

    def test_delete_releases_the_slot(self, client: TestClient, event: int) -> None:
        uid = held(client, event)["reservationUid"]
        response = client.delete(f"/v2/slots/reservations/{uid}", headers=v2())
        assert response.status_code == 200
        assert response.json() == {"status": "success"}
        assert NINE in day_starts(client, event)
        assert error(client.delete(f"/v2/slots/reservations/{uid}", headers=v2()), 404)

    def test_deleting_the_event_type_deletes_its_holds(
        self, client: TestClient, alice: Account, event: int
    ) -> None:
        held(client, event)
        response = client.delete(
            f"/v2/event-types/{event}", headers={**alice.headers, "cal-api-version": "2024-06-14"}
        )
        assert response.status_code == 200
        assert rows(client.app) == 0


class TestSeats:
    def test_each_hold_takes_one_seat(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "UTC")
        seated = make_event_type(client, alice, seats={"seatsPerTimeSlot": 2})
        first = held(client, seated)
        found = slots(client, eventTypeId=seated, **DAY)["2030-03-26"][0]
        assert found == {
            "start": NINE,
            "seatsBooked": 1,
            "seatsRemaining": 1,
            "seatsTotal": 2,
        }
        own = client.get(
            "/v2/slots",
            params={"eventTypeId": seated, **DAY},
            headers={**v2(), **cookie(first["reservationUid"])},
        )
        assert data(own)["2030-03-26"][0]["seatsBooked"] == 0  # one's own hold aside
        held(client, seated)
        assert error(reserve(client, seated, NINE), 409)  # full
        assert slots(client, eventTypeId=seated, **DAY)["2030-03-26"][0]["start"] != NINE


class TestLegacy:
    def body(self, event: int, start: str = NINE, end: str = "2030-03-26T09:30:00.000Z") -> Any:
        return {"eventTypeId": event, "slotUtcStartDate": start, "slotUtcEndDate": end}

    def test_answers_the_holder_uid_and_sets_it_as_a_cookie(
        self, client: TestClient, event: int
    ) -> None:
        response = client.post("/v2/slots/reserve", json=self.body(event))
        uid = data(response, 201)
        assert isinstance(uid, str)
        assert response.cookies.get("uid") == uid
        client.cookies.clear()
        assert NINE not in legacy_starts(client, event)
        assert NINE in legacy_starts(client, event, uid=uid)

    def test_the_booker_keeps_their_cookie_and_can_hold_again(
        self, client: TestClient, event: int, clock: FrozenClock
    ) -> None:
        response = client.post(
            "/v2/slots/reserve", json=self.body(event), headers=cookie("booker-1")
        )
        assert data(response, 201) == "booker-1"
        clock.advance(minutes=4)
        again = client.post("/v2/slots/reserve", json=self.body(event), headers=cookie("booker-1"))
        assert data(again, 201) == "booker-1"
        assert rows(client.app) == 1  # renewed, not doubled
        clock.advance(minutes=4)
        assert NINE not in legacy_starts(client, event, uid="someone-else")
        other = client.post("/v2/slots/reserve", json=self.body(event), headers=cookie("other"))
        assert error(other, 409)

    def test_a_cookie_that_is_no_token_is_replaced(self, client: TestClient, event: int) -> None:
        response = client.post(
            "/v2/slots/reserve", json=self.body(event), headers=cookie("a b;c" * 30)
        )
        uid = data(response, 201)
        assert len(uid) == 36
        assert response.cookies.get("uid") == uid

    def test_delete_selected_slot_releases_the_bookers_holds(
        self, client: TestClient, event: int
    ) -> None:
        client.post("/v2/slots/reserve", json=self.body(event), headers=cookie("booker-1"))
        client.post(
            "/v2/slots/reserve",
            json=self.body(event, TEN, "2030-03-26T10:30:00Z"),
            headers=cookie("booker-1"),
        )
        client.cookies.clear()
        assert rows(client.app) == 2
        response = client.delete("/v2/slots/selected-slot", params={"uid": "booker-1"})
        assert response.status_code == 200
        assert response.json() == {"status": "success"}
        assert rows(client.app) == 0
        # The cookie wins over the query; neither is fine too.
        client.post("/v2/slots/reserve", json=self.body(event), headers=cookie("booker-2"))
        client.cookies.clear()
        client.delete(
            "/v2/slots/selected-slot", params={"uid": "booker-9"}, headers=cookie("booker-2")
        )
        assert rows(client.app) == 0
        assert client.delete("/v2/slots/selected-slot").json() == {"status": "success"}

    @pytest.mark.parametrize(
        ("start", "end", "status"),
        [
            (NINE, NINE, 400),  # empty
            (NINE, "2030-03-26T09:45:00Z", 400),  # not one of the durations
            ("2030-03-30T09:00:00Z", "2030-03-30T09:30:00Z", 409),  # Saturday
            ("2030-03-20T09:00:00Z", "2030-03-20T09:30:00Z", 400),  # past
        ],
    )
    def test_slots_that_cannot_be_held(
        self, client: TestClient, event: int, start: str, end: str, status: int
    ) -> None:
        response = client.post("/v2/slots/reserve", json=self.body(event, start, end))
        assert error(response, status)

    def test_an_unknown_event_type_is_a_404(self, client: TestClient) -> None:
        response = client.post("/v2/slots/reserve", json=self.body(4040))
        assert error(response, 404)

    def test_a_longer_duration_of_the_event_type(self, client: TestClient, event: int) -> None:
        body = self.body(event, NINE, "2030-03-26T10:00:00Z")
        assert data(client.post("/v2/slots/reserve", json=body), 201)


def rows(app: Any) -> int:
    assert isinstance(app, FastAPI)
    with transaction(app.state.session_factory) as session:
        return int(session.scalar(select(func.count()).select_from(SlotReservation)) or 0)


def test_racing_holds_on_one_slot_let_exactly_one_win(app: FastAPI, event: int) -> None:
    """Eight bookers at once: one hold, seven 409s, on either database."""
    contenders = 8
    barrier = threading.Barrier(contenders)
    outcomes: list[str] = []
    lock = threading.Lock()
    request = service.HoldRequest(
        event_type_id=event, slot_start=datetime(2030, 3, 26, 9, tzinfo=UTC)
    )

    def contend() -> None:
        barrier.wait()
        try:
            with transaction(app.state.write_session_factory) as session:
                service.reserve(session, request, now=NOW, caller=None)
            outcome = "held"
        except Conflict:
            outcome = "conflict"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=contend) for _ in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * (contenders - 1) + ["held"]
    assert rows(app) == 1
