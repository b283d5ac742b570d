"""Benchmark: POST /v2/bookings over HTTP against real ``slotwise serve`` processes. Run from
the repo root:

    .venv/bin/python bench/http_bookings.py                     # SQLite only
    .venv/bin/python bench/http_bookings.py --postgres URL [--workers 3]
    .venv/bin/python bench/http_bookings.py --postgres URL --skip-sqlite --profile /tmp/prof

URL names a PostgreSQL server, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres.

Bookings made per second (201 answers only; refusals and failures are counted as errors)
with the p50/p99 latency of those bookings (the issue's goal: >= 300/s on SQLite and
>= 500/s on PostgreSQL, p99 under 50 ms). 50 hosts, each with a schedule in its own zone
(every day 09:00-17:00 local) and a 30-minute event type without notice; the slot list is
what GET /v2/slots offers over 60 days from tomorrow (50 x 60 x 16 = 48,000 free slots),
shuffled, so every request books a different free slot of a random host, each with its own
attendee. Users and API keys are made with the app's services before the servers start;
schedules and event types through the API.

Load: 16 concurrent clients (keep-alive connections) in a separate process, a small asyncio
HTTP/1.1 client rather than httpx so that the load generator takes as little of the
machine's CPU as it can (on a 2-core machine it shares the cores with the servers and the
database). Client i talks to server i % processes. A warm-up of 200 bookings is not counted.
Latency is client-side: request written to body read.

``--workers N`` starts N separate ``slotwise serve`` processes on N ports on the same
database (as several servers behind a balancer would; ``slotwise serve --workers N`` is the
one-port equivalent) and spreads the clients over them. The default, 3, is what helped
most on 2 cores: a process is held to one core by the GIL and waits on PostgreSQL part of the
time, so 3 beat 2 (4 was no better than 3 within the noise). SQLite runs one process unless
``--sqlite-workers`` says otherwise. The servers run with SLOTWISE_LOG_LEVEL=warning (no
access log). PostgreSQL: a fresh database ``slotwise_bench_<pid>`` is created on the server
that ``--postgres`` names and dropped afterwards.

``--profile DIR`` runs every server under cProfile in each of its threads (the event loop
and the threadpool that runs sync routes) with a per-thread CPU clock, writes
``DIR/<backend>-<n>.prof`` and prints the functions where the CPU time goes. Profiling slows
the server down severalfold: its req/s are not the benchmark's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

HOSTS = 50
DAYS = 60
CLIENTS = 16
WARM_UP = 200
ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC"]
ALL_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PROFILE_TOP = 30

# Runs ``slotwise serve`` with a cProfile per thread (CPU clock); dumps merged stats on exit.
PROFILED_SERVE = """
import cProfile, pstats, signal, sys, threading, time
out = sys.argv.pop(1)
# uvicorn re-raises SIGTERM after its graceful shutdown: exit through Python, not the default.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
profiles = []
# _bootstrap_inner, not run: anyio's worker threads override run().
original_bootstrap = threading.Thread._bootstrap_inner
def bootstrap(self):
    profile = cProfile.Profile(time.thread_time)
    profiles.append(profile)
    profile.enable()
    try:
        original_bootstrap(self)
    finally:
        profile.disable()
threading.Thread._bootstrap_inner = bootstrap
main = cProfile.Profile(time.thread_time)
profiles.append(main)
main.enable()
try:
    from slotwise.cli.main import run as slotwise
    slotwise()
except SystemExit:
    pass
finally:
    main.disable()
    stats = pstats.Stats(main)
    for profile in profiles:
        if profile is not main:
            stats.add(profile)
    stats.dump_stats(out)
