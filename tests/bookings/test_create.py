"""POST /v2/bookings with ``cal-api-version: 2024-08-13`` (spec/api.md §6.1, §6.4;
scheduling.md §7, §8, §13, §14): the output shape, how the event type is named, lengths,
booking fields, guests, locations, metadata, the 400s for starts that are never offered,
the 409s for slots that are taken, confirmation, seats, recurring series and holds.

Now is Monday 2030-03-25 06:00Z (tests/bookings/conftest.py). Alice works Monday-Friday
09:00-17:00 Europe/London (UTC+0 until Sunday 31 March, then UTC+1); her event types are
30 minutes with two hours' notice unless a test says otherwise.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests import spec
from tests.bookings.helpers import BOOKING, FIRST_SLOT, OUTPUT_KEYS, attendee, book, v2
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule, reserve, slots
from tests.slots.helpers import starts as slot_starts

NINE = "2030-03-26T09:00:00.000Z"
DAY = {"start": "2030-03-26", "end": "2030-03-26"}
UID = re.compile(r"[0-9a-f]{32}")


def post(client: TestClient, body: dict[str, Any], account: Account | None = None) -> Response:
    return client.post("/v2/bookings", headers=v2(account), json=body)


def detail_fields(err: dict[str, Any]) -> set[str]:
    return {d["field"] for d in err.get("details") or []}


def listed(client: TestClient, account: Account) -> list[dict[str, Any]]:
    response = client.get("/v2/bookings", headers=v2(account))
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["data"]
    return found


def day_starts(client: TestClient, event_type_id: int) -> list[str]:
    return slot_starts(slots(client, eventTypeId=event_type_id, **DAY))


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    """Alice's 30-minute event on Monday-Friday 09:00-17:00 Europe/London."""
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


