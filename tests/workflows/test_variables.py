"""Every template variable of spec/api.md §11, filled in for one reader (zone, language, clock)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from slotwise.workflows import variables

BASE = "https://cal.example"
BOOKING: dict[str, Any] = {
    "id": 7,
    "uid": "abc123",
    "title": "Intro between Alice and Ann",
    "eventName": "Intro",
    "description": "Let us talk",
    "start": datetime(2030, 3, 26, 9, 0, tzinfo=UTC).isoformat(),
    "end": datetime(2030, 3, 26, 9, 30, tzinfo=UTC).isoformat(),
    "location": "Office 4",
    "meetingUrl": "https://meet.example/x",
    "responses": {"notes": "Bring slides", "companySize": "10-50", "topics": ["a", "b"]},
    "cancellationReason": "ill",
    "organizer": {"name": "Alice", "email": "alice@example.com", "timeZone": "Europe/London"},
    "attendees": [
        {"name": "Ann Marie Lee", "email": "ann@example.com", "timeZone": "America/New_York"},
    ],
}
HOST = {**BOOKING["organizer"], "language": "en", "timeFormat": 24}
ANN = {**BOOKING["attendees"][0], "language": "en", "timeFormat": 12}


@pytest.mark.parametrize(
    ("template", "reader", "expected"),
    [
        ("{EVENT_NAME}", HOST, "Intro"),
        ("{EVENT_DATE}", HOST, "Tuesday, March 26, 2030"),
        ("{EVENT_TIME}", HOST, "09:00"),
        ("{START_TIME}", ANN, "5:00 AM"),
        ("{EVENT_END_TIME}", HOST, "09:30"),
        ("{TIMEZONE}", ANN, "America/New_York"),
        ("{LOCATION}", HOST, "Office 4"),
        ("{ORGANIZER_NAME}", ANN, "Alice"),
        ("{ATTENDEE_NAME}", HOST, "Ann Marie Lee"),
        ("{ATTENDEE_FIRST_NAME}", HOST, "Ann"),
        ("{ATTENDEE_LAST_NAME}", HOST, "Marie Lee"),
        ("{ATTENDEE_EMAIL}", HOST, "ann@example.com"),
        ("{ADDITIONAL_NOTES}", HOST, "Bring slides"),
        ("{MEETING_URL}", HOST, "https://meet.example/x"),
        ("{CANCEL_URL}", ANN, f"{BASE}/booking/abc123?cancel=true"),
        ("{RESCHEDULE_URL}", ANN, f"{BASE}/reschedule/abc123"),
        ("{RATING_URL}", ANN, f"{BASE}/booking/abc123?rating=true"),
        ("{NO_SHOW_URL}", HOST, f"{BASE}/booking/abc123?noShow=true"),
        ("{ATTENDEE_TIMEZONE}", HOST, "America/New_York"),
        ("{EVENT_START_TIME_IN_ATTENDEE_TIMEZONE}", HOST, "05:00"),
        ("{EVENT_END_TIME_IN_ATTENDEE_TIMEZONE}", HOST, "05:30"),
        ("{CANCELLATION_REASON}", HOST, "ill"),
        ("{event_name} {Organizer_Name}", HOST, "Intro Alice"),  # case-insensitive
        ("{EVENT_DATE_YYYY MMM D}", HOST, "2030 Mar 26"),
        ("{EVENT_DATE_ddd, MMM D, YYYY h:mma}", ANN, "Tue, Mar 26, 2030 5:00am"),
        ("{EVENT_DATE_dddd DD/MM/YY HH:mm Z}", ANN, "Tuesday 26/03/30 05:00 -04:00"),
        ("{EVENT_DATE_[at] H}", HOST, "at 9"),
        ("{START_TIME_h:mma}", HOST, "9:00am"),
        ("{COMPANY_SIZE} / {TOPICS}", HOST, "10-50 / a, b"),
        ("{NOT_A_VARIABLE}", HOST, "{NOT_A_VARIABLE}"),
    ],
)
def test_each_variable(template: str, reader: dict[str, Any], expected: str) -> None:
    assert variables.render(template, BOOKING, reader, BASE) == expected


def test_the_readers_language_names_months_and_days() -> None:
    german = {**ANN, "language": "de", "timeZone": "Europe/Berlin"}
    rendered = variables.render("{EVENT_DATE_dddd, D. MMMM} {EVENT_DATE}", BOOKING, german, BASE)
    assert rendered == "Dienstag, 26. März Dienstag, 26. März 2030"


def test_an_attendee_reads_about_themselves() -> None:
    second = {"name": "Bo", "email": "bo@example.com", "timeZone": "Asia/Tokyo"}
    booking = {**BOOKING, "attendees": [*BOOKING["attendees"], second]}
    reader = {**second, "language": "en"}
    assert variables.render("{ATTENDEE_NAME} {TIMEZONE}", booking, reader, BASE) == (
        "Bo Asia/Tokyo"
    )


def test_html_bodies_escape_what_bookers_typed() -> None:
    booking = {**BOOKING, "attendees": [{**ANN, "name": "<script>x</script>"}]}
    rendered = variables.render("<p>{ATTENDEE_NAME}</p>", booking, HOST, BASE, as_html=True)
    assert rendered == "<p>&lt;script&gt;x&lt;/script&gt;</p>"
