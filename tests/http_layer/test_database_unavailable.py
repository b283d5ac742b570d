"""A database that cannot take a session answers 503 with ``Retry-After``, never a 500 and
never its connection details: PostgreSQL out of connection slots (a real role whose
connection limit is used up), a PostgreSQL that does not listen at all, and a request pool
with no free connection."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from slotwise.app import create_app
from slotwise.config import Settings
from slotwise.db import make_engine
from tests.conftest import TEST_ARGON2


def client_for(tmp_path: Path, database_url: str) -> Iterator[TestClient]:
    app = create_app(
        Settings(
            environment="test",
            data_dir=tmp_path / "data",
            database_url=database_url,
            embedded_worker=False,
            **TEST_ARGON2,  # type: ignore[arg-type]
        )
    )
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client
    finally:
        app.state.engine.dispose()


@pytest.fixture
def out_of_slots(postgres_worker_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """A role allowed no connection at all: every session is refused with
    too_many_connections, as when the server's own slots are used up."""
    role = f"slotwise_full_{uuid.uuid4().hex[:8]}"
    admin = make_engine(postgres_worker_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 0'))
    try:
        url = make_url(postgres_worker_url).set(username=role, password=None)
        yield from client_for(tmp_path, url.render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


@pytest.fixture
def not_listening(tmp_path: Path) -> Iterator[TestClient]:
    yield from client_for(tmp_path, "postgresql+psycopg://postgres@127.0.0.1:1/nothing")


@pytest.mark.parametrize("database", ["out_of_slots", "not_listening"])
def test_an_api_request_is_503_with_retry_after(
    database: str, request: pytest.FixtureRequest
) -> None:
    client: TestClient = request.getfixturevalue(database)

    response = client.get("/v2/me", headers={"Authorization": "Bearer cal_" + "0" * 32})

    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "1"
    body = response.json()
    assert body["status"] == "error"
    assert body["error"]["code"] == "ServiceUnavailableException"
    for leak in ("127.0.0.1", "psycopg", "slotwise_full", "Traceback", "too many"):
        assert leak not in response.text


def test_a_v1_request_gets_v1_shape(not_listening: TestClient) -> None:
    response = not_listening.get("/v1/me", params={"apiKey": "cal_" + "0" * 32})

    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "1"
    assert set(response.json()) == {"message"}


def test_a_request_that_finds_no_free_connection_is_503(database_url: str, tmp_path: Path) -> None:
    """A pool of one connection, held elsewhere: the request waits its pool timeout, then
    is told to retry (a 503), on both databases."""
    app = create_app(
        Settings(
            environment="test",
            data_dir=tmp_path / "data",
            database_url=database_url,
            embedded_worker=False,
            database_pool_size=1,
            database_max_overflow=0,
            database_pool_timeout_seconds=0.2,
            **TEST_ARGON2,  # type: ignore[arg-type]
        )
    )
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            with app.state.engine.connect():
                busy = client.get("/v2/me", headers={"Authorization": "Bearer cal_" + "0" * 32})
            free = client.get("/v2/me", headers={"Authorization": "Bearer cal_" + "0" * 32})
    finally:
        app.state.engine.dispose()

    assert busy.status_code == 503, busy.text
    assert busy.headers["Retry-After"] == "1"
    assert free.status_code == 401, free.text  # the pool serves again once released
