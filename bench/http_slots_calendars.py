"""Benchmark: GET /v2/slots over HTTP for a host whose two CalDAV calendars (500 events
each) block slots, with a cold and a warm busy-times cache, next to a host without
calendars. Against a real ``slotwise serve`` (uvicorn, SQLite) and a real Radicale server,
both on 127.0.0.1. Run from the repo root:

    .venv/bin/python bench/http_slots_calendars.py [--requests 100] [--cold 10]

One host per case (Europe/London, Monday-Friday 09:00-17:00), a 30-minute event type, 30
days asked for in one request. The calendars' events are spread over the next 60 days at
random half hours (seeded), written straight into Radicale's storage folder (as files, so
setting up takes seconds); the calendars are connected and selected through the API.

Radicale indexes files it has not seen on its first read (~14 s for 500 on a loaded 2-core
machine); that read is made before measuring, as a live server would have done long ago.
Cold: each request follows a fresh selection of both calendars (deselected and selected
again: no cache row), so it waits for both calendars to be read (in parallel) and parsed.
Warm: the same request again and again within the cache's TTL (no provider call).
Client-side wall-clock latencies, sequential over one keep-alive connection.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.http_slots import cli, free_port, start_server  # noqa: E402
from tests.calendars.radicale_server import Account, RadicaleServer  # noqa: E402

EVENTS = 500
DAYS = 30


def write_events(radicale: RadicaleServer, account: Account, calendar: str, seed: int) -> None:
    """EVENTS one-hour events at random half hours of the next 60 days, as .ics files."""
    folder = radicale.folder / "collections" / "collection-root" / account.username / calendar
    rng = random.Random(seed)
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    for index in range(EVENTS):
        begin = start + timedelta(days=rng.randrange(60), minutes=30 * rng.randrange(48))
        end = begin + timedelta(hours=1)
        uid = f"bench-{calendar}-{index}"
        (folder / f"{uid}.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:{uid}\r\nDTSTAMP:20300101T000000Z\r\n"
            f"DTSTART:{begin:%Y%m%dT%H%M%SZ}\r\nDTEND:{end:%Y%m%dT%H%M%SZ}\r\n"
            f"SUMMARY:Busy {index}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )


def host(client: httpx.Client, slug: str) -> int:
    schedule = client.post(
        "/v2/schedules",
        headers={"cal-api-version": "2024-06-11"},
        json={
            "name": "Office hours",
            "timeZone": "Europe/London",
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
    schedule.raise_for_status()
    event_type = client.post(
        "/v2/event-types",
        headers={"cal-api-version": "2024-06-14"},
        json={"title": slug.title(), "slug": slug, "lengthInMinutes": 30},
    )
    event_type.raise_for_status()
    return int(event_type.json()["data"]["id"])


def timed_listing(client: httpx.Client, event_type_id: int, first: date) -> tuple[float, int]:
    began = time.perf_counter()
    response = client.get(
        "/v2/slots",
        headers={"cal-api-version": "2024-09-04"},
        params={
            "eventTypeId": str(event_type_id),
            "start": first.isoformat(),
            "end": (first + timedelta(days=DAYS - 1)).isoformat(),
        },
    )
    elapsed = (time.perf_counter() - began) * 1000
    response.raise_for_status()
    if response.headers.get("x-slotwise-calendars-unchecked"):
        raise SystemExit("a calendar could not be checked in time: raise --wait")
    return elapsed, sum(len(day) for day in response.json()["data"].values())


def selection(client: httpx.Client, credential_id: int, urls: list[str], *, on: bool) -> None:
    for url in urls:
        keys = {"integration": "caldav_calendar", "externalId": url, "credentialId": credential_id}
        if on:
            client.post("/v2/selected-calendars", json=keys).raise_for_status()
        else:
            client.delete("/v2/selected-calendars", params=keys).raise_for_status()


def summary(name: str, samples: list[float], slots: int) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{name:<28} n={len(samples):<4} median {statistics.median(samples):7.1f} ms"
        f"   p95 {p95:7.1f} ms   slots {slots}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--cold", type=int, default=10)
    # How long a listing may wait for a cold calendar: high, so a cold request measures the
    # whole read (the server's default, 2 s, would answer flagged instead).
    parser.add_argument("--wait", type=float, default=60.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="slotwise-bench-calendars-"))
    (work / "radicale").mkdir()
    radicale = RadicaleServer(work / "radicale")
    radicale.start()
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "SLOTWISE_DATA_DIR": str(work / "data"),
        "SLOTWISE_CALENDAR_ALLOW_PRIVATE_NETWORKS": "true",
        "SLOTWISE_CALENDAR_BUSY_WAIT_SECONDS": str(args.wait),
        "SLOTWISE_CALENDAR_TIMEOUT_SECONDS": str(args.wait),
        "SLOTWISE_ARGON2_TIME_COST": "1",
        "SLOTWISE_ARGON2_MEMORY_COST_KIB": "256",
        **{name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ},
    }
    server = start_server(env, port)
    try:
        account = radicale.account()
        for seed, calendar in enumerate(("personal", "work")):
            write_events(radicale, account, calendar, seed)
            account.events(calendar)  # Radicale indexes new files on its first read: not ours
        keys = {}
        for who in ("plain", "busy"):
            made = cli(env, "admin", "create-user", "--email", f"{who}@example.com",
                       "--username", who, "--name", who, "--time-zone", "Europe/London",
                       "--json")  # fmt: skip
            keys[who] = str(made["apiKey"])
        base = f"http://127.0.0.1:{port}"
        first = date.today() + timedelta(days=1)
        with (
            httpx.Client(base_url=base, headers={"Authorization": keys["plain"]}) as plain,
            httpx.Client(
                base_url=base, headers={"Authorization": keys["busy"]}, timeout=60
            ) as busy,
        ):
            plain_id, busy_id = host(plain, "plain"), host(busy, "busy")
            credential = busy.post("/v2/calendars/caldav/credentials", json=account.key())
            credential.raise_for_status()
            credential_id = int(credential.json()["data"]["id"])
            urls = [account.calendar_url("Personal"), account.calendar_url("Work")]
            for _ in range(10):
                timed_listing(plain, plain_id, first)
            none = [timed_listing(plain, plain_id, first) for _ in range(args.requests)]
            cold = []
            for _ in range(args.cold):
                selection(busy, credential_id, urls, on=True)
                cold.append(timed_listing(busy, busy_id, first))
                selection(busy, credential_id, urls, on=False)
            selection(busy, credential_id, urls, on=True)
            timed_listing(busy, busy_id, first)
            warm = [timed_listing(busy, busy_id, first) for _ in range(args.requests)]
        print(f"GET /v2/slots, {DAYS} days, 2 CalDAV calendars x {EVENTS} events (Radicale)")
        summary("no calendars", [t for t, _ in none], none[0][1])
        summary("calendars, cold cache", [t for t, _ in cold], cold[0][1])
        summary("calendars, warm cache", [t for t, _ in warm], warm[0][1])
        print(json.dumps({"none": statistics.median(t for t, _ in none),
                          "cold": statistics.median(t for t, _ in cold),
                          "warm": statistics.median(t for t, _ in warm)}))  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        radicale.stop()


if __name__ == "__main__":
    main()
