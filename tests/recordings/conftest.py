"""Recording tests: the test's app served by uvicorn on 127.0.0.1 (a thread), so the fake
Daily provider posts its signed events over real HTTP; the slots tests' frozen instant."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.recordings.fake_daily import FakeDaily, new_secret
from tests.slots.helpers import NOW

SECRET = new_secret()


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "conferencing_webhook_secrets": {"daily-video": SecretStr(SECRET)},
            "webhook_allow_private_networks": True,
        }
    )


@pytest.fixture
def served(app: FastAPI) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive(), "the server stopped before it started"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture
def daily(served: str) -> FakeDaily:
    return FakeDaily(served, SECRET)
