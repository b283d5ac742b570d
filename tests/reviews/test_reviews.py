"""Reviews after meetings: the link mailed at the meeting's end (its secret stored only as a
hash), one submission per link (a race of two included), no review of a cancelled booking or
by a no-show, and the host's listing with counts and the average."""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.errors import Conflict
from slotwise.outbox.models import OutboxMessage
from slotwise.outbox.worker import Worker
from slotwise.reviews import service
from slotwise.reviews.models import BookingReview
from slotwise.reviews.planner import REVIEW_REQUEST_KIND
from tests.conftest import Account, Accounts
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, error, make_event_type, make_schedule

START = "2030-03-26T09:00:00Z"  # Tuesday; the meeting ends at 09:30
LINK = re.compile(r"http://localhost:8000/reviews/(\S+)")
BOOKINGS = {"cal-api-version": "2024-08-13"}


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice, "intro", minimumBookingNotice=0)


def book(
    client: TestClient, event_type_id: int, start: str = START, email: str = "ann@example.com"
) -> dict[str, Any]:
    body = {
        "start": start, "eventTypeId": event_type_id,
        "attendee": {"name": "Ann", "email": email, "timeZone": "Europe/Rome"},
    }  # fmt: skip
    booking: dict[str, Any] = data(client.post("/v2/bookings", headers=BOOKINGS, json=body), 201)
    return booking


def review_links(smtp: SmtpSink) -> list[str]:
    return [m.group(1) for r in smtp.received if (m := LINK.search(r.text()))]


def after_the_meeting(clock: FrozenClock, worker: Worker) -> None:
    clock.advance(days=1, hours=4)  # Tuesday 10:00Z
    worker.drain()


def test_the_link_is_mailed_when_the_meeting_ends_and_works_once(
    client: TestClient, app: FastAPI, alice: Account, intro: int, clock: FrozenClock,
    worker: Worker, smtp: SmtpSink,
) -> None:  # fmt: skip
    book(client, intro)
    worker.drain()
    assert review_links(smtp) == []  # not before the meeting ends
    after_the_meeting(clock, worker)
    [secret] = review_links(smtp)
    [mail] = [r for r in smtp.received if LINK.search(r.text())]
    assert mail.recipients == ("ann@example.com",)

    # Only the secret's hash is stored: not on the review row, not in any outbox row.
    with transaction(app.state.session_factory) as session:
        [row] = session.scalars(select(BookingReview)).all()
        assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
        payloads = [str(m.payload) for m in session.scalars(select(OutboxMessage))]
    assert not any(secret in p for p in payloads)

    shown = data(client.get(f"/v2/reviews/{secret}"))
    assert shown["canReview"] is True
    assert (shown["attendeeName"], shown["endTime"]) == ("Ann", "2030-03-26T09:30:00.000Z")

    given = data(client.post(f"/v2/reviews/{secret}", json={"rating": 4, "comment": "Useful"}), 201)
    assert (given["rating"], given["comment"], given["attendeeEmail"]) == (
        4,
        "Useful",
        "ann@example.com",
    )
    again = error(client.post(f"/v2/reviews/{secret}", json={"rating": 1}), 409)
    assert "already used" in again["message"]
    assert data(client.get(f"/v2/reviews/{secret}"))["canReview"] is False
    assert data(client.get(f"/v2/reviews/{secret}"))["rating"] == 4


def test_bad_input_and_unknown_links(
    client: TestClient, intro: int, clock: FrozenClock, worker: Worker, smtp: SmtpSink
) -> None:
    book(client, intro)
    after_the_meeting(clock, worker)
    [secret] = review_links(smtp)
    for body, field in (({"rating": 6}, "rating"), ({"rating": "5"}, "rating"), ({}, "rating"),
                        ({"rating": 3, "comment": "x" * 2001}, "comment")):  # fmt: skip
        problem = error(client.post(f"/v2/reviews/{secret}", json=body), 400)
        assert field in str(problem), problem
    error(client.post("/v2/reviews/not-a-link", json={"rating": 3}), 404)
    error(client.get("/v2/reviews/not-a-link"), 404)
    assert data(client.get(f"/v2/reviews/{secret}"))["canReview"] is True  # nothing changed