class TestShape:
    def test_answers_201_with_every_output_key(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        booking = data(book(client, intro), 201)
        assert set(booking) == OUTPUT_KEYS
        assert spec.missing(booking, BOOKING) == set()  # hosts, eventType, attendees too
        assert booking["status"] == "accepted"
        assert UID.fullmatch(booking["uid"]), booking["uid"]
        assert isinstance(booking["id"], int)
        assert booking["hosts"] == [
            {
                "id": alice.id,
                "name": "Alice",
                "email": "alice@example.com",
                "displayEmail": "alice@example.com",
                "username": "alice",
                "timeZone": "Europe/London",
            }
        ]
        assert booking["start"] == NINE
        assert booking["end"] == "2030-03-26T09:30:00.000Z"
        assert booking["duration"] == 30
        assert booking["eventTypeId"] == intro
        assert booking["eventType"] == {"id": intro, "slug": "intro"}
        assert booking["title"] == "Intro between Alice and Ann"
        assert booking["createdAt"] == "2030-03-25T06:00:00.000Z"
        assert booking["absentHost"] is False
        assert booking["metadata"] == {}
        assert booking["guests"] == []
        assert booking["icsUid"]
        assert "recurringBookingUid" not in booking  # left out, not null (not a series)
        assert "seatUid" not in booking
        # What Cal.com leaves out until it applies (§6.4 "optional"), rather than null.
        for unset in ("cancellationReason", "cancelledByEmail", "rescheduledFromUid"):
            assert unset not in booking
        assert "rejectionReason" not in booking
        [only] = booking["attendees"]
        assert only["displayEmail"] == "ann@example.com"
        assert "phoneNumber" not in only
        assert {k: only[k] for k in ("name", "email", "timeZone", "language", "absent")} == {
            "name": "Ann",
            "email": "ann@example.com",
            "timeZone": "Europe/Rome",
            "language": "en",
            "absent": False,
        }
        assert booking["bookingFieldsResponses"]["name"] == "Ann"
        assert booking["bookingFieldsResponses"]["email"] == "ann@example.com"
        assert "guests" not in booking["bookingFieldsResponses"]

    def test_each_booking_gets_its_own_uid(self, client: TestClient, intro: int) -> None:
        first = data(book(client, intro, FIRST_SLOT), 201)
        second = data(book(client, intro, "2030-03-26T10:00:00Z", name="Bob"), 201)
        assert UID.fullmatch(second["uid"])
        assert first["uid"] != second["uid"]
        assert first["id"] != second["id"]
        assert first["icsUid"] != second["icsUid"]

    def test_the_booking_reads_back_the_same(self, client: TestClient, intro: int) -> None:
        booking = data(book(client, intro), 201)
        read = data(client.get(f"/v2/bookings/{booking['uid']}", headers=v2()))
        assert read == booking

    def test_the_attendee_language_and_phone_are_kept(self, client: TestClient, intro: int) -> None:
        person = {**attendee("Ann"), "language": "de", "phoneNumber": "+442071234567"}
        booking = data(
            post(client, {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": person}), 201
        )
        assert booking["attendees"][0]["language"] == "de"
        assert booking["attendees"][0]["phoneNumber"] == "+442071234567"


class TestAttendee:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"name": "  "}, "attendee.name"),
            ({"email": "ann-at-example.com"}, "attendee.email"),
            ({"timeZone": "Mars/Olympus"}, "attendee.timeZone"),
            ({"language": "xx-yy"}, "attendee.language"),
            ({"phoneNumber": "0207 123 4567"}, "attendee.phoneNumber"),
        ],
        ids=["blank-name", "bad-email", "bad-zone", "bad-language", "bad-phone"],
    )
    def test_a_bad_attendee_is_a_400_naming_the_field(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        changes: dict[str, str],
        field: str,
    ) -> None:
        person = {**attendee("Ann"), **changes}
        err = error(
            post(client, {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": person}), 400
        )
        assert field in detail_fields(err), err
        assert listed(client, alice) == []

    def test_a_missing_attendee_is_a_400(self, client: TestClient, intro: int) -> None:
        err = error(post(client, {"start": FIRST_SLOT, "eventTypeId": intro}), 400)
        assert "attendee" in detail_fields(err)


class TestEventTypeReference:
    def test_by_slug_and_username(self, client: TestClient, alice: Account, intro: int) -> None:
        body = {
            "start": FIRST_SLOT,
            "eventTypeSlug": "intro",
            "username": "alice",
            "attendee": attendee(),
        }
        booking = data(post(client, body), 201)
        assert booking["eventType"] == {"id": intro, "slug": "intro"}
        assert booking["hosts"][0]["id"] == alice.id

    def test_an_unknown_event_type_id_is_a_404(self, client: TestClient, intro: int) -> None:
        err = error(book(client, intro + 1000), 404)
        assert err["code"] == "NotFoundException"

    def test_an_unknown_slug_is_a_404(self, client: TestClient, intro: int) -> None:
        body = {
            "start": FIRST_SLOT,
            "eventTypeSlug": "nope",
            "username": "alice",
            "attendee": attendee(),
        }
        error(post(client, body), 404)

    def test_a_slug_of_another_user_is_a_404(
        self, client: TestClient, accounts: Accounts, intro: int
    ) -> None:
        accounts.create(username="bob")
        body = {
            "start": FIRST_SLOT,
            "eventTypeSlug": "intro",
            "username": "bob",
            "attendee": attendee(),
        }
        error(post(client, body), 404)


class TestLength:
    @pytest.fixture
    def flexible(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(client, alice, "flex", lengthInMinutesOptions=[30, 60])

    def test_a_listed_length_is_booked(self, client: TestClient, flexible: int) -> None:
        booking = data(book(client, flexible, lengthInMinutes=60), 201)
        assert booking["duration"] == 60
        assert booking["end"] == "2030-03-26T10:00:00.000Z"

    def test_the_default_length_without_lengthInMinutes(
        self, client: TestClient, flexible: int
    ) -> None:
        assert data(book(client, flexible), 201)["duration"] == 30

    def test_an_unlisted_length_is_a_400_naming_lengthInMinutes(
        self, client: TestClient, alice: Account, flexible: int
    ) -> None:
        err = error(book(client, flexible, lengthInMinutes=45), 400)
        assert "lengthInMinutes" in detail_fields(err)
        assert "lengthInMinutes" in err["message"]
        assert listed(client, alice) == []

    def test_a_length_on_a_single_length_event_must_be_its_own(
        self, client: TestClient, intro: int
    ) -> None:
        err = error(book(client, intro, lengthInMinutes=60), 400)
        assert "lengthInMinutes" in detail_fields(err)


class TestBookingFields:
    @pytest.fixture
    def form(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(
            client,
            alice,
            "form",
            bookingFields=[
                {"type": "text", "slug": "company", "label": "Company", "required": True},
                {
                    "type": "select",
                    "slug": "size",
                    "label": "Size",
                    "required": False,
                    "options": ["small", "large"],
                },
            ],
        )

    def test_a_number_answer_must_be_finite(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "Europe/London")
        counted = make_event_type(
            client,
            alice,
            "counted",
            bookingFields=[{"type": "number", "slug": "size", "label": "Size", "required": True}],
        )
        for value in ("NaN", "Infinity"):  # what JavaScript's JSON.stringify never sends
            raw = (
                f'{{"start": "{FIRST_SLOT}", "eventTypeId": {counted}, '
                f'"attendee": {{"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"}}, '
                f'"bookingFieldsResponses": {{"size": {value}}}}}'
            )
            response = client.post(
                "/v2/bookings",
                content=raw,
                headers={**v2(), "content-type": "application/json"},
            )
            assert response.status_code == 400, response.text
            assert "finite number" in response.text
        assert data(book(client, counted, bookingFieldsResponses={"size": 12.5}), 201)

    def test_valid_answers_are_stored(self, client: TestClient, form: int) -> None:
        booking = data(
            book(client, form, bookingFieldsResponses={"company": "Acme", "size": "large"}), 201
        )
        responses = booking["bookingFieldsResponses"]
        assert responses["company"] == "Acme"
        assert responses["size"] == "large"
        read = data(client.get(f"/v2/bookings/{booking['uid']}", headers=v2()))
        assert read["bookingFieldsResponses"] == responses

    def test_an_optional_field_may_be_left_out(self, client: TestClient, form: int) -> None:
        booking = data(book(client, form, bookingFieldsResponses={"company": "Acme"}), 201)
        assert "size" not in booking["bookingFieldsResponses"]

    @pytest.mark.parametrize(
        ("responses", "field"),
        [
            ({}, "bookingFieldsResponses.company"),
            ({"company": ""}, "bookingFieldsResponses.company"),
            ({"company": "Acme", "size": "huge"}, "bookingFieldsResponses.size"),
            ({"company": "Acme", "shoeSize": 42}, "bookingFieldsResponses.shoeSize"),
            ({"company": 7}, "bookingFieldsResponses.company"),
        ],
        ids=["required-missing", "required-empty", "select-off-list", "unknown-key", "not-text"],
    )
    def test_a_bad_answer_is_a_400_naming_the_field_and_writes_nothing(
        self,
        client: TestClient,
        alice: Account,
        form: int,
        responses: dict[str, Any],
        field: str,
    ) -> None:
        err = error(book(client, form, bookingFieldsResponses=responses), 400)
        assert field in detail_fields(err), err
        assert field in err["message"]
        assert listed(client, alice) == []
        assert NINE in day_starts(client, form)


class TestGuests:
    def test_guests_are_kept(self, client: TestClient, intro: int) -> None:
        booking = data(book(client, intro, guests=["gus@example.com", "gil@example.com"]), 201)
        assert booking["guests"] == ["gus@example.com", "gil@example.com"]
        assert [a["email"] for a in booking["attendees"]] == ["ann@example.com"]

    def test_an_invalid_guest_email_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        err = error(book(client, intro, guests=["gus@example.com", "not-an-email"]), 400)
        assert any(f.startswith("guests") for f in detail_fields(err)), err
        assert listed(client, alice) == []

    def test_guests_on_an_event_that_disables_them_are_a_400(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        closed = make_event_type(client, alice, "closed", disableGuests=True)
        err = error(book(client, closed, guests=["gus@example.com"]), 400)
        assert "guests" in detail_fields(err)
        assert listed(client, alice) == []

    def test_no_guests_is_fine_when_they_are_disabled(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        closed = make_event_type(client, alice, "closed", disableGuests=True)
        assert data(book(client, closed), 201)["guests"] == []


class TestLocation:
    def test_a_plain_string(self, client: TestClient, intro: int) -> None:
        booking = data(book(client, intro, location="Room 4, Main Street"), 201)
        assert booking["location"] == "Room 4, Main Street"

    def test_an_address_object(self, client: TestClient, intro: int) -> None:
        booking = data(
            book(client, intro, location={"type": "address", "address": "1 High St"}), 201
        )
        assert booking["location"] == "1 High St"

    def test_a_link_object_is_also_the_meeting_url(self, client: TestClient, intro: int) -> None:
        link = "https://meet.example.com/ann"
        booking = data(book(client, intro, location={"type": "link", "link": link}), 201)
        assert booking["location"] == link
        assert booking["meetingUrl"] == link

    def test_an_object_without_a_value_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        err = error(book(client, intro, location={"type": "address"}), 400)
        assert "location" in detail_fields(err)
        assert listed(client, alice) == []


class TestMetadata:
    def test_metadata_is_kept(self, client: TestClient, intro: int) -> None:
        metadata = {"source": "web", "visits": 3, "vip": True}
        booking = data(book(client, intro, metadata=metadata), 201)
        assert booking["metadata"] == metadata

    def test_fifty_keys_are_allowed(self, client: TestClient, intro: int) -> None:
        metadata = {f"k{i}": "v" for i in range(50)}
        assert data(book(client, intro, metadata=metadata), 201)["metadata"] == metadata

    @pytest.mark.parametrize(
        ("metadata", "field"),
        [
            ({f"k{i}": "v" for i in range(51)}, "metadata"),
            ({"k" * 41: "v"}, "metadata"),
            ({"note": "x" * 501}, "metadata.note"),
        ],
        ids=["51-keys", "long-key", "long-value"],
    )
    def test_over_the_limits_is_a_400(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        metadata: dict[str, Any],
        field: str,
    ) -> None:
        err = error(book(client, intro, metadata=metadata), 400)
        assert field in detail_fields(err), err
        assert listed(client, alice) == []

    def test_the_limits_themselves_are_allowed(self, client: TestClient, intro: int) -> None:
        metadata = {"k" * 40: "x" * 500}
        assert data(book(client, intro, metadata=metadata), 201)["metadata"] == metadata


class TestStartsNeverOffered:
    """A start the event type never offers can never succeed: 400 naming ``start``."""

    @pytest.mark.parametrize(
        ("start", "words"),
        [
            ("2030-03-22T09:00:00Z", "past"),  # last Friday
            ("2030-03-26T09:10:00Z", "not a bookable slot"),  # off the 30-minute grid
            ("2030-03-26T20:00:00Z", "not a bookable slot"),  # after hours
            ("2030-03-26T08:30:00Z", "not a bookable slot"),  # before hours
            ("2030-03-30T09:00:00Z", "not a bookable slot"),  # a Saturday
        ],
        ids=["past", "off-grid", "evening", "early", "weekend"],
    )
    def test_is_a_400_naming_start(
        self, client: TestClient, alice: Account, intro: int, start: str, words: str
    ) -> None:
        err = error(book(client, intro, start), 400)
        assert err["code"] == "BadRequestException"
        assert "start" in detail_fields(err)
        assert words in err["message"]
        assert listed(client, alice) == []

    def test_inside_the_minimum_notice_is_a_400(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "Europe/London")
        slow = make_event_type(client, alice, "slow", minimumBookingNotice=600)
        err = error(book(client, slow, "2030-03-25T09:00:00Z"), 400)
        assert "start" in detail_fields(err)
        assert "notice" in err["message"]
        assert data(book(client, slow, "2030-03-25T16:00:00Z"), 201)["status"] == "accepted"

    @pytest.mark.parametrize(
        ("window", "inside", "outside"),
        [
            (
                {"type": "calendarDays", "value": 2},
                "2030-03-27T09:00:00Z",
                "2030-03-29T09:00:00Z",
            ),
            (
                {"type": "businessDays", "value": 2, "rolling": True},
                "2030-03-26T09:00:00Z",
                "2030-03-28T09:00:00Z",
            ),
        ],
        ids=["rolling", "rolling-window"],
    )
    def test_outside_a_rolling_booking_window_is_a_400(
        self,
        client: TestClient,
        alice: Account,
        window: dict[str, Any],
        inside: str,
        outside: str,
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        near = make_event_type(client, alice, "near", bookingWindow=window)
        err = error(book(client, near, outside), 400)
        assert "start" in detail_fields(err)
        assert listed(client, alice) == []
        assert data(book(client, near, inside), 201)["status"] == "accepted"

    def test_a_start_with_an_offset_is_read_as_its_instant(
        self, client: TestClient, intro: int
    ) -> None:
        booking = data(book(client, intro, "2030-03-26T10:00:00+01:00"), 201)
        assert booking["start"] == NINE


class TestTakenSlots:
    """A start that is offered but taken right now lost to the current state: 409."""

    def test_the_same_slot_twice_is_a_409(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        first = data(book(client, intro), 201)
        err = error(book(client, intro, name="Bob"), 409)
        assert err["code"] == "ConflictException"
        assert [b["uid"] for b in listed(client, alice)] == [first["uid"]]

    def test_another_event_type_of_the_host_blocks(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        long = make_event_type(client, alice, "long", lengthInMinutes=60)
        data(book(client, long), 201)  # 09:00-10:00
        error(book(client, intro, "2030-03-26T09:30:00Z", name="Bob"), 409)
        assert data(book(client, intro, "2030-03-26T10:00:00Z", name="Bob"), 201)

    def test_another_hosts_booking_does_not_block(
        self, client: TestClient, accounts: Accounts, intro: int
    ) -> None:
        bob = accounts.create(username="bob")
        make_schedule(client, bob, "Europe/London")
        bobs = make_event_type(client, bob, "intro")
        data(book(client, bobs), 201)
        assert data(book(client, intro), 201)["status"] == "accepted"

    def test_an_after_buffer_blocks_the_next_slot_with_a_409(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        buffered = make_event_type(client, alice, "buffered", afterEventBuffer=15)
        data(book(client, buffered), 201)  # 09:00-09:30, busy until 09:45
        err = error(book(client, buffered, "2030-03-26T09:30:00Z", name="Bob"), 409)
        assert err["code"] == "ConflictException"
        assert data(book(client, buffered, "2030-03-26T10:00:00Z", name="Bob"), 201)

    def test_an_after_buffer_blocks_other_event_types_too(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        buffered = make_event_type(client, alice, "buffered", afterEventBuffer=15)
        data(book(client, buffered), 201)  # busy 09:00-09:45
        error(book(client, intro, "2030-03-26T09:30:00Z", name="Bob"), 409)

    def test_a_booking_removes_its_slot_from_the_slot_list(
        self, client: TestClient, intro: int
    ) -> None:
        before = day_starts(client, intro)
        assert NINE in before
        data(book(client, intro), 201)
        after = day_starts(client, intro)
        assert NINE not in after
        assert sorted(set(before) - set(after)) == [NINE]

    def test_a_booking_hides_overlapping_slots_of_other_event_types(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        long = make_event_type(client, alice, "long", lengthInMinutes=60)
        data(book(client, long), 201)  # 09:00-10:00
        after = day_starts(client, intro)
        assert NINE not in after
        assert "2030-03-26T09:30:00.000Z" not in after
        assert "2030-03-26T10:00:00.000Z" in after


class TestConfirmation:
    @pytest.fixture
    def approval(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(
            client,
            alice,
            "approval",
            confirmationPolicy={"type": "always", "blockUnconfirmedBookingsInBooker": True},
        )

    def test_a_booking_is_pending(self, client: TestClient, approval: int) -> None:
        booking = data(book(client, approval), 201)
        assert booking["status"] == "pending"

    def test_a_pending_booking_still_blocks_its_slot(
        self, client: TestClient, alice: Account, approval: int
    ) -> None:
        pending = data(book(client, approval), 201)
        assert NINE not in day_starts(client, approval)
        error(book(client, approval, name="Bob"), 409)
        assert [b["uid"] for b in listed(client, alice)] == [pending["uid"]]

    def test_a_time_threshold_asks_only_for_near_bookings(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        near = make_event_type(
            client,
            alice,
            "near",
            confirmationPolicy={
                "type": "time",
                "noticeThreshold": {"unit": "hours", "count": 24},
            },
        )
        assert data(book(client, near, "2030-03-25T10:00:00Z"), 201)["status"] == "pending"
        assert data(book(client, near, "2030-03-27T10:00:00Z"), 201)["status"] == "accepted"


class TestSeats:
    @pytest.fixture
    def seated(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(
            client, alice, "class", seats={"seatsPerTimeSlot": 2, "showAttendeeInfo": False}
        )

    def test_seats_share_one_booking_with_distinct_seat_uids(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        ann = data(book(client, seated, name="Ann"), 201)
        bob = data(book(client, seated, name="Bob"), 201)
        assert ann["uid"] == bob["uid"]
        assert ann["seatUid"]
        assert bob["seatUid"]
        assert ann["seatUid"] != bob["seatUid"]
        [stored] = listed(client, alice)
        assert stored["uid"] == ann["uid"]
        assert {a["email"]: a["seatUid"] for a in stored["attendees"]} == {
            "ann@example.com": ann["seatUid"],
            "bob@example.com": bob["seatUid"],
        }

    def test_one_seat_more_than_the_slot_has_is_a_409(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        data(book(client, seated, name="Ann"), 201)
        data(book(client, seated, name="Bob"), 201)
        err = error(book(client, seated, name="Cid"), 409)
        assert err["code"] == "ConflictException"
        [stored] = listed(client, alice)
        assert len(stored["attendees"]) == 2
        assert NINE not in day_starts(client, seated)

    def test_the_same_email_twice_is_a_409(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        data(book(client, seated, name="Ann"), 201)
        error(book(client, seated, name="Ann"), 409)
        [stored] = listed(client, alice)
        assert [a["email"] for a in stored["attendees"]] == ["ann@example.com"]
        assert data(book(client, seated, name="Bob"), 201)  # the seat is still free

    def test_a_seat_holder_sees_only_their_own_seat(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        data(book(client, seated, name="Ann"), 201)
        bob = data(book(client, seated, name="Bob"), 201)
        assert [a["email"] for a in bob["attendees"]] == ["bob@example.com"]
        assert bob["attendees"][0]["seatUid"] == bob["seatUid"]
        anonymous = data(client.get(f"/v2/bookings/{bob['uid']}", headers=v2()))
        assert "ann@example.com" not in [a["email"] for a in anonymous["attendees"]]
        host = data(client.get(f"/v2/bookings/{bob['uid']}", headers=v2(alice)))
        assert sorted(a["email"] for a in host["attendees"]) == [
            "ann@example.com",
            "bob@example.com",
        ]

    def test_a_seat_holder_learns_nothing_of_the_other_seats(
        self, client: TestClient, seated: int
    ) -> None:
        """Not through the attendees, nor through the booking's own responses."""
        data(book(client, seated, name="Ann"), 201)
        response = book(client, seated, name="Bob")
        bob = data(response, 201)
        assert "ann@example.com" not in response.text
        assert bob["bookingFieldsResponses"].get("email") in (None, "bob@example.com")
        anonymous = client.get(f"/v2/bookings/{bob['uid']}", headers=v2())
        assert "ann@example.com" not in anonymous.text

    def test_with_show_attendee_info_everyone_sees_every_seat(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        open_class = make_event_type(
            client, alice, "open", seats={"seatsPerTimeSlot": 3, "showAttendeeInfo": True}
        )
        data(book(client, open_class, name="Ann"), 201)
        bob = data(book(client, open_class, name="Bob"), 201)
        assert sorted(a["email"] for a in bob["attendees"]) == [
            "ann@example.com",
            "bob@example.com",
        ]

    def test_a_seated_booking_blocks_the_hosts_other_event_types(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        intro = make_event_type(client, alice, "intro")
        data(book(client, seated, name="Ann"), 201)
        error(book(client, intro, name="Bob"), 409)
        assert NINE not in day_starts(client, intro)

    def test_a_partly_taken_seated_slot_stays_offered(
        self, client: TestClient, seated: int
    ) -> None:
        ann = data(book(client, seated, name="Ann"), 201)
        [first] = [
            s for s in slots(client, eventTypeId=seated, **DAY)["2030-03-26"] if s["start"] == NINE
        ]
        assert first["seatsBooked"] == 1
        assert first["seatsRemaining"] == 1
        assert first.get("bookingUid") in (None, ann["uid"])


class TestRecurring:
    LONDON_NINES = [
        "2030-03-26T09:00:00.000Z",  # GMT
        "2030-04-02T08:00:00.000Z",  # BST from 31 March
        "2030-04-09T08:00:00.000Z",
        "2030-04-16T08:00:00.000Z",
    ]

    @pytest.fixture
    def weekly(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 4},
        )

    @staticmethod
    def body(event_type_id: int, **fields: Any) -> dict[str, Any]:
        return {
            "start": FIRST_SLOT,
            "eventTypeId": event_type_id,
            "attendee": attendee("Ann", "Europe/London"),
            **fields,
        }

    def test_books_every_occurrence_at_the_same_london_time(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        series = data(post(client, self.body(weekly)), 201)
        assert isinstance(series, list)
        assert [b["start"] for b in series] == self.LONDON_NINES
        assert [b["end"] for b in series] == [
            s.replace(":00:00.000Z", ":30:00.000Z") for s in self.LONDON_NINES
        ]
        group = {b["recurringBookingUid"] for b in series}
        assert len(group) == 1
        assert None not in group
        assert len({b["uid"] for b in series}) == 4
        assert all(b["status"] == "accepted" for b in series)
        assert all(set(b) == OUTPUT_KEYS | {"recurringBookingUid"} for b in series)
        assert len(listed(client, alice)) == 4

    def test_recurrence_count_books_fewer(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        series = data(post(client, self.body(weekly, recurrenceCount=2)), 201)
        assert [b["start"] for b in series] == self.LONDON_NINES[:2]
        assert len(listed(client, alice)) == 2

    def test_more_than_the_event_type_allows_is_a_400(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        err = error(post(client, self.body(weekly, recurrenceCount=5)), 400)
        assert "recurrenceCount" in detail_fields(err)
        assert listed(client, alice) == []

    def test_recurrence_count_on_a_plain_event_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        err = error(post(client, self.body(intro, recurrenceCount=2)), 400)
        assert "recurrenceCount" in detail_fields(err)
        assert listed(client, alice) == []

    def test_one_taken_occurrence_refuses_the_whole_series(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        other = make_event_type(client, alice, "other")
        blocker = data(book(client, other, "2030-04-09T08:00:00Z", name="Bob"), 201)
        err = error(post(client, self.body(weekly)), 409)
        assert err["code"] == "ConflictException"
        assert "2030-04-09T08:00:00" in err["message"]  # names the taken occurrence
        assert [b["uid"] for b in listed(client, alice)] == [blocker["uid"]]
        assert NINE in day_starts(client, weekly)  # the first occurrence was not kept

    def test_an_occurrence_on_a_day_off_is_a_400_naming_it(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(
            client,
            alice,
            "Europe/London",
            overrides=[{"date": "2030-04-09", "startTime": "00:00", "endTime": "00:00"}],
        )
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 4},
        )
        err = error(post(client, self.body(weekly)), 400)
        assert any("occurrence 3" in f for f in detail_fields(err)), err
        assert listed(client, alice) == []

    def test_a_series_in_another_zone_keeps_that_zones_wall_clock(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        # 10:00 in New York (UTC-4 since 10 March) is 14:00Z before London's change and
        # 14:00Z after it, so the London-hours series is at 15:00 BST from April.
        body = {**self.body(weekly), "start": "2030-03-26T14:00:00Z"}
        body["attendee"] = attendee("Ann", "America/New_York")
        series = data(post(client, body), 201)
        assert [b["start"] for b in series] == [
            "2030-03-26T14:00:00.000Z",
            "2030-04-02T14:00:00.000Z",
            "2030-04-09T14:00:00.000Z",
            "2030-04-16T14:00:00.000Z",
        ]

    def test_the_series_reads_back_by_its_group_uid(self, client: TestClient, weekly: int) -> None:
        series = data(post(client, self.body(weekly)), 201)
        group = series[0]["recurringBookingUid"]
        read = data(client.get(f"/v2/bookings/{group}", headers=v2()))
        assert [b["uid"] for b in read] == [b["uid"] for b in series]


class TestReservations:
    def test_a_slot_held_by_someone_else_is_a_409(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        data(reserve(client, intro, FIRST_SLOT), 201)
        err = error(book(client, intro), 409)
        assert err["code"] == "ConflictException"
        assert listed(client, alice) == []

    def test_the_holder_books_with_its_reservation_uid(
        self, client: TestClient, intro: int
    ) -> None:
        hold = data(reserve(client, intro, FIRST_SLOT), 201)
        uid = hold["reservationUid"]
        booking = data(book(client, intro, reservationUid=uid), 201)
        assert booking["start"] == NINE
        gone = client.get(
            f"/v2/slots/reservations/{uid}", headers={"cal-api-version": "2024-09-04"}
        )
        error(gone, 404)
        assert NINE not in day_starts(client, intro)

    def test_a_reservation_of_another_slot_does_not_help(
        self, client: TestClient, intro: int
    ) -> None:
        data(reserve(client, intro, FIRST_SLOT), 201)
        other = data(reserve(client, intro, "2030-03-26T10:00:00Z"), 201)
        error(book(client, intro, reservationUid=other["reservationUid"]), 409)


class TestRescheduleIntoAHeldSlot:
    """The booker holds the new slot while deciding (as a booking page does), then moves
    the booking there with the hold's uid; without it their own hold is someone's hold."""

    def test_the_move_takes_the_held_slot_and_ends_the_hold(
        self, client: TestClient, intro: int
    ) -> None:
        booking = data(book(client, intro), 201)
        hold = data(reserve(client, intro, "2030-03-26T11:00:00Z"), 201)
        move = {"start": "2030-03-26T11:00:00Z"}
        path = f"/v2/bookings/{booking['uid']}/reschedule"
        error(client.post(path, headers=v2(), json=move), 409)
        moved = data(
            client.post(
                path, headers=v2(), json={**move, "reservationUid": hold["reservationUid"]}
            ),
            201,
        )
        assert moved["start"] == "2030-03-26T11:00:00.000Z"
        gone = client.get(
            f"/v2/slots/reservations/{hold['reservationUid']}",
            headers={"cal-api-version": "2024-09-04"},
        )
        error(gone, 404)
