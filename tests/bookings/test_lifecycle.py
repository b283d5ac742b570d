"""What happens to a booking after it is made, with ``cal-api-version: 2024-08-13``
(spec/api.md §6.3; scheduling.md §8, §11): cancel (also a series and a seat), reschedule,
confirm, decline, mark-absent, the version header, and the booking_changes row each
change leaves.

Now is Monday 2030-03-25 06:00Z; Alice works Monday-Friday 09:00-17:00 Europe/London.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from slotwise.bookings.models import Booking, BookingChange
from slotwise.clock import FrozenClock
from tests.bookings.helpers import FIRST_SLOT, attendee, book, v2
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule, slots
from tests.slots.helpers import starts as slot_starts

NINE = "2030-03-26T09:00:00.000Z"
ELEVEN = "2030-03-26T11:00:00.000Z"
DAY = {"start": "2030-03-26", "end": "2030-03-26"}


def action(
    client: TestClient,
    uid: str,
    name: str,
    body: dict[str, Any] | None = None,
    account: Account | None = None,
    version: str | None = "2024-08-13",
) -> Response:
    return client.post(f"/v2/bookings/{uid}/{name}", headers=v2(account, version), json=body or {})


def read(client: TestClient, uid: str, account: Account | None = None) -> Any:
    return data(client.get(f"/v2/bookings/{uid}", headers=v2(account)))


def day_starts(client: TestClient, event_type_id: int) -> list[str]:
    return slot_starts(slots(client, eventTypeId=event_type_id, **DAY))


def detail_fields(err: dict[str, Any]) -> set[str]:
    return {d["field"] for d in err.get("details") or []}


def changes(app: FastAPI, uid: str) -> list[str]:
    """The booking_changes rows of one booking, oldest first."""
    with app.state.session_factory() as session:
        booking_id = session.scalar(select(Booking.id).where(Booking.uid == uid))
        assert booking_id is not None
        return list(
            session.scalars(
                select(BookingChange.change)
                .where(BookingChange.booking_id == booking_id)
                .order_by(BookingChange.id)
            )
        )


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    """Alice's 30-minute event."""
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


@pytest.fixture
def approval(client: TestClient, alice: Account, intro: int) -> int:
    """Alice's 30-minute event that she confirms."""
    return make_event_type(
        client,
        alice,
        "approval",
        confirmationPolicy={"type": "always", "blockUnconfirmedBookingsInBooker": True},
    )


@pytest.fixture
def bob(accounts: Accounts) -> Account:
    return accounts.create(username="bob")


def booked(client: TestClient, event_type_id: int, start: str = FIRST_SLOT, **fields: Any) -> Any:
    return data(book(client, event_type_id, start, **fields), 201)


