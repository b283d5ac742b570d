"""Refuses any request that carries text no database can store, before a route sees it:
a NUL character, or a lone UTF-16 surrogate in a JSON string.

PostgreSQL cannot store U+0000 in text or JSONB (SQLite can), and neither driver can encode
a lone surrogate (JSON's ``"\ud800"`` decodes to one; it is not a character), so no value
holding one can be valid anywhere in the API. Refusing them here, once, gives every route
the same 400 instead of a 500 deep in a driver on some routes and a 400 on others.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from slotwise.http.body_limit import replay_body
from slotwise.http.early_answers import send_error

# A JSON escape \u0000 preceded by an even number of backslashes (an odd count would mean the
# backslash itself is escaped: the text "\\u0000" is six harmless characters).
ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
MESSAGE = "Invalid request: the NUL character (U+0000) is not allowed in any value"
SURROGATE_PROBLEM = "is not valid text (a lone UTF-16 surrogate such as \\ud800)"


# A JSON escape of a surrogate (\ud800-\udfff), backslashes counted as for ESCAPED_NUL: a
# hint worth parsing the body for. A valid pair decodes to one character; a lone one stays.
ESCAPED_SURROGATE = re.compile(rb"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F]")


def lone_surrogate_field(body: bytes) -> str | None:
    """Where the JSON body holds a lone surrogate (``attendee.name``; ``body`` for the whole
    or a key), or None. A body that is not JSON is left to its route's parser."""
    if ESCAPED_SURROGATE.search(body) is None:
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return None
    pending: list[tuple[str, Any]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str) and _has_surrogate(value):
            return path or "body"
        if isinstance(value, dict):
            if any(_has_surrogate(key) for key in value):
                return path or "body"
            pending += [(f"{path}.{key}" if path else key, item) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [
                (f"{path}.{index}" if path else str(index), item)
                for index, item in enumerate(value)
            ]
    return None


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= character <= "\udfff" for character in text)


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
        field = lone_surrogate_field(body)
        if field is not None:
            await self._refuse_surrogate(scope, send, field)
            return
        await self.app(scope, replay_body(body, disconnected, receive), send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await send_error(scope, send, 400, MESSAGE)

    async def _refuse_surrogate(self, scope: Scope, send: Send, field: str) -> None:
        """Named as a validation error names a field, so it reads like the route's own 400."""
        details = [{"field": field, "location": "body", "message": SURROGATE_PROBLEM}]
        message = f"Invalid request: {field}: {SURROGATE_PROBLEM}"
        await send_error(scope, send, 400, message, details=details)
