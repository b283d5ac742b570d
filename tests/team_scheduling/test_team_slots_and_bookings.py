"""Slots and bookings of team event types through the API: a collective slot needs every
host and holds them all, a round-robin slot needs one free host and goes to one (plus the
fixed hosts); by id or by teamSlug; reschedule with the same host; cancelling frees all."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.busy.models import BusyTime
from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.outbox.models import OutboxMessage
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, data, error
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import (
    BOOKINGS_VERSION,
    book,
    host_ids,
    hours,
    slot_starts,
    team_event_type,
)

DAY = "2030-03-26"  # a Tuesday; London is on UTC until 31 March


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def people(client: TestClient, accounts: Accounts) -> dict[str, Account]:
    found = {name: accounts.create(username=name) for name in ("olga", "mia", "max")}
    hours(client, found["mia"], "09:00", "17:00")
    hours(client, found["max"], "13:00", "17:00")
    hours(client, found["olga"], "09:00", "11:00")
    return found


@pytest.fixture
def team(teams: Teams, people: dict[str, Account]) -> int:
    return teams.make(people["olga"], members=[people["mia"], people["max"]])


def _hosts(people: dict[str, Account], *names: str, **mandatory: bool) -> list[dict[str, object]]:
    return [{"userId": people[n].id, "mandatory": mandatory.get(n, False)} for n in names]


def _busy_hosts(app: FastAPI) -> list[tuple[int, str]]:
    with transaction(app.state.session_factory) as session:
        rows = session.scalars(select(BusyTime).order_by(BusyTime.user_id))
        return [(row.user_id, row.booking_uid) for row in rows]


class TestCollective:
    def test_slots_are_when_every_host_is_free_and_the_booking_holds_them_all(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "collective", hosts=_hosts(people, "mia", "max")
        )
        starts = slot_starts(client, DAY, eventTypeId=event["id"])
        assert starts[0] == "2030-03-26T13:00:00.000Z"  # max starts at 13:00
        assert starts[-1] == "2030-03-26T16:30:00.000Z"
        assert len(starts) == 8
        booked = data(book(client, event["id"], "2030-03-26T13:00:00Z"), 201)
        assert host_ids(booked) == [people["mia"].id, people["max"].id]
        assert _busy_hosts(app) == [
            (people["mia"].id, booked["uid"]),
            (people["max"].id, booked["uid"]),
        ]
        assert "2030-03-26T13:00:00.000Z" not in slot_starts(client, DAY, eventTypeId=event["id"])
        # A personal event type of mia's no longer offers 13:00 either.
        again = book(client, event["id"], "2030-03-26T13:00:00Z", name="Bo")
        assert error(again, 409)["code"] == "ConflictException"

    def test_by_team_slug(self, client: TestClient, people: dict[str, Account], team: int) -> None:
        event = team_event_type(
            client, people["olga"], team, "collective", hosts=_hosts(people, "mia", "max")
        )
        by_slug = slot_starts(client, DAY, teamSlug="sales", eventTypeSlug="demo")
        assert by_slug == slot_starts(client, DAY, eventTypeId=event["id"])
        unknown = client.get(
            "/v2/slots",
            params={"start": DAY, "end": DAY, "teamSlug": "nope", "eventTypeSlug": "demo"},
            headers={"cal-api-version": "2024-09-04"},
        )
        assert error(unknown, 404)["code"] == "NotFoundException"
        missing = client.get(
            "/v2/slots",
            params={"start": DAY, "end": DAY, "teamSlug": "sales", "eventTypeSlug": "other"},
            headers={"cal-api-version": "2024-09-04"},
        )
        assert missing.status_code == 404


class TestRoundRobin:
    def test_slots_are_when_any_host_is_free_and_bookings_take_turns(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "roundRobin", hosts=_hosts(people, "mia", "max")
        )
        starts = slot_starts(client, DAY, eventTypeId=event["id"])
        assert starts[0] == "2030-03-26T09:00:00.000Z"  # mia alone is enough
        assert len(starts) == 16
        morning = data(book(client, event["id"], "2030-03-26T09:00:00Z"), 201)
        assert host_ids(morning) == [people["mia"].id]  # the only host free at 09:00
        first = data(book(client, event["id"], "2030-03-26T14:00:00Z", name="Bo"), 201)
        assert host_ids(first) == [people["max"].id]  # never booked: max's turn
        second = data(book(client, event["id"], "2030-03-26T14:00:00Z", name="Cy"), 201)
        assert host_ids(second) == [people["mia"].id]  # max is taken at 14:00
        third = book(client, event["id"], "2030-03-26T14:00:00Z", name="Di")
        assert third.status_code == 409  # nobody left
        assert "2030-03-26T14:00:00.000Z" not in slot_starts(client, DAY, eventTypeId=event["id"])

    def test_a_fixed_host_joins_every_booking(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "roundRobin",
            hosts=_hosts(people, "mia", "max", "olga", olga=True),
        )  # fmt: skip
        # olga (fixed) works 09-11: slots only then, with mia (max starts at 13:00).
        starts = slot_starts(client, DAY, eventTypeId=event["id"])
        assert starts == [f"2030-03-26T{t}:00.000Z" for t in ("09:00", "09:30", "10:00", "10:30")]
        booked = data(book(client, event["id"], "2030-03-26T10:00:00Z"), 201)
        assert host_ids(booked) == [people["mia"].id, people["olga"].id]

    def test_higher_priority_wins_when_free(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        hosts = [
            {"userId": people["mia"].id, "priority": "highest"},
            {"userId": people["max"].id, "priority": "low"},
        ]
        event = team_event_type(client, people["olga"], team, "roundRobin", hosts=hosts)
        for name in ("Ann", "Bo"):
            booked = data(book(client, event["id"], f"2030-03-2{6 + (name == 'Bo')}T15:00:00Z",
                               name=name), 201)  # fmt: skip
            assert host_ids(booked) == [people["mia"].id]

    def test_reschedule_keeps_the_host_when_asked(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "roundRobin", hosts=_hosts(people, "mia", "max"),
            rescheduleWithSameRoundRobinHost=True,
        )  # fmt: skip
        first = data(book(client, event["id"], "2030-03-26T15:00:00Z", name="Zed"), 201)
        assert host_ids(first) == [people["mia"].id]  # neither booked yet: the lower id
        booked = data(book(client, event["id"], "2030-03-26T16:00:00Z"), 201)
        assert host_ids(booked) == [people["max"].id]
        # Left to fairness, mia (least recently booked) would take it; max keeps it.
        moved = client.post(
            f"/v2/bookings/{booked['uid']}/reschedule", headers=BOOKINGS_VERSION,
            json={"start": "2030-03-27T14:00:00Z"},
        )  # fmt: skip
        assert host_ids(data(moved, 201)) == [people["max"].id]

    def test_cancelling_frees_every_host(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "collective", hosts=_hosts(people, "mia", "max")
        )
        booked = data(book(client, event["id"], "2030-03-26T15:00:00Z"), 201)
        cancel = client.post(
            f"/v2/bookings/{booked['uid']}/cancel", headers=BOOKINGS_VERSION, json={}
        )
        assert cancel.status_code == 200, cancel.text
        assert _busy_hosts(app) == []
        assert "2030-03-26T15:00:00.000Z" in slot_starts(client, DAY, eventTypeId=event["id"])
        read = data(client.get(f"/v2/bookings/{booked['uid']}", headers=BOOKINGS_VERSION))
        assert host_ids(read) == [people["mia"].id, people["max"].id]  # still named


class TestManagedParent:
    def test_a_managed_parent_offers_no_slots_its_children_do(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        parent = team_event_type(
            client, people["olga"], team, "managed", hosts=_hosts(people, "max")
        )
        response = client.get(
            "/v2/slots", params={"start": DAY, "end": DAY, "eventTypeId": parent["id"]},
            headers={"cal-api-version": "2024-09-04"},
        )  # fmt: skip
        assert error(response, 400)["code"] == "BadRequestException"
        own = {**people["max"].headers, "cal-api-version": "2024-06-14"}
        child = client.get("/v2/event-types", headers=own)
        child_id = data(child)[0]["id"]
        starts = slot_starts(client, DAY, eventTypeId=child_id)
        assert starts[0] == "2030-03-26T13:00:00.000Z"  # max's own hours
        booked = data(book(client, child_id, "2030-03-26T13:00:00Z"), 201)
        assert host_ids(booked) == [people["max"].id]


class TestEmails:
    def test_every_host_of_a_collective_booking_is_mailed_and_named(
        self, app: FastAPI, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        event = team_event_type(
            client, people["olga"], team, "collective", hosts=_hosts(people, "mia", "max")
        )
        data(book(client, event["id"], "2030-03-26T13:00:00Z"), 201)
        with transaction(app.state.session_factory) as session:
            payloads = [row.payload for row in session.scalars(select(OutboxMessage))]
        emails = [p for p in payloads if "template" in p]
        to_hosts = sorted(p["to"]["email"] for p in emails if p["role"] == "organizer")
        assert to_hosts == ["max@example.com", "mia@example.com"]
        for payload in emails:
            assert payload["booking"]["organizer"]["email"] == "mia@example.com"
            assert [m["email"] for m in payload["booking"]["teamMembers"]] == ["max@example.com"]
