"""GET /health: public, and honest about a database that does not answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise import __version__
from slotwise.app import create_app
from slotwise.config import Settings
from tests.conftest import TEST_ARGON2


def test_health_is_ok_without_auth(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["version"] == __version__


def test_health_ignores_a_bad_key(client: TestClient) -> None:
    response = client.get("/health", headers={"Authorization": "Bearer cal_nonsense"})
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def unreachable_app(tmp_path: Path, database_url: str) -> FastAPI:
    return create_app(
        Settings(
            environment="test",
            data_dir=tmp_path / "data",
            database_url=database_url,
            **TEST_ARGON2,  # type: ignore[arg-type]
        )
    )


@pytest.fixture(
    params=[
        pytest.param("postgresql+psycopg://postgres@127.0.0.1:1/nothing", id="postgres-port-1"),
        pytest.param("sqlite", id="sqlite-missing-directory"),
    ]
)
def broken_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    url = str(request.param)
    if url == "sqlite":
        url = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'slotwise.db'}"
    app = unreachable_app(tmp_path, url)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def test_health_is_503_when_the_database_is_unreachable(broken_client: TestClient) -> None:
    response = broken_client.get("/health")
    assert response.status_code == 503, response.text
    body = response.json()
    assert body == {"status": "error", "database": "unreachable", "version": __version__}


def test_unreachable_database_does_not_leak_connection_details(
    broken_client: TestClient,
) -> None:
    response = broken_client.get("/health")
    assert response.status_code == 503
    for leak in ("127.0.0.1", "psycopg", "sqlite", "Traceback", "no/such"):
        assert leak not in response.text
