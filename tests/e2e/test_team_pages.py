"""A team's booking pages in a real Chromium: from the team's page to its round-robin event
type, a slot only one host can take, the booking lands on that host and the confirmation
names them, in the team's colours; the next booker of the same time gets the other host."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import Page, expect

from slotwise.db import transaction
from slotwise.teams.models import Team
from tests.e2e.conftest import LiveServer
from tests.e2e.test_booking_pages import fill_and_book, set_user
from tests.team_scheduling.conftest import Teams
from tests.team_scheduling.helpers import hours, team_event_type

pytestmark = pytest.mark.e2e

_numbers = itertools.count(1)


def host_ids(server: LiveServer, confirmation_url: str) -> list[int]:
    """The hosts of the booking a confirmation page shows, as the API answers them."""
    uid = confirmation_url.split("/booking/")[1].split("?")[0]
    response = server.api.get(f"/v2/bookings/{uid}", headers={"cal-api-version": "2024-08-13"})
    assert response.status_code == 200, response.text
    return [host["id"] for host in response.json()["data"]["hosts"]]


def test_book_a_round_robin_team_event_end_to_end(live_server: LiveServer, page: Page) -> None:
    n = next(_numbers)
    olga = live_server.user(username=f"olga-rr{n}")
    max_ = live_server.user(username=f"max-rr{n}")
    set_user(live_server, olga.username, name="Olga Host")
    set_user(live_server, max_.username, name="Max Host")
    hours(live_server.api, olga, "09:00", "11:00")  # type: ignore[arg-type]
    hours(live_server.api, max_, "09:00", "17:00")  # type: ignore[arg-type]
    slug = f"sales-rr{n}"
    team_id = Teams(live_server.app, live_server.clock).make(olga, members=[max_], slug=slug)
    with transaction(live_server.app.state.write_session_factory) as session:
        team = session.get(Team, team_id)
        assert team is not None
        team.name, team.brand_color = "Sales Crew", "#0055aa"
    hosts = [
        {"userId": u.id, "mandatory": False, "priority": p}
        for u, p in ((olga, "highest"), (max_, "low"))
    ]
    team_event_type(live_server.api, olga, team_id, "ROUND_ROBIN", hosts=hosts)  # type: ignore[arg-type]

    page.goto(f"{live_server.url}/team/{slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sales Crew")
    expect(page.get_by_role("list", name="Members").locator("li")).to_have_count(2)
    page.get_by_role("link", name=re.compile("Demo")).click()
    page.wait_for_url(re.compile(rf"/team/{slug}/demo\?.*tz=America%2FNew_York"))
    expect(page.locator("#month-title")).to_have_text("March 2030")
    # The team's brand colour is the page's.
    brand = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand')")
    assert brand.strip() == "#0055aa"

    # Monday 25 March 10:00 London (06:00 in New York): both free, Olga has the priority.
    page.get_by_role("button", name=re.compile(r"^Monday 25 March")).click()
    page.locator('button.slot[value="2030-03-25T10:00:00Z"]').click()
    fill_and_book(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    expect(page.locator("li.host")).to_have_text(["Olga Host Host"])
    assert host_ids(live_server, page.url) == [olga.id]

    # The same time again: Olga is busy now, so the round robin gives it to Max.
    page.goto(f"{live_server.url}/team/{slug}/demo?date=2030-03-25&tz=America/New_York")
    page.locator('button.slot[value="2030-03-25T10:00:00Z"]').click()
    fill_and_book(page, name="Bea Booker", email="bea@example.com")
    expect(page.get_by_role("heading", level=1)).to_have_text("This meeting is scheduled")
    expect(page.locator("li.host")).to_have_text(["Max Host Host"])
    assert host_ids(live_server, page.url) == [max_.id]

    # A third booker finds 10:00 gone: no host is left for it.
    page.goto(f"{live_server.url}/team/{slug}/demo?date=2030-03-25&tz=America/New_York")
    expect(page.locator("button.slot").first).to_be_visible()
    expect(page.locator('button.slot[value="2030-03-25T10:00:00Z"]')).to_have_count(0)
