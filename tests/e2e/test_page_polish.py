"""The event page as a newcomer first sees it: it opens on the first day with free times,
no time looks chosen before one is, a long time list says it scrolls, the form fills its
card, and no request the page makes is a 404."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

from tests.e2e.conftest import LiveServer
from tests.e2e.test_booking_pages import bookable_host, open_event_page

pytestmark = pytest.mark.e2e


def test_opens_on_the_first_day_with_free_times(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    monday = page.get_by_role("button", name=re.compile(r"^Monday 25 March"))
    expect(monday).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#slots-title")).to_have_text("Monday, 25 March 2030")
    expect(page.locator("button.slot").first).to_be_visible()


def test_no_time_has_the_focus_before_the_booker_picks(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    expect(page.locator("button.slot").first).to_be_visible()
    assert page.evaluate("document.activeElement === document.body")
    page.get_by_role("button", name=re.compile(r"^Tuesday 26 March")).click()
    expect(page.locator("#slots-title")).to_have_text("Tuesday, 26 March 2030")
    assert page.evaluate("document.activeElement === document.body")  # a click: no ring


def test_a_long_time_list_says_more_lie_below(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    more = page.locator("#more-times")
    expect(more).to_be_visible()  # 16 half hours do not fit the list's box
    below_the_box = "b => b.getBoundingClientRect().top >= b.parentElement.parentElement"
    below_the_box += ".getBoundingClientRect().bottom"
    assert page.locator("button.slot").last.evaluate(below_the_box)
    page.locator(".slot-list").evaluate("list => { list.scrollTop = list.scrollHeight; }")
    expect(more).to_be_hidden()  # everything is in view: no hint


def test_the_form_fills_its_card_on_a_wide_screen(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    page.locator("button.slot").first.click()
    form = page.locator("#booking-form")
    expect(form).to_be_visible()
    card = page.locator(".booker--form").bounding_box()
    info = page.locator(".event-info").bounding_box()
    filled = form.bounding_box()
    assert card is not None
    assert info is not None
    assert filled is not None
    unused = card["x"] + card["width"] - (filled["x"] + filled["width"])
    assert unused < 0.1 * card["width"], (card, filled)
    assert filled["width"] > info["width"]  # the form, not the facts, has the room


def test_no_request_of_a_page_is_a_404(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    missing: list[str] = []

    def note(response: Response) -> None:
        if response.status == 404:
            missing.append(response.url)

    page.on("response", note)
    open_event_page(page, live_server, host)
    page.goto(f"{live_server.url}/{host.username}")
    icon = page.request.get(f"{live_server.url}/favicon.ico")
    assert icon.ok
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert missing == []
