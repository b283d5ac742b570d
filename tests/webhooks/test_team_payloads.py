"""A team booking's webhook payload names every host, as Cal.com's does: the ``organizer``,
and the ``team`` (id, name) whose ``members`` are the other hosts. A personal booking has
no ``team``. Through the API, the outbox worker and a real receiver on loopback."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.outbox.worker import Worker
from tests.conftest import Account, Accounts
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import hours, team_event_type
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_delivery import book, subscribe, verified

ONE_PM = "2030-03-26T13:00:00Z"  # Tuesday: mia and max are both free


@pytest.fixture
def people(client: TestClient, accounts: Accounts) -> dict[str, Account]:
    found = {name: accounts.create(username=name) for name in ("olga", "mia", "max")}
    hours(client, found["mia"], "09:00", "17:00")
    hours(client, found["max"], "13:00", "17:00")
    return found


@pytest.fixture
def team(app: FastAPI, clock: FrozenClock, people: dict[str, Account]) -> int:
    return Teams(app, clock).make(people["olga"], members=[people["mia"], people["max"]])


def payloads(receiver: Receiver) -> list[dict[str, Any]]:
    return [verified(delivery)["payload"] for delivery in receiver.received()]


def hosts_of(people: dict[str, Account], *names: str) -> list[dict[str, Any]]:
    return [{"userId": people[name].id, "mandatory": False} for name in names]


def test_a_collective_booking_names_every_host(
    client: TestClient,
    people: dict[str, Account],
    team: int,
    worker: Worker,
    receiver: Receiver,
) -> None:
    for name in ("mia", "max"):
        subscribe(client, people[name], receiver, ["BOOKING_CREATED"])
    created = team_event_type(client, people["olga"], team, "COLLECTIVE",
                              hosts=hosts_of(people, "mia", "max"))  # fmt: skip
    book(client, created["id"], ONE_PM)
    worker.drain()
    found = payloads(receiver)
    assert found
    for payload in found:
        assert payload["team"]["id"] == team
        assert payload["team"]["name"] == "Sales"
        named = [payload["organizer"]["id"]] + [m["id"] for m in payload["team"]["members"]]
        assert sorted(named) == sorted([people["mia"].id, people["max"].id])
        member = payload["team"]["members"][0]
        assert {"id", "name", "email", "timeZone", "language"} <= set(member)
        assert member["email"].endswith("@example.com")


def test_a_round_robin_booking_names_its_one_host(
    client: TestClient,
    people: dict[str, Account],
    team: int,
    worker: Worker,
    receiver: Receiver,
) -> None:
    for name in ("mia", "max"):
        subscribe(client, people[name], receiver, ["BOOKING_CREATED"])
    created = team_event_type(client, people["olga"], team, "ROUND_ROBIN",
                              hosts=hosts_of(people, "mia", "max"))  # fmt: skip
    booking = book(client, created["id"], "2030-03-26T10:00:00Z")  # only mia is free
    worker.drain()
    (payload,) = payloads(receiver)
    assert payload["uid"] == booking["uid"]
    assert payload["organizer"]["id"] == people["mia"].id
    assert payload["team"] == {"id": team, "name": "Sales", "members": []}


def test_a_personal_booking_has_no_team(
    client: TestClient, alice: Account, intro: int, worker: Worker, receiver: Receiver
) -> None:
    subscribe(client, alice, receiver, ["BOOKING_CREATED"])
    book(client, intro)
    worker.drain()
    (payload,) = payloads(receiver)
    assert "team" not in payload