"""


# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the database and its users ------------------------------------------------------------


def create_postgres_database(server_url: str, name: str) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from slotwise.db import make_engine

    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(server_url: str, name: str) -> None:
    from sqlalchemy import text

    from slotwise.db import make_engine

    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def create_hosts(database_url: str, data_dir: Path, count: int) -> list[str]:
    """Migrates, then makes ``count`` users with an API key each (the app's services, one
    transaction); returns the keys."""
    from slotwise.api_keys import service as api_keys
    from slotwise.config import Settings
    from slotwise.db import make_engine, make_session_factory, transaction
    from slotwise.migrations.runner import upgrade
    from slotwise.users import service as users
    from slotwise.users.commands import NewUser
    from slotwise.users.passwords import password_hasher

    upgrade(database_url)
    settings = Settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    keys = []
    try:
        with transaction(make_session_factory(engine, write_lock=True)) as session:
            for index in range(count):
                host = NewUser(
                    email=f"host{index}@example.com",
                    username=f"host{index}",
                    name=f"Host {index}",
                    time_zone=ZONES[index % len(ZONES)],
                )
                user = users.create_user(session, host, now=now, hasher=password_hasher(settings))
                keys.append(api_keys.issue_key(session, user, now=now, name="bench").secret)
    finally:
        engine.dispose()
    return keys


def count_bookings(database_url: str) -> tuple[int, int]:
    """(bookings, busy times) stored."""
    from sqlalchemy import func, select

    from slotwise.bookings.models import Booking
    from slotwise.busy.models import BusyTime
    from slotwise.db import make_engine

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            bookings = connection.execute(select(func.count()).select_from(Booking)).scalar_one()
            busy = connection.execute(select(func.count()).select_from(BusyTime)).scalar_one()
    finally:
        engine.dispose()
    return int(bookings), int(busy)


# --- servers -------------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path


def start_server(env: dict[str, str], log_dir: Path, profile: Path | None) -> Server:
    port = free_port()
    log = log_dir / f"serve-{port}.log"
    command = [sys.executable, "-m", "slotwise"]
    if profile is not None:
        command = [sys.executable, "-c", PROFILED_SERVE, str(profile)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "serve", "--no-demo", "--port", str(port)],
            env={**env, "SLOTWISE_LOG_LEVEL": "warning", **ONE_ADDRESS},
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return Server(process, port, log)
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"slotwise serve exited:\n{log.read_text()}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"slotwise serve did not start in 60 s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / ticks, sum(values) / ticks


# --- schedules, event types, slots -----------------------------------------------------------


def set_up_hosts(port: int, keys: list[str], first: date, days: int) -> list[tuple[int, str]]:
    """A schedule and an event type per host, through the API; returns every free slot as
    (event type id, start) from GET /v2/slots."""
    slots: list[tuple[int, str]] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for index, key in enumerate(keys):
            auth = {"Authorization": f"Bearer {key}"}
            schedule = client.post(
                "/v2/schedules",
                headers={**auth, "cal-api-version": "2024-06-11"},
                json={
                    "name": "Every day",
                    "timeZone": ZONES[index % len(ZONES)],
                    "isDefault": True,
                    "availability": [{"days": ALL_DAYS, "startTime": "09:00", "endTime": "17:00"}],
                },
            )
            assert schedule.status_code == 201, schedule.text
            event_type = client.post(
                "/v2/event-types",
                headers={**auth, "cal-api-version": "2024-06-14"},
                json={
                    "title": "Thirty minutes",
                    "slug": "thirty",
                    "lengthInMinutes": 30,
                    "minimumBookingNotice": 0,
                    "scheduleId": schedule.json()["data"]["id"],
                },
            )
            assert event_type.status_code == 201, event_type.text
            event_type_id = int(event_type.json()["data"]["id"])
            found = client.get(
                "/v2/slots",
                headers={"cal-api-version": "2024-09-04"},
                params={
                    "eventTypeId": str(event_type_id),
                    "start": first.isoformat(),
                    "end": (first + timedelta(days=days - 1)).isoformat(),
                    "timeZone": "UTC",
                },
            )
            assert found.status_code == 200, found.text
            for day in found.json()["data"].values():
                slots.extend((event_type_id, slot["start"]) for slot in day)
    return slots


# --- the load process ------------------------------------------------------------------------


@dataclass
class Outcome:
    statuses: list[int]
    latencies_ms: list[float]
    seconds: float
    cpu_seconds: float
    samples: dict[int, str]  # one answer per non-201 status


async def _post(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
        return status, body
    return status, await reader.readexactly(length or 0)


async def _drive(
    ports: list[int], phases: list[list[bytes]], clients: int
) -> tuple[list[int], list[float], float, dict[int, str]]:
    connections = []
    for index in range(clients):
        connections.append(await asyncio.open_connection("127.0.0.1", ports[index % len(ports)]))
    dropped = 0
    statuses: list[int] = []
    latencies: list[float] = []
    samples: dict[int, str] = {}
    seconds = 0.0
    for number, bodies in enumerate(phases):
        measured = number == len(phases) - 1
        queue = iter(bodies)

        async def client(index: int, measured: bool, queue: Any) -> None:
            nonlocal dropped
            reader, writer = connections[index]
            port = ports[index % len(ports)]
            for body in queue:
                request = (
                    f"POST /v2/bookings HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    "cal-api-version: 2024-08-13\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                ).encode() + body
                began = time.perf_counter()
                try:
                    status, answer = await _post(reader, writer, request)
                except (ConnectionError, asyncio.IncompleteReadError) as exc:
                    # The server dropped the connection (status 0): count it, reconnect.
                    status, answer = 0, f"connection lost: {exc!r}".encode()
                    dropped += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    connections[index] = (reader, writer)
                elapsed = (time.perf_counter() - began) * 1000
                if measured:
                    statuses.append(status)
                    latencies.append(elapsed)
                if status != 201:
                    samples.setdefault(status, answer.decode(errors="replace")[:400])

        began = time.perf_counter()
        await asyncio.gather(*(client(i, measured, queue) for i in range(clients)))
        if measured:
            seconds = time.perf_counter() - began
    for _reader, writer in connections:
        writer.close()
    return statuses, latencies, seconds, samples


def load(ports: list[int], phases: list[list[bytes]], clients: int, results: Any) -> None:
    """The load process: every phase at ``clients`` concurrency; only the last is measured."""
    cpu_before = time.process_time()
    statuses, latencies, seconds, samples = asyncio.run(_drive(ports, phases, clients))
    # Plain values: a class of this module would pickle under the child's __mp_main__ name.
    results.put((statuses, latencies, seconds, time.process_time() - cpu_before, samples))


def wait_for(loader: Any, results: Any) -> Outcome:
    """The load process's outcome; fails instead of hanging if the process died."""
    import queue

    while True:
        try:
            outcome = Outcome(*results.get(timeout=1))
        except queue.Empty:
            if loader.exitcode is not None:
                raise RuntimeError(f"the load process died (exit code {loader.exitcode})") from None
            continue
        loader.join()
        return outcome


