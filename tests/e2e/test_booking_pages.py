"""The booking pages in a real Chromium: book, change zones, lose a slot, reschedule, cancel,
get the form's errors, and embed a page on another site."""

from __future__ import annotations

import itertools
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from slotwise.db import transaction
from slotwise.users.models import User
from tests.conftest import Account
from tests.e2e.conftest import LiveServer
from tests.slots.helpers import make_event_type, make_schedule

pytestmark = pytest.mark.e2e

_names = itertools.count(1)


def bookable_host(server: LiveServer, **fields: Any) -> Account:
    """A host with London hours (Mon-Fri 09-17) and a 30-minute ``meet`` event type."""
    account = server.user(username=f"host{next(_names)}")
    make_schedule(server.api, account, "Europe/London")  # type: ignore[arg-type]
    make_event_type(server.api, account, "meet", **fields)  # type: ignore[arg-type]
    return account


def set_user(server: LiveServer, username: str, **columns: Any) -> None:
    with transaction(server.app.state.write_session_factory) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        for name, value in columns.items():
            setattr(user, name, value)


def bookings(server: LiveServer, account: Account) -> dict[str, dict[str, Any]]:
    response = server.api.get(
        "/v2/bookings", headers={**account.headers, "cal-api-version": "2024-08-13"}
    )
    assert response.status_code == 200, response.text
    return {b["uid"]: b for b in response.json()["data"]}


def instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def open_event_page(page: Page, server: LiveServer, account: Account, query: str = "") -> None:
    """Opens the event page; without a zone in the link it switches to the browser's."""
    page.goto(f"{server.url}/{account.username}/meet{query}")
    if "tz=" not in query:
        page.wait_for_url(re.compile(r"tz=America%2FNew_York"))
    expect(page.locator("#month-title")).to_have_text("March 2030")


def pick_first_day_and_time(page: Page) -> tuple[str, str]:
    """Clicks the first day with free times, then its first time: (UTC start, label)."""
    page.locator("button.day:not([disabled])").first.click()
    slot = page.locator("button.slot").first
    expect(slot).to_be_visible()
    start, label = slot.get_attribute("value") or "", slot.inner_text()
    slot.click()
    expect(page.locator("#booking-form")).to_be_visible()
    return start, label


def fill_and_book(page: Page, name: str = "Ann Booker", email: str = "ann@example.com") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Confirm booking").click()


