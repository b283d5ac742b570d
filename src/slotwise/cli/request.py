"""``slotwise request``: a raw request through a connection (base URL and key added), for
what no action covers. curl-like flags, plus the spellings Membrane users type."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import typer

from slotwise.actions.mapping import ApiRequest
from slotwise.cli.common import fail
from slotwise.cli.connection import ConnectionOption, resolve_connection
from slotwise.cli.remote import send

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}|:([A-Za-z_][A-Za-z0-9_]*)")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Paths that are not the versioned API, left as given.
UNVERSIONED = ("/health", "/openapi.json")


def _pairs(values: list[str], flag: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            fail(f"{flag} {value!r}: expected KEY=VALUE")
        pairs.append((key, rest))
    return pairs


def _headers(values: list[str]) -> dict[str, str]:
    headers = {}
    for value in values:
        name, sep, rest = value.partition(":")
        if not sep or not name.strip():
            fail(f"-H {value!r}: expected 'Name: value'")
        headers[name.strip()] = rest.strip()
    return headers


def _fill_path(path: str, params: list[tuple[str, str]]) -> str:
    """``{name}`` or ``:name`` in the path replaced by ``--path-param name=value``."""
    values = dict(params)
    unknown = [name for name in values if f"{{{name}}}" not in path and f":{name}" not in path]
    if unknown:
        fail(f"--path-param {unknown[0]}: the path {path!r} has no {{{unknown[0]}}}")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        if name not in values:
            fail(f"the path has {{{name}}} but no value: add --path-param {name}=VALUE")
        return quote(values[name], safe="")

    return PLACEHOLDER.sub(replace, path)


def _read_data(value: str) -> str:
    if value.startswith("@"):
        try:
            return Path(value[1:]).read_text()
        except OSError as exc:
            fail(f"cannot read data file {value[1:]!r}: {exc.strerror or exc}")
    return value


def _attach_body(
    built: ApiRequest, *, data: str | None, json_document: str | None, raw_data: str | None
) -> bytes | None:
    """Put the one body given on the request: JSON (a document after ``--json``, or ``-d``
    when it parses), else raw bytes (``--raw-data``, or a form body from ``-d``), returned."""
    given = [
        flag
        for flag, value in (("-d", data), ("--json", json_document), ("--raw-data", raw_data))
        if value is not None
    ]
    if len(given) > 1:
        fail(f"{' and '.join(given)}: give one body only")
    has_content_type = any(name.lower() == "content-type" for name in built.headers)
    if json_document is not None:
        try:
            built.json_body, built.has_body = json.loads(_read_data(json_document)), True
        except ValueError as exc:
            fail(f"--json is not valid JSON: {exc}")
        return None
    if data is not None:
        text = _read_data(data)
        try:
            built.json_body, built.has_body = json.loads(text), True
            return None
        except ValueError:
            if not has_content_type:  # not JSON: a form body, as curl -d sends it
                built.headers["Content-Type"] = "application/x-www-form-urlencoded"
            return text.encode()
    if raw_data is not None:
        if not has_content_type:
            built.headers["Content-Type"] = "application/json"  # the API speaks JSON only
        return raw_data.encode()
    return None


def _is_json_document(word: str) -> bool:
    """What may follow ``--json`` as its body: an object, an array or an @file. Never a
    connection name (letters first) or a path, so reading it so is unambiguous."""
    return word.lstrip().startswith(("{", "[", "@"))


def _split_words(words: list[str], as_json: bool) -> tuple[str | None, str, str | None]:
    """``[CONNECTION] PATH`` and, after a bare ``--json``, the JSON document that
    ``--json DOC`` used to take (kept working: the document is one of the words)."""
    documents = [word for word in words if as_json and _is_json_document(word)]
    rest = [word for word in words if word not in documents]
    if len(documents) > 1:
        fail("--json: give one JSON document (or put the body in -d)")
    if not rest or len(rest) > 2:
        fail("expected [CONNECTION] PATH, e.g. `slotwise request local /v2/me`")
    connection, path = (None, rest[0]) if len(rest) == 1 else (rest[0], rest[1])
    return connection, path, documents[0] if documents else None


def with_version(path: str) -> str:
    """A path with no version prefix is a v2 one (``/bookings`` -> ``/v2/bookings``)."""
    path = path if path.startswith("/") else "/" + path
    if re.match(r"^/(v1|v2)(/|$)", path) or path in UNVERSIONED:
        return path
    return "/v2" + path


def request(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="[CONNECTION] PATH", help="e.g. /v2/me, bookings (v2), or: local /v2/me"
        ),
    ],
    method: Annotated[
        str | None,
        typer.Option("-X", "--method", help="HTTP method (default GET, POST with data)."),
    ] = None,
    header: Annotated[
        list[str] | None, typer.Option("-H", "--header", help="'Name: value'; repeatable.")
    ] = None,
    data: Annotated[
        str | None,
        typer.Option("-d", "--data", help="Body (or @file): sent as JSON when it parses."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the answer as one line of JSON. `--json '{...}'` (a JSON document or "
            "@file right after it) still sends that document as the body.",
        ),
    ] = False,
    raw_data: Annotated[
        str | None,
        typer.Option("--raw-data", "--rawData", help="Body sent byte for byte (no @file)."),
    ] = None,
    query: Annotated[
        list[str] | None, typer.Option("--query", "-q", help="KEY=VALUE query; repeatable.")
    ] = None,
    path_param: Annotated[
        list[str] | None,
        typer.Option(
            "--path-param", "--pathParam", help="KEY=VALUE for {KEY} in PATH; repeatable."
        ),
    ] = None,
    connection: ConnectionOption = None,
) -> None:
    """Send a raw request through a connection and print the answer's body. A path without
    /v1 or /v2 is a v2 path.

    Example: slotwise request /v2/bookings/{uid}/cancel --path-param uid=abc -X POST --json -d '{}'
    """
    named, path, json_document = _split_words(words, as_json)
    if named is not None:  # `request CONNECTION PATH`, as Membrane's CLI takes it
        if connection is not None:
            fail("give the connection once: either `request CONNECTION PATH` or --connection")
        connection = named
    if "://" in path:
        fail("give a path like /v2/me, not a URL: the base URL comes from the connection")
    path = _fill_path(with_version(path), _pairs(path_param or [], "--path-param"))
    built = ApiRequest(method="GET", path=path, headers=_headers(header or []))
    raw_body = _attach_body(built, data=data, json_document=json_document, raw_data=raw_data)
    built.method = (method or ("POST" if built.has_body or raw_body is not None else "GET")).upper()
    if built.method not in METHODS:
        fail(f"-X {method!r}: use one of {', '.join(METHODS)}")
    built.query = _query(query or [])
    body = send(resolve_connection(connection), built, raw_body=raw_body)
    if body is not None:
        print(body if isinstance(body, str) else _json(body, one_line=as_json))


def _query(values: list[str]) -> dict[str, Any]:
    """``--query k=v`` pairs; a key given twice becomes a list."""
    gathered: dict[str, list[str]] = {}
    for key, value in _pairs(values, "--query"):
        gathered.setdefault(key, []).append(value)
    return {key: found[0] if len(found) == 1 else found for key, found in gathered.items()}


def _json(body: Any, *, one_line: bool) -> str:
    return json.dumps(body, ensure_ascii=False, indent=None if one_line else 2)
