"""/v2/bookings in the legacy shapes (spec/legacy.md §3): 2024-04-15, also a missing or
unknown ``cal-api-version``, 2024-06-11 and 2024-06-14.

Now is Monday 2030-03-25 06:00Z (tests/bookings/conftest.py). Alice lives in Europe/London
(UTC+0 until Sunday 31 March) and has the default hours, Monday-Friday 09:00-17:00; her
event types are 30 minutes with two hours' notice unless a test says otherwise. Bookers
live in Europe/Rome.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from slotwise.clock import FrozenClock
from tests.bookings.helpers import FIRST_SLOT
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type

LEGACY = "2024-04-15"
SECOND_SLOT = "2030-03-26T10:00:00Z"
THIRD_SLOT = "2030-03-27T09:00:00Z"
NO_USERS = "no_available_users_found_error"
UPCOMING = {"filters[status]": "upcoming"}
WEEKLY_3 = {"recurrence": {"interval": 1, "occurrences": 3, "frequency": "weekly"}}
# 10:00 in Rome each Tuesday: 09:00Z before the clocks change on 31 March, 08:00Z after.
SERIES = ["2030-03-26T09:00:00Z", "2030-04-02T08:00:00Z", "2030-04-09T08:00:00Z"]

CREATE_KEYS = {
    "id", "uid", "userId", "eventTypeId", "title", "description", "startTime", "endTime",
    "location", "status", "paid", "metadata", "responses", "customInputs", "smsReminderNumber",
    "recurringEventId", "fromReschedule", "rescheduled", "cancellationReason", "rejectionReason",
    "iCalUID", "iCalSequence", "noShowHost", "isRecorded", "createdAt", "updatedAt",
    "userPrimaryEmail", "user", "attendees", "references",
}  # fmt: skip
ATTENDEE_KEYS = {"id", "email", "name", "timeZone", "locale", "bookingId", "noShow"}
GET_KEYS = {
    "id", "uid", "title", "description", "startTime", "endTime", "status", "location",
    "metadata", "responses", "customInputs", "smsReminderNumber", "recurringEventId",
    "cancellationReason", "rejectionReason", "fromReschedule", "rescheduled",
    "userPrimaryEmail", "user", "attendees", "eventTypeId", "eventType",
}  # fmt: skip
LIST_ITEM_KEYS = {
    "id", "uid", "title", "description", "startTime", "endTime", "status", "attendees", "user",
    "userPrimaryEmail", "eventType", "location", "metadata", "customInputs", "recurringEventId",
    "fromReschedule", "rescheduled", "paid", "payment", "references", "isRecorded",
    "seatsReferences",
}  # fmt: skip


def headers(account: Account | None = None, version: str | None = LEGACY) -> dict[str, str]:
    result = dict(account.headers) if account else {}
    if version is not None:
        result["cal-api-version"] = version
    return result


def legacy_body(
    event_type_id: int, start: str = FIRST_SLOT, name: str = "Ann", **fields: Any
) -> dict[str, Any]:
    return {
        "start": start,
        "eventTypeId": event_type_id,
        "timeZone": "Europe/Rome",
        "language": "en",
        "metadata": {},
        "responses": {"name": name, "email": f"{name.lower()}@example.com", "guests": []},
        **fields,
    }


def post(client: TestClient, body: Any, version: str | None = LEGACY) -> Response:
    return client.post("/v2/bookings", headers=headers(version=version), json=body)


def book(
    client: TestClient,
    event_type_id: int,
    start: str = FIRST_SLOT,
    *,
    version: str | None = LEGACY,
    name: str = "Ann",
    **fields: Any,
) -> Response:
    return post(client, legacy_body(event_type_id, start, name, **fields), version)


def booked(client: TestClient, event_type_id: int, start: str = FIRST_SLOT, **kw: Any) -> Any:
    return data(book(client, event_type_id, start, **kw), 201)


def post_series(client: TestClient, bodies: Any) -> Response:
    return client.post("/v2/bookings/recurring", headers=headers(), json=bodies)


def fields_of(response: Response) -> list[str]:
    return [d["field"] for d in error(response, 400).get("details") or []]


def read(client: TestClient, uid: str) -> Any:
    return data(client.get(f"/v2/bookings/{uid}", headers=headers()))


def cancel(client: TestClient, uid: str, body: dict[str, Any] | None = None) -> Response:
    return client.post(f"/v2/bookings/{uid}/cancel", headers=headers(), json=body or {})


def listing(client: TestClient, account: Account, params: Any = None) -> dict[str, Any]:
    found: dict[str, Any] = data(
        client.get("/v2/bookings", headers=headers(account), params=params)
    )
    return found


def uids_listed(client: TestClient, account: Account, params: Any = None) -> list[str]:
    return [b["uid"] for b in listing(client, account, params)["bookings"]]


def count(client: TestClient, account: Account, status: str = "upcoming") -> int:
    total: int = listing(client, account, {"filters[status]": status})["totalCount"]
    return total


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    return make_event_type(client, alice)


@pytest.fixture
def weekly(client: TestClient, alice: Account) -> int:
    return make_event_type(client, alice, slug="weekly", **WEEKLY_3)


class TestCreate:
    def test_without_a_header_answers_the_legacy_booking_record(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        created = booked(client, intro, version=None)
        assert set(created) == CREATE_KEYS  # no seatReferenceUid outside seated events
        assert created["startTime"] == "2030-03-26T09:00:00.000Z"
        assert created["endTime"] == "2030-03-26T09:30:00.000Z"
        assert created["status"] == "ACCEPTED"
        assert created["eventTypeId"] == intro
        assert created["title"] == "Intro between Alice and Ann"
        assert created["userPrimaryEmail"] == alice.email
        assert created["user"] == {
            "id": alice.id,
            "name": "Alice",
            "email": alice.email,
            "username": "alice",
            "timeZone": "Europe/London",
        }
        assert created["metadata"] == {}
        assert (created["responses"]["name"], created["responses"]["email"]) == (
            "Ann",
            "ann@example.com",
        )
        assert (created["recurringEventId"], created["fromReschedule"]) == (None, None)
        [attendee] = created["attendees"]
        assert set(attendee) == ATTENDEE_KEYS
        assert attendee["bookingId"] == created["id"]
        assert (attendee["email"], attendee["timeZone"], attendee["locale"]) == (
            "ann@example.com",
            "Europe/Rome",
            "en",
        )

    @pytest.mark.parametrize("version", ["2024-04-15", "2024-06-11", "2024-06-14", "2099-01-01"])
    def test_legacy_and_unknown_versions_get_the_legacy_shapes(
        self, client: TestClient, intro: int, version: str
    ) -> None:
        created = booked(client, intro, version=version)
        assert "startTime" in created
        assert "start" not in created

    @pytest.mark.parametrize("version", [None, "2024-06-14", "2099-01-01"])
    def test_a_2024_08_13_body_is_not_what_they_take(
        self, client: TestClient, intro: int, version: str | None
    ) -> None:
        body = {
            "start": FIRST_SLOT,
            "eventTypeId": intro,
            "attendee": {"name": "Bo", "email": "bo@example.com", "timeZone": "UTC"},
        }
        assert set(fields_of(post(client, body, version))) == {
            "timeZone", "language", "metadata", "responses",
        }  # fmt: skip

    def test_2024_09_04_is_refused_naming_the_versions_served(
        self, client: TestClient, intro: int
    ) -> None:
        message = error(book(client, intro, version="2024-09-04"), 400)["message"]
        assert "2024-04-15" in message
        assert "2024-08-13" in message

    def test_name_parts_an_attendee_location_notes_and_custom_answers(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(
            client,
            alice,
            locations=[{"type": "attendeeAddress"}],
            bookingFields=[
                {"type": "text", "slug": "company", "label": "Company", "required": True}
            ],
        )
        body = legacy_body(event_type_id)
        body["responses"] = {
            "name": {"firstName": "Ada", "lastName": "Lovelace"},
            "email": "Ada@Example.com",
            "location": {"value": "attendeeInPerson", "optionValue": "1 Analytical Row"},
            "company": "Engines Ltd",
            "notes": "bring the cards",
        }
        created = data(post(client, body), 201)
        assert created["attendees"][0]["name"] == "Ada Lovelace"
        assert created["attendees"][0]["email"] == "ada@example.com"
        assert created["location"] == "1 Analytical Row"
        assert created["responses"]["company"] == "Engines Ltd"
        assert created["responses"]["notes"] == "bring the cards"

    def test_custom_answers_are_checked_under_responses(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(
            client,
            alice,
            bookingFields=[
                {"type": "text", "slug": "company", "label": "Company", "required": True}
            ],
        )
        body = legacy_body(event_type_id)
        body["responses"]["shoeSize"] = 9
        assert set(fields_of(post(client, body))) == {"responses.company", "responses.shoeSize"}
        assert count(client, alice) == 0

    def test_a_host_location_comes_from_the_event_type(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(
            client, alice, locations=[{"type": "address", "address": "Main St 1", "public": True}]
        )
        body = legacy_body(event_type_id)
        body["responses"]["location"] = {"value": "inPerson", "optionValue": ""}
        assert data(post(client, body), 201)["location"] == "Main St 1"

    def test_a_host_location_the_event_type_lacks_is_a_400(
        self, client: TestClient, intro: int
    ) -> None:
        body = legacy_body(intro)
        body["responses"]["location"] = {"value": "link", "optionValue": ""}
        assert fields_of(post(client, body)) == ["responses.location.value"]

    def test_an_attendee_location_needs_its_option_value(
        self, client: TestClient, intro: int
    ) -> None:
        body = legacy_body(intro)
        body["responses"]["location"] = {"value": "phone", "optionValue": " "}
        assert fields_of(post(client, body)) == ["responses.location.optionValue"]

    def test_an_integration_is_stored_as_every_version_stores_it(
        self, client: TestClient, intro: int
    ) -> None:
        body = legacy_body(intro)
        body["responses"]["location"] = {"value": "integrations:daily", "optionValue": ""}
        assert data(post(client, body), 201)["location"] == "integrations:cal-video"

    def test_end_picks_one_of_the_event_types_lengths(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(client, alice, lengthInMinutesOptions=[30, 60])
        created = booked(client, event_type_id, end="2030-03-26T10:00:00Z")
        assert created["endTime"] == "2030-03-26T10:00:00.000Z"

    def test_an_end_that_is_no_length_of_the_event_type_is_a_400(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(client, alice, lengthInMinutesOptions=[30, 60])
        response = book(client, event_type_id, end="2030-03-26T09:45:00Z")
        assert error(response, 400)["details"] == [
            {
                "field": "end",
                "message": "must be start plus one of the event type's lengths (30, 60 minutes)",
            }
        ]
        assert count(client, alice) == 0

    def test_a_taken_slot_is_cal_coms_400_code_and_writes_nothing(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        booked(client, intro)
        failure = error(book(client, intro, name="Bo"), 400)
        assert failure["code"] == "BadRequestException"
        assert failure["message"] == NO_USERS
        assert count(client, alice) == 1

    def test_full_seats_and_a_second_seat_have_cal_coms_own_codes(
        self, client: TestClient, alice: Account
    ) -> None:
        seated = make_event_type(
            client,
            alice,
            "class",
            seats={"seatsPerTimeSlot": 1, "showAttendeeInfo": False, "showAvailabilityCount": True},
        )
        twice = make_event_type(
            client,
            alice,
            "workshop",
            seats={"seatsPerTimeSlot": 2, "showAttendeeInfo": False, "showAvailabilityCount": True},
        )
        booked(client, seated)
        assert error(book(client, seated, name="Bo"), 400)["message"] == "booking_seats_full_error"
        booked(client, twice, "2030-03-26T11:00:00Z")
        again = error(book(client, twice, "2030-03-26T11:00:00Z"), 400)
        assert again["message"] == "already_signed_up_for_this_booking_error"

    def test_a_slot_never_offered_stays_the_services_400(
        self, client: TestClient, intro: int
    ) -> None:
        failure = error(book(client, intro, "2030-03-26T03:00:00Z"), 400)
        assert failure["message"] != NO_USERS
        assert failure["details"][0]["field"] == "start"

    def test_an_unknown_event_type_is_a_404(self, client: TestClient, alice: Account) -> None:
        error(book(client, 999_999), 404)

    def test_by_event_type_slug_and_user(self, client: TestClient, intro: int) -> None:
        body = legacy_body(intro)
        del body["eventTypeId"]
        created = data(post(client, {**body, "eventTypeSlug": "intro", "user": "alice"}), 201)
        assert created["eventTypeId"] == intro

    def test_a_slug_without_user_is_a_400_naming_user(self, client: TestClient, intro: int) -> None:
        body = legacy_body(intro)
        del body["eventTypeId"]
        assert fields_of(post(client, {**body, "eventTypeSlug": "intro"})) == ["user"]

    def test_undeclared_keys_are_dropped(self, client: TestClient, intro: int) -> None:
        created = booked(
            client,
            intro,
            title="Mine",
            description="x",
            status="CANCELLED",
            recurringEventId="abc",
        )
        assert created["title"] == "Intro between Alice and Ann"
        assert created["status"] == "ACCEPTED"
        assert created["recurringEventId"] is None

    @pytest.mark.parametrize(
        ("change", "fields"),
        [
            ({"start": None}, {"start"}),
            ({"start": 1_900_000_000}, {"start"}),
            ({"start": "2030-03-26"}, {"start"}),
            ({"eventTypeId": "7"}, {"eventTypeId"}),
            ({"timeZone": "Mars/Olympus"}, {"timeZone"}),
            ({"language": "xx-nope"}, {"language"}),
            ({"metadata": "none"}, {"metadata"}),
            ({"metadata": {"k": {"nested": 1}}}, {"metadata.k"}),
            ({"responses": {"name": "", "email": "nope"}}, {"responses.name", "responses.email"}),
            ({"responses": {"email": "a@example.com"}}, {"responses.name"}),
            (
                {"responses": {"name": "A", "email": "a@example.com", "guests": ["x"]}},
                {"responses.guests[0]"},
            ),
        ],
    )  # fmt: skip
    def test_a_bad_body_is_a_400_naming_the_fields_and_writes_nothing(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        change: dict[str, Any],
        fields: set[str],
    ) -> None:
        body = legacy_body(intro)
        for key, value in change.items():
            if value is None:
                del body[key]
            else:
                body[key] = value
        assert set(fields_of(post(client, body))) == fields
        assert count(client, alice) == 0

    def test_every_missing_required_field_is_named_at_once(self, client: TestClient) -> None:
        assert set(fields_of(post(client, {}))) == {
            "start", "timeZone", "language", "metadata", "responses",
        }  # fmt: skip


class TestHolds:
    def reserve(self, client: TestClient, event_type_id: int, start: str, end: str) -> str:
        response = client.post(
            "/v2/slots/reserve",
            headers=headers(),
            json={"eventTypeId": event_type_id, "slotUtcStartDate": start, "slotUtcEndDate": end},
        )
        holder: str = data(response, 201)
        return holder

    def test_another_booker_cannot_book_a_held_slot(self, client: TestClient, intro: int) -> None:
        self.reserve(client, intro, FIRST_SLOT, "2030-03-26T09:30:00Z")
        client.cookies.clear()
        assert error(book(client, intro), 400)["message"] == NO_USERS

    def test_the_holder_books_it_and_their_other_holds_are_released(
        self, client: TestClient, intro: int
    ) -> None:
        holder = self.reserve(client, intro, FIRST_SLOT, "2030-03-26T09:30:00Z")
        assert self.reserve(client, intro, SECOND_SLOT, "2030-03-26T10:30:00Z") == holder
        created = booked(client, intro)  # the uid cookie travels with the client
        assert created["startTime"] == "2030-03-26T09:00:00.000Z"
        client.cookies.clear()  # another booker: the second hold went with the booking
        assert booked(client, intro, SECOND_SLOT, name="Bo")["status"] == "ACCEPTED"


class TestReschedule:
    def test_reschedule_uid_links_the_old_and_the_new_booking(
        self, client: TestClient, intro: int
    ) -> None:
        old = booked(client, intro)
        new = booked(
            client,
            intro,
            SECOND_SLOT,
            rescheduleUid=old["uid"],
            rescheduledBy="ann@example.com",
            end="2030-03-26T10:30:00Z",
        )
        assert new["uid"] != old["uid"]
        assert new["fromReschedule"] == old["uid"]
        assert new["startTime"] == "2030-03-26T10:00:00.000Z"
        assert new["attendees"][0]["email"] == "ann@example.com"
        assert new["iCalUID"] == old["iCalUID"]
        previous = read(client, old["uid"])
        assert (previous["status"], previous["rescheduled"]) == ("CANCELLED", True)
        assert read(client, new["uid"])["status"] == "ACCEPTED"

    def test_the_old_slot_is_free_again(self, client: TestClient, intro: int) -> None:
        old = booked(client, intro)
        booked(client, intro, SECOND_SLOT, rescheduleUid=old["uid"])
        assert booked(client, intro, name="Bo")["startTime"] == old["startTime"]

    def test_to_a_taken_slot_is_cal_coms_400_code_and_changes_nothing(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        old = booked(client, intro)
        booked(client, intro, SECOND_SLOT, name="Bo")
        response = book(client, intro, SECOND_SLOT, rescheduleUid=old["uid"])
        assert error(response, 400)["message"] == NO_USERS
        assert read(client, old["uid"])["status"] == "ACCEPTED"
        assert count(client, alice) == 2

    def test_another_event_type_is_a_400_and_changes_nothing(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        other = make_event_type(client, alice, slug="other")
        old = booked(client, intro)
        assert fields_of(book(client, other, THIRD_SLOT, rescheduleUid=old["uid"])) == [
            "eventTypeId"
        ]
        assert read(client, old["uid"])["status"] == "ACCEPTED"
        assert count(client, alice) == 1

    def test_an_end_that_changes_the_length_is_a_400(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        old = booked(client, intro)
        response = book(
            client, intro, THIRD_SLOT, rescheduleUid=old["uid"], end="2030-03-27T10:00:00Z"
        )
        assert fields_of(response) == ["end"]
        assert count(client, alice) == 1

    def test_an_unknown_reschedule_uid_is_a_404(self, client: TestClient, intro: int) -> None:
        error(book(client, intro, THIRD_SLOT, rescheduleUid="nope"), 404)


class TestRecurring:
    def test_books_one_series_in_the_attendees_wall_clock(
        self, client: TestClient, weekly: int
    ) -> None:
        created = data(post_series(client, [legacy_body(weekly, s) for s in SERIES]), 201)
        assert [b["startTime"] for b in created] == [
            "2030-03-26T09:00:00.000Z",
            "2030-04-02T08:00:00.000Z",
            "2030-04-09T08:00:00.000Z",
        ]
        assert all(set(b) == CREATE_KEYS for b in created)
        series_id = created[0]["recurringEventId"]
        assert series_id is not None
        assert {b["recurringEventId"] for b in created} == {series_id}

    def test_fewer_bodies_book_fewer_occurrences(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        created = data(post_series(client, [legacy_body(weekly, s) for s in SERIES[:2]]), 201)
        assert len(created) == 2
        assert count(client, alice, "recurring") == 2

    def test_a_start_off_the_series_is_a_400_naming_it_and_writes_nothing(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        bodies = [legacy_body(weekly, s) for s in SERIES]
        bodies[1]["start"] = "2030-04-02T09:00:00Z"
        assert fields_of(post_series(client, bodies)) == ["1.start"]
        assert count(client, alice) == 0

    def test_more_occurrences_than_the_event_type_has_is_a_400(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        bodies = [legacy_body(weekly, s) for s in [*SERIES, "2030-04-16T08:00:00Z"]]
        assert fields_of(post_series(client, bodies)) == ["body"]
        assert count(client, alice) == 0

    def test_bodies_naming_other_event_types_are_a_400(
        self, client: TestClient, alice: Account, weekly: int, intro: int
    ) -> None:
        bodies = [legacy_body(weekly, SERIES[0]), legacy_body(intro, SERIES[1])]
        assert fields_of(post_series(client, bodies)) == ["1.eventTypeId"]
        assert count(client, alice) == 0

    def test_an_event_type_that_does_not_recur_is_a_400(
        self, client: TestClient, intro: int
    ) -> None:
        assert fields_of(post_series(client, [legacy_body(intro)])) == ["0.eventTypeId"]

    @pytest.mark.parametrize("body", [[], {"start": FIRST_SLOT}, [{"start": FIRST_SLOT}]])
    def test_a_body_that_is_no_list_of_bookings_is_a_400(
        self, client: TestClient, body: Any
    ) -> None:
        error(post_series(client, body), 400)

    def test_a_bad_occurrence_is_named_by_its_index(self, client: TestClient, weekly: int) -> None:
        bodies = [legacy_body(weekly, s) for s in SERIES]
        del bodies[2]["timeZone"]
        assert fields_of(post_series(client, bodies)) == ["2.timeZone"]

    def test_a_single_create_of_a_recurring_event_type_books_one_occurrence(
        self, client: TestClient, alice: Account, weekly: int
    ) -> None:
        assert booked(client, weekly)["recurringEventId"] is None
        assert count(client, alice) == 1

    def test_the_path_is_legacy_only(self, client: TestClient, weekly: int) -> None:
        response = client.post(
            "/v2/bookings/recurring",
            headers=headers(version="2024-08-13"),
            json=[legacy_body(weekly, s) for s in SERIES],
        )
        assert "2024-04-15" in error(response, 400)["message"]


class TestList:
    @pytest.fixture
    def mix(
        self, client: TestClient, alice: Account, intro: int, weekly: int, clock: FrozenClock
    ) -> dict[str, list[str]]:
        """One booking of each status; at 10:00Z the first one (09:00Z today) is over."""
        ask = make_event_type(client, alice, slug="ask", confirmationPolicy={"type": "always"})
        over = booked(client, intro, "2030-03-25T09:00:00Z")["uid"]
        upcoming = booked(client, intro)["uid"]
        cancelled = booked(client, intro, SECOND_SLOT, name="Bo")["uid"]
        data(cancel(client, cancelled), 201)
        pending = booked(client, ask, THIRD_SLOT, name="Cy")
        assert pending["status"] == "PENDING"
        series = data(
            post_series(
                client,
                [
                    legacy_body(weekly, s, "Di")
                    for s in ["2030-03-28T09:00:00Z", "2030-04-04T08:00:00Z"]
                ],
            ),
            201,
        )
        clock.advance(hours=4)
        recurring = [b["uid"] for b in series]
        return {
            "upcoming": [upcoming, pending["uid"], *recurring],
            "recurring": recurring,
            "past": [over],
            "cancelled": [cancelled],
            "unconfirmed": [pending["uid"]],
        }

    @pytest.mark.parametrize(
        "status", ["upcoming", "recurring", "past", "cancelled", "unconfirmed"]
    )
    def test_each_status(
        self, client: TestClient, alice: Account, mix: dict[str, list[str]], status: str
    ) -> None:
        found = listing(client, alice, {"filters[status]": status})
        assert [b["uid"] for b in found["bookings"]] == mix[status]
        assert found["totalCount"] == len(mix[status])

    def test_upcoming_without_filters(
        self, client: TestClient, alice: Account, mix: dict[str, list[str]]
    ) -> None:
        assert uids_listed(client, alice) == mix["upcoming"]

    def test_past_and_cancelled_come_newest_first(
        self, client: TestClient, alice: Account, intro: int, clock: FrozenClock
    ) -> None:
        early = booked(client, intro)["uid"]
        late = booked(client, intro, THIRD_SLOT)["uid"]
        clock.advance(days=3)
        assert uids_listed(client, alice, {"filters[status]": "past"}) == [late, early]

    def test_the_item_shape(
        self, client: TestClient, alice: Account, mix: dict[str, list[str]], weekly: int
    ) -> None:
        [item, _] = listing(client, alice, {"filters[status]": "recurring"})["bookings"]
        assert set(item) == LIST_ITEM_KEYS
        assert set(item["attendees"][0]) == ATTENDEE_KEYS
        assert item["user"] == {"id": alice.id, "name": "Alice", "email": alice.email}
        assert item["userPrimaryEmail"] == alice.email
        assert item["eventType"] == {
            "id": weekly, "slug": "weekly", "eventName": None, "price": 0, "currency": "usd",
            "metadata": {}, "team": None,
        }  # fmt: skip
        assert (item["paid"], item["payment"], item["references"], item["isRecorded"]) == (
            False, [], [], False,
        )  # fmt: skip
        assert (item["customInputs"], item["seatsReferences"]) == ({}, [])

    def test_recurring_info_describes_the_series_on_the_page(
        self, client: TestClient, alice: Account, mix: dict[str, list[str]]
    ) -> None:
        data(cancel(client, mix["recurring"][1]), 201)
        found = listing(client, alice, {"filters[status]": "recurring"})
        [info] = found["recurringInfo"]
        assert info["recurringEventId"] is not None
        assert info["count"] == 2
        assert info["firstDate"] == "2030-03-28T09:00:00.000Z"
        assert info["bookings"]["ACCEPTED"] == ["2030-03-28T09:00:00.000Z"]
        assert info["bookings"]["CANCELLED"] == ["2030-04-04T08:00:00.000Z"]
        assert listing(client, alice, {"filters[status]": "past"})["recurringInfo"] == []

    def test_limit_and_cursor_page_through(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uids = [
            booked(client, intro, f"2030-03-26T{hour:02d}:00:00Z")["uid"] for hour in range(9, 14)
        ]
        pages = [listing(client, alice, {"limit": 2, "cursor": c}) for c in (0, 2, 4)]
        assert [[b["uid"] for b in p["bookings"]] for p in pages] == [
            uids[:2], uids[2:4], uids[4:],
        ]  # fmt: skip
        assert [p["nextCursor"] for p in pages] == [2, 4, None]
        assert {p["totalCount"] for p in pages} == {5}
        assert listing(client, alice)["nextCursor"] is None  # the default limit is 10
        assert listing(client, alice, {"cursor": 9})["bookings"] == []

    def test_filters_by_event_type_user_and_team(
        self, client: TestClient, alice: Account, accounts: Accounts, intro: int
    ) -> None:
        second = make_event_type(client, alice, slug="second")
        one = booked(client, intro)["uid"]
        two = booked(client, second, SECOND_SLOT)["uid"]
        bob = accounts.create(username="bob")
        bobs = make_event_type(client, bob)
        booked(client, bobs, THIRD_SLOT)

        status = ("filters[status]", "upcoming")
        ids = "filters[eventTypeIds][]"
        assert uids_listed(client, alice, [status]) == [one, two]  # never bob's
        assert uids_listed(client, alice, [status, (ids, str(second))]) == [two]
        assert uids_listed(client, alice, [status, (ids, str(intro)), (ids, str(second))]) == [
            one,
            two,
        ]
        assert uids_listed(client, alice, [status, (ids, str(bobs))]) == []
        assert uids_listed(client, alice, [status, ("filters[userIds][]", str(alice.id))]) == [
            one,
            two,
        ]
        assert uids_listed(client, alice, [status, ("filters[userIds][]", str(bob.id))]) == []
        assert uids_listed(client, alice, [status, ("filters[teamsIds][]", "1")]) == []

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"filters[eventTypeIds][]": "1"}, "filters[status]"),
            ({"filters[status]": "soon"}, "filters[status]"),
            ({**UPCOMING, "filters[eventTypeIds][]": "x"}, "filters[eventTypeIds]"),
            ({**UPCOMING, "filters[userIds][]": "0"}, "filters[userIds]"),
            ({**UPCOMING, "filters[teamsIds][]": "1,x"}, "filters[teamsIds]"),
            ({"filters[status]": ["past", "upcoming"]}, "filters[status]"),
            ({"filters": "all"}, "filters[status]"),
            ({"limit": "0"}, "limit"),
            ({"limit": "101"}, "limit"),
            ({"limit": "ten"}, "limit"),
            ({"cursor": "-1"}, "cursor"),
        ],
    )  # fmt: skip
    def test_a_bad_query_is_a_400_naming_the_parameter(
        self, client: TestClient, alice: Account, params: dict[str, str], field: str
    ) -> None:
        response = client.get("/v2/bookings", headers=headers(alice), params=params)
        assert fields_of(response) == [field]

    def test_the_2024_08_13_filters_are_not_read(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        one = booked(client, intro)["uid"]
        params = {"status": "bogus", "eventTypeIds": "x", "afterStart": "soon"}
        assert uids_listed(client, alice, params) == [one]

    def test_needs_an_api_key(self, client: TestClient) -> None:
        error(client.get("/v2/bookings", headers=headers()), 401)


class TestGet:
    def test_answers_the_booking_pages_data_without_a_key(
        self, client: TestClient, intro: int
    ) -> None:
        created = booked(client, intro, metadata={"source": "test"})
        found = data(client.get(f"/v2/bookings/{created['uid']}"))  # no key, no header
        assert set(found) == GET_KEYS
        assert (found["id"], found["startTime"]) == (created["id"], created["startTime"])
        assert found["status"] == "ACCEPTED"
        assert found["metadata"] == {"source": "test"}
        assert found["attendees"] == [
            {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"}
        ]
        assert found["eventType"] == {"eventName": None, "slug": "intro", "timeZone": None}
        assert found["user"]["username"] == "alice"

    def test_a_series_uid_answers_every_occurrence(self, client: TestClient, weekly: int) -> None:
        created = data(post_series(client, [legacy_body(weekly, s) for s in SERIES]), 201)
        occurrences = read(client, created[0]["recurringEventId"])
        assert [o["uid"] for o in occurrences] == [b["uid"] for b in created]
        assert isinstance(read(client, created[0]["uid"]), dict)

    def test_an_unknown_uid_is_a_404_in_cal_coms_words(self, client: TestClient) -> None:
        failure = error(client.get("/v2/bookings/nope", headers=headers()), 404)
        assert failure["message"] == "Booking with UID=nope does not exist."


class TestCancel:
    def test_answers_201_with_the_booking_and_cancels_it(
        self, client: TestClient, intro: int
    ) -> None:
        created = booked(client, intro)
        body = {"cancellationReason": "ill", "uid": "ignored", "id": 5}
        assert data(cancel(client, created["uid"], body), 201) == {
            "bookingId": created["id"],
            "bookingUid": created["uid"],
            "onlyRemovedAttendee": False,
        }
        found = read(client, created["uid"])
        assert (found["status"], found["cancellationReason"]) == ("CANCELLED", "ill")

    def test_cancelling_twice_is_a_400(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        data(cancel(client, uid), 201)
        error(cancel(client, uid), 400)

    def test_a_numeric_uid_is_a_400(self, client: TestClient) -> None:
        assert fields_of(cancel(client, "123")) == ["bookingUid"]

    def test_an_unknown_uid_is_a_404(self, client: TestClient) -> None:
        error(cancel(client, "nope"), 404)

    def test_a_bad_body_is_a_400_and_cancels_nothing(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        assert fields_of(cancel(client, uid, {"cancellationReason": 1})) == ["cancellationReason"]
        assert read(client, uid)["status"] == "ACCEPTED"

    def test_all_remaining_bookings_of_a_series(self, client: TestClient, weekly: int) -> None:
        created = data(post_series(client, [legacy_body(weekly, s) for s in SERIES]), 201)
        answer = data(cancel(client, created[1]["uid"], {"allRemainingBookings": True}), 201)
        assert answer["bookingUid"] == created[1]["uid"]
        statuses = [read(client, b["uid"])["status"] for b in created]
        assert statuses == ["ACCEPTED", "CANCELLED", "CANCELLED"]


class TestSeats:
    @pytest.fixture
    def seated(self, client: TestClient, alice: Account) -> int:
        return make_event_type(
            client, alice, slug="class", seats={"seatsPerTimeSlot": 3, "showAttendeeInfo": False}
        )

    def test_each_seat_answers_its_reference_and_only_itself(
        self, client: TestClient, seated: int
    ) -> None:
        first = booked(client, seated)
        second = booked(client, seated, name="Bo")
        assert second["uid"] == first["uid"]
        assert second["seatReferenceUid"] not in (None, first["seatReferenceUid"])
        assert [a["email"] for a in second["attendees"]] == ["bo@example.com"]

    def test_a_seat_is_cancelled_alone(
        self, client: TestClient, alice: Account, seated: int
    ) -> None:
        first = booked(client, seated)
        second = booked(client, seated, name="Bo")
        body = {"seatReferenceUid": second["seatReferenceUid"]}
        assert data(cancel(client, first["uid"], body), 201)["onlyRemovedAttendee"] is True
        [item] = listing(client, alice)["bookings"]
        assert item["status"] == "ACCEPTED"
        assert [s["referenceUid"] for s in item["seatsReferences"]] == [first["seatReferenceUid"]]
        assert [a["email"] for a in item["attendees"]] == ["ann@example.com"]


class TestMarkNoShow:
    def path(self, uid: str) -> str:
        return f"/v2/bookings/{uid}/mark-no-show"

    def test_an_attendee(self, client: TestClient, alice: Account, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        body = {"attendees": [{"email": "ann@example.com", "noShow": True}]}
        answer = data(client.post(self.path(uid), headers=headers(alice), json=body), 201)
        assert answer == {
            "message": "ann@example.com marked as no-show",
            "attendees": [{"email": "ann@example.com", "noShow": True}],
        }
        [item] = listing(client, alice)["bookings"]
        assert item["attendees"][0]["noShow"] is True

    def test_the_host(self, client: TestClient, alice: Account, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        response = client.post(self.path(uid), headers=headers(alice), json={"noShowHost": True})
        answer = data(response, 201)
        assert answer["noShowHost"] is True
        assert "attendees" not in answer

    def test_needs_the_hosts_key(self, client: TestClient, intro: int) -> None:
        uid = booked(client, intro)["uid"]
        error(client.post(self.path(uid), headers=headers(), json={"noShowHost": True}), 401)

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"attendees": [{"email": "zed@example.com", "noShow": True}]}, "attendees[0].email"),
            ({"attendees": [{"email": "ann@example.com", "noShow": "yes"}]}, "attendees.0.noShow"),
            ({}, "noShowHost"),
        ],
    )
    def test_a_bad_body_is_a_400_naming_the_field(
        self, client: TestClient, alice: Account, intro: int, body: Any, field: str
    ) -> None:
        uid = booked(client, intro)["uid"]
        response = client.post(self.path(uid), headers=headers(alice), json=body)
        assert fields_of(response) == [field]
        assert listing(client, alice)["bookings"][0]["attendees"][0]["noShow"] is False

    def test_mark_absent_is_the_2024_08_13_path(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        uid = booked(client, intro)["uid"]
        response = client.post(
            f"/v2/bookings/{uid}/mark-absent", headers=headers(alice), json={"host": True}
        )
        assert "2024-08-13" in error(response, 400)["message"]
