"""Benchmark: webhook deliveries. Run from the repo root:

    .venv/bin/python bench/webhooks.py                       # SQLite only
    .venv/bin/python bench/webhooks.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

A receiver on loopback (http.server, threaded, answers 200 at once) in this process.

1. Throughput: ROWS BOOKING_CREATED rows for one webhook with a secret are committed at once
   while the workers idle (one ``slotwise worker`` on SQLite, two on PostgreSQL); webhooks/s
   from that commit until the receiver has them all. Each delivery: read the webhook, decrypt
   its secret, sign twice (X-Cal-Signature-256 and Standard Webhooks), POST over a
   keep-alive connection, settle the row. Rows have distinct ordering keys (different
   bookings), as a busy host's would.
2. Commit -> delivery delay: a real ``slotwise serve`` (SQLite: its embedded worker;
   PostgreSQL: embedded worker off and two ``slotwise worker`` processes woken by
   LISTEN/NOTIFY) takes bookings at RATE/s; each booking's webhook is timed from the client
   receiving the 201 to the receiver getting the POST.
3. Cut-off: one delivery POST (``webhooks.delivery.post``, no database) to a receiver that
   answers 200 at once and then drips its body, 10 bytes every 0.2 s for 40 s; how long the
   POST takes with a 0.5 s deadline (tests/webhooks/test_network.py checks that the
   deadline is what ends it; this measures how soon).
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import http_bookings as hb
import httpx

import outbox as ob  # bench/outbox.py: worker processes, environment, percentiles

ROWS = 2000
RATE = 20
BOOKINGS = 200
_UID = re.compile(rb'"uid":"([0-9a-f]{32})"')


# Rate limits: all the load comes from one address (and a few keys), far below this.
ONE_ADDRESS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
}


class Receiver:
    def __init__(self) -> None:
        self.arrivals: list[tuple[float, str]] = []
        lock = threading.Lock()
        arrivals = self.arrivals

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                found = _UID.search(body)
                with lock:
                    arrivals.append((time.time(), found.group(1).decode() if found else ""))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        self._lock = lock
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def count(self) -> int:
        with self._lock:
            return len(self.arrivals)

    def wait_for(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while self.count() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"only {self.count()} of {count} webhooks arrived")
            time.sleep(0.005)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def cut_off(deadline_seconds: float = 0.5, runs: int = 5) -> list[float]:
    from slotwise.webhooks.delivery import post
    from slotwise.webhooks.network import Target

    class Dripping(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"x" * 10)
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Dripping)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    target = Target(f"http://127.0.0.1:{server.server_address[1]}/hook")
    took = []
    try:
        with httpx.Client(timeout=5) as client:
            for attempt in range(runs):
                began = time.monotonic()
                post(
                    client,
                    target,
                    b"{}",
                    "application/json",
                    secret=None,
                    event_id=f"msg_{attempt}",
                    attempt=1,
                    deadline_seconds=deadline_seconds,
                )
                took.append((time.monotonic() - began) * 1000)
    finally:
        server.shutdown()
        server.server_close()
    return took


def env_for(workdir: Path, database_url: str) -> dict[str, str]:
    return {
        **ob.base_env(workdir / "data", database_url),
        "SLOTWISE_WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",
        "SLOTWISE_LOG_LEVEL": "warning",
        **ONE_ADDRESS,
    }


def throughput(database_url: str, workdir: Path, workers: int, receiver: Receiver) -> float:
    from slotwise.config import Settings
    from slotwise.db import make_engine, make_session_factory, transaction
    from slotwise.outbox import service as outbox
    from slotwise.webhooks import secrets
    from slotwise.webhooks.models import Webhook

    keys = hb.create_hosts(database_url, workdir / "data", 1)
    del keys
    env = env_for(workdir, database_url)
    env["SLOTWISE_OUTBOX_POLL_SECONDS"] = "0.05"
    settings = Settings(data_dir=workdir / "data", database_url=database_url)
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    with transaction(make_session_factory(engine, write_lock=True)) as session:
        webhook = Webhook(
            user_id=1,
            subscriber_url=receiver.url,
            triggers=["BOOKING_CREATED"],
            active=True,
            secret_encrypted=secrets.encrypt(settings, "bench-secret"),
            created_at=now,
            updated_at=now,
        )
        session.add(webhook)
        session.flush()
        webhook_id = webhook.id
    running = ob.start_workers(env, workers, workdir)
    try:
        with transaction(make_session_factory(engine, write_lock=True)) as session:
            for index in range(ROWS):
                body = {
                    "triggerEvent": "BOOKING_CREATED",
                    "createdAt": now.isoformat(),
                    "payload": {"uid": f"{index:032x}", "title": "Thirty minutes"},
                }
                outbox.enqueue(
                    session,
                    "webhook",
                    {
                        "webhookId": webhook_id,
                        "eventId": f"msg_{index}",
                        "trigger": "BOOKING_CREATED",
                        "body": body,
                    },
                    now=now,
                    ordering_key=f"webhook:{webhook_id}:{index}",
                    topic=f"webhook:{webhook_id}",
                )
        started = time.time()
        receiver.wait_for(ROWS, timeout=600)
        return ROWS / (max(t for t, _ in receiver.arrivals) - started)
    finally:
        ob.stop_workers(running)
        engine.dispose()


def delay(
    database_url: str, workdir: Path, postgres: bool, receiver: Receiver
) -> tuple[list[float], list[float]]:
    keys = hb.create_hosts(database_url, workdir / "data", 5)
    env = env_for(workdir, database_url)
    workers = []
    if postgres:
        env["SLOTWISE_EMBEDDED_WORKER"] = "false"
        workers = ob.start_workers(env, 2, workdir)
    server = hb.start_server(env, workdir, None)
    try:
        slots = hb.set_up_hosts(server.port, keys, date.today() + timedelta(days=1), 10)[:BOOKINGS]
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=30) as client:
            for key in keys:
                response = client.post(
                    "/v2/webhooks",
                    headers={"Authorization": f"Bearer {key}"},
                    json={
                        "subscriberUrl": receiver.url,
                        "triggers": ["BOOKING_CREATED"],
                        "active": True,
                        "secret": "bench-secret",
                    },
                )
                assert response.status_code == 201, response.text
            answered: dict[str, float] = {}
            latencies = []
            began = time.monotonic()
            for index, (event_type_id, start) in enumerate(slots):
                pause = began + index / RATE - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                sent = time.monotonic()
                response = client.post(
                    "/v2/bookings",
                    content=hb.booking_body(event_type_id, start, index),
                    headers={"content-type": "application/json", "cal-api-version": "2024-08-13"},
                )
                answered_at = time.time()
                latencies.append((time.monotonic() - sent) * 1000)
                assert response.status_code == 201, response.text
                answered[response.json()["data"]["uid"]] = answered_at
        receiver.wait_for(len(answered), timeout=120)
        delays = [(t - answered[uid]) * 1000 for t, uid in receiver.arrivals if uid in answered]
        return delays, latencies
    finally:
        hb.stop_server(server)
        ob.stop_workers(workers)


def run(backend: str, make_url: Any) -> None:
    print(f"== {backend}")
    workers = 2 if backend == "postgresql" else 1
    for part in ("throughput", "delay"):
        receiver = Receiver()
        with tempfile.TemporaryDirectory() as scratch:
            workdir = Path(scratch)
            (workdir / "data").mkdir()
            with make_url(part, workdir) as url:
                if part == "throughput":
                    rate = throughput(url, workdir, workers, receiver)
                    print(f"throughput: {rate:.0f} webhooks/s with {workers} worker process(es)")
                else:
                    delays, latencies = delay(url, workdir, backend == "postgresql", receiver)
                    print(ob.report(f"commit -> delivery at {RATE} bookings/s", delays))
                    print(ob.report("booking latency meanwhile", latencies))
        receiver.close()


if __name__ == "__main__":
    print(ob.report("dripping receiver, 0.5 s deadline: POST took", cut_off()))
    ob.run_backends(__doc__, run, "hooks")