def booking_body(event_type_id: int, start: str, index: int) -> bytes:
    return json.dumps(
        {
            "start": start,
            "eventTypeId": event_type_id,
            "attendee": {
                "name": f"Booker {index}",
                "email": f"booker{index}@example.com",
                "timeZone": "Europe/Paris",
            },
        }
    ).encode()


# --- one backend -----------------------------------------------------------------------------


@dataclass
class Row:
    backend: str
    processes: int
    outcome: Outcome
    stored: tuple[int, int]
    server_cpu: float
    machine_busy: float
    machine_total: float


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered)))
    return ordered[rank - 1]


def run_backend(
    backend: str, database_url: str, processes: int, args: argparse.Namespace, work: Path
) -> Row:
    data_dir = work / backend
    data_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
    env.update({"SLOTWISE_DATA_DIR": str(data_dir), "SLOTWISE_DATABASE_URL": database_url})
    keys = create_hosts(database_url, data_dir, args.hosts)
    profile_dir: Path | None = args.profile
    servers: list[Server] = []
    try:
        for number in range(processes):
            profile = profile_dir / f"{backend}-{number}.prof" if profile_dir else None
            servers.append(start_server(env, work, profile))
        first = datetime.now(UTC).date() + timedelta(days=1)
        slots = set_up_hosts(servers[0].port, keys, first, args.days)
        needed = WARM_UP + args.requests
        if len(slots) < needed:
            raise SystemExit(f"only {len(slots)} free slots for {needed} requests")
        random.Random(7).shuffle(slots)
        bodies = [booking_body(e, s, i) for i, (e, s) in enumerate(slots[:needed])]
        ports = [server.port for server in servers]

        cpu_before = sum(cpu_seconds(server.process.pid) for server in servers)
        busy_before, total_before = machine_busy()
        results: Any = multiprocessing.get_context("spawn").Queue()
        loader = multiprocessing.get_context("spawn").Process(
            target=load, args=(ports, [bodies[:WARM_UP], bodies[WARM_UP:]], args.clients, results)
        )
        loader.start()
        outcome = wait_for(loader, results)
        busy_after, total_after = machine_busy()
        server_cpu = sum(cpu_seconds(server.process.pid) for server in servers) - cpu_before
    finally:
        for server in servers:
            stop_server(server)
    for server in servers:
        errors = [line for line in server.log.read_text().splitlines() if "Traceback" in line]
        if errors:
            print(f"{backend}: server on port {server.port} logged {len(errors)} tracebacks "
                  f"({server.log})")  # fmt: skip
    return Row(
        backend,
        processes,
        outcome,
        count_bookings(database_url),
        server_cpu,
        busy_after - busy_before,
        total_after - total_before,
    )


