"""POST /v2/bookings/{uid}/reassign[/{userId}] and GET /v2/teams/{teamId}/bookings."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.busy.models import BusyTime
from slotwise.clock import FrozenClock
from slotwise.db import transaction
from tests.conftest import Account, Accounts
from tests.slots.helpers import NOW, data, error
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import BOOKINGS_VERSION, book, host_ids, hours, team_event_type


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def people(client: TestClient, accounts: Accounts) -> dict[str, Account]:
    found = {name: accounts.create(username=name) for name in ("olga", "mia", "max", "ivy", "eve")}
    for name in ("mia", "max", "ivy"):
        hours(client, found[name], "09:00", "17:00")
    hours(client, found["max"], "09:00", "12:00")  # max's default now ends at noon
    return found


@pytest.fixture
def event(client: TestClient, teams: Teams, people: dict[str, Account]) -> dict[str, Any]:
    team = teams.make(people["olga"], members=[people["mia"], people["max"], people["ivy"]])
    hosts = [{"userId": people[n].id} for n in ("mia", "max", "ivy")]
    return team_event_type(client, people["olga"], team, "roundRobin", hosts=hosts) | {"team": team}


def _reassign(client: TestClient, who: Account | None, uid: str, to: int | None = None) -> Any:
    path = f"/v2/bookings/{uid}/reassign" + (f"/{to}" if to else "")
    headers = {**(who.headers if who else {}), **BOOKINGS_VERSION}
    return client.post(path, headers=headers, json={"reason": "holiday"})


def _busy(app: FastAPI) -> list[int]:
    with transaction(app.state.session_factory) as session:
        return sorted(row.user_id for row in session.scalars(select(BusyTime)))


def test_reassign_to_a_named_free_host(
    app: FastAPI, client: TestClient, people: dict[str, Account], event: dict[str, Any]
) -> None:
    booked = data(book(client, event["id"], "2030-03-26T14:00:00Z"), 201)
    assert host_ids(booked) == [people["mia"].id]
    # max works until noon: not free at 14:00; eve is no host; the organizer may not be chosen.
    assert error(_reassign(client, people["olga"], booked["uid"], people["max"].id), 409)
    assert error(_reassign(client, people["olga"], booked["uid"], people["eve"].id), 400)
    moved = data(_reassign(client, people["olga"], booked["uid"], people["ivy"].id))
    assert host_ids(moved) == [people["ivy"].id]
    assert moved["uid"] == booked["uid"]
    assert moved["start"] == booked["start"]
    assert _busy(app) == [people["ivy"].id]


def test_automatic_reassignment_picks_another_free_host(
    app: FastAPI, client: TestClient, people: dict[str, Account], event: dict[str, Any]
) -> None:
    booked = data(book(client, event["id"], "2030-03-26T15:00:00Z"), 201)
    first = host_ids(booked)[0]
    moved = data(_reassign(client, people["mia"], booked["uid"]))  # mia hosts it
    assert host_ids(moved) != [first]
    assert host_ids(moved) == [people["ivy"].id]  # max is not free at 15:00
    assert _busy(app) == [people["ivy"].id]


def test_who_may_reassign(
    app: FastAPI, client: TestClient, people: dict[str, Account], event: dict[str, Any]
) -> None:
    booked = data(book(client, event["id"], "2030-03-26T14:00:00Z"), 201)
    assert _reassign(client, None, booked["uid"]).status_code == 401
    assert _reassign(client, people["eve"], booked["uid"]).status_code == 403
    assert _reassign(client, people["max"], booked["uid"]).status_code == 403  # not its host
    assert _busy(app) == [people["mia"].id]  # nothing changed


def test_team_bookings_are_listed_to_members_only(
    client: TestClient, people: dict[str, Account], event: dict[str, Any]
) -> None:
    first = data(book(client, event["id"], "2030-03-26T15:00:00Z"), 201)
    second = data(book(client, event["id"], "2030-03-26T10:00:00Z", name="Bo"), 201)
    path = f"/v2/teams/{event['team']}/bookings"
    listed = data(client.get(path, headers={**people["max"].headers, **BOOKINGS_VERSION}))
    assert [b["uid"] for b in listed] == [second["uid"], first["uid"]]  # by start
    assert client.get(path, headers=people["eve"].headers).status_code == 404
    assert client.get(path).status_code == 401
