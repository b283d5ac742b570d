"""Error answers sent by the ASGI middlewares that refuse a request before any route runs,
in the same shapes as ``http/errors.py`` (v1's ``{"message"}``, else Cal.com's envelope)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from starlette.types import Scope, Send

from slotwise.http.envelope import v2_error_body
from slotwise.http.errors import HTTP_STATUS_CODES


async def send_error(
    scope: Scope,
    send: Send,
    status: int,
    message: str,
    *,
    details: Any = None,
    close: bool = False,
) -> None:
    """``close``: the client is still sending a body nobody will read; ask the server to
    drop the connection after the answer instead of reading the rest."""
    path: str = scope.get("path", "").replace("\x00", "")
    payload: Any = (
        {"message": message}
        if path == "/v1" or path.startswith("/v1/")
        else v2_error_body(path, HTTP_STATUS_CODES[status], message, details, now=_app_now(scope))
    )
    content = json.dumps(payload).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(content)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def _app_now(scope: Scope) -> datetime | None:
    """The app's injected clock (Starlette puts the app in the scope), as error handlers use."""
    clock = getattr(getattr(scope.get("app"), "state", None), "clock", None)
    now: datetime | None = clock.now() if clock is not None else None
    return now
