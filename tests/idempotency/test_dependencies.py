"""``Idempotency-Key``: a retry replays the first answer instead of doing the work again;
another body is a 422, a retry during the first is a 409, a failure stores nothing, keys
live 24 hours and belong to one caller and one route."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Body, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from slotwise.auth.dependencies import CurrentUser
from slotwise.clock import FrozenClock
from slotwise.db import transaction
from slotwise.errors import Invalid
from slotwise.http.deps import NowDep, WriteSessionDep
from slotwise.http.envelope import V2_ERROR_RESPONSES
from slotwise.idempotency import dependencies as idempotency_module
from slotwise.idempotency.dependencies import (
    IDEMPOTENT_RESPONSES,
    IdempotencyDep,
    StoredJSONResponse,
)
from slotwise.idempotency.models import IdempotentRequest
from slotwise.users import service as users
from slotwise.users.commands import NewUser
from slotwise.users.models import User
from slotwise.users.passwords import password_hasher
from tests.conftest import Account

WAIT = 10  # seconds; generous, only reached when something is broken
Payload = Annotated[dict[str, Any], Body()]


@dataclass
class Routes:
    """Test routes and the knobs and counters they share with the tests."""

    app: FastAPI
    calls: int = 0
    failures_left: int = 0
    entered: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    before_work: Callable[[], None] | None = None


@pytest.fixture
def routes(app: FastAPI) -> Routes:
    state = Routes(app)
    router = APIRouter(responses={**V2_ERROR_RESPONSES, **IDEMPOTENT_RESPONSES})

    def add_user(session: Session, now: Any, payload: dict[str, Any]) -> JSONResponse:
        state.calls += 1
        new = NewUser(
            email=f"{payload['username']}@example.com",
            username=payload["username"],
            name=payload.get("name", "Zoë"),
        )
        user = users.create_user(session, new, now=now, hasher=password_hasher(app.state.settings))
        session.flush()
        body = {"status": "success", "data": {"id": user.id, "name": user.name, "run": state.calls}}
        return JSONResponse(body, status_code=201)

    @router.post("/v2/_test/users", status_code=201)
    def create(
        idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload
    ) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        if state.before_work is not None:
            state.before_work()
        return idem.complete(session, add_user(session, now, payload))

    @router.post("/v2/_test/other-users", status_code=201)
    def create_elsewhere(
        idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload
    ) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        return idem.complete(session, add_user(session, now, payload))

    @router.post("/v1/_test/users", status_code=201)
    def create_v1(
        idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload
    ) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        return idem.complete(session, add_user(session, now, payload))

    @router.post("/v2/_test/flaky", status_code=201)
    def flaky(idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload) -> Any:
        if idem.replay is not None:
            return idem.replay
        response = add_user(session, now, payload)
        if state.failures_left > 0:
            state.failures_left -= 1
            raise Invalid("a rule said no after the write")
        return idem.complete(session, response)

    @router.post("/v2/_test/answers-an-error", status_code=201)
    def answers_an_error(
        idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload
    ) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        state.calls += 1
        return idem.complete(session, JSONResponse({"message": "no"}, status_code=400))

    @router.post("/v2/_test/commit-fails", status_code=201)
    def commit_fails(
        idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload
    ) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        response = idem.complete(session, add_user(session, now, payload))

        @event.listens_for(session, "before_commit")
        def _fail(_session: Session) -> None:
            raise RuntimeError("disk full")

        return response

    @router.post("/v2/_test/slow", status_code=201)
    def slow(idem: IdempotencyDep, session: WriteSessionDep, now: NowDep, payload: Payload) -> Any:
        if idem.replay is not None:
            return idem.replay
        state.entered.set()
        # Waits before touching the session: on SQLite a writer would hold the one write lock.
        assert state.release.wait(WAIT)
        return idem.complete(session, add_user(session, now, payload))

    @router.post("/v2/_test/session-first", status_code=201)
    def session_first(session: WriteSessionDep, idem: IdempotencyDep, now: NowDep) -> Any:
        return idem.complete(session, JSONResponse({"ok": True}, status_code=201))

    @router.post("/v2/_test/user-first", status_code=201)
    def user_first(user: CurrentUser, idem: IdempotencyDep, session: WriteSessionDep) -> Any:
        return idem.complete(session, JSONResponse({"ok": True}, status_code=201))

    app.include_router(router)
    return state


def key(value: str, *, api_key: str | None = "cal_alice", **extra: str) -> dict[str, str]:
    headers = {"Idempotency-Key": value, **extra}
    if api_key is not None:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def count(app: FastAPI, model: type[Any]) -> int:
    with app.state.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def stored_rows(app: FastAPI) -> list[IdempotentRequest]:
    with app.state.session_factory() as session:
        return list(session.scalars(select(IdempotentRequest).order_by(IdempotentRequest.id)))


def insert_running_row(
    app: FastAPI, client: TestClient, path: str, headers: dict[str, str]
) -> None:
    """A claim left by a request that is still running (or whose process died): found by
    sending the request once, then turning its stored answer back into 'running'."""
    assert client.post(path, json={"username": "first"}, headers=headers).status_code == 201
    with transaction(app.state.write_session_factory) as session:
        row = session.scalars(select(IdempotentRequest)).one()
        row.response_status = None
        row.response_body = None
        for user in session.scalars(select(User)):
            session.delete(user)


# --- replay --------------------------------------------------------------------------------


def test_without_a_key_every_request_runs_and_nothing_is_stored(
    routes: Routes, client: TestClient
) -> None:
    first = client.post("/v2/_test/users", json={"username": "ann"})
    second = client.post("/v2/_test/users", json={"username": "bob"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in first.headers
    assert count(routes.app, User) == 2
    assert stored_rows(routes.app) == []


def test_a_retry_replays_the_first_answer_byte_for_byte_without_running_again(
    routes: Routes, client: TestClient, clock: FrozenClock
) -> None:
    clock.advance(microseconds=123_457)  # the claim's instant must round-trip exactly
    headers = key("order-1")
    first = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)
    second = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)

    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert "Zoë".encode() in second.content  # stored and sent as the same UTF-8 bytes
    assert second.json()["data"]["run"] == 1
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["content-type"] == "application/json"
    assert "Idempotent-Replayed" not in first.headers
    assert routes.calls == 1
    assert count(routes.app, User) == 1
    [row] = stored_rows(routes.app)
    assert (row.response_status, row.response_body) == (201, first.text)
    assert row.route == "POST /v2/_test/users"
    assert row.expires_at - row.created_at == timedelta(hours=24)


def test_the_caller_is_the_key_however_the_authorization_header_spells_it(
    routes: Routes, client: TestClient
) -> None:
    body = {"username": "ann"}
    first = client.post("/v2/_test/users", json=body, headers=key("k", api_key="cal_x"))
    bare = {"Idempotency-Key": "k", "Authorization": "cal_x"}
    second = client.post("/v2/_test/users", json=body, headers=bare)
    assert second.headers.get("Idempotent-Replayed") == "true"
    assert second.content == first.content
    assert count(routes.app, User) == 1


def test_the_replay_is_a_json_response_of_the_stored_bytes() -> None:
    raw = '{"b": 1,  "a": "é"}'
    response = StoredJSONResponse(raw.encode(), status_code=202)
    assert isinstance(response, JSONResponse)
    assert bytes(response.body) == raw.encode()
    assert response.headers["content-length"] == str(len(raw.encode()))


# --- another body --------------------------------------------------------------------------


def test_the_same_key_with_another_body_is_a_422_and_writes_nothing(
    routes: Routes, client: TestClient
) -> None:
    headers = key("order-1")
    first = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)
    other = client.post("/v2/_test/users", json={"username": "bob"}, headers=headers)

    assert other.status_code == 422
    error = other.json()["error"]
    assert error["code"] == "UnprocessableEntityException"
    assert "different request body" in error["message"]
    assert routes.calls == 1
    assert count(routes.app, User) == 1
    [row] = stored_rows(routes.app)
    assert row.response_body == first.text  # the first answer still stands


def test_another_api_version_is_another_body(routes: Routes, client: TestClient) -> None:
    body = {"username": "ann"}
    client.post("/v2/_test/users", json=body, headers=key("k", **{"cal-api-version": "2024-08-13"}))
    other = client.post(
        "/v2/_test/users", json=body, headers=key("k", **{"cal-api-version": "2024-06-14"})
    )
    assert other.status_code == 422
    assert count(routes.app, User) == 1


def test_v1_paths_answer_the_422_as_a_bare_message(routes: Routes, client: TestClient) -> None:
    client.post("/v1/_test/users", json={"username": "ann"}, headers=key("k"))
    other = client.post("/v1/_test/users", json={"username": "bob"}, headers=key("k"))
    assert other.status_code == 422
    assert set(other.json()) == {"message"}
    assert "different request body" in other.json()["message"]


# --- still running -------------------------------------------------------------------------


def test_a_retry_while_the_first_is_running_is_a_409(
    routes: Routes, client: TestClient, clock: FrozenClock
) -> None:
    headers = key("order-1")
    insert_running_row(routes.app, client, "/v2/_test/users", headers)
    clock.advance(seconds=59)

    retry = client.post("/v2/_test/users", json={"username": "first"}, headers=headers)

    assert retry.status_code == 409
    assert retry.json()["error"]["code"] == "ConflictException"
    assert retry.json()["error"]["message"] == (
        "A request with this Idempotency-Key is still being processed"
    )
    assert count(routes.app, User) == 0
    [row] = stored_rows(routes.app)
    assert row.response_status is None  # the 409 did not disturb the running claim


def test_a_running_claim_older_than_the_lease_is_taken_over(
    routes: Routes, client: TestClient, clock: FrozenClock
) -> None:
    headers = key("order-1")
    insert_running_row(routes.app, client, "/v2/_test/users", headers)
    clock.advance(seconds=60)

    retry = client.post("/v2/_test/users", json={"username": "first"}, headers=headers)

    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers
    assert count(routes.app, User) == 1
    [row] = stored_rows(routes.app)
    assert (row.response_status, row.response_body) == (201, retry.text)
    assert row.created_at == clock.now()


def test_a_concurrent_retry_gets_a_409_and_the_first_answer_is_then_replayed(
    routes: Routes, client: TestClient
) -> None:
    headers = key("order-1")
    body = {"username": "ann"}
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(client.post, "/v2/_test/slow", json=body, headers=headers)
        try:
            assert routes.entered.wait(WAIT)
            during = client.post("/v2/_test/slow", json=body, headers=headers)
        finally:
            routes.release.set()
        first_response = first.result(timeout=WAIT)
    after = client.post("/v2/_test/slow", json=body, headers=headers)

    assert during.status_code == 409
    assert "still being processed" in during.json()["error"]["message"]
    assert first_response.status_code == 201
    assert after.status_code == 201
    assert after.content == first_response.content
    assert after.headers["Idempotent-Replayed"] == "true"
    assert count(routes.app, User) == 1


def test_simultaneous_first_uses_run_the_work_once(routes: Routes, client: TestClient) -> None:
    headers = key("order-1")
    body = {"username": "ann"}
    start = threading.Barrier(6)

    def send() -> httpx.Response:
        start.wait(WAIT)
        return client.post("/v2/_test/users", json=body, headers=headers)

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = [f.result(timeout=WAIT * 2) for f in [pool.submit(send) for _ in range(6)]]

    assert routes.calls == 1
    assert count(routes.app, User) == 1
    originals = [r for r in responses if r.status_code == 201]
    assert {r.status_code for r in responses} <= {201, 409}
    assert len({r.content for r in originals}) == 1
    assert sum("Idempotent-Replayed" not in r.headers for r in originals) == 1


def test_losing_the_insert_race_means_looking_again(
    routes: Routes, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = key("order-1")
    first = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)
    real_find = idempotency_module._find_row
    blind = {"left": 1}

    def find_row(session: Session, identity: Any) -> IdempotentRequest | None:
        if blind["left"]:  # as if the other request inserted just after this look-up
            blind["left"] -= 1
            return None
        return real_find(session, identity)

    monkeypatch.setattr(idempotency_module, "_find_row", find_row)
    retry = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)

    assert blind["left"] == 0
    assert retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.content == first.content
    assert len(stored_rows(routes.app)) == 1


# --- failures are not stored ---------------------------------------------------------------


def test_a_failed_first_request_leaves_no_claim_and_the_retry_runs(
    routes: Routes, client: TestClient
) -> None:
    routes.failures_left = 1
    headers = key("order-1")
    failed = client.post("/v2/_test/flaky", json={"username": "ann"}, headers=headers)
    assert failed.status_code == 400
    assert stored_rows(routes.app) == []
    assert count(routes.app, User) == 0

    retry = client.post("/v2/_test/flaky", json={"username": "ann"}, headers=headers)
    assert retry.status_code == 201
    assert "Idempotent-Replayed" not in retry.headers
    assert count(routes.app, User) == 1
    assert [r.response_status for r in stored_rows(routes.app)] == [201]


def test_an_error_answered_without_raising_is_not_stored(
    routes: Routes, client: TestClient
) -> None:
    headers = key("order-1")
    first = client.post("/v2/_test/answers-an-error", json={}, headers=headers)
    second = client.post("/v2/_test/answers-an-error", json={}, headers=headers)
    assert first.status_code == second.status_code == 400
    assert "Idempotent-Replayed" not in second.headers
    assert routes.calls == 2
    assert stored_rows(routes.app) == []


def test_a_failed_commit_stores_neither_the_work_nor_the_answer(
    routes: Routes, client: TestClient
) -> None:
    response = client.post("/v2/_test/commit-fails", json={"username": "ann"}, headers=key("k"))
    assert response.status_code == 500
    assert count(routes.app, User) == 0
    assert stored_rows(routes.app) == []


def test_a_request_that_outlived_its_lease_and_lost_the_claim_changes_nothing(
    routes: Routes, client: TestClient
) -> None:
    def taken_over() -> None:
        # A retry took the claim over meanwhile: same row, a newer claim time. (Written
        # before the route's session starts: on SQLite that session holds the write lock.)
        with transaction(routes.app.state.write_session_factory) as session:
            row = session.scalars(select(IdempotentRequest)).one()
            row.created_at += timedelta(seconds=61)

    routes.before_work = taken_over
    response = client.post("/v2/_test/users", json={"username": "ann"}, headers=key("k"))

    assert response.status_code == 409
    assert "took it over" in response.json()["error"]["message"]
    assert routes.calls == 1  # the work ran, and was rolled back
    assert count(routes.app, User) == 0
    [row] = stored_rows(routes.app)
    assert row.response_status is None  # the other request's claim is left alone


# --- expiry --------------------------------------------------------------------------------


def test_a_key_is_remembered_for_24_hours_then_forgotten(
    routes: Routes, client: TestClient, clock: FrozenClock
) -> None:
    headers = key("order-1")
    first = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)
    clock.advance(hours=23, minutes=59, seconds=59)
    replay = client.post("/v2/_test/users", json={"username": "ann"}, headers=headers)
    assert replay.headers.get("Idempotent-Replayed") == "true"

    clock.advance(seconds=1)
    again = client.post("/v2/_test/users", json={"username": "bob"}, headers=headers)

    assert again.status_code == 201  # not a 422: the old body is forgotten with the key
    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["data"]["id"] != first.json()["data"]["id"]
    assert count(routes.app, User) == 2
    [row] = stored_rows(routes.app)
    assert (row.created_at, row.response_body) == (clock.now(), again.text)


def test_claiming_sweeps_expired_keys_of_every_caller(
    routes: Routes, client: TestClient, clock: FrozenClock
) -> None:
    client.post("/v2/_test/users", json={"username": "ann"}, headers=key("a", api_key="cal_1"))
    clock.advance(hours=12)
    client.post("/v2/_test/users", json={"username": "bob"}, headers=key("b", api_key="cal_2"))
    clock.advance(hours=12)
    client.post("/v2/_test/users", json={"username": "cat"}, headers=key("c", api_key="cal_3"))
    assert sorted(r.key for r in stored_rows(routes.app)) == ["b", "c"]


# --- the key itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["", "x" * 256, "clé", "tab\there"], ids=["empty", "too-long", "non-ascii", "control"]
)
def test_a_malformed_key_is_a_400_naming_the_header(
    routes: Routes, client: TestClient, bad: str
) -> None:
    response = client.post(
        "/v2/_test/users",
        json={"username": "ann"},
        headers={"Idempotency-Key": bad.encode("latin-1")},
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "BadRequestException"
    assert error["details"] == [
        {
            "field": "Idempotency-Key",
            "location": "header",
            "message": "must be 1 to 255 printable ASCII characters",
        }
    ]
    assert routes.calls == 0
    assert stored_rows(routes.app) == []


def test_the_longest_key_is_accepted(routes: Routes, client: TestClient) -> None:
    longest = "~" * 255
    first = client.post("/v2/_test/users", json={"username": "ann"}, headers=key(longest))
    second = client.post("/v2/_test/users", json={"username": "ann"}, headers=key(longest))
    assert first.status_code == 201
    assert second.headers["Idempotent-Replayed"] == "true"


def test_two_keys_in_one_request_are_a_400(routes: Routes, client: TestClient) -> None:
    response = client.post(
        "/v2/_test/users",
        json={"username": "ann"},
        headers=[("Idempotency-Key", "a"), ("Idempotency-Key", "b")],
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "Idempotency-Key"
    assert routes.calls == 0


def test_keys_belong_to_one_caller(routes: Routes, client: TestClient) -> None:
    body = {"username": "ann", "name": "Ann"}
    alice = client.post("/v2/_test/users", json=body, headers=key("same", api_key="cal_alice"))
    body_bob = {"username": "bob", "name": "Bob"}
    bob = client.post("/v2/_test/users", json=body_bob, headers=key("same", api_key="cal_bob"))
    anonymous = client.post(
        "/v2/_test/users", json={"username": "cat"}, headers=key("same", api_key=None)
    )
    alice_again = client.post(
        "/v2/_test/users", json=body, headers=key("same", api_key="cal_alice")
    )

    assert (alice.status_code, bob.status_code, anonymous.status_code) == (201, 201, 201)
    assert "Idempotent-Replayed" not in bob.headers  # not a 422 either: another caller's key
    assert alice_again.content == alice.content
    assert count(routes.app, User) == 3
    scopes = {r.scope for r in stored_rows(routes.app)}
    assert len(scopes) == 3
    assert "anonymous" in scopes
    assert not any("cal_" in scope for scope in scopes)  # the API key itself is not stored


def test_v1_keys_belong_to_the_api_key_in_the_query(routes: Routes, client: TestClient) -> None:
    body = {"username": "ann"}
    headers = {"Idempotency-Key": "same"}
    first = client.post("/v1/_test/users?apiKey=cal_1", json=body, headers=headers)
    other = client.post("/v1/_test/users?apiKey=cal_2", json=body, headers=headers)
    again = client.post("/v1/_test/users?apiKey=cal_1", json=body, headers=headers)
    assert first.status_code == 201
    assert other.status_code == 409  # it ran (not a replay of cal_1's answer): ann exists
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.content == first.content


def test_keys_belong_to_one_route(routes: Routes, client: TestClient) -> None:
    body = {"username": "ann"}
    client.post("/v2/_test/users", json=body, headers=key("same"))
    elsewhere = client.post("/v2/_test/other-users", json={"username": "bob"}, headers=key("same"))
    assert elsewhere.status_code == 201
    assert "Idempotent-Replayed" not in elsewhere.headers
    assert sorted(r.route for r in stored_rows(routes.app)) == [
        "POST /v2/_test/other-users",
        "POST /v2/_test/users",
    ]


# --- wiring --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v2/_test/session-first", "/v2/_test/user-first"])
def test_a_route_that_opens_its_session_before_the_claim_fails_loudly(
    routes: Routes,
    client: TestClient,
    alice: Account,
    path: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Listed after WriteSessionDep (or CurrentUser, which opens the session), the claim would wait
    # on the request's own write lock on SQLite and could deadlock its release on PostgreSQL.
    # It is refused by the ordering check itself (the logged error says so), not by a lock
    # timeout, which would log a different error.
    with caplog.at_level(logging.ERROR, logger="slotwise.http"):
        response = client.post(path, headers=key("k", api_key=alice.api_key))
    assert response.status_code == 500
    errors = [str(r.exc_info[1]) for r in caplog.records if r.exc_info]
    assert any("IdempotencyDep must come before WriteSessionDep" in e for e in errors)
    assert stored_rows(routes.app) == []


def test_openapi_documents_the_header_and_the_idempotency_errors(
    routes: Routes, client: TestClient
) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v2/_test/users"]["post"]
    headers = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [p["name"] for p in headers] == ["Idempotency-Key"]
    assert headers[0]["required"] is False
    assert {"409", "422"} <= set(operation["responses"])
    assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorEnvelope"
    }
