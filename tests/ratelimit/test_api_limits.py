"""Rate limits through the application, on each database (in process on SQLite, the table
on PostgreSQL) and once on Redis: headers on every response, 429 in each face's error shape
past the limit, a refused request changes nothing, and the window's end lets callers back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.app import create_app
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.bookings.helpers import FIRST_SLOT, book, v2
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, make_event_type, make_schedule

LOW = {
    "rate_limit_per_api_key": 5,
    "rate_limit_per_address": 4,
    "rate_limit_failed_keys_per_address": 2,
    "rate_limit_bookings_per_attendee": 2,
    "rate_limit_window_seconds": 60,
    "rate_limit_attendee_window_seconds": 3600,
}
SECOND_SLOT = "2030-03-26T10:00:00Z"
THIRD_SLOT = "2030-03-26T11:00:00Z"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)  # 06:00:00: a window starts on the minute


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update=LOW)


def limits_of(response: Any) -> tuple[int, int, int]:
    headers = response.headers
    return (
        int(headers["X-RateLimit-Limit"]),
        int(headers["X-RateLimit-Remaining"]),
        int(headers["X-RateLimit-Reset"]),
    )


def assert_throttled_v2(response: Any, path: str) -> None:
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["status"] == "error"
    assert body["path"] == path
    assert body["error"]["code"] == "ThrottlerException"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["X-RateLimit-Remaining"] == "0"


class TestPerApiKey:
    def test_headers_count_down_then_429_until_the_window_ends(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        answers = [client.get("/v2/me", headers=alice.headers) for _ in range(5)]
        assert [r.status_code for r in answers] == [200] * 5
        assert [limits_of(r) for r in answers] == [(5, n, 60) for n in (4, 3, 2, 1, 0)]
        clock.advance(seconds=20)
        refused = client.get("/v2/me", headers=alice.headers)
        assert_throttled_v2(refused, "/v2/me")
        assert refused.headers["Retry-After"] == "40"
        clock.advance(seconds=40)
        again = client.get("/v2/me", headers=alice.headers)
        assert again.status_code == 200
        assert limits_of(again) == (5, 4, 60)

    def test_v1_gets_its_own_error_shape(self, client: TestClient, alice: Account) -> None:
        for _ in range(5):
            assert client.get("/v1/me", params=alice.v1).status_code == 200
        refused = client.get("/v1/me", params=alice.v1)
        assert refused.status_code == 429
        assert refused.json() == {"message": refused.json()["message"]}
        assert "Too many requests" in refused.json()["message"]

    def test_keys_are_counted_apart_from_each_other_and_from_addresses(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        ann, bob = accounts.create(username="ann"), accounts.create(username="bob")
        for _ in range(5):
            client.get("/v2/me", headers=ann.headers)
        assert client.get("/v2/me", headers=ann.headers).status_code == 429
        assert client.get("/v2/me", headers=bob.headers).status_code == 200
        assert client.get("/v2/timezones").status_code == 200  # the address, no key

    def test_a_refused_write_changes_nothing(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        for _ in range(5):
            client.get("/v2/me", headers=alice.headers)
        patch = client.patch("/v2/me", headers=alice.headers, json={"name": "Changed"})
        assert patch.status_code == 429
        clock.advance(minutes=1)
        assert client.get("/v2/me", headers=alice.headers).json()["data"]["name"] == "Alice"

    def test_health_is_not_counted(self, client: TestClient) -> None:
        answers = [client.get("/health") for _ in range(10)]
        assert {r.status_code for r in answers} == {200}
        assert "X-RateLimit-Limit" not in answers[0].headers


class TestPerAddress:
    def test_requests_without_a_key_count_against_the_address(self, client: TestClient) -> None:
        answers = [client.get("/v2/timezones") for _ in range(4)]
        assert [limits_of(r)[:2] for r in answers] == [(4, 3), (4, 2), (4, 1), (4, 0)]
        assert_throttled_v2(client.get("/v2/timezones"), "/v2/timezones")
        # Pages too: the address is over its limit everywhere.
        assert client.get("/alice").status_code == 429

    def test_a_browser_over_the_limit_gets_a_page_and_an_api_caller_json(
        self, client: TestClient
    ) -> None:
        for _ in range(4):
            client.get("/v2/timezones")
        browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
        page = client.get("/alice", headers=browser)
        assert page.status_code == 429
        assert page.headers["content-type"].startswith("text/html")
        assert "<h1>Too many requests</h1>" in page.text
        assert f"try again in {page.headers['Retry-After']} s" in page.text
        api = client.get("/v2/timezones", headers=browser)  # an API path stays JSON
        assert_throttled_v2(api, "/v2/timezones")

    def test_refused_keys_count_against_the_address(
        self, client: TestClient, alice: Account
    ) -> None:
        for attempt in range(2):
            guess = {"Authorization": f"Bearer cal_{attempt:032x}"}
            assert client.get("/v2/me", headers=guess).status_code == 401
        # Each guess was a bucket of its own; the address saw both refusals.
        third = client.get("/v2/me", headers={"Authorization": "Bearer cal_" + "f" * 32})
        assert_throttled_v2(third, "/v2/me")
        assert "unknown API key" in third.json()["error"]["message"]


class TestPerAttendeeEmail:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        """Keys and addresses may make every request these tests need."""
        generous = {"rate_limit_per_api_key": 100, "rate_limit_per_address": 100}
        return settings.model_copy(update=generous)

    @pytest.fixture
    def event_type_id(self, client: TestClient, alice: Account) -> int:
        make_schedule(client, alice, "Europe/London")
        return make_event_type(client, alice)

    def test_the_third_booking_for_one_email_is_refused_and_books_nothing(
        self, client: TestClient, alice: Account, event_type_id: int
    ) -> None:
        assert book(client, event_type_id, FIRST_SLOT, account=alice).status_code == 201
        assert book(client, event_type_id, SECOND_SLOT, account=alice).status_code == 201
        refused = book(client, event_type_id, THIRD_SLOT, account=alice)
        assert_throttled_v2(refused, "/v2/bookings")
        assert "attendee" in refused.json()["error"]["message"]
        assert limits_of(refused)[:2] == (2, 0)
        listed = client.get("/v2/bookings", headers=v2(alice)).json()["data"]
        assert sorted(b["start"][:16] for b in listed) == [FIRST_SLOT[:16], SECOND_SLOT[:16]]
        # Another attendee still books.
        assert book(client, event_type_id, THIRD_SLOT, name="Bea").status_code == 201

    def test_the_email_is_counted_whatever_its_case_and_face(
        self, client: TestClient, event_type_id: int
    ) -> None:
        legacy = {
            "start": FIRST_SLOT, "eventTypeId": event_type_id, "timeZone": "Europe/Rome",
            "language": "en", "metadata": {},
            "responses": {"name": "Ann", "email": "ANN@example.com", "guests": []},
        }  # fmt: skip
        assert client.post("/v2/bookings", json=legacy).status_code == 201
        assert book(client, event_type_id, SECOND_SLOT).status_code == 201
        form = {"slot": THIRD_SLOT, "tz": "Europe/Rome", "name": "Ann", "email": "Ann@Example.com"}
        page = client.post("/alice/intro", data=form)
        assert page.status_code != 303  # not booked: the form again, saying why
        assert "Too many bookings" in page.text


def on_redis(settings: Settings, url: str, prefix: str) -> Settings:
    return settings.model_copy(update={"redis_url": url, "redis_key_prefix": prefix})


class TestOnRedis:
    @pytest.fixture
    def backend(self) -> str:
        return "sqlite"  # the database does not count: Redis does

    @pytest.fixture
    def app(
        self, settings: Settings, clock: FrozenClock, redis_url: str, redis_prefix: str
    ) -> Iterator[FastAPI]:
        application = create_app(on_redis(settings, redis_url, redis_prefix), clock=clock)
        yield application
        application.state.engine.dispose()

    def test_two_apps_on_one_redis_share_the_count(
        self, app: FastAPI, client: TestClient, settings: Settings, clock: FrozenClock,
        redis_url: str, redis_prefix: str,
    ) -> None:  # fmt: skip
        other = create_app(on_redis(settings, redis_url, redis_prefix), clock=clock)
        try:
            with TestClient(other) as second:
                assert [client.get("/v2/timezones").status_code for _ in range(2)] == [200, 200]
                assert [second.get("/v2/timezones").status_code for _ in range(2)] == [200, 200]
                assert client.get("/v2/timezones").status_code == 429
                assert second.get("/v2/timezones").status_code == 429
        finally:
            other.state.engine.dispose()


class TestCounterDown:
    @pytest.fixture
    def backend(self) -> str:
        return "sqlite"

    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        # Nothing listens on port 1: every count fails at once (connection refused).
        return settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})

    def test_requests_go_through_without_headers(self, client: TestClient, alice: Account) -> None:
        answers = [client.get("/v2/me", headers=alice.headers) for _ in range(8)]
        assert {r.status_code for r in answers} == {200}  # over the limit of 5, yet served
        assert "X-RateLimit-Limit" not in answers[0].headers
