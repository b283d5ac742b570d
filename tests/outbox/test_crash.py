"""A crash loses nothing that was accepted: ``slotwise serve`` (with its embedded worker and
real SMTP to a sink in this process) is SIGKILLed in the middle of a burst of bookings, then
started again. Every booking that got a 201 is in the database, and every outbox row it
wrote is delivered: its attendee's and its host's emails arrive (a row the dead worker sent
but had not yet marked may arrive twice, always under its one Message-ID).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from slotwise.bookings.models import Booking
from slotwise.db import make_engine
from slotwise.outbox.models import OutboxMessage, OutboxState
from tests.bookings.test_race import Site, make_event_type
from tests.cli.helpers import cli_env, invoke, json_output, start_server, subprocess_env
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.outbox.helpers import NOT_LATER
from tests.outbox.smtp_sink import SmtpSink

pytestmark = pytest.mark.slow

CLIENTS = 8
KILL_AFTER = 30  # 201s seen before the SIGKILL


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'crash.db'}"
        return
    server_url = request.getfixturevalue("postgres_server_url")
    name = f"slotwise_crash_{worker_id_suffix}"
    yield create_postgres_database(server_url, name)
    drop_postgres_database(server_url, name)


def server_env(data_dir: Path, database_url: str, smtp: SmtpSink) -> dict[str, str]:
    env = subprocess_env(data_dir, database_url)
    env.update(
        SLOTWISE_SMTP_HOST="127.0.0.1",
        SLOTWISE_SMTP_PORT=str(smtp.port),
        SLOTWISE_SMTP_STARTTLS="false",
        SLOTWISE_OUTBOX_POLL_SECONDS="0.2",
        SLOTWISE_OUTBOX_LEASE_SECONDS="2",  # the dead server's leased rows return quickly
        SLOTWISE_OUTBOX_RETRY_BASE_SECONDS="0.2",
    )
    return env


def free_starts(site: Site, event_type_id: int) -> list[str]:
    with site.servers[0].client() as client:
        response = client.get(
            "/v2/slots",
            params={
                "eventTypeId": event_type_id,
                "start": time.strftime("%Y-%m-%d"),
                "end": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 40 * 86400)),
            },
            headers={"cal-api-version": "2024-09-04"},
        )
    assert response.status_code == 200, response.text
    return [slot["start"] for day in response.json()["data"].values() for slot in day]


def burst(site: Site, event_type_id: int, starts: list[str]) -> list[tuple[str, str]]:
    """Book ``starts`` from CLIENTS threads; SIGKILL the server after KILL_AFTER 201s.
    Returns (uid, attendee email) of every 201."""
    accepted: list[tuple[str, str]] = []
    lock = threading.Lock()
    killed = threading.Event()
    queue = list(enumerate(starts))

    def run() -> None:
        with httpx.Client(base_url=site.servers[0].base_url, timeout=10) as client:
            while not killed.is_set():
                with lock:
                    if not queue:
                        return
                    index, start = queue.pop(0)
                email = f"booker{index:03d}@example.com"
                body: dict[str, Any] = {
                    "start": start,
                    "eventTypeId": event_type_id,
                    "attendee": {"name": f"Booker {index}", "email": email, "timeZone": "UTC"},
                }
                try:
                    response = client.post(
                        "/v2/bookings", json=body, headers={"cal-api-version": "2024-08-13"}
                    )
                except httpx.TransportError:
                    return  # the server is gone: this request's outcome is unknown
                if response.status_code == 201:
                    with lock:
                        accepted.append((response.json()["data"]["uid"], email))
                        if len(accepted) >= KILL_AFTER and not killed.is_set():
                            killed.set()
                            site.servers[0].process.kill()  # SIGKILL: no shutdown at all

    threads = [threading.Thread(target=run) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert killed.is_set(), "the burst ended before the server was killed"
    return accepted


def settled(database_url: str, timeout: float = 60) -> list[OutboxMessage]:
    engine = make_engine(database_url)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with Session(engine) as session:
                rows = list(session.scalars(select(OutboxMessage).where(NOT_LATER)))
            if rows and all(r.state != OutboxState.PENDING.value for r in rows):
                return rows
            if time.monotonic() > deadline:
                states = Counter(r.state for r in rows)
                raise AssertionError(f"outbox rows still pending after {timeout} s: {states}")
            time.sleep(0.2)
    finally:
        engine.dispose()


def booking_uids(database_url: str) -> set[str]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return set(session.scalars(select(Booking.uid)))
    finally:
        engine.dispose()


def test_a_killed_server_loses_no_booking_and_no_email(
    backend: str, database_url: str, tmp_path: Path, smtp: SmtpSink
) -> None:
    data_dir = tmp_path / "data"
    host = json_output(
        invoke(
            [
                "admin", "create-user", "--email=host@example.com", "--username=host",
                "--name=Host", "--time-zone=UTC", "--json",
            ],
            cli_env(data_dir, database_url),
        )
    )  # fmt: skip
    env = server_env(data_dir, database_url, smtp)
    first = start_server(tmp_path, env, "--no-demo", name="before")
    site = Site([first], database_url, str(host["apiKey"]), int(host["id"]))
    try:
        event_type_id = make_event_type(site, seats=1)
        starts = free_starts(site, event_type_id)
        assert len(starts) > 3 * KILL_AFTER
        accepted = burst(site, event_type_id, starts)
    finally:
        first.stop()
    assert first.returncode == -9

    stored = booking_uids(database_url)
    assert {uid for uid, _ in accepted} <= stored  # every 201 survived the crash

    second = start_server(tmp_path, env, "--no-demo", name="after")
    try:
        rows = settled(database_url)
    finally:
        second.stop()
    assert {r.state for r in rows} == {OutboxState.DELIVERED.value}
    # Every stored booking wrote its two rows (attendee and host), and each was delivered.
    assert len(rows) == 2 * len(stored)

    received = smtp.received
    ids = Counter(mail.message_id for mail in received)
    assert len(ids) == len(rows)  # every row arrived under its own Message-ID
    by_booking: dict[str, set[str]] = {}
    for mail in received:
        by_booking.setdefault(mail.booking_uid, set()).add(mail.to)
    for uid, email in accepted:
        assert by_booking.get(uid) == {email, "host@example.com"}, uid
