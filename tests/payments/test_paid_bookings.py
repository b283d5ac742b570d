"""Paid event types end to end against the Stripe-shaped server: the booking waits for its
payment holding its slot, the signed event accepts it, an unpaid hold is released, refunds
follow cancellations, forged and replayed events change nothing, and on-site payments are
marked paid by the host."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import book, v2
from tests.conftest import Account, Accounts
from tests.payments.fake_stripe import FakeStripe
from tests.payments.helpers import (
    SLOT,
    booked,
    booking,
    invoices,
    outbox_rows,
    paid_event_type,
    payment_of,
)
from tests.slots.helpers import data, error, make_event_type, make_schedule

WEBHOOK = "/api/integrations/stripepayment/webhook"


def pay(client: TestClient, stripe: FakeStripe, clock: FrozenClock, uid: str) -> dict[str, Any]:
    """The booker's pay step, then Stripe's signed event for the completed checkout."""
    step = client.get(f"/booking/{uid}/pay", follow_redirects=False)
    assert step.status_code == 303, step.text
    session_id = step.headers["location"].rsplit("/", 1)[1]
    assert step.headers["location"] == f"{stripe.url}/checkout/{session_id}"
    body, signature = stripe.complete(session_id, timestamp=int(clock.now().timestamp()))
    answer = client.post(WEBHOOK, content=body, headers={"Stripe-Signature": signature})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def triggers(app: FastAPI) -> list[str]:
    return [row.payload["body"]["triggerEvent"] for row in outbox_rows(app, "webhook")]


def email_templates(app: FastAPI) -> list[tuple[str, str]]:
    return [(row.payload["template"], row.payload["role"]) for row in outbox_rows(app, "email")]


class TestPaidEventTypes:
    def test_the_price_comes_from_the_enabled_payment_app(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = paid_event_type(client, alice, paymentOption="HOLD")
        got = data(client.get(f"/v2/event-types/{event_type_id}", headers=v2(alice, "2024-06-14")))
        assert (got["price"], got["currency"]) == (2500, "eur")
        assert got["metadata"]["apps"]["stripe"]["paymentOption"] == "HOLD"

    @pytest.mark.parametrize(
        ("apps", "said"),
        [
            ({"stripe": {"enabled": True, "price": 0, "currency": "usd"}}, "price must be above 0"),
            ({"stripe": {"price": 100, "currency": "EURO"}}, "currency"),
            (
                {"stripe": {"price": 100}, "manual": {"price": 100}},
                "only one payment app may be enabled",
            ),
        ],
    )
    def test_bad_payment_settings_are_a_400_naming_metadata(
        self, client: TestClient, alice: Account, apps: dict[str, Any], said: str
    ) -> None:
        body = {"lengthInMinutes": 30, "title": "Paid", "slug": "paid", "metadata": {"apps": apps}}
        answer = client.post("/v2/event-types", headers=v2(alice, "2024-06-14"), json=body)
        problem = error(answer, 400)
        assert "metadata" in str(problem)
        assert said in str(problem)
        listed = client.get("/v2/event-types", headers=v2(alice, "2024-06-14"))
        assert data(listed) == []  # nothing written

    def test_a_seated_event_cannot_take_payments(self, client: TestClient, alice: Account) -> None:
        body = {
            "lengthInMinutes": 30, "title": "Paid", "slug": "paid",
            "seats": {"seatsPerTimeSlot": 3, "showAttendeeInfo": False,
                      "showAvailabilityCount": True},
            "metadata": {"apps": {"stripe": {"price": 100, "currency": "usd"}}},
        }  # fmt: skip
        answer = client.post("/v2/event-types", headers=v2(alice, "2024-06-14"), json=body)
        assert "a seated event cannot take payments" in str(error(answer, 400))


class TestStripeFlow:
    def test_paid_then_accepted_with_its_webhooks_emails_and_invoice(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
    ) -> None:
        hook = {"subscriberUrl": "http://127.0.0.1:9/in", "active": True, "triggers": [
            "BOOKING_CREATED", "BOOKING_PAYMENT_INITIATED", "BOOKING_PAID", "BOOKING_REQUESTED",
        ]}  # fmt: skip
        data(client.post("/v2/webhooks", headers=v2(alice), json=hook), 201)
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        assert made["status"] == "pending"
        payment = payment_of(app, made["uid"])
        assert (payment.amount, payment.currency, payment.success) == (2500, "eur", False)
        assert payment.hold_expires_at == clock.now() + timedelta(minutes=45)
        assert triggers(app) == ["BOOKING_PAYMENT_INITIATED"]
        assert email_templates(app) == [("awaiting_payment", "attendee")]

        page = client.get(f"/booking/{made['uid']}")
        assert "Waiting for your payment" in page.text
        assert f'id="pay" href="/booking/{made["uid"]}/pay"' in page.text

        assert pay(client, stripe, clock, made["uid"]) == {"received": True}

        page = client.get(f"/booking/{made['uid']}?paid=true")
        assert "Waiting for your payment" not in page.text
        assert 'id="pay"' not in page.text

        assert booking(client, made["uid"])["status"] == "accepted"
        payment = payment_of(app, made["uid"])
        assert payment.success
        assert payment.external_id
        assert payment.external_id.startswith("pi_")
        session = next(iter(stripe.sessions.values()))
        assert (session["amount_total"], session["currency"]) == (2500, "eur")
        assert session["metadata"] == {"paymentUid": payment.uid}
        assert triggers(app) == ["BOOKING_PAYMENT_INITIATED", "BOOKING_PAID", "BOOKING_CREATED"]
        assert ("confirmed", "attendee") in email_templates(app)
        [invoice] = invoices(app)
        assert (invoice.number, invoice.total, invoice.status) == (1, 2500, "paid")
        assert invoice.buyer == {"name": "Ann", "email": "ann@example.com"}
        # The pay step of a paid booking leads back to it.
        again = client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
        assert again.headers["location"] == f"http://localhost:8000/booking/{made['uid']}"

    def test_a_host_cannot_confirm_a_booking_awaiting_payment(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        answer = client.post(f"/v2/bookings/{made['uid']}/confirm", headers=v2(alice))
        assert "awaits its payment" in str(error(answer, 400))

    def test_an_unpaid_hold_expires_and_the_slot_is_offered_again(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
        worker: Worker,
    ) -> None:
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        step = client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
        assert step.status_code == 303
        assert book(client, event_type_id, SLOT, name="Bob").status_code == 409  # held
        worker.drain()
        assert booking(client, made["uid"])["status"] == "pending"  # not yet due

        clock.advance(minutes=45)
        worker.drain()

        released = booking(client, made["uid"])
        assert released["status"] == "cancelled"
        assert released["cancellationReason"] == "The payment was not received in time"
        assert [s["status"] for s in stripe.sessions.values()] == ["expired"]
        assert booked(client, event_type_id, SLOT, name="Bob")["status"] == "pending"

    def test_a_payment_after_the_hold_ran_out_is_refunded(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
        worker: Worker,
    ) -> None:
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        step = client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
        session_id = step.headers["location"].rsplit("/", 1)[1]
        clock.advance(minutes=46)
        worker.drain()
        stripe.sessions[session_id]["status"] = "open"  # the payer was already paying
        body, signature = stripe.complete(session_id, timestamp=int(clock.now().timestamp()))
        client.post(WEBHOOK, content=body, headers={"Stripe-Signature": signature})
        worker.drain()
        assert booking(client, made["uid"])["status"] == "cancelled"
        assert [r["payment_intent"] for r in stripe.refunds] == [
            payment_of(app, made["uid"]).data["paymentIntent"]
        ]
        assert payment_of(app, made["uid"]).refunded

    def test_forged_stale_and_replayed_events_change_nothing(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
    ) -> None:
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        step = client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
        session_id = step.headers["location"].rsplit("/", 1)[1]
        now = int(clock.now().timestamp())
        forged, forged_signature = stripe.complete(session_id, timestamp=now, secret="whsec_x")
        stale, stale_signature = stripe.complete(session_id, timestamp=now - 301)
        for body, headers in [
            (forged, {"Stripe-Signature": forged_signature}),
            (stale, {"Stripe-Signature": stale_signature}),
            (stale, {}),
            (stale, {"Stripe-Signature": stale_signature.replace(f"t={now - 301}", f"t={now}")}),
        ]:
            answer = client.post(WEBHOOK, content=body, headers=headers)
            assert "Stripe event refused" in str(error(answer, 400))
        assert booking(client, made["uid"])["status"] == "pending"

        body, signature = stripe.complete(session_id, timestamp=now)
        first = client.post(WEBHOOK, content=body, headers={"Stripe-Signature": signature})
        assert first.json() == {"received": True}
        replay = client.post(WEBHOOK, content=body, headers={"Stripe-Signature": signature})
        assert replay.json() == {"received": True, "duplicate": True}
        assert len(invoices(app)) == 1
        assert triggers(app) == []  # no webhook subscribed; nothing twice either way

    def test_the_hosts_cancellation_refunds(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
        worker: Worker,
    ) -> None:
        event_type_id = paid_event_type(client, alice)  # refundPolicy: never (the default)
        made = booked(client, event_type_id)
        pay(client, stripe, clock, made["uid"])
        cancel = client.post(
            f"/v2/bookings/{made['uid']}/cancel",
            headers=v2(alice),
            json={"cancellationReason": "ill"},
        )
        assert cancel.status_code == 200, cancel.text
        worker.drain()
        payment = payment_of(app, made["uid"])
        assert payment.refunded
        assert [r["payment_intent"] for r in stripe.refunds] == [payment.external_id]
        assert invoices(app)[0].status == "refunded"
        assert stripe.requests[-1][3]["idempotency-key"] == f"refund-{payment.external_id}"

    @pytest.mark.parametrize(
        ("policy", "days_later", "refunded"),
        [({"refundPolicy": "never"}, 0, False),
         ({"refundPolicy": "days", "refundDaysCount": 2}, 1, True),
         ({"refundPolicy": "days", "refundDaysCount": 2}, 3, False)],
    )  # fmt: skip
    def test_the_attendees_cancellation_refunds_within_the_window(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
        worker: Worker,
        policy: dict[str, Any],
        days_later: int,
        refunded: bool,
    ) -> None:
        event_type_id = paid_event_type(client, alice, **policy)
        made = booked(client, event_type_id, "2030-04-09T09:00:00Z")
        pay(client, stripe, clock, made["uid"])
        clock.advance(days=days_later)
        cancel = client.post(f"/v2/bookings/{made['uid']}/cancel", headers=v2(), json={})
        assert cancel.status_code == 200, cancel.text
        worker.drain()
        assert payment_of(app, made["uid"]).refunded is refunded
        assert len(stripe.refunds) == int(refunded)

    def test_a_hold_is_authorized_then_released_on_the_hosts_cancel(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
        worker: Worker,
    ) -> None:
        event_type_id = paid_event_type(client, alice, paymentOption="HOLD")
        made = booked(client, event_type_id)
        pay(client, stripe, clock, made["uid"])
        assert next(iter(stripe.sessions.values()))["capture_method"] == "manual"
        assert booking(client, made["uid"])["status"] == "accepted"
        client.post(f"/v2/bookings/{made['uid']}/cancel", headers=v2(alice), json={})
        worker.drain()
        assert stripe.cancelled_intents == [payment_of(app, made["uid"]).external_id]
        assert stripe.refunds == []

    def test_a_paid_event_requiring_confirmation_is_requested_once_paid(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        stripe: FakeStripe,
        clock: FrozenClock,
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        event_type_id = make_event_type(
            client, alice, "vetted",
            confirmationPolicy={"type": "always", "blockUnconfirmedBookingsInBooker": True},
            metadata={"apps": {"stripe": {"price": 900, "currency": "usd"}}},
        )  # fmt: skip
        made = booked(client, event_type_id)
        pay(client, stripe, clock, made["uid"])
        assert booking(client, made["uid"])["status"] == "pending"
        assert ("request", "organizer") in email_templates(app)
        confirmed = client.post(f"/v2/bookings/{made['uid']}/confirm", headers=v2(alice))
        assert data(confirmed)["status"] == "accepted"


class TestOnSite:
    def test_accepted_at_once_then_marked_paid_by_the_host_only(
        self, client: TestClient, app: FastAPI, alice: Account, accounts: Accounts
    ) -> None:
        event_type_id = paid_event_type(client, alice, app="manual")
        made = booked(client, event_type_id)
        assert made["status"] == "accepted"
        payment = payment_of(app, made["uid"])
        assert (payment.app_slug, payment.success, payment.hold_expires_at) == (
            "manual", False, None,
        )  # fmt: skip
        assert (
            client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
            .headers["location"]
            .endswith(f"/booking/{made['uid']}")
        )
        bob = accounts.create(username="bob")
        path = f"/v2/payments/{payment.id}/mark-paid"
        error(client.post(path, headers=v2(bob)), 404)
        error(client.post(path), 401)
        marked = data(client.post(path, headers=v2(alice)))
        assert (marked["success"], marked["appId"], marked["bookingId"]) == (
            True,
            "manual",
            payment.booking_id,
        )
        assert "already paid" in str(error(client.post(path, headers=v2(alice)), 400))
        [invoice] = invoices(app)
        assert (invoice.number, invoice.seller["email"]) == (1, "alice@example.com")


class TestPaymentRoutes:
    def test_v1_lists_and_gets_the_callers_payments_only(
        self, client: TestClient, app: FastAPI, alice: Account, accounts: Accounts
    ) -> None:
        event_type_id = paid_event_type(client, alice, app="manual")
        made = booked(client, event_type_id)
        payment = payment_of(app, made["uid"])
        listed = client.get("/v1/payments", params=alice.v1).json()
        assert [p["id"] for p in listed["payments"]] == [payment.id]
        got = client.get(f"/v1/payments/{payment.id}", params=alice.v1).json()["payment"]
        assert set(got) == {
            "id", "uid", "appId", "bookingId", "amount", "fee", "currency", "success",
            "refunded", "data", "externalId", "paymentOption",
        }  # fmt: skip
        assert (got["amount"], got["currency"], got["paymentOption"]) == (2500, "eur", "ON_BOOKING")
        bob = accounts.create(username="bob")
        assert client.get("/v1/payments", params=bob.v1).json() == {"payments": []}
        assert client.get(f"/v1/payments/{payment.id}", params=bob.v1).status_code == 404


class TestStripeConnect:
    def test_connect_save_check_and_checkouts_on_the_connected_account(
        self,
        client: TestClient,
        alice: Account,
        stripe: FakeStripe,
    ) -> None:
        error(client.get("/v2/stripe/check", headers=v2(alice)), 404)
        auth_url = data(client.get("/v2/stripe/connect", headers=v2(alice)))["authUrl"]
        assert auth_url.startswith(f"{stripe.url}/oauth/authorize?")
        state = dict(part.split("=", 1) for part in auth_url.split("?", 1)[1].split("&"))["state"]
        from urllib.parse import unquote

        state = unquote(state)
        error(client.get("/v2/stripe/save", params={"state": "forged", "code": "ac_good"}), 400)
        error(client.get("/v2/stripe/save", params={"state": state, "code": "ac_bad"}), 400)
        data(client.get("/v2/stripe/save", params={"state": state, "code": "ac_good"}))
        assert data(client.get("/v2/stripe/check", headers=v2(alice))) == {"status": "success"}
        event_type_id = paid_event_type(client, alice)
        made = booked(client, event_type_id)
        client.get(f"/booking/{made['uid']}/pay", follow_redirects=False)
        assert next(iter(stripe.sessions.values()))["account"] == "acct_test_host"
