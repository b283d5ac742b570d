"""Refuses any request that carries a NUL character, before a route sees it.

PostgreSQL cannot store U+0000 in text or JSONB (SQLite can), so no value holding one can be
valid anywhere in the API; refusing it here, once, keeps both databases answering alike
(400) instead of one of them failing with a 500 deep in the driver.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from slotwise.http.body_limit import replay_body
from slotwise.http.early_answers import send_error

# A JSON escape \u0000 preceded by an even number of backslashes (an odd count would mean the
# backslash itself is escaped: the text "\\u0000" is six harmless characters).
ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
MESSAGE = "Invalid request: the NUL character (U+0000) is not allowed in any value"


def carries_nul(path: str, query_string: bytes, body: bytes) -> bool:
    return (
        "\x00" in path
        or b"%00" in query_string
        or b"\x00" in query_string
        or b"\x00" in body
        or ESCAPED_NUL.search(body) is not None
    )


class RejectNulCharacters:
    """Pure ASGI middleware: reads the (small, JSON) body once, checks it, replays it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        disconnected: Message | None = None
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                disconnected = message
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if carries_nul(scope.get("path", ""), scope.get("query_string", b""), body):
            await self._refuse(scope, send)
            return

        await self.app(scope, replay_body(body, disconnected, receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_error(scope, send, 400, MESSAGE)
