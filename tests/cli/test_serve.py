"""``slotwise serve`` as an operator runs it: a real process, a real port, real files.

First start on an empty database seeds the demo user and prints its key once; the key works,
and is never written anywhere else: not in the access log, not in the database files.
"""

from __future__ import annotations

import re
import signal
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text
from sqlalchemy.engine import make_url

from slotwise.db import make_engine
from tests.cli.helpers import (
    API_KEY,
    Server,
    assert_key_not_in_sqlite_files,
    assert_key_stored_only_as_hash,
    cli_env,
    list_users,
    me,
    start_server,
    subprocess_env,
)

pytestmark = pytest.mark.slow

DEMO_KEY_LINE = re.compile(r"^Demo API key \(shown once, store it now\): (cal_[0-9a-f]{32})$")
# The lines `serve` prints once, at creation, to hand the demo key to the operator.
KEY_PRINT_LINES = ("Demo API key (shown once, store it now): ", '  try: curl -H "Authorization')
# SIGTERM is a graceful stop: uvicorn exits 0 or re-raises the signal after shutting down.
GRACEFUL = {0, -signal.SIGTERM}

StartServer = Callable[..., Server]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[StartServer]:
    """Starts servers for one test and always stops them, even when the test fails."""
    started: list[Server] = []

    def start(data_dir: Path, *args: str, database_url: str | None = None) -> Server:
        server = start_server(
            tmp_path,
            subprocess_env(data_dir, database_url),
            *args,
            name=f"serve{len(started) + 1}",
        )
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def demo_key(server: Server) -> str:
    keys = [m.group(1) for line in server.stdout.splitlines() if (m := DEMO_KEY_LINE.match(line))]
    assert len(keys) == 1, server.stdout
    return keys[0]


def check_demo_key_works(server: Server, key: str) -> None:
    with server.client() as client:
        data = me(client, key)
        assert data["username"] == "demo"
        assert data["email"] == "demo@example.com"
        assert data["defaultScheduleId"] is not None
        v1 = client.get("/v1/me", params={"apiKey": key})
        assert v1.status_code == 200, v1.text
        assert v1.json()["user"]["username"] == "demo"
        wrong = "cal_" + ("0" * 32 if key != "cal_" + "0" * 32 else "1" * 32)
        assert client.get("/v2/me", headers={"Authorization": f"Bearer {wrong}"}).status_code == 401


def assert_key_only_in_print_lines(server: Server, key: str) -> None:
    """The whole log (stdout + stderr) mentions the key only where serve hands it over."""
    log = server.stdout + server.stderr
    leaks = [
        line for line in log.splitlines() if key in line and not line.startswith(KEY_PRINT_LINES)
    ]
    assert leaks == []
    # The access log did record the v1 call, with the key masked.
    assert re.search(r'"GET /v1/me\?apiKey=\*\*\* HTTP/1\.1" 200', log), log


def seeded_rows(database_url: str) -> dict[str, list[str]]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:

            def column(sql: str) -> list[str]:
                return [str(value) for value in connection.execute(text(sql)).scalars()]

            return {
                "users": column("SELECT username FROM users ORDER BY id"),
                "schedules": column("SELECT name FROM schedules ORDER BY id"),
                "event_types": column("SELECT slug FROM event_types ORDER BY slug"),
                "api_keys": column("SELECT name FROM api_keys ORDER BY id"),
            }
    finally:
        engine.dispose()


def test_first_start_seeds_demo_data_and_keeps_the_key_secret(
    serve: StartServer, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"

    server = serve(data_dir)
    key = demo_key(server)
    assert API_KEY.fullmatch(key)
    assert f"listening on http://127.0.0.1:{server.port}" in server.stdout
    check_demo_key_works(server, key)
    assert server.stop() in GRACEFUL

    assert_key_only_in_print_lines(server, key)
    assert_key_not_in_sqlite_files(data_dir, key)
    database_url = f"sqlite:///{data_dir / 'slotwise.db'}"
    assert_key_stored_only_as_hash(database_url, key)
    assert seeded_rows(database_url) == {
        "users": ["demo"],
        "schedules": ["Working hours"],
        "event_types": ["15min", "30min", "team-call"],  # team-call: the demo team's
        "api_keys": ["demo"],
    }
    key_file = data_dir / "encryption.key"
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    Fernet(key_file.read_text().strip().encode())  # a usable Fernet key


def test_second_start_seeds_nothing_and_prints_no_key(serve: StartServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = serve(data_dir)
    key = demo_key(first)
    assert first.stop() in GRACEFUL
    encryption_key = (data_dir / "encryption.key").read_bytes()

    second = serve(data_dir)
    with second.client() as client:
        assert me(client, key)["username"] == "demo"  # the first start's key still works
    assert second.stop() in GRACEFUL

    assert f"listening on http://127.0.0.1:{second.port}" in second.stdout
    assert not API_KEY.search(second.stdout + second.stderr)
    assert "Demo" not in second.stdout
    assert (data_dir / "encryption.key").read_bytes() == encryption_key
    assert stat.S_IMODE((data_dir / "encryption.key").stat().st_mode) == 0o600
    users = list_users(cli_env(data_dir))
    assert [u["username"] for u in users] == ["demo"]


def test_no_demo_leaves_an_empty_database(serve: StartServer, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"

    server = serve(data_dir, "--no-demo")
    with server.client() as client:
        anonymous = client.get("/v2/me")
    assert server.stop() in GRACEFUL

    assert anonymous.status_code == 401
    assert f"listening on http://127.0.0.1:{server.port}" in server.stdout
    assert not API_KEY.search(server.stdout + server.stderr)
    assert (data_dir / "slotwise.db").exists()  # migrated all the same
    assert (data_dir / "encryption.key").exists()
    assert list_users(cli_env(data_dir)) == []


def test_serves_the_database_from_slotwise_database_url(
    serve: StartServer, database_url: str, backend: str, tmp_path: Path
) -> None:
    """SLOTWISE_DATABASE_URL wins over the data dir (SQLite elsewhere, or PostgreSQL);
    the data dir still holds the encryption key."""
    data_dir = tmp_path / "state"

    server = serve(data_dir, database_url=database_url)
    key = demo_key(server)
    check_demo_key_works(server, key)
    assert server.stop() in GRACEFUL

    listening = [line for line in server.stdout.splitlines() if "listening on" in line]
    assert len(listening) == 1
    database_name = make_url(database_url).database
    assert database_name
    assert database_name in listening[0]
    assert_key_only_in_print_lines(server, key)
    assert_key_stored_only_as_hash(database_url, key)
    assert seeded_rows(database_url)["users"] == ["demo"]
    assert not (data_dir / "slotwise.db").exists()
    assert stat.S_IMODE((data_dir / "encryption.key").stat().st_mode) == 0o600
    if backend == "sqlite":
        assert_key_not_in_sqlite_files(Path(database_name).parent, key)

    again = serve(data_dir, database_url=database_url)
    assert again.stop() in GRACEFUL
    assert not API_KEY.search(again.stdout)
    assert [u["username"] for u in list_users(cli_env(data_dir, database_url))] == ["demo"]
