"""Emails tell times on each reader's clock: the booker's 12h/24h choice on the booking page,
the host's ``timeFormat`` setting; a booking made through the API follows the language."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.outbox.worker import Worker
from tests.bookings.helpers import v2
from tests.conftest import Account
from tests.outbox.smtp_sink import SmtpSink
from tests.slots.helpers import data
from tests.web.helpers import book_form, host, set_user

HALF_PAST_ELEVEN = "2030-03-26T11:30:00Z"  # 11:30 in London (GMT until 31 March)


def times_in(smtp: SmtpSink, address: str) -> tuple[str, str]:
    """(subject, plain text) of the one email to ``address``."""
    [mail] = smtp.to(address)
    return mail.subject, mail.text()


def clock_of(text: str) -> str:
    """ "12" or "24": how the text writes 11:30."""
    if re.search(r"11:30\s?AM", text):
        return "12"
    assert re.search(r"11:30(?!\s?[AP]M)", text), text
    return "24"


@pytest.mark.parametrize(("booker", "host_setting"), [("24", 12), ("12", 24), ("24", 24)])
def test_each_reader_gets_their_own_clock(
    app: FastAPI,
    client: TestClient,
    alice: Account,
    worker: Worker,
    smtp: SmtpSink,
    booker: str,
    host_setting: int,
) -> None:
    host(client, alice)
    set_user(app, alice.username, time_format=host_setting)
    posted = book_form(
        client, f"/{alice.username}/intro", HALF_PAST_ELEVEN, tz="Europe/London", h=booker
    )
    assert posted.status_code == 303, posted.text
    worker.drain()
    for part in times_in(smtp, "ann@example.com"):
        assert clock_of(part) == booker
    for part in times_in(smtp, "alice@example.com"):
        assert clock_of(part) == str(host_setting)


def test_an_api_booking_follows_the_language(
    app: FastAPI, client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink
) -> None:
    event_type_id = host(client, alice)
    attendee = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/London"}
    body = {"start": HALF_PAST_ELEVEN, "eventTypeId": event_type_id, "attendee": attendee}
    data(client.post("/v2/bookings", headers=v2(), json=body), 201)
    worker.drain()
    subject, text = times_in(smtp, "ann@example.com")
    assert clock_of(subject) == clock_of(text) == "12"  # English writes 11:30 AM
