"""Benchmark: the public booking page on the embedded default. Run from the repo root:

    .venv/bin/python bench/booking_page.py [--requests 100] [--bookings 80]

A fresh ``slotwise serve`` (uvicorn, SQLite under a new data dir) seeds its demo data; the
demo user's ``30min`` event type (Mon-Fri 09:00-17:00 in the demo's zone) then gets
``--bookings`` bookings spread over next month through ``POST /v2/bookings``, so the month
is a realistic mix of free and taken times.

Two figures, against the issue's goals:

- **weight**: the event page with a day chosen (HTML) plus its own CSS and JS, in bytes as
  served and gzipped (goal: under 100 KB as served);
- **a month of slots**: ``GET /demo/30min?month=<next month>&date=<its first free day>``,
  the whole page (the month's slots from the engine, the day's list, the rendering) over
  HTTP, sequential requests on one keep-alive connection after a warm-up (goal: under
  300 ms). ``GET /v2/slots`` for the same month is measured alongside for comparison.
"""

from __future__ import annotations

import argparse
import gzip
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

WARM_UP = 10
ZONE = "Europe/London"


# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "slotwise", "serve", "--port", str(port)],
        env={**env, "SLOTWISE_LOG_LEVEL": "WARNING", "TZ": ZONE, **ONE_ADDRESS},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
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
    raise RuntimeError("server did not start in 30 s")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, round(fraction * len(ordered))) - 1]


def timed(client: httpx.Client, path: str, params: dict[str, str], count: int) -> list[float]:
    latencies = []
    for index in range(WARM_UP + count):
        began = time.perf_counter()
        response = client.get(path, params=params)
        _ = response.content
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, response.text[:500]
        if index >= WARM_UP:
            latencies.append(elapsed)
    return latencies


def describe(latencies: list[float]) -> str:
    return (
        f"median {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
        f"max {max(latencies):.1f} ms"
    )


def next_month(today: date) -> tuple[date, date]:
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--bookings", type=int, default=80)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="slotwise-bench-page-"))
    env = {**os.environ, "SLOTWISE_DATA_DIR": str(data_dir)}
    env.pop("SLOTWISE_DATABASE_URL", None)  # the default: SQLite under the data dir
    port = free_port()
    process = start_server(env, port)
    first, last = next_month(datetime.now(UTC).date())
    month = f"{first.year:04d}-{first.month:02d}"
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=30) as client:
            slots_query = {
                "username": "demo",
                "eventTypeSlug": "30min",
                "start": first.isoformat(),
                "end": last.isoformat(),
                "timeZone": ZONE,
            }
            api = {"cal-api-version": "2024-09-04"}
            found = client.get("/v2/slots", params=slots_query, headers=api).json()["data"]
            starts = [s["start"] for day in found.values() for s in day]
            rng = random.Random(6)
            for index, start in enumerate(rng.sample(starts, min(args.bookings, len(starts)))):
                made = client.post(
                    "/v2/bookings",
                    headers={"cal-api-version": "2024-08-13"},
                    json={
                        "start": start,
                        "eventTypeSlug": "30min",
                        "username": "demo",
                        "attendee": {
                            "name": f"Booker {index}",
                            "email": f"booker{index}@example.com",
                            "timeZone": ZONE,
                        },
                    },
                )
                assert made.status_code == 201, made.text
            found = client.get("/v2/slots", params=slots_query, headers=api).json()["data"]
            free_days = sorted(found)
            slot_count = sum(len(day) for day in found.values())
            page_query = {"month": month, "date": free_days[0], "tz": ZONE}
            html = client.get("/demo/30min", params=page_query).content
            css = client.get("/static/booking.css").content
            js = client.get("/static/booking.js").content
            page = timed(client, "/demo/30min", page_query, args.requests)
            month_only = timed(client, "/demo/30min", {"month": month, "tz": ZONE}, args.requests)
            with httpx.Client(base_url=base, headers=api, timeout=30) as api_client:
                api_month = timed(api_client, "/v2/slots", slots_query, args.requests)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)

    total = len(html) + len(css) + len(js)
    zipped = sum(len(gzip.compress(part)) for part in (html, css, js))
    print(f"slotwise serve on SQLite ({data_dir}/slotwise.db), demo data, {ZONE}")
    print(
        f"month {month}: {args.bookings} bookings made, {len(free_days)} days with free times, "
        f"{slot_count} free 30-minute slots"
    )
    print(
        f"weight: HTML {len(html):,} B + CSS {len(css):,} B + JS {len(js):,} B = {total:,} B "
        f"({zipped:,} B gzipped); goal < 100,000 B: {'met' if total < 100_000 else 'MISSED'}"
    )
    print(f"event page, month + chosen day ({args.requests} requests): {describe(page)}")
    print(f"event page, month only ({args.requests} requests):        {describe(month_only)}")
    print(f"GET /v2/slots, same month ({args.requests} requests):      {describe(api_month)}")
    worst = percentile(page, 0.95)
    print(f"goal: a month of slots < 300 ms (p95): {'met' if worst < 300 else 'MISSED'}")


if __name__ == "__main__":
    main()
