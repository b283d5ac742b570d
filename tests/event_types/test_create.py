"""POST /v2/event-types (2024-06-14): every field of spec §3.1, its defaults (scheduling.md
§15), the stored columns behind the nested settings, and the rules between fields."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from slotwise.db import transaction
from slotwise.event_types.models import EventType
from tests.conftest import Account, Accounts
from tests.event_types.helpers import (
    USER_KEYS,
    assert_bad_request,
    body,
    create,
    get,
    headers,
    make_schedule,
    own_list,
)


def stored(app: FastAPI, event_type_id: int) -> EventType:
    with transaction(app.state.session_factory) as session:
        event_type = session.get(EventType, event_type_id)
        assert event_type is not None
        return event_type


def count_event_types(app: FastAPI) -> int:
    with transaction(app.state.session_factory) as session:
        return int(session.scalar(select(func.count()).select_from(EventType)) or 0)


class TestDefaults:
    def test_a_minimal_body_gets_cal_com_defaults(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice)
        assert created["lengthInMinutes"] == 30
        assert created["title"] == "Intro call"
        assert created["slug"] == "intro-call"
        assert created["ownerId"] == alice.id
        assert created["description"] == ""
        assert created["slotInterval"] is None
        assert created["minimumBookingNotice"] == 120
        assert created["beforeEventBuffer"] == 0
        assert created["afterEventBuffer"] == 0
        assert created["offsetStart"] == 0
        assert created["bookingWindow"] == {"disabled": True}
        assert created["seats"] == {"disabled": True}
        assert created["seatsPerTimeSlot"] is None
        assert created["confirmationPolicy"] == {"disabled": True}
        assert created["recurrence"] is None
        assert created["bookingLimitsCount"] == {}
        assert created["bookingLimitsDuration"] == {}
        assert created["bookerActiveBookingsLimit"] == {"disabled": True}
        assert created["onlyShowFirstAvailableSlot"] is False
        assert created["hidden"] is False
        assert created["lockTimeZoneToggleOnBookingPage"] is False
        assert created["scheduleId"] is None
        assert created["locations"] == [{"type": "integration", "integration": "cal-video"}]
        assert "lengthInMinutesOptions" not in created  # one length: Cal.com leaves it out
        assert created["price"] == 0
        assert created["currency"] == "usd"
        assert created["bookingUrl"] == "http://localhost:8000/alice/intro-call"

    def test_the_owner_is_listed_as_its_user(self, client: TestClient, alice: Account) -> None:
        users = create(client, alice)["users"]
        assert len(users) == 1
        assert set(users[0]) == USER_KEYS
        assert users[0]["id"] == alice.id
        assert users[0]["username"] == "alice"

    def test_the_booking_form_starts_with_every_default_field(
        self, client: TestClient, alice: Account
    ) -> None:
        fields = create(client, alice)["bookingFields"]
        assert [f["slug"] for f in fields] == [
            "name", "email", "location", "title", "notes", "guests", "rescheduleReason",
        ]  # fmt: skip
        assert all(f["isDefault"] for f in fields)
        assert fields[0] == {
            "isDefault": True, "type": "name", "slug": "name", "required": True,
            "disableOnPrefill": False,
        }  # fmt: skip
        assert fields[1]["type"] == "email"
        assert fields[1]["required"] is True

    def test_stored_defaults(self, client: TestClient, app: FastAPI, alice: Account) -> None:
        event_type = stored(app, create(client, alice)["id"])
        assert event_type.period_type == "UNLIMITED"
        assert event_type.booking_limits_count == {}
        assert event_type.seats_show_availability_count is True
        assert event_type.requires_confirmation is False


FULL_BODY: dict[str, Any] = {
    "lengthInMinutes": 60,
    "lengthInMinutesOptions": [30, 60, 90],
    "title": "Strategy session",
    "slug": "strategy",
    "description": "Plan the quarter",
    "locations": [
        {"type": "address", "address": "1 Main St", "public": True},
        {"type": "link", "link": "https://meet.example.com/x", "public": False},
        {"type": "integration", "integration": "cal-video"},
        {"type": "phone", "phone": "+442071234567", "public": True},
        {"type": "attendeeAddress"},
        {"type": "attendeePhone"},
        {"type": "attendeeDefined"},
    ],
    "bookingFields": [
        {"type": "name", "label": "Your name"},
        {"slug": "notes", "required": True, "placeholder": "Anything to prepare?"},
        {"type": "text", "slug": "company", "label": "Company", "required": False},
        {
            "type": "select",
            "slug": "size",
            "label": "Team size",
            "required": True,
            "options": ["1-10", "11-50"],
        },
    ],  # fmt: skip
    "disableGuests": True,
    "slotInterval": 30,
    "minimumBookingNotice": 60,
    "beforeEventBuffer": 10,
    "afterEventBuffer": 15,
    "bookingLimitsCount": {"day": 2, "week": 5, "month": 10, "year": 50},
    "bookerActiveBookingsLimit": {"maximumActiveBookings": 2, "offerReschedule": True},
    "onlyShowFirstAvailableSlot": True,
    "bookingLimitsDuration": {"day": 120, "week": 300},
    "bookingWindow": {"type": "calendarDays", "value": 30, "rolling": False},
    "offsetStart": 5,
    "bookerLayouts": {"defaultLayout": "week", "enabledLayouts": ["month", "week"]},
    "requiresBookerEmailVerification": True,
    "hideCalendarNotes": True,
    "lockTimeZoneToggleOnBookingPage": True,
    "color": {"lightThemeHex": "#292929", "darkThemeHex": "#fafafa"},
    "customName": "{Event type title} with {Scheduler}",
    "destinationCalendar": {"integration": "google_calendar", "externalId": "primary"},
    "useDestinationCalendarEmail": True,
    "hideCalendarEventDetails": True,
    "successRedirectUrl": "https://example.com/thanks",
    "hideOrganizerEmail": True,
    "calVideoSettings": {"disableRecordingForGuests": True},
    "hidden": True,
    "bookingRequiresAuthentication": True,
    "disableCancelling": {"disabled": True},
    "disableRescheduling": {"disabled": False, "minutesBefore": 60},
    "interfaceLanguage": "de",
    "allowReschedulingPastBookings": True,
    "allowReschedulingCancelledBookings": True,
    "showOptimizedSlots": True,
}


class TestEveryField:
    def test_every_field_is_stored_and_answered(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        created = create(client, alice, **FULL_BODY)
        assert get(client, alice, created["id"]) == created  # persisted, not only echoed
        echoed = {
            "lengthInMinutes", "lengthInMinutesOptions", "title", "slug", "description",
            "locations", "disableGuests", "slotInterval", "minimumBookingNotice",
            "beforeEventBuffer", "afterEventBuffer", "bookingLimitsCount",
            "bookerActiveBookingsLimit", "onlyShowFirstAvailableSlot", "bookingLimitsDuration",
            "bookingWindow", "offsetStart", "bookerLayouts", "requiresBookerEmailVerification",
            "hideCalendarNotes", "lockTimeZoneToggleOnBookingPage", "color", "customName",
            "destinationCalendar", "useDestinationCalendarEmail", "hideCalendarEventDetails",
            "successRedirectUrl", "hideOrganizerEmail", "calVideoSettings", "hidden",
            "bookingRequiresAuthentication", "disableCancelling", "disableRescheduling",
            "interfaceLanguage", "allowReschedulingPastBookings",
            "allowReschedulingCancelledBookings", "showOptimizedSlots",
        }  # fmt: skip
        for field in echoed:
            assert created[field] == FULL_BODY[field], field
        fields = {f["slug"]: f for f in created["bookingFields"]}
        assert fields["name"]["label"] == "Your name"
        assert fields["notes"]["required"] is True
        assert fields["notes"]["placeholder"] == "Anything to prepare?"
        assert fields["company"] == {
            "isDefault": False, "type": "text", "slug": "company", "label": "Company",
            "required": False, "hidden": False, "disableOnPrefill": False,
        }  # fmt: skip
        assert fields["size"]["options"] == ["1-10", "11-50"]
        assert [f["slug"] for f in created["bookingFields"]][-2:] == ["company", "size"]

        event_type = stored(app, created["id"])
        assert event_type.length_in_minutes_options == [30, 60, 90]
        assert event_type.booking_limits_count == {
            "PER_DAY": 2, "PER_WEEK": 5, "PER_MONTH": 10, "PER_YEAR": 50,
        }  # fmt: skip
        assert event_type.booking_limits_duration == {"PER_DAY": 120, "PER_WEEK": 300}
        assert event_type.max_active_bookings_per_booker == 2
        assert event_type.max_active_bookings_offer_reschedule is True
        assert event_type.disable_cancelling is True
        assert event_type.minimum_reschedule_notice == 60
        assert event_type.custom_name == "{Event type title} with {Scheduler}"

    def test_seats_are_stored_as_columns(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        seats = {"seatsPerTimeSlot": 5, "showAttendeeInfo": True, "showAvailabilityCount": False}
        created = create(client, alice, seats=seats)
        assert created["seats"] == seats
        assert created["seatsPerTimeSlot"] == 5
        assert created["seatsShowAvailabilityCount"] is False
        event_type = stored(app, created["id"])
        assert event_type.seats_per_slot == 5
        assert event_type.seats_show_attendees is True
        assert event_type.seats_show_availability_count is False

    @pytest.mark.parametrize(
        ("policy", "requires", "blocks", "threshold"),
        [
            ({"type": "always", "blockUnconfirmedBookingsInBooker": True}, True, True, None),
            (
                {
                    "type": "time",
                    "noticeThreshold": {"unit": "hours", "count": 6},
                    "blockUnconfirmedBookingsInBooker": False,
                },
                True,
                False,
                {"time": 6, "unit": "hours"},
            ),
            ({"disabled": True}, False, False, None),
        ],
        ids=["always", "time", "disabled"],
    )
    def test_confirmation_policy(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        policy: dict[str, Any],
        requires: bool,
        blocks: bool,
        threshold: dict[str, Any] | None,
    ) -> None:
        created = create(client, alice, confirmationPolicy=policy)
        assert created["confirmationPolicy"] == policy
        event_type = stored(app, created["id"])
        assert event_type.requires_confirmation is requires
        assert event_type.requires_confirmation_will_block_slot is blocks
        assert event_type.requires_confirmation_threshold == threshold

    @pytest.mark.parametrize(("frequency", "freq"), [("yearly", 0), ("monthly", 1), ("weekly", 2)])
    def test_recurrence_is_stored_as_cal_coms_recurring_event(
        self, client: TestClient, app: FastAPI, alice: Account, frequency: str, freq: int
    ) -> None:
        recurrence = {"interval": 2, "occurrences": 10, "frequency": frequency}
        created = create(client, alice, recurrence=recurrence)
        assert created["recurrence"] == recurrence
        assert stored(app, created["id"]).recurrence == {"freq": freq, "interval": 2, "count": 10}

    def test_disabled_recurrence_is_none(self, client: TestClient, alice: Account) -> None:
        assert create(client, alice, recurrence={"disabled": True})["recurrence"] is None

    def test_unknown_fields_are_dropped(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        created = create(client, alice, length=90, ownerId=999, teamId=3, bogus={"x": 1})
        assert created["lengthInMinutes"] == 30
        assert created["ownerId"] == alice.id

    def test_a_slug_is_stored_lower_case(self, client: TestClient, alice: Account) -> None:
        assert create(client, alice, slug="Intro-Call")["slug"] == "intro-call"

    def test_a_zero_slot_interval_means_the_length(
        self, client: TestClient, alice: Account
    ) -> None:
        assert create(client, alice, slotInterval=0)["slotInterval"] is None

    def test_the_callers_schedule_may_be_named(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        schedule_id = make_schedule(app, alice)
        assert create(client, alice, scheduleId=schedule_id)["scheduleId"] == schedule_id

    def test_another_users_schedule_is_not_found(
        self, client: TestClient, app: FastAPI, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        schedule_id = make_schedule(app, bob)
        response = client.post(
            "/v2/event-types", headers=headers(alice), json=body(scheduleId=schedule_id)
        )
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"] == "NotFoundException"
        assert count_event_types(app) == 0

    def test_an_unknown_schedule_is_not_found(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types", headers=headers(alice), json=body(scheduleId=424242)
        )
        assert response.status_code == 404
        assert count_event_types(app) == 0


# bookingWindow input -> stored period columns (spec/api.md §3.1's table).
WINDOWS = [
    (
        {"type": "businessDays", "value": 5},
        ("ROLLING", 5, False, None, None),
        {"type": "businessDays", "value": 5, "rolling": False},
    ),
    (
        {"type": "businessDays", "value": 5, "rolling": False},
        ("ROLLING", 5, False, None, None),
        {"type": "businessDays", "value": 5, "rolling": False},
    ),
    (
        {"type": "businessDays", "value": 10, "rolling": True},
        ("ROLLING_WINDOW", 10, False, None, None),
        {"type": "businessDays", "value": 10, "rolling": True},
    ),
    (
        {"type": "calendarDays", "value": 30},
        ("ROLLING", 30, True, None, None),
        {"type": "calendarDays", "value": 30, "rolling": False},
    ),
    (
        {"type": "calendarDays", "value": 7, "rolling": True},
        ("ROLLING_WINDOW", 7, True, None, None),
        {"type": "calendarDays", "value": 7, "rolling": True},
    ),
    (
        {"type": "range", "value": ["2030-09-05", "2030-09-09"]},
        ("RANGE", None, None, date(2030, 9, 5), date(2030, 9, 9)),
        {"type": "range", "value": ["2030-09-05", "2030-09-09"]},
    ),
    ({"disabled": True}, ("UNLIMITED", None, None, None, None), {"disabled": True}),
]


class TestBookingWindow:
    @pytest.mark.parametrize(("given", "columns", "answered"), WINDOWS)
    def test_input_is_stored_as_the_period_columns(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        given: dict[str, Any],
        columns: tuple[Any, ...],
        answered: dict[str, Any],
    ) -> None:
        created = create(client, alice, bookingWindow=given)
        event_type = stored(app, created["id"])
        assert (
            event_type.period_type,
            event_type.period_days,
            event_type.period_count_calendar_days,
            event_type.period_start_date,
            event_type.period_end_date,
        ) == columns
        assert created["bookingWindow"] == answered

    @pytest.mark.parametrize(("given", "columns", "answered"), WINDOWS)
    def test_stored_columns_are_answered_as_the_window(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        given: dict[str, Any],
        columns: tuple[Any, ...],
        answered: dict[str, Any],
    ) -> None:
        """The table read backwards: columns written directly come out as bookingWindow."""
        event_type_id = create(client, alice)["id"]
        with transaction(app.state.write_session_factory) as session:
            event_type = session.get(EventType, event_type_id)
            assert event_type is not None
            (
                event_type.period_type,
                event_type.period_days,
                event_type.period_count_calendar_days,
                event_type.period_start_date,
                event_type.period_end_date,
            ) = columns
        assert get(client, alice, event_type_id)["bookingWindow"] == answered

    def test_absent_window_is_unlimited(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        assert stored(app, create(client, alice)["id"]).period_type == "UNLIMITED"


class TestLimits:
    @pytest.mark.parametrize(
        "limits",
        [
            {"day": 1},
            {"day": 2, "week": 2},
            {"day": 1, "year": 10},
            {"week": 3, "month": 10},
            {"day": 1, "week": 5, "month": 20, "year": 200},
        ],
    )
    @pytest.mark.parametrize("field", ["bookingLimitsCount", "bookingLimitsDuration"])
    def test_ascending_limits_are_accepted(
        self, client: TestClient, alice: Account, field: str, limits: dict[str, int]
    ) -> None:
        assert create(client, alice, **{field: limits})[field] == limits

    @pytest.mark.parametrize(
        "limits",
        [
            {"day": 3, "week": 2},
            {"week": 10, "month": 5},
            {"month": 10, "year": 9},
            {"day": 5, "year": 4},
            {"day": 1, "week": 5, "month": 4, "year": 100},
        ],
    )
    @pytest.mark.parametrize("field", ["bookingLimitsCount", "bookingLimitsDuration"])
    def test_shrinking_limits_are_a_400(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        field: str,
        limits: dict[str, int],
    ) -> None:
        response = client.post(
            "/v2/event-types", headers=headers(alice), json=body(**{field: limits})
        )
        assert_bad_request(response, field)
        assert count_event_types(app) == 0

    def test_disabled_limits_clear_them(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice, bookingLimitsCount={"day": 2})
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"bookingLimitsCount": {"disabled": True}},
        )
        assert response.status_code == 200, response.text
        assert response.json()["data"]["bookingLimitsCount"] == {}


class TestRulesBetweenFields:
    @pytest.mark.parametrize(
        "policy",
        [
            {"type": "always"},
            {"type": "time", "noticeThreshold": {"unit": "minutes", "count": 30}},
        ],
    )
    def test_seats_and_confirmation_are_incompatible(
        self, client: TestClient, app: FastAPI, alice: Account, policy: dict[str, Any]
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(seats={"seatsPerTimeSlot": 4}, confirmationPolicy=policy),
        )
        assert_bad_request(response, "seats")
        assert count_event_types(app) == 0

    def test_seats_added_to_a_confirmed_event_name_seats(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice, confirmationPolicy={"type": "always"})
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"seats": {"seatsPerTimeSlot": 3}},
        )
        assert_bad_request(response, "seats")
        assert get(client, alice, created["id"]) == created

    def test_confirmation_added_to_a_seated_event_names_the_policy(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice, seats={"seatsPerTimeSlot": 3})
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"confirmationPolicy": {"type": "always"}},
        )
        assert_bad_request(response, "confirmationPolicy")

    def test_disabling_seats_allows_confirmation(self, client: TestClient, alice: Account) -> None:
        created = create(client, alice, seats={"seatsPerTimeSlot": 3})
        changed = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"seats": {"disabled": True}, "confirmationPolicy": {"type": "always"}},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["data"]["seats"] == {"disabled": True}
        assert changed.json()["data"]["confirmationPolicy"]["type"] == "always"

    def test_seats_with_recurrence_are_a_400(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(
                seats={"seatsPerTimeSlot": 4},
                recurrence={"interval": 1, "occurrences": 4, "frequency": "weekly"},
            ),
        )
        assert_bad_request(response, "seats")
        assert count_event_types(app) == 0

    def test_recurrence_with_an_active_bookings_limit_is_a_400(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(
                bookerActiveBookingsLimit={"maximumActiveBookings": 1},
                recurrence={"interval": 1, "occurrences": 4, "frequency": "weekly"},
            ),
        )
        assert_bad_request(response, "bookerActiveBookingsLimit")

    def test_duration_options_must_include_the_length(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(lengthInMinutes=45, lengthInMinutesOptions=[30, 60]),
        )
        assert_bad_request(response, "lengthInMinutesOptions")

    def test_changing_the_length_away_from_the_options_names_the_length(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(client, alice, lengthInMinutes=30, lengthInMinutesOptions=[15, 30])
        response = client.patch(
            f"/v2/event-types/{created['id']}", headers=headers(alice), json={"lengthInMinutes": 45}
        )
        assert_bad_request(response, "lengthInMinutes")


class TestSlugs:
    def test_a_duplicate_slug_is_a_409(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        create(client, alice, slug="intro")
        response = client.post(
            "/v2/event-types", headers=headers(alice), json=body(slug="intro", title="Another")
        )
        assert response.status_code == 409, response.text
        assert response.json()["error"]["code"] == "ConflictException"
        assert len(own_list(client, alice)) == 1

    def test_a_slug_differing_only_in_case_is_a_duplicate(
        self, client: TestClient, alice: Account
    ) -> None:
        create(client, alice, slug="intro")
        response = client.post("/v2/event-types", headers=headers(alice), json=body(slug="INTRO"))
        assert response.status_code == 409

    def test_two_users_may_use_one_slug(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        create(client, alice, slug="intro")
        assert create(client, bob, slug="intro")["ownerId"] == bob.id


class TestLocations:
    def test_an_app_that_is_not_installed_is_a_400(
        self, client: TestClient, app: FastAPI, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(locations=[{"type": "integration", "integration": "zoom"}]),
        )
        assert_bad_request(response, "locations")
        assert "zoom" in response.json()["error"]["message"]
        assert count_event_types(app) == 0


class TestBookingFields:
    def test_name_and_email_are_always_in_the_form(
        self, client: TestClient, alice: Account
    ) -> None:
        created = create(
            client,
            alice,
            bookingFields=[{"type": "url", "slug": "site", "label": "Site", "required": False}],
        )
        slugs = [f["slug"] for f in created["bookingFields"]]
        assert slugs[:2] == ["name", "email"]
        assert slugs[-1] == "site"

    def test_a_form_read_back_can_be_sent_again(self, client: TestClient, alice: Account) -> None:
        """Output fields carry isDefault and a type for default fields; sending them back
        keeps them default fields (a round trip changes nothing)."""
        created = create(
            client,
            alice,
            bookingFields=[
                {
                    "type": "radio",
                    "slug": "pick",
                    "label": "Pick",
                    "required": True,
                    "options": ["a", "b"],
                },
            ],  # fmt: skip
        )
        response = client.patch(
            f"/v2/event-types/{created['id']}",
            headers=headers(alice),
            json={"bookingFields": created["bookingFields"]},
        )
        assert response.status_code == 200, response.text
        assert response.json()["data"]["bookingFields"] == created["bookingFields"]

    @pytest.mark.parametrize(
        "field_type", ["phone", "address", "text", "number", "textarea", "multiemail",
                       "boolean", "url"],
    )  # fmt: skip
    def test_every_plain_custom_type(
        self, client: TestClient, alice: Account, field_type: str
    ) -> None:
        field = {"type": field_type, "slug": "custom-1", "label": "L", "required": True}
        created = create(client, alice, bookingFields=[field])
        assert created["bookingFields"][-1]["type"] == field_type

    @pytest.mark.parametrize("field_type", ["select", "multiselect", "checkbox", "radio"])
    def test_every_option_custom_type(
        self, client: TestClient, alice: Account, field_type: str
    ) -> None:
        field = {
            "type": field_type, "slug": "opts", "label": "L", "required": False,
            "options": ["x", "y"],
        }  # fmt: skip
        created = create(client, alice, bookingFields=[field])
        assert created["bookingFields"][-1]["options"] == ["x", "y"]


# (body change, field the 400 names). Each is sent to POST on top of a valid body.
BAD_INPUTS: list[tuple[dict[str, Any], str]] = [
    ({"lengthInMinutes": 0}, "lengthInMinutes"),
    ({"lengthInMinutes": "30"}, "lengthInMinutes"),
    ({"lengthInMinutes": 30.5}, "lengthInMinutes"),
    ({"lengthInMinutes": None}, "lengthInMinutes"),
    ({"lengthInMinutesOptions": [30, 30]}, "lengthInMinutesOptions"),
    ({"lengthInMinutesOptions": [0, 30]}, "lengthInMinutesOptions"),
    ({"lengthInMinutesOptions": []}, "lengthInMinutesOptions"),
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": 5}, "title"),
    ({"title": "x" * 201}, "title"),
    ({"slug": "has space"}, "slug"),
    ({"slug": "a/b"}, "slug"),
    ({"slug": "-lead"}, "slug"),
    ({"slug": ""}, "slug"),
    ({"slug": "é"}, "slug"),
    ({"description": 3}, "description"),
    ({"locations": []}, "locations"),
    ({"locations": [{"type": "teleport"}]}, "locations"),
    ({"locations": [{"type": "address", "public": True}]}, "locations"),
    ({"locations": [{"type": "link", "link": "ftp://x", "public": True}]}, "locations"),
    ({"locations": [{"type": "phone", "phone": "12345", "public": True}]}, "locations"),
    ({"locations": "cal-video"}, "locations"),
    ({"bookingFields": [{"type": "hologram", "slug": "x"}]}, "bookingFields"),
    ({"bookingFields": [{"type": "text", "slug": "x", "label": "X"}]}, "bookingFields"),
    (
        {"bookingFields": [{"type": "select", "slug": "x", "label": "X", "required": True}]},
        "bookingFields",
    ),
    (
        {"bookingFields": [{"type": "text", "slug": "bad slug", "label": "X", "required": True}]},
        "bookingFields",
    ),
    (
        {"bookingFields": [{"type": "text", "slug": "email", "label": "X", "required": True}]},
        "bookingFields",
    ),
    (
        {
            "bookingFields": [
                {"type": "text", "slug": "dup", "label": "X", "required": True},
                {"type": "number", "slug": "dup", "label": "Y", "required": True},
            ]
        },
        "bookingFields",
    ),  # fmt: skip
    ({"bookingFields": [{"type": "email", "required": False}]}, "bookingFields"),
    ({"bookingFields": [{"type": "email", "hidden": True}]}, "bookingFields"),
    ({"disableGuests": "yes"}, "disableGuests"),
    ({"slotInterval": -5}, "slotInterval"),
    ({"minimumBookingNotice": -1}, "minimumBookingNotice"),
    ({"beforeEventBuffer": -1}, "beforeEventBuffer"),
    ({"afterEventBuffer": "10"}, "afterEventBuffer"),
    ({"scheduleId": 0}, "scheduleId"),
    ({"scheduleId": "1"}, "scheduleId"),
    ({"bookingLimitsCount": {"day": 0}}, "bookingLimitsCount"),
    ({"bookingLimitsCount": {"day": "2"}}, "bookingLimitsCount"),
    ({"bookingLimitsCount": {"disabled": False}}, "bookingLimitsCount"),
    ({"bookingLimitsCount": [1]}, "bookingLimitsCount"),
    ({"bookingLimitsDuration": {"week": -30}}, "bookingLimitsDuration"),
    ({"bookerActiveBookingsLimit": {"offerReschedule": True}}, "bookerActiveBookingsLimit"),
    ({"bookerActiveBookingsLimit": {"maximumActiveBookings": 0}}, "bookerActiveBookingsLimit"),
    ({"onlyShowFirstAvailableSlot": 1}, "onlyShowFirstAvailableSlot"),
    ({"bookingWindow": {"type": "weeks", "value": 2}}, "bookingWindow"),
    ({"bookingWindow": {"type": "businessDays"}}, "bookingWindow"),
    ({"bookingWindow": {"type": "calendarDays", "value": -1}}, "bookingWindow"),
    ({"bookingWindow": {"type": "calendarDays", "value": "5"}}, "bookingWindow"),
    ({"bookingWindow": {"type": "range", "value": ["2030-09-09", "2030-09-05"]}}, "bookingWindow"),
    ({"bookingWindow": {"type": "range", "value": ["2030-02-30", "2030-03-05"]}}, "bookingWindow"),
    ({"bookingWindow": {"type": "range", "value": ["2030-09-05"]}}, "bookingWindow"),
    ({"bookingWindow": {"disabled": False}}, "bookingWindow"),
    ({"bookingWindow": "30 days"}, "bookingWindow"),
    ({"offsetStart": -1}, "offsetStart"),
    ({"bookerLayouts": {"defaultLayout": "day", "enabledLayouts": ["month"]}}, "bookerLayouts"),
    ({"bookerLayouts": {"defaultLayout": "week", "enabledLayouts": ["month"]}}, "bookerLayouts"),
    ({"bookerLayouts": {"defaultLayout": "week", "enabledLayouts": []}}, "bookerLayouts"),
    ({"confirmationPolicy": {"type": "sometimes"}}, "confirmationPolicy"),
    ({"confirmationPolicy": {"type": "time"}}, "confirmationPolicy"),
    (
        {"confirmationPolicy": {"type": "time", "noticeThreshold": {"unit": "days", "count": 1}}},
        "confirmationPolicy",
    ),
    ({"recurrence": {"interval": 0, "occurrences": 3, "frequency": "weekly"}}, "recurrence"),
    ({"recurrence": {"interval": 1, "occurrences": 3, "frequency": "daily"}}, "recurrence"),
    ({"recurrence": {"interval": 1, "frequency": "weekly"}}, "recurrence"),
    ({"requiresBookerEmailVerification": "true"}, "requiresBookerEmailVerification"),
    ({"color": {"lightThemeHex": "red", "darkThemeHex": "#000000"}}, "color"),
    ({"color": {"lightThemeHex": "#fff"}}, "color"),
    ({"seats": {"seatsPerTimeSlot": 0}}, "seats"),
    ({"seats": {"seatsPerTimeSlot": 1001}}, "seats"),
    ({"seats": {"seatsPerTimeSlot": "3"}}, "seats"),
    ({"seats": {"showAttendeeInfo": True}}, "seats"),
    ({"seats": {"disabled": False}}, "seats"),
    ({"customName": 7}, "customName"),
    ({"customName": "x" * 501}, "customName"),
    ({"destinationCalendar": {"integration": "google_calendar"}}, "destinationCalendar"),
    ({"successRedirectUrl": "javascript:alert(1)"}, "successRedirectUrl"),
    ({"calVideoSettings": {"redirectUrlOnExit": "nope"}}, "calVideoSettings"),
    ({"hidden": None}, "hidden"),
    ({"disableCancelling": {"disabled": "yes"}}, "disableCancelling"),
    ({"disableRescheduling": {"disabled": False, "minutesBefore": 0}}, "disableRescheduling"),
    ({"interfaceLanguage": "klingon"}, "interfaceLanguage"),
    ({"showOptimizedSlots": "no"}, "showOptimizedSlots"),
]


def bad_input_id(case: tuple[dict[str, Any], str]) -> str:
    change, _ = case
    return repr(change)[:60]


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "field"), BAD_INPUTS, ids=[bad_input_id(c) for c in BAD_INPUTS]
    )
    def test_create_is_a_400_naming_the_field_and_writes_nothing(
        self,
        client: TestClient,
        app: FastAPI,
        alice: Account,
        change: dict[str, Any],
        field: str,
    ) -> None:
        response = client.post("/v2/event-types", headers=headers(alice), json=body(**change))
        assert_bad_request(response, field)
        assert response.json()["path"] == "/v2/event-types"
        assert count_event_types(app) == 0

    @pytest.mark.parametrize("missing", ["lengthInMinutes", "title", "slug"])
    def test_a_required_field_left_out_is_a_400(
        self, client: TestClient, app: FastAPI, alice: Account, missing: str
    ) -> None:
        payload = body()
        del payload[missing]
        response = client.post("/v2/event-types", headers=headers(alice), json=payload)
        assert_bad_request(response, missing)
        assert count_event_types(app) == 0

    @pytest.mark.parametrize("payload", [[], "x", 5, None])
    def test_a_body_that_is_not_an_object_is_a_400(
        self, client: TestClient, alice: Account, payload: Any
    ) -> None:
        response = client.post("/v2/event-types", headers=headers(alice), json=payload)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "BadRequestException"

    @pytest.mark.parametrize("raw", [b"", b"{not json", b"[1,"])
    def test_a_body_that_is_not_json_is_a_400(
        self, client: TestClient, alice: Account, raw: bytes
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers={**headers(alice), "Content-Type": "application/json"},
            content=raw,
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "BadRequestException"

    def test_a_body_nested_deeper_than_python_goes_is_a_400(
        self, client: TestClient, alice: Account
    ) -> None:
        raw = b"[" * 100_000 + b"]" * 100_000
        response = client.post(
            "/v2/event-types",
            headers={**headers(alice), "Content-Type": "application/json"},
            content=raw,
        )
        assert response.status_code == 400

    def test_several_bad_fields_are_named_together(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.post(
            "/v2/event-types",
            headers=headers(alice),
            json=body(lengthInMinutes=0, hidden="no", seats={"seatsPerTimeSlot": 0}),
        )
        assert response.status_code == 400
        fields = {d["field"].split(".")[0] for d in response.json()["error"]["details"]}
        assert {"lengthInMinutes", "hidden", "seats"} <= fields

    def test_without_a_key_is_a_401(self, client: TestClient, app: FastAPI) -> None:
        response = client.post("/v2/event-types", headers=headers(None), json=body())
        assert response.status_code == 401
        assert count_event_types(app) == 0
