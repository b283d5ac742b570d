"""``slotwise migrate``, and what every command does with bad settings: one line, exit 2.

The failing commands run in-process; ``uvicorn.run`` is replaced so that a ``serve`` which
wrongly got past its checks fails the test instead of listening forever.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from cryptography.fernet import Fernet
from sqlalchemy.engine import make_url

from slotwise.migrations.runner import alembic_config, current_revision
from tests.cli.helpers import (
    cli_env,
    count_rows,
    error_line,
    free_port,
    invoke,
    json_output,
    list_users,
)
from tests.conftest import create_postgres_database, drop_postgres_database

UNREACHABLE = "postgresql+psycopg://postgres:s3cret-pw@127.0.0.1:1/x"
BAD_FERNET = "not-a-fernet-key-but-a-secret-nonetheless"
CREATE_BOB = [
    "admin", "create-user", "--email", "bob@example.com", "--username", "bob", "--name", "Bob",
    "--time-zone", "UTC", "--json",
]  # fmt: skip


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert len(heads) == 1
    return str(heads[0])


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("slotwise serve got past its checks and started a server")

    monkeypatch.setattr("uvicorn.run", refuse)


def every_command() -> list[Any]:
    return [
        pytest.param(["migrate"], id="migrate"),
        pytest.param(["admin", "list-users", "--json"], id="list-users"),
        pytest.param(CREATE_BOB, id="create-user"),
        pytest.param(["admin", "create-api-key", "--user", "bob"], id="create-api-key"),
        pytest.param(["serve", "--port", "1"], id="serve"),
    ]


@pytest.fixture
def fresh_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database with no schema at all (unlike ``database_url``, which is migrated).
    The PostgreSQL one has a password in its URL (trust auth ignores it)."""
    if backend == "sqlite":
        (tmp_path / "data").mkdir()
        yield f"sqlite:///{tmp_path / 'data' / 'slotwise.db'}"
        return
    server: str = request.getfixturevalue("postgres_server_url")
    worker: str = request.getfixturevalue("worker_id_suffix")
    name = f"slotwise_test_cli_migrate_{worker}"
    url = create_postgres_database(server, name)
    yield make_url(url).set(password="s3cret-pw").render_as_string(hide_password=False)
    drop_postgres_database(server, name)


class TestMigrate:
    def test_creates_the_schema_then_is_idempotent(
        self, fresh_database: str, tmp_path: Path
    ) -> None:
        env = cli_env(tmp_path / "data", fresh_database)
        shown = make_url(fresh_database).render_as_string(hide_password=True)
        assert current_revision(fresh_database) is None

        first = invoke(["migrate"], env)

        assert first.exit_code == 0, first.output
        assert first.stdout == f"database is up to date: {shown}\n"
        assert "s3cret-pw" not in first.output
        assert current_revision(fresh_database) == head_revision()
        created = json_output(invoke(CREATE_BOB, env))

        second = invoke(["migrate"], env)

        assert second.exit_code == 0, second.output
        assert second.stdout == first.stdout
        assert current_revision(fresh_database) == head_revision()
        assert [u["id"] for u in list_users(env)] == [created["id"]]  # data survives
        assert count_rows(fresh_database, "api_keys") == 1

    def test_default_database_is_a_sqlite_file_in_the_data_dir(self, tmp_path: Path) -> None:
        data_dir = tmp_path / "nested" / "data"

        result = invoke(["migrate"], cli_env(data_dir))

        assert result.exit_code == 0, result.output
        assert result.stdout == f"database is up to date: sqlite:///{data_dir / 'slotwise.db'}\n"
        assert current_revision(f"sqlite:///{data_dir / 'slotwise.db'}") == head_revision()


class TestEncryptionKeySetting:
    @pytest.mark.parametrize("args", every_command())
    @pytest.mark.usefixtures("no_server")
    def test_malformed_key_is_one_line_and_touches_nothing(
        self, args: list[str], tmp_path: Path
    ) -> None:
        data_dir = tmp_path / "data"
        env = cli_env(data_dir, SLOTWISE_ENCRYPTION_KEY=BAD_FERNET)

        line = error_line(invoke(args, env))

        assert "SLOTWISE_ENCRYPTION_KEY" in line
        assert BAD_FERNET not in line  # a secret, even a malformed one, is not echoed
        assert not (data_dir / "slotwise.db").exists()

    def test_a_valid_key_is_accepted(self, tmp_path: Path) -> None:
        env = cli_env(tmp_path / "data", SLOTWISE_ENCRYPTION_KEY=Fernet.generate_key().decode())

        result = invoke(["migrate"], env)

        assert result.exit_code == 0, result.output
        assert result.stderr == ""

    @pytest.mark.usefixtures("no_server")
    def test_serve_with_a_corrupt_key_file_is_one_line(self, tmp_path: Path) -> None:
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        (data_dir / "encryption.key").write_text("garbage\n")

        line = error_line(
            invoke(["serve", "--port", str(free_port()), "--no-demo"], cli_env(data_dir))
        )

        assert "encryption.key" in line
        assert (data_dir / "encryption.key").read_text() == "garbage\n"  # never overwritten


class TestDatabaseSetting:
    @pytest.mark.parametrize("args", every_command())
    @pytest.mark.usefixtures("no_server")
    def test_unreachable_database_is_one_line(self, args: list[str], tmp_path: Path) -> None:
        line = error_line(invoke(args, cli_env(tmp_path / "data", UNREACHABLE)))

        assert "cannot reach the database" in line
        assert "127.0.0.1:1" in line
        assert "s3cret-pw" not in line

    @pytest.mark.parametrize(
        "url",
        [
            pytest.param("not a url", id="not-a-url"),
            pytest.param("nosuchdb://user@host/db", id="unknown-dialect"),
            pytest.param("mysql://user:s3cret-pw@127.0.0.1:1/db", id="driver-not-installed"),
        ],
    )
    @pytest.mark.usefixtures("no_server")
    def test_malformed_database_url_is_one_line(self, url: str, tmp_path: Path) -> None:
        for args in (["migrate"], ["serve", "--port", str(free_port())]):
            line = error_line(invoke(args, cli_env(tmp_path / "data", url)))

            assert "SLOTWISE_DATABASE_URL" in line
            assert "s3cret-pw" not in line

    def test_sqlite_file_that_cannot_be_opened_is_one_line(self, tmp_path: Path) -> None:
        (tmp_path / "blocker").write_text("a file where a directory should be")
        url = f"sqlite:///{tmp_path / 'blocker' / 'slotwise.db'}"

        line = error_line(invoke(["migrate"], cli_env(tmp_path / "data", url)))

        assert "cannot reach the database" in line

    def test_data_dir_that_is_a_file_is_one_line(self, tmp_path: Path) -> None:
        not_a_dir = tmp_path / "data"
        not_a_dir.write_text("oops")

        line = error_line(invoke(["admin", "list-users"], cli_env(not_a_dir)))

        assert str(not_a_dir) in line
        assert not_a_dir.read_text() == "oops"
