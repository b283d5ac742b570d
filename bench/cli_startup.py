"""Benchmark: how fast the ``slotwise`` command answers (agents call it many times in a row).
Run from the repo root:

    .venv/bin/python bench/cli_startup.py [--runs 20]

Each command runs ``--runs`` times as a fresh process (hyperfine-style: one warm-up run, then
the timed ones); the figures are wall time and the child's CPU time (user + system), which is
the stable one on a shared machine. Goals (issue 17): ``--help`` < 0.25 s, ``action list
--intent`` < 0.4 s. ``--modules`` prints which heavy packages each command imported.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "--version": ["--version"],
    "action list --intent": ["action", "list", "--intent", "cancel my meeting tomorrow"],
    "action run --help": ["action", "run", "--help"],
    "connection list": ["connection", "list"],
    "admin --help": ["admin", "--help"],
}

# Packages a CLI command that talks to a server (or only prints help) should not import.
HEAVY = ("fastapi", "sqlalchemy", "alembic", "pydantic", "httpx", "jsonschema", "jinja2", "mcp")


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one ``python -m slotwise ARGS``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "slotwise", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def heavy_imports(args: list[str], env: dict[str, str]) -> list[str]:
    """The heavy top-level packages a command imported (from ``python -X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "slotwise", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    return sorted(name for name in HEAVY if name in imported)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--modules", action="store_true", help="list heavy imports per command")
    args = parser.parse_args()
    # A config dir of its own: no stored connection is read or written.
    env = {**os.environ, "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="slotwise-cli-bench-")}
    print(f"runs per command: {args.runs} (after one warm-up)")
    print(f"{'command':<24} {'wall median':>12} {'wall min':>9} {'CPU median':>11}")
    for label, command in COMMANDS.items():
        timed_run(command, env)
        walls, cpus = zip(*(timed_run(command, env) for _ in range(args.runs)), strict=True)
        print(
            f"{label:<24} {statistics.median(walls):>10.3f} s {min(walls):>7.3f} s "
            f"{statistics.median(cpus):>9.3f} s"
        )
        if args.modules:
            print(f"{'':<24} heavy imports: {', '.join(heavy_imports(command, env)) or 'none'}")


if __name__ == "__main__":
    main()
