"""``slotwise connection``: the servers the CLI talks to (slotwise, or any server that speaks
Cal.com's API), kept in the user's config dir, readable by the user only.

``SLOTWISE_API_URL`` / ``SLOTWISE_API_KEY`` override the current connection's URL and key
(``SLOTWISE_BASE_URL`` is the server's own public URL, not this); ``--connection NAME`` on a
command picks a stored connection and wins over both.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from platformdirs import user_config_dir
from rich.console import Console
from rich.table import Table

from slotwise.cli.common import fail

API_URL_VAR = "SLOTWISE_API_URL"
API_KEY_VAR = "SLOTWISE_API_KEY"
CONNECTIONS_FILE = "connections.json"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

app = typer.Typer(
    help="Servers the CLI talks to: add, list, remove, use.\n\n"
    "Example: slotwise connection add local --base-url http://127.0.0.1:8000 --api-key cal_...",
    no_args_is_help=True,
)


@dataclass(frozen=True)
class Connection:
    name: str
    base_url: str
    api_key: str | None


class NoConnection(LookupError):
    """No connection by that name or id, or none configured at all; the message says what
    to do."""


def new_connection_id() -> str:
    return uuid.uuid4().hex[:12]


def connection_id(name: str, stored: dict[str, Any]) -> str:
    """The id stored with the connection; a file written before ids existed gets one
    derived from the name, so it is stable without rewriting the file."""
    stored_id = stored.get("id")
    if isinstance(stored_id, str) and stored_id:
        return stored_id
    return hashlib.sha256(name.encode()).hexdigest()[:12]


def mask_key(key: str | None) -> str:
    """Enough of a key to tell two apart, never enough to use it."""
    if not key:
        return "(none)"
    if len(key) <= 12:
        return "…" + key[-2:]
    return f"{key[:4]}…{key[-4:]}"


def config_dir() -> Path:
    return Path(user_config_dir("slotwise", appauthor=False))


class ConnectionStore:
    """``connections.json``: ``{"current": NAME, "connections": {NAME: {id, baseUrl,
    apiKey}}}``."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / CONNECTIONS_FILE

    def read(self) -> dict[str, Any]:
        try:
            document = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {"current": None, "connections": {}}
        except (OSError, ValueError) as exc:
            fail(f"cannot read {self.path}: {exc}")
        if not isinstance(document, dict) or not isinstance(document.get("connections"), dict):
            fail(f"{self.path} is not a connections file; fix or remove it")
        for name, entry in document["connections"].items():
            if not isinstance(entry, dict) or not isinstance(entry.get("baseUrl"), str):
                fail(f"{self.path}: connection {name!r} is malformed; fix or remove it")
        return document

    def write(self, document: dict[str, Any]) -> None:
        """Written whole to a 0600 temporary file, then renamed: never half a file, never a
        moment where another user could read the keys."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            json.dump(document, handle, indent=2)
        os.chmod(temporary, 0o600)  # an older file of that name may have kept another mode
        os.replace(temporary, self.path)

    def get(self, name_or_id: str) -> Connection | None:
        """The connection of that name, else the one with that id."""
        connections = self.read()["connections"]
        name = name_or_id
        if name not in connections:
            by_id = [n for n, stored in connections.items() if connection_id(n, stored) == name]
            name = by_id[0] if by_id else name
        stored = connections.get(name)
        if not isinstance(stored, dict):
            return None
        return Connection(name, str(stored.get("baseUrl", "")), stored.get("apiKey"))


def find_connection(name_or_id: str | None) -> Connection:
    """The connection a command uses: ``--connection NAME`` (or its id), else the current
    one with the environment's URL and key laid over it. Raises NoConnection."""
    store = ConnectionStore()
    if name_or_id:
        found = store.get(name_or_id)
        if found is None:
            raise NoConnection(
                f"no connection named {name_or_id!r} or with that id "
                "(see: slotwise connection list)"
            )
        return found
    document = store.read()
    current_name = document.get("current")
    current = store.get(current_name) if isinstance(current_name, str) else None
    base_url = os.environ.get(API_URL_VAR) or (current.base_url if current else None)
    api_key = os.environ.get(API_KEY_VAR) or (current.api_key if current else None)
    if not base_url:
        raise NoConnection(
            "no connection: run `slotwise connection add NAME --base-url URL --api-key KEY` "
            f"or set {API_URL_VAR} and {API_KEY_VAR}"
        )
    label = current.name if current and not os.environ.get(API_URL_VAR) else "environment"
    return Connection(label, base_url.rstrip("/"), api_key)


