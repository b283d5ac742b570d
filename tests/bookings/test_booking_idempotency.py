"""Idempotency-Key on booking create, reschedule and cancel: a retry gets the first answer
(the same booking), another body under the same key gets 422, and nothing is booked twice."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.bookings.helpers import FIRST_SLOT, attendee, v2
from tests.conftest import Account
from tests.slots.helpers import make_event_type, make_schedule

SECOND_SLOT = "2030-03-26T10:00:00Z"


def setup_event(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice, minimumBookingNotice=0)


def post(client: TestClient, path: str, body: dict[str, object], key: str) -> object:
    return client.post(path, headers={**v2(), "Idempotency-Key": key}, json=body)


class TestCreate:
    def test_a_retry_returns_the_first_booking_and_books_nothing_more(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        first = client.post("/v2/bookings", headers={**v2(), "Idempotency-Key": "k-1"}, json=body)
        retry = client.post("/v2/bookings", headers={**v2(), "Idempotency-Key": "k-1"}, json=body)
        assert first.status_code == 201, first.text
        assert retry.status_code == 201
        assert retry.content == first.content
        assert retry.headers.get("Idempotent-Replayed") == "true"
        listed = client.get("/v2/bookings", headers=v2(alice)).json()
        assert [b["uid"] for b in listed["data"]] == [first.json()["data"]["uid"]]

    def test_without_the_key_the_same_body_is_a_conflict(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        assert client.post("/v2/bookings", headers=v2(), json=body).status_code == 201
        assert client.post("/v2/bookings", headers=v2(), json=body).status_code == 409

    def test_the_same_key_with_another_body_is_422_and_books_nothing(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        headers = {**v2(), "Idempotency-Key": "k-2"}
        assert client.post("/v2/bookings", headers=headers, json=body).status_code == 201
        other = client.post("/v2/bookings", headers=headers, json={**body, "start": SECOND_SLOT})
        assert other.status_code == 422, other.text
        assert other.json()["error"]["code"] == "UnprocessableEntityException"
        listed = client.get("/v2/bookings", headers=v2(alice)).json()
        assert len(listed["data"]) == 1

    def test_a_refused_first_attempt_is_not_stored(
        self, client: TestClient, alice: Account
    ) -> None:
        """A 409 is not replayed: once the slot is free again, the retry books it."""
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        taken = client.post("/v2/bookings", headers=v2(), json=body).json()["data"]
        headers = {**v2(), "Idempotency-Key": "k-3"}
        retry_body = {**body, "attendee": attendee("Bob")}
        assert client.post("/v2/bookings", headers=headers, json=retry_body).status_code == 409
        cancel = client.post(f"/v2/bookings/{taken['uid']}/cancel", headers=v2(), json={})
        assert cancel.status_code == 200
        again = client.post("/v2/bookings", headers=headers, json=retry_body)
        assert again.status_code == 201, again.text
        assert again.json()["data"]["attendees"][0]["name"] == "Bob"


class TestCancelAndReschedule:
    def test_a_retried_cancel_answers_the_first_cancel_not_already_cancelled(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        uid = client.post("/v2/bookings", headers=v2(), json=body).json()["data"]["uid"]
        headers = {**v2(), "Idempotency-Key": "c-1"}
        reason = {"cancellationReason": "ill"}
        first = client.post(f"/v2/bookings/{uid}/cancel", headers=headers, json=reason)
        retry = client.post(f"/v2/bookings/{uid}/cancel", headers=headers, json=reason)
        assert first.status_code == retry.status_code == 200
        assert retry.content == first.content
        unkeyed = client.post(f"/v2/bookings/{uid}/cancel", headers=v2(), json=reason)
        assert unkeyed.status_code == 400

    def test_a_retried_reschedule_makes_one_new_booking(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = setup_event(client, alice)
        body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": attendee()}
        uid = client.post("/v2/bookings", headers=v2(), json=body).json()["data"]["uid"]
        headers = {**v2(), "Idempotency-Key": "r-1"}
        move = {"start": SECOND_SLOT}
        first = client.post(f"/v2/bookings/{uid}/reschedule", headers=headers, json=move)
        retry = client.post(f"/v2/bookings/{uid}/reschedule", headers=headers, json=move)
        assert first.status_code == 201, first.text
        assert retry.content == first.content
        listed = client.get("/v2/bookings", headers=v2(alice)).json()["data"]
        statuses = sorted(b["status"] for b in listed)
        assert statuses == ["accepted", "cancelled"]
