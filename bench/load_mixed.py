"""Benchmark: mixed traffic on 2 ``slotwise serve`` processes sharing one PostgreSQL, with
rate limits on. Run from the repo root:

    .venv/bin/python bench/load_mixed.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres
        [--seconds 30] [--clients 16] [--hosts 20]

Traffic, for ``--seconds`` after a short warm-up, from ``--clients`` keep-alive connections
spread over both processes (127.0.0.1 only): 80% ``GET /v2/slots`` (a random host's week),
15% ``POST /v2/bookings`` (a free slot not booked before, a new attendee email each), 5%
``POST /v2/bookings/{uid}/cancel`` (a booking this run made). All of it is anonymous, so it
counts against the load generator's address: the per-address limit is set far above what
the run sends; answers 429 would be counted apart from errors, and must be zero. Anything
else that is not the expected 200/201 is an error.

Then the limits are shown to hold across the two processes: one API key sends
``--probe`` ``GET /v2/me`` alternately to both processes under the per-key limit
(``SLOTWISE_RATE_LIMIT_PER_API_KEY``, 120 a minute); exactly the limit must succeed and the
rest must be 429 with ``Retry-After``, because both processes count in the same table.

Reports throughput (requests/s, overall and per kind) and p50/p99 latency (client-side,
request written to body read). A fresh database ``slotwise_bench_mixed_<pid>`` is created
and dropped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

PROCESSES = 2
PER_KEY_LIMIT = 120
ALL_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS = 28
WARM_UP_SECONDS = 3.0
EXPECTED = {"slots": 200, "book": 201, "cancel": 200}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def admin_sql(server_url: str, statement: str) -> None:
    from sqlalchemy import text

    from slotwise.db import make_engine

    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def create_users(database_url: str, data_dir: Path, count: int) -> list[str]:
    """Migrates, then ``count`` users with an API key each; returns the keys."""
    from slotwise.api_keys import service as api_keys
    from slotwise.config import Settings
    from slotwise.db import make_engine, make_session_factory, transaction
    from slotwise.migrations.runner import upgrade
    from slotwise.users import service as users
    from slotwise.users.passwords import password_hasher

    upgrade(database_url)
    settings = Settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    keys = []
    try:
        with transaction(make_session_factory(engine, write_lock=True)) as session:
            for index in range(count):
                fields = {
                    "email": f"host{index}@example.com",
                    "username": f"host{index}",
                    "name": f"Host {index}",
                    "time_zone": "UTC",
                }
                user = users.create_user(session, fields, now=now, hasher=password_hasher(settings))
                keys.append(api_keys.issue_key(session, user, now=now, name="bench").secret)
    finally:
        engine.dispose()
    return keys


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "slotwise", "serve", "--no-demo", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process, port
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"slotwise serve exited:\n{log.read_text()}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"slotwise serve did not start:\n{log.read_text()}")


def set_up_hosts(
    port: int, keys: list[str], first: date
) -> tuple[list[int], list[tuple[int, str]]]:
    """A schedule (every day 09-17 UTC) and a 30-minute event type per host; returns the
    event type ids and every free slot (event type, start), shuffled."""
    event_types: list[int] = []
    slots: list[tuple[int, str]] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for key in keys:
            auth = {"Authorization": f"Bearer {key}"}
            hours = [{"days": ALL_DAYS, "startTime": "09:00", "endTime": "17:00"}]
            schedule = client.post(
                "/v2/schedules",
                headers={**auth, "cal-api-version": "2024-06-11"},
                json={
                    "name": "Every day",
                    "timeZone": "UTC",
                    "isDefault": True,
                    "availability": hours,
                },
            )
            assert schedule.status_code == 201, schedule.text
            event_type = client.post(
                "/v2/event-types",
                headers={**auth, "cal-api-version": "2024-06-14"},
                json={
                    "title": "Thirty",
                    "slug": "thirty",
                    "lengthInMinutes": 30,
                    "minimumBookingNotice": 0,
                },
            )
            assert event_type.status_code == 201, event_type.text
            event_types.append(int(event_type.json()["data"]["id"]))
            found = client.get(
                "/v2/slots",
                headers={"cal-api-version": "2024-09-04"},
                params={
                    "eventTypeId": str(event_types[-1]),
                    "start": first.isoformat(),
                    "end": (first + timedelta(days=DAYS - 1)).isoformat(),
                    "timeZone": "UTC",
                },
            )
            assert found.status_code == 200, found.text
            for day in found.json()["data"].values():
                slots.extend((event_types[-1], slot["start"]) for slot in day)
    random.shuffle(slots)
    return event_types, slots


# --- the load --------------------------------------------------------------------------------


async def exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, dict[bytes, bytes], bytes]:
    """One HTTP/1.1 request on a keep-alive connection: (status, headers, body)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
    return int(head[9:12]), headers, body


