"""GET /v2/bookings and GET /v2/bookings/{uid} with ``cal-api-version: 2024-08-13``
(spec/api.md §6.2): the key, whose bookings are listed, every filter and sort, the
pagination object, bad values, and reading one booking (or a series) by its uid.

Now is Monday 2030-03-25 06:00Z; Alice works Monday-Friday 09:00-17:00 Europe/London.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from slotwise.bookings.repository import ListQuery
from slotwise.bookings.schemas.v2024_08_13 import ListBookingsParams_2024_08_13
from slotwise.clock import FrozenClock
from slotwise.errors import Invalid
from tests import spec
from tests.bookings.helpers import OUTPUT_KEYS, attendee, book, v2
from tests.conftest import Account, Accounts
from tests.slots.helpers import data, error, make_event_type, make_schedule

PAGINATION_KEYS = spec.pagination().keys  # spec/api.md §1.3


def page(
    client: TestClient, account: Account, **params: Any
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    response = client.get("/v2/bookings", headers=v2(account), params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"status", "data", "pagination"}
    assert body["status"] == "success"
    assert set(body["pagination"]) == PAGINATION_KEYS
    return body["data"], body["pagination"]


def uids(client: TestClient, account: Account, **params: Any) -> list[str]:
    return [b["uid"] for b in page(client, account, **params)[0]]


def detail_fields(err: dict[str, Any]) -> set[str]:
    return {d["field"] for d in err.get("details") or []}


def made(
    client: TestClient, event_type_id: int, start: str, name: str = "Ann", **fields: Any
) -> str:
    uid: str = data(book(client, event_type_id, start, name=name, **fields), 201)["uid"]
    return uid


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


@pytest.fixture
def long(client: TestClient, alice: Account, intro: int) -> int:
    return make_event_type(client, alice, "long", lengthInMinutes=60)


class TestAccess:
    def test_listing_needs_a_key(self, client: TestClient, intro: int) -> None:
        made(client, intro, "2030-03-26T09:00:00Z")
        err = error(client.get("/v2/bookings", headers=v2()), 401)
        assert err["code"] == "UnauthorizedException"

    def test_a_bad_key_is_a_401(self, client: TestClient, intro: int) -> None:
        headers = {**v2(), "Authorization": "Bearer cal_not_a_real_key"}
        error(client.get("/v2/bookings", headers=headers), 401)

    def test_only_the_callers_bookings(
        self, client: TestClient, alice: Account, accounts: Accounts, intro: int
    ) -> None:
        bob = accounts.create(username="bob")
        make_schedule(client, bob, "Europe/London")
        bobs = make_event_type(client, bob, "intro")
        alices = made(client, intro, "2030-03-26T09:00:00Z")
        bobs_booking = made(client, bobs, "2030-03-26T09:00:00Z")
        assert uids(client, alice) == [alices]
        assert uids(client, bob) == [bobs_booking]
        carol = accounts.create(username="carol")
        assert page(client, carol)[0] == []

    def test_the_list_holds_full_booking_objects(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        created = data(book(client, intro, "2030-03-26T09:00:00Z"), 201)
        [booking] = page(client, alice)[0]
        assert set(booking) == OUTPUT_KEYS
        assert booking == created


class TestStatus:
    @pytest.fixture
    def world(
        self, client: TestClient, alice: Account, clock: FrozenClock, intro: int
    ) -> dict[str, Any]:
        """One booking of each kind, then the clock moves to Tuesday 10:00Z."""
        approval = make_event_type(client, alice, "approval", confirmationPolicy={"type": "always"})
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 4},
        )
        past = made(client, intro, "2030-03-26T09:00:00Z", "Ann")
        cancelled = made(client, intro, "2030-03-26T11:00:00Z", "Bob")
        data(client.post(f"/v2/bookings/{cancelled}/cancel", headers=v2(), json={}))
        pending = made(client, approval, "2030-03-27T09:00:00Z", "Cid")
        rejected = made(client, approval, "2030-03-27T10:00:00Z", "Dee")
        data(client.post(f"/v2/bookings/{rejected}/decline", headers=v2(alice), json={}))
        series = data(
            client.post(
                "/v2/bookings",
                headers=v2(),
                json={
                    "start": "2030-03-28T09:00:00Z",
                    "eventTypeId": weekly,
                    "attendee": attendee("Eve", "Europe/London"),
                    "recurrenceCount": 2,
                },
            ),
            201,
        )
        clock.advance(hours=28)  # Tuesday 10:00Z: the 09:00 booking is over
        return {
            "past": past,
            "cancelled": cancelled,
            "pending": pending,
            "rejected": rejected,
            "series": [b["uid"] for b in series],
        }

    def test_no_status_lists_everything(
        self, client: TestClient, alice: Account, world: dict[str, Any]
    ) -> None:
        assert len(uids(client, alice)) == 6

    def test_upcoming(self, client: TestClient, alice: Account, world: dict[str, Any]) -> None:
        assert set(uids(client, alice, status="upcoming")) == {world["pending"], *world["series"]}

    def test_recurring(self, client: TestClient, alice: Account, world: dict[str, Any]) -> None:
        assert uids(client, alice, status="recurring") == world["series"]

    def test_past(self, client: TestClient, alice: Account, world: dict[str, Any]) -> None:
        assert uids(client, alice, status="past") == [world["past"]]

    def test_cancelled_includes_rejected(
        self, client: TestClient, alice: Account, world: dict[str, Any]
    ) -> None:
        assert set(uids(client, alice, status="cancelled")) == {
            world["cancelled"],
            world["rejected"],
        }

    def test_unconfirmed(self, client: TestClient, alice: Account, world: dict[str, Any]) -> None:
        assert uids(client, alice, status="unconfirmed") == [world["pending"]]

    def test_a_comma_list_is_the_union(
        self, client: TestClient, alice: Account, world: dict[str, Any]
    ) -> None:
        assert set(uids(client, alice, status="past,cancelled")) == {
            world["past"],
            world["cancelled"],
            world["rejected"],
        }
        assert set(uids(client, alice, status="past,unconfirmed")) == {
            world["past"],
            world["pending"],
        }

    def test_a_pending_booking_that_is_over_is_past_not_unconfirmed(
        self, client: TestClient, alice: Account, clock: FrozenClock, world: dict[str, Any]
    ) -> None:
        clock.advance(days=1)  # Wednesday 10:00Z: the pending 09:00 booking is over
        assert world["pending"] not in uids(client, alice, status="unconfirmed")
        assert world["pending"] in uids(client, alice, status="past")


class TestFilters:
    @pytest.fixture
    def three(self, client: TestClient, intro: int, long: int) -> dict[str, str]:
        return {
            "ann": made(client, intro, "2030-03-26T09:00:00Z", "Ann"),
            "bob": made(client, intro, "2030-03-26T10:00:00Z", "Bob", guests=["zed@example.com"]),
            "joanna": made(client, long, "2030-03-27T09:00:00Z", "Joanna"),
        }

    def test_attendee_email_is_exact_and_ignores_case(
        self, client: TestClient, alice: Account, three: dict[str, str]
    ) -> None:
        assert uids(client, alice, attendeeEmail="bob@example.com") == [three["bob"]]
        assert uids(client, alice, attendeeEmail="BOB@Example.com") == [three["bob"]]
        assert uids(client, alice, attendeeEmail="bob@example") == []
        assert uids(client, alice, attendeeEmail="nobody@example.com") == []

    def test_attendee_name_matches_part_of_the_name(
        self, client: TestClient, alice: Account, three: dict[str, str]
    ) -> None:
        assert uids(client, alice, attendeeName="Bob") == [three["bob"]]
        assert set(uids(client, alice, attendeeName="ANN")) == {three["ann"], three["joanna"]}
        assert uids(client, alice, attendeeName="Zed") == []

    def test_event_type_id(
        self, client: TestClient, alice: Account, intro: int, long: int, three: dict[str, str]
    ) -> None:
        assert uids(client, alice, eventTypeId=long) == [three["joanna"]]
        assert uids(client, alice, eventTypeId=intro) == [three["ann"], three["bob"]]

    def test_event_type_ids(
        self, client: TestClient, alice: Account, intro: int, long: int, three: dict[str, str]
    ) -> None:
        assert len(uids(client, alice, eventTypeIds=f"{intro},{long}")) == 3
        assert uids(client, alice, eventTypeIds=str(long)) == [three["joanna"]]
        assert uids(client, alice, eventTypeIds=str(long + 100)) == []

    def test_after_start(self, client: TestClient, alice: Account, three: dict[str, str]) -> None:
        assert uids(client, alice, afterStart="2030-03-26T10:00:00Z") == [
            three["bob"],
            three["joanna"],
        ]
        assert uids(client, alice, afterStart="2030-03-26T10:00:01Z") == [three["joanna"]]

    def test_before_end(self, client: TestClient, alice: Account, three: dict[str, str]) -> None:
        assert uids(client, alice, beforeEnd="2030-03-26T10:30:00Z") == [
            three["ann"],
            three["bob"],
        ]
        assert uids(client, alice, beforeEnd="2030-03-26T10:29:59Z") == [three["ann"]]

    def test_after_start_and_before_end_together(
        self, client: TestClient, alice: Account, three: dict[str, str]
    ) -> None:
        found = uids(
            client, alice, afterStart="2030-03-26T09:30:00Z", beforeEnd="2030-03-27T00:00:00Z"
        )
        assert found == [three["bob"]]

    def test_booking_uid(self, client: TestClient, alice: Account, three: dict[str, str]) -> None:
        assert uids(client, alice, bookingUid=three["bob"]) == [three["bob"]]
        assert uids(client, alice, bookingUid="0" * 32) == []

    def test_filters_combine(
        self, client: TestClient, alice: Account, intro: int, three: dict[str, str]
    ) -> None:
        assert uids(client, alice, eventTypeId=intro, attendeeName="ann") == [three["ann"]]
        assert uids(client, alice, eventTypeId=intro, attendeeName="joanna") == []


class TestCreatedAtAndSort:
    @pytest.fixture
    def spread(self, client: TestClient, clock: FrozenClock, intro: int) -> dict[str, str]:
        """Booked in the order 11:00, 09:00, 10:00, ten minutes apart."""
        booked = {}
        for hour in ("11", "09", "10"):
            booked[hour] = made(client, intro, f"2030-03-26T{hour}:00:00Z", f"P{hour}")
            clock.advance(minutes=10)
        return booked  # created at 06:00, 06:10, 06:20

    def test_after_created_at(
        self, client: TestClient, alice: Account, spread: dict[str, str]
    ) -> None:
        assert uids(client, alice, afterCreatedAt="2030-03-25T06:10:00Z") == [
            spread["09"],
            spread["10"],
        ]

    def test_before_created_at(
        self, client: TestClient, alice: Account, spread: dict[str, str]
    ) -> None:
        assert uids(client, alice, beforeCreatedAt="2030-03-25T06:10:00Z") == [
            spread["09"],
            spread["11"],
        ]
        assert uids(client, alice, beforeCreatedAt="2030-03-25T06:05:00Z") == [spread["11"]]

    def test_created_at_window(
        self, client: TestClient, alice: Account, spread: dict[str, str]
    ) -> None:
        found = uids(
            client,
            alice,
            afterCreatedAt="2030-03-25T06:05:00Z",
            beforeCreatedAt="2030-03-25T06:15:00Z",
        )
        assert found == [spread["09"]]

    def test_the_default_order_is_by_start(
        self, client: TestClient, alice: Account, spread: dict[str, str]
    ) -> None:
        assert uids(client, alice) == [spread["09"], spread["10"], spread["11"]]

    def test_sort_start(self, client: TestClient, alice: Account, spread: dict[str, str]) -> None:
        ordered = [spread["09"], spread["10"], spread["11"]]
        assert uids(client, alice, sortStart="asc") == ordered
        assert uids(client, alice, sortStart="desc") == ordered[::-1]

    def test_sort_created(self, client: TestClient, alice: Account, spread: dict[str, str]) -> None:
        ordered = [spread["11"], spread["09"], spread["10"]]
        assert uids(client, alice, sortCreated="asc") == ordered
        assert uids(client, alice, sortCreated="desc") == ordered[::-1]


class TestPagination:
    @pytest.fixture
    def five(self, client: TestClient, intro: int) -> list[str]:
        return [
            made(client, intro, f"2030-03-26T{hour:02d}:00:00Z", f"P{hour}")
            for hour in range(9, 14)
        ]

    def test_defaults(self, client: TestClient, alice: Account, five: list[str]) -> None:
        found, pagination = page(client, alice)
        assert [b["uid"] for b in found] == five
        assert pagination == {
            "totalItems": 5,
            "remainingItems": 0,
            "returnedItems": 5,
            "itemsPerPage": 100,
            "currentPage": 1,
            "totalPages": 1,
            "hasNextPage": False,
            "hasPreviousPage": False,
        }

    def test_first_page(self, client: TestClient, alice: Account, five: list[str]) -> None:
        found, pagination = page(client, alice, take=2)
        assert [b["uid"] for b in found] == five[:2]
        assert pagination == {
            "totalItems": 5,
            "remainingItems": 3,
            "returnedItems": 2,
            "itemsPerPage": 2,
            "currentPage": 1,
            "totalPages": 3,
            "hasNextPage": True,
            "hasPreviousPage": False,
        }

    def test_middle_page(self, client: TestClient, alice: Account, five: list[str]) -> None:
        found, pagination = page(client, alice, take=2, skip=2)
        assert [b["uid"] for b in found] == five[2:4]
        assert pagination == {
            "totalItems": 5,
            "remainingItems": 1,
            "returnedItems": 2,
            "itemsPerPage": 2,
            "currentPage": 2,
            "totalPages": 3,
            "hasNextPage": True,
            "hasPreviousPage": True,
        }

    def test_last_page(self, client: TestClient, alice: Account, five: list[str]) -> None:
        found, pagination = page(client, alice, take=2, skip=4)
        assert [b["uid"] for b in found] == five[4:]
        assert pagination == {
            "totalItems": 5,
            "remainingItems": 0,
            "returnedItems": 1,
            "itemsPerPage": 2,
            "currentPage": 3,
            "totalPages": 3,
            "hasNextPage": False,
            "hasPreviousPage": True,
        }

    def test_beyond_the_end(self, client: TestClient, alice: Account, five: list[str]) -> None:
        found, pagination = page(client, alice, take=2, skip=10)
        assert found == []
        assert pagination["totalItems"] == 5
        assert pagination["returnedItems"] == 0
        assert pagination["remainingItems"] == 0
        assert pagination["hasNextPage"] is False

    def test_pagination_counts_the_filtered_set(
        self, client: TestClient, alice: Account, five: list[str]
    ) -> None:
        found, pagination = page(client, alice, take=1, afterStart="2030-03-26T11:00:00Z")
        assert [b["uid"] for b in found] == [five[2]]
        assert pagination["totalItems"] == 3
        assert pagination["remainingItems"] == 2
        assert pagination["totalPages"] == 3

    def test_take_250_is_allowed(self, client: TestClient, alice: Account, five: list[str]) -> None:
        assert page(client, alice, take=250)[1]["itemsPerPage"] == 250


class TestBadQuery:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"status": "bogus"}, "status"),
            ({"status": "upcoming,bogus"}, "status"),
            ({"take": "0"}, "take"),
            ({"take": "251"}, "take"),
            ({"take": "ten"}, "take"),
            ({"skip": "-1"}, "skip"),
            ({"afterStart": "yesterday"}, "afterStart"),
            ({"beforeEnd": "2030-13-01T00:00:00Z"}, "beforeEnd"),
            ({"afterCreatedAt": "soon"}, "afterCreatedAt"),
            ({"sortStart": "up"}, "sortStart"),
            ({"eventTypeIds": "1,x"}, "eventTypeIds"),
        ],
        ids=lambda value: str(value),
    )
    def test_is_a_400_naming_the_param(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        params: dict[str, str],
        field: str,
    ) -> None:
        response = client.get("/v2/bookings", headers=v2(alice), params=params)
        err = error(response, 400)
        assert err["code"] == "BadRequestException"
        assert field in detail_fields(err), err
        assert field in err["message"]

    def test_the_legacy_filters_are_not_read(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        made(client, intro, "2030-03-26T09:00:00Z")
        params = {"filters[status]": "soon", "filters[userIds][]": "x"}
        assert len(uids(client, alice, **params)) == 1


class TestListParams:
    """The parameters FastAPI validated are the command the read takes."""

    def test_become_the_list_query(self) -> None:
        params = ListBookingsParams_2024_08_13.model_validate(
            {
                "status": "upcoming, past",
                "attendeeEmail": "Ann@Example.com",
                "eventTypeIds": "3,4",
                "eventTypeId": "5",
                "teamId": "7",
                "afterStart": "2030-03-26T09:00:00+01:00",
                "sortEnd": "desc",
                "sortStart": "asc",
                "take": 5,
            }
        )
        assert params.to_query() == ListQuery(
            statuses=frozenset({"upcoming", "past"}),
            attendee_email="Ann@Example.com",
            event_type_ids=(3, 4, 5),
            team_ids=(7,),
            after_start=datetime(2030, 3, 26, 8, tzinfo=UTC),
            order=(("start", False), ("end", True)),
            take=5,
            skip=0,
        )

    def test_name_every_bad_value_at_once(self) -> None:
        params = ListBookingsParams_2024_08_13(status="soon", teamsIds="1,²", beforeEnd="later")
        with pytest.raises(Invalid) as raised:
            params.to_query()
        fields = [d["field"] for d in raised.value.details]
        assert fields == ["status", "teamsIds", "beforeEnd"]


class TestGetOne:
    def test_anyone_with_the_uid_reads_it(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        created = data(book(client, intro, "2030-03-26T09:00:00Z"), 201)
        anonymous = data(client.get(f"/v2/bookings/{created['uid']}", headers=v2()))
        assert anonymous == created
        host = data(client.get(f"/v2/bookings/{created['uid']}", headers=v2(alice)))
        assert host == created

    def test_an_unknown_uid_is_a_404(self, client: TestClient, intro: int) -> None:
        made(client, intro, "2030-03-26T09:00:00Z")
        err = error(client.get(f"/v2/bookings/{'f' * 32}", headers=v2()), 404)
        assert err["code"] == "NotFoundException"
        assert "f" * 32 in err["message"]

    def test_a_recurring_group_uid_answers_the_series(
        self, client: TestClient, alice: Account, intro: int
    ) -> None:
        weekly = make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 3},
        )
        series = data(book(client, weekly, "2030-03-26T09:00:00Z"), 201)
        group = series[0]["recurringBookingUid"]
        read = data(client.get(f"/v2/bookings/{group}", headers=v2()))
        assert isinstance(read, list)
        assert read == series
        one = data(client.get(f"/v2/bookings/{series[1]['uid']}", headers=v2()))
        assert one == series[1]


class TestTeamFilters:
    """Teams do not exist yet: a team filter matches none of the caller's bookings."""

    def test_a_team_filter_matches_nothing_and_a_bad_one_is_a_400(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(client, alice, minimumBookingNotice=0)
        assert book(client, event_type_id).status_code == 201
        everything = client.get("/v2/bookings", headers=v2(alice)).json()
        assert everything["pagination"]["totalItems"] == 1
        for params in ({"teamsIds": "1,2"}, {"teamId": "7"}):
            answer = client.get("/v2/bookings", headers=v2(alice), params=params).json()
            assert answer["data"] == []
            assert answer["pagination"]["totalItems"] == 0
        bad = client.get("/v2/bookings", headers=v2(alice), params={"teamsIds": "x"})
        assert bad.status_code == 400
        assert bad.json()["error"]["details"][0]["field"] == "teamsIds"


@pytest.mark.parametrize("word", ["recurring", "upcoming", "past", "cancelled", "unconfirmed"])
def test_a_list_status_asked_as_a_uid_points_to_the_list(
    client: TestClient, alice: Account, word: str
) -> None:
    """``GET /v2/bookings/recurring`` is someone looking for a list, not a booking uid."""
    found = error(client.get(f"/v2/bookings/{word}", headers=v2(alice)), 404)
    assert found["message"] == (
        f"No booking has the uid {word!r}: {word} bookings are listed by "
        f"GET /v2/bookings?status={word}"
    )
    assert "uid=" in error(client.get("/v2/bookings/abc", headers=v2(alice)), 404)["message"]
