"""Fixtures shared by every test.

Every API test runs once per database backend: SQLite always, PostgreSQL when
``SLOTWISE_TEST_POSTGRES_URL`` is set. Each pytest-xdist worker migrates its own PostgreSQL
database (``slotwise_test_gw0_<run id>`` ...), so workers and runs never share rows; within a
worker every test starts from empty tables (SQLite: a copy of a migrated template file;
PostgreSQL: TRUNCATE).
``SLOTWISE_TEST_REQUIRE_POSTGRES=1`` turns an unreachable PostgreSQL into a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from slotwise.api_keys import service as api_keys
from slotwise.app import create_app
from slotwise.clock import FrozenClock
from slotwise.composition import outbox_handlers
from slotwise.config import Settings
from slotwise.db import Base, make_engine, transaction
from slotwise.migrations.runner import upgrade
from slotwise.outbox.handlers import Handler
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import UserRole
from slotwise.users.passwords import password_hasher

POSTGRES_URL_VAR = "SLOTWISE_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_VAR = "SLOTWISE_TEST_REQUIRE_POSTGRES"
# Cheap argon2 for tests only; production keeps argon2-cffi's defaults.
TEST_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost_kib": 256}
# Limits on, so every response carries the headers, but far above what any test sends (the
# clock is frozen: a window never ends). tests/ratelimit sets low ones explicitly.
GENEROUS_RATE_LIMITS = {
    "rate_limit_per_api_key": 1_000_000,
    "rate_limit_per_address": 1_000_000,
    "rate_limit_failed_keys_per_address": 1_000_000,
    "rate_limit_bookings_per_attendee": 1_000_000,
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``@pytest.mark.sqlite_only`` tests (they read the SQLite file itself) are not
    generated for PostgreSQL at all, rather than collected and skipped; likewise
    ``@pytest.mark.postgres_only`` tests (PostgreSQL's own constraints) for SQLite."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        wrong = (backend == "postgres" and item.get_closest_marker("sqlite_only")) or (
            backend == "sqlite" and item.get_closest_marker("postgres_only")
        )
        (dropped if wrong else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def backends() -> list[str]:
    return ["sqlite", "postgres"] if os.environ.get(POSTGRES_URL_VAR) else ["sqlite"]


@pytest.fixture(scope="session")
def worker_id_suffix(request: pytest.FixtureRequest) -> str:
    """``gw0_<run>``: the worker, plus the run, so two runs on one server never collide."""
    workerinput = getattr(request.config, "workerinput", {})
    worker = workerinput.get("workerid", "main")
    run = workerinput.get("testrunuid") or uuid.uuid4().hex
    return f"{worker}_{run[:8]}"


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = os.environ.get(POSTGRES_URL_VAR)
    if not url:
        pytest.skip(f"{POSTGRES_URL_VAR} is not set")  # never reached: param not generated
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        if os.environ.get(REQUIRE_POSTGRES_VAR) == "1":
            pytest.fail(f"PostgreSQL at {url} is unreachable and required: {exc}")
        pytest.skip(f"PostgreSQL at {url} is unreachable: {exc}")
    finally:
        engine.dispose()
    return url


def create_postgres_database(server_url: str, name: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(server_url: str, name: str) -> None:
    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_worker_url(postgres_server_url: str, worker_id_suffix: str) -> Iterator[str]:
    name = f"slotwise_test_{worker_id_suffix}"
    url = create_postgres_database(postgres_server_url, name)
    upgrade(url)
    yield url
    drop_postgres_database(postgres_server_url, name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "slotwise.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(params=backends())
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database for one test."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "data" / "slotwise.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("postgres_worker_url")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(empty_every_table())
    engine.dispose()
    return url


# DELETE, children first, then every sequence back to 1: the same empty database as
# TRUNCATE ... RESTART IDENTITY, in about 15 ms instead of about 500 (TRUNCATE pays a fixed
# cost per table, and a test fills only a few of them).
@functools.cache
def empty_every_table() -> str:
    import slotwise.models  # noqa: F401  (every table known before the list is made)

    return "; ".join(
        [f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)]
        + [
            "SELECT setval(quote_ident(schemaname) || '.' || quote_ident(sequencename), 1, false)"
            " FROM pg_sequences WHERE schemaname = current_schema()"
        ]
    )


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        base_url="http://localhost:8000",
        # Tests deliver outbox rows themselves (tests/outbox), never behind their backs.
        embedded_worker=False,
        **TEST_ARGON2,  # type: ignore[arg-type]
        **GENEROUS_RATE_LIMITS,  # type: ignore[arg-type]
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def app(settings: Settings, clock: FrozenClock) -> Iterator[FastAPI]:
    application = create_app(settings, clock=clock)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass
class Account:
    """A user made for a test, with a working API key."""

    id: int
    email: str
    username: str
    api_key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def v1(self) -> dict[str, str]:
        return {"apiKey": self.api_key}


class Accounts:
    def __init__(self, app: FastAPI, clock: FrozenClock) -> None:
        self._app = app
        self._clock = clock
        self._count = 0

    def create(
        self,
        *,
        username: str | None = None,
        admin: bool = False,
        time_zone: str = "Europe/London",
        expires_in_days: int | None = None,
    ) -> Account:
        self._count += 1
        username = username or f"user{self._count}"
        settings: Settings = self._app.state.settings
        with transaction(self._app.state.write_session_factory) as session:
            new = NewUser(
                email=f"{username}@example.com",
                username=username,
                name=username.title(),
                time_zone=time_zone,
                role=UserRole.ADMIN if admin else UserRole.USER,
            )
            user = users.create_user(
                session, new, now=self._clock.now(), hasher=password_hasher(settings)
            )
            issued = api_keys.issue_key(
                session, user, now=self._clock.now(), expires_in_days=expires_in_days
            )
            return Account(user.id, user.email, user.username, issued.secret)


@pytest.fixture
def accounts(app: FastAPI, clock: FrozenClock) -> Accounts:
    return Accounts(app, clock)


@pytest.fixture
def alice(accounts: Accounts) -> Account:
    return accounts.create(username="alice")


@pytest.fixture
def admin(accounts: Accounts) -> Account:
    return accounts.create(username="root", admin=True)


def handlers(settings: Settings, app: FastAPI) -> dict[str, Handler]:
    """The composed application's outbox handlers, for a worker a test runs itself."""
    return outbox_handlers(settings, app.state.engine).make_handlers()
