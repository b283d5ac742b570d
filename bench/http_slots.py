"""Benchmark: GET /v2/slots over HTTP against a real ``slotwise serve`` (uvicorn) on the
default SQLite database. Run from the repo root:

    .venv/bin/python bench/http_slots.py [--requests 200] [--bookings 300]

One host (Europe/London, Monday-Friday 09:00-17:00, two date overrides: a day off and a
short day), a 30-minute event type, 30 days asked for in one request. The user, key,
schedule and event type are made the way a client would: the admin CLI, then the API.

The host already has BOOKINGS bookings in those 30 days (default 300, as the engine
benchmark's case), made through POST /v2/bookings before the measurement: they are of a
second 30-minute event type on an any-time schedule, at random free half hours of the whole
day (seeded), so about a quarter fall in working hours (40 of the week's 168 hours) and
block slots of the measured event type; the rest are busy times the engine still reads and
discards.

Requests are sequential over one keep-alive connection; the figures are client-side
wall-clock latencies (request sent to body read) after a warm-up, and the server's CPU time
per request (the server process's user + system time over the measured requests, from
/proc, divided by their number: the stable figure on a shared machine). The measured path reads
the event type, its owner, the schedule and its rows, the host's busy times and live holds,
runs the engine and writes the answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

WARM_UP = 20
DAYS = 30
BOOKINGS = 300
ALL_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(env: dict[str, str], *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "slotwise", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "slotwise", "serve", "--no-demo", "--port", str(port)],
        env={**env, "SLOTWISE_LOG_LEVEL": "WARNING", **ONE_ADDRESS},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120  # a busy shared machine starts slowly
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read() if process.stdout else "server died")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError("server did not start in 120 s")


def cpu_seconds(pid: int) -> float:
    """A process's user + system CPU time so far (all its threads), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def weekday_after(day: date, weekday: int) -> date:
    """The first date after ``day`` falling on ``weekday`` (0 = Monday)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7 or 7)


def set_up(client: httpx.Client, first: date) -> int:
    """The schedule (with its two overrides) and the event type; returns its id."""
    day_off = weekday_after(first, 1)  # a Tuesday
    short_day = weekday_after(first + timedelta(days=7), 3)  # a Thursday
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
            "overrides": [
                {"date": day_off.isoformat(), "startTime": "00:00", "endTime": "00:00"},
                {"date": short_day.isoformat(), "startTime": "12:00", "endTime": "15:00"},
            ],
        },
    )
    schedule.raise_for_status()
    event_type = client.post(
        "/v2/event-types",
        headers={"cal-api-version": "2024-06-14"},
        json={
            "title": "Thirty minutes",
            "slug": "thirty",
            "lengthInMinutes": 30,
            "scheduleId": schedule.json()["data"]["id"],
        },
    )
    event_type.raise_for_status()
    event_type_id: int = event_type.json()["data"]["id"]
    return event_type_id


def book_busy_times(client: httpx.Client, first: date, count: int) -> tuple[int, int]:
    """``count`` bookings at random free half hours of the window (any time of day), through
    a second event type on an any-time schedule; returns (bookings made, how many start in
    the measured schedule's working hours)."""
    schedule = client.post(
        "/v2/schedules",
        headers={"cal-api-version": "2024-06-11"},
        json={
            "name": "Any time",
            "timeZone": "Europe/London",
            "isDefault": False,
            "availability": [{"days": ALL_DAYS, "startTime": "00:00", "endTime": "23:59"}],
        },
    )
    schedule.raise_for_status()
    other = client.post(
        "/v2/event-types",
        headers={"cal-api-version": "2024-06-14"},
        json={
            "title": "Other",
            "slug": "other",
            "lengthInMinutes": 30,
            "minimumBookingNotice": 0,
            "scheduleId": schedule.json()["data"]["id"],
        },
    )
    other.raise_for_status()
    other_id = other.json()["data"]["id"]
    found = client.get(
        "/v2/slots",
        headers={"cal-api-version": "2024-09-04"},
        params={
            "eventTypeId": str(other_id),
            "start": first.isoformat(),
            "end": (first + timedelta(days=DAYS - 1)).isoformat(),
            "timeZone": "Europe/London",
        },
    )
    found.raise_for_status()
    starts = [slot["start"] for day in found.json()["data"].values() for slot in day]
    if len(starts) < count:
        raise SystemExit(f"only {len(starts)} free half hours for {count} bookings")
    made = in_hours = 0
    for index, start in enumerate(sorted(random.Random(7).sample(starts, count))):
        local = datetime.fromisoformat(start)
        response = client.post(
            "/v2/bookings",
            headers={"cal-api-version": "2024-08-13"},
            json={
                "start": local.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                "eventTypeId": other_id,
                "attendee": {
                    "name": f"Booker {index}",
                    "email": f"booker{index}@example.com",
                    "timeZone": "Europe/London",
                },
            },
        )
        if response.status_code != 201:
            raise SystemExit(f"booking {index} at {start}: {response.status_code} {response.text}")
        made += 1
        in_hours += local.weekday() < 5 and 9 <= local.hour < 17
    return made, in_hours


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[rank - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--bookings", type=int, default=BOOKINGS, help="in the 30-day window")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="slotwise-bench-slots-"))
    env = {**os.environ, "SLOTWISE_DATA_DIR": str(data_dir)}
    env.pop("SLOTWISE_DATABASE_URL", None)  # the default: SQLite under the data dir
    user = cli(
        env,
        "admin",
        "create-user",
        "--email=bench@example.com",
        "--username=bench",
        "--name=Bench",
        "--time-zone=Europe/London",
        "--json",
    )
    port = free_port()
    process = start_server(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {user['apiKey']}"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
            first = datetime.now(UTC).date() + timedelta(days=1)
            event_type_id = set_up(client, first)
            made, in_hours = book_busy_times(client, first, args.bookings)
        params = {
            "eventTypeId": str(event_type_id),
            "start": first.isoformat(),
            "end": (first + timedelta(days=DAYS - 1)).isoformat(),
            "timeZone": "Europe/London",
        }
        latencies: list[float] = []
        slot_count = date_count = size = 0
        with httpx.Client(base_url=base, headers={"cal-api-version": "2024-09-04"}) as client:
            for index in range(WARM_UP + args.requests):
                if index == WARM_UP:
                    cpu_before = cpu_seconds(process.pid)
                began = time.perf_counter()
                response = client.get("/v2/slots", params=params)
                body = response.content
                elapsed = (time.perf_counter() - began) * 1000
                assert response.status_code == 200, response.text
                if index >= WARM_UP:
                    latencies.append(elapsed)
                else:
                    found = json.loads(body)["data"]
                    date_count = len(found)
                    slot_count = sum(len(slots) for slots in found.values())
                    size = len(body)
            server_cpu_ms = (cpu_seconds(process.pid) - cpu_before) * 1000 / args.requests
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)

    print(
        f"GET /v2/slots (2024-09-04) over HTTP, slotwise serve on SQLite ({data_dir}/slotwise.db)"
    )
    print(
        f"1 host, {DAYS} days from {first}, 30-minute event, Mon-Fri 09:00-17:00 Europe/London "
        "with two overrides (a day off, a 12:00-15:00 day)"
    )
    print(
        f"bookings: {made} of the host's in the window at random half hours of the day "
        f"({in_hours} start in working hours, Mon-Fri 09:00-17:00 London); no holds"
    )
    print(f"answer: {date_count} dates, {slot_count} slots, {size} bytes")
    print(
        f"{len(latencies)} sequential requests after {WARM_UP} warm-up (ms): "
        f"median {statistics.median(latencies):.2f}, p95 {percentile(latencies, 0.95):.2f}, "
        f"min {min(latencies):.2f}, max {max(latencies):.2f}"
    )
    print(f"server CPU per request: {server_cpu_ms:.2f} ms")


if __name__ == "__main__":
    main()
