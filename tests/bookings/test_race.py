"""200 bookers race for one slot against a real ``slotwise serve`` over real HTTP.

The server runs as its own process on a free loopback port with its own database: a SQLite
file, or a fresh PostgreSQL database served by two separate ``slotwise serve`` processes (two
processes on one database race across processes and connections).
200 ``POST /v2/bookings`` for the same slot leave the wire at once, each with its own attendee:
a plain event type accepts exactly one (199 conflicts), a 5-seat one exactly five seats of one
booking. Nothing answers 5xx, and the database and ``GET /v2/bookings`` hold exactly the
winners.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from slotwise.bookings.models import Attendee, Booking
from slotwise.busy.models import BusyTime
from slotwise.db import make_engine
from slotwise.http.envelope import format_instant
from tests.cli.helpers import (
    Server,
    cli_env,
    invoke,
    json_output,
    start_server,
    subprocess_env,
)
from tests.conftest import create_postgres_database, drop_postgres_database

pytestmark = pytest.mark.slow

RACERS = 200
SERVERS = {"sqlite": 1, "postgres": 2}
BOOKINGS_VERSION = {"cal-api-version": "2024-08-13"}
T = TypeVar("T")


@dataclass
class Site:
    """The servers of one test, the database they share, and the host's API key."""

    servers: list[Server]
    database_url: str
    api_key: str
    host_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


