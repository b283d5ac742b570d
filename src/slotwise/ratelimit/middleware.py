"""Counts every request against its caller's limit before the app sees it, answers 429 past
the limit, and puts the limit's headers on every counted response."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import anyio.to_thread
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from slotwise.clock import Clock
from slotwise.http.envelope import v2_error_body
from slotwise.ratelimit.callers import Caller, identify, is_counted
from slotwise.ratelimit.errors import THROTTLED
from slotwise.ratelimit.limiter import RateLimiter
from slotwise.ratelimit.limits import Decision

T = TypeVar("T")
TOO_MANY_REQUESTS = "Too many requests; try again in {seconds} s"
TOO_MANY_FAILED_KEYS = "Too many requests with an unknown API key; try again in {seconds} s"


class EnforceRateLimits:
    """Pure ASGI middleware. An API key counts against the key; no key, against the address.
    A key the app refuses (401) also counts against the address, so guessing keys (each
    a bucket of its own) is bounded too."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, clock: Clock) -> None:
        self.app = app
        self.limiter = limiter
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_counted(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        caller = identify(scope)
        now = self.clock.now()
        if caller.key_hash is not None:
            failed = await self._run(self.limiter.failed_keys, caller, now)
            if failed is not None and failed.remaining == 0:
                refused = replace(failed, allowed=False)
                await refuse(scope, send, refused, TOO_MANY_FAILED_KEYS, now=self.clock)
                return
        decision = await self._run(self.limiter.charge_request, caller, now)
        if decision is not None and not decision.allowed:
            await refuse(scope, send, decision, TOO_MANY_REQUESTS, now=self.clock)
            return
        status = await self._call_app(scope, receive, send, decision)
        if status == 401 and caller.key_hash is not None:
            await self._run(self.limiter.charge_failed_key, caller, now)

    async def _call_app(
        self, scope: Scope, receive: Receive, send: Send, decision: Decision | None
    ) -> int:
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if decision is not None:
                    headers = MutableHeaders(scope=message)
                    for name, value in decision.headers().items():
                        headers.setdefault(name, value)  # a route's own 429 keeps its numbers
            await send(message)

        await self.app(scope, receive, send_with_headers)
        return status

    async def _run(self, method: Callable[[Caller, Any], T], caller: Caller, now: Any) -> T:
        """A backend that waits on the network runs in a worker thread, off the event loop."""
        if self.limiter.blocking:
            return await anyio.to_thread.run_sync(method, caller, now)
        return method(caller, now)


async def refuse(scope: Scope, send: Send, decision: Decision, message: str, *, now: Clock) -> None:
    """429 in the face's error shape (v1 ``{"message"}``, else Cal.com's envelope)."""
    path: str = scope.get("path", "")
    text = message.format(seconds=decision.reset_after)
    payload: Any = (
        {"message": text}
        if path == "/v1" or path.startswith("/v1/")
        else v2_error_body(path, THROTTLED, text, now=now.now())
    )
    content = json.dumps(payload).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(content)).encode()),
    ]
    headers += [(k.lower().encode(), v.encode()) for k, v in decision.headers().items()]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": content})