AREAS = (
    ("slotwise", "/src/slotwise/"),
    ("sqlalchemy", "/sqlalchemy/"),
    ("db driver", "/psycopg"),
    ("fastapi + starlette", "/fastapi/"),
    ("fastapi + starlette", "/starlette/"),
    ("pydantic", "/pydantic"),
    ("anyio + asyncio (threadpool hops, event loop)", "/anyio/"),
    ("anyio + asyncio (threadpool hops, event loop)", "/asyncio/"),
    ("uvicorn + h11 (HTTP)", "/uvicorn/"),
    ("uvicorn + h11 (HTTP)", "/h11/"),
)


def area(filename: str, function: str) -> str:
    for name, marker in AREAS:
        if marker in filename:
            return name
    if "sqlite3" in function:
        return "db driver"
    return "other (builtins, stdlib)"


def print_profile(directory: Path, backend: str, processes: int, bookings: int) -> None:
    """Where the servers' CPU went (start-up and set-up included): by area, by function (own
    time), and slotwise's own functions by cumulative time; calls per booking made."""
    import pstats

    paths = [str(p) for n in range(processes) if (p := directory / f"{backend}-{n}.prof").exists()]
    stats = pstats.Stats(*paths)
    table: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in table.values())
    by_area: Counter[str] = Counter()
    for (filename, _line, function), entry in table.items():
        by_area[area(filename, function)] += entry[2]
    print(f"\n{backend}: server CPU under cProfile ({', '.join(paths)}), {total:.1f} s in all")
    print("| area | share |")
    print("|---|---:|")
    for name, seconds in by_area.most_common():
        print(f"| {name} | {100 * seconds / total:.0f}% |")

    def short(key: tuple[str, int, str]) -> str:
        filename, line, function = key
        for marker in ("/src/", "site-packages/", "/lib/python3"):
            if marker in filename:
                filename = filename.split(marker, 1)[1]
        return f"{filename}:{line}({function})" if line else function

    print(f"\n{backend}: top functions by own CPU time (share, calls per booking)")
    ranked = sorted(table.items(), key=lambda item: -item[1][2])[:PROFILE_TOP]
    for key, (_cc, calls, own, _cum, _callers) in ranked:
        print(f"  {own / total:6.1%} {calls / bookings:8.1f} calls {short(key)}")
    print(f"\n{backend}: slotwise functions by cumulative CPU time (share, calls per booking)")
    ours = [item for item in table.items() if "/src/slotwise/" in item[0][0]]
    for key, (_cc, calls, _own, cumulative, _callers) in sorted(ours, key=lambda i: -i[1][3])[
        :PROFILE_TOP
    ]:
        print(f"  {cumulative / total:6.1%} {calls / bookings:8.1f} calls {short(key)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server URL")
    parser.add_argument(
        "--workers", type=int, default=3, help="slotwise serve processes on PostgreSQL"
    )
    parser.add_argument(
        "--sqlite-workers", type=int, default=1, help="slotwise serve processes on SQLite"
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--requests", type=int, default=4000, help="measured bookings")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--hosts", type=int, default=HOSTS)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile the servers")
    args = parser.parse_args()
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="slotwise-bench-bookings-"))
    rows: list[Row] = []
    if not args.skip_sqlite:
        url = f"sqlite:///{work / 'sqlite.db'}"
        rows.append(run_backend("sqlite", url, args.sqlite_workers, args, work))
    if args.postgres:
        name = f"slotwise_bench_{os.getpid()}"
        url = create_postgres_database(args.postgres, name)
        try:
            rows.append(run_backend("postgres", url, args.workers, args, work))
        finally:
            drop_postgres_database(args.postgres, name)

    print(
        f"POST /v2/bookings (2024-08-13) over HTTP: {args.hosts} hosts x {args.days} days of "
        f"free slots, {args.clients} concurrent keep-alive clients in a separate process, "
        f"{WARM_UP} warm-up bookings not counted; {os.cpu_count()} CPUs; work dir {work}"
    )
    print()
    print(
        "| backend | processes | requests | bookings made | errors | bookings/s | p50 ms | p99 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        o = row.outcome
        made_ms = [
            ms for status, ms in zip(o.statuses, o.latencies_ms, strict=True) if status == 201
        ]
        ok = len(made_ms)
        p50 = f"{statistics.median(made_ms):.1f}" if made_ms else "-"
        p99 = f"{percentile(made_ms, 0.99):.1f}" if made_ms else "-"
        print(
            f"| {row.backend} | {row.processes} | {len(o.statuses)} | {ok} | "
            f"{len(o.statuses) - ok} | {ok / o.seconds:.0f} | {p50} | {p99} |"
        )
    print(
        "bookings/s and the latencies count 201 answers only: a refused or failed request is "
        "an error, not a booking."
    )
    print()
    for row in rows:
        o = row.outcome
        bookings, busy = row.stored
        answered = WARM_UP + len(o.statuses)
        rest = row.machine_busy - row.server_cpu - o.cpu_seconds
        print(
            f"{row.backend}: {o.seconds:.1f} s measured. CPU over warm-up + measured "
            f"({answered} requests, {bookings} bookings stored): servers {row.server_cpu:.1f} s "
            f"({1000 * row.server_cpu / max(bookings, 1):.1f} ms a booking), load process "
            f"{o.cpu_seconds:.1f} s, the rest of the machine (database, anything else) "
            f"{rest:.1f} s; machine busy {100 * row.machine_busy / row.machine_total:.0f}% of "
            f"{os.cpu_count()} CPUs. Stored: {bookings} bookings, {busy} busy times."
        )
        counts = Counter(o.statuses)
        print(f"  statuses: {', '.join(f'{s}: {n}' for s, n in sorted(counts.items()))}")
        for status, sample in sorted(o.samples.items()):
            print(f"  {row.backend}: status {status} e.g. {sample}")
    if args.profile:
        for row in rows:
            print_profile(
                args.profile, row.backend, row.processes, WARM_UP + len(row.outcome.statuses)
            )


if __name__ == "__main__":
    main()
