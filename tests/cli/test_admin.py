"""``slotwise admin``: users and API keys made from the command line, on SQLite and PostgreSQL.

Every failure must exit 2 with one line on stderr and leave the database as it was.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from slotwise.db import make_engine
from slotwise.users.passwords import verify_password
from tests.cli.helpers import (
    API_KEY,
    api_client,
    assert_key_not_in_sqlite_files,
    assert_key_stored_only_as_hash,
    cli_env,
    count_rows,
    error_line,
    invoke,
    json_output,
    list_users,
    me,
    run_slotwise,
    subprocess_env,
)

ALICE = [
    "--email", "alice@example.com", "--username", "alice", "--name", "Alice Liddell",
    "--time-zone", "Europe/London",
]  # fmt: skip


class Cli:
    """The CLI pointed at one test's database (``database_url`` fixture: SQLite or PostgreSQL)."""

    def __init__(self, data_dir: Path, database_url: str, backend: str) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.backend = backend
        self.env = cli_env(data_dir, database_url)

    def run(self, *args: str) -> Any:
        return invoke(args, self.env)

    def create_user(self, *args: str) -> dict[str, Any]:
        created = json_output(self.run("admin", "create-user", *args, "--json"))
        assert isinstance(created, dict)
        return created

    def state(self) -> tuple[list[dict[str, Any]], int]:
        """What a failed command must not change: the users and the number of keys."""
        return list_users(self.env), count_rows(self.database_url, "api_keys")


