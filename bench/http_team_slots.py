"""Benchmark: a 50-host round-robin team over HTTP on the default SQLite database. Run from
the repo root:

    .venv/bin/python bench/http_team_slots.py [--hosts 50] [--requests 100] [--bookings 200]

The team, its members (each Mon-Fri 09:00-17:00 London, the default hours) and one API key
are written straight into a migrated database (the admin CLI would take a process per
user); the round-robin event type (every member a host) is made through
``POST /v2/teams/{id}/event-types``. Then, against a real ``slotwise serve``:

- **slots**: ``GET /v2/slots`` for that event type over 30 days, sequential requests on one
  keep-alive connection after a warm-up (goal: median under 30 ms);
- **booking throughput**: ``--bookings`` sequential ``POST /v2/bookings`` of its slots, in
  order, each choosing its round-robin host: bookings per second and latency percentiles.
"""

from __future__ import annotations

import argparse
import os
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

from slotwise.api_keys import service as api_keys
from slotwise.config import Settings
from slotwise.db import make_engine, make_session_factory, transaction
from slotwise.migrations.runner import upgrade
from slotwise.teams.models import Membership, Team
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.passwords import password_hasher

WARM_UP = 10
DAYS = 30
LIMITS = {
    "SLOTWISE_RATE_LIMIT_PER_ADDRESS": "100000000",
    "SLOTWISE_RATE_LIMIT_PER_API_KEY": "100000000",
    "SLOTWISE_RATE_LIMIT_BOOKINGS_PER_ATTENDEE": "100000000",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(database_url: str, data_dir: Path, hosts: int) -> tuple[int, str, list[int]]:
    """The team with its members; returns (team id, the owner's API key, member ids)."""
    upgrade(database_url)
    settings = Settings(data_dir=data_dir, database_url=database_url)
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    with transaction(make_session_factory(engine, write_lock=True)) as session:
        team = Team(name="Sales", slug="sales", created_at=now, updated_at=now)
        session.add(team)
        session.flush()
        ids, key = [], ""
        for index in range(hosts):
            user = users.create_user(
                session,
                NewUser(email=f"host{index}@example.com", username=f"host{index}",
                        name=f"Host {index}", time_zone="Europe/London"),
                now=now, hasher=password_hasher(settings),
            )  # fmt: skip
            role = "OWNER" if index == 0 else "MEMBER"
            session.add(Membership(team_id=team.id, user_id=user.id, role=role, accepted=True,
                                   created_at=now, updated_at=now))  # fmt: skip
            if index == 0:
                key = api_keys.issue_key(session, user, now=now).secret
            ids.append(user.id)
        team_id = team.id
    engine.dispose()
    return team_id, key, ids


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "slotwise", "serve", "--no-demo", "--port", str(port)],
        env={**env, "SLOTWISE_LOG_LEVEL": "WARNING", **LIMITS},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
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
    raise RuntimeError("server did not start in 60 s")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--bookings", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="slotwise-bench-team-") as workdir:
        data_dir = Path(workdir) / "data"
        data_dir.mkdir()
        database_url = f"sqlite:///{data_dir / 'slotwise.db'}"
        team_id, key, host_ids = seed(database_url, data_dir, args.hosts)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
        env |= {"SLOTWISE_DATA_DIR": str(data_dir), "SLOTWISE_DATABASE_URL": database_url}
        port = free_port()
        server = start_server(env, port)
        try:
            run(f"http://127.0.0.1:{port}", key, team_id, host_ids, args)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


def run(base: str, key: str, team_id: int, host_ids: list[int], args: argparse.Namespace) -> None:
    auth = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base, timeout=60) as client:
        created = client.post(
            f"/v2/teams/{team_id}/event-types",
            headers={**auth, "cal-api-version": "2024-06-14"},
            json={"title": "Demo", "slug": "demo", "lengthInMinutes": 30,
                  "schedulingType": "roundRobin", "hosts": [{"userId": i} for i in host_ids]},
        )  # fmt: skip
        created.raise_for_status()
        event_type_id = created.json()["data"]["id"]
        first = date.today() + timedelta(days=1)
        params = {
            "eventTypeId": str(event_type_id), "start": first.isoformat(),
            "end": (first + timedelta(days=DAYS - 1)).isoformat(), "timeZone": "Europe/London",
        }  # fmt: skip
        slots_headers = {"cal-api-version": "2024-09-04"}
        timings: list[float] = []
        answer = None
        for index in range(WARM_UP + args.requests):
            began = time.perf_counter()
            answer = client.get("/v2/slots", headers=slots_headers, params=params)
            elapsed = (time.perf_counter() - began) * 1000
            answer.raise_for_status()
            if index >= WARM_UP:
                timings.append(elapsed)
        assert answer is not None
        starts = [s["start"] for day in answer.json()["data"].values() for s in day]
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(
            f"GET /v2/slots, {len(host_ids)}-host round-robin, {DAYS} days ({len(starts)} "
            f"slots), {args.requests} requests: median {median:.1f} ms, p95 {p95:.1f} ms"
        )
        book(client, event_type_id, starts, args.bookings)


def book(client: httpx.Client, event_type_id: int, starts: list[str], count: int) -> None:
    """Sequential bookings of the listed slots in order (each slot takes up to one booking
    per host, so the first slots fill host by host)."""
    timings: list[float] = []
    hosts_seen: set[int] = set()
    began_all = time.perf_counter()
    made = 0
    for index in range(count):
        start = datetime.fromisoformat(starts[index // 50 % len(starts)]).astimezone(UTC)
        began = time.perf_counter()
        response = client.post(
            "/v2/bookings",
            headers={"cal-api-version": "2024-08-13"},
            json={"start": start.isoformat().replace("+00:00", "Z"), "eventTypeId": event_type_id,
                  "attendee": {"name": f"B {index}", "email": f"b{index}@example.com",
                               "timeZone": "UTC"}},
        )  # fmt: skip
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code == 201:
            made += 1
            hosts_seen.add(response.json()["data"]["hosts"][0]["id"])
    total = time.perf_counter() - began_all
    print(f"POST /v2/bookings: {made}/{count} booked in {total:.1f} s = {made / total:.1f}/s; "
          f"median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms; "
          f"{len(hosts_seen)} different hosts")  # fmt: skip


if __name__ == "__main__":
    main()
