"""Talking to a server through a connection: auth added, failures turned into exit codes
(1 the server said no, 2 bad usage, 3 the server cannot be reached), one line each."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from slotwise import __version__
from slotwise.cli.common import USAGE_ERROR

if TYPE_CHECKING:
    import httpx

    from slotwise.actions.mapping import ApiRequest
    from slotwise.cli.connection import Connection

SERVER_SAID_NO = 1
UNREACHABLE = 3
TIMEOUT_SECONDS = 30.0


def _exit(code: int, message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)


def server_message(response: httpx.Response) -> str:
    """The reason in any of the error shapes: Cal.com v2's envelope, v1's ``{message}``,
    FastAPI's ``{detail}``, or plain text."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip().splitlines()[0][:300] if response.text.strip() else ""
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
        for key in ("message", "detail", "error"):
            if body.get(key):
                value = body[key]
                return value if isinstance(value, str) else json.dumps(value)
    return json.dumps(body)[:300]


class RemoteError(Exception):
    """A request that did not get a 2xx answer: the exit code it means, and one line."""

    def __init__(self, exit_code: int, message: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.message = message


def call(
    connection: Connection,
    request: ApiRequest,
    *,
    raw_body: bytes | None = None,
    not_found_hint: str | None = None,
) -> Any:
    """Send, and return the parsed JSON body (or text) of a 2xx answer; raise RemoteError
    otherwise (the MCP server reports it as a tool error, the CLI as an exit code)."""
    import httpx  # only a command that sends loads it

    headers = {"User-Agent": f"slotwise-cli/{__version__}", **request.headers}
    query = dict(request.query)
    if connection.api_key:
        if not any(name.lower() == "authorization" for name in headers):
            headers["Authorization"] = f"Bearer {connection.api_key}"
        # Cal.com's v1 API reads the key from the query string only.
        if request.path.startswith("/v1/") and "apiKey" not in query:
            query["apiKey"] = connection.api_key
    url = connection.base_url + request.path
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS) as client:
            response = client.request(
                request.method,
                url,
                params=query or None,
                headers=headers,
                json=request.json_body if request.has_body and raw_body is None else None,
                content=raw_body,
            )
    except httpx.InvalidURL as exc:
        raise RemoteError(USAGE_ERROR, f"bad URL {url!r}: {exc}") from exc
    except httpx.TransportError as exc:
        reason = str(exc) or type(exc).__name__
        message = f"cannot reach {connection.base_url} ({connection.name}): {reason}"
        raise RemoteError(UNREACHABLE, message) from exc
    if response.status_code >= 400:
        message = server_message(response)
        if response.status_code == 404 and not_found_hint:
            message = f"{message} ({not_found_hint})"
        status = f"{response.status_code} {response.reason_phrase}".strip()
        raise RemoteError(SERVER_SAID_NO, f"{request.method} {request.path}: {status}: {message}")
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def send(
    connection: Connection,
    request: ApiRequest,
    *,
    raw_body: bytes | None = None,
    not_found_hint: str | None = None,
) -> Any:
    """``call``, with a failure turned into one line on stderr and its exit code."""
    try:
        return call(connection, request, raw_body=raw_body, not_found_hint=not_found_hint)
    except RemoteError as exc:
        send_failed(exc)


def send_failed(error: RemoteError) -> NoReturn:
    _exit(error.exit_code, error.message)
