"""50 bookers race for one single-use private link against real ``slotwise serve``
processes over real HTTP (SQLite: one server; PostgreSQL: two servers on one database).
Each booker asks for a different free slot, so only the link stands between them: exactly
one booking is made, the 49 others are told the link was used up (409), nothing is a 5xx."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta

import httpx
import pytest

from slotwise.http.envelope import format_instant
from tests.bookings.test_race import Site, race_slot, run_in_own_loop, site, stored
from tests.cli.helpers import Server

pytestmark = pytest.mark.slow
__all__ = ["site"]  # the fixture, shared with the bookings race

RACERS = 50
BOOKINGS_VERSION = {"cal-api-version": "2024-08-13"}


def hidden_event_with_link(site: Site) -> tuple[int, str]:
    """A hidden 10-minute event type, 09:00-17:00 UTC on weekdays, and one single-use link."""
    with site.servers[0].client() as client:
        schedule = client.post(
            "/v2/schedules",
            headers={**site.headers, "cal-api-version": "2024-06-11"},
            json={
                "name": "Weekdays", "timeZone": "UTC", "isDefault": True,
                "availability": [{
                    "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
                    "startTime": "09:00", "endTime": "17:00",
                }],
            },
        )  # fmt: skip
        assert schedule.status_code == 201, schedule.text
        event_type = client.post(
            "/v2/event-types",
            headers={**site.headers, "cal-api-version": "2024-06-14"},
            json={
                "title": "Private", "slug": "private", "lengthInMinutes": 10,
                "minimumBookingNotice": 0, "hidden": True,
                "scheduleId": schedule.json()["data"]["id"],
            },
        )  # fmt: skip
        assert event_type.status_code == 201, event_type.text
        event_type_id: int = event_type.json()["data"]["id"]
        link = client.post(
            f"/v2/event-types/{event_type_id}/private-links",
            headers=site.headers,
            json={"maxUsageCount": 1},
        )
        assert link.status_code == 201, link.text
    return event_type_id, str(link.json()["data"]["linkId"])


def racer_slot(index: int) -> datetime:
    """A different free 10-minute slot per racer (48 a day, Monday then Tuesday)."""
    day, slot = divmod(index, 48)
    return race_slot() + timedelta(days=day, minutes=10 * slot)


async def race(servers: list[Server], event_type_id: int, link: str) -> list[httpx.Response]:
    clients = [
        httpx.AsyncClient(
            base_url=server.base_url, timeout=60, limits=httpx.Limits(max_connections=RACERS)
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
                "start": format_instant(racer_slot(index)),
                "eventTypeId": event_type_id,
                "hashedLink": link,
                "attendee": {
                    "name": f"Racer {index}", "email": f"racer{index}@example.com",
                    "timeZone": "UTC",
                },
            },
        )  # fmt: skip

    try:
        tasks = [asyncio.create_task(book(index)) for index in range(RACERS)]
        await asyncio.sleep(0)
        gate.set()
        return list(await asyncio.gather(*tasks))
    finally:
        for client in clients:
            await client.aclose()


def test_a_single_use_link_books_exactly_once(site: Site) -> None:
    event_type_id, link = hidden_event_with_link(site)

    responses = run_in_own_loop(race(site.servers, event_type_id, link))

    statuses = Counter(response.status_code for response in responses)
    assert statuses == {201: 1, 409: RACERS - 1}, statuses
    for response in responses:
        if response.status_code == 409:
            body = response.json()
            assert body["error"]["code"] == "ConflictException", body
            assert "used up" in body["error"]["message"], body
    bookings, _attendees, busy = stored(site.database_url)
    assert len(bookings) == 1
    assert len(busy) == 1
    with site.servers[-1].client() as client:
        shown = client.get(f"/v2/event-types/{event_type_id}/private-links", headers=site.headers)
    assert shown.status_code == 200, shown.text
    (only,) = shown.json()["data"]
    assert (only["usageCount"], only["isExpired"]) == (1, True)
    for server in site.servers:
        assert "Traceback" not in server.stderr, server.stderr
