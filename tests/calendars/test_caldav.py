"""CalDAV calendars against a real Radicale server: connecting, listing, selected calendars
blocking slots, the destination receiving bookings (through the outbox), busy times, and the
password never readable in the database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select as sql_select

from slotwise.apps.models import Credential
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.db import transaction
from slotwise.outbox.worker import Worker
from tests.calendars.helpers import (
    TUESDAY,
    bookable,
    connect,
    make_destination,
    select,
    tuesday_starts,
)
from tests.calendars.radicale_server import Account as CalDavAccount
from tests.conftest import Account
from tests.slots.helpers import data, error

T = "2030-03-26T{}:00.000Z"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2030, 3, 26, hour, minute, tzinfo=UTC)


class TestAllowedHosts:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"calendar_allowed_hosts": ["127.0.0.1"]})

    def test_a_host_off_the_list_is_refused_before_any_lookup(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        """Only listed hosts are called: the account's server (127.0.0.1) works, a made-up
        name is refused without being resolved (``.invalid`` never resolves, so a lookup
        would fail with another message)."""
        body = {**caldav_account.key(), "url": "http://calendar.example.invalid/dav/"}
        response = client.post("/v2/calendars/caldav/credentials", headers=alice.headers, json=body)
        assert "list of calendar hosts" in error(response, 400)["message"]
        assert data(client.get("/v2/calendars", headers=alice.headers))["connectedCalendars"] == []
        assert connect(client, alice, caldav_account)


class TestConnect:
    def test_connecting_checks_the_login_and_lists_the_calendars(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        credential_id = connect(client, alice, caldav_account)
        listed = data(client.get("/v2/calendars", headers=alice.headers))
        (account,) = listed["connectedCalendars"]
        assert account["credentialId"] == credential_id
        assert account["integration"]["type"] == "caldav_calendar"
        names = {c["name"]: c for c in account["calendars"]}
        assert set(names) == {"Personal", "Work"}
        assert names["Work"]["externalId"] == caldav_account.calendar_url("Work")
        assert not any(c["isSelected"] for c in account["calendars"])
        assert listed["destinationCalendar"] is None
        assert "password" not in str(listed)

    def test_a_wrong_password_is_a_400_and_stores_nothing(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        body = {**caldav_account.key(), "password": "wrong"}
        response = client.post("/v2/calendars/caldav/credentials", headers=alice.headers, json=body)
        assert "Invalid credentials" in error(response, 400)["message"]
        assert data(client.get("/v2/calendars", headers=alice.headers))["connectedCalendars"] == []

    def test_a_missing_field_is_a_400_naming_it(self, client: TestClient, alice: Account) -> None:
        body = {"url": "http://127.0.0.1:9/", "username": "ann"}
        response = client.post("/v2/calendars/caldav/credentials", headers=alice.headers, json=body)
        assert "password" in error(response, 400)["message"]

    def test_connecting_the_same_account_twice_keeps_one_credential(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        first = connect(client, alice, caldav_account)
        assert connect(client, alice, caldav_account) == first

    def test_check_and_disconnect(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        error(client.get("/v2/calendars/caldav/check", headers=alice.headers), 400)
        credential_id = connect(client, alice, caldav_account)
        assert data(client.get("/v2/calendars/caldav/check", headers=alice.headers))["id"] == (
            credential_id
        )
        gone = client.post(
            "/v2/calendars/caldav/disconnect", headers=alice.headers, json={"id": credential_id}
        )
        assert data(gone)["id"] == credential_id
        assert data(client.get("/v2/calendars", headers=alice.headers))["connectedCalendars"] == []

    def test_another_users_credential_is_a_404(
        self, client: TestClient, alice: Account, accounts: object, caldav_account: CalDavAccount
    ) -> None:
        credential_id = connect(client, alice, caldav_account)
        bob = accounts.create(username="bob")  # type: ignore[attr-defined]
        response = client.post(
            "/v2/calendars/caldav/disconnect", headers=bob.headers, json={"id": credential_id}
        )
        error(response, 404)
        select_body = {
            "integration": "caldav_calendar",
            "externalId": caldav_account.calendar_url("Work"),
            "credentialId": credential_id,
        }
        error(client.post("/v2/selected-calendars", headers=bob.headers, json=select_body), 404)


class TestSelectedCalendarsBlockSlots:
    def test_an_event_in_a_selected_calendar_blocks_its_slots(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Personal")
        caldav_account.add_event("Personal", at(10), at(11))
        caldav_account.add_event("Work", at(13), at(14))  # not selected: blocks nothing
        found = tuesday_starts(client, intro)
        assert T.format("09:30") in found
        assert T.format("10:00") not in found
        assert T.format("10:30") not in found
        assert T.format("11:00") in found
        assert T.format("13:00") in found

    def test_a_recurring_event_blocks_each_occurrence(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Personal")
        first = datetime(2030, 3, 12, 16, tzinfo=UTC)  # two Tuesdays before
        caldav_account.add_event(
            "Personal", first, first.replace(hour=17), "Gym", rrule="FREQ=WEEKLY;BYDAY=TU"
        )
        found = tuesday_starts(client, intro)
        assert T.format("16:00") not in found
        assert T.format("16:30") not in found
        assert T.format("15:30") in found

    def test_booking_a_blocked_slot_is_a_409(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Personal")
        caldav_account.add_event("Personal", at(10), at(11))
        body = {
            "start": "2030-03-26T10:00:00Z",
            "eventTypeId": intro,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        }
        response = client.post("/v2/bookings", headers={"cal-api-version": "2024-08-13"}, json=body)
        error(response, 409)

    def test_deselecting_frees_the_slots(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Personal")
        caldav_account.add_event("Personal", at(10), at(11))
        assert T.format("10:00") not in tuesday_starts(client, intro)
        params = {
            "integration": "caldav_calendar",
            "externalId": caldav_account.calendar_url("Personal"),
            "credentialId": credential_id,
        }
        data(client.delete("/v2/selected-calendars", headers=alice.headers, params=params))
        assert T.format("10:00") in tuesday_starts(client, intro)

    def test_busy_times_are_cached_and_refreshed_after_their_ttl(
        self,
        app: FastAPI,
        client: TestClient,
        clock: FrozenClock,
        settings: Settings,
        alice: Account,
        caldav_account: CalDavAccount,
    ) -> None:
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Personal")
        assert T.format("15:00") in tuesday_starts(client, intro)  # the cache is filled
        caldav_account.add_event("Personal", at(15), at(16))
        assert T.format("15:00") in tuesday_starts(client, intro)  # still within the TTL
        clock.advance(seconds=settings.calendar_busy_ttl_seconds + 1)
        # Stale: answered from the cache at once, refreshed in the background.
        assert T.format("15:00") in tuesday_starts(client, intro)
        app.state.calendar_busy.wait_idle()
        assert T.format("15:00") not in tuesday_starts(client, intro)

    def test_a_selected_calendar_that_is_not_the_accounts_is_a_404(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        credential_id = connect(client, alice, caldav_account)
        body = {
            "integration": "caldav_calendar",
            "externalId": caldav_account.calendar_url("Holidays"),
            "credentialId": credential_id,
        }
        error(client.post("/v2/selected-calendars", headers=alice.headers, json=body), 404)


class TestBusyTimes:
    def test_busy_times_of_named_calendars(
        self, client: TestClient, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        credential_id = connect(client, alice, caldav_account)
        caldav_account.add_event("Work", at(13), at(14))
        params = {
            "loggedInUsersTz": "Europe/London",
            "dateFrom": TUESDAY,
            "dateTo": TUESDAY,
            "calendarsToLoad[0][credentialId]": str(credential_id),
            "calendarsToLoad[0][externalId]": caldav_account.calendar_url("Work"),
        }
        found = data(client.get("/v2/calendars/busy-times", headers=alice.headers, params=params))
        assert found == [
            {
                "start": "2030-03-26T13:00:00.000Z",
                "end": "2030-03-26T14:00:00.000Z",
                "source": caldav_account.calendar_url("Work"),
            }
        ]

    def test_bad_dates_are_a_400(self, client: TestClient, alice: Account) -> None:
        params = {"dateFrom": "tomorrow", "dateTo": TUESDAY}
        response = client.get("/v2/calendars/busy-times", headers=alice.headers, params=params)
        assert "dateFrom" in error(response, 400)["message"]


class TestDestination:
    def test_a_booking_is_written_moved_and_removed(
        self,
        client: TestClient,
        worker: Worker,
        alice: Account,
        caldav_account: CalDavAccount,
    ) -> None:
        intro = bookable(client, alice)
        connect(client, alice, caldav_account)
        destination = make_destination(client, alice, caldav_account, "Work")
        assert destination["externalId"] == caldav_account.calendar_url("Work")
        headers = {"cal-api-version": "2024-08-13"}
        body = {
            "start": "2030-03-26T09:00:00Z",
            "eventTypeId": intro,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        }
        booking = data(client.post("/v2/bookings", headers=headers, json=body), 201)
        assert caldav_account.events("Work") == []  # written by the worker, after the commit
        worker.drain()
        (event,) = caldav_account.events("Work")
        assert (event["start"], event["end"]) == (at(9), at(9, 30))
        assert event["summary"] == booking["title"]

        moved = client.post(
            f"/v2/bookings/{booking['uid']}/reschedule",
            headers=headers,
            json={"start": "2030-03-26T11:00:00Z"},
        )
        data(moved, 201)
        worker.drain()
        (event_after,) = caldav_account.events("Work")
        assert event_after["uid"] == event["uid"]
        assert (event_after["start"], event_after["end"]) == (at(11), at(11, 30))
        assert event_after["sequence"] > event["sequence"]

        new_uid = data(moved, 201)["uid"]
        data(client.post(f"/v2/bookings/{new_uid}/cancel", headers=headers, json={}))
        worker.drain()
        assert caldav_account.events("Work") == []
        assert caldav_account.events("Personal") == []

    def test_no_destination_writes_nothing(
        self, client: TestClient, worker: Worker, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        intro = bookable(client, alice)
        connect(client, alice, caldav_account)
        body = {
            "start": "2030-03-26T09:00:00Z",
            "eventTypeId": intro,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        }
        data(client.post("/v2/bookings", headers={"cal-api-version": "2024-08-13"}, json=body), 201)
        worker.drain()
        assert caldav_account.events("Work") == []
        assert caldav_account.events("Personal") == []

    def test_a_cancelled_booking_in_a_selected_destination_frees_its_slot_at_once(
        self, client: TestClient, worker: Worker, alice: Account, caldav_account: CalDavAccount
    ) -> None:
        """Our own write invalidates the cache: the deleted event stops blocking."""
        intro = bookable(client, alice)
        credential_id = connect(client, alice, caldav_account)
        select(client, alice, caldav_account, credential_id, "Work")
        make_destination(client, alice, caldav_account, "Work")
        headers = {"cal-api-version": "2024-08-13"}
        body = {
            "start": "2030-03-26T09:00:00Z",
            "eventTypeId": intro,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        }
        booking = data(client.post("/v2/bookings", headers=headers, json=body), 201)
        worker.drain()
        assert T.format("09:00") not in tuesday_starts(client, intro)  # the event is cached
        data(client.post(f"/v2/bookings/{booking['uid']}/cancel", headers=headers, json={}))
        worker.drain()
        assert T.format("09:00") in tuesday_starts(client, intro)


@pytest.mark.sqlite_only
def test_the_password_is_not_readable_in_the_database_file(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    caldav_account: CalDavAccount,
    settings: Settings,
) -> None:
    connect(client, alice, caldav_account)
    with transaction(app.state.session_factory) as session:
        sealed = session.scalars(sql_select(Credential.key_encrypted)).one()
    assert caldav_account.password not in sealed
    database = Path(settings.resolved_database_url.removeprefix("sqlite:///"))
    app.state.engine.dispose()  # the WAL checkpointed into the file
    raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert caldav_account.password.encode() not in raw
    assert caldav_account.username.encode() not in raw  # the whole credential is sealed