def http_request(method: str, path: str, port: int, body: bytes = b"", **headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Traffic:
    event_types: list[int]
    free_slots: list[tuple[int, str]]
    first: date
    booked: list[str] = field(default_factory=list)  # uids this run may cancel
    made: int = 0

    def next_request(self, port: int) -> tuple[str, bytes]:
        roll = random.random()
        if roll < 0.05 and self.booked:
            uid = self.booked.pop(random.randrange(len(self.booked)))
            body = json.dumps({"cancellationReason": "bench"}).encode()
            path = f"/v2/bookings/{uid}/cancel"
            return "cancel", http_request("POST", path, port, body, cal_api_version="2024-08-13")
        if roll < 0.20:
            event_type_id, start = self.free_slots.pop()
            self.made += 1
            attendee = {
                "name": "Bench",
                "email": f"booker{self.made}@example.com",
                "timeZone": "UTC",
            }
            body = json.dumps(
                {"start": start, "eventTypeId": event_type_id, "attendee": attendee}
            ).encode()
            return "book", http_request(
                "POST", "/v2/bookings", port, body, cal_api_version="2024-08-13"
            )
        week = self.first + timedelta(days=random.randrange(DAYS - 7))
        end = week + timedelta(days=6)
        path = (
            f"/v2/slots?eventTypeId={random.choice(self.event_types)}&timeZone=UTC"
            f"&start={week.isoformat()}&end={end.isoformat()}"
        )
        return "slots", http_request("GET", path, port, cal_api_version="2024-09-04")


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    samples: dict[tuple[str, int], str] = field(default_factory=dict)


async def client_loop(
    port: int, traffic: Traffic, results: Results, measure_from: float, until: float
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while time.perf_counter() < until:
        kind, request = traffic.next_request(port)
        began = time.perf_counter()
        try:
            status, _headers, body = await exchange(reader, writer, request)
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            status, body = 0, repr(exc).encode()
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        if kind == "book" and status == 201:
            traffic.booked.append(json.loads(body)["data"]["uid"])
        if began < measure_from:
            continue
        results.latencies[kind].append((time.perf_counter() - began) * 1000)
        results.statuses[(kind, status)] += 1
        if status != EXPECTED[kind]:
            results.samples.setdefault((kind, status), body.decode(errors="replace")[:300])
    writer.close()


async def drive(ports: list[int], traffic: Traffic, clients: int, seconds: float) -> Results:
    results = Results()
    start = time.perf_counter()
    measure_from, until = start + WARM_UP_SECONDS, start + WARM_UP_SECONDS + seconds
    await asyncio.gather(
        *(
            client_loop(ports[i % len(ports)], traffic, results, measure_from, until)
            for i in range(clients)
        )
    )
    return results


async def probe_limit(ports: list[int], key: str, count: int) -> Counter[int]:
    """``count`` GET /v2/me with one key, alternating between the processes, inside one
    window (waits for a fresh minute when the current one is nearly over)."""
    if 60 - time.time() % 60 < 15:
        await asyncio.sleep(60 - time.time() % 60 + 0.5)
    connections = [await asyncio.open_connection("127.0.0.1", port) for port in ports]
    statuses: Counter[int] = Counter()
    for index in range(count):
        reader, writer = connections[index % len(ports)]
        request = http_request(
            "GET", "/v2/me", ports[index % len(ports)], Authorization=f"Bearer {key}"
        )
        status, headers, _ = await exchange(reader, writer, request)
        statuses[status] += 1
        if status == 429:
            assert b"retry-after" in headers, headers
    for _reader, writer in connections:
        writer.close()
    return statuses


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, round(fraction * len(ordered))) - 1]


