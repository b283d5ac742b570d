"""Verification codes: sent by email (real SMTP sink) or text, six digits, ten minutes,
locked after five wrong tries, rate-limited per address, never in the database or the logs
in clear; verified emails and phones listed and read by their owner only; a workflow step
may then write to them; a booking of an event type that verifies its booker needs one."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from slotwise.clock import FrozenClock
from slotwise.db import Base
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import v2
from tests.conftest import Account, Accounts
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, error, make_event_type, make_schedule
from tests.workflows.helpers import REMINDER_STEP, workflow_body

EMAILS = "/v2/verified-resources/emails"
PHONES = "/v2/verified-resources/phones"


def code_sent(worker: Worker, smtp: SmtpSink, to: str) -> str:
    worker.drain()
    mail = smtp.to(to)[-1]
    found = re.search(r"\b(\d{6})\b", mail.text())
    assert found is not None
    return found.group(1)


def request_email(client: TestClient, account: Account, email: str) -> Any:
    return client.post(f"{EMAILS}/verification-code/request", headers=account.headers,
                       json={"email": email})  # fmt: skip


def verify_email(client: TestClient, account: Account, email: str, code: str) -> Any:
    return client.post(f"{EMAILS}/verification-code/verify", headers=account.headers,
                       json={"email": email, "code": code})  # fmt: skip


class TestVerifiedEmails:
    def test_request_verify_list_get(
        self, client: TestClient, alice: Account, accounts: Accounts, worker: Worker,
        smtp: SmtpSink,
    ) -> None:  # fmt: skip
        answered = request_email(client, alice, "Office@Example.com")
        assert answered.status_code == 200
        assert answered.json() == {"status": "success"}
        code = code_sent(worker, smtp, "office@example.com")
        verified = data(verify_email(client, alice, "office@example.com", code))
        assert verified == {"id": verified["id"], "email": "office@example.com", "userId": alice.id}
        assert data(client.get(EMAILS, headers=alice.headers)) == [verified]
        assert data(client.get(f"{EMAILS}/{verified['id']}", headers=alice.headers)) == verified
        bob = accounts.create(username="bob")
        error(client.get(f"{EMAILS}/{verified['id']}", headers=bob.headers), 404)
        assert data(client.get(EMAILS, headers=bob.headers)) == []
        # A code serves once.
        error(verify_email(client, alice, "office@example.com", code), 400)

    def test_a_verified_address_may_receive_a_workflow_step(
        self, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink
    ) -> None:
        request_email(client, alice, "office@example.com")
        code = code_sent(worker, smtp, "office@example.com")
        verified = data(verify_email(client, alice, "office@example.com", code))
        step = {**REMINDER_STEP, "action": "email_address", "verifiedEmailId": verified["id"]}
        created = data(
            client.post("/v2/workflows", headers=alice.headers, json=workflow_body(steps=[step])),
            201,
        )
        assert created["steps"][0]["email"] == "office@example.com"
        assert created["steps"][0]["recipient"] == "email"

    def test_codes_expire_after_ten_minutes(
        self, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:  # fmt: skip
        request_email(client, alice, "office@example.com")
        code = code_sent(worker, smtp, "office@example.com")
        clock.advance(minutes=10)
        failure = error(verify_email(client, alice, "office@example.com", code), 400)
        assert "request a new one" in failure["message"]

    def test_five_wrong_tries_lock_the_code(
        self, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink
    ) -> None:
        request_email(client, alice, "office@example.com")
        code = code_sent(worker, smtp, "office@example.com")
        wrong = f"{(int(code) + 1) % 1_000_000:06d}"
        for _ in range(5):
            failure = error(verify_email(client, alice, "office@example.com", wrong), 400)
            assert "wrong" in failure["message"]
        failure = error(verify_email(client, alice, "office@example.com", code), 400)
        assert "Too many wrong codes" in failure["message"]
        assert data(client.get(EMAILS, headers=alice.headers)) == []

    def test_requests_are_limited_per_address(self, client: TestClient, alice: Account) -> None:
        for _ in range(5):
            assert request_email(client, alice, "office@example.com").status_code == 200
        refused = request_email(client, alice, "office@example.com")
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "60"
        assert request_email(client, alice, "other@example.com").status_code == 200

    def test_bad_addresses_are_400(self, client: TestClient, alice: Account) -> None:
        error(request_email(client, alice, "not an address"), 400)
        response = client.post(
            f"{PHONES}/verification-code/request", headers=alice.headers, json={"phone": "0123"}
        )
        error(response, 400)

    def test_codes_are_never_stored_or_logged_in_clear(
        self, app: FastAPI, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink,
        caplog: pytest.LogCaptureFixture,
    ) -> None:  # fmt: skip
        caplog.set_level(logging.DEBUG)
        request_email(client, alice, "office@example.com")
        code = code_sent(worker, smtp, "office@example.com")
        verify_email(client, alice, "office@example.com", f"{(int(code) + 7) % 1_000_000:06d}")
        # Every log line of ours (the SMTP sink's own "mail.log" is the receiver's).
        ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.")]
        assert ours
        assert not [line for line in ours if code in line]
        with app.state.engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                for row in connection.execute(text(f'SELECT * FROM "{table.name}"')):
                    dumped = " ".join(str(value) for value in row)
                    assert code not in dumped, f"the code is in clear in {table.name}"
                    if table.name == "verification_codes":
                        assert "office@example.com" not in dumped


class TestVerifiedPhones:
    def test_a_code_by_text(
        self, app: FastAPI, client: TestClient, alice: Account, worker: Worker, settings: Any
    ) -> None:
        phone = "+442071234567"
        answered = client.post(
            f"{PHONES}/verification-code/request", headers=alice.headers, json={"phone": phone}
        )
        assert answered.status_code == 200
        worker.drain()
        (written,) = settings.sms_dir.glob("*.txt")  # the file provider, without Twilio
        found = re.search(r"\b(\d{6})\b", written.read_text())
        assert found is not None
        verified = data(
            client.post(
                f"{PHONES}/verification-code/verify",
                headers=alice.headers,
                json={"phone": phone, "code": found.group(1)},
            )
        )
        assert verified["phoneNumber"] == phone
        assert data(client.get(f"{PHONES}/{verified['id']}", headers=alice.headers)) == verified
        for _ in range(2):
            client.post(
                f"{PHONES}/verification-code/request", headers=alice.headers, json={"phone": phone}
            )
        refused = client.post(
            f"{PHONES}/verification-code/request", headers=alice.headers, json={"phone": phone}
        )
        assert refused.status_code == 429  # three a minute


class TestBookerVerification:
    def test_a_booking_needs_a_verified_code(
        self, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        intro = make_event_type(client, alice, requiresBookerEmailVerification=True)
        ann = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"}
        body: dict[str, Any] = {
            "start": "2030-03-26T09:00:00Z", "eventTypeId": intro, "attendee": ann,
        }  # fmt: skip
        failure = error(client.post("/v2/bookings", headers=v2(), json=body), 400)
        assert "emailVerificationCode" in failure["message"]
        sent = client.post("/v2/atoms/verification/email/send-code", json={"email": ann["email"]})
        assert data(sent) == {"sent": True}
        code = code_sent(worker, smtp, "ann@example.com")
        # Not verified yet: the booking is refused and nothing is booked.
        error(
            client.post("/v2/bookings", headers=v2(), json={**body, "emailVerificationCode": code}),
            400,
        )
        verified = client.post(
            "/v2/atoms/verification/email/verify-code", json={"email": ann["email"], "code": code}
        )
        assert data(verified) == {"verified": True}
        wrong = {**body, "emailVerificationCode": f"{(int(code) + 1) % 1_000_000:06d}"}
        error(client.post("/v2/bookings", headers=v2(), json=wrong), 400)
        booked = data(
            client.post("/v2/bookings", headers=v2(), json={**body, "emailVerificationCode": code}),
            201,
        )
        assert booked["status"] == "accepted"
        again = {**body, "start": "2030-03-26T10:00:00Z", "emailVerificationCode": code}
        error(client.post("/v2/bookings", headers=v2(), json=again), 400)  # one booking per code
        # The host books for someone with their own key: nobody to verify.
        by_host = {**body, "start": "2030-03-26T11:00:00Z"}
        data(client.post("/v2/bookings", headers=v2(alice), json=by_host), 201)
