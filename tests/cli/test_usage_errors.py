"""The real console entry point: a mistyped command line is one line on stderr, exit 2."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run_slotwise, subprocess_env

pytestmark = pytest.mark.slow


def slotwise(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_slotwise(args, subprocess_env(tmp_path / "data"))


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (("admin", "create-user", "--email", "a@example.com"), "--username"),
        (("admin", "create-api-key", "--user", "x", "--expires-in-days", "x"), "--expires-in-days"),
        (("admin", "list-users", "--colour"), "--colour"),
        (("nope",), "nope"),
    ],
)  # fmt: skip
def test_a_usage_error_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], mentions: str
) -> None:
    result = slotwise(tmp_path, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert mentions in lines[0]
    assert "Traceback" not in result.stderr


def test_help_and_version_still_work(tmp_path: Path) -> None:
    help_text = slotwise(tmp_path, "--help")
    assert help_text.returncode == 0
    assert "serve" in help_text.stdout
    assert "admin" in help_text.stdout
    version = slotwise(tmp_path, "--version")
    assert version.returncode == 0
    assert version.stdout.startswith("slotwise ")
