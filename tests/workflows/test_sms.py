"""Text messages of workflows: through a local Twilio-shaped server (form-encoded, basic
auth, status callbacks), retried like emails when Twilio fails, failed at once when it
refuses; through files without Twilio."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import v2
from tests.conftest import Account, handlers
from tests.slots.helpers import data, make_event_type, make_schedule
from tests.workflows.helpers import REMINDER_STEP, create_workflow, reminder_rows, workflow_body
from tests.workflows.twilio_server import ACCOUNT_SID, AUTH_TOKEN, TwilioServer

ANN = {
    "name": "Ann Lee", "email": "ann@example.com", "timeZone": "Europe/Rome",
    "language": "it", "phoneNumber": "+393331234567",
}  # fmt: skip
SMS_STEP = {
    **REMINDER_STEP,
    "action": "sms_attendee",
    "message": {"subject": "", "text": "Ciao {ATTENDEE_FIRST_NAME}: {EVENT_NAME} {EVENT_TIME}"},
}


@pytest.fixture
def twilio() -> Iterator[TwilioServer]:
    server = TwilioServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(settings: Settings, twilio: TwilioServer) -> Settings:
    return settings.model_copy(
        update={
            "sms_provider": "twilio",
            "twilio_account_sid": ACCOUNT_SID,
            "twilio_auth_token": SecretStr(AUTH_TOKEN),
            "twilio_phone_number": "+15005550006",
            "twilio_whatsapp_number": "+14155238886",
            "twilio_base_url": twilio.base_url,
        }
    )


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice, minimumBookingNotice=0)


def book(client: TestClient, event_type_id: int) -> dict[str, Any]:
    body = {"start": "2030-03-26T09:00:00Z", "eventTypeId": event_type_id, "attendee": ANN}
    booked: dict[str, Any] = data(client.post("/v2/bookings", headers=v2(), json=body), 201)
    return booked


def test_a_reminder_text_reaches_twilio_and_its_status_comes_back(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    intro: int,
    worker: Worker,
    twilio: TwilioServer,
    clock: FrozenClock,
) -> None:
    create_workflow(client, alice, workflow_body([intro], steps=[SMS_STEP]))
    book(client, intro)
    clock.advance(hours=26)
    worker.drain()
    (message,) = twilio.messages
    assert message["To"] == "+393331234567"
    assert message["From"] == "+15005550006"
    assert message["Body"] == "Ciao Ann: Intro 10:00"
    assert message["StatusCallback"] == "http://localhost:8000/v2/workflows/sms/status"
    (row,) = reminder_rows(app)
    assert row.state == "delivered"
    assert row.last_result is not None
    assert row.last_result["sid"] == message["sid"]

    url, form, signature = twilio.status_callback(message["sid"], "delivered")
    path = urlsplit(url).path
    answered = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert data(answered) == {"messageSid": message["sid"], "status": "delivered"}
    forged = client.post(path, data={**form, "MessageStatus": "failed"})
    assert forged.status_code == 403


def test_whatsapp_goes_through_the_same_api_with_its_prefix(
    client: TestClient,
    alice: Account,
    intro: int,
    worker: Worker,
    twilio: TwilioServer,
    clock: FrozenClock,
) -> None:
    step = {**SMS_STEP, "action": "whatsapp_attendee"}
    create_workflow(client, alice, workflow_body([intro], steps=[step]))
    book(client, intro)
    clock.advance(hours=26)
    worker.drain()
    (message,) = twilio.messages
    assert (message["To"], message["From"]) == ("whatsapp:+393331234567", "whatsapp:+14155238886")


def test_a_failing_twilio_is_retried_and_a_refusal_is_final(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    intro: int,
    settings: Settings,
    twilio: TwilioServer,
    clock: FrozenClock,
) -> None:
    worker = Worker(
        app.state.engine, settings, clock, handlers(settings, app), rng=random.Random(1)
    )
    create_workflow(client, alice, workflow_body([intro], steps=[SMS_STEP]))
    book(client, intro)
    clock.advance(hours=26)
    twilio.fail_next(503, 20500)
    worker.drain()
    (row,) = reminder_rows(app)
    assert (row.state, row.attempts) == ("pending", 1)
    assert twilio.messages == []
    clock.advance(seconds=settings.outbox_retry_base_seconds)
    worker.drain()
    assert [r.state for r in reminder_rows(app)] == ["delivered"]
    assert len(twilio.messages) == 1

    book_again = {"start": "2030-03-26T10:00:00Z", "eventTypeId": intro, "attendee": ANN}
    clock.advance(hours=-26, seconds=-settings.outbox_retry_base_seconds)
    data(client.post("/v2/bookings", headers=v2(), json=book_again), 201)
    clock.advance(hours=27)
    twilio.fail_next(400, 21211)  # "invalid To number"
    worker.drain()
    refused = reminder_rows(app)[-1]
    assert refused.state == "failed"
    assert "21211" in (refused.last_error or "")


def test_without_twilio_each_text_is_a_file(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    intro: int,
    settings: Settings,
    clock: FrozenClock,
) -> None:
    settings = settings.model_copy(update={"sms_provider": "file"})
    worker = Worker(app.state.engine, settings, clock, handlers(settings, app))
    create_workflow(client, alice, workflow_body([intro], steps=[SMS_STEP]))
    book(client, intro)
    clock.advance(hours=26)
    worker.drain()
    (row,) = reminder_rows(app)
    written = (settings.sms_dir / f"{row.id:010d}.txt").read_text()
    assert written == "To: +393331234567\nChannel: sms\n\nCiao Ann: Intro 10:00\n"
    assert (settings.sms_dir / f"{row.id:010d}.txt").stat().st_mode & 0o777 == 0o600
