"""Reminders are outbox rows: written with a booking, moved by a reschedule, dropped by a
cancellation, written for bookings already made when a workflow is activated and dropped when
it is deactivated or deleted; delivered once, at their time, never late. The clock is driven
forward by the tests; delivery goes to a real SMTP sink."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.models import OutboxState
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import v2
from tests.conftest import Account, handlers
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule
from tests.workflows.helpers import REMINDER_STEP, create_workflow, reminder_rows, workflow_body

TUESDAY_NINE = "2030-03-26T09:00:00Z"  # London is on GMT until 31 March 2030
ANN = {"name": "Ann Lee", "email": "ann@example.com", "timeZone": "Europe/Rome", "language": "it"}


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice, minimumBookingNotice=0)


def book(client: TestClient, event_type_id: int, start: str = TUESDAY_NINE) -> dict[str, Any]:
    body = {"start": start, "eventTypeId": event_type_id, "attendee": ANN}
    booked: dict[str, Any] = data(client.post("/v2/bookings", headers=v2(), json=body), 201)
    return booked


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def pending(app: FastAPI) -> list[tuple[datetime, str]]:
    return [
        (row.due_at, row.payload["to"]["email"])
        for row in reminder_rows(app)
        if row.state == OutboxState.PENDING.value
    ]


def reminders(smtp: SmtpSink) -> list[Any]:
    return [mail for mail in smtp.received if mail.message["X-Slotwise-Workflow-Id"]]


class TestLifeOfAReminder:
    def test_fires_once_at_its_offset_and_not_before(
        self,
        app: FastAPI,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:
        create_workflow(client, alice, workflow_body([intro]))
        book(client, intro)
        assert pending(app) == [(at("2030-03-26T08:00:00Z"), "ann@example.com")]
        clock.advance(hours=25, minutes=59)  # 07:59 on Tuesday
        worker.drain()
        assert reminders(smtp) == []
        clock.advance(minutes=1)
        worker.drain()
        (mail,) = smtp.wait_for(len(smtp.received))[-1:]
        assert mail.to == "ann@example.com"
        # In the attendee's zone (Rome, UTC+1 in March), on her language's clock.
        assert mail.subject == "Soon: Intro at 10:00 Europe/Rome"
        assert "Hi Ann Lee" in mail.html()
        clock.advance(minutes=5)
        worker.drain()
        assert len(reminders(smtp)) == 1
        assert [row.state for row in reminder_rows(app)] == ["delivered"]

    def test_a_new_worker_after_a_restart_sends_it_once(
        self,
        app: FastAPI,
        settings: Settings,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:
        create_workflow(client, alice, workflow_body([intro]))
        book(client, intro)
        worker.drain()  # nothing due yet; this worker then "stops"
        clock.advance(hours=26)
        successor = Worker(app.state.engine, settings, clock, handlers(settings, app))
        successor.drain()
        successor.drain()
        assert len(reminders(smtp)) == 1

    def test_a_reschedule_moves_it_and_a_cancellation_drops_it(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        create_workflow(client, alice, workflow_body([intro]))
        booking = book(client, intro)
        moved = data(
            client.post(
                f"/v2/bookings/{booking['uid']}/reschedule",
                headers=v2(),
                json={"start": "2030-03-27T11:00:00Z"},
            ),
            201,
        )
        assert pending(app) == [(at("2030-03-27T10:00:00Z"), "ann@example.com")]
        states = [row.state for row in reminder_rows(app)]
        assert states == ["cancelled", "pending"]
        client.post(f"/v2/bookings/{moved['uid']}/cancel", headers=v2(), json={})
        assert pending(app) == []

    def test_a_time_already_past_is_not_sent_late(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        create_workflow(client, alice, workflow_body([intro], offset={"value": 1, "unit": "day"}))
        book(client, intro)  # Tuesday 09:00; "a day before" was Monday 09:00 - still to come
        assert len(pending(app)) == 1
        create_workflow(client, alice, workflow_body([intro], offset={"value": 2, "unit": "day"}))
        book(client, intro, "2030-03-26T10:00:00Z")  # two days before is Sunday: past
        assert [due for due, _ in pending(app)] == [
            at("2030-03-25T09:00:00Z"),
            at("2030-03-25T10:00:00Z"),
        ]

    def test_immediate_triggers_send_on_the_change(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int, clock: FrozenClock
    ) -> None:
        host_step = {**REMINDER_STEP, "action": "email_host", "template": "cancelled"}
        host_step["message"] = {"subject": "Cancelled: {EVENT_NAME} ({CANCELLATION_REASON})"}
        create_workflow(
            client, alice, workflow_body([intro], trigger="eventCancelled", steps=[host_step])
        )
        booking = book(client, intro)
        assert pending(app) == []
        client.post(
            f"/v2/bookings/{booking['uid']}/cancel",
            headers=v2(),
            json={"cancellationReason": "ill"},
        )
        assert pending(app) == [(clock.now(), "alice@example.com")]


class TestActivation:
    def test_activating_schedules_existing_bookings_and_deactivating_drops_them(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        other = make_event_type(client, alice, "other", minimumBookingNotice=0)
        book(client, intro)
        book(client, other, "2030-03-26T11:00:00Z")
        created = create_workflow(client, alice, workflow_body([intro]))
        assert pending(app) == [(at("2030-03-26T08:00:00Z"), "ann@example.com")]
        path = f"/v2/workflows/{created['id']}"
        activation = {"isActiveOnAllEventTypes": False, "activeOnEventTypeIds": [other]}
        data(client.patch(path, headers=alice.headers, json={"activation": activation}))
        assert pending(app) == [(at("2030-03-26T10:00:00Z"), "ann@example.com")]
        activation = {"isActiveOnAllEventTypes": True}
        data(client.patch(path, headers=alice.headers, json={"activation": activation}))
        assert [due for due, _ in pending(app)] == [
            at("2030-03-26T08:00:00Z"),
            at("2030-03-26T10:00:00Z"),
        ]
        data(client.delete(path, headers=alice.headers))
        assert pending(app) == []


class TestAcrossDaylightSaving:
    def test_offsets_are_real_durations_and_times_read_in_each_zone(
        self,
        app: FastAPI,
        client: TestClient,
        alice: Account,
        intro: int,
        worker: Worker,
        smtp: SmtpSink,
        clock: FrozenClock,
    ) -> None:
        """London and Rome move to summer time on Sunday 31 March 2030; the meeting is on
        Monday 1 April at 09:00 London (08:00 UTC). "2 days before" is 48 hours before:
        Saturday 08:00 UTC, still winter time. The email reads the meeting's time in summer
        time: 10:00 in Rome (UTC+2), 09:00 for the London host."""
        steps = [
            {**REMINDER_STEP, "message": {"subject": "{EVENT_TIME} {TIMEZONE}", "html": "x"}},
            {
                **REMINDER_STEP,
                "stepNumber": 2,
                "action": "email_host",
                "message": {"subject": "{EVENT_DATE_dddd D MMMM HH:mm} {TIMEZONE}", "html": "x"},
            },
        ]
        create_workflow(
            client, alice, workflow_body([intro], offset={"value": 2, "unit": "day"}, steps=steps)
        )
        book(client, intro, "2030-04-01T08:00:00Z")
        assert {due for due, _ in pending(app)} == {at("2030-03-30T08:00:00Z")}
        clock.advance(days=5, hours=1, minutes=59)  # Saturday 07:59 UTC
        worker.drain()
        assert reminders(smtp) == []
        clock.advance(minutes=1)
        worker.drain()
        subjects = {mail.to: mail.subject for mail in reminders(smtp)}
        assert subjects == {
            "ann@example.com": "10:00 Europe/Rome",
            "alice@example.com": "Monday 1 April 09:00 Europe/London",
        }
