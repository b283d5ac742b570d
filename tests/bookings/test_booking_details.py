"""GET /v2/bookings/{uid}/calendar-links and /attendees (2024-08-13): read by the booking's
uid like the booking itself (no key needed), 404 for an unknown uid, a 400 naming the
version for other ``cal-api-version`` values, and a seat holder sees only their seat."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from tests.bookings.helpers import book, v2
from tests.conftest import Account
from tests.slots.helpers import data, error, make_event_type, make_schedule


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


def booked(client: TestClient, event_type_id: int, **fields: object) -> str:
    uid: str = data(book(client, event_type_id, **fields), 201)["uid"]
    return uid


class TestCalendarLinks:
    def test_google_office_outlook_and_ics(
        self, client: TestClient, intro: int, clock: FrozenClock
    ) -> None:
        uid = booked(client, intro, location="https://example.com/room")
        links = data(client.get(f"/v2/bookings/{uid}/calendar-links", headers=v2()))
        assert [link["label"] for link in links] == [
            "Google", "Microsoft Office", "Microsoft Outlook", "ICS",
        ]  # fmt: skip
        google = urlsplit(links[0]["link"])
        assert google.netloc == "calendar.google.com"
        query = parse_qs(google.query)
        assert query["dates"] == ["20300326T090000Z/20300326T093000Z"]
        assert query["location"] == ["https://example.com/room"]
        assert query["text"][0].startswith("Intro")
        for link in links[1:3]:
            outlook = parse_qs(urlsplit(link["link"]).query)
            assert outlook["startdt"] == ["2030-03-26T09:00:00Z"]
            assert outlook["enddt"] == ["2030-03-26T09:30:00Z"]
            assert outlook["rru"] == ["addevent"]
        assert links[3]["link"].endswith(f"/booking/{uid}/ics")
        # The ICS link is the booking page's download, and it answers.
        ics = client.get(urlsplit(links[3]["link"]).path)
        assert ics.status_code == 200
        assert "BEGIN:VCALENDAR" in ics.text

    def test_unknown_uid_and_other_versions(self, client: TestClient, intro: int) -> None:
        err = error(client.get("/v2/bookings/nope/calendar-links", headers=v2()), 404)
        assert "nope" in err["message"]
        uid = booked(client, intro)
        err = error(client.get(f"/v2/bookings/{uid}/calendar-links", headers=v2(version=None)), 400)
        assert "2024-08-13" in err["message"]


class TestAttendees:
    def test_the_bookings_attendees(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro, guests=["gus@example.com"])
        attendees = data(client.get(f"/v2/bookings/{uid}/attendees", headers=v2()))
        assert [a["email"] for a in attendees] == ["ann@example.com"]  # guests are apart
        first = attendees[0]
        assert (first["name"], first["timeZone"], first["absent"]) == ("Ann", "Europe/Rome", False)
        # The same attendees as the booking itself shows.
        booking = data(client.get(f"/v2/bookings/{uid}", headers=v2()))
        assert attendees == booking["attendees"]

    def test_unknown_uid(self, client: TestClient) -> None:
        error(client.get("/v2/bookings/nope/attendees", headers=v2()), 404)

    def test_a_seat_holder_sees_only_their_seat(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "Europe/London")
        seats = {"seatsPerTimeSlot": 3, "showAttendeeInfo": False}
        seated = make_event_type(client, alice, "seated", seats=seats)
        first = data(book(client, seated, name="Ann"), 201)
        data(book(client, seated, name="Bob"), 201)
        uid = first["uid"]
        anonymous = data(client.get(f"/v2/bookings/{uid}/attendees", headers=v2()))
        host = data(client.get(f"/v2/bookings/{uid}/attendees", headers=v2(alice)))
        assert len(host) == 2
        assert len(anonymous) < len(host)
