"""Plugins come from the ``slotwise.plugins`` entry points: the built-in calendars, and a
third-party package's plugin installed next to slotwise (a real distribution on sys.path)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from slotwise.plugins import PluginKind, all_plugins, find_plugin, plugins_of_kind
from tests.cli.helpers import invoke, json_output

THIRD_PARTY = """
from slotwise.plugins import Plugin, PluginKind


class Links:
    def meeting_url(self, key, booking_uid):
        return key["base"] + booking_uid


def plugin():
    return Plugin(
        kind=PluginKind.CONFERENCING,
        slug="acme-video",
        name="Acme Video",
        type="acme_video",
        credential_schema={"type": "object", "properties": {"base": {"type": "string"}}},
        hooks=Links(),
    )


NOT_A_PLUGIN = 42
"""


@pytest.fixture
def third_party(tmp_path: Path) -> Iterator[None]:
    """An installed distribution declaring two entry points: a plugin and a broken one."""
    (tmp_path / "acme_video.py").write_text(THIRD_PARTY)
    info = tmp_path / "acme_video-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-video\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[slotwise.plugins]\nacme-video = acme_video:plugin\n"
        "acme-broken = acme_video:NOT_A_PLUGIN\nacme-missing = acme_nowhere:plugin\n"
    )
    sys.path.insert(0, str(tmp_path))
    all_plugins.cache_clear()
    yield
    sys.path.remove(str(tmp_path))
    sys.modules.pop("acme_video", None)
    all_plugins.cache_clear()


def test_the_built_in_calendars_are_plugins() -> None:
    calendars = {p.slug for p in plugins_of_kind(PluginKind.CALENDAR)}
    assert {"apple-calendar", "caldav-calendar"} <= calendars
    apple = find_plugin("apple-calendar")
    assert apple is not None
    assert apple.type == "apple_calendar"
    assert apple.credential_schema["required"] == ["username", "password"]


@pytest.mark.usefixtures("third_party")
def test_a_third_party_plugin_is_found_and_broken_ones_are_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="slotwise.plugins.registry"):
        found = all_plugins()
    acme = found["acme-video"]
    assert acme.kind is PluginKind.CONFERENCING
    assert acme.conferencing().meeting_url({"base": "https://v.example/"}, "abc") == (
        "https://v.example/abc"
    )
    assert "apple-calendar" in found  # the built-ins are still there
    assert "acme-broken" in caplog.text
    assert "acme-missing" in caplog.text


@pytest.mark.usefixtures("third_party")
def test_plugins_list_shows_what_is_installed(tmp_path: Path) -> None:
    listed = json_output(invoke(["plugins", "list", "--json"], {}))
    by_slug = {row["slug"]: row for row in listed}
    assert by_slug["acme-video"]["kind"] == "conferencing"
    assert by_slug["caldav-calendar"]["credentialFields"] == ["password", "url", "username"]


def test_a_calendar_plugin_is_not_a_conferencing_app() -> None:
    caldav = find_plugin("caldav-calendar")
    assert caldav is not None
    with pytest.raises(TypeError):
        caldav.conferencing()
