"""v1 attendees: ``?apiKey=`` auth, un-enveloped bodies, ``{"message"}`` errors, scoped to the
caller's bookings (foreign ids are 404), every change recorded with the booking, no partial
writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from slotwise.bookings import attendees as attendees_service
from slotwise.bookings.api_v1 import router
from slotwise.bookings.models import Attendee, Booking, BookingChange
from slotwise.clock import FrozenClock
from tests.bookings.helpers import FIRST_SLOT, book
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, make_event_type, make_schedule

ATTENDEE_FIELDS = {
    "id", "bookingId", "name", "email", "timeZone", "locale", "phoneNumber", "noShow",
}  # fmt: skip
LATER = NOW + timedelta(minutes=1)
NEW = {"email": "Zoe@Example.COM", "name": "Zoe", "timeZone": "Asia/Tokyo"}


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The conftest's app with this router, unless app.py already registers it."""
    if not any(getattr(route, "path", None) == "/v1/attendees" for route in app.routes):
        app.include_router(router)
    return app


@pytest.fixture
def bob(accounts: Accounts) -> Account:
    return accounts.create(username="bob")


@dataclass
class Hosted:
    """A booking a test account hosts, and its booker's attendee id."""

    id: int
    uid: str
    attendee_id: int


def hosted_booking(
    client: TestClient, host: Account, *, start: str = FIRST_SLOT, **event_fields: Any
) -> Hosted:
    """Schedule, event type and one booking of ``host`` (booked by Ann, Europe/Rome)."""
    make_schedule(client, host, "Europe/London")
    event_type_id = make_event_type(client, host, **event_fields)
    response = book(client, event_type_id, start)
    assert response.status_code == 201, response.text
    booking = response.json()["data"]
    attendees = client.get("/v1/attendees", params=host.v1).json()["attendees"]
    [attendee_id] = [a["id"] for a in attendees if a["bookingId"] == booking["id"]]
    return Hosted(booking["id"], booking["uid"], attendee_id)


@pytest.fixture
def alices(client: TestClient, alice: Account, clock: FrozenClock) -> Hosted:
    """Alice's booking, made at NOW; the test's own requests come a minute LATER."""
    booking = hosted_booking(client, alice)
    clock.advance(minutes=1)
    return booking


# --- reading the database ----------------------------------------------------------------------


@pytest.fixture
def db(app: FastAPI) -> Iterator[Session]:
    """A session that reads committed state afresh on every query."""
    session: Session = app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


def change_rows(db: Session, booking_id: int) -> list[tuple[str, dict[str, Any]]]:
    db.rollback()  # a fresh snapshot
    rows = db.scalars(
        select(BookingChange)
        .where(BookingChange.booking_id == booking_id)
        .order_by(BookingChange.id)
    )
    return [(row.change, row.details) for row in rows]


def booking_row(db: Session, booking_id: int) -> Booking:
    db.rollback()
    booking = db.get(Booking, booking_id, populate_existing=True)
    assert booking is not None
    return booking


def attendee_rows(db: Session) -> list[tuple[int, int, str, str, str | None]]:
    """(id, bookingId, email, name, seat_uid) of every attendee row."""
    db.rollback()
    return [
        (a.id, a.booking_id, a.email, a.name, a.seat_uid)
        for a in db.scalars(select(Attendee).order_by(Attendee.id))
    ]


def snapshot(db: Session, booking_id: int) -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    booking = booking_row(db, booking_id)
    return (
        attendee_rows(db),
        change_rows(db, booking_id),
        booking.ics_sequence,
        booking.updated_at,
    )


# --- HTTP helpers -------------------------------------------------------------------------------


