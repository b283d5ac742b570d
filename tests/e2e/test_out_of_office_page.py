"""An away day on the booking page, in a real Chromium: the calendar marks it, picking it
says the host is out of office and links to the colleague's event type of the same slug,
which books as usual."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LiveServer
from tests.slots.helpers import make_event_type, make_schedule

pytestmark = pytest.mark.e2e

_names = itertools.count(1)


def test_away_day_links_to_the_colleague(page: Page, live_server: LiveServer) -> None:
    number = next(_names)
    host = live_server.user(username=f"awayhost{number}")
    colleague = live_server.user(username=f"colleague{number}")
    for account in (host, colleague):
        make_schedule(live_server.api, account, "Europe/London")  # type: ignore[arg-type]
        make_event_type(live_server.api, account, "meet", minimumBookingNotice=0)  # type: ignore[arg-type]
    entry = live_server.api.post(
        "/v2/me/ooo",
        headers=host.headers,
        json={"start": "2030-03-27", "end": "2030-03-27", "reason": "vacation",
              "toUserId": colleague.id},
    )  # fmt: skip
    assert entry.status_code == 201, entry.text

    page.goto(f"{live_server.url}/{host.username}/meet?tz=Europe/London&month=2030-03")
    away_day = page.locator('button.day[value="2030-03-27"]')
    expect(away_day).to_have_class(re.compile(r"\baway\b"))
    expect(away_day).to_have_attribute("aria-label", re.compile(r"away$"))
    expect(page.locator('button.day[value="2030-03-28"]')).to_have_class(re.compile(r"\bfree\b"))

    away_day.click()
    notice = page.locator("#away-notice")
    expect(notice).to_contain_text("is out of office on this day")
    redirect = notice.get_by_role("link", name=re.compile(r"Book Colleague\d+ instead"))
    expect(redirect).to_have_attribute("href", f"/{colleague.username}/meet?date=2030-03-27")
    expect(page.locator("button.slot")).to_have_count(0)

    redirect.click()
    page.wait_for_url(re.compile(rf"/{colleague.username}/meet"))
    expect(page.locator("button.slot").first).to_be_visible()
