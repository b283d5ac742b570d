"""What the CLI tests share: running ``slotwise`` in-process or as a real process, and
looking inside the database the way an attacker with a copy of it would."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner, Result

from slotwise.app import create_app
from slotwise.cli.main import app as cli_app
from slotwise.config import Settings
from slotwise.db import make_engine
from tests.conftest import GENEROUS_RATE_LIMITS

API_KEY = re.compile(r"cal_[0-9a-f]{32}")
ARGON2_ENV = {"SLOTWISE_ARGON2_TIME_COST": "1", "SLOTWISE_ARGON2_MEMORY_COST_KIB": "256"}
SQLITE_FILES = ("slotwise.db", "slotwise.db-wal", "slotwise.db-shm")
# Start-up and shutdown wait for the process itself (/health answers, or it exits); this
# ceiling only stops a hung process from hanging the test run, so a slow machine never
# fails on it (SLOTWISE_TEST_HANG_GUARD_SECONDS raises it on a very slow one).
HANG_GUARD_SECONDS = float(os.environ.get("SLOTWISE_TEST_HANG_GUARD_SECONDS", "120"))


def cli_env(data_dir: Path, database_url: str | None = None, **extra: str | None) -> dict[str, Any]:
    """The environment of one CLI run; ``None`` removes a variable the caller may have set."""
    env: dict[str, Any] = {
        **{name: None for name in os.environ if name.startswith("SLOTWISE_")},
        **ARGON2_ENV,
        "SLOTWISE_DATA_DIR": str(data_dir),
        "SLOTWISE_DATABASE_URL": database_url,
    }
    env.update(extra)
    return env


def invoke(args: Sequence[str], env: dict[str, Any]) -> Result:
    """``slotwise ARGS`` in this process, stdout and stderr kept apart."""
    return CliRunner().invoke(cli_app, list(args), env=env)


def error_line(result: Result) -> str:
    """The one line a failed command must print on stderr (asserts the shape of a failure)."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


def json_output(result: Result) -> Any:
    """The single JSON document a successful ``--json`` command prints."""
    assert result.exit_code == 0, (result.exit_code, result.output, result.exception)
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    return json.loads(lines[0])


def list_users(env: dict[str, Any]) -> list[dict[str, Any]]:
    users = json_output(invoke(["admin", "list-users", "--json"], env))
    assert isinstance(users, list)
    return users


def count_rows(database_url: str, table: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def assert_key_stored_only_as_hash(database_url: str, key: str) -> None:
    """No column of any API key row holds the secret; one row holds its SHA-256."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT * FROM api_keys")).mappings().all()
    finally:
        engine.dispose()
    assert [row["hashed_key"] for row in rows].count(sha256(key)) == 1
    for row in rows:
        for value in row.values():
            assert key not in str(value)


def assert_key_not_in_sqlite_files(data_dir: Path, key: str) -> None:
    """The raw bytes of the database (and its WAL) never hold the secret, only its hash."""
    raw = b"".join(
        (data_dir / name).read_bytes() for name in SQLITE_FILES if (data_dir / name).exists()
    )
    assert sha256(key).encode() in raw  # we are looking at the right bytes
    assert key.encode() not in raw


@contextmanager
def api_client(data_dir: Path, database_url: str | None = None) -> Iterator[TestClient]:
    """The HTTP API over the same data the CLI wrote."""
    settings = Settings(
        environment="test",
        data_dir=data_dir,
        database_url=database_url,
        argon2_time_cost=1,
        argon2_memory_cost_kib=256,
    )
    application = create_app(settings)
    try:
        with TestClient(application, raise_server_exceptions=False) as client:
            yield client
    finally:
        application.state.engine.dispose()


def me(client: TestClient | httpx.Client, key: str) -> dict[str, Any]:
    response = client.get("/v2/me", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert isinstance(data, dict)
    return data


# --- real processes ----------------------------------------------------------------------


def subprocess_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOTWISE_")}
    env.update(ARGON2_ENV)
    env["SLOTWISE_DATA_DIR"] = str(data_dir)
    # Limits on, far above what a test sends from its one address (as tests/conftest.py).
    env.update(
        {f"SLOTWISE_{name.upper()}": str(value) for name, value in GENEROUS_RATE_LIMITS.items()}
    )
    env["PYTHONUNBUFFERED"] = "1"  # log lines reach the files as they happen
    if database_url is not None:
        env["SLOTWISE_DATABASE_URL"] = database_url
    return env


def run_slotwise(args: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slotwise", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """``slotwise serve`` running as its own process; output goes to files, never a pipe."""

    process: subprocess.Popen[bytes]
    port: int
    stdout_path: Path
    stderr_path: Path
    returncode: int | None = field(default=None)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=10)

    def log(self) -> str:
        """What the process printed so far, for a failure message."""
        return f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"

    def wait_until_healthy(self, hang_guard: float | None = None) -> None:
        """Polls /health until it answers or the process exits; any failure shows the log."""
        guard = HANG_GUARD_SECONDS if hang_guard is None else hang_guard
        deadline = time.monotonic() + guard
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"slotwise serve exited with {self.process.returncode}:\n{self.log()}"
                )
            try:
                response = httpx.get(f"{self.base_url}/health", timeout=5)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            if response.status_code != 200 or response.json().get("status") != "ok":
                raise AssertionError(
                    f"/health answered {response.status_code} {response.text}:\n{self.log()}"
                )
            return
        raise AssertionError(
            f"slotwise serve hung: no /health answer and no exit in {guard} s:\n{self.log()}"
        )

    def stop(self) -> int:
        """SIGTERM and wait; SIGKILL only if it hangs. Returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=HANG_GUARD_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.returncode = self.process.returncode
        return self.returncode


def start_server(workdir: Path, env: dict[str, str], *args: str, name: str = "serve") -> Server:
    """Start ``slotwise serve --port FREE ARGS`` and wait for /health; the caller stops it."""
    port = free_port()
    stdout_path, stderr_path = workdir / f"{name}.stdout", workdir / f"{name}.stderr"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "slotwise", "serve", "--port", str(port), *args],
            env=env,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    server = Server(process, port, stdout_path, stderr_path)
    try:
        server.wait_until_healthy()
    except BaseException:
        server.stop()
        raise
    return server
