"""A booking's place reads the same everywhere it is shown: the booking page, its calendar
file, the emails' text and invitations, and webhooks."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule
from tests.webhooks.receiver import Receiver

ANN = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/London"}
ADDRESS = {"type": "address", "address": "1 Main St, Springfield", "public": True}


def where_shown(client: TestClient, uid: str, smtp: SmtpSink, receiver: Receiver) -> list[str]:
    """The location as each place renders it: page, page ICS, email text, email ICS, webhook."""
    page = client.get(f"/booking/{uid}", headers={"accept": "text/html"}).text
    [page_where] = re.findall(r"<dt>Where</dt><dd>(.*?)</dd>", page)
    page_ics = Calendar.from_ical(client.get(f"/booking/{uid}/ics").content)
    [mail] = smtp.to("ann@example.com")
    [email_where] = [
        line.removeprefix("Where: ") for line in mail.text().splitlines() if "Where:" in line
    ]
    email_ics = mail.calendar()
    assert email_ics is not None
    [delivery] = receiver.deliveries
    return [
        page_where,
        str(page_ics.walk("VEVENT")[0]["location"]),
        email_where,
        str(email_ics.walk("VEVENT")[0]["location"]),
        delivery.json()["payload"]["location"],
    ]


@pytest.mark.parametrize(
    ("locations", "readable"),
    [
        ([{"type": "integration", "integration": "cal-video"}], "Cal Video"),
        ([ADDRESS], "1 Main St, Springfield"),
    ],
)
def test_a_location_reads_the_same_everywhere(
    client: TestClient,
    alice: Account,
    worker: Worker,
    smtp: SmtpSink,
    receiver: Receiver,
    locations: list[dict[str, Any]],
    readable: str,
) -> None:
    make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice, locations=locations)
    hook = {"subscriberUrl": receiver.url, "triggers": ["BOOKING_CREATED"], "active": True}
    data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": ANN}
    uid = data(client.post("/v2/bookings", headers=v2(), json=body), 201)["uid"]
    worker.drain()
    assert where_shown(client, uid, smtp, receiver) == [readable] * 5
