"""``slotwise connection``: stored in the user's config dir (0600), keys never printed in
full again, the environment overrides the current one, ``--connection`` picks another."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

from tests.cli.live import (  # noqa: F401 (fixtures: clock, live server, cli)
    Cli,
    cli_fixture,
    failure,
    frozen_clock,
    live_server_fixture,
)
from tests.conftest import Account

KEY = "cal_0123456789abcdef0123456789abcdef"


def stored(cli: Cli) -> Path:
    return cli.config_home / "slotwise" / "connections.json"


def no_env(cli: Cli) -> dict[str, str | None]:
    return {"SLOTWISE_API_URL": None, "SLOTWISE_API_KEY": None}


def test_add_list_use_remove(cli: Cli) -> None:
    added = cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", KEY)
    assert added.exit_code == 0, added.stderr
    assert KEY not in added.stdout
    assert "cal_…cdef" in added.stdout
    assert cli("connection", "add", "cloud", "--base-url", "https://api.cal.com/", "--api-key",
               "cal_live_ffffffffffffffffffffffffffffffff", "--no-use").exit_code == 0  # fmt: skip

    path = stored(cli)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    listed = cli.json("connection", "list")
    ids = [row.pop("id") for row in listed]
    assert listed == [
        {
            "name": "cloud",
            "baseUrl": "https://api.cal.com",
            "apiKey": "cal_…ffff",
            "current": False,
        },
        {"name": "local", "baseUrl": cli.base_url, "apiKey": "cal_…cdef", "current": True},
    ]
    assert len(set(ids)) == 2
    assert all(re.fullmatch(r"[0-9a-f]{12}", connection_id) for connection_id in ids)
    table = cli("connection", "list")
    assert "local" in table.stdout
    assert KEY not in table.stdout

    assert cli("connection", "use", "cloud").exit_code == 0
    assert [c["name"] for c in cli.json("connection", "list") if c["current"]] == ["cloud"]
    assert cli("connection", "remove", "cloud").exit_code == 0
    assert [c["name"] for c in cli.json("connection", "list")] == ["local"]
    assert json.loads(path.read_text())["current"] is None
    assert "no connection named 'cloud'" in failure(cli("connection", "use", "cloud"), 2)
    assert "no connection named 'nope'" in failure(cli("connection", "remove", "nope"), 2)


def test_bad_names_and_urls_are_exit_2(cli: Cli) -> None:
    assert "http" in failure(cli("connection", "add", "x", "--base-url", "ftp://h"), 2)
    assert "name" in failure(cli("connection", "add", "a b", "--base-url", "http://h"), 2)
    assert not stored(cli).exists()


def test_the_key_can_come_from_stdin(cli: Cli) -> None:
    result = cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", "-",
                 stdin=KEY + "\n")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(stored(cli).read_text())["connections"]["local"]["apiKey"] == KEY


def test_the_current_connection_is_used(cli: Cli, alice: Account) -> None:
    assert cli("connection", "add", "local", "--base-url", cli.base_url,
               "--api-key", alice.api_key).exit_code == 0  # fmt: skip
    me = cli.run("get-current-user", **no_env(cli))["data"]
    assert me["id"] == alice.id


def test_environment_overrides_the_current_connection(cli: Cli, alice: Account) -> None:
    cli("connection", "add", "broken", "--base-url", "http://127.0.0.1:9", "--api-key", KEY)
    # SLOTWISE_API_URL / _KEY (from the fixture) win over the stored current connection...
    assert cli.run("get-current-user")["data"]["id"] == alice.id
    # ...and SLOTWISE_BASE_URL (the server's own public URL) is not a connection setting.
    result = cli("action", "run", "get-current-user", **no_env(cli),
                 SLOTWISE_BASE_URL=cli.base_url)  # fmt: skip
    assert "cannot reach http://127.0.0.1:9" in failure(result, 3)


def test_connection_flag_and_its_membrane_alias(cli: Cli, alice: Account) -> None:
    cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", alice.api_key)
    env = {"SLOTWISE_API_URL": "http://127.0.0.1:9", "SLOTWISE_API_KEY": KEY}
    for flag in ("--connection", "--connectionId", "-c"):
        me = cli.json("action", "run", "get-current-user", flag, "local", **env)
        assert me["data"]["id"] == alice.id, flag
    line = failure(cli("action", "run", "get-current-user", "--connection", "nope"), 2)
    assert "no connection named 'nope'" in line


def test_a_malformed_connections_file_is_one_line_not_a_traceback(cli: Cli) -> None:
    stored(cli).parent.mkdir(parents=True, exist_ok=True)
    stored(cli).write_text('{"current": "x", "connections": {"x": "oops"}}')
    listed = cli("connection", "list")
    assert listed.exit_code == 2
    assert listed.stderr.startswith("error: ")
    assert "malformed" in listed.stderr
    assert "Traceback" not in listed.stderr + listed.stdout


def test_each_connection_has_a_stable_id_accepted_like_its_name(cli: Cli, alice: Account) -> None:
    cli("connection", "add", "local", "--base-url", "http://127.0.0.1:9", "--api-key", KEY)
    [first] = cli.json("connection", "list")
    # Updating the connection keeps its id.
    cli("connection", "add", "local", "--base-url", cli.base_url, "--api-key", alice.api_key)
    [updated] = cli.json("connection", "list")
    assert updated["id"] == first["id"]
    env = {"SLOTWISE_API_URL": "http://127.0.0.1:9", "SLOTWISE_API_KEY": KEY}
    for flag in ("--connectionId", "--connection"):
        me = cli.json("action", "run", "get-current-user", flag, first["id"], **env)
        assert me["data"]["id"] == alice.id, flag
    assert cli("connection", "use", first["id"]).exit_code == 0
    assert cli("connection", "remove", first["id"]).exit_code == 0
    assert cli.json("connection", "list") == []


def test_a_file_from_before_ids_gets_stable_derived_ids(cli: Cli) -> None:
    stored(cli).parent.mkdir(parents=True, exist_ok=True)
    old = {"current": "x", "connections": {"x": {"baseUrl": "http://h", "apiKey": None}}}
    stored(cli).write_text(json.dumps(old))
    first = cli.json("connection", "list")[0]["id"]
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert cli.json("connection", "list")[0]["id"] == first
    assert json.loads(stored(cli).read_text()) == old  # listing never rewrites the file
