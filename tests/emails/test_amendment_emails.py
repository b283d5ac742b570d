"""In-place booking changes reach people through the real SMTP sink: a new place re-issues
the invitation to everyone (same UID, next SEQUENCE, the new LOCATION); people added are
invited, and the others get the updated invitation naming them. Cal.com sends no webhook
for these, and neither does slotwise."""

from __future__ import annotations

from fastapi.testclient import TestClient
from icalendar import Calendar

from slotwise.outbox.worker import Worker
from tests.bookings.helpers import FIRST_SLOT, v2
from tests.conftest import Account
from tests.outbox.smtp_sink import Received, SmtpSink
from tests.slots.helpers import data, make_event_type, make_schedule
from tests.webhooks.receiver import Receiver

ANN = {"name": "Ann", "email": "ann@example.com", "timeZone": "Europe/London"}
ALL_BOOKING_TRIGGERS = [
    "BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_REQUESTED",
    "BOOKING_REJECTED", "BOOKING_NO_SHOW_UPDATED",
]  # fmt: skip


def booked_with_a_hook(client: TestClient, alice: Account, receiver: Receiver) -> str:
    make_schedule(client, alice, "Europe/London")
    event_type_id = make_event_type(client, alice)
    hook = {"subscriberUrl": receiver.url, "triggers": ALL_BOOKING_TRIGGERS, "active": True}
    data(client.post("/v2/webhooks", headers=alice.headers, json=hook), 201)
    body = {"start": FIRST_SLOT, "eventTypeId": event_type_id, "attendee": ANN}
    uid: str = data(client.post("/v2/bookings", headers=v2(), json=body), 201)["uid"]
    return uid


def event_of(mail: Received) -> Calendar:
    calendar = mail.calendar()
    assert calendar is not None
    assert str(calendar["method"]) == "REQUEST"
    event: Calendar = calendar.walk("VEVENT")[0]
    return event


def test_a_new_place_reissues_the_invitation_to_everyone(
    client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink, receiver: Receiver
) -> None:
    uid = booked_with_a_hook(client, alice, receiver)
    worker.drain()
    created = event_of(smtp.to("ann@example.com")[0])
    hooks_before = len(receiver.deliveries)
    body = {"location": {"type": "address", "address": "1 Main St, Springfield"}}
    data(client.patch(f"/v2/bookings/{uid}/location", headers=v2(alice), json=body))
    worker.drain()
    for address in ("ann@example.com", alice.email):
        mail = smtp.to(address)[-1]
        assert mail.subject.startswith("Location changed: Intro")
        assert "1 Main St, Springfield" in mail.text()
        event = event_of(mail)
        assert str(event["uid"]) == str(created["uid"])
        assert int(event["sequence"]) == int(created["sequence"]) + 1
        assert str(event["location"]) == "1 Main St, Springfield"
    assert len(receiver.deliveries) == hooks_before  # no webhook, as Cal.com sends none
    # The same place again changes nothing, so nobody is told twice.
    sent = len(smtp.received)
    data(client.patch(f"/v2/bookings/{uid}/location", headers=v2(alice), json=body))
    worker.drain()
    assert len(smtp.received) == sent


def test_people_added_are_invited_and_the_others_updated(
    client: TestClient, alice: Account, worker: Worker, smtp: SmtpSink, receiver: Receiver
) -> None:
    uid = booked_with_a_hook(client, alice, receiver)
    worker.drain()
    guests = {"guests": [{"email": "gus@example.com", "name": "Gus"}]}
    data(client.post(f"/v2/bookings/{uid}/guests", headers=v2(alice), json=guests))
    worker.drain()
    [invited] = smtp.to("gus@example.com")
    assert invited.subject.startswith("Confirmed: Intro")
    for address in ("ann@example.com", alice.email):
        updated = smtp.to(address)[-1]
        assert updated.subject.startswith("Updated: Intro")
        assert "Gus" in updated.text()
        people = {str(a).lower() for a in event_of(updated).get("attendee")}
        assert "mailto:gus@example.com" in people
    # One attendee through POST /attendees: told the same way.
    body = {"email": "ned@example.com", "name": "Ned", "timeZone": "Asia/Tokyo"}
    data(client.post(f"/v2/bookings/{uid}/attendees", headers=v2(alice), json=body), 201)
    worker.drain()
    [welcome] = smtp.to("ned@example.com")
    assert welcome.subject.startswith("Confirmed: Intro")
    assert smtp.to("gus@example.com")[-1].subject.startswith("Updated: Intro")
