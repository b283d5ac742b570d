"""Webhook deliveries, end to end: booking changes through the API, the outbox worker, and a
real HTTP receiver on loopback that checks signatures and payloads for each trigger.

Now is Monday 2030-03-25 06:00Z; Alice works 09:00-17:00 Europe/London.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account, handlers
from tests.slots.helpers import data, make_event_type
from tests.webhooks.receiver import Delivery, Receiver

SECRET = "whsec-test-secret"
ANN = {"name": "Ann Lee", "email": "ann@example.com", "timeZone": "America/New_York"}
ELEVEN = "2030-03-26T11:00:00Z"


def subscribe(
    client: TestClient, account: Account, receiver: Receiver, triggers: list[str], **fields: Any
) -> Any:
    body = {
        "subscriberUrl": receiver.url,
        "triggers": triggers,
        "active": True,
        "secret": SECRET,
        **fields,
    }
    return data(client.post("/v2/webhooks", headers=account.headers, json=body), 201)


def book(client: TestClient, event_type_id: int, start: str = FIRST_SLOT) -> Any:
    body = {"start": start, "eventTypeId": event_type_id, "attendee": ANN}
    return data(client.post("/v2/bookings", headers=v2(), json=body), 201)


def act(client: TestClient, uid: str, action: str, body: dict[str, Any], **kw: Any) -> Any:
    response = client.post(f"/v2/bookings/{uid}/{action}", headers=v2(**kw), json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()["data"]


def verified(delivery: Delivery, secret: str = SECRET) -> dict[str, Any]:
    """Checks both signatures over the exact bytes received; returns the parsed body."""
    expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
    assert delivery.headers["x-cal-signature-256"] == expected
    event_id = delivery.headers["webhook-id"]
    timestamp = delivery.headers["webhook-timestamp"]
    signed = f"{event_id}.{timestamp}.".encode() + delivery.body
    standard = base64.b64encode(hmac.new(secret.encode(), signed, hashlib.sha256).digest())
    assert delivery.headers["webhook-signature"] == "v1," + standard.decode()
    assert delivery.headers["content-type"] == "application/json"
    body: dict[str, Any] = json.loads(delivery.body)
    return body


def triggers_of(receiver: Receiver) -> list[str]:
    return [verified(d)["triggerEvent"] for d in receiver.received()]


class TestEachTrigger:
    def test_booking_created_has_cal_coms_shape(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        subscribe(client, alice, receiver, ["BOOKING_CREATED"])
        booking = book(client, intro)
        worker.drain()
        (delivery,) = receiver.received()
        body = verified(delivery)
        assert set(body) == {"triggerEvent", "createdAt", "payload"}
        assert body["triggerEvent"] == "BOOKING_CREATED"
        payload = body["payload"]
        assert payload["uid"] == booking["uid"]
        assert payload["bookingId"] == booking["id"]
        assert payload["type"] == "intro"
        assert payload["startTime"] == "2030-03-26T09:00:00.000Z"
        assert payload["endTime"] == "2030-03-26T09:30:00.000Z"
        assert payload["status"] == "ACCEPTED"
        assert payload["length"] == 30
        assert payload["eventTypeId"] == intro
        assert payload["organizer"]["email"] == "alice@example.com"
        assert payload["organizer"]["timeZone"] == "Europe/London"
        (attendee,) = payload["attendees"]
        assert attendee["email"] == "ann@example.com"
        assert attendee["firstName"] == "Ann"
        assert attendee["lastName"] == "Lee"
        assert attendee["utcOffset"] == -240  # New York on EDT
        assert payload["responses"]["email"]["value"] == "ann@example.com"
        assert payload["iCalUID"].endswith("@slotwise")
        assert delivery.headers["x-slotwise-attempt"] == "1"
        assert delivery.headers["webhook-id"].startswith("msg_")

    def test_the_lifecycle_fires_cal_coms_triggers_in_order(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        subscribe(
            client,
            alice,
            receiver,
            [
                "BOOKING_CREATED",
                "BOOKING_RESCHEDULED",
                "BOOKING_CANCELLED",
                "BOOKING_NO_SHOW_UPDATED",
            ],
        )
        uid = book(client, intro)["uid"]
        new_uid = act(client, uid, "reschedule", {"start": ELEVEN})["uid"]
        act(client, new_uid, "mark-absent", {"host": True}, account=alice)
        act(client, new_uid, "cancel", {"cancellationReason": "Ill"})
        worker.drain()
        assert triggers_of(receiver) == [
            "BOOKING_CREATED",
            "BOOKING_RESCHEDULED",
            "BOOKING_NO_SHOW_UPDATED",
            "BOOKING_CANCELLED",
        ]
        bodies = [verified(d)["payload"] for d in receiver.received()]
        assert bodies[1]["uid"] == new_uid
        assert bodies[1]["rescheduleUid"] == uid
        assert bodies[1]["rescheduleStartTime"] == "2030-03-26T09:00:00.000Z"
        assert bodies[1]["startTime"] == "2030-03-26T11:00:00.000Z"
        assert bodies[2]["noShowUpdates"] == {"attendees": [], "host": True}
        assert bodies[3]["cancellationReason"] == "Ill"
        assert bodies[3]["status"] == "CANCELLED"

    def test_requests_are_requested_then_created_or_rejected(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        approval = make_event_type(client, alice, "approval", confirmationPolicy={"type": "always"})
        subscribe(
            client, alice, receiver, ["BOOKING_REQUESTED", "BOOKING_CREATED", "BOOKING_REJECTED"]
        )
        first = book(client, approval)["uid"]
        second = book(client, approval, ELEVEN)["uid"]
        act(client, first, "confirm", {}, account=alice)
        act(client, second, "decline", {"reason": "No"}, account=alice)
        worker.drain()
        bodies = [verified(d) for d in receiver.received()]
        assert [(b["triggerEvent"], b["payload"]["uid"]) for b in bodies] == [
            ("BOOKING_REQUESTED", first),
            ("BOOKING_REQUESTED", second),
            ("BOOKING_CREATED", first),  # a confirmation is a BOOKING_CREATED, as in Cal.com
            ("BOOKING_REJECTED", second),
        ]
        assert bodies[0]["payload"]["status"] == "PENDING"
        assert bodies[3]["payload"]["rejectionReason"] == "No"

    def test_meeting_started_and_ended_at_the_booking_times(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        receiver: Receiver,
        clock: FrozenClock,
    ) -> None:
        subscribe(client, alice, receiver, ["MEETING_STARTED", "MEETING_ENDED"])
        book(client, intro)  # 09:00Z tomorrow
        worker.drain()
        assert receiver.received() == []
        clock.advance(hours=27)  # Tuesday 09:00Z
        worker.drain()
        assert triggers_of(receiver) == ["MEETING_STARTED"]
        clock.advance(minutes=30)
        worker.drain()
        assert triggers_of(receiver) == ["MEETING_STARTED", "MEETING_ENDED"]
        ended = verified(receiver.received()[1])
        assert ended["createdAt"] == "2030-03-26T09:30:00.000Z"

    def test_meeting_rows_follow_a_reschedule_and_die_with_a_cancel(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        receiver: Receiver,
        clock: FrozenClock,
    ) -> None:
        subscribe(client, alice, receiver, ["MEETING_STARTED"])
        moved = book(client, intro)["uid"]
        dropped = book(client, intro, "2030-03-27T09:00:00Z")["uid"]
        new_uid = act(client, moved, "reschedule", {"start": ELEVEN})["uid"]
        act(client, dropped, "cancel", {})
        clock.advance(hours=27)  # 09:00Z Tuesday: the old time
        worker.drain()
        assert receiver.received() == []
        clock.advance(hours=2)  # 11:00Z: the new time
        worker.drain()
        (started,) = receiver.received()
        assert verified(started)["payload"]["uid"] == new_uid
        clock.advance(days=2)
        worker.drain()
        assert len(receiver.received()) == 1  # the cancelled booking never starts

    def test_meeting_rows_tell_the_booking_as_of_its_latest_change(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        receiver: Receiver,
        clock: FrozenClock,
    ) -> None:
        """Built from the change's snapshot, not read back at delivery: a later change
        (an attendee added) writes them again, and only once."""
        subscribe(client, alice, receiver, ["MEETING_STARTED"])
        booking = book(client, intro)
        guest = {"bookingId": booking["id"], "email": "bo@example.com", "name": "Bo",
                 "timeZone": "UTC"}  # fmt: skip
        added = client.post("/v1/attendees", params=alice.v1, json=guest)
        assert added.status_code in (200, 201), added.text
        clock.advance(hours=27)
        worker.drain()
        (started,) = receiver.received()
        emails = [a["email"] for a in verified(started)["payload"]["attendees"]]
        assert emails == ["ann@example.com", "bo@example.com"]

    def test_an_event_type_webhook_hears_only_its_event_type(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        other = make_event_type(client, alice, "other", lengthInMinutes=15)
        body = {"subscriberUrl": receiver.url, "triggers": ["BOOKING_CREATED"], "active": True}
        data(
            client.post(f"/v2/event-types/{other}/webhooks", headers=alice.headers, json=body), 201
        )
        book(client, intro)
        booked = book(client, other, ELEVEN)
        worker.drain()
        (delivery,) = receiver.received()
        assert delivery.headers["x-cal-signature-256"] == "no-secret-provided"
        assert "webhook-signature" not in delivery.headers
        assert json.loads(delivery.body)["payload"]["uid"] == booked["uid"]

    def test_an_inactive_webhook_gets_nothing(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        subscribe(client, alice, receiver, ["BOOKING_CREATED"], active=False)
        book(client, intro)
        worker.drain()
        assert receiver.received() == []


class TestTemplates:
    def test_variables_are_filled_in_and_json_stays_json(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        template = (
            '{"event": "{{triggerEvent}}", "who": "{{attendees.0.name}}", '
            '"host": "{{organizer.name}}", "at": "{{startTime}}", "missing": "{{nope}}"}'
        )
        subscribe(client, alice, receiver, ["BOOKING_CREATED"], payloadTemplate=template)
        book(client, intro)
        worker.drain()
        body = verified(receiver.received()[0])
        assert body == {
            "event": "BOOKING_CREATED",
            "who": "Ann Lee",
            "host": "Alice",
            "at": "2030-03-26T09:00:00.000Z",
            "missing": "",
        }

    def test_a_template_that_is_not_json_is_sent_as_a_form(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        subscribe(client, alice, receiver, ["BOOKING_CREATED"], payloadTemplate="title={{title}}")
        book(client, intro)
        worker.drain()
        (delivery,) = receiver.received()
        assert delivery.headers["content-type"] == "application/x-www-form-urlencoded"
        assert delivery.body == b"title=Intro between Alice and Ann Lee"


class TestRetries:
    def test_a_receiver_down_for_a_while_gets_every_event_once_under_one_id(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        receiver: Receiver,
        clock: FrozenClock,
    ) -> None:
        subscribe(client, alice, receiver, ["BOOKING_CREATED", "BOOKING_CANCELLED"])
        uid = book(client, intro)["uid"]
        act(client, uid, "cancel", {})
        receiver.statuses.extend([503, 500, 502])
        for _ in range(3):
            worker.drain()
            clock.advance(minutes=15)
        worker.drain()
        received = receiver.received()
        attempts = [
            (verified(d)["triggerEvent"], d.headers["x-slotwise-attempt"]) for d in received
        ]
        # The created event failed three times, the cancel waited behind it, then both went.
        assert attempts == [
            ("BOOKING_CREATED", "1"),
            ("BOOKING_CREATED", "2"),
            ("BOOKING_CREATED", "3"),
            ("BOOKING_CREATED", "4"),
            ("BOOKING_CANCELLED", "1"),
        ]
        ids = {}
        for delivery in received:
            ids.setdefault(verified(delivery)["triggerEvent"], set()).add(
                delivery.headers["webhook-id"]
            )
        assert {trigger: len(found) for trigger, found in ids.items()} == {
            "BOOKING_CREATED": 1,
            "BOOKING_CANCELLED": 1,
        }
        assert ids["BOOKING_CREATED"] != ids["BOOKING_CANCELLED"]

    def test_a_4xx_fails_the_delivery_without_retrying(
        self,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        receiver: Receiver,
        clock: FrozenClock,
    ) -> None:
        webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
        book(client, intro)
        receiver.statuses.append(410)
        worker.drain()
        clock.advance(hours=2)
        worker.drain()
        assert len(receiver.received()) == 1
        (row,) = data(client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers))
        assert row["status"] == "failed"
        assert row["responseCode"] == 410


class TestDeliveryLog:
    def test_shows_status_attempts_code_latency_and_next_attempt(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
        book(client, intro)
        receiver.statuses.append(503)
        worker.drain()
        path = f"/v2/webhooks/{webhook['id']}/deliveries"
        (row,) = data(client.get(path, headers=alice.headers))
        assert row["status"] == "pending"
        assert row["attempts"] == 1
        assert row["responseCode"] == 503
        assert row["latencyMs"] >= 0
        assert row["nextAttemptAt"] is not None
        assert row["triggerEvent"] == "BOOKING_CREATED"
        assert row["eventId"] == receiver.received()[0].headers["webhook-id"]

    def test_redeliver_sends_the_same_event_again_under_its_id(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
    ) -> None:
        webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
        book(client, intro)
        worker.drain()
        path = f"/v2/webhooks/{webhook['id']}/deliveries"
        (first,) = data(client.get(path, headers=alice.headers))
        assert first["status"] == "delivered"
        again = data(client.post(f"{path}/{first['id']}/redeliver", headers=alice.headers), 201)
        assert again["id"] != first["id"]
        assert again["eventId"] == first["eventId"]
        worker.drain()
        one, two = receiver.received()
        assert one.headers["webhook-id"] == two.headers["webhook-id"]
        assert one.body == two.body

    def test_someone_elses_log_is_a_404(
        self, client: TestClient, alice: Account, receiver: Receiver, accounts: Any
    ) -> None:
        webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
        bob = accounts.create(username="bob")
        response = client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=bob.headers)
        assert response.status_code == 404


def test_a_webhook_deleted_before_delivery_fails_its_rows_instead_of_sending(
    client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
) -> None:
    webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
    book(client, intro)
    client.delete(f"/v2/webhooks/{webhook['id']}", headers=alice.headers)
    worker.drain()
    assert receiver.received() == []


def test_the_url_is_checked_again_at_delivery(
    app: Any,
    client: TestClient,
    alice: Account,
    intro: int,
    receiver: Receiver,
    settings: Any,
    clock: FrozenClock,
) -> None:
    """Saved while private networks were allowed; delivered by a worker that refuses them (as
    a host name that now resolves to a private address would be): nothing is sent."""
    webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
    book(client, intro)
    strict = settings.model_copy(update={"webhook_allow_private_networks": False})
    Worker(app.state.engine, strict, clock, handlers(strict, app)).drain()
    assert receiver.received() == []
    (row,) = data(client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers))
    assert row["status"] == "failed"
    assert "private" in row["lastError"]


def test_an_ipv6_form_of_a_private_ipv4_address_is_refused_at_delivery(
    app: Any, client: TestClient, alice: Account, intro: int, settings: Any, clock: FrozenClock
) -> None:
    """NAT64 (64:ff9b::/96) of 127.0.0.1, saved while private networks were allowed: the
    delivery decides by the embedded IPv4 address and sends nothing."""
    body = {"subscriberUrl": "http://[64:ff9b::7f00:1]:9/hook", "triggers": ["BOOKING_CREATED"]}
    body["active"] = True
    webhook = data(client.post("/v2/webhooks", headers=alice.headers, json=body), 201)
    book(client, intro)
    strict = settings.model_copy(update={"webhook_allow_private_networks": False})
    Worker(app.state.engine, strict, clock, handlers(strict, app)).drain()
    (row,) = data(client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers))
    assert row["status"] == "failed"
    assert "private" in row["lastError"]


def test_an_unreachable_receiver_costs_one_attempt_per_batch_not_one_per_event(
    client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
) -> None:
    """Three bookings' events for a receiver that is down: the first attempt finds it
    unreachable; the other two wait for their retry without trying (and timing out) too."""
    webhook = subscribe(client, alice, receiver, ["BOOKING_CREATED"])
    receiver.stop()
    for start in (FIRST_SLOT, ELEVEN, "2030-03-27T09:00:00Z"):
        book(client, intro, start)
    worker.drain()
    log = data(client.get(f"/v2/webhooks/{webhook['id']}/deliveries", headers=alice.headers))
    assert [row["status"] for row in log] == ["pending"] * 3
    errors = sorted(row["lastError"] for row in log)
    assert "skipped" not in errors[0]  # the one real attempt: connection refused
    assert all(error.startswith("skipped: the receiver failed") for error in errors[1:])
