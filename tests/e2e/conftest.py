"""Browser tests: a real slotwise server on a loopback port, real Chromium via Playwright.

One server and one browser per xdist worker (session fixtures); each test makes its own
user, so tests share the database without sharing rows. The server's clock is frozen at the
slots tests' instant (Monday 2030-03-25 06:00Z), so the calendar a test sees is fixed; the
browser's own zone is set per context. SQLite only (the pages run the same services the API
tests cover on both backends).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from slotwise.app import create_app
from slotwise.clock import FrozenClock
from slotwise.config import Settings
from tests.cli.helpers import HANG_GUARD_SECONDS
from tests.conftest import GENEROUS_RATE_LIMITS, TEST_ARGON2, Account, Accounts
from tests.slots.helpers import NOW

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class LiveServer:
    url: str
    app: FastAPI
    accounts: Accounts
    clock: FrozenClock
    api: httpx.Client

    def user(self, **kwargs: Any) -> Account:
        return self.accounts.create(**kwargs)


@pytest.fixture(scope="session")
def live_server(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    data = tmp_path_factory.mktemp("e2e-data")
    database = data / "slotwise.db"
    shutil.copyfile(sqlite_template, database)
    settings = Settings(
        environment="test",
        data_dir=data,
        database_url=f"sqlite:///{database}",
        base_url="http://127.0.0.1",
        **TEST_ARGON2,  # type: ignore[arg-type]
        **GENEROUS_RATE_LIMITS,  # type: ignore[arg-type]
    )
    clock = FrozenClock(NOW)
    app = create_app(settings, clock=clock)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + HANG_GUARD_SECONDS  # start-up ends in started or a dead thread
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the slotwise server stopped before it started")
        if time.monotonic() > deadline:
            raise RuntimeError("the slotwise server hung: neither started nor stopped")
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(base_url=url, timeout=10) as api:
        yield LiveServer(url=url, app=app, accounts=Accounts(app, clock), clock=clock, api=api)
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile in New York (so the browser's zone differs from the hosts')."""
    created = browser.new_context(
        timezone_id="America/New_York", locale="en-US", viewport={"width": 1200, "height": 900}
    )
    created.set_default_timeout(10_000)
    yield created
    created.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
