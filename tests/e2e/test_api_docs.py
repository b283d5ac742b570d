"""The API docs pages in a real Chromium with every request off this server blocked, as on a
machine without internet."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e


def block_the_internet(page: Page, server: LiveServer) -> list[tuple[str, str]]:
    """Aborts every request that does not go to the live server; returns what was blocked
    (resource type, URL)."""
    own_host = urlsplit(server.url).netloc
    blocked: list[tuple[str, str]] = []

    def only_this_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            blocked.append((route.request.resource_type, route.request.url))
            route.abort("internetdisconnected")

    page.route("**/*", only_this_server)
    return blocked


def test_swagger_ui_lists_the_operations_offline(live_server: LiveServer, page: Page) -> None:
    blocked = block_the_internet(page, live_server)
    page.goto(f"{live_server.url}/docs", timeout=60_000)  # 1.5 MB of script on a busy machine
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=60_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(path.replace("\u200b", "") == "/v2/bookings" for path in paths)
    assert blocked == []


def test_redoc_shows_the_reference_offline(live_server: LiveServer, page: Page) -> None:
    blocked = block_the_internet(page, live_server)
    page.goto(f"{live_server.url}/redoc", timeout=60_000)
    expect(page.get_by_text("/v2/bookings").first).to_be_attached(timeout=60_000)
    # ReDoc's bundle shows its maker's logo from their site: an image, never the reference.
    assert [kind for kind, _ in blocked if kind != "image"] == []
