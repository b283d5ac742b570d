"""A calendar server that is down, slow to come back, or refusing the stored password:
slots still answer (flagged), last known busy times still count, writes wait in the outbox
and are delivered when the server is back, and a refused credential is marked invalid with
one email to its owner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select as sql_select

from slotwise.apps.models import Credential
from slotwise.apps.service import CREDENTIAL_NOTICE_KIND
from slotwise.busy.external import HEADER
from slotwise.calendars.planner import CALENDAR_WRITE_KIND
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from slotwise.outbox.worker import Worker
from tests.calendars.helpers import TUESDAY, bookable, connect, make_destination, select
from tests.calendars.radicale_server import Account as CalDavAccount
from tests.calendars.radicale_server import RadicaleServer
from tests.conftest import Account
from tests.slots.helpers import data, get_slots, starts

TEN = "2030-03-26T10:00:00.000Z"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RadicaleServer]:
    """A server of this test's own, which the test stops and starts."""
    folder = tmp_path / "radicale-own"
    folder.mkdir()
    radicale = RadicaleServer(folder)
    radicale.start()
    yield radicale
    radicale.stop()


@pytest.fixture
def account(server: RadicaleServer) -> CalDavAccount:
    return server.account()


def listing(client: TestClient, event_type_id: int) -> tuple[list[str], str | None]:
    response = get_slots(client, eventTypeId=event_type_id, start=TUESDAY, end=TUESDAY)
    return starts(data(response)), response.headers.get(HEADER)


def blocked_at_ten(account: CalDavAccount) -> None:
    account.add_event(
        "Personal",
        datetime(2030, 3, 26, 10, tzinfo=UTC),
        datetime(2030, 3, 26, 11, tzinfo=UTC),
    )


def test_a_calendar_never_read_and_down_leaves_its_slots_offered_and_flagged(
    client: TestClient, alice: Account, server: RadicaleServer, account: CalDavAccount
) -> None:
    intro = bookable(client, alice)
    select(client, alice, account, connect(client, alice, account), "Personal")
    blocked_at_ten(account)
    server.stop()
    found, unchecked = listing(client, intro)
    assert TEN in found  # nothing is known of that calendar: its events cannot count
    assert unchecked == "1"


def test_a_calendar_that_goes_down_keeps_blocking_with_its_last_known_times(
    app: FastAPI,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    alice: Account,
    server: RadicaleServer,
    account: CalDavAccount,
) -> None:
    intro = bookable(client, alice)
    select(client, alice, account, connect(client, alice, account), "Personal")
    blocked_at_ten(account)
    found, unchecked = listing(client, intro)
    assert TEN not in found
    assert unchecked is None
    server.stop()
    clock.advance(seconds=settings.calendar_busy_ttl_seconds + 1)
    found, _ = listing(client, intro)  # stale: answered from the cache, refreshed behind
    assert TEN not in found
    app.state.calendar_busy.wait_idle()
    found, unchecked = listing(client, intro)
    assert TEN not in found  # the last known busy times still count ...
    assert unchecked == "1"  # ... and the listing says the calendar could not be checked
    server.start()
    clock.advance(seconds=settings.calendar_busy_ttl_seconds + 1)
    listing(client, intro)
    app.state.calendar_busy.wait_idle()
    found, unchecked = listing(client, intro)
    assert TEN not in found
    assert unchecked is None  # back: checked again


def test_a_write_to_a_calendar_that_is_down_waits_and_is_not_lost(
    app: FastAPI,
    client: TestClient,
    clock: FrozenClock,
    worker: Worker,
    alice: Account,
    server: RadicaleServer,
    account: CalDavAccount,
) -> None:
    intro = bookable(client, alice)
    connect(client, alice, account)
    make_destination(client, alice, account, "Work")
    server.stop()
    body = {
        "start": "2030-03-26T09:00:00Z",
        "eventTypeId": intro,
        "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
    }
    data(client.post("/v2/bookings", headers={"cal-api-version": "2024-08-13"}, json=body), 201)
    worker.drain()
    with transaction(app.state.session_factory) as session:
        row = session.scalars(
            sql_select(OutboxMessage).where(OutboxMessage.kind == CALENDAR_WRITE_KIND)
        ).one()
        assert (row.state, row.attempts) == ("pending", 1)
    server.start()
    clock.advance(minutes=30)  # past the retry's backoff
    worker.drain()
    (event,) = account.events("Work")
    assert event["start"] == datetime(2030, 3, 26, 9, tzinfo=UTC)
    with transaction(app.state.session_factory) as session:
        row = session.scalars(
            sql_select(OutboxMessage).where(OutboxMessage.kind == CALENDAR_WRITE_KIND)
        ).one()
        assert row.state == "delivered"


def test_a_refused_password_marks_the_credential_invalid_and_emails_once(
    app: FastAPI,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    alice: Account,
    server: RadicaleServer,
    account: CalDavAccount,
) -> None:
    intro = bookable(client, alice)
    credential_id = connect(client, alice, account)
    select(client, alice, account, credential_id, "Personal")
    server.change_password(account, "changed-elsewhere")
    _found, unchecked = listing(client, intro)
    assert unchecked == "1"
    app.state.calendar_busy.wait_idle()
    clock.advance(seconds=settings.calendar_busy_ttl_seconds + 1)
    listing(client, intro)  # refused again: no second email
    app.state.calendar_busy.wait_idle()
    with transaction(app.state.session_factory) as session:
        credential = session.get(Credential, credential_id)
        assert credential is not None
        assert credential.invalid is True
        notices = session.scalars(
            sql_select(OutboxMessage).where(OutboxMessage.kind == CREDENTIAL_NOTICE_KIND)
        ).all()
        assert len(notices) == 1
    listed = data(client.get("/v2/calendars", headers=alice.headers))
    assert listed["connectedCalendars"][0]["integration"]["invalidCredential"] is True
