"""Refuses a request body larger than the configured limit (413), before anything reads it
whole: a declared ``Content-Length`` over the limit is refused unread, and a body sent
without one (chunked) is counted as it arrives and refused the moment it passes the limit.
Routes and the other middlewares therefore never hold more than the limit in memory."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from slotwise.http.early_answers import send_error


def too_large_message(max_bytes: int) -> str:
    return f"Request body too large: at most {max_bytes} bytes are accepted"


class LimitRequestBody:
    """Pure ASGI middleware: buffers at most ``max_bytes`` of body, then replays it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        ending: Message | None = None
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                ending = message
                break
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, replay_body(b"".join(chunks), ending, receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_error(scope, send, 413, too_large_message(self.max_bytes), close=True)


def _declared_length(scope: Scope) -> int | None:
    """The Content-Length header's value; None when absent or unreadable (the server's
    HTTP parser refuses a malformed one before the app is called)."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


def replay_body(body: bytes, ending: Message | None, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then what the server says next."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if ending is not None:
            return ending
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