def v1_error(response: Response, status: int) -> str:
    """A v1 error: the status asked for and a body that is exactly ``{"message": str}``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message"}, body
    assert isinstance(body["message"], str)
    assert body["message"]
    return str(body["message"])


def create(client: TestClient, caller: Account, body: dict[str, Any]) -> Response:
    return client.post("/v1/attendees", params=caller.v1, json=body)


def created(client: TestClient, caller: Account, body: dict[str, Any]) -> dict[str, Any]:
    response = create(client, caller, body)
    assert response.status_code == 201, response.text
    return dict(response.json()["attendee"])


def get_one(client: TestClient, caller: Account, attendee_id: int) -> dict[str, Any]:
    response = client.get(f"/v1/attendees/{attendee_id}", params=caller.v1)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"attendee"}
    return dict(body["attendee"])


def listed(client: TestClient, caller: Account) -> list[dict[str, Any]]:
    response = client.get("/v1/attendees", params=caller.v1)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"attendees"}
    return list(body["attendees"])


def patch(client: TestClient, caller: Account, attendee_id: int, body: Any) -> Response:
    return client.patch(f"/v1/attendees/{attendee_id}", params=caller.v1, json=body)


def delete(client: TestClient, caller: Account, attendee_id: int) -> Response:
    return client.delete(f"/v1/attendees/{attendee_id}", params=caller.v1)


# --- tests ----------------------------------------------------------------------------------------


class TestAuthentication:
    def test_every_route_requires_the_key_and_writes_nothing(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        before = snapshot(db, alices.id)
        for method, path, body in [
            ("GET", "/v1/attendees", None),
            ("POST", "/v1/attendees", {**NEW, "bookingId": alices.id}),
            ("GET", f"/v1/attendees/{alices.attendee_id}", None),
            ("PATCH", f"/v1/attendees/{alices.attendee_id}", {"name": "Pwned"}),
            ("DELETE", f"/v1/attendees/{alices.attendee_id}", None),
        ]:
            v1_error(client.request(method, path, json=body), 401)
            bad_key = {"apiKey": "cal_" + "0" * 32}
            v1_error(client.request(method, path, params=bad_key, json=body), 401)
            v1_error(client.request(method, path, headers=alice.headers, json=body), 401)
        assert snapshot(db, alices.id) == before


class TestRead:
    def test_the_host_lists_their_bookings_attendees(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        assert listed(client, alice) == [
            {
                "id": alices.attendee_id,
                "bookingId": alices.id,
                "name": "Ann",
                "email": "ann@example.com",
                "timeZone": "Europe/Rome",
                "locale": "en",
                "phoneNumber": None,
                "noShow": False,
            }
        ]

    def test_the_list_is_ordered_by_id(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        second = hosted_booking(client, alice, start="2030-03-27T10:00:00Z", slug="second")
        added = created(client, alice, {**NEW, "bookingId": alices.id})
        ids = [a["id"] for a in listed(client, alice)]
        assert ids == sorted(ids) == [alices.attendee_id, second.attendee_id, added["id"]]
        assert all(set(a) == ATTENDEE_FIELDS for a in listed(client, alice))

    def test_each_host_sees_only_their_own_and_an_admin_sees_all(
        self,
        client: TestClient,
        accounts: Accounts,
        alice: Account,
        bob: Account,
        admin: Account,
        alices: Hosted,
    ) -> None:
        bobs = hosted_booking(client, bob)
        assert [a["id"] for a in listed(client, alice)] == [alices.attendee_id]
        assert [a["id"] for a in listed(client, bob)] == [bobs.attendee_id]
        assert [a["id"] for a in listed(client, admin)] == [alices.attendee_id, bobs.attendee_id]
        assert listed(client, accounts.create(username="carol")) == []

    def test_get_one_has_the_listed_shape(
        self, client: TestClient, alice: Account, admin: Account, alices: Hosted
    ) -> None:
        attendee = get_one(client, alice, alices.attendee_id)
        assert set(attendee) == ATTENDEE_FIELDS
        assert listed(client, alice) == [attendee]
        assert get_one(client, admin, alices.attendee_id) == attendee

    def test_someone_elses_attendee_is_a_404_like_an_unknown_id(
        self, client: TestClient, bob: Account, alices: Hosted
    ) -> None:
        foreign = v1_error(client.get(f"/v1/attendees/{alices.attendee_id}", params=bob.v1), 404)
        unknown = v1_error(client.get("/v1/attendees/99999", params=bob.v1), 404)
        assert "ann" not in foreign.lower()
        assert foreign.replace(str(alices.attendee_id), "N") == unknown.replace("99999", "N")

    @pytest.mark.parametrize("attendee_id", ["abc", "1.5", "0", "-1", "2147483648"])
    def test_a_bad_id_is_a_400_on_every_route(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session, attendee_id: str
    ) -> None:
        before = snapshot(db, alices.id)
        for method in ("GET", "PATCH", "DELETE"):
            response = client.request(
                method,
                f"/v1/attendees/{attendee_id}",
                params=alice.v1,
                json={"name": "X"} if method == "PATCH" else None,
            )
            v1_error(response, 400)
        assert snapshot(db, alices.id) == before


class TestCreate:
    def test_the_host_adds_an_attendee(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        before = booking_row(db, alices.id)
        assert before.updated_at == NOW
        sequence = before.ics_sequence
        response = create(client, alice, {**NEW, "bookingId": alices.id})
        assert response.status_code == 201, response.text
        body = response.json()
        assert set(body) == {"attendee", "message"}
        assert body["message"] == "Attendee created successfully"  # Cal.com's v1 wording
        attendee = body["attendee"]
        assert attendee == {
            "id": attendee["id"],
            "bookingId": alices.id,
            "name": "Zoe",
            "email": "zoe@example.com",  # lower-cased
            "timeZone": "Asia/Tokyo",
            "locale": "en",
            "phoneNumber": None,
            "noShow": False,
        }
        assert attendee["id"] > alices.attendee_id
        assert get_one(client, alice, attendee["id"]) == attendee  # persisted, not just echoed
        after = booking_row(db, alices.id)
        assert after.ics_sequence == sequence + 1
        assert after.updated_at == LATER
        db.rollback()
        [row] = db.scalars(select(BookingChange).where(BookingChange.change == "attendee_added"))
        assert row.created_at == LATER
        assert change_rows(db, alices.id) == [
            ("created", {}),
            ("attendee_added", {"attendeeId": attendee["id"], "email": "zoe@example.com"}),
        ]
        assert attendee_rows(db)[-1][4] is None  # not a seated event: no seat uid

    def test_optional_locale_and_phone_number(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        body = {**NEW, "bookingId": alices.id, "locale": "pt-BR", "phoneNumber": "+442071234567"}
        attendee = created(client, alice, body)
        assert attendee["locale"] == "pt-BR"
        assert attendee["phoneNumber"] == "+442071234567"

    def test_the_name_is_trimmed(self, client: TestClient, alice: Account, alices: Hosted) -> None:
        attendee = created(client, alice, {**NEW, "name": "  Zoe Q  ", "bookingId": alices.id})
        assert attendee["name"] == "Zoe Q"

    def test_an_admin_adds_to_anyones_booking(
        self, client: TestClient, alice: Account, admin: Account, alices: Hosted
    ) -> None:
        attendee = created(client, admin, {**NEW, "bookingId": alices.id})
        assert attendee["bookingId"] == alices.id
        assert attendee["id"] in [a["id"] for a in listed(client, alice)]

    def test_someone_elses_booking_is_a_404_like_an_unknown_one_and_writes_nothing(
        self, client: TestClient, bob: Account, alices: Hosted, db: Session
    ) -> None:
        hosted_booking(client, bob)  # bob hosts bookings too, just not this one
        before = snapshot(db, alices.id)
        foreign = v1_error(create(client, bob, {**NEW, "bookingId": alices.id}), 404)
        unknown = v1_error(create(client, bob, {**NEW, "bookingId": 99999}), 404)
        assert "Booking" in foreign
        assert foreign.replace(str(alices.id), "N") == unknown.replace("99999", "N")
        assert snapshot(db, alices.id) == before

    @pytest.mark.parametrize(
        ("change", "fields"),
        [
            ({"email": "not-an-email"}, ["email"]),
            ({"email": "a@b"}, ["email"]),
            ({"email": "x" * 250 + "@example.com"}, ["email"]),
            ({"timeZone": "Mars/Olympus_Mons"}, ["timeZone"]),
            ({"timeZone": "utc+2"}, ["timeZone"]),
            ({"name": ""}, ["name"]),
            ({"name": "   "}, ["name"]),
            ({"name": "x" * 201}, ["name"]),
            ({"locale": "klingon"}, ["locale"]),
            ({"phoneNumber": "12345"}, ["phoneNumber"]),
            ({"email": "nope", "timeZone": "Nowhere/City"}, ["email", "timeZone"]),
            ({"email": None}, ["email"]),
            ({"bookingId": "1"}, ["bookingId"]),
            ({"bookingId": 0}, ["bookingId"]),
            ({"bookingId": 1.5}, ["bookingId"]),
            ({"name": 7}, ["name"]),
            ({"emails": "zoe@example.com"}, ["emails"]),  # unknown keys are refused on v1
            ({"seatUid": "abc"}, ["seatUid"]),
            ({"noShow": True}, ["noShow"]),  # not a create field
        ],
    )
    def test_bad_input_is_a_400_naming_each_field_and_writes_nothing(
        self,
        client: TestClient,
        alice: Account,
        alices: Hosted,
        db: Session,
        change: dict[str, Any],
        fields: list[str],
    ) -> None:
        before = snapshot(db, alices.id)
        message = v1_error(create(client, alice, {**NEW, "bookingId": alices.id, **change}), 400)
        for field in fields:
            assert field in message
        assert snapshot(db, alices.id) == before

    @pytest.mark.parametrize("missing", ["bookingId", "email", "name", "timeZone"])
    def test_every_field_is_required(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session, missing: str
    ) -> None:
        before = snapshot(db, alices.id)
        body = {**NEW, "bookingId": alices.id}
        del body[missing]
        assert missing in v1_error(create(client, alice, body), 400)
        assert snapshot(db, alices.id) == before

    def test_a_body_that_is_not_json_is_a_400(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        response = client.post(
            "/v1/attendees",
            params=alice.v1,
            headers={"Content-Type": "application/json"},
            content=b"{not json",
        )
        v1_error(response, 400)

    @pytest.mark.parametrize("email", ["ann@example.com", "ANN@Example.com"])
    def test_an_email_already_attending_is_a_409(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session, email: str
    ) -> None:
        before = snapshot(db, alices.id)
        v1_error(create(client, alice, {**NEW, "email": email, "bookingId": alices.id}), 409)
        assert snapshot(db, alices.id) == before

    def test_a_cancelled_booking_takes_no_attendees(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        cancel = client.post(
            f"/v2/bookings/{alices.uid}/cancel",
            headers={**alice.headers, "cal-api-version": "2024-08-13"},
            json={"cancellationReason": "ill"},
        )
        assert cancel.status_code == 200, cancel.text
        before = snapshot(db, alices.id)
        assert "cancelled" in v1_error(create(client, alice, {**NEW, "bookingId": alices.id}), 400)
        assert snapshot(db, alices.id) == before

    def test_a_seated_booking_gives_each_new_attendee_a_seat_until_full(
        self, client: TestClient, alice: Account, db: Session
    ) -> None:
        seated = hosted_booking(client, alice, seats={"seatsPerTimeSlot": 2})
        added = created(client, alice, {**NEW, "bookingId": seated.id})
        rows = {row[0]: row for row in attendee_rows(db)}
        seat_uid = rows[added["id"]][4]
        assert seat_uid is not None
        assert re.fullmatch(r"[0-9a-f]{32}", seat_uid)
        assert seat_uid != rows[seated.attendee_id][4]
        assert change_rows(db, seated.id)[-1] == (
            "attendee_added",
            {"attendeeId": added["id"], "email": "zoe@example.com", "seatUid": seat_uid},
        )
        before = snapshot(db, seated.id)
        third = {**NEW, "email": "third@example.com", "bookingId": seated.id}
        assert "seats" in v1_error(create(client, alice, third), 409)
        assert snapshot(db, seated.id) == before


class TestUpdate:
    def test_the_host_changes_an_attendee(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        sequence = booking_row(db, alices.id).ics_sequence
        change = {"name": "Ann B.", "email": "Ann.B@Example.com", "timeZone": "America/Chicago"}
        response = patch(client, alice, alices.attendee_id, change)
        assert response.status_code == 200, response.text
        assert set(response.json()) == {"attendee"}
        attendee = response.json()["attendee"]
        assert attendee == {
            "id": alices.attendee_id,
            "bookingId": alices.id,
            "name": "Ann B.",
            "email": "ann.b@example.com",
            "timeZone": "America/Chicago",
            "locale": "en",
            "phoneNumber": None,
            "noShow": False,
        }
        assert get_one(client, alice, alices.attendee_id) == attendee
        booking = booking_row(db, alices.id)
        assert booking.ics_sequence == sequence + 1
        assert booking.updated_at == LATER
        assert change_rows(db, alices.id)[-1] == (
            "attendee_updated",
            {
                "attendeeId": alices.attendee_id,
                "email": "ann.b@example.com",
                "changes": {
                    "name": {"from": "Ann", "to": "Ann B."},
                    "email": {"from": "ann@example.com", "to": "ann.b@example.com"},
                    "timeZone": {"from": "Europe/Rome", "to": "America/Chicago"},
                },
            },
        )

    def test_a_partial_change_leaves_the_rest(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        before = get_one(client, alice, alices.attendee_id)
        response = patch(client, alice, alices.attendee_id, {"timeZone": "Asia/Kolkata"})
        assert response.status_code == 200, response.text
        assert get_one(client, alice, alices.attendee_id) == {**before, "timeZone": "Asia/Kolkata"}

    def test_locale_and_phone_number_can_change_and_the_phone_be_cleared(
        self, client: TestClient, alice: Account, alices: Hosted
    ) -> None:
        body = {"locale": "de", "phoneNumber": "+4930123456"}
        attendee = patch(client, alice, alices.attendee_id, body).json()["attendee"]
        assert (attendee["locale"], attendee["phoneNumber"]) == ("de", "+4930123456")
        response = patch(client, alice, alices.attendee_id, {"phoneNumber": None})
        assert response.status_code == 200, response.text
        assert response.json()["attendee"]["phoneNumber"] is None

    def test_a_change_to_nothing_new_records_nothing(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        before = snapshot(db, alices.id)
        attendee = get_one(client, alice, alices.attendee_id)
        for body in ({}, {"name": "Ann", "email": "ANN@example.com"}):
            response = patch(client, alice, alices.attendee_id, body)
            assert response.status_code == 200, response.text
            assert response.json()["attendee"] == attendee
        assert snapshot(db, alices.id) == before

    def test_no_show_is_recorded_as_such_without_a_new_calendar_sequence(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        sequence = booking_row(db, alices.id).ics_sequence
        response = patch(client, alice, alices.attendee_id, {"noShow": True})
        assert response.status_code == 200, response.text
        assert response.json()["attendee"]["noShow"] is True
        booking = booking_row(db, alices.id)
        assert (booking.ics_sequence, booking.updated_at) == (sequence, LATER)
        assert change_rows(db, alices.id)[-1] == (
            "no_show_updated",
            {"attendees": [{"email": "ann@example.com", "noShow": True}]},
        )

    def test_an_admin_changes_anyones_attendee(
        self, client: TestClient, alice: Account, admin: Account, alices: Hosted
    ) -> None:
        response = patch(client, admin, alices.attendee_id, {"name": "By Admin"})
        assert response.status_code == 200, response.text
        assert get_one(client, alice, alices.attendee_id)["name"] == "By Admin"

    def test_someone_elses_attendee_is_a_404_and_changes_nothing(
        self, client: TestClient, bob: Account, alices: Hosted, db: Session
    ) -> None:
        hosted_booking(client, bob)
        before = snapshot(db, alices.id)
        v1_error(patch(client, bob, alices.attendee_id, {"name": "Pwned"}), 404)
        v1_error(patch(client, bob, 99999, {"name": "Pwned"}), 404)
        assert snapshot(db, alices.id) == before

    @pytest.mark.parametrize(
        ("change", "fields"),
        [
            ({"name": "Fine", "email": "not-an-email"}, ["email"]),  # all or nothing
            ({"name": "Fine", "timeZone": "Nowhere/City"}, ["timeZone"]),
            ({"email": "bad", "timeZone": "bad"}, ["email", "timeZone"]),
            ({"name": ""}, ["name"]),
            ({"name": None}, ["name"]),
            ({"email": None}, ["email"]),
            ({"timeZone": None}, ["timeZone"]),
            ({"locale": None}, ["locale"]),
            ({"noShow": "yes"}, ["noShow"]),
            ({"bookingId": 1}, ["bookingId"]),  # attendees do not move between bookings
            ({"name": "Fine", "timezone": "Asia/Tokyo"}, ["timezone"]),
        ],
    )
    def test_bad_input_is_a_400_naming_each_field_and_changes_nothing(
        self,
        client: TestClient,
        alice: Account,
        alices: Hosted,
        db: Session,
        change: dict[str, Any],
        fields: list[str],
    ) -> None:
        before = snapshot(db, alices.id)
        message = v1_error(patch(client, alice, alices.attendee_id, change), 400)
        for field in fields:
            assert field in message
        assert snapshot(db, alices.id) == before

    def test_taking_another_attendees_email_is_a_409(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        added = created(client, alice, {**NEW, "bookingId": alices.id})
        before = snapshot(db, alices.id)
        v1_error(patch(client, alice, added["id"], {"email": "Ann@example.com"}), 409)
        assert snapshot(db, alices.id) == before


class TestDelete:
    def test_the_host_removes_an_attendee(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        added = created(client, alice, {**NEW, "bookingId": alices.id})
        sequence = booking_row(db, alices.id).ics_sequence
        response = delete(client, alice, added["id"])
        assert response.status_code == 200, response.text
        assert response.json() == {
            "message": f"Attendee with id: {added['id']} deleted successfully"
        }
        v1_error(client.get(f"/v1/attendees/{added['id']}", params=alice.v1), 404)
        assert [a["id"] for a in listed(client, alice)] == [alices.attendee_id]
        booking = booking_row(db, alices.id)
        assert (booking.ics_sequence, booking.updated_at) == (sequence + 1, LATER)
        assert change_rows(db, alices.id)[-1] == (
            "attendee_removed",
            {"attendeeId": added["id"], "email": "zoe@example.com"},
        )
        v1_error(delete(client, alice, added["id"]), 404)  # gone: a second delete is a 404

    def test_the_last_attendee_cannot_be_removed(
        self, client: TestClient, alice: Account, alices: Hosted, db: Session
    ) -> None:
        before = snapshot(db, alices.id)
        assert "last attendee" in v1_error(delete(client, alice, alices.attendee_id), 400)
        assert snapshot(db, alices.id) == before
        assert get_one(client, alice, alices.attendee_id)["name"] == "Ann"

    def test_removing_a_seat_frees_it(self, client: TestClient, alice: Account) -> None:
        seated = hosted_booking(client, alice, seats={"seatsPerTimeSlot": 2})
        second = created(client, alice, {**NEW, "bookingId": seated.id})
        assert delete(client, alice, second["id"]).status_code == 200
        created(client, alice, {**NEW, "email": "again@example.com", "bookingId": seated.id})

    def test_someone_elses_attendee_is_a_404_and_stays(
        self, client: TestClient, alice: Account, bob: Account, alices: Hosted, db: Session
    ) -> None:
        created(client, alice, {**NEW, "bookingId": alices.id})  # so the delete is allowed
        before = snapshot(db, alices.id)
        v1_error(delete(client, bob, alices.attendee_id), 404)
        assert snapshot(db, alices.id) == before

    def test_an_admin_removes_anyones_attendee(
        self, client: TestClient, alice: Account, admin: Account, alices: Hosted
    ) -> None:
        added = created(client, alice, {**NEW, "bookingId": alices.id})
        assert delete(client, admin, added["id"]).status_code == 200
        assert [a["id"] for a in listed(client, alice)] == [alices.attendee_id]


class TestTransactions:
    def test_a_failure_after_the_change_was_recorded_rolls_everything_back(
        self,
        client: TestClient,
        alice: Account,
        alices: Hosted,
        db: Session,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        real_record = attendees_service.record

        def record_then_fail(*args: Any, **kwargs: Any) -> Any:
            real_record(*args, **kwargs)
            args[0].flush()  # the change row reached the database ...
            raise RuntimeError("boom")  # ... and then the request fails

        monkeypatch.setattr(attendees_service, "record", record_then_fail)
        added_first = snapshot(db, alices.id)
        assert create(client, alice, {**NEW, "bookingId": alices.id}).status_code == 500
        assert patch(client, alice, alices.attendee_id, {"name": "X"}).status_code == 500
        assert snapshot(db, alices.id) == added_first  # no attendee, no change row, no bump
        assert [row[0] for row in change_rows(db, alices.id)] == ["created"]
