"""The readiness wait that every test starting ``slotwise serve`` uses: it waits for the
process itself, and a server that never comes up fails with the server's own log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import Server, free_port, start_server, subprocess_env

pytestmark = pytest.mark.slow


def test_a_server_that_exits_fails_with_its_log(tmp_path: Path) -> None:
    env = subprocess_env(tmp_path / "data")
    env["SLOTWISE_ENCRYPTION_KEY"] = "not-a-fernet-key"
    with pytest.raises(AssertionError) as failure:
        start_server(tmp_path, env, "--no-demo")
    message = str(failure.value)
    assert "slotwise serve exited with" in message
    assert "SLOTWISE_ENCRYPTION_KEY" in message  # the server's own words, from its stderr


def test_a_server_that_never_answers_fails_with_its_log(tmp_path: Path) -> None:
    stdout, stderr = tmp_path / "hung.stdout", tmp_path / "hung.stderr"
    sleeper = "import sys, time; print('still importing', flush=True); time.sleep(60)"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen([sys.executable, "-c", sleeper], stdout=out, stderr=err)
    server = Server(process, free_port(), stdout, stderr)
    try:
        with pytest.raises(AssertionError) as failure:
            server.wait_until_healthy(hang_guard=3)
    finally:
        server.stop()
    assert "hung" in str(failure.value)
    assert "still importing" in str(failure.value)
