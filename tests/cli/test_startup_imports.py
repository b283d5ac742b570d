"""Commands that print help or talk to a server start without the server's stack: they never
import FastAPI, SQLAlchemy, Alembic or the domains (agents call the CLI many times in a row;
bench/cli_startup.py times it). Checked in a fresh interpreter, since this test process has
imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SERVER_STACK = ("fastapi", "sqlalchemy", "alembic", "jinja2", "slotwise.app", "slotwise.db")


def modules_after(tmp_path: Path, *argv: str) -> set[str]:
    """The modules loaded once ``slotwise ARGV`` has run (in-process, in a new interpreter)."""
    script = (
        "import json, sys\n"
        "from slotwise.cli.main import app\n"
        f"try:\n    app({list(argv)!r}, standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize(
    "argv",
    [
        ("--help",),
        ("--version",),
        ("action", "list", "--intent", "cancel my meeting tomorrow"),
        ("action", "run", "--help"),
        ("admin", "--help"),
        ("outbox", "list", "--help"),
        ("connection", "list"),
    ],
)
def test_a_command_that_needs_no_database_does_not_load_the_server(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    loaded = modules_after(tmp_path, *argv)
    assert "slotwise.cli.main" in loaded
    assert sorted(name for name in SERVER_STACK if name in loaded) == []


def test_an_action_list_without_intent_does_not_load_the_ranker_nor_jsonschema(
    tmp_path: Path,
) -> None:
    loaded = modules_after(tmp_path, "action", "list", "--json")
    assert "slotwise.actions.catalog" in loaded
    assert "slotwise.actions.intent" not in loaded
    assert "jsonschema" not in loaded


def test_an_admin_command_still_reaches_the_database(tmp_path: Path) -> None:
    """The lazy imports are still there when a command needs them."""
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path),
        "SLOTWISE_DATA_DIR": str(tmp_path / "data"),
    }
    script = (
        "import sys\n"
        "from slotwise.cli.main import app\n"
        "app(['admin', 'list-users', '--json'], standalone_mode=False)\n"
        "sys.stderr.write(str('sqlalchemy' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []
    assert done.stderr.splitlines()[-1] == "True"


def test_the_app_starts_without_the_libraries_only_some_requests_need(tmp_path: Path) -> None:
    """`slotwise serve` builds the app without markdown-it (bios), icalendar and Babel
    (emails), httpx (webhook deliveries), jsonschema or the MCP SDK: each is imported by the
    code that uses it, at its first use."""
    script = (
        "import json, sys\n"
        "from slotwise.app import create_app\n"
        "create_app()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "SLOTWISE_DATA_DIR": str(tmp_path / "data")}
    env.pop("SLOTWISE_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(done.stderr.splitlines()[-1]))
    assert "slotwise.web" in loaded
    deferred = ("markdown_it", "icalendar", "babel", "httpx", "jsonschema", "mcp", "rich")
    assert sorted(name for name in deferred if name in loaded) == []
