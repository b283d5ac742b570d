"""``--help`` shows flags as flags: no value placeholder after ``--version``, ``--json`` ..."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import cli_env, invoke


@pytest.mark.parametrize(
    "command",
    [(), ("serve",), ("admin", "list-users"), ("outbox", "list"), ("action", "list")],
)
def test_flags_take_no_value_in_help(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = invoke([*command, "--help"], cli_env(tmp_path, COLUMNS="120"))
    assert result.exit_code == 0, result.output
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout


def test_version_is_a_plain_flag(tmp_path: Path) -> None:
    help_text = invoke(["--help"], cli_env(tmp_path, COLUMNS="120")).stdout
    [line] = [line for line in help_text.splitlines() if "--version" in line]
    assert line.split("--version", 1)[1].split() == ["Print", "the", "version.", "│"]
    version = invoke(["--version"], cli_env(tmp_path))
    assert version.stdout.startswith("slotwise ")
