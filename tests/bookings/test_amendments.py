"""A booking's in-place changes (2024-08-13, Cal.com's shapes): ``PATCH /location``,
``POST /guests`` and ``POST /attendees``. The host's key is needed; the uid and time stay; a
refused request changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.bookings.helpers import OUTPUT_KEYS, book, v2
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule

ADDRESS = {"type": "address", "address": "1 Main St, Springfield"}


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


@pytest.fixture
def uid(client: TestClient, intro: int) -> str:
    booked: str = data(book(client, intro, location="https://example.com/room"), 201)["uid"]
    return booked


def booking(client: TestClient, uid: str) -> dict[str, Any]:
    found: dict[str, Any] = data(client.get(f"/v2/bookings/{uid}", headers=v2()))
    return found


class TestLocation:
    def test_the_host_moves_the_meeting_to_an_address(
        self, client: TestClient, alice: Account, uid: str
    ) -> None:
        before = booking(client, uid)
        response = client.patch(
            f"/v2/bookings/{uid}/location", headers=v2(alice), json={"location": ADDRESS}
        )
        changed = data(response, 200)
        assert set(OUTPUT_KEYS) <= set(changed)
        assert (changed["uid"], changed["start"]) == (uid, before["start"])  # in place
        assert changed["location"] == changed["meetingUrl"] == "1 Main St, Springfield"
        assert booking(client, uid)["location"] == "1 Main St, Springfield"

    @pytest.mark.parametrize(
        ("location", "stored"),
        [
            ("Room 4", "Room 4"),  # a plain string, as Cal.com still accepts
            ({"type": "link", "link": "https://meet.example.com/x"}, "https://meet.example.com/x"),
            ({"type": "phone", "phone": "+442071234567"}, "+442071234567"),
            ({"type": "integration", "integration": "cal-video"}, "integrations:cal-video"),
        ],
    )
    def test_every_kind_of_place(
        self, client: TestClient, alice: Account, uid: str, location: object, stored: str
    ) -> None:
        response = client.patch(
            f"/v2/bookings/{uid}/location", headers=v2(alice), json={"location": location}
        )
        assert data(response)["location"] == stored

    @pytest.mark.parametrize(
        "body",
        [{}, {"location": ""}, {"location": {"type": "address"}}, {"location": 5}],
    )
    def test_a_bad_location_is_a_400_that_changes_nothing(
        self, client: TestClient, alice: Account, uid: str, body: dict[str, Any]
    ) -> None:
        err = error(client.patch(f"/v2/bookings/{uid}/location", headers=v2(alice), json=body), 400)
        assert "location" in err["message"]
        assert booking(client, uid)["location"] == "https://example.com/room"

    def test_only_the_host_with_a_key_and_the_right_version(
        self, client: TestClient, alice: Account, accounts: Accounts, uid: str
    ) -> None:
        body = {"location": ADDRESS}
        path = f"/v2/bookings/{uid}/location"
        error(client.patch(path, headers=v2(), json=body), 401)
        bob = accounts.create(username="bob")
        error(client.patch(path, headers=v2(bob), json=body), 403)
        error(client.patch(path, headers=v2(alice, version=None), json=body), 400)
        error(client.patch("/v2/bookings/nope/location", headers=v2(alice), json=body), 404)
        assert booking(client, uid)["location"] == "https://example.com/room"

    def test_a_cancelled_booking_keeps_its_place(
        self, client: TestClient, alice: Account, uid: str
    ) -> None:
        data(client.post(f"/v2/bookings/{uid}/cancel", headers=v2(), json={}))
        err = error(
            client.patch(
                f"/v2/bookings/{uid}/location", headers=v2(alice), json={"location": ADDRESS}
            ),
            400,
        )
        assert "cancelled" in err["message"]


class TestGuests:
    def test_guests_join_as_attendees(self, client: TestClient, alice: Account, uid: str) -> None:
        guests = [
            {"email": "Gus@Example.com", "name": "Gus", "timeZone": "Asia/Tokyo"},
            {"email": "hal@example.com"},
        ]
        response = client.post(
            f"/v2/bookings/{uid}/guests", headers=v2(alice), json={"guests": guests}
        )
        changed = data(response, 200)
        assert changed["uid"] == uid
        by_email = {a["email"]: a for a in changed["attendees"]}
        assert list(by_email) == ["ann@example.com", "gus@example.com", "hal@example.com"]
        assert (by_email["gus@example.com"]["name"], by_email["gus@example.com"]["timeZone"]) == (
            "Gus", "Asia/Tokyo",
        )  # fmt: skip
        # Known by address only: the address as name, the host's zone.
        assert by_email["hal@example.com"]["name"] == "hal@example.com"
        assert by_email["hal@example.com"]["timeZone"] == "Europe/London"
        listed = data(client.get(f"/v2/bookings/{uid}/attendees", headers=v2()))
        assert [a["email"] for a in listed] == list(by_email)

    def test_those_already_there_are_skipped_and_nobody_new_is_a_400(
        self, client: TestClient, alice: Account, uid: str
    ) -> None:
        path = f"/v2/bookings/{uid}/guests"
        twice = [{"email": "gus@example.com"}, {"email": "GUS@example.com"}]
        changed = data(client.post(path, headers=v2(alice), json={"guests": twice}))
        assert [a["email"] for a in changed["attendees"]] == ["ann@example.com", "gus@example.com"]
        again = [{"email": "ann@example.com"}, {"email": "gus@example.com"}]
        err = error(client.post(path, headers=v2(alice), json={"guests": again}), 400)
        assert "already an attendee" in err["message"]

    @pytest.mark.parametrize(
        ("guests", "named"),
        [
            ([], "guests"),
            ([{"email": f"g{i}@example.com"} for i in range(11)], "10 guests"),
            ([{"email": "ok@example.com"}, {"email": "not-an-email"}], "guests[1].email"),
            ([{"email": "ok@example.com", "timeZone": "Mars/Base"}], "guests[0].timeZone"),
            ([{"email": "ok@example.com", "language": "xx"}], "guests[0].language"),
            ([{"email": "ok@example.com", "phoneNumber": "12"}], "guests[0].phoneNumber"),
            ([{"name": "No Email"}], "guests.0.email"),
        ],
    )
    def test_bad_guests_are_a_400_that_adds_nobody(
        self, client: TestClient, alice: Account, uid: str, guests: list[Any], named: str
    ) -> None:
        response = client.post(
            f"/v2/bookings/{uid}/guests", headers=v2(alice), json={"guests": guests}
        )
        assert named in error(response, 400)["message"]
        assert [a["email"] for a in booking(client, uid)["attendees"]] == ["ann@example.com"]

    def test_only_the_host(self, client: TestClient, accounts: Accounts, uid: str) -> None:
        body = {"guests": [{"email": "gus@example.com"}]}
        error(client.post(f"/v2/bookings/{uid}/guests", headers=v2(), json=body), 401)
        bob = accounts.create(username="bob")
        error(client.post(f"/v2/bookings/{uid}/guests", headers=v2(bob), json=body), 403)
        assert len(booking(client, uid)["attendees"]) == 1


class TestAttendee:
    def test_the_host_adds_an_attendee(self, client: TestClient, alice: Account, uid: str) -> None:
        body = {"email": "Ned@Example.com", "name": "Ned", "timeZone": "Asia/Jerusalem"}
        added = data(
            client.post(f"/v2/bookings/{uid}/attendees", headers=v2(alice), json=body), 201
        )
        assert added == {
            "id": added["id"],
            "bookingId": booking(client, uid)["id"],
            "name": "Ned",
            "email": "ned@example.com",
            "displayEmail": "ned@example.com",
            "timeZone": "Asia/Jerusalem",
            "language": "en",
            "absent": False,
        }  # no phoneNumber key when none was given, as Cal.com leaves it out
        assert isinstance(added["id"], int)
        emails = [a["email"] for a in booking(client, uid)["attendees"]]
        assert emails == ["ann@example.com", "ned@example.com"]

    @pytest.mark.parametrize(
        ("body", "named"),
        [
            ({"name": "Ned", "timeZone": "Europe/London"}, "email"),
            ({"email": "bad", "name": "Ned", "timeZone": "Europe/London"}, "email"),
            ({"email": "ned@example.com", "timeZone": "Europe/London"}, "name"),
            ({"email": "ned@example.com", "name": "Ned"}, "timeZone"),
            ({"email": "ned@example.com", "name": "Ned", "timeZone": "Nowhere/X"}, "timeZone"),
            (
                {"email": "ned@example.com", "name": "Ned", "timeZone": "UTC", "language": "zz"},
                "language",
            ),
            ({"email": "ann@example.com", "name": "Ann", "timeZone": "UTC"}, "already"),
        ],
    )
    def test_a_bad_attendee_is_refused_and_adds_nobody(
        self, client: TestClient, alice: Account, uid: str, body: dict[str, Any], named: str
    ) -> None:
        response = client.post(f"/v2/bookings/{uid}/attendees", headers=v2(alice), json=body)
        assert response.status_code in (400, 409)
        assert named in error(response, response.status_code)["message"]
        assert len(booking(client, uid)["attendees"]) == 1

    def test_only_the_host_of_an_existing_booking(
        self, client: TestClient, alice: Account, accounts: Accounts, uid: str
    ) -> None:
        body = {"email": "ned@example.com", "name": "Ned", "timeZone": "UTC"}
        error(client.post(f"/v2/bookings/{uid}/attendees", headers=v2(), json=body), 401)
        bob = accounts.create(username="bob")
        error(client.post(f"/v2/bookings/{uid}/attendees", headers=v2(bob), json=body), 403)
        error(client.post("/v2/bookings/nope/attendees", headers=v2(alice), json=body), 404)
        assert len(booking(client, uid)["attendees"]) == 1


class TestSeated:
    def test_a_seated_booking_takes_an_attendee_as_a_seat_but_no_guests(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        seats = {"seatsPerTimeSlot": 2, "showAttendeeInfo": True}
        seated = make_event_type(client, alice, "seated", seats=seats)
        uid = data(book(client, seated, name="Ann"), 201)["uid"]
        guests = {"guests": [{"email": "gus@example.com"}]}
        err = error(client.post(f"/v2/bookings/{uid}/guests", headers=v2(alice), json=guests), 400)
        assert "seat" in err["message"]
        body = {"email": "ned@example.com", "name": "Ned", "timeZone": "UTC"}
        path = f"/v2/bookings/{uid}/attendees"
        data(client.post(path, headers=v2(alice), json=body), 201)
        seated_now = booking(client, uid)["attendees"]
        assert [a["email"] for a in seated_now] == ["ann@example.com", "ned@example.com"]
        assert all(a.get("seatUid") for a in seated_now)  # the attendee took a seat
        # Both seats are taken now: one more is a 409 that seats nobody.
        more = {"email": "oz@example.com", "name": "Oz", "timeZone": "UTC"}
        error(client.post(path, headers=v2(alice), json=more), 409)
        assert len(booking(client, uid)["attendees"]) == 2
