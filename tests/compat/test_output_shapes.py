"""Output shapes as Cal.com writes them, checked from spec/api.md (§3.4 event types, §6.4
bookings) and Cal.com's habit of leaving an unset optional key out of its JSON (undefined)
rather than writing null: a client generated from Cal.com's OpenAPI validates either way,
but one written against real answers tests for the key."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import spec
from tests.bookings.helpers import FIRST_SLOT, attendee, book, v2
from tests.conftest import Account
from tests.slots.helpers import data, make_event_type, make_schedule

EVENT_TYPES = "2024-06-14"
# §3.4 marks these ``|null``: Cal.com answers null when unset (its database's null).
NULL_WHEN_UNSET = ("slotInterval", "recurrence", "seatsPerTimeSlot", "scheduleId")
# §3.4 lists these without ``|null``; Cal.com's output service answers them undefined (so
# absent) when the event type has none.
ABSENT_WHEN_UNSET = {
    "lengthInMinutesOptions": [30, 60],
    "bookerLayouts": {"defaultLayout": "week", "enabledLayouts": ["month", "week"]},
    "color": {"lightThemeHex": "#292929", "darkThemeHex": "#fafafa"},
    "customName": "{Event type title} with {Scheduler}",
    "destinationCalendar": {"integration": "google_calendar", "externalId": "primary"},
    "calVideoSettings": {"disableRecordingForGuests": True},
}
# §6.4's optional booking keys, each with the action that makes it apply.
BOOKING_OPTIONAL = ("cancellationReason", "cancelledByEmail", "reschedulingReason",
                    "rescheduledFromUid", "rescheduledToUid", "rescheduledByEmail")  # fmt: skip


def event_type_headers(account: Account) -> dict[str, str]:
    return {**account.headers, "cal-api-version": EVENT_TYPES}


@pytest.fixture
def hours(client: TestClient, alice: Account) -> None:
    make_schedule(client, alice, "Europe/London")


class TestEventTypes:
    def test_unset_keys_are_null_where_the_spec_says_and_absent_elsewhere(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(client, alice)
        answers = [
            data(client.get(f"/v2/event-types/{event_type_id}", headers=event_type_headers(alice))),
            *data(
                client.get(
                    "/v2/event-types",
                    params={"username": "alice"},
                    headers={"cal-api-version": EVENT_TYPES},
                )
            ),
        ]
        documented = spec.event_type().keys
        assert set(ABSENT_WHEN_UNSET) <= documented
        assert set(NULL_WHEN_UNSET) <= documented
        for answer in answers:
            assert {key: answer[key] for key in NULL_WHEN_UNSET} == dict.fromkeys(NULL_WHEN_UNSET)
            assert not set(ABSENT_WHEN_UNSET) & set(answer), answer

    def test_set_keys_are_answered_and_go_again_when_cleared(
        self, client: TestClient, alice: Account
    ) -> None:
        event_type_id = make_event_type(client, alice, **ABSENT_WHEN_UNSET)
        path = f"/v2/event-types/{event_type_id}"
        answer = data(client.get(path, headers=event_type_headers(alice)))
        assert {key: answer[key] for key in ABSENT_WHEN_UNSET} == ABSENT_WHEN_UNSET
        cleared = {"customName": None, "color": None, "bookerLayouts": None}
        changed = data(client.patch(path, headers=event_type_headers(alice), json=cleared))
        assert not set(cleared) & set(changed)
        assert changed["lengthInMinutesOptions"] == [30, 60]


class TestBookings:
    def test_a_cancellation_adds_its_reason_and_who_cancelled(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        booking = data(book(client, make_event_type(client, alice)), 201)
        assert not set(BOOKING_OPTIONAL) & set(booking)
        cancelled = data(
            client.post(
                f"/v2/bookings/{booking['uid']}/cancel",
                headers=v2(alice),
                json={"cancellationReason": "Ill"},
            )
        )
        assert cancelled["status"] == "cancelled"
        assert cancelled["cancellationReason"] == "Ill"
        assert cancelled["cancelledByEmail"] == "alice@example.com"

    def test_a_reschedule_links_both_bookings_and_keeps_its_reason(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        old = data(book(client, make_event_type(client, alice)), 201)
        new = data(
            client.post(
                f"/v2/bookings/{old['uid']}/reschedule",
                headers=v2(),
                json={"start": "2030-03-26T11:00:00Z", "reschedulingReason": "Clash"},
            ),
            201,
        )
        assert new["rescheduledFromUid"] == old["uid"]
        assert new["reschedulingReason"] == "Clash"
        assert "cancellationReason" not in new
        moved = data(client.get(f"/v2/bookings/{old['uid']}", headers=v2()))
        assert moved["rescheduledToUid"] == new["uid"]

    def test_an_attendees_phone_number_is_answered_once_given(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        event_type_id = make_event_type(client, alice)
        with_phone: dict[str, Any] = {**attendee(), "phoneNumber": "+447700900123"}
        booking = data(book(client, event_type_id, FIRST_SLOT, attendee=with_phone), 201)
        [only] = booking["attendees"]
        assert only["phoneNumber"] == "+447700900123"
        assert only["displayEmail"] == only["email"]

    def test_meeting_url_is_the_location_as_cal_com_copies_it(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        link = "https://meet.example.com/alice"
        event_type_id = make_event_type(
            client, alice, locations=[{"type": "link", "link": link, "public": True}]
        )
        booking = data(book(client, event_type_id), 201)
        assert booking["location"] == link
        assert booking["meetingUrl"] == link

    def test_a_declined_booking_names_the_hosts_reason_slotwise_addition(
        self, client: TestClient, alice: Account, hours: None
    ) -> None:
        """rejectionReason is not in §6.4: slotwise's deliberate addition (ARCHITECTURE.md,
        "Cal.com's output habits"), present only when a host gave a reason."""
        approval = make_event_type(client, alice, confirmationPolicy={"type": "always"})
        booking = data(book(client, approval), 201)
        assert "rejectionReason" not in booking
        declined = data(
            client.post(
                f"/v2/bookings/{booking['uid']}/decline", headers=v2(alice), json={"reason": "Away"}
            )
        )
        assert declined["status"] == "rejected"
        assert declined["rejectionReason"] == "Away"
        assert "rejectionReason" not in spec.booking().keys
