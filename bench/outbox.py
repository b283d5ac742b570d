"""Benchmark: the outbox. Run from the repo root:

    .venv/bin/python bench/outbox.py                       # SQLite only
    .venv/bin/python bench/outbox.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

Three figures per backend, each against a real SMTP sink (aiosmtpd) in this process:

1. Throughput: ROWS email rows are committed at once while the workers idle (one
   ``slotwise worker`` process on SQLite, two on PostgreSQL, SMTP on loopback); rows/s from
   that commit until the sink holds every email. Each worker renders the email (Jinja2
   templates, Babel dates, an ICS), sends it over its open SMTP connection and settles the row.
2. Commit -> delivery delay: a real ``slotwise serve`` (SQLite: its embedded worker; PostgreSQL:
   the server with SLOTWISE_EMBEDDED_WORKER=false and two ``slotwise worker`` processes, woken
   by LISTEN/NOTIFY) takes bookings at a steady RATE/s from one client; each booking's two
   emails (attendee, host) are timed from the client receiving the 201 (just after the commit)
   to the sink receiving the email. Poll interval: the default 1 s.
3. What the outbox adds to a booking: the booking service run in-process N times with the
   composed subscribers (emails, webhooks; no webhook subscribed, so their cost is the one
   query that finds none) and with an event bus nobody listens to, alternating booking by
   booking; median time per booking (the subscribers and the two INSERTs included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).parent))
import http_bookings as hb  # noqa: E402  (the bookings benchmark's server and host helpers)

ROWS = 2000
RATE = 20  # bookings per second for the delay measurement
DELAY_BOOKINGS = 200
AB_BOOKINGS = 300
PAYLOAD: dict[str, Any] = {
    "template": "scheduled",
    "role": "attendee",
    "ics": "REQUEST",
    "to": {"name": "Reader", "email": "reader@example.com", "timeZone": "Europe/Paris"},
    "booking": {
        "uid": "0" * 32,
        "title": "Thirty minutes between Host and Reader",
        "description": "A short call.",
        "start": "2030-03-26T09:00:00+00:00",
        "end": "2030-03-26T09:30:00+00:00",
        "location": "https://meet.example.com/abc",
        "status": "ACCEPTED",
        "icsUid": "0@slotwise",
        "icsSequence": 0,
        "reason": None,
        "organizer": {"name": "Host", "email": "host@example.com", "timeZone": "UTC"},
        "guests": [],
        "attendees": [{"name": "Reader", "email": "reader@example.com"}],
    },
}


# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


class Sink:
    """Keeps (arrival time, booking uid) per email; parses only that one header."""

    def __init__(self) -> None:
        self.port = hb.free_port()
        self.arrivals: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        arrived = time.time()
        content: bytes = envelope.original_content
        marker = content.find(b"X-Slotwise-Booking-Uid: ")
        uid = content[marker + 24 : marker + 56].decode() if marker >= 0 else ""
        with self._lock:
            self.arrivals.append((arrived, uid))
        return "250 OK"

    def __enter__(self) -> Sink:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def count(self) -> int:
        with self._lock:
            return len(self.arrivals)

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {self.count()} of {count} emails arrived")
            time.sleep(0.005)


def smtp_env(base: dict[str, str], sink: Sink) -> dict[str, str]:
    return {
        **base,
        "SLOTWISE_SMTP_HOST": "127.0.0.1",
        "SLOTWISE_SMTP_PORT": str(sink.port),
        "SLOTWISE_SMTP_STARTTLS": "false",
        "SLOTWISE_LOG_LEVEL": "warning",
        **ONE_ADDRESS,
    }


def base_env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
    env.update(SLOTWISE_DATA_DIR=str(data_dir), SLOTWISE_DATABASE_URL=database_url)
    return env


def start_workers(env: dict[str, str], count: int, log_dir: Path) -> list[subprocess.Popen[bytes]]:
    workers = []
    for index in range(count):
        log = (log_dir / f"worker-{index}.log").open("wb")
        workers.append(
            subprocess.Popen(
                [sys.executable, "-m", "slotwise", "worker"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        )
    deadline = time.monotonic() + 30
    for index in range(count):  # each prints one line once it polls
        while b"polling" not in (log_dir / f"worker-{index}.log").read_bytes():
            if time.monotonic() > deadline:
                raise RuntimeError("a worker did not start")
            time.sleep(0.05)
    return workers


def stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(30)


def throughput(database_url: str, workdir: Path, workers: int) -> float:
    from slotwise.db import make_engine, make_session_factory, transaction
    from slotwise.migrations.runner import upgrade
    from slotwise.outbox import service as outbox

    upgrade(database_url)
    with Sink() as sink:
        env = smtp_env(base_env(workdir / "data", database_url), sink)
        env["SLOTWISE_OUTBOX_POLL_SECONDS"] = "0.05"
        running = start_workers(env, workers, workdir)
        try:
            engine = make_engine(database_url)
            now = datetime.now(UTC)
            with transaction(make_session_factory(engine, write_lock=True)) as session:
                for index in range(ROWS):
                    payload = {**PAYLOAD, "to": {**PAYLOAD["to"], "email": f"r{index}@example.com"}}
                    outbox.enqueue(session, "email", payload, now=now)
            started = time.time()
            engine.dispose()
            sink.wait_for(ROWS, timeout=600)
            return ROWS / (max(t for t, _ in sink.arrivals) - started)
        finally:
            stop_workers(running)


def delay(database_url: str, workdir: Path, postgres: bool) -> tuple[list[float], list[float]]:
    """(commit -> delivery delays, booking latencies), both in ms."""
    keys = hb.create_hosts(database_url, workdir / "data", 5)
    with Sink() as sink:
        env = smtp_env(base_env(workdir / "data", database_url), sink)
        workers: list[subprocess.Popen[bytes]] = []
        if postgres:
            env["SLOTWISE_EMBEDDED_WORKER"] = "false"
            workers = start_workers(env, 2, workdir)
        server = hb.start_server(env, workdir, None)
        try:
            first = date.today() + timedelta(days=1)
            slots = hb.set_up_hosts(server.port, keys, first, 10)[:DELAY_BOOKINGS]
            answered: dict[str, float] = {}
            latencies = []
            with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=30) as client:
                began = time.monotonic()
                for index, (event_type_id, start) in enumerate(slots):
                    pause = began + index / RATE - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                    sent = time.monotonic()
                    response = client.post(
                        "/v2/bookings",
                        content=hb.booking_body(event_type_id, start, index),
                        headers={
                            "content-type": "application/json",
                            "cal-api-version": "2024-08-13",
                        },
                    )
                    answered_at = time.time()
                    latencies.append((time.monotonic() - sent) * 1000)
                    assert response.status_code == 201, response.text
                    answered[response.json()["data"]["uid"]] = answered_at
            sink.wait_for(2 * len(answered), timeout=120)
            delays = [(t - answered[uid]) * 1000 for t, uid in sink.arrivals if uid in answered]
            return delays, latencies
        finally:
            hb.stop_server(server)
            stop_workers(workers)


def planner_cost(database_url: str, workdir: Path) -> tuple[float, float]:
    """Median ms per in-process booking (service + commit): (with emails, without)."""
    from slotwise.bookings.booker_details import AttendeeInput
    from slotwise.bookings.creation import NewBooking, create_booking
    from slotwise.composition import session_factory
    from slotwise.db import make_engine, transaction
    from slotwise.events import EventBus
    from slotwise.slots.service import EventTypeRef

    keys = hb.create_hosts(database_url, workdir / "data", 2)
    env = base_env(workdir / "data", database_url)
    server = hb.start_server(env, workdir, None)
    try:
        slots = hb.set_up_hosts(server.port, keys, date.today() + timedelta(days=1), 30)
    finally:
        hb.stop_server(server)
    engine = make_engine(database_url)
    # The composed subscribers (emails, webhooks) against a bus nobody listens to.
    factories = {
        True: session_factory(engine, write_lock=True),
        False: session_factory(engine, write_lock=True, bus=EventBus()),
    }
    timings: dict[bool, list[float]] = {True: [], False: []}
    try:
        # Alternate on and off booking by booking, so that drift (a growing database, the
        # machine's other load) falls on both sides alike.
        for index, (event_type_id, start) in enumerate(slots[: 2 * AB_BOOKINGS]):
            enabled = index % 2 == 0
            request = NewBooking(
                event=EventTypeRef(event_type_id=event_type_id),
                start=datetime.fromisoformat(start.replace("Z", "+00:00")),
                attendee=AttendeeInput(f"A {index}", f"a{index}@example.com", "UTC", "en", None),
            )
            began = time.perf_counter()
            with transaction(factories[enabled]) as session:
                create_booking(session, request, now=datetime.now(UTC), caller=None)
            if index >= 40:  # warm-up
                timings[enabled].append((time.perf_counter() - began) * 1000)
    finally:
        engine.dispose()
    results = [statistics.median(timings[True]), statistics.median(timings[False])]
    return results[0], results[1]


def report(label: str, values: list[float]) -> str:
    ordered = sorted(values)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{label}: p50 {p50:.0f} ms, p99 {p99:.0f} ms (n={len(values)})"


def run(backend: str, make_url: Any) -> None:
    print(f"== {backend}")
    workers = 2 if backend == "postgresql" else 1
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        (workdir / "data").mkdir()
        with make_url("tp", workdir) as url:
            rate = throughput(url, workdir, workers)
            print(f"throughput: {rate:.0f} emails/s with {workers} worker process(es)")
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        (workdir / "data").mkdir()
        with make_url("delay", workdir) as url:
            delays, latencies = delay(url, workdir, backend == "postgresql")
            print(report(f"commit -> delivery at {RATE} bookings/s", delays))
            print(report("booking latency meanwhile", latencies))
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        (workdir / "data").mkdir()
        with make_url("ab", workdir) as url:
            with_emails, without = planner_cost(url, workdir)
            print(
                f"in-process booking: {with_emails:.2f} ms with its outbox rows, "
                f"{without:.2f} ms without (+{with_emails - without:.2f} ms)"
            )


def run_backends(description: str, run: Any, database_prefix: str) -> None:
    """The command line both outbox benchmarks share: SQLite, and PostgreSQL with
    ``--postgres URL``. ``run(backend, make_url)`` gets a context manager that yields a fresh
    database URL per measurement (a PostgreSQL one is dropped afterwards)."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL (adds that backend)")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()

    @contextmanager
    def sqlite_url(_name: str, workdir: Path) -> Iterator[str]:
        yield f"sqlite:///{workdir / 'data' / 'bench.db'}"

    @contextmanager
    def postgres_url(name: str, _workdir: Path) -> Iterator[str]:
        database = f"slotwise_bench_{database_prefix}_{name}_{os.getpid()}"
        url = hb.create_postgres_database(args.postgres, database)
        try:
            yield url
        finally:
            hb.drop_postgres_database(args.postgres, database)

    if not args.skip_sqlite:
        run("sqlite", sqlite_url)
    if args.postgres:
        run("postgresql", postgres_url)


if __name__ == "__main__":
    run_backends(__doc__, run, "outbox")