class TestCancel:
    def test_anyone_with_the_uid_cancels_with_a_reason(
        self, client: TestClient, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        cancelled = data(action(client, uid, "cancel", {"cancellationReason": "Ill"}))
        assert cancelled["uid"] == uid
        assert cancelled["status"] == "cancelled"
        assert cancelled["cancellationReason"] == "Ill"
        stored = read(client, uid)
        assert stored["status"] == "cancelled"
        assert stored["cancellationReason"] == "Ill"

    def test_the_host_cancelling_is_named(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        cancelled = data(action(client, uid, "cancel", account=alice))
        assert cancelled["status"] == "cancelled"
        assert cancelled["cancelledByEmail"] == "alice@example.com"

    def test_the_slot_is_free_and_bookable_again(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        assert NINE not in day_starts(client, intro)
        data(action(client, uid, "cancel"))
        assert NINE in day_starts(client, intro)
        again = booked(client, intro, name="Bob")
        assert again["uid"] != uid
        assert again["status"] == "accepted"

    def test_a_pending_booking_can_be_cancelled_and_frees_its_slot(
        self, client: TestClient, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        assert data(action(client, uid, "cancel"))["status"] == "cancelled"
        assert NINE in day_starts(client, approval)

    def test_a_rejected_booking_cannot_be_cancelled(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "decline", account=alice))
        error(action(client, uid, "cancel"), 400)
        assert read(client, uid)["status"] == "rejected"

    def test_cancelling_twice_is_a_400(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        data(action(client, uid, "cancel", {"cancellationReason": "first"}))
        err = error(action(client, uid, "cancel", {"cancellationReason": "second"}), 400)
        assert err["code"] == "BadRequestException"
        assert read(client, uid)["cancellationReason"] == "first"

    def test_an_unknown_uid_is_a_404(self, client: TestClient, intro: int) -> None:
        error(action(client, "0" * 32, "cancel"), 404)

    def test_disable_cancelling_stops_the_booker_not_the_host(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        locked = make_event_type(client, alice, "locked", disableCancelling={"disabled": True})
        uid = booked(client, locked)["uid"]
        error(action(client, uid, "cancel"), 400)
        assert read(client, uid)["status"] == "accepted"
        assert data(action(client, uid, "cancel", account=alice))["status"] == "cancelled"

    def test_cancel_subsequent_bookings_cancels_this_and_later_occurrences(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 4},
        )
        series = booked(client, weekly)
        uids = [b["uid"] for b in series]
        answer = data(action(client, uids[1], "cancel", {"cancelSubsequentBookings": True}))
        assert [b["uid"] for b in answer] == uids[1:]
        assert all(b["status"] == "cancelled" for b in answer)
        stored = read(client, series[0]["recurringBookingUid"])
        assert [b["status"] for b in stored] == ["accepted", "cancelled", "cancelled", "cancelled"]

    def test_without_cancel_subsequent_only_the_occurrence_is_cancelled(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 3},
        )
        series = booked(client, weekly)
        data(action(client, series[1]["uid"], "cancel"))
        stored = read(client, series[0]["recurringBookingUid"])
        assert [b["status"] for b in stored] == ["accepted", "cancelled", "accepted"]


class TestSeatCancel:
    @pytest.fixture
    def seated(self, client: TestClient, alice: Account, intro: int) -> int:
        return make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})

    def test_a_seat_uid_removes_only_that_seat(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        ann = booked(client, seated, name="Ann")
        bob = booked(client, seated, name="Bob")
        data(action(client, ann["uid"], "cancel", {"seatUid": ann["seatUid"]}))
        stored = read(client, ann["uid"], alice)
        assert stored["status"] == "accepted"
        assert [(a["email"], a["seatUid"]) for a in stored["attendees"]] == [
            ("bob@example.com", bob["seatUid"])
        ]
        [slot] = [
            s for s in slots(client, eventTypeId=seated, **DAY)["2030-03-26"] if s["start"] == NINE
        ]
        assert slot["seatsBooked"] == 1

    def test_a_seat_holder_cannot_cancel_the_other_seats(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        """The booking uid is shared by every seat holder (spec §6.3: a seated attendee
        cancels with its seatUid; the host, with a key, cancels all seats)."""
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        err = error(action(client, ann["uid"], "cancel"), 400)
        assert "seatUid" in err["message"]
        stored = read(client, ann["uid"], alice)
        assert stored["status"] == "accepted"
        assert len(stored["attendees"]) == 2

    def test_the_host_cancels_every_seat(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        assert data(action(client, ann["uid"], "cancel", account=alice))["status"] == "cancelled"
        assert NINE in day_starts(client, seated)

    def test_an_unknown_seat_uid_is_a_404_and_keeps_every_seat(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        ann = booked(client, seated, name="Ann")
        error(action(client, ann["uid"], "cancel", {"seatUid": "nope"}), 404)
        assert len(read(client, ann["uid"], alice)["attendees"]) == 1

    def test_the_freed_seat_can_be_taken_again(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        ann = booked(client, seated, name="Ann")
        data(action(client, ann["uid"], "cancel", {"seatUid": ann["seatUid"]}))
        again = booked(client, seated, name="Ann")
        assert again["seatUid"] != ann["seatUid"]


class TestReschedule:
    def test_makes_a_new_booking_and_cancels_the_old_one(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        new = data(
            action(
                client,
                old["uid"],
                "reschedule",
                {"start": "2030-03-26T11:00:00Z", "reschedulingReason": "Clash"},
            ),
            201,
        )
        assert new["uid"] != old["uid"]
        assert new["status"] == "accepted"
        assert new["start"] == ELEVEN
        assert new["end"] == "2030-03-26T11:30:00.000Z"
        assert new["rescheduledFromUid"] == old["uid"]
        assert new["reschedulingReason"] == "Clash"
        assert new["icsUid"] == old["icsUid"]
        assert [a["email"] for a in new["attendees"]] == ["ann@example.com"]
        assert new["eventType"] == old["eventType"]
        stored = read(client, old["uid"])
        assert stored["status"] == "cancelled"
        assert stored["rescheduledToUid"] == new["uid"]
        assert stored["start"] == NINE

    def test_the_old_slot_is_freed_and_the_new_one_taken(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        data(action(client, old["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}), 201)
        free = day_starts(client, intro)
        assert NINE in free
        assert ELEVEN not in free
        assert booked(client, intro, name="Bob")["start"] == NINE

    def test_into_a_taken_slot_is_a_409_and_changes_nothing(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        old = booked(client, intro)
        booked(client, intro, "2030-03-26T11:00:00Z", name="Bob")
        err = error(
            action(client, old["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}), 409
        )
        assert err["code"] == "ConflictException"
        stored = read(client, old["uid"])
        assert stored == old
        assert NINE not in day_starts(client, intro)
        error(book(client, intro, FIRST_SLOT, name="Cid"), 409)  # still blocking
        assert len(client.get("/v2/bookings", headers=v2(alice)).json()["data"]) == 2

    def test_a_start_never_offered_is_a_400_naming_start(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        err = error(
            action(client, old["uid"], "reschedule", {"start": "2030-03-26T20:00:00Z"}), 400
        )
        assert "start" in detail_fields(err)
        assert read(client, old["uid"])["status"] == "accepted"

    def test_a_cancelled_booking_cannot_be_rescheduled(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        data(action(client, old["uid"], "cancel"))
        err = error(
            action(client, old["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}), 400
        )
        assert err["code"] == "BadRequestException"
        assert ELEVEN in day_starts(client, intro)

    def test_a_rescheduled_booking_cannot_be_rescheduled_again(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        data(action(client, old["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}), 201)
        error(action(client, old["uid"], "reschedule", {"start": "2030-03-26T13:00:00Z"}), 400)

    def test_onto_a_slot_overlapping_its_own_old_time(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        hour = make_event_type(client, alice, "hour", lengthInMinutes=60, slotInterval=30)
        old = booked(client, hour)  # 09:00-10:00
        new = data(action(client, old["uid"], "reschedule", {"start": "2030-03-26T09:30:00Z"}), 201)
        assert new["start"] == "2030-03-26T09:30:00.000Z"
        assert new["end"] == "2030-03-26T10:30:00.000Z"
        assert read(client, old["uid"])["status"] == "cancelled"
        assert booked(client, intro, FIRST_SLOT, name="Bob")["start"] == NINE

    def test_a_past_booking_cannot_be_rescheduled(
        self, client: TestClient, clock: FrozenClock, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        clock.advance(hours=28)  # Tuesday 10:00Z: the 09:00 booking is over
        err = error(action(client, uid, "reschedule", {"start": "2030-03-27T11:00:00Z"}), 400)
        assert "over" in err["message"]
        assert read(client, uid)["status"] == "accepted"

    def test_the_booker_rescheduling_a_confirm_required_event_waits_again(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "confirm", account=alice))
        new = data(action(client, uid, "reschedule", {"start": "2030-03-26T11:00:00Z"}), 201)
        assert new["status"] == "pending"

    def test_the_host_rescheduling_a_confirm_required_event_is_accepted(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        new = data(
            action(client, uid, "reschedule", {"start": "2030-03-26T11:00:00Z"}, account=alice),
            201,
        )
        assert new["status"] == "accepted"

    def test_a_pending_booking_can_be_rescheduled_and_frees_its_slot(
        self, client: TestClient, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "reschedule", {"start": "2030-03-26T11:00:00Z"}), 201)
        free = day_starts(client, approval)
        assert NINE in free
        assert ELEVEN not in free

    def test_the_host_moving_a_seated_booking_moves_every_seat(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        new = data(
            action(
                client, ann["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}, account=alice
            ),
            201,
        )
        moved = read(client, new["uid"], alice)
        assert sorted(a["email"] for a in moved["attendees"]) == [
            "ann@example.com",
            "bob@example.com",
        ]
        seat_uids = [a["seatUid"] for a in moved["attendees"]]
        assert None not in seat_uids
        assert len(set(seat_uids)) == 2
        # A third person can still take the last seat of the moved booking.
        third = booked(client, seated, "2030-03-26T11:00:00Z", name="Cid")
        assert third["uid"] == new["uid"]

    def test_a_seat_holder_cannot_move_the_other_seats(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        err = error(
            action(client, ann["uid"], "reschedule", {"start": "2030-03-26T11:00:00Z"}), 400
        )
        assert "seatUid" in err["message"]
        stored = read(client, ann["uid"], alice)
        assert stored["status"] == "accepted"
        assert stored["start"] == NINE
        assert len(stored["attendees"]) == 2

    def test_a_seat_moves_alone_with_its_seat_uid(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})
        ann = booked(client, seated, name="Ann")
        bob = booked(client, seated, name="Bob")
        moved = data(
            action(
                client,
                ann["uid"],
                "reschedule",
                {"start": "2030-03-26T11:00:00Z", "seatUid": ann["seatUid"]},
            ),
            201,
        )
        assert moved["start"] == ELEVEN
        assert moved["uid"] != ann["uid"]
        left = read(client, bob["uid"], alice)
        assert left["status"] == "accepted"
        assert [a["email"] for a in left["attendees"]] == ["bob@example.com"]
        there = read(client, moved["uid"], alice)
        assert [a["email"] for a in there["attendees"]] == ["ann@example.com"]

    def test_onto_its_own_start(self, client: TestClient, intro: int) -> None:
        old = booked(client, intro)
        new = data(action(client, old["uid"], "reschedule", {"start": FIRST_SLOT}), 201)
        assert new["start"] == NINE
        assert new["uid"] != old["uid"]
        assert NINE not in day_starts(client, intro)

    def test_disable_rescheduling_stops_the_booker_not_the_host(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        fixed = make_event_type(client, alice, "fixed", disableRescheduling={"disabled": True})
        uid = booked(client, fixed)["uid"]
        error(action(client, uid, "reschedule", {"start": "2030-03-26T11:00:00Z"}), 400)
        assert read(client, uid)["status"] == "accepted"
        moved = action(client, uid, "reschedule", {"start": "2030-03-26T11:00:00Z"}, account=alice)
        assert data(moved, 201)["start"] == ELEVEN

    def test_rescheduled_by_is_kept(self, client: TestClient, intro: int) -> None:
        old = booked(client, intro)
        new = data(
            action(
                client,
                old["uid"],
                "reschedule",
                {"start": "2030-03-26T11:00:00Z", "rescheduledBy": "ann@example.com"},
            ),
            201,
        )
        assert new["rescheduledByEmail"] == "ann@example.com"
        assert read(client, old["uid"])["rescheduledByEmail"] == "ann@example.com"


class TestConfirm:
    def test_anonymous_is_a_401(self, client: TestClient, approval: int) -> None:
        uid = booked(client, approval)["uid"]
        error(action(client, uid, "confirm"), 401)
        assert read(client, uid)["status"] == "pending"

    def test_another_user_is_a_403(self, client: TestClient, bob: Account, approval: int) -> None:
        uid = booked(client, approval)["uid"]
        error(action(client, uid, "confirm", account=bob), 403)
        assert read(client, uid)["status"] == "pending"

    def test_the_host_confirms_a_pending_booking(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        confirmed = data(action(client, uid, "confirm", account=alice))
        assert confirmed["uid"] == uid
        assert confirmed["status"] == "accepted"
        assert read(client, uid)["status"] == "accepted"
        assert NINE not in day_starts(client, approval)

    def test_confirming_an_accepted_booking_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        error(action(client, uid, "confirm", account=alice), 400)

    def test_confirming_twice_is_a_400(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "confirm", account=alice))
        error(action(client, uid, "confirm", account=alice), 400)

    def test_confirming_a_cancelled_booking_is_a_400(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "cancel"))
        error(action(client, uid, "confirm", account=alice), 400)
        assert read(client, uid)["status"] == "cancelled"
        assert NINE in day_starts(client, approval)

    def test_an_unknown_uid_is_a_404(self, client: TestClient, alice: Account) -> None:
        error(action(client, "0" * 32, "confirm", account=alice), 404)

    def test_confirming_an_occurrence_confirms_the_pending_series(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        weekly = make_event_type(
            client,
            alice,
            "weekly-approval",
            confirmationPolicy={"type": "always"},
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 3},
        )
        series = booked(client, weekly)
        assert [b["status"] for b in series] == ["pending"] * 3
        confirmed = data(action(client, series[0]["uid"], "confirm", account=alice))
        assert [b["status"] for b in confirmed] == ["accepted"] * 3
        stored = read(client, series[0]["recurringBookingUid"])
        assert [b["status"] for b in stored] == ["accepted"] * 3


class TestDecline:
    def test_the_host_declines_with_a_reason_and_frees_the_slot(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        assert NINE not in day_starts(client, approval)
        declined = data(action(client, uid, "decline", {"reason": "Away"}, account=alice))
        assert declined["status"] == "rejected"
        assert declined["rejectionReason"] == "Away"
        assert read(client, uid)["status"] == "rejected"
        assert NINE in day_starts(client, approval)
        assert booked(client, approval, name="Bob")["status"] == "pending"

    def test_anonymous_is_a_401_and_others_a_403(
        self, client: TestClient, bob: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        error(action(client, uid, "decline"), 401)
        error(action(client, uid, "decline", account=bob), 403)
        assert read(client, uid)["status"] == "pending"

    def test_declining_an_accepted_booking_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        error(action(client, uid, "decline", account=alice), 400)
        assert read(client, uid)["status"] == "accepted"


class TestMarkAbsent:
    def test_the_host_marks_themselves_and_attendees(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        body = {"host": True, "attendees": [{"email": "ann@example.com", "absent": True}]}
        marked = data(action(client, uid, "mark-absent", body, account=alice))
        assert marked["absentHost"] is True
        assert [(a["email"], a["absent"]) for a in marked["attendees"]] == [
            ("ann@example.com", True)
        ]
        stored = read(client, uid)
        assert stored["absentHost"] is True
        assert stored["attendees"][0]["absent"] is True

    def test_an_attendee_can_be_marked_present_again(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        absent = {"attendees": [{"email": "ann@example.com", "absent": True}]}
        data(action(client, uid, "mark-absent", absent, account=alice))
        present = {"attendees": [{"email": "ann@example.com", "absent": False}]}
        marked = data(action(client, uid, "mark-absent", present, account=alice))
        assert marked["attendees"][0]["absent"] is False
        assert marked["absentHost"] is False

    def test_an_unknown_email_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        body = {
            "host": True,
            "attendees": [
                {"email": "ann@example.com", "absent": True},
                {"email": "zed@example.com", "absent": True},
            ],
        }
        err = error(action(client, uid, "mark-absent", body, account=alice), 400)
        assert "attendees[1].email" in detail_fields(err)
        stored = read(client, uid)
        assert stored["absentHost"] is False
        assert stored["attendees"][0]["absent"] is False

    def test_anonymous_is_a_401_and_others_a_403(
        self, client: TestClient, bob: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        error(action(client, uid, "mark-absent", {"host": True}), 401)
        error(action(client, uid, "mark-absent", {"host": True}, account=bob), 403)
        assert read(client, uid)["absentHost"] is False


class TestVersionHeader:
    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("POST", "/v2/bookings"),
            ("GET", "/v2/bookings"),
            ("GET", "/v2/bookings/{uid}"),
            ("POST", "/v2/bookings/{uid}/cancel"),
            ("POST", "/v2/bookings/{uid}/reschedule"),
            ("POST", "/v2/bookings/{uid}/confirm"),
        ],
    )
    def test_2024_09_04_is_a_400_naming_the_served_versions(
        self, client: TestClient, alice: Account, intro: int, method: str, path: str
    ) -> None:
        uid = booked(client, intro)["uid"]
        body = {"start": "2030-03-26T11:00:00Z", "eventTypeId": intro, "attendee": attendee()}
        response = client.request(
            method,
            path.format(uid=uid),
            headers=v2(alice, "2024-09-04"),
            json=body if method == "POST" else None,
        )
        err = error(response, 400)
        assert "2024-09-04" in err["message"]
        assert "2024-08-13" in err["message"]
        assert "cal-api-version" in detail_fields(err)
        assert read(client, uid)["status"] == "accepted"
        assert ELEVEN in day_starts(client, intro)


class TestChangeRows:
    def test_created_then_cancelled(self, app: FastAPI, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        assert changes(app, uid) == ["created"]
        data(action(client, uid, "cancel"))
        assert changes(app, uid) == ["created", "cancelled"]

    def test_requested_then_confirmed(
        self, app: FastAPI, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        assert changes(app, uid) == ["requested"]
        data(action(client, uid, "confirm", account=alice))
        assert changes(app, uid) == ["requested", "confirmed"]

    def test_requested_then_rejected(
        self, app: FastAPI, client: TestClient, alice: Account, approval: int
    ) -> None:
        uid = booked(client, approval)["uid"]
        data(action(client, uid, "decline", account=alice))
        assert changes(app, uid) == ["requested", "rejected"]

    def test_rescheduled_is_recorded_on_the_new_booking(
        self, app: FastAPI, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)["uid"]
        new = data(action(client, old, "reschedule", {"start": "2030-03-26T11:00:00Z"}), 201)
        assert changes(app, new["uid"]) == ["rescheduled"]
        assert changes(app, old) == ["created"]

    def test_seat_rows(self, app: FastAPI, client: TestClient, alice: Account, intro: int) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})
        ann = booked(client, seated, name="Ann")
        booked(client, seated, name="Bob")
        data(action(client, ann["uid"], "cancel", {"seatUid": ann["seatUid"]}))
        assert changes(app, ann["uid"]) == ["created", "seat_added", "seat_cancelled"]

    def test_no_show_updated(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        data(action(client, uid, "mark-absent", {"host": True}, account=alice))
        assert changes(app, uid) == ["created", "no_show_updated"]

    def test_a_refused_change_leaves_no_row(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        error(action(client, uid, "confirm", account=alice), 400)
        data(action(client, uid, "cancel"))
        error(action(client, uid, "cancel"), 400)
        assert changes(app, uid) == ["created", "cancelled"]

    def test_a_failed_booking_leaves_no_row(
        self, app: FastAPI, client: TestClient, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        error(book(client, intro, name="Bob"), 409)
        with app.state.session_factory() as session:
            rows = list(session.scalars(select(BookingChange.change)))
        assert rows == ["created"]
        assert changes(app, uid) == ["created"]

    def test_every_occurrence_of_a_series_gets_its_row(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 2},
        )
        series = booked(client, weekly)
        assert [changes(app, b["uid"]) for b in series] == [["created"], ["created"]]
