"""``slotwise connection``: the servers the CLI talks to (slotwise, or any server that speaks
Cal.com's API), kept in the user's config dir, readable by the user only.

``SLOTWISE_API_URL`` / ``SLOTWISE_API_KEY`` override the current connection's URL and key
(``SLOTWISE_BASE_URL`` is the server's own public URL, not this); ``--connection NAME`` on a
command picks a stored connection and wins over both.
"""

from __future__ import annotations

import json
import os
import re
import sys
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
    """``connections.json``: ``{"current": NAME, "connections": {NAME: {baseUrl, apiKey}}}``."""

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

    def get(self, name: str) -> Connection | None:
        stored = self.read()["connections"].get(name)
        if not isinstance(stored, dict):
            return None
        return Connection(name, str(stored.get("baseUrl", "")), stored.get("apiKey"))


def resolve_connection(name: str | None) -> Connection:
    """The connection a command uses: ``--connection NAME``, else the current one with the
    environment's URL and key laid over it."""
    store = ConnectionStore()
    if name:
        found = store.get(name)
        if found is None:
            fail(f"no connection named {name!r} (see: slotwise connection list)")
        return found
    document = store.read()
    current_name = document.get("current")
    current = store.get(current_name) if isinstance(current_name, str) else None
    base_url = os.environ.get(API_URL_VAR) or (current.base_url if current else None)
    api_key = os.environ.get(API_KEY_VAR) or (current.api_key if current else None)
    if not base_url:
        fail(
            "no connection: run `slotwise connection add NAME --base-url URL --api-key KEY` "
            f"or set {API_URL_VAR} and {API_KEY_VAR}"
        )
    label = current.name if current and not os.environ.get(API_URL_VAR) else "environment"
    return Connection(label, base_url.rstrip("/"), api_key)


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
        help="A stored connection to use instead of the current one.",
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
    replaced = name in document["connections"]
    document["connections"][name] = {"baseUrl": base_url.rstrip("/"), "apiKey": api_key or None}
    if use or not document.get("current"):
        document["current"] = name
    store.write(document)
    verb = "updated" if replaced else "added"
    current = " (current)" if document["current"] == name else ""
    print(f"{verb} connection {name}{current}: {base_url.rstrip('/')}, key {mask_key(api_key)}")


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
    table = Table("", "name", "base URL", "API key")
    for row in rows:
        table.add_row("*" if row["current"] else "", row["name"], row["baseUrl"], row["apiKey"])
    Console().print(table)
    if os.environ.get(API_URL_VAR) or os.environ.get(API_KEY_VAR):
        print(f"note: {API_URL_VAR}/{API_KEY_VAR} are set and override the current connection")


@app.command("remove")
def remove(
    name: Annotated[str, typer.Argument(autocompletion=complete_connection_name)],
) -> None:
    """Forget a stored connection.

    Example: slotwise connection remove local
    """
    store = ConnectionStore()
    document = store.read()
    if name not in document["connections"]:
        fail(f"no connection named {name!r} (see: slotwise connection list)")
    del document["connections"][name]
    if document.get("current") == name:
        document["current"] = None
    store.write(document)
    print(f"removed connection {name}")


@app.command("use")
def use_connection(
    name: Annotated[str, typer.Argument(autocompletion=complete_connection_name)],
) -> None:
    """Make a stored connection the current one.

    Example: slotwise connection use calcom
    """
    store = ConnectionStore()
    document = store.read()
    if name not in document["connections"]:
        fail(f"no connection named {name!r} (see: slotwise connection list)")
    document["current"] = name
    store.write(document)
    print(f"now using connection {name}")
