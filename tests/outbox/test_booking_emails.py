"""Booking emails, end to end: the API changes a booking, the worker delivers its outbox
rows over SMTP to a real sink on loopback, and the test parses what arrived: recipients,
subjects, times in each reader's zone and language, and the ICS (METHOD, UID, SEQUENCE,
ORGANIZER, ATTENDEE) across create -> reschedule -> cancel.

Now is Monday 2030-03-25 06:00Z. Alice (the host) is in Europe/London (GMT until 31 March);
Ann books from America/New_York (EDT, UTC-4), so 09:00Z is 09:00 for Alice and 05:00 for Ann.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.bookings.models import Booking
from slotwise.outbox.models import OutboxMessage, OutboxState
from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.helpers import NOT_LATER
from tests.outbox.smtp_sink import Received, SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule

ELEVEN = "2030-03-26T11:00:00Z"
ANN = {"name": "Ann", "email": "ann@example.com", "timeZone": "America/New_York"}


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


def book(client: TestClient, event_type_id: int, start: str = FIRST_SLOT, **fields: Any) -> Any:
    body = {"start": start, "eventTypeId": event_type_id, "attendee": ANN, **fields}
    return data(client.post("/v2/bookings", headers=v2(), json=body), 201)


def act(client: TestClient, uid: str, action: str, body: dict[str, Any], **kw: Any) -> Any:
    response = client.post(f"/v2/bookings/{uid}/{action}", headers=v2(**kw), json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()["data"]


def ics_uid(app: FastAPI, uid: str) -> str:
    with app.state.session_factory() as session:
        value = session.scalar(select(Booking.ics_uid).where(Booking.uid == uid))
    assert value is not None
    return str(value)


def by_recipient(received: list[Received]) -> dict[str, Received]:
    found: dict[str, Received] = {}
    for mail in received:
        assert mail.to not in found, f"two emails to {mail.to}"
        found[mail.to] = mail
    return found


def event_of(mail: Received) -> Any:
    calendar = mail.calendar()
    assert calendar is not None, f"no ICS in {mail.subject!r}"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def attendee_addresses(event: Any) -> set[str]:
    lines = event.get("attendee")
    lines = lines if isinstance(lines, list) else [lines]
    return {str(line).removeprefix("mailto:") for line in lines}


class TestCreateRescheduleCancel:
    def test_every_party_gets_each_change_with_one_calendar_identity(
        self, app: FastAPI, client: TestClient, intro: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        uid = book(client, intro, guests=["gus@example.com"])["uid"]
        assert worker.drain() == 3
        created = by_recipient(smtp.received)
        assert set(created) == {"ann@example.com", "gus@example.com", "alice@example.com"}
        calendar_uid = ics_uid(app, uid)

        for address, mail in created.items():
            calendar, event = event_of(mail)
            assert str(calendar["method"]) == "REQUEST"
            assert mail.calendar_method_param() == "REQUEST"
            assert str(event["uid"]) == calendar_uid
            assert int(event["sequence"]) == 0
            assert event.decoded("dtstart") == datetime(2030, 3, 26, 9, tzinfo=UTC)
            assert event.decoded("dtend") == datetime(2030, 3, 26, 9, 30, tzinfo=UTC)
            assert str(event["organizer"]) == "mailto:alice@example.com"
            assert attendee_addresses(event) == {"ann@example.com", "gus@example.com"}
            assert mail.subject.startswith(("Confirmed: Intro", "New event: Intro")), address
            assert mail.booking_uid == uid

        # Each reader sees the time in their own zone.
        ann_text = created["ann@example.com"].text()
        assert "5:00" in ann_text
        assert "America/New_York" in ann_text
        assert "9:00" not in ann_text
        assert "Where: Cal Video" in ann_text  # not "integrations:cal-video"
        alice_text = created["alice@example.com"].text()
        assert "9:00" in alice_text
        assert "Europe/London" in alice_text
        assert created["alice@example.com"].subject.startswith("New event: Intro")
        # The attendee can manage the booking by its secret link; the html part says the same.
        assert f"http://localhost:8000/reschedule/{uid}" in ann_text
        assert (
            f"http://localhost:8000/booking/{uid}?cancel=true" in created["ann@example.com"].html()
        )
        assert "/reschedule/" not in alice_text

        new_uid = act(client, uid, "reschedule", {"start": ELEVEN, "reschedulingReason": "Clash"})[
            "uid"
        ]
        assert worker.drain() == 3
        moved = by_recipient(smtp.received[3:])
        assert set(moved) == set(created)
        for mail in moved.values():
            calendar, event = event_of(mail)
            assert str(calendar["method"]) == "REQUEST"
            assert str(event["uid"]) == calendar_uid  # the same calendar entry, updated
            assert int(event["sequence"]) == 1
            assert event.decoded("dtstart") == datetime(2030, 3, 26, 11, tzinfo=UTC)
            assert mail.subject.startswith("Rescheduled: Intro")
            assert mail.booking_uid == new_uid
        ann_moved = moved["ann@example.com"].text()
        assert "Previously" in ann_moved
        assert "5:00" in ann_moved  # the old time, in Ann's zone
        assert "7:00" in ann_moved  # the new one
        assert "Clash" in ann_moved

        act(client, new_uid, "cancel", {"cancellationReason": "Sick today"})
        assert worker.drain() == 3
        cancelled = by_recipient(smtp.received[6:])
        assert set(cancelled) == set(created)
        for mail in cancelled.values():
            calendar, event = event_of(mail)
            assert str(calendar["method"]) == "CANCEL"
            assert mail.calendar_method_param() == "CANCEL"
            assert str(event["uid"]) == calendar_uid
            assert int(event["sequence"]) == 2
            assert str(event["status"]) == "CANCELLED"
            assert "Sick today" in mail.text()
            assert mail.subject.startswith("Cancelled: Intro")
        assert "/reschedule/" not in cancelled["ann@example.com"].text()
        assert len({m.message_id for m in smtp.received}) == 9


class TestConfirmation:
    @pytest.fixture
    def approval(self, client: TestClient, alice: Account, intro: int) -> int:
        return make_event_type(client, alice, "approval", confirmationPolicy={"type": "always"})

    def test_a_request_then_its_confirmation(
        self, client: TestClient, alice: Account, approval: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        uid = book(client, approval)["uid"]
        worker.drain()
        requested = by_recipient(smtp.received)
        assert requested["ann@example.com"].subject.startswith("Awaiting confirmation: Approval")
        assert requested["alice@example.com"].subject.startswith("Confirm or decline: Approval")
        assert all(mail.calendar() is None for mail in requested.values())  # nothing to add yet

        act(client, uid, "confirm", {}, account=alice)
        worker.drain()
        confirmed = by_recipient(smtp.received[2:])
        assert set(confirmed) == {"ann@example.com", "alice@example.com"}
        for mail in confirmed.values():
            assert mail.subject.startswith("Confirmed: Approval")
            _calendar, event = event_of(mail)
            assert int(event["sequence"]) == 1

    def test_a_declined_request_tells_the_attendee_why(
        self, client: TestClient, alice: Account, approval: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        uid = book(client, approval)["uid"]
        worker.drain()
        act(client, uid, "decline", {"reason": "Fully booked that week"}, account=alice)
        worker.drain()
        declined = smtp.received[2:]
        assert [m.to for m in declined] == ["ann@example.com"]  # the host declined: no mail
        assert declined[0].subject.startswith("Declined: Approval")
        assert "Fully booked that week" in declined[0].text()
        assert declined[0].calendar() is None


class TestSeats:
    def test_each_seat_sees_only_itself_and_its_own_cancellation(
        self, client: TestClient, alice: Account, intro: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        seated = make_event_type(client, alice, "class", seats={"seatsPerTimeSlot": 3})
        first = book(client, seated)
        second_attendee = {"name": "Bo", "email": "bo@example.com", "timeZone": "Europe/Paris"}
        body = {"start": FIRST_SLOT, "eventTypeId": seated, "attendee": second_attendee}
        second = data(client.post("/v2/bookings", headers=v2(), json=body), 201)
        worker.drain()
        mails = smtp.received
        to_bo = [m for m in mails if m.to == "bo@example.com"]
        assert len(to_bo) == 1
        _calendar, event = event_of(to_bo[0])
        assert attendee_addresses(event) == {"bo@example.com"}  # Ann stays private
        assert "ann@example.com" not in to_bo[0].text()
        seat = second["seatUid"]
        assert f"/reschedule/{second['uid']}?seat={seat}" in to_bo[0].text()
        assert f"/booking/{second['uid']}?cancel=true&amp;seat={seat}" in to_bo[0].html()
        host_mails = [m.subject for m in mails if m.to == "alice@example.com"]
        assert any(s.startswith("New attendee: Class") for s in host_mails)

        act(client, second["uid"], "cancel", {"seatUid": second["seatUid"]})
        worker.drain()
        after = smtp.received[len(mails) :]
        cancelled_for_bo = [m for m in after if m.to == "bo@example.com"]
        assert len(cancelled_for_bo) == 1
        calendar, event = event_of(cancelled_for_bo[0])
        assert str(calendar["method"]) == "CANCEL"
        assert [m.to for m in after if m.to == "ann@example.com"] == []  # Ann keeps her seat
        assert any(
            m.subject.startswith("Seat cancelled") for m in after if m.to == "alice@example.com"
        )
        assert first["uid"] == second["uid"]


class TestLanguage:
    def test_the_attendee_reads_their_language_and_the_host_theirs(
        self, client: TestClient, intro: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        attendee = {**ANN, "timeZone": "Europe/Berlin", "language": "de"}
        body = {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": attendee}
        data(client.post("/v2/bookings", headers=v2(), json=body), 201)
        worker.drain()
        mails = by_recipient(smtp.received)
        german = mails["ann@example.com"]
        assert german.subject.startswith(
            "Bestätigt: Intro between Alice and Ann am 26.03.2030, 10:00"
        )
        assert "Dienstag, 26. März 2030" in german.text()
        assert 'lang="de"' in german.html()
        assert mails["alice@example.com"].subject.startswith(  # Alice's timeFormat: 24
            "New event: Intro between Alice and Ann on Mar 26, 2030, 09:00"
        )


class TestOnlyCommittedChangesSend:
    def test_a_refused_booking_writes_no_outbox_row(
        self, app: FastAPI, client: TestClient, intro: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        book(client, intro)  # two emails, and the review request due at its end
        with app.state.session_factory() as session:
            written = session.scalar(select(func.count()).select_from(OutboxMessage))
        body = {"start": FIRST_SLOT, "eventTypeId": intro, "attendee": {**ANN, "name": "Late"}}
        assert client.post("/v2/bookings", headers=v2(), json=body).status_code == 409
        with app.state.session_factory() as session:
            assert session.scalar(select(func.count()).select_from(OutboxMessage)) == written
        worker.drain()
        assert len(smtp.received) == 2

    def test_a_no_show_update_sends_nothing(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int, worker: Worker
    ) -> None:
        uid = book(client, intro)["uid"]
        worker.drain()
        act(client, uid, "mark-absent", {"host": True}, account=alice)
        with app.state.session_factory() as session:
            states = session.scalars(select(OutboxMessage.state).where(NOT_LATER)).all()
        assert states == [OutboxState.DELIVERED.value] * 2


class TestRecurringSeries:
    @pytest.fixture
    def weekly(self, client: TestClient, alice: Account, intro: int) -> int:
        return make_event_type(
            client,
            alice,
            "weekly",
            recurrence={"frequency": "weekly", "interval": 1, "occurrences": 4},
        )

    def test_one_email_per_person_lists_and_invites_every_occurrence(
        self, app: FastAPI, client: TestClient, weekly: int, worker: Worker, smtp: SmtpSink
    ) -> None:
        body = {"start": FIRST_SLOT, "eventTypeId": weekly, "attendee": ANN, "recurrenceCount": 4}
        series = data(client.post("/v2/bookings", headers=v2(), json=body), 201)
        assert len(series) == 4
        worker.drain()
        mails = by_recipient(smtp.received)  # asserts one email per recipient
        assert set(mails) == {"ann@example.com", "alice@example.com"}
        ann = mails["ann@example.com"]
        assert "Every occurrence (4)" in ann.text()
        calendar = ann.calendar()
        assert calendar is not None
        events = calendar.walk("VEVENT")
        assert [e.decoded("dtstart").isoformat() for e in events] == [
            "2030-03-26T09:00:00+00:00",
            "2030-04-02T09:00:00+00:00",  # 05:00 in New York (EDT) every week
            "2030-04-09T09:00:00+00:00",
            "2030-04-16T09:00:00+00:00",
        ]
        assert len({str(e["uid"]) for e in events}) == 4

        act(client, series[1]["uid"], "cancel", {"cancelSubsequentBookings": True})
        worker.drain()
        cancelled = by_recipient(smtp.received[2:])
        calendar = cancelled["ann@example.com"].calendar()
        assert calendar is not None
        assert str(calendar["method"]) == "CANCEL"
        assert len(calendar.walk("VEVENT")) == 3  # the second occurrence and every later one
