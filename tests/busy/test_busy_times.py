"""A booking's busy row follows the booking through every use case: slots read its seats,
confirmation, buffers and event type from the row and never from bookings' tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from slotwise.bookings.models import Booking
from slotwise.busy.models import BusyTime
from tests.bookings.helpers import FIRST_SLOT, book, v2
from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule, slots, starts

NINE = datetime(2030, 3, 26, 9, 0, tzinfo=UTC)
ELEVEN = "2030-03-26T11:00:00Z"
DAY = {"start": "2030-03-26", "end": "2030-03-26"}
MINUTE = timedelta(minutes=1)


def booked(client: TestClient, event_type_id: int, **fields: Any) -> Any:
    return data(book(client, event_type_id, FIRST_SLOT, **fields), 201)


def action(
    client: TestClient,
    uid: str,
    name: str,
    body: dict[str, Any] | None = None,
    account: Account | None = None,
) -> Response:
    return client.post(f"/v2/bookings/{uid}/{name}", headers=v2(account), json=body or {})


def rows(app: FastAPI, uid: str) -> list[BusyTime]:
    """The busy rows of one booking, read straight from the table."""
    with app.state.session_factory() as session:
        statement = (
            select(BusyTime)
            .join(Booking, Booking.id == BusyTime.booking_id)
            .where(Booking.uid == uid)
            .order_by(BusyTime.id)
        )
        return list(session.scalars(statement))


def seats_booked(client: TestClient, event_type_id: int) -> int:
    [slot] = [
        s
        for s in slots(client, eventTypeId=event_type_id, **DAY)["2030-03-26"]
        if s["start"] == "2030-03-26T09:00:00.000Z"
    ]
    return int(slot["seatsBooked"])


@pytest.fixture
def hours(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")


class TestWrittenWithTheBooking:
    def test_the_row_holds_the_meeting_its_buffers_and_its_source(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        buffered = make_event_type(
            client, alice, "buffered", beforeEventBuffer=10, afterEventBuffer=5
        )
        booking = booked(client, buffered)
        [row] = rows(app, booking["uid"])
        assert (row.user_id, row.event_type_id, row.booking_uid) == (
            alice.id,
            buffered,
            booking["uid"],
        )
        assert (row.meeting_starts_at, row.meeting_ends_at) == (NINE, NINE + 30 * MINUTE)
        assert (row.starts_at, row.ends_at) == (NINE - 10 * MINUTE, NINE + 35 * MINUTE)
        assert (row.seats_taken, row.confirmed) == (1, True)

    def test_a_pending_booking_is_confirmed_when_its_host_confirms(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        approval = make_event_type(client, alice, "approval", confirmationPolicy={"type": "always"})
        uid = booked(client, approval)["uid"]
        assert [row.confirmed for row in rows(app, uid)] == [False]
        data(action(client, uid, "confirm", account=alice))
        assert [row.confirmed for row in rows(app, uid)] == [True]

    def test_cancelling_and_declining_free_the_row(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        intro = make_event_type(client, alice)
        approval = make_event_type(client, alice, "approval", confirmationPolicy={"type": "always"})
        cancelled = booked(client, intro)["uid"]
        data(action(client, cancelled, "cancel"))
        declined = data(book(client, approval, ELEVEN), 201)["uid"]
        data(action(client, declined, "decline", account=alice))
        assert rows(app, cancelled) == []
        assert rows(app, declined) == []

    def test_a_reschedule_moves_the_row_to_the_new_booking(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        buffered = make_event_type(client, alice, "buffered", afterEventBuffer=15)
        old = booked(client, buffered)["uid"]
        new = data(action(client, old, "reschedule", {"start": ELEVEN}), 201)["uid"]
        assert rows(app, old) == []
        [row] = rows(app, new)
        eleven = NINE + 2 * timedelta(hours=1)
        assert (row.meeting_starts_at, row.ends_at) == (eleven, eleven + 45 * MINUTE)
        assert (row.booking_uid, row.seats_taken, row.confirmed) == (new, 1, True)

    def test_a_deleted_event_type_leaves_its_bookings_blocking(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        intro = make_event_type(client, alice)
        other = make_event_type(client, alice, "other")
        uid = booked(client, intro)["uid"]
        deleted = client.delete(
            f"/v2/event-types/{intro}", headers={**alice.headers, "cal-api-version": "2024-06-14"}
        )
        data(deleted)
        assert [row.event_type_id for row in rows(app, uid)] == [None]
        assert "2030-03-26T09:00:00.000Z" not in starts(slots(client, eventTypeId=other, **DAY))


class TestSeats:
    def test_seats_taken_follows_every_seat_and_attendee_change(
        self, app: FastAPI, client: TestClient, alice: Account, hours: None
    ) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 4})
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        uid = ann["uid"]
        assert [row.seats_taken for row in rows(app, uid)] == [2]
        assert seats_booked(client, seated) == 2

        data(action(client, uid, "cancel", {"seatUid": ann["seatUid"]}))
        assert [row.seats_taken for row in rows(app, uid)] == [1]

        added = client.post(
            "/v1/attendees",
            params=alice.v1,
            json={"bookingId": ann["id"], "name": "Cy", "email": "cy@example.com",
                  "timeZone": "Europe/Paris"},
        )  # fmt: skip
        assert added.status_code == 201, added.text
        assert [row.seats_taken for row in rows(app, uid)] == [2]
        assert seats_booked(client, seated) == 2

        removed = client.delete(f"/v1/attendees/{added.json()['attendee']['id']}", params=alice.v1)
        assert removed.status_code == 200, removed.text
        assert [row.seats_taken for row in rows(app, uid)] == [1]
        assert seats_booked(client, seated) == 1


class TestLimits:
    def test_only_confirmed_bookings_count_toward_a_booking_limit(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        limited = make_event_type(
            client,
            alice,
            "limited",
            confirmationPolicy={"type": "always"},
            bookingLimitsCount={"day": 1},
        )
        uid = booked(client, limited)["uid"]
        assert ELEVEN.replace("Z", ".000Z") in starts(slots(client, eventTypeId=limited, **DAY))
        data(action(client, uid, "confirm", account=alice))
        assert starts(slots(client, eventTypeId=limited, **DAY)) == []
