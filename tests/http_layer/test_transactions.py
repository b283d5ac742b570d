"""The request's session owns the transaction: a route's writes are committed before the
response goes out, and a route that fails (or whose commit fails) leaves nothing behind."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from slotwise.errors import Invalid
from slotwise.http.deps import NowDep, WriteSessionDep
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import User
from slotwise.users.passwords import password_hasher


def user_count(app: FastAPI) -> int:
    with app.state.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


@pytest.fixture
def writing_app(app: FastAPI) -> FastAPI:
    def add_user(session: Session, now: Any, username: str) -> None:
        users.create_user(
            session,
            NewUser(email=f"{username}@example.com", username=username),
            now=now,
            hasher=password_hasher(app.state.settings),
        )

    @app.post("/v2/_test/write")
    def write(session: WriteSessionDep, now: NowDep) -> dict[str, str]:
        add_user(session, now, "committed")
        return {"status": "success"}

    @app.post("/v2/_test/write-then-fail")
    def write_then_fail(session: WriteSessionDep, now: NowDep) -> dict[str, str]:
        add_user(session, now, "rolledback")
        raise Invalid("a rule said no after the write")

    @app.post("/v2/_test/commit-fails")
    def commit_fails(session: WriteSessionDep, now: NowDep) -> dict[str, str]:
        add_user(session, now, "lost")

        @event.listens_for(session, "before_commit")
        def _fail(_session: Session) -> None:
            raise RuntimeError("disk full")

        return {"status": "success"}

    return app


def test_a_successful_route_has_committed_when_the_client_hears_back(
    writing_app: FastAPI, client: TestClient
) -> None:
    response = client.post("/v2/_test/write")
    assert response.status_code == 200
    assert user_count(writing_app) == 1


def test_a_route_that_raises_after_writing_leaves_nothing(
    writing_app: FastAPI, client: TestClient
) -> None:
    response = client.post("/v2/_test/write-then-fail")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "a rule said no after the write"
    assert user_count(writing_app) == 0


def test_a_failed_commit_is_a_500_never_a_success(writing_app: FastAPI, client: TestClient) -> None:
    response = client.post("/v2/_test/commit-fails")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "InternalServerErrorException"
    assert "disk full" not in response.text
    assert user_count(writing_app) == 0