def resolve_connection(name_or_id: str | None) -> Connection:
    """``find_connection``, with a failure as one line and exit code 2."""
    try:
        return find_connection(name_or_id)
    except NoConnection as exc:
        fail(str(exc))


def complete_connection_name(incomplete: str) -> list[str]:
    try:
        names = ConnectionStore().read()["connections"]
    except (typer.Exit, SystemExit):
        return []
    return [name for name in names if name.startswith(incomplete)]


ConnectionOption = Annotated[
    str | None,
    typer.Option(
        "--connection",
        "--connectionId",
        "-c",
        help="A stored connection (name or id) to use instead of the current one.",
        autocompletion=complete_connection_name,
    ),
]


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="A short name, e.g. local or calcom.")],
    base_url: Annotated[
        str, typer.Option("--base-url", "--baseUrl", help="e.g. http://127.0.0.1:8000")
    ],
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", "--apiKey", help="The API key; '-' reads it from stdin."),
    ] = None,
    use: Annotated[
        bool, typer.Option("--use/--no-use", help="Make it the current connection.")
    ] = True,
) -> None:
    """Store a connection (in the user's config dir, mode 0600) and make it current.

    Example: slotwise connection add local --base-url http://127.0.0.1:8000 --api-key cal_...
    """
    if not NAME_PATTERN.match(name):
        fail(f"connection name {name!r}: use letters, digits, '-', '_' or '.'")
    if not base_url.startswith(("http://", "https://")):
        fail(f"--base-url {base_url!r} must start with http:// or https://")
    if api_key == "-":
        api_key = sys.stdin.readline().strip()
    store = ConnectionStore()
    document = store.read()
    previous = document["connections"].get(name)
    replaced = isinstance(previous, dict)
    kept_id = connection_id(name, previous) if isinstance(previous, dict) else new_connection_id()
    document["connections"][name] = {
        "id": kept_id,  # kept when the connection is updated, so scripts can rely on it
        "baseUrl": base_url.rstrip("/"),
        "apiKey": api_key or None,
    }
    if use or not document.get("current"):
        document["current"] = name
    store.write(document)
    verb = "updated" if replaced else "added"
    current = " (current)" if document["current"] == name else ""
    print(
        f"{verb} connection {name}{current} (id {kept_id}): {base_url.rstrip('/')}, "
        f"key {mask_key(api_key)}"
    )


@app.command("list")
def list_connections(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array.")] = False,
) -> None:
    """Every stored connection; keys are shown masked.

    Example: slotwise connection list --json
    """
    document = ConnectionStore().read()
    rows = [
        {
            "id": connection_id(name, stored),
            "name": name,
            "baseUrl": stored.get("baseUrl"),
            "apiKey": mask_key(stored.get("apiKey")),
            "current": name == document.get("current"),
        }
        for name, stored in sorted(document["connections"].items())
    ]
    if as_json:
        print(json.dumps(rows))
        return
    if not rows:
        print("no connections yet: slotwise connection add NAME --base-url URL --api-key KEY")
        return
    table = Table("", "name", "id", "base URL", "API key")
    for row in rows:
        mark = "*" if row["current"] else ""
        table.add_row(mark, row["name"], row["id"], row["baseUrl"], row["apiKey"])
    Console().print(table)
    if os.environ.get(API_URL_VAR) or os.environ.get(API_KEY_VAR):
        print(f"note: {API_URL_VAR}/{API_KEY_VAR} are set and override the current connection")


def _stored_name(store: ConnectionStore, name_or_id: str) -> str:
    found = store.get(name_or_id)
    if found is None:
        fail(f"no connection named {name_or_id!r} or with that id (see: slotwise connection list)")
    return found.name


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(autocompletion=complete_connection_name)],
) -> None:
    """Forget a stored connection (by name or id).

    Example: slotwise connection remove local
    """
    store = ConnectionStore()
    name = _stored_name(store, name)
    document = store.read()
    del document["connections"][name]
    if document.get("current") == name:
        document["current"] = None
    store.write(document)
    print(f"removed connection {name}")


@app.command("use")
def use_connection(
    name: Annotated[str, typer.Argument(autocompletion=complete_connection_name)],
) -> None:
    """Make a stored connection (by name or id) the current one.

    Example: slotwise connection use calcom
    """
    store = ConnectionStore()
    name = _stored_name(store, name)
    document = store.read()
    document["current"] = name
    store.write(document)
    print(f"now using connection {name}")