def test_book_a_slot_end_to_end(live_server: LiveServer, page: Page, tmp_path: Path) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    # The browser's zone is picked by default.
    expect(page.get_by_label(re.compile("Time zone"))).to_have_value("America/New_York")
    page.screenshot(path=tmp_path / "event-page.png", full_page=True)
    start, label = pick_first_day_and_time(page)
    # Monday 25 March 09:00 London is 05:00 in New York (on summer time already).
    assert (start, label) == ("2030-03-25T09:00:00Z", "05:00")
    fill_and_book(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    expect(page.locator("#booking-when")).to_contain_text(
        "Monday, 25 March 2030, 05:00 – 05:30 (America/New York)"
    )
    page.screenshot(path=tmp_path / "confirmation-page.png", full_page=True)
    assert (tmp_path / "event-page.png").stat().st_size > 0
    assert (tmp_path / "confirmation-page.png").stat().st_size > 0
    uid = page.url.split("/booking/")[1].split("?")[0]
    found = bookings(live_server, host)[uid]
    assert instant(found["start"]) == instant(start)
    assert found["attendees"][0]["email"] == "ann@example.com"
    assert found["attendees"][0]["timeZone"] == "America/New_York"


def test_changing_the_zone_changes_times_not_the_instant(
    live_server: LiveServer, page: Page
) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    page.locator("button.day:not([disabled])").nth(1).click()  # Tuesday 26 March
    first = page.locator("button.slot").first
    start = first.get_attribute("value") or ""
    new_york = first.inner_text()
    page.get_by_label(re.compile("Time zone")).select_option("Asia/Tokyo")
    page.wait_for_url(re.compile(r"tz=Asia%2FTokyo"))
    same = page.locator(f'button.slot[value="{start}"]')
    tokyo = same.inner_text()
    local = instant(start)
    assert new_york == local.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M")
    assert tokyo == local.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    assert tokyo != new_york
    page.get_by_label("12h").check()
    page.wait_for_url(re.compile(r"h=12"))
    assert same.inner_text().endswith(("am", "pm"))
    same.click()
    fill_and_book(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    expect(page.locator("#booking-when")).to_contain_text("(Asia/Tokyo)")
    [booked] = bookings(live_server, host).values()
    assert instant(booked["start"]) == local


def test_a_day_without_slots_is_not_clickable(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    saturday = page.get_by_role("button", name=re.compile(r"^Saturday 30 March"))
    expect(saturday).to_be_disabled()
    before = page.url
    saturday.click(force=True)  # a disabled button does nothing, even when forced
    page.wait_for_timeout(150)
    assert page.url == before
    expect(page.locator("#slots-title")).to_have_text("Monday, 25 March 2030")  # still open
    expect(page.get_by_role("button", name=re.compile(r"^Tuesday 26 March"))).to_be_enabled()


def test_a_slot_taken_meanwhile_gives_a_clear_message(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    start, _ = pick_first_day_and_time(page)
    event_types = live_server.api.get(
        "/v2/event-types", headers={**host.headers, "cal-api-version": "2024-06-14"}
    ).json()["data"]
    taken = live_server.api.post(
        "/v2/bookings",
        headers={"cal-api-version": "2024-08-13"},
        json={
            "start": start,
            "eventTypeId": event_types[0]["id"],
            "attendee": {"name": "Zed", "email": "zed@example.com", "timeZone": "UTC"},
        },
    )
    assert taken.status_code == 201, taken.text
    fill_and_book(page)
    expect(page.get_by_role("alert")).to_contain_text("just taken by someone else")
    fresh = page.locator("button.slot")
    expect(fresh.first).to_be_visible()
    assert start not in [fresh.nth(i).get_attribute("value") for i in range(fresh.count())]
    assert len(bookings(live_server, host)) == 1


def test_reschedule_and_cancel_through_the_links(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host)
    first_start, _ = pick_first_day_and_time(page)
    fill_and_book(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    old_uid = page.url.split("/booking/")[1].split("?")[0]

    page.get_by_role("link", name="Reschedule").click()
    expect(page.locator(".old-time")).to_contain_text("Monday, 25 March 2030")
    page.get_by_role("button", name=re.compile(r"^Wednesday 27 March")).click()
    page.locator("button.slot").nth(2).click()
    page.get_by_label("Reason for rescheduling").fill("A clash")
    page.get_by_role("button", name="Reschedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your booking was rescheduled")
    new_uid = page.url.split("/booking/")[1].split("?")[0]
    assert new_uid != old_uid
    found = bookings(live_server, host)
    assert found[old_uid]["status"] == "cancelled"
    assert instant(found[new_uid]["start"]) == instant("2030-03-27T10:00:00Z")
    assert found[new_uid]["reschedulingReason"] == "A clash"

    page.get_by_text("Cancel this booking").click()
    page.get_by_label("Reason for cancelling (optional)").fill("Plans changed")
    page.get_by_role("button", name="Cancel booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This booking is cancelled")
    cancelled = bookings(live_server, host)[new_uid]
    assert (cancelled["status"], cancelled["cancellationReason"]) == ("cancelled", "Plans changed")
    expect(page.get_by_role("link", name="Reschedule")).to_have_count(0)
    assert first_start == "2030-03-25T09:00:00Z"


def test_the_form_rejects_a_bad_email_and_a_missing_field(
    live_server: LiveServer, page: Page
) -> None:
    host = bookable_host(
        live_server,
        bookingFields=[{"type": "text", "slug": "company", "label": "Company", "required": True}],
    )
    open_event_page(page, live_server, host)
    pick_first_day_and_time(page)
    fill_and_book(page)  # no company
    company = page.get_by_label("Company")
    expect(company).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#err-company")).to_have_text("is required")
    expect(company).to_be_focused()  # the first field in error takes the focus
    company.fill("Acme")
    page.get_by_label("Email address").fill("ann@example")  # no dot after the @
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_label("Email address")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#err-email")).to_contain_text("not valid")
    expect(page.get_by_label("Company")).to_have_value("Acme")  # kept
    assert bookings(live_server, host) == {}


def test_keyboard_only_booking(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    open_event_page(page, live_server, host, "?tz=Europe/London")
    first_day = page.locator("button.day:not([disabled])").first
    first_day.focus()
    page.keyboard.press("ArrowRight")  # Tuesday 26
    expect(page.get_by_role("button", name=re.compile(r"^Tuesday 26 March"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("button.slot").first).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_label("Your name").focus()
    page.keyboard.type("Kay")
    page.keyboard.press("Tab")
    page.keyboard.type("kay@example.com")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    [booked] = bookings(live_server, host).values()
    assert instant(booked["start"]) == instant("2030-03-26T09:00:00Z")


def test_embedded_inline_posts_the_booking_to_the_host_page(
    live_server: LiveServer, page: Page
) -> None:
    host = bookable_host(live_server)
    page.set_content(
        f"""<!doctype html><html><body><h1>Acme</h1>
        <div data-slotwise-inline="{host.username}/meet?tz=Europe/London"></div>
        <script>window.booked = null;
        document.addEventListener("slotwise:booked", (e) => {{ window.booked = e.detail; }});
        </script>
        <script src="{live_server.url}/embed/embed.js"></script></body></html>"""
    )
    frame = page.frame_locator("iframe")
    expect(frame.locator("#month-title")).to_have_text("March 2030")
    expect(frame.locator("footer")).to_have_count(0)  # no page chrome inside a site
    frame.locator("button.day:not([disabled])").first.click()
    frame.locator("button.slot").first.click()
    frame.get_by_label("Your name").fill("Embed Ann")
    frame.get_by_label("Email address").fill("embed@example.com")
    frame.get_by_role("button", name="Confirm booking").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    page.wait_for_function("window.booked !== null")
    detail = page.evaluate("window.booked")
    [booked] = bookings(live_server, host).values()
    assert detail["uid"] == booked["uid"]
    assert instant(detail["start"]) == instant(booked["start"])


def test_embedded_popup_opens_and_closes(live_server: LiveServer, page: Page) -> None:
    host = bookable_host(live_server)
    page.set_content(
        f"""<!doctype html><html><body>
        <button data-slotwise-popup="{host.username}/meet">Book a call</button>
        <script src="{live_server.url}/embed/embed.js"></script></body></html>"""
    )
    page.get_by_role("button", name="Book a call").click()
    dialog = page.get_by_role("dialog", name="Book a time")
    expect(dialog).to_be_visible()
    expect(page.frame_locator("iframe").locator("#event-title")).to_have_text("Meet")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_role("button", name="Book a call")).to_be_focused()


def test_mobile_layout(live_server: LiveServer, page: Page, tmp_path: Path) -> None:
    host = bookable_host(live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    open_event_page(page, live_server, host)
    calendar = page.locator(".calendar").bounding_box()
    info = page.locator(".event-info").bounding_box()
    assert calendar is not None
    assert info is not None
    assert calendar["y"] >= info["y"] + info["height"] - 1  # stacked, not side by side
    assert calendar["width"] > 300
    page.screenshot(path=tmp_path / "event-page-mobile.png", full_page=True)


def test_brand_colour_and_dark_theme(live_server: LiveServer, browser: Browser) -> None:
    host = bookable_host(live_server)
    set_user(live_server, host.username, brand_color="#0a7d5a", dark_brand_color="#7cf2c8")
    dark = browser.new_context(color_scheme="dark", timezone_id="Europe/London")
    try:
        page = dark.new_page()
        page.goto(f"{live_server.url}/{host.username}/meet?date=2030-03-26")
        chosen = page.get_by_role("button", name=re.compile(r"^Tuesday 26 March"))
        # The visitor's system is dark and the owner chose no theme: the dark brand colour.
        expect(chosen).to_have_css("background-color", "rgb(124, 242, 200)")
        expect(page.locator("body")).to_have_css("background-color", "rgb(16, 16, 18)")
        set_user(live_server, host.username, theme="light")
        page.reload()
        expect(chosen).to_have_css("background-color", "rgb(10, 125, 90)")
        expect(chosen).to_have_css("color", "rgb(255, 255, 255)")  # readable on the brand
    finally:
        dark.close()
