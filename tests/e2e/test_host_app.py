"""The host's web app in a real Chromium: sign in with the keyboard, build a schedule and an
event type from the UI and see the booking page offer exactly those slots, book as a visitor
and confirm as the host, create an API key and use it, a form without its CSRF token is
refused, another user's edit page is a 404, and screenshots of the main pages light and dark
(and on a phone)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from slotwise.db import transaction
from slotwise.users.models import User
from tests.conftest import Account
from tests.e2e.conftest import LiveServer
from tests.slots.helpers import make_event_type, make_schedule
from tests.web_host.helpers import PASSWORD, set_password

pytestmark = pytest.mark.e2e

_names = itertools.count(1)
WEEKDAYS_OFF = (1, 3, 4, 5)  # Monday, Wednesday, Thursday, Friday (stored numbers)


def host_account(server: LiveServer) -> Account:
    account = server.user(username=f"hostapp{next(_names)}", time_zone="Europe/London")
    set_password(server.app, account.email)
    return account


def sign_in_with_keyboard(page: Page, server: LiveServer, account: Account) -> None:
    page.goto(f"{server.url}/event-types")
    page.wait_for_url(re.compile(r"/auth/login\?next=%2Fevent-types"))
    page.get_by_label("Email").focus()
    page.keyboard.type(account.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/event-types")
    expect(page.get_by_role("heading", level=1)).to_have_text("Event types")


def test_schedule_and_event_type_from_the_ui_give_exactly_those_slots(
    live_server: LiveServer, browser: Browser, page: Page, tmp_path: Path
) -> None:
    host = host_account(live_server)
    sign_in_with_keyboard(page, live_server, host)

    # A schedule: Tuesdays 09:00-10:00 and 14:00-15:00 in London, nothing else.
    page.get_by_role("link", name="Availability").click()
    page.get_by_label("Name").fill("Tuesdays")
    page.get_by_label("Time zone").select_option("Europe/London")
    page.get_by_role("button", name="Create schedule").click()
    expect(page.get_by_role("status")).to_have_text("Created.")
    for day in WEEKDAYS_OFF:
        page.locator(f'input[name="start_{day}"]').first.fill("")
        page.locator(f'input[name="end_{day}"]').first.fill("")
    page.locator('input[name="start_2"]').first.fill("09:00")
    page.locator('input[name="end_2"]').first.fill("10:00")
    page.get_by_role("button", name="Add a range on Tuesday").click()
    page.locator('input[name="start_2"]').nth(2).fill("14:00")
    page.locator('input[name="end_2"]').nth(2).fill("15:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")

    # An event type needing confirmation, bookable at once.
    page.get_by_role("link", name="Event types").click()
    page.get_by_role("link", name="New event type").click()
    page.get_by_label("Title").fill("Quick chat")
    page.get_by_label("URL slug").fill("quick")
    page.get_by_label("Length (minutes)").fill("30")
    page.get_by_label("Minimum notice (minutes)").fill("0")
    page.get_by_label("Location", exact=True).select_option("attendeePhone")
    page.get_by_label("Requires my confirmation").check()
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("status")).to_have_text("Created.")

    # The booking page offers exactly the schedule's times.
    visitor = browser.new_context(timezone_id="Europe/London", locale="en-GB")
    booker = visitor.new_page()
    booker.goto(f"{live_server.url}/{host.username}/quick?tz=Europe/London&month=2030-03")
    free_days = booker.locator("button.day:not([disabled])")
    assert [free_days.nth(i).get_attribute("value") for i in range(free_days.count())] == [
        "2030-03-26"
    ]
    booker.locator('button.day[value="2030-03-26"]').click()
    slots = booker.locator("button.slot")
    expect(slots.first).to_be_visible()
    assert [slots.nth(i).get_attribute("value") for i in range(slots.count())] == [
        "2030-03-26T09:00:00Z", "2030-03-26T09:30:00Z",
        "2030-03-26T14:00:00Z", "2030-03-26T14:30:00Z",
    ]  # fmt: skip

    # Book as a visitor: it waits for the host.
    slots.nth(2).click()
    booker.get_by_label("Your name").fill("Vera Visitor")
    booker.get_by_label("Email address").fill("vera@example.com")
    booker.get_by_label(re.compile("Your address, number or place")).fill("+442071234567")
    booker.get_by_role("button", name=re.compile("Confirm booking|Request booking")).click()
    booker.wait_for_url(re.compile(r"/booking/[0-9a-f]{32}"))
    uid = booker.url.split("/booking/")[1].split("?")[0]
    visitor.close()

    # Confirm as the host.
    page.get_by_role("link", name="Bookings").click()
    page.get_by_role("link", name="Unconfirmed").click()
    expect(page.locator(".row")).to_contain_text("Vera Visitor")
    page.get_by_role("button", name="Confirm Quick chat").click()
    expect(page.get_by_role("status")).to_have_text("Booking confirmed.")
    answer = live_server.api.get(f"/v2/bookings/{uid}", headers={"cal-api-version": "2024-08-13"})
    assert answer.json()["data"]["status"] == "accepted"
    assert answer.json()["data"]["start"] == "2030-03-26T14:00:00.000Z"
    page.get_by_role("link", name="Upcoming").click()
    expect(page.locator(".row")).to_contain_text("Vera Visitor")
    page.screenshot(path=tmp_path / "bookings-light.png", full_page=True)
    assert (tmp_path / "bookings-light.png").stat().st_size > 10_000


def test_an_api_key_made_in_the_ui_works_with_the_api(live_server: LiveServer, page: Page) -> None:
    host = host_account(live_server)
    sign_in_with_keyboard(page, live_server, host)
    page.goto(f"{live_server.url}/settings/developer/api-keys")
    page.get_by_label("Name").fill("from the browser")
    page.get_by_label("Expires after (days)").fill("7")
    page.get_by_role("button", name="Create key").click()
    key = page.locator("#new-key").inner_text().strip()
    assert re.fullmatch(r"cal_[0-9a-f]{32}", key)
    me = httpx.get(f"{live_server.url}/v2/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status_code == 200
    assert me.json()["data"]["username"] == host.username
    page.reload()  # a reload shows the list, never the secret again
    expect(page.locator("#new-key")).to_have_count(0)
    expect(page.locator("table")).to_contain_text("from the browser")


def test_a_form_without_its_csrf_token_is_refused(live_server: LiveServer, page: Page) -> None:
    host = host_account(live_server)
    sign_in_with_keyboard(page, live_server, host)
    page.goto(f"{live_server.url}/event-types/new")
    page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    page.get_by_label("Title").fill("Sneaky")
    page.get_by_label("URL slug").fill("sneaky")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Create").click()
    assert posted.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("This form has expired")
    answer = live_server.api.get(
        "/v2/event-types", headers={**host.headers, "cal-api-version": "2024-06-14"}
    )
    assert answer.json()["data"] == []


def test_a_second_user_cannot_open_the_first_users_edit_pages(
    live_server: LiveServer, page: Page
) -> None:
    first = host_account(live_server)
    schedule_id = make_schedule(live_server.api, first, "Europe/London")  # type: ignore[arg-type]
    event_type_id = make_event_type(live_server.api, first, "private")  # type: ignore[arg-type]
    second = host_account(live_server)
    sign_in_with_keyboard(page, live_server, second)
    for path in (f"/event-types/{event_type_id}", f"/availability/{schedule_id}"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text("Private")


# The elements that stick out on the right: what to fix when a page scrolls sideways.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName.toLowerCase() + "." + e.className).slice(0, 8)"""
MAIN_PAGES = {
    "event-types": "/event-types",
    "event-type": "/event-types/{event_type_id}",
    "availability": "/availability",
    "schedule": "/availability/{schedule_id}",
    "bookings": "/bookings/upcoming",
    "profile": "/settings/my-account/profile",
    "appearance": "/settings/my-account/appearance",
    "api-keys": "/settings/developer/api-keys",
    "webhooks": "/settings/developer/webhooks",
}


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [
        ("light", {"width": 1200, "height": 900}),
        ("dark", {"width": 1200, "height": 900}),
        ("dark", {"width": 390, "height": 844}),
    ],  # fmt: skip
    ids=["light", "dark", "phone-dark"],
)
def test_screenshots_of_the_main_pages(
    live_server: LiveServer, browser: Browser, tmp_path: Path, scheme: str, viewport: dict
) -> None:  # type: ignore[type-arg]
    host = host_account(live_server)
    ids = {
        "schedule_id": make_schedule(live_server.api, host, "Europe/London"),  # type: ignore[arg-type]
        "event_type_id": make_event_type(live_server.api, host, "intro"),  # type: ignore[arg-type]
    }
    context = browser.new_context(
        viewport=viewport,
        color_scheme=scheme,
        timezone_id="Europe/London",  # type: ignore[arg-type]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/auth/login")
    page.screenshot(path=tmp_path / f"login-{scheme}.png")
    sign_in_with_keyboard(page, live_server, host)
    for name, template in MAIN_PAGES.items():
        page.goto(live_server.url + template.format(**ids))
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(16, 16, 18)" if scheme == "dark" else "rgb(244, 244, 245)")
        # Nothing wider than the screen: the page works on a phone without sideways scrolling.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, overflow, page.evaluate(WIDER_THAN_THE_SCREEN))
        shot = tmp_path / f"{name}-{scheme}-{viewport['width']}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 5_000
    context.close()


def test_sign_up_then_sign_out_and_in_again(
    live_server: LiveServer, page: Page, tmp_path: Path
) -> None:
    """Where the instance takes sign-ups: a new account, then the same person signing in."""
    app_state = live_server.app.state
    closed = app_state.settings
    app_state.settings = closed.model_copy(update={"signup_enabled": True})
    try:
        page.goto(f"{live_server.url}/auth/login")
        page.get_by_role("link", name="Create an account").click()
        page.get_by_label("Your name").fill("Sam Signup")
        page.get_by_label("Email").fill("sam@example.com")
        page.get_by_label(re.compile("^Username")).fill("samsignup")
        page.get_by_label(re.compile("^Password")).fill("sam's password")
        page.screenshot(path=tmp_path / "signup-light.png")
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(f"{live_server.url}/availability")
        expect(page.locator(".host-signout")).to_contain_text("samsignup")
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("status")).to_have_text("You are signed out.")
        page.get_by_label("Email").fill("sam@example.com")
        page.get_by_label("Password").fill("sam's password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/event-types")
    finally:
        app_state.settings = closed
    # The sign-up form took the browser's zone (New York) for the account.
    with transaction(live_server.app.state.session_factory) as session:
        zone = session.scalars(select(User.time_zone).where(User.username == "samsignup")).one()
    assert zone == "America/New_York"
