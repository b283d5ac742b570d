"""``Idempotency-Key`` for POST routes: a retried request gets the first response back
instead of doing the work twice (a booking created once, not once per network retry).

A route lists ``IdempotencyDep`` *before* its ``WriteSessionDep``::

    @router.post("", status_code=201, responses={**V2_ERROR_RESPONSES, **IDEMPOTENT_RESPONSES})
    def create(idem: IdempotencyDep, session: WriteSessionDep, ...) -> JSONResponse:
        if idem.replay is not None:
            return idem.replay
        ...  # the work, in ``session``
        return idem.complete(session, JSONResponse(body, status_code=201))

Why that order: the claim commits in its own short transaction before the request's
transaction begins (SQLite has one writer: claiming while the request holds the write lock
would wait on itself), and the claim is released only after the request's transaction has
rolled back. A route that lists them the other way round fails loudly (500, logged) rather
than hanging.

The rules (scope, replay, 409 / 422, the 24 h window) are in ARCHITECTURE.md
("Idempotency-Key").
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Request
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from slotwise.clock import Clock
from slotwise.db import transaction
from slotwise.errors import Conflict, Invalid, SlotwiseError, Unprocessable
from slotwise.http.credentials import presented_key_v1, presented_key_v2
from slotwise.http.deps import get_session
from slotwise.http.envelope import ErrorEnvelope
from slotwise.http.versioning import API_VERSION_HEADER
from slotwise.idempotency import repository
from slotwise.idempotency.models import IdempotentRequest
from slotwise.idempotency.repository import Claim as _Claim

logger = logging.getLogger("slotwise.idempotency")

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
TTL = timedelta(hours=24)
LEASE = timedelta(seconds=60)  # a running claim older than this belongs to a dead process
ANONYMOUS = "anonymous"
ROUTE_LENGTH = 300  # the column's width
CLAIM_ATTEMPTS = 3

STILL_RUNNING = "A request with this Idempotency-Key is still being processed"
BODY_MISMATCH = (
    "This Idempotency-Key was already used with a different request body (or cal-api-version); "
    "send a new key for a new request"
)
CLAIM_LOST = (
    "This request took longer than the Idempotency-Key's lease and a retry took it over; "
    "nothing was changed"
)

IDEMPOTENT_RESPONSES: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorEnvelope,
        "description": "Conflicts with the current state, or a request with the same "
        "Idempotency-Key is still being processed",
    },
    422: {
        "model": ErrorEnvelope,
        "description": "The Idempotency-Key was already used with a different request body",
    },
}

ResponseT = TypeVar("ResponseT", bound=JSONResponse)


class StoredJSONResponse(JSONResponse):
    """A JSON response sent as stored bytes, not re-serialized: a replay is byte-identical."""

    def render(self, content: Any) -> bytes:
        if isinstance(content, bytes):
            return content
        return super().render(content)


@dataclass(frozen=True)
class _Identity:
    scope: str
    route: str
    key: str
    request_hash: str


@dataclass(frozen=True)
class _Stored:
    status: int
    body: str


class Idempotency:
    """What the route needs: ``replay`` (answer it as is) or ``complete()`` (record the
    answer). Without an ``Idempotency-Key`` both are no-ops."""

    def __init__(self, replay: JSONResponse | None = None, claim: _Claim | None = None) -> None:
        self.replay = replay
        self._claim = claim
        self._completed = False

    @property
    def completed(self) -> bool:
        return self._completed

    def complete(self, session: Session, response: ResponseT) -> ResponseT:
        """Stores ``response`` (a 2xx) in ``session``, the route's own transaction, and
        returns it unchanged. Error responses are not stored: the claim is released."""
        claim = self._claim
        if claim is None or not 200 <= response.status_code < 300:
            return response
        if self._completed:
            raise RuntimeError("Idempotency.complete() was called twice")
        body = bytes(response.body).decode()  # exactly what goes out, replayed as is
        if not repository.store_response(session, claim, response.status_code, body):
            # A retry took the claim over (this request outlived the lease): it does the work,
            # so this one must not; raising rolls the route's writes back.
            raise Conflict(CLAIM_LOST)
        self._completed = True
        return response


async def idempotency(
    request: Request,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            description="Up to 255 printable ASCII characters. A retry with the same key and "
            "body within 24 hours gets the first successful response back "
            "(header Idempotent-Replayed: true) instead of repeating the work.",
            # Published only (the check below words the 400): HTTP trims the ends' spaces.
            json_schema_extra={"pattern": "^[!-~](?:[ -~]{0,253}[!-~])?$"},
        ),
    ] = None,
) -> AsyncIterator[Idempotency]:
    """The dependency behind ``IdempotencyDep``: claims the key before the route runs and
    releases the claim when the route fails."""
    _check_declared_before_session(request)
    if idempotency_key is None:
        yield Idempotency()
        return
    identity = _identity(request, await request.body())
    clock: Clock = request.app.state.clock
    factory: sessionmaker[Session] = request.app.state.write_session_factory
    outcome = await run_in_threadpool(_claim, factory, identity, clock.now())
    if isinstance(outcome, _Stored):
        yield Idempotency(replay=_replay(outcome))
        return
    idem = Idempotency(claim=outcome)
    try:
        yield idem
    except BaseException:
        await _release_quietly(factory, outcome)
        raise
    if not idem.completed:  # the route answered without complete(), e.g. an error response
        await _release_quietly(factory, outcome)


IdempotencyDep = Annotated[Idempotency, Depends(idempotency, scope="function")]


def _identity(request: Request, body: bytes) -> _Identity:
    keys = request.headers.getlist(HEADER)
    if len(keys) != 1:
        raise _invalid_key("send one Idempotency-Key header, not several")
    key = keys[0]
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not all(" " <= c <= "~" for c in key):
        raise _invalid_key(f"must be 1 to {MAX_KEY_LENGTH} printable ASCII characters")
    # The caller as presented (v2: Authorization; v1: ?apiKey=), not as authenticated: the
    # claim comes before the route's session. A wrong key only ever reaches its own scope.
    presented = presented_key_v2(request) or presented_key_v1(request)
    scope = hashlib.sha256(presented.encode()).hexdigest() if presented else ANONYMOUS
    route = f"{request.method} {request.url.path}"
    if len(route) > ROUTE_LENGTH:  # still one value per path, within the column
        route = route[: ROUTE_LENGTH - 65] + "#" + hashlib.sha256(route.encode()).hexdigest()
    digest = hashlib.sha256()
    # The version header chooses the body's shape: the same bytes under another version
    # are another request. A header value holds no newline, so the split is unambiguous.
    digest.update((request.headers.get(API_VERSION_HEADER) or "").encode("latin-1"))
    digest.update(b"\n")
    digest.update(body)
    return _Identity(scope, route, key, digest.hexdigest())


def _invalid_key(message: str) -> Invalid:
    return Invalid.fields([{"field": HEADER, "location": "header", "message": message}])


def _claim(factory: sessionmaker[Session], identity: _Identity, now: datetime) -> _Claim | _Stored:
    """Claims the key (committed at once) or says what the earlier use left behind."""
    for _ in range(CLAIM_ATTEMPTS):
        try:
            with transaction(factory) as session:
                outcome = _claim_once(session, identity, now)
        except IntegrityError:
            continue  # a simultaneous first use inserted between our look-up and insert
        if isinstance(outcome, SlotwiseError):
            raise outcome
        return outcome
    raise Conflict(STILL_RUNNING)


def _claim_once(
    session: Session, identity: _Identity, now: datetime
) -> _Claim | _Stored | SlotwiseError:
    _sweep_expired(session, now)
    row = _find_row(session, identity)
    if row is not None and row.expires_at <= now:  # expired: as if absent
        repository.remove(session, row)
        row = None
    if row is None:
        row = IdempotentRequest(
            scope=identity.scope,
            route=identity.route,
            key=identity.key,
            request_hash=identity.request_hash,
            response_status=None,
            response_body=None,
            created_at=now,
            expires_at=now + TTL,
        )
        repository.add(session, row)  # a simultaneous claim fails here (unique constraint)
        return _Claim(row.id, now)
    if row.request_hash != identity.request_hash:
        return Unprocessable(BODY_MISMATCH)
    if row.response_status is not None:
        return _Stored(row.response_status, row.response_body or "")
    if row.created_at > now - LEASE:
        return Conflict(STILL_RUNNING)
    if not repository.take_over(session, row.id, now=now, lease=LEASE, ttl=TTL):
        return Conflict(STILL_RUNNING)
    return _Claim(row.id, now)


def _find_row(session: Session, identity: _Identity) -> IdempotentRequest | None:
    scope = repository.for_request(identity.scope, identity.route)
    return repository.find(session, scope, identity.key)


def _sweep_expired(session: Session, now: datetime) -> None:
    """Deletes every expired row (indexed on expires_at), best effort: a failure here (a
    PostgreSQL deadlock with a concurrent sweep) must not fail the request."""
    try:
        with session.begin_nested():
            repository.delete_expired(session, now)
    except DBAPIError:
        logger.warning("could not sweep expired idempotency keys", exc_info=True)


def _replay(stored: _Stored) -> JSONResponse:
    response = StoredJSONResponse(stored.body.encode(), status_code=stored.status)
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _release(factory: sessionmaker[Session], claim: _Claim) -> None:
    with transaction(factory) as session:
        repository.release(session, claim)


async def _release_quietly(factory: sessionmaker[Session], claim: _Claim) -> None:
    """Deletes the claim so a retry runs again; if that fails, the lease frees the key in
    a minute, and the route's own error is the one worth reporting."""
    try:
        await run_in_threadpool(_release, factory, claim)
    except Exception:
        logger.exception("could not release an idempotency claim")


def _check_declared_before_session(request: Request) -> None:
    """Refuses a route whose request session opens before the claim (see module doc)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if isinstance(dependant, Dependant) and _first_of(dependant) is get_session:
        raise RuntimeError(
            f"{request.method} {request.url.path}: IdempotencyDep must come before WriteSessionDep "
            "(and before any dependency using it, such as CurrentUser) in the route's parameters"
        )


def _first_of(dependant: Dependant) -> Callable[..., Any] | None:
    """``idempotency`` or ``get_session``, whichever FastAPI resolves first (depth first,
    sub-dependencies before their dependant, in declaration order)."""
    for sub in dependant.dependencies:
        found = _first_of(sub)
        if found is not None:
            return found
        if sub.call is idempotency or sub.call is get_session:
            return sub.call
    return None
