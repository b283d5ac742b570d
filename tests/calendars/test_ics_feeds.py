"""ICS feeds: subscribing to an .ics URL (served by a local HTTP server) as a read-only busy
source, and each user's private feed of their bookings at a secret URL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from slotwise.config import Settings
from slotwise.logging_setup import redact
from tests.calendars.feed_server import FeedServer
from tests.calendars.helpers import bookable, tuesday_starts
from tests.conftest import Account
from tests.slots.helpers import data, error

HOLIDAYS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//tests//EN\r
X-WR-CALNAME:Team offsite\r
BEGIN:VEVENT\r
UID:offsite-1\r
DTSTAMP:20300101T000000Z\r
DTSTART:20300326T100000Z\r
DTEND:20300326T110000Z\r
SUMMARY:Offsite\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup\r
DTSTAMP:20300101T000000Z\r
DTSTART:20300305T140000Z\r
DTEND:20300305T143000Z\r
RRULE:FREQ=WEEKLY;BYDAY=TU\r
SUMMARY:Weekly standup\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:free-time\r
DTSTAMP:20300101T000000Z\r
DTSTART:20300326T150000Z\r
DTEND:20300326T160000Z\r
TRANSP:TRANSPARENT\r
SUMMARY:Marked free\r
END:VEVENT\r
END:VCALENDAR\r
"""
T = "2030-03-26T{}:00.000Z"


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    server.pages["/team.ics"] = (200, HOLIDAYS)
    server.start()
    yield server
    server.stop()


def save(client: TestClient, user: Account, *urls: str) -> object:
    return client.post(
        "/v2/calendars/ics-feed/save", headers=user.headers, json={"urls": list(urls)}
    )


class TestSubscribedFeeds:
    def test_a_feeds_events_block_slots_recurrences_included(
        self, client: TestClient, alice: Account, feeds: FeedServer
    ) -> None:
        intro = bookable(client, alice)
        credential = data(save(client, alice, f"{feeds.url}/team.ics"))
        assert credential["type"] == "ics-feed_calendar"
        found = tuesday_starts(client, intro)
        assert T.format("10:00") not in found  # the offsite
        assert T.format("14:00") not in found  # this week's standup, from the RRULE
        assert T.format("15:00") in found  # marked free
        assert T.format("09:00") in found

    def test_the_feed_is_listed_read_only_and_selected(
        self, client: TestClient, alice: Account, feeds: FeedServer
    ) -> None:
        data(save(client, alice, f"{feeds.url}/team.ics"))
        (account,) = data(client.get("/v2/calendars", headers=alice.headers))["connectedCalendars"]
        (calendar,) = account["calendars"]
        assert calendar["name"] == "Team offsite"
        assert calendar["readOnly"] is True
        assert calendar["isSelected"] is True
        data(client.get("/v2/calendars/ics-feed/check", headers=alice.headers))

    def test_a_feed_cannot_be_the_destination(
        self, client: TestClient, alice: Account, feeds: FeedServer
    ) -> None:
        data(save(client, alice, f"{feeds.url}/team.ics"))
        body = {"integration": "ics-feed_calendar", "externalId": f"{feeds.url}/team.ics"}
        response = client.put("/v2/destination-calendars", headers=alice.headers, json=body)
        assert "read-only" in error(response, 400)["message"]

    def test_a_feed_that_cannot_be_read_is_a_400_and_stores_nothing(
        self, client: TestClient, alice: Account, feeds: FeedServer
    ) -> None:
        error(save(client, alice, f"{feeds.url}/missing.ics"), 400)
        feeds.pages["/not-ics"] = (200, b"<html>hello</html>")
        error(save(client, alice, f"{feeds.url}/not-ics"), 400)
        error(save(client, alice, "ftp://example.com/x.ics"), 400)
        assert data(client.get("/v2/calendars", headers=alice.headers))["connectedCalendars"] == []


class TestPrivateNetworks:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return settings.model_copy(update={"calendar_allow_private_networks": False})

    def test_a_feed_on_a_private_address_is_refused(
        self, client: TestClient, alice: Account, feeds: FeedServer
    ) -> None:
        response = save(client, alice, f"{feeds.url}/team.ics")
        assert "private" in error(response, 400)["message"]
        assert feeds.hits == 0  # refused before any request was made


class TestPrivateBookingsFeed:
    def test_the_secret_url_serves_the_bookings_and_a_new_one_replaces_it(
        self, client: TestClient, alice: Account
    ) -> None:
        intro = bookable(client, alice)
        body = {
            "start": "2030-03-26T09:00:00Z",
            "eventTypeId": intro,
            "attendee": {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/Rome"},
        }
        booking = data(
            client.post("/v2/bookings", headers={"cal-api-version": "2024-08-13"}, json=body), 201
        )
        url = data(client.post("/v2/calendars/ics-feed/private", headers=alice.headers))["url"]
        assert url.startswith(
            "http://localhost:8000/v2/calendars/ics-feed/bookings.ics?token=feed_"
        )
        path = url.removeprefix("http://localhost:8000")
        response = client.get(path)  # no API key: a calendar app fetches it
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/calendar")
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["SUMMARY"]) == booking["title"]
        assert "ann@example.com" in str(event["ATTENDEE"])
        newer = data(client.post("/v2/calendars/ics-feed/private", headers=alice.headers))["url"]
        assert newer != url
        error(client.get(path), 404)
        assert client.get(newer.removeprefix("http://localhost:8000")).status_code == 200

    def test_a_made_up_token_is_a_404(self, client: TestClient) -> None:
        error(client.get("/v2/calendars/ics-feed/bookings.ics", params={"token": "feed_0"}), 404)


def test_the_feed_token_is_masked_in_logs() -> None:
    line = 'GET /v2/calendars/ics-feed/bookings.ics?token=feed_0123abcd HTTP/1.1" 200'
    assert "feed_0123abcd" not in redact(line)
    assert "token=***" in redact(line)