def test_a_cancelled_booking_gets_no_link(
    client: TestClient, intro: int, clock: FrozenClock, worker: Worker, smtp: SmtpSink
) -> None:
    booking = book(client, intro)
    cancel = client.post(f"/v2/bookings/{booking['uid']}/cancel", headers=BOOKINGS, json={})
    data(cancel)
    after_the_meeting(clock, worker)
    assert review_links(smtp) == []


def test_a_no_show_cannot_review(
    client: TestClient, alice: Account, intro: int, clock: FrozenClock, worker: Worker,
    smtp: SmtpSink,
) -> None:  # fmt: skip
    booking = book(client, intro)
    after_the_meeting(clock, worker)
    [secret] = review_links(smtp)
    absent = {"attendees": [{"email": "ann@example.com", "absent": True}]}
    headers = {**alice.headers, **BOOKINGS}
    data(client.post(f"/v2/bookings/{booking['uid']}/mark-absent", headers=headers, json=absent))
    assert data(client.get(f"/v2/reviews/{secret}"))["canReview"] is False
    error(client.post(f"/v2/reviews/{secret}", json={"rating": 5}), 403)


def test_the_host_lists_an_event_types_reviews_with_counts_and_average(
    client: TestClient, accounts: Accounts, alice: Account, intro: int, clock: FrozenClock,
    worker: Worker, smtp: SmtpSink,
) -> None:  # fmt: skip
    for hour, email in ((9, "ann@example.com"), (10, "bo@example.com"), (11, "cy@example.com")):
        book(client, intro, f"2030-03-26T{hour:02d}:00:00Z", email)
    clock.advance(days=1, hours=6)  # Tuesday 12:00Z: every meeting ended
    worker.drain()
    secrets = review_links(smtp)
    assert len(secrets) == 3
    for secret, rating in zip(secrets[:2], (5, 2), strict=True):
        data(client.post(f"/v2/reviews/{secret}", json={"rating": rating}), 201)

    summary = data(client.get(f"/v2/event-types/{intro}/reviews", headers=alice.headers))
    assert summary["count"] == 2
    assert summary["averageRating"] == 3.5
    assert summary["ratingCounts"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert sorted(r["rating"] for r in summary["reviews"]) == [2, 5]

    bob = accounts.create(username="bob")
    error(client.get(f"/v2/event-types/{intro}/reviews", headers=bob.headers), 404)
    error(client.get(f"/v2/event-types/{intro}/reviews"), 401)


def test_two_racing_submissions_of_one_link_exactly_one_wins(
    client: TestClient, app: FastAPI, intro: int, clock: FrozenClock, worker: Worker,
    smtp: SmtpSink,
) -> None:  # fmt: skip
    book(client, intro)
    after_the_meeting(clock, worker)
    [secret] = review_links(smtp)
    gate = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(rating: int) -> None:
        gate.wait()
        try:
            with transaction(app.state.write_session_factory) as session:
                service.submit_review(session, secret, rating=rating, comment=None, now=clock.now())
            outcomes.append("won")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=submit, args=(r,)) for r in (1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "won"]
    with transaction(app.state.session_factory) as session:
        [row] = session.scalars(select(BookingReview)).all()
        assert row.rating in (1, 5)
        assert row.submitted_at is not None


def test_no_review_row_is_mailed_twice_when_the_booking_changes(
    client: TestClient, app: FastAPI, intro: int
) -> None:
    """A reschedule drops the old booking's request; the new booking has one of its own."""
    booking = book(client, intro)
    body = {"start": "2030-03-26T13:00:00Z"}
    data(client.post(f"/v2/bookings/{booking['uid']}/reschedule", headers=BOOKINGS, json=body), 201)
    with transaction(app.state.session_factory) as session:
        rows = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == REVIEW_REQUEST_KIND)
        ).all()
    pending = [r for r in rows if r.state == "pending"]
    assert len(pending) == 1
    assert pending[0].due_at.isoformat().startswith("2030-03-26T13:30")
