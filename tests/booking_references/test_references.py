"""Booking references: ``record`` (what calendars will call), the host's v2 list by booking
uid, and v1's CRUD, each scoped like the bookings they belong to."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.booking_references import service as references
from slotwise.bookings import repository as bookings
from slotwise.db import transaction
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule

BOOKINGS = {"cal-api-version": "2024-08-13"}
V1_KEYS = {
    "id", "type", "bookingId", "uid", "meetingId", "meetingPassword", "meetingUrl",
    "externalCalendarId", "deleted", "credentialId",
}  # fmt: skip


def booked(client: TestClient, host: Account, start: str = "2030-03-26T09:00:00Z") -> str:
    """A booking hosted by ``host``; returns its uid."""
    make_schedule(client, host, "Europe/London")
    event_type_id = make_event_type(client, host, f"talk-{start[11:13]}", minimumBookingNotice=0)
    booking = client.post(
        "/v2/bookings",
        headers=BOOKINGS,
        json={
            "start": start, "eventTypeId": event_type_id,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        },
    )  # fmt: skip
    uid: str = data(booking, 201)["uid"]
    return uid


def record(app: FastAPI, booking_uid: str, **fields: Any) -> int:
    """What the calendars domain will do after writing an event."""
    with transaction(app.state.write_session_factory) as session:
        booking = bookings.by_uid(session, booking_uid)
        assert booking is not None
        return references.record(session, booking.id, **fields).id


def references_path(uid: str) -> str:
    return f"/v2/bookings/{uid}/references"


class TestV2References:
    def test_empty_then_recorded_then_filtered(
        self, app: FastAPI, client: TestClient, alice: Account
    ) -> None:
        uid = booked(client, alice)
        assert data(client.get(references_path(uid), headers=alice.headers)) == []

        calendar = record(
            app, uid, type="caldav_calendar", uid="event-1.ics",
            external_calendar_id="/alice/calendar/",
        )  # fmt: skip
        video = record(
            app, uid, type="daily_video", uid="room-1", meeting_url="https://video.example/r1"
        )
        listed = data(client.get(references_path(uid), headers=alice.headers))
        assert listed == [
            {"id": calendar, "type": "caldav_calendar", "eventUid": "event-1.ics",
             "destinationCalendarId": "/alice/calendar/"},
            {"id": video, "type": "daily_video", "eventUid": "room-1",
             "destinationCalendarId": None},
        ]  # fmt: skip
        only = client.get(
            references_path(uid), headers=alice.headers, params={"type": "daily_video"}
        )
        assert [r["id"] for r in data(only)] == [video]

    def test_scoped_like_the_booking(
        self, app: FastAPI, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        uid = booked(client, alice)
        record(app, uid, type="caldav_calendar", uid="event-1.ics")
        bob = accounts.create(username="bob")
        assert error(client.get(references_path(uid), headers=bob.headers), 403)
        assert error(client.get(references_path(uid)), 401)
        assert error(client.get(references_path("nope"), headers=alice.headers), 404)


class TestV1References:
    def test_crud(self, app: FastAPI, client: TestClient, alice: Account) -> None:
        uid = booked(client, alice)
        assert client.get("/v1/booking-references", params=alice.v1).json() == {
            "booking_references": []
        }
        with transaction(app.state.write_session_factory) as session:
            booking = bookings.by_uid(session, uid)
            assert booking is not None
            booking_id = booking.id

        created = client.post(
            "/v1/booking-references",
            params=alice.v1,
            json={"bookingId": booking_id, "type": "zoom_video", "uid": "z-1",
                  "meetingId": "123", "meetingPassword": "pw", "meetingUrl": "https://z/1"},
        )  # fmt: skip
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["message"] == "Booking reference created successfully"
        reference = body["booking_reference"]
        assert set(reference) == V1_KEYS
        assert reference["bookingId"] == booking_id
        assert (reference["meetingId"], reference["deleted"]) == ("123", False)

        path = f"/v1/booking-references/{reference['id']}"
        assert client.get(path, params=alice.v1).json() == {"booking_reference": reference}
        changed = client.patch(path, params=alice.v1, json={"meetingPassword": None})
        assert changed.status_code == 200, changed.text
        assert changed.json()["booking_reference"]["meetingPassword"] is None
        listed = client.get("/v1/booking-references", params=alice.v1).json()
        assert [r["id"] for r in listed["booking_references"]] == [reference["id"]]
        # v2 sees the same row
        assert [
            r["eventUid"] for r in data(client.get(references_path(uid), headers=alice.headers))
        ] == ["z-1"]

        deleted = client.delete(path, params=alice.v1)
        assert deleted.json() == {
            "message": f"Booking reference with id: {reference['id']} deleted successfully"
        }
        assert client.get(path, params=alice.v1).status_code == 404

    def test_bad_input_is_400_and_writes_nothing(self, client: TestClient, alice: Account) -> None:
        booked(client, alice)
        for body in (
            {"type": "zoom_video", "uid": "z"},  # no bookingId
            {"bookingId": 1, "uid": "z"},  # no type
            {"bookingId": "1", "type": "zoom_video", "uid": "z"},
            {"bookingId": 1, "type": "zoom_video", "uid": "z", "surprise": 1},
        ):
            response = client.post("/v1/booking-references", params=alice.v1, json=body)
            assert response.status_code == 400, (body, response.text)
        assert client.get("/v1/booking-references", params=alice.v1).json() == {
            "booking_references": []
        }

    def test_another_hosts_references_are_404_and_admin_sees_all(
        self, app: FastAPI, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        uid = booked(client, alice)
        reference_id = record(app, uid, type="caldav_calendar", uid="event-1.ics")
        bob = accounts.create(username="bob")
        root = accounts.create(username="root", admin=True)
        path = f"/v1/booking-references/{reference_id}"
        assert client.get(path, params=bob.v1).status_code == 404
        assert client.patch(path, params=bob.v1, json={"uid": "x"}).status_code == 404
        assert client.delete(path, params=bob.v1).status_code == 404
        assert client.get("/v1/booking-references", params=bob.v1).json() == {
            "booking_references": []
        }
        with transaction(app.state.write_session_factory) as session:
            booking = bookings.by_uid(session, uid)
            assert booking is not None
            booking_id = booking.id
        foreign = client.post(
            "/v1/booking-references",
            params=bob.v1,
            json={"bookingId": booking_id, "type": "zoom_video", "uid": "z"},
        )
        assert foreign.status_code == 404
        seen = client.get("/v1/booking-references", params=root.v1).json()["booking_references"]
        assert [(r["id"], r["uid"]) for r in seen] == [(reference_id, "event-1.ics")]
        assert client.get(path, params=alice.v1).json()["booking_reference"]["uid"] == "event-1.ics"
