"""Counts every request against its caller's limit before the app sees it, answers 429 past
the limit, and puts the limit's headers on every counted response."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
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
    """429 in the face's error shape: a page for a browser, v1 ``{"message"}``, else Cal.com's
    envelope."""
    path: str = scope.get("path", "")
    text = message.format(seconds=decision.reset_after)
    content_type, content = _refusal_body(scope, path, text, now)
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(content)).encode()),
    ]
    headers += [(k.lower().encode(), v.encode()) for k, v in decision.headers().items()]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def _refusal_body(scope: Scope, path: str, text: str, now: Clock) -> tuple[bytes, bytes]:
    """(content type, body) of the refusal."""
    if path == "/v1" or path.startswith("/v1/"):
        return JSON, json.dumps({"message": text}).encode()
    if not _is_api(path) and _accepts_html(scope):
        return HTML, THROTTLED_PAGE.format(message=html.escape(text)).encode()
    return JSON, json.dumps(v2_error_body(path, THROTTLED, text, now=now.now())).encode()


def _is_api(path: str) -> bool:
    return path.startswith(API_PREFIXES) or path in ("/v1", "/v2")


def _accepts_html(scope: Scope) -> bool:
    accept = Headers(scope=scope).get("accept", "")
    return "text/html" in accept


API_PREFIXES = ("/v1/", "/v2/", "/api/", "/openapi")
JSON = b"application/json"
HTML = b"text/html; charset=utf-8"
# A booking page asked for too often gets a page, not JSON: the visitor is a person. Kept
# self-contained (no template, no stylesheet): it must cost nothing to send.
THROTTLED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Too many requests</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem;
  color: #111; background: #fff; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #111; }} }}
</style></head>
<body><main><h1>Too many requests</h1><p>{message}.</p>
<p>Wait a moment, then reload this page.</p></main></body></html>
"""
