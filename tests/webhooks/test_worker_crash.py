"""A ``slotwise worker`` process SIGKILLed in the middle of a webhook delivery (the receiver
has the request, the worker never hears back) loses nothing: once its lease runs out, a new
worker delivers the event again, under the same ``webhook-id``, and the log says delivered."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.bookings.test_race import Site, make_event_type, race_slot
from tests.cli.helpers import cli_env, invoke, json_output, start_server, subprocess_env
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.webhooks.receiver import Receiver

pytestmark = pytest.mark.slow


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, worker_id_suffix: str
) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'hooks.db'}"
        return
    server_url = request.getfixturevalue("postgres_server_url")
    name = f"slotwise_hooks_{worker_id_suffix}"
    yield create_postgres_database(server_url, name)
    drop_postgres_database(server_url, name)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "slotwise", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def wait_until(condition: object, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_killed_worker_loses_no_webhook(
    database_url: str, tmp_path: Path, receiver: Receiver
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
    env = subprocess_env(data_dir, database_url)
    env.update(
        SLOTWISE_EMBEDDED_WORKER="false",
        SLOTWISE_WEBHOOK_ALLOW_PRIVATE_NETWORKS="true",
        SLOTWISE_OUTBOX_POLL_SECONDS="0.2",
        SLOTWISE_OUTBOX_LEASE_SECONDS="2",
    )
    server = start_server(tmp_path, env, "--no-demo")
    site = Site([server], database_url, str(host["apiKey"]), int(host["id"]))
    try:
        event_type_id = make_event_type(site, seats=1)
        with server.client() as client:
            webhook = client.post(
                "/v2/webhooks",
                headers=site.headers,
                json={
                    "subscriberUrl": receiver.url,
                    "triggers": ["BOOKING_CREATED"],
                    "active": True,
                },
            )
            assert webhook.status_code == 201, webhook.text
            booked = client.post(
                "/v2/bookings",
                headers={"cal-api-version": "2024-08-13"},
                json={
                    "start": race_slot().isoformat(),
                    "eventTypeId": event_type_id,
                    "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "UTC"},
                },
            )
            assert booked.status_code == 201, booked.text
        receiver.delays.append(30)  # the first delivery hangs: the worker waits for an answer

        first = start_worker(env, tmp_path / "worker.log")
        wait_until(lambda: len(receiver.received()) == 1)
        first.kill()  # SIGKILL while the delivery is in flight
        first.wait(10)

        second = start_worker(env, tmp_path / "worker.log")
        try:
            wait_until(lambda: len(receiver.received()) == 2)
            deliveries_path = f"/v2/webhooks/{webhook.json()['data']['id']}/deliveries"

            def delivered() -> bool:
                log = httpx.get(server.base_url + deliveries_path, headers=site.headers).json()
                return bool(log["data"]) and log["data"][0]["status"] == "delivered"

            wait_until(delivered)
        finally:
            second.terminate()
            second.wait(10)
    finally:
        server.stop()

    one, two = receiver.received()
    assert one.headers["webhook-id"] == two.headers["webhook-id"]
    assert one.body == two.body
    assert (one.headers["x-slotwise-attempt"], two.headers["x-slotwise-attempt"]) == ("1", "2")
    assert one.json()["payload"]["uid"] == booked.json()["data"]["uid"]
