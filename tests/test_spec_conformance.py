"""Real API answers against the shapes ``../shared/spec`` documents (read by tests/spec.py,
never from slotwise's output models): every documented field is present, and where the spec
lists a shape in full, nothing undocumented is added.

Where slotwise answers a field the spec does not list, or the spec's list covers more than
slotwise serves (team-only fields), the difference is written out below with the section
it concerns, so a change on either side shows up as a failing test.

Now is Monday 2030-03-25 06:00Z; Alice works Monday-Friday 09:00-17:00 Europe/London.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.clock import FrozenClock
from slotwise.config import Settings
from slotwise.outbox.models import OutboxMessage
from tests import spec
from tests.bookings.helpers import FIRST_SLOT, book, v2
from tests.conftest import Account
from tests.slots.helpers import NOW, data, make_event_type, make_schedule, reserve, slots
from tests.slots.helpers import v2 as v2_slots

# spec/api.md §3.4 lists team event types' keys beside a personal one's, in prose ("users[]
# (personal) / hosts[]", "parentEventTypeId (managed children)"): a personal event type has
# users[] and none of these.
TEAM_ONLY_EVENT_TYPE_KEYS = (
    "teamId", "schedulingType", "assignAllTeamMembers", "hosts", "parentEventTypeId",
)  # fmt: skip
# spec/api.md §3.4 lists these among an event type's keys; Cal.com's output service answers
# them undefined (left out of its JSON) when the event type has none, and so does slotwise.
EVENT_TYPE_KEYS_WHEN_SET = (
    "lengthInMinutesOptions", "bookerLayouts", "color", "customName", "destinationCalendar",
    "calVideoSettings",
)  # fmt: skip
# slotwise adds rejectionReason to a declined booking with a reason only: none on a plain one.
BOOKING_EXTRAS: set[str] = set()
# spec/api.md §10 lists these booking payload keys, but Cal.com fills them only when a
# conferencing app made a meeting (undefined values vanish from its JSON), and slotwise has
# no conferencing apps yet: not expected until it does.
VIDEO_PAYLOAD_KEYS = ("videoCallData", "conferenceData", "appsStatus")  # and metadata.videoCallUrl
# spec/api.md §10: a webhook has exactly one scope key.
WEBHOOK_SCOPES = {"userId", "eventTypeId", "teamId", "oAuthClientId"}


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allow_private_networks": True})


@pytest.fixture
def intro(client: TestClient, alice: Account) -> int:
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice)


def conforms(answer: dict[str, Any], shape: spec.Shape, *, extras: set[str] | None = None) -> None:
    """Every documented key is present; with ``extras`` given, the shape is the spec's full
    list and nothing but ``extras`` may be added."""
    assert spec.missing(answer, shape) == set(), answer
    if extras is not None:
        assert spec.undocumented(answer, shape) == extras, answer


class TestApi:
    def test_me(self, client: TestClient, alice: Account) -> None:
        me = data(client.get("/v2/me", headers=alice.headers))
        conforms(me, spec.me(), extras=set())

    def test_schedule(self, client: TestClient, alice: Account) -> None:
        schedule_id = make_schedule(
            client,
            alice,
            "Europe/London",
            overrides=[{"date": "2030-04-02", "startTime": "10:00", "endTime": "12:00"}],
        )
        headers = {**alice.headers, "cal-api-version": "2024-06-11"}
        answers = [
            data(client.get(f"/v2/schedules/{schedule_id}", headers=headers)),
            *data(client.get("/v2/schedules", headers=headers)),
            data(client.get("/v2/schedules/default", headers=headers)),
        ]
        for answer in answers:
            assert answer["availability"]
            assert answer["overrides"]
            conforms(answer, spec.schedule(), extras=set())

    def test_event_type(self, client: TestClient, alice: Account, intro: int) -> None:
        headers = {**alice.headers, "cal-api-version": "2024-06-14"}
        answers = [
            data(client.get(f"/v2/event-types/{intro}", headers=headers)),
            *data(client.get("/v2/event-types", headers=headers)),
        ]
        shape = spec.event_type().without(*TEAM_ONLY_EVENT_TYPE_KEYS)
        for answer in answers:
            conforms(answer, shape.without(*EVENT_TYPE_KEYS_WHEN_SET))
            assert not set(EVENT_TYPE_KEYS_WHEN_SET) & set(answer)  # none set here
            assert "users" in answer
            assert not set(TEAM_ONLY_EVENT_TYPE_KEYS) & set(answer)

    def test_slots(self, client: TestClient, intro: int) -> None:
        day = {"eventTypeId": intro, "start": "2030-03-26", "end": "2030-03-26"}
        [times] = slots(client, **day).values()
        [ranges] = slots(client, **day, format="range").values()
        assert times
        assert ranges
        for slot in times:
            conforms(slot, spec.slot(), extras=set())
        for slot in ranges:
            conforms(slot, spec.slot_range(), extras=set())

    def test_seated_slots(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "Europe/London")
        seated = make_event_type(
            client,
            alice,
            "seated",
            seats={"seatsPerTimeSlot": 3, "showAttendeeInfo": False, "showAvailabilityCount": True},
        )
        data(book(client, seated), 201)
        day = {"eventTypeId": seated, "start": "2030-03-26", "end": "2030-03-26"}
        [found] = slots(client, **day).values()
        shape = spec.slot().merged(spec.seated_slot())
        taken = [s for s in found if s["start"].startswith("2030-03-26T09:00")]
        assert taken
        for slot in found:
            conforms(slot, shape, extras=set())

    def test_reservation(self, client: TestClient, intro: int) -> None:
        hold = data(reserve(client, intro, FIRST_SLOT), 201)
        conforms(hold, spec.reservation(), extras=set())
        fetched = data(
            client.get(f"/v2/slots/reservations/{hold['reservationUid']}", headers=v2_slots())
        )
        conforms(fetched, spec.reservation(), extras=set())

    def test_booking(self, client: TestClient, alice: Account, intro: int) -> None:
        created = data(book(client, intro), 201)
        fetched = data(client.get(f"/v2/bookings/{created['uid']}", headers=v2()))
        response = client.get("/v2/bookings", headers=v2(alice))
        [listed] = response.json()["data"]
        shape = spec.booking()
        for answer in (created, fetched, listed):
            conforms(answer, shape, extras=BOOKING_EXTRAS)
            assert answer["hosts"]
            assert answer["attendees"]
        conforms(response.json()["pagination"], spec.pagination(), extras=set())

    def test_webhook(self, client: TestClient, alice: Account, intro: int) -> None:
        body = {
            "subscriberUrl": "http://127.0.0.1:9/hook",
            "triggers": ["BOOKING_CREATED"],
            "active": True,
            "secret": "s3cret",
        }
        created = data(client.post("/v2/webhooks", headers=alice.headers, json=body), 201)
        fetched = data(client.get(f"/v2/webhooks/{created['id']}", headers=alice.headers))
        scoped = data(
            client.post(f"/v2/event-types/{intro}/webhooks", headers=alice.headers, json=body),
            201,
        )
        conforms(created, spec.webhook(), extras=set())
        conforms(fetched, spec.webhook(), extras=set())
        conforms(scoped, spec.webhook(), extras=set())
        assert "secret" in created
        assert "secret" not in fetched
        assert set(created) & WEBHOOK_SCOPES == {"userId"}
        assert set(scoped) & WEBHOOK_SCOPES == {"eventTypeId"}

    def test_webhook_payload(
        self, app: FastAPI, client: TestClient, alice: Account, intro: int
    ) -> None:
        body = {"subscriberUrl": "http://127.0.0.1:9/hook", "triggers": ["BOOKING_CREATED"]}
        data(client.post("/v2/webhooks", headers=alice.headers, json={**body, "active": True}), 201)
        data(book(client, intro), 201)
        with app.state.session_factory() as session:
            [row] = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "webhook"))
            sent = row.payload["body"]
        assert set(sent) == {"triggerEvent", "createdAt", "payload"}
        documented = spec.webhook_booking_payload()
        expected = replace(
            documented.without(*VIDEO_PAYLOAD_KEYS),
            nested={k: v for k, v in documented.nested.items() if k != "metadata"},
        )
        conforms(sent["payload"], expected)
        assert "metadata" in sent["payload"]

    def test_v1_attendee(self, client: TestClient, alice: Account, intro: int) -> None:
        data(book(client, intro), 201)
        response = client.get("/v1/attendees", params={"apiKey": alice.api_key})
        assert response.status_code == 200, response.text
        [attendee] = response.json()["attendees"]
        conforms(attendee, spec.v1_attendee())


class TestLegacy:
    def test_schedule(self, client: TestClient, alice: Account) -> None:
        schedule_id = make_schedule(client, alice, "Europe/London")
        headers = {**alice.headers, "cal-api-version": "2024-04-15"}
        answer = data(client.get(f"/v2/schedules/{schedule_id}", headers=headers))
        conforms(answer, spec.legacy_schedule(), extras=set())

    def test_event_type(self, client: TestClient, alice: Account, intro: int) -> None:
        headers = {**alice.headers, "cal-api-version": "2024-04-15"}
        one = data(client.get(f"/v2/event-types/{intro}", headers=headers))
        conforms(one["eventType"], spec.legacy_event_type())
        listed = data(client.get("/v2/event-types", headers=headers))
        # The example's event type items are abbreviated: present keys are checked, and
        # only its top level is taken as complete.
        conforms(listed, spec.legacy_event_type_list())
        assert set(listed) == spec.legacy_event_type_list().keys

    def test_booking(self, client: TestClient, alice: Account, intro: int) -> None:
        headers = {"cal-api-version": "2024-04-15"}
        body = {
            "start": FIRST_SLOT,
            "eventTypeId": intro,
            "timeZone": "Europe/Rome",
            "language": "en",
            "metadata": {},
            "responses": {"name": "Ann", "email": "ann@example.com"},
        }
        created = data(client.post("/v2/bookings", headers=headers, json=body), 201)
        conforms(created, spec.legacy_booking_created())
        fetched = data(client.get(f"/v2/bookings/{created['uid']}", headers=headers))
        conforms(fetched, spec.legacy_booking())
        listed = data(
            client.get(
                "/v2/bookings",
                headers={**headers, **alice.headers},
                params={"filters[status]": "upcoming"},
            )
        )
        [item] = listed["bookings"]
        conforms(item, spec.legacy_booking_item())
