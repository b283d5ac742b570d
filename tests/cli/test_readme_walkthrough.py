"""The README's "Your first booking" runs as written: its shell blocks, run by bash against a
live ``slotwise serve --no-demo``, make a user, hours, an event type, a booking they cancel,
and the page's branding; with curl, and again with the CLI's actions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import HANG_GUARD_SECONDS, start_server, subprocess_env

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parents[2] / "README.md"
README_BASE = "http://127.0.0.1:8000"
# What the test reads back from the walkthrough's shell, once its blocks ran.
REPORT = 'printf "\\nKEY=%s\\nBOOKING_UID=%s\\n" "$KEY" "$BOOKING_UID"'


def walkthrough_block(name: str) -> str:
    """The README's fenced block whose info string is ``sh <name>``."""
    found = re.findall(rf"^```sh {re.escape(name)}\n(.*?)^```$", README.read_text(), re.S | re.M)
    assert len(found) == 1, f"README.md has {len(found)} blocks named {name}"
    return str(found[0])


@pytest.mark.parametrize("steps", ["walkthrough-curl", "walkthrough-cli"])
def test_the_first_booking_walkthrough_runs_as_written(tmp_path: Path, steps: str) -> None:
    env = subprocess_env(tmp_path / "data")
    server = start_server(tmp_path, env, "--no-demo")
    try:
        script = "\n".join([walkthrough_block("walkthrough-setup"), walkthrough_block(steps)])
        script = script.replace(README_BASE, server.base_url)
        shell_env = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"}
        ran = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", f"{script}\n{REPORT}"],
            env=shell_env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            # A dozen CLI runs, each a fresh Python: a hang guard, not a speed limit.
            timeout=HANG_GUARD_SECONDS * 5,
            check=False,
        )
        assert ran.returncode == 0, f"{ran.stdout}\n{ran.stderr}\n{server.log()}"
        said = dict(re.findall(r"^(KEY|BOOKING_UID)=(.*)$", ran.stdout, re.M))
        with server.client() as api:
            auth = {"Authorization": f"Bearer {said['KEY']}", "cal-api-version": "2024-08-13"}
            booking = api.get(f"/v2/bookings/{said['BOOKING_UID']}", headers=auth)
            me = api.get("/v1/me", params={"apiKey": said["KEY"]})
            page = api.get("/you/intro", headers={"accept": "text/html"})
    finally:
        server.stop()
    assert booking.status_code == 200, booking.text
    assert booking.json()["data"]["status"] == "cancelled"
    assert booking.json()["data"]["location"] == "1 Main St, Springfield"
    assert {k: me.json()["user"][k] for k in ("brandColor", "darkBrandColor", "theme")} == {
        "brandColor": "#0f766e",
        "darkBrandColor": "#5eead4",
        "theme": "dark",
    }
    assert page.status_code == 200
    assert 'data-theme="dark"' in page.text
    assert "--brand:#0f766e" in page.text


def test_the_walkthrough_names_every_version_header() -> None:
    """Each API call of the curl steps sends the version its resource needs."""
    curl = walkthrough_block("walkthrough-curl")
    for path, version in [
        ("/v2/schedules", "2024-06-11"),
        ("/v2/event-types", "2024-06-14"),
        ("/v2/slots", "2024-09-04"),
        ("/v2/bookings", "2024-08-13"),
    ]:
        calls = [c for c in curl.split("curl ")[1:] if f"$BASE{path}" in c]
        assert calls, path
        for call in calls:
            assert f"cal-api-version: {version}" in call, call
