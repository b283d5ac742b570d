"""The demo data's team: a round-robin event type bookable by team slug."""

from __future__ import annotations

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.demo.seed import DEMO_TEAM_SLUG, seed_demo_data
from slotwise.users.passwords import password_hasher
from tests.slots.helpers import data
from tests.team_scheduling.helpers import ET_VERSION, SLOTS_VERSION, host_ids


def test_the_demo_team_offers_and_books_its_round_robin_event(
    app: FastAPI, client: TestClient, clock: FrozenClock
) -> None:
    with transaction(app.state.write_session_factory) as session:
        issued = seed_demo_data(
            session, now=clock.now(), hasher=password_hasher(app.state.settings),
            time_zone="Europe/London",
        )  # fmt: skip
    assert issued is not None
    first, last = clock.now().date(), clock.now().date() + timedelta(days=14)
    found = data(
        client.get(
            "/v2/slots", headers=SLOTS_VERSION,
            params={"teamSlug": DEMO_TEAM_SLUG, "eventTypeSlug": "team-call",
                    "start": first.isoformat(), "end": last.isoformat()},
        )
    )  # fmt: skip
    start = next(slot["start"] for day in found.values() for slot in day)
    own = data(
        client.get("/v2/event-types", headers={**ET_VERSION, "Authorization": issued.secret})
    )
    assert {e["slug"] for e in own} == {"15min", "30min"}  # the team's is not personal
    booked = data(
        client.post(
            "/v2/bookings", headers={"cal-api-version": "2024-08-13"},
            json={"start": start, "eventTypeId": _team_event_type_id(client, issued.secret),
                  "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"}},
        ),
        201,
    )  # fmt: skip
    assert host_ids(booked) == [own[0]["ownerId"]]


def _team_event_type_id(client: TestClient, key: str) -> int:
    me = data(client.get("/v2/me", headers={"Authorization": key}))
    teams = data(client.get("/v2/teams/1/event-types", headers={"Authorization": key}))
    assert teams[0]["hosts"][0]["userId"] == me["id"]
    event_type_id: int = teams[0]["id"]
    return event_type_id