@pytest.fixture
def site(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[Site]:
    data_dir = tmp_path / "data"
    server_url: str | None = None
    name = f"slotwise_race_{worker_id_suffix}"
    if backend == "postgres":
        server_url = request.getfixturevalue("postgres_server_url")
        database_url = create_postgres_database(server_url, name)
    else:
        database_url = f"sqlite:///{data_dir / 'race.db'}"
    servers: list[Server] = []
    try:
        host = json_output(
            invoke(
                [
                    "admin", "create-user", "--email=host@example.com", "--username=host",
                    "--name=Host", "--time-zone=UTC", "--json",
                ],
                cli_env(data_dir, database_url),
            )
        )  # fmt: skip
        env = subprocess_env(data_dir, database_url)
        for index in range(SERVERS[backend]):
            servers.append(start_server(tmp_path, env, "--no-demo", name=f"serve{index}"))
        yield Site(servers, database_url, str(host["apiKey"]), int(host["id"]))
    finally:
        for server in servers:
            server.stop()
        if server_url is not None:
            drop_postgres_database(server_url, name)


def race_slot() -> datetime:
    """09:00 UTC on a Monday four to five weeks away: bookable whatever the run's date
    (slots reach one year ahead, so 2030 is not bookable from a real clock)."""
    day = datetime.now(UTC).date() + timedelta(weeks=4)
    day += timedelta(days=(7 - day.weekday()) % 7)
    return datetime.combine(day, time(9), tzinfo=UTC)


def make_event_type(site: Site, seats: int) -> int:
    """A UTC weekday schedule covering the slot and a 30-minute event type without notice."""
    with site.servers[0].client() as client:
        schedule = client.post(
            "/v2/schedules",
            headers={**site.headers, "cal-api-version": "2024-06-11"},
            json={
                "name": "Weekdays",
                "timeZone": "UTC",
                "isDefault": True,
                "availability": [
                    {
                        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                        "startTime": "09:00",
                        "endTime": "17:00",
                    }
                ],
            },
        )
        assert schedule.status_code == 201, schedule.text
        body: dict[str, Any] = {
            "title": "Race",
            "slug": "race",
            "lengthInMinutes": 30,
            "minimumBookingNotice": 0,
            "scheduleId": schedule.json()["data"]["id"],
        }
        if seats > 1:
            body["seats"] = {"seatsPerTimeSlot": seats}
        event_type = client.post(
            "/v2/event-types",
            headers={**site.headers, "cal-api-version": "2024-06-14"},
            json=body,
        )
        assert event_type.status_code == 201, event_type.text
        event_type_id: int = event_type.json()["data"]["id"]
    return event_type_id


def email(index: int) -> str:
    return f"racer{index:03d}@example.com"


async def race(servers: list[Server], event_type_id: int, start: datetime) -> list[httpx.Response]:
    """RACERS bookings of one slot, all in flight at once, spread over the servers."""
    clients = [
        httpx.AsyncClient(
            base_url=server.base_url,
            timeout=60,
            limits=httpx.Limits(max_connections=RACERS, max_keepalive_connections=RACERS),
        )
        for server in servers
    ]
    gate = asyncio.Event()

    async def book(index: int) -> httpx.Response:
        await gate.wait()
        return await clients[index % len(clients)].post(
            "/v2/bookings",
            headers=BOOKINGS_VERSION,
            json={
                "start": format_instant(start),
                "eventTypeId": event_type_id,
                "attendee": {"name": f"Racer {index}", "email": email(index), "timeZone": "UTC"},
            },
        )

    try:
        tasks = [asyncio.create_task(book(index)) for index in range(RACERS)]
        await asyncio.sleep(0)  # every task waits at the gate
        gate.set()
        return list(await asyncio.gather(*tasks))
    finally:
        for client in clients:
            await client.aclose()


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a thread of its own: an earlier test of this worker may have left
    this thread inside a running loop (Playwright's sync API does), where ``asyncio.run``
    refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def stored(database_url: str) -> tuple[list[Booking], list[Attendee], list[BusyTime]]:
    """Every row of the three tables, read straight from the database."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return (
                list(session.scalars(select(Booking))),
                list(session.scalars(select(Attendee))),
                list(session.scalars(select(BusyTime))),
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("seats", [1, 5], ids=["plain", "5-seats"])
def test_concurrent_bookings_of_one_slot_accept_exactly_the_seats(site: Site, seats: int) -> None:
    event_type_id = make_event_type(site, seats)
    start = race_slot()

    responses = run_in_own_loop(race(site.servers, event_type_id, start))

    statuses = Counter(response.status_code for response in responses)
    assert statuses == {201: seats, 409: RACERS - seats}, statuses  # and so no 5xx
    slot_named = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    winners = {}
    for index, response in enumerate(responses):
        if response.status_code == 201:
            body = response.json()
            assert body["status"] == "success", body
            winners[email(index)] = body["data"]
            continue
        body = response.json()
        assert body["status"] == "error", body
        assert body["error"]["code"] == "ConflictException", body
        message = body["error"]["message"]
        assert slot_named in message, body  # says which slot
        assert re.search(r"no longer available|taken|full", message), body  # and why

    uids = {data["uid"] for data in winners.values()}
    assert len(uids) == 1, uids  # one booking: the plain winner's, or every seat's
    (uid,) = uids
    for data in winners.values():
        assert data["status"] == "accepted", data
        assert data["start"] == format_instant(start), data
    seat_uids = {data.get("seatUid") for data in winners.values()}
    if seats > 1:
        assert None not in seat_uids
        assert len(seat_uids) == seats, seat_uids

    bookings, attendees, busy = stored(site.database_url)
    assert [(b.uid, b.status, b.start_time, b.user_id) for b in bookings] == [
        (uid, "ACCEPTED", start, site.host_id)
    ]
    booking_id = bookings[0].id
    assert sorted((a.booking_id, a.email) for a in attendees) == [
        (booking_id, address) for address in sorted(winners)
    ]
    if seats > 1:
        assert {a.seat_uid for a in attendees} == seat_uids
    assert [(b.booking_id, b.user_id) for b in busy] == [(booking_id, site.host_id)]

    with site.servers[-1].client() as client:
        listed = client.get("/v2/bookings", headers={**site.headers, **BOOKINGS_VERSION})
    assert listed.status_code == 200, listed.text
    found = listed.json()["data"]
    assert [booking["uid"] for booking in found] == [uid]
    assert sorted(a["email"] for a in found[0]["attendees"]) == sorted(winners)

    for server in site.servers:
        assert "Traceback" not in server.stderr, server.stderr