def summary(label: str, latencies: list[float], seconds: float) -> str:
    if not latencies:
        return f"  {label:<7} none"
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)
    rate = len(latencies) / seconds
    return f"  {label:<7} {rate:7.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms"


def report(results: Results, seconds: float, probe: Counter[int] | None, probe_count: int) -> bool:
    everything = [v for values in results.latencies.values() for v in values]
    throttled = sum(n for (_, status), n in results.statuses.items() if status == 429)
    errors = sum(
        n for (kind, status), n in results.statuses.items() if status not in (EXPECTED[kind], 429)
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    limits = "off" if probe is None else "on"
    print(
        f"\nmixed traffic, {PROCESSES} processes on PostgreSQL, rate limits {limits}, "
        f"{seconds:g} s measured (machine: {os.cpu_count()} cores, load average {load}):"
    )
    print(summary("all", everything, seconds) + f"  ({len(everything)} requests)")
    for kind in ("slots", "book", "cancel"):
        print(summary(kind, results.latencies.get(kind, []), seconds))
    print(f"  statuses: {dict(sorted(results.statuses.items()))}")
    print(f"  errors: {errors}   throttled (429, counted apart): {throttled}")
    for (kind, status), sample in results.samples.items():
        print(f"  sample {kind} {status}: {sample}")
    if probe is None:
        return errors == 0
    expected = {200: PER_KEY_LIMIT, 429: probe_count - PER_KEY_LIMIT}
    print(
        f"\nlimit probe: {probe_count} x GET /v2/me with one key over {PROCESSES} processes, "
        f"limit {PER_KEY_LIMIT}/min: {dict(probe)} (expected {expected})"
    )
    return errors == 0 and throttled == 0 and dict(probe) == expected


def server_env(data_dir: Path, database_url: str, *, limits: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
    env.update(
        {
            "SLOTWISE_DATA_DIR": str(data_dir),
            "SLOTWISE_DATABASE_URL": database_url,
            "SLOTWISE_LOG_LEVEL": "warning",
            # Emails are not this load's subject (bench/outbox.py measures deliveries).
            "SLOTWISE_EMBEDDED_WORKER": "false",
            # The generator's own address sends all the anonymous traffic: far above it.
            "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
            "SLOTWISE_RATE_LIMIT_PER_API_KEY": str(PER_KEY_LIMIT),
            "SLOTWISE_RATE_LIMITS_ENABLED": "true" if limits else "false",
        }
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", required=True, help="a PostgreSQL server URL")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument(
        "--no-limits", action="store_true", help="rate limits off: what counting costs"
    )
    args = parser.parse_args()

    from sqlalchemy.engine import make_url

    name = f"slotwise_bench_mixed_{os.getpid()}"
    admin_sql(args.postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(args.postgres, f'CREATE DATABASE "{name}"')
    database_url = make_url(args.postgres).set(database=name).render_as_string(False)
    servers: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory() as work:
            data_dir = Path(work) / "data"
            keys = create_users(database_url, data_dir, args.hosts + 1)
            env = server_env(data_dir, database_url, limits=not args.no_limits)
            ports = []
            for index in range(PROCESSES):
                process, port = start_server(env, Path(work) / f"serve{index}.log")
                servers.append(process)
                ports.append(port)
            first = datetime.now(UTC).date() + timedelta(days=1)
            event_types, slots = set_up_hosts(ports[0], keys[: args.hosts], first)
            traffic = Traffic(event_types, slots, first)
            results = asyncio.run(drive(ports, traffic, args.clients, args.seconds))
            probe = (
                None if args.no_limits else asyncio.run(probe_limit(ports, keys[-1], args.probe))
            )
            ok = report(results, args.seconds, probe, args.probe)
    finally:
        for process in servers:
            process.send_signal(signal.SIGTERM)
        for process in servers:
            process.wait(timeout=60)
        admin_sql(args.postgres, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