@pytest.fixture
def cli(database_url: str, backend: str, tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data", database_url, backend)


class TestCreateUser:
    def test_json_output_has_the_user_and_a_key_that_authenticates(self, cli: Cli) -> None:
        created = cli.create_user(*ALICE)

        assert set(created) >= {"id", "email", "username", "apiKey"}
        assert created["email"] == "alice@example.com"
        assert created["username"] == "alice"
        assert created["name"] == "Alice Liddell"
        assert created["timeZone"] == "Europe/London"
        assert created["role"] == "USER"
        assert API_KEY.fullmatch(created["apiKey"]), created["apiKey"]

        with api_client(cli.data_dir, cli.database_url) as client:
            data = me(client, created["apiKey"])
            v1 = client.get("/v1/me", params={"apiKey": created["apiKey"]})
            wrong = client.get("/v2/me", headers={"Authorization": "Bearer cal_" + "0" * 32})
        assert data["id"] == created["id"]
        assert data["username"] == "alice"
        assert data["email"] == "alice@example.com"
        assert data["timeZone"] == "Europe/London"
        assert v1.status_code == 200, v1.text
        assert v1.json()["user"]["id"] == created["id"]
        assert wrong.status_code == 401

    def test_key_is_stored_only_as_its_sha256(self, cli: Cli) -> None:
        key = cli.create_user(*ALICE)["apiKey"]

        assert_key_stored_only_as_hash(cli.database_url, key)
        if cli.backend == "sqlite":
            assert_key_not_in_sqlite_files(cli.data_dir, key)

    def test_each_user_gets_a_different_key(self, cli: Cli) -> None:
        first = cli.create_user(*ALICE)
        second = cli.create_user(
            "--email", "bob@example.com", "--username", "bob", "--name", "Bob",
            "--time-zone", "UTC",
        )  # fmt: skip

        assert first["apiKey"] != second["apiKey"]
        assert first["id"] != second["id"]
        with api_client(cli.data_dir, cli.database_url) as client:
            assert me(client, first["apiKey"])["username"] == "alice"
            assert me(client, second["apiKey"])["username"] == "bob"

    def test_admin_flag_and_password(self, cli: Cli) -> None:
        created = cli.create_user(*ALICE, "--admin", "--password", "correct horse")

        assert created["role"] == "ADMIN"
        assert [u["role"] for u in list_users(cli.env)] == ["ADMIN"]
        engine = make_engine(cli.database_url)
        try:
            with engine.connect() as connection:
                stored = connection.execute(
                    text("SELECT password_hash FROM users WHERE id = :id"), {"id": created["id"]}
                ).scalar_one()
        finally:
            engine.dispose()
        assert "correct horse" not in stored
        assert verify_password(PasswordHasher(), stored, "correct horse")
        assert not verify_password(PasswordHasher(), stored, "wrong horse")
        # An admin key can see the admin-only v1 user list (a plain user sees only themselves).
        cli.create_user(
            "--email", "bob@example.com", "--username", "bob", "--name", "Bob",
            "--time-zone", "UTC",
        )  # fmt: skip
        with api_client(cli.data_dir, cli.database_url) as client:
            listed = client.get("/v1/users", params={"apiKey": created["apiKey"]})
        assert listed.status_code == 200, listed.text
        assert {u["username"] for u in listed.json()["users"]} == {"alice", "bob"}

    def test_email_and_username_are_normalized(self, cli: Cli) -> None:
        created = cli.create_user(
            "--email", "Alice@Example.COM", "--username", "  Alice ", "--name", "Alice",
            "--time-zone", "Europe/London",
        )  # fmt: skip

        assert created["email"] == "alice@example.com"
        assert created["username"] == "alice"

    def test_human_output_prints_the_key_once(self, cli: Cli) -> None:
        result = cli.run("admin", "create-user", *ALICE)

        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        keys = API_KEY.findall(result.stdout)
        assert len(keys) == 1, result.stdout
        assert "alice" in result.stdout
        assert "alice@example.com" in result.stdout
        with api_client(cli.data_dir, cli.database_url) as client:
            assert me(client, keys[0])["username"] == "alice"

    @pytest.mark.parametrize(
        ("change", "mentions"),
        [
            pytest.param({"--email": "alice@example.com"}, "alice@example.com", id="same-email"),
            pytest.param({"--email": "ALICE@example.com"}, "alice@example.com", id="email-case"),
            pytest.param({"--username": "alice"}, "alice", id="same-username"),
            pytest.param({"--username": "Alice"}, "alice", id="username-case"),
        ],
    )
    def test_duplicate_is_refused_and_writes_nothing(
        self, cli: Cli, change: dict[str, str], mentions: str
    ) -> None:
        cli.create_user(*ALICE)
        before = cli.state()
        values = {
            "--email": "other@example.com", "--username": "other", "--name": "Other",
            "--time-zone": "UTC", **change,
        }  # fmt: skip

        line = error_line(cli.run("admin", "create-user", *_flatten(values), "--json"))

        assert mentions in line
        assert "already" in line
        assert cli.state() == before
        assert count_rows(cli.database_url, "users") == 1

    @pytest.mark.parametrize(
        ("change", "mentions"),
        [
            pytest.param({"--time-zone": "Mars/Olympus_Mons"}, "timeZone", id="bad-time-zone"),
            pytest.param({"--time-zone": ""}, "timeZone", id="empty-time-zone"),
            pytest.param({"--username": "admin"}, "reserved", id="reserved-admin"),
            pytest.param({"--username": "v2"}, "reserved", id="reserved-v2"),
            pytest.param({"--username": "no spaces"}, "username", id="bad-username"),
            pytest.param({"--username": ""}, "username", id="empty-username"),
            pytest.param({"--email": "not-an-email"}, "email", id="bad-email"),
            pytest.param({"--email": ""}, "email", id="empty-email"),
            pytest.param({"--password": "short"}, "password", id="short-password"),
            pytest.param({"--password": ""}, "password", id="empty-password"),
        ],
    )
    def test_bad_input_is_refused_and_writes_nothing(
        self, cli: Cli, change: dict[str, str], mentions: str
    ) -> None:
        before = cli.state()
        assert before == ([], 0)
        values = {
            "--email": "bob@example.com", "--username": "bob", "--name": "Bob",
            "--time-zone": "UTC", **change,
        }  # fmt: skip

        line = error_line(cli.run("admin", "create-user", *_flatten(values), "--json"))

        assert mentions in line
        assert cli.state() == before
        assert count_rows(cli.database_url, "users") == 0
        # The same command with the mistake corrected works: the refusal was about the input.
        fixed = {
            "--email": "bob@example.com", "--username": "bob", "--name": "Bob",
            "--time-zone": "UTC",
        }  # fmt: skip
        assert cli.create_user(*_flatten(fixed))["username"] == "bob"

    def test_several_problems_are_reported_on_one_line(self, cli: Cli) -> None:
        args = [
            "admin", "create-user", "--email", "nope", "--username", "admin", "--name", "X",
            "--time-zone", "Nowhere/Land", "--password", "x",
        ]  # fmt: skip

        line = error_line(cli.run(*args))

        for field in ("email", "username", "timeZone", "password"):
            assert field in line
        assert cli.state() == ([], 0)


class TestCreateApiKey:
    @pytest.mark.parametrize("who", ["alice@example.com", "alice"])
    def test_issues_a_working_key_for_a_user_found_by_email_or_username(
        self, cli: Cli, who: str
    ) -> None:
        user = cli.create_user(*ALICE)

        issued = json_output(
            cli.run("admin", "create-api-key", "--user", who, "--name", "ci", "--json")
        )

        assert API_KEY.fullmatch(issued["apiKey"]), issued
        assert issued["apiKey"] != user["apiKey"]
        assert issued["userId"] == user["id"]
        assert issued["name"] == "ci"
        assert issued["expiresAt"] is None
        assert issued["apiKey"].startswith(issued["prefix"])
        assert count_rows(cli.database_url, "api_keys") == 2
        assert_key_stored_only_as_hash(cli.database_url, issued["apiKey"])
        with api_client(cli.data_dir, cli.database_url) as client:
            assert me(client, issued["apiKey"])["id"] == user["id"]
            assert me(client, user["apiKey"])["id"] == user["id"]  # the first key still works

    def test_expiry_is_the_given_number_of_days_from_now(self, cli: Cli) -> None:
        cli.create_user(*ALICE)
        before = datetime.now(UTC)

        args = [
            "admin", "create-api-key", "--user", "alice@example.com", "--expires-in-days", "30",
            "--json",
        ]  # fmt: skip

        issued = json_output(cli.run(*args))

        expires = datetime.fromisoformat(issued["expiresAt"].replace("Z", "+00:00"))
        assert before + timedelta(days=30) - timedelta(seconds=1) <= expires
        assert expires <= datetime.now(UTC) + timedelta(days=30) + timedelta(seconds=1)
        with api_client(cli.data_dir, cli.database_url) as client:
            assert me(client, issued["apiKey"])["username"] == "alice"

    def test_human_output_prints_the_key_once(self, cli: Cli) -> None:
        cli.create_user(*ALICE)

        result = cli.run("admin", "create-api-key", "--user", "alice")

        assert result.exit_code == 0, result.output
        assert len(API_KEY.findall(result.stdout)) == 1, result.stdout
        assert count_rows(cli.database_url, "api_keys") == 2

    @pytest.mark.parametrize(
        ("args", "mentions"),
        [
            pytest.param(["--user", "nobody@example.com"], "nobody@example.com", id="unknown"),
            pytest.param(["--user", "alice", "--expires-in-days", "0"], "expires", id="zero"),
            pytest.param(["--user", "alice", "--expires-in-days", "-3"], "expires", id="neg"),
            pytest.param(
                ["--user", "alice", "--expires-in-days", "3651"], "expires", id="too-long"
            ),
            pytest.param(["--user", "alice", "--name", "n" * 201], "name", id="long-name"),
        ],
    )
    def test_bad_input_is_refused_and_writes_nothing(
        self, cli: Cli, args: list[str], mentions: str
    ) -> None:
        cli.create_user(*ALICE)
        before = cli.state()

        line = error_line(cli.run("admin", "create-api-key", *args, "--json"))

        assert mentions in line.lower()
        assert cli.state() == before
        assert count_rows(cli.database_url, "api_keys") == 1


class TestListUsers:
    def test_empty_database_lists_nobody(self, cli: Cli) -> None:
        assert list_users(cli.env) == []

    def test_json_lists_every_user_in_creation_order(self, cli: Cli) -> None:
        alice = cli.create_user(*ALICE)
        bob = cli.create_user(
            "--email", "bob@example.com", "--username", "bob", "--name", "Bob",
            "--time-zone", "Asia/Kolkata", "--admin",
        )  # fmt: skip

        users = list_users(cli.env)

        assert [u["id"] for u in users] == [alice["id"], bob["id"]]
        assert users[0]["username"] == "alice"
        assert users[0]["email"] == "alice@example.com"
        assert users[0]["role"] == "USER"
        assert users[1]["timeZone"] == "Asia/Kolkata"
        assert users[1]["role"] == "ADMIN"
        assert all("apiKey" not in u and "password" not in json.dumps(u) for u in users)

    def test_table_shows_each_user(self, cli: Cli) -> None:
        cli.create_user(*ALICE)

        result = invoke(["admin", "list-users"], {**cli.env, "COLUMNS": "200"})

        assert result.exit_code == 0, result.output
        assert "alice" in result.stdout
        assert "Europe/London" in result.stdout
        assert not API_KEY.search(result.stdout)


def _flatten(options: dict[str, str]) -> list[str]:
    return [part for option in options.items() for part in option]


@pytest.mark.slow
def test_real_process_creates_a_user_whose_key_authenticates(tmp_path: Path) -> None:
    """The installed entry point, in its own process, with the default SQLite file."""
    data_dir = tmp_path / "data"
    env = subprocess_env(data_dir)

    done = run_slotwise(["admin", *_create_args("carol"), "--json"], env)

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    created = json.loads(lines[0])
    key = created["apiKey"]
    assert API_KEY.fullmatch(key)
    assert (data_dir / "slotwise.db").exists()
    assert_key_not_in_sqlite_files(data_dir, key)
    with api_client(data_dir) as client:
        data = me(client, key)
    assert data["id"] == created["id"]
    assert data["username"] == "carol"

    again = run_slotwise(["admin", *_create_args("carol"), "--json"], env)

    assert again.returncode == 2
    assert again.stdout == ""
    assert len(again.stderr.splitlines()) == 1, again.stderr
    assert again.stderr.startswith("error: ")
    assert count_rows(f"sqlite:///{data_dir / 'slotwise.db'}", "api_keys") == 1


def _create_args(username: str) -> list[str]:
    return [
        "create-user", "--email", f"{username}@example.com", "--username", username,
        "--name", username.title(), "--time-zone", "America/New_York",
    ]  # fmt: skip
