"""GET /v2/slots with ``cal-api-version: 2024-09-04``: the shape, time zones and DST, the
query window, durations and formats, how the event type is named, and bad input.

Now is Monday 2030-03-25 06:00Z (tests/slots/conftest.py); London's clocks go forward on
Sunday 31 March. Event types get two hours' notice unless a test says otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from tests.conftest import Account, Accounts
from tests.slots.helpers import (
    ALL_DAY,
    NOW,
    data,
    error,
    get_slots,
    instants,
    make_event_type,
    make_schedule,
    slots,
    starts,
)

WEEK = {"start": "2030-03-25", "end": "2030-04-05"}


@pytest.fixture
def london(client: TestClient, alice: Account) -> int:
    """Alice's 60-minute event on Monday-Friday 09:00-17:00 Europe/London."""
    make_schedule(client, alice, "Europe/London")
    return make_event_type(client, alice, lengthInMinutes=60)


class TestShape:
    def test_dates_map_to_lists_of_starts(self, client: TestClient, london: int) -> None:
        found = slots(client, eventTypeId=london, start="2030-03-26", end="2030-03-27")
        assert list(found) == ["2030-03-26", "2030-03-27"]
        for day in found.values():
            assert len(day) == 8
            for slot in day:
                assert set(slot) == {"start"}
        assert found["2030-03-26"][0] == {"start": "2030-03-26T09:00:00.000Z"}

    def test_format_range_adds_the_end(self, client: TestClient, london: int) -> None:
        found = slots(
            client, eventTypeId=london, start="2030-03-26", end="2030-03-26", format="range"
        )
        assert found["2030-03-26"][0] == {
            "start": "2030-03-26T09:00:00.000Z",
            "end": "2030-03-26T10:00:00.000Z",
        }
        assert all(set(slot) == {"start", "end"} for slot in found["2030-03-26"])

    def test_a_bad_format_is_a_400(self, client: TestClient, london: int) -> None:
        response = get_slots(
            client, eventTypeId=london, start="2030-03-26", end="2030-03-26", format="list"
        )
        assert "format" in error(response, 400)["message"]

    def test_seated_slots_carry_seat_counts(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "UTC")
        seated = make_event_type(client, alice, seats={"seatsPerTimeSlot": 3})
        found = slots(client, eventTypeId=seated, start="2030-03-26", end="2030-03-26")
        first = found["2030-03-26"][0]
        assert first == {
            "start": "2030-03-26T09:00:00.000Z",
            "seatsBooked": 0,
            "seatsRemaining": 3,
            "seatsTotal": 3,
        }

    def test_no_working_hours_in_the_window_is_an_empty_object(
        self, client: TestClient, london: int
    ) -> None:
        assert slots(client, eventTypeId=london, start="2030-03-30", end="2030-03-31") == {}


class TestTimeZones:
    def test_london_across_the_dst_change(self, client: TestClient, london: int) -> None:
        found = slots(client, eventTypeId=london, timeZone="Europe/London", **WEEK)
        assert list(found) == [
            "2030-03-25", "2030-03-26", "2030-03-27", "2030-03-28", "2030-03-29",
            "2030-04-01", "2030-04-02", "2030-04-03", "2030-04-04", "2030-04-05",
        ]  # fmt: skip
        assert found["2030-03-29"][0]["start"] == "2030-03-29T09:00:00.000+00:00"
        assert found["2030-03-29"][-1]["start"] == "2030-03-29T16:00:00.000+00:00"
        assert found["2030-04-01"][0]["start"] == "2030-04-01T09:00:00.000+01:00"
        assert found["2030-04-01"][-1]["start"] == "2030-04-01T16:00:00.000+01:00"
        # The same wall clock is a different instant after the change.
        utc = slots(client, eventTypeId=london, **WEEK)
        assert utc["2030-03-29"][0]["start"] == "2030-03-29T09:00:00.000Z"
        assert utc["2030-04-01"][0]["start"] == "2030-04-01T08:00:00.000Z"
        assert all(len(day) == 8 for day in found.values())

    @pytest.mark.parametrize(
        "zone", ["America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Europe/London"]
    )
    def test_the_time_zone_changes_only_how_slots_are_written(
        self, client: TestClient, london: int, zone: str
    ) -> None:
        window = {"start": "2030-03-25T00:00:00Z", "end": "2030-04-06T00:00:00Z"}
        in_utc = slots(client, eventTypeId=london, **window)
        in_zone = slots(client, eventTypeId=london, timeZone=zone, **window)
        assert instants(in_zone) == instants(in_utc)
        for day, day_slots in in_zone.items():
            for slot in day_slots:
                assert slot["start"].startswith(day)  # keyed by the date in that zone

    def test_tokyo_dates_follow_tokyo_midnight(self, client: TestClient, london: int) -> None:
        window = {"start": "2030-03-26T00:00:00Z", "end": "2030-03-27T00:00:00Z"}
        found = slots(client, eventTypeId=london, timeZone="Asia/Tokyo", **window)
        # London 09:00-17:00 (UTC+0) is Tokyo 18:00-02:00: one working day, two Tokyo dates.
        assert {day: len(found[day]) for day in found} == {"2030-03-26": 6, "2030-03-27": 2}
        assert found["2030-03-27"][0]["start"] == "2030-03-27T00:00:00.000+09:00"

    def test_kolkata_hours_align_to_the_kolkata_clock(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Asia/Kolkata")
        event = make_event_type(client, alice, lengthInMinutes=60)
        local = slots(
            client, eventTypeId=event, start="2030-03-26", end="2030-03-26", timeZone="Asia/Kolkata"
        )
        assert starts(local)[:2] == [
            "2030-03-26T09:00:00.000+05:30",
            "2030-03-26T10:00:00.000+05:30",
        ]
        assert starts(local)[-1] == "2030-03-26T16:00:00.000+05:30"
        in_utc = slots(client, eventTypeId=event, start="2030-03-26", end="2030-03-26")
        assert starts(in_utc)[0] == "2030-03-26T03:30:00.000Z"

    def test_an_unknown_time_zone_is_a_400(self, client: TestClient, london: int) -> None:
        response = get_slots(client, eventTypeId=london, timeZone="Mars/Olympus", **WEEK)
        found = error(response, 400)
        assert found["code"] == "BadRequestException"
        assert found["details"] == [
            {"field": "timeZone", "message": "must be an IANA time zone such as Europe/London"}
        ]


class TestWindow:
    def test_bare_dates_are_whole_days_and_midnight_is_exclusive(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC", availability=ALL_DAY)
        event = make_event_type(client, alice, lengthInMinutes=60)
        found = slots(client, eventTypeId=event, start="2030-03-27", end="2030-03-27")
        assert list(found) == ["2030-03-27"]
        assert len(found["2030-03-27"]) == 24
        assert found["2030-03-27"][-1]["start"] == "2030-03-27T23:00:00.000Z"  # ends at 24:00

    def test_bare_dates_are_days_in_the_requested_zone(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC", availability=ALL_DAY)
        event = make_event_type(client, alice, lengthInMinutes=60)
        found = slots(
            client, eventTypeId=event, start="2030-03-27", end="2030-03-27", timeZone="Asia/Kolkata"
        )
        # 2030-03-27 in Kolkata is 26 Mar 18:30Z to 27 Mar 18:30Z; the UTC schedule's slots
        # start on the hour: 19:00Z (00:30 local) to 17:00Z (22:30 local, ends 23:30).
        assert list(found) == ["2030-03-27"]
        assert len(found["2030-03-27"]) == 23
        assert found["2030-03-27"][0]["start"] == "2030-03-27T00:30:00.000+05:30"
        assert found["2030-03-27"][-1]["start"] == "2030-03-27T22:30:00.000+05:30"

    def test_date_times_are_the_instants_they_name(self, client: TestClient, london: int) -> None:
        found = slots(
            client,
            eventTypeId=london,
            start="2030-03-26T10:30:00+01:00",  # 09:30Z
            end="2030-03-26T12:00:00.000Z",
        )
        # 09:30Z is not on the hour grid of the free range that starts there: 10:00, 11:00.
        assert starts(found) == ["2030-03-26T10:00:00.000Z", "2030-03-26T11:00:00.000Z"]
        naive = slots(
            client, eventTypeId=london, start="2030-03-26T09:30", end="2030-03-26T12:00:00"
        )
        assert naive == found  # no offset: UTC

    def test_a_slot_must_fit_before_the_end(self, client: TestClient, london: int) -> None:
        found = slots(
            client, eventTypeId=london, start="2030-03-26T09:00:00Z", end="2030-03-26T10:59:00Z"
        )
        assert starts(found) == ["2030-03-26T09:00:00.000Z"]

    def test_nothing_before_now_plus_the_notice(
        self, client: TestClient, alice: Account, clock: FrozenClock
    ) -> None:
        make_schedule(client, alice, "UTC", availability=ALL_DAY)
        event = make_event_type(client, alice, lengthInMinutes=60, minimumBookingNotice=120)
        found = slots(client, eventTypeId=event, start="2030-03-25", end="2030-03-25")
        assert starts(found)[0] == "2030-03-25T08:00:00.000Z"  # now 06:00Z + 2 hours
        clock.advance(minutes=10)
        later = slots(client, eventTypeId=event, start="2030-03-25", end="2030-03-25")
        assert starts(later)[0] == "2030-03-25T09:00:00.000Z"

    def test_an_end_before_the_start_is_a_400(self, client: TestClient, london: int) -> None:
        response = get_slots(client, eventTypeId=london, start="2030-03-27", end="2030-03-26")
        found = error(response, 400)
        assert found["details"] == [{"field": "end", "message": "must not be before start"}]

    @pytest.mark.parametrize(
        ("start", "end", "field"),
        [
            ("tomorrow", "2030-03-26", "start"),
            ("2030-03-26", "2030-02-30", "end"),
            ("2030-03-26T25:00:00Z", "2030-03-27", "start"),
            ("1742900000", "2030-03-27", "start"),
        ],
    )
    def test_a_bound_that_is_no_date_is_a_400(
        self, client: TestClient, london: int, start: str, end: str, field: str
    ) -> None:
        response = get_slots(client, eventTypeId=london, start=start, end=end)
        assert [d["field"] for d in error(response, 400)["details"]] == [field]

    def test_start_and_end_are_required(self, client: TestClient, london: int) -> None:
        response = get_slots(client, eventTypeId=london)
        message = error(response, 400)["message"]
        assert "start" in message
        assert "end" in message

    def test_the_end_is_clamped_to_a_year_from_now(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC", availability=ALL_DAY)
        event = make_event_type(client, alice, lengthInMinutes=60)
        found = slots(client, eventTypeId=event, start="2031-03-20", end="2034-01-01")
        assert max(instants(found)) == datetime(2031, 3, 25, 5, 0, tzinfo=UTC)
        assert max(found) == "2031-03-25"
        beyond = slots(client, eventTypeId=event, start="2031-04-01", end="2031-04-02")
        assert beyond == {}

    @pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
    def test_dates_at_the_calendars_edges_are_answered(
        self, client: TestClient, london: int, zone: str
    ) -> None:
        found = slots(
            client, eventTypeId=london, start="0001-01-01", end="9999-12-31", timeZone=zone
        )
        assert len(found) > 200  # from now, clamped to the coming year
        past = slots(
            client, eventTypeId=london, start="0001-01-01", end="0001-01-01", timeZone=zone
        )
        assert past == {}


class TestDurations:
    def test_duration_picks_one_of_the_event_types_lengths(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC")
        event = make_event_type(client, alice, lengthInMinutes=30, lengthInMinutesOptions=[30, 60])
        day = {"start": "2030-03-26", "end": "2030-03-26"}
        assert len(slots(client, eventTypeId=event, **day)["2030-03-26"]) == 16
        hourly = slots(client, eventTypeId=event, duration=60, format="range", **day)
        assert len(hourly["2030-03-26"]) == 8
        first = hourly["2030-03-26"][0]
        assert first == {"start": "2030-03-26T09:00:00.000Z", "end": "2030-03-26T10:00:00.000Z"}

    @pytest.mark.parametrize("duration", ["45", "0", "-30", "thirty", "100000000"])
    def test_any_other_duration_is_a_400(
        self, client: TestClient, alice: Account, duration: str
    ) -> None:
        make_schedule(client, alice, "UTC")
        event = make_event_type(client, alice, lengthInMinutes=30, lengthInMinutesOptions=[30, 60])
        response = get_slots(
            client, eventTypeId=event, start="2030-03-26", end="2030-03-26", duration=duration
        )
        assert "duration" in error(response, 400)["message"]


class TestWhichEventType:
    def test_by_slug_and_username(self, client: TestClient, alice: Account, london: int) -> None:
        by_id = slots(client, eventTypeId=london, **WEEK)
        by_slug = slots(client, eventTypeSlug="intro", username="alice", **WEEK)
        assert by_slug == by_id
        upper = slots(client, eventTypeSlug="Intro", username="ALICE", **WEEK)
        assert upper == by_id

    def test_hidden_event_types_are_bookable_by_id_and_slug(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC")
        hidden = make_event_type(client, alice, slug="secret", hidden=True)
        day = {"start": "2030-03-26", "end": "2030-03-26"}
        assert slots(client, eventTypeId=hidden, **day)
        assert slots(client, eventTypeSlug="secret", username="alice", **day)

    def test_the_event_types_own_schedule_wins(self, client: TestClient, alice: Account) -> None:
        make_schedule(client, alice, "UTC")  # the default: 09:00-17:00 UTC
        tokyo = make_schedule(client, alice, "Asia/Tokyo", is_default=False)
        event = make_event_type(client, alice, scheduleId=tokyo, lengthInMinutes=60)
        found = slots(client, eventTypeId=event, start="2030-03-26", end="2030-03-26")
        assert starts(found)[0] == "2030-03-26T00:00:00.000Z"  # 09:00 in Tokyo

    def test_without_any_schedule_the_owner_works_nine_to_five_at_home(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob", time_zone="America/New_York")
        event = make_event_type(client, bob, lengthInMinutes=60)
        found = slots(client, eventTypeId=event, start="2030-03-26", end="2030-03-26")
        assert starts(found)[0] == "2030-03-26T13:00:00.000Z"  # 09:00 EDT
        assert len(starts(found)) == 8

    def test_overrides_replace_a_dates_hours(self, client: TestClient, alice: Account) -> None:
        make_schedule(
            client,
            alice,
            "Europe/London",
            overrides=[
                {"date": "2030-03-26", "startTime": "00:00", "endTime": "00:00"},
                {"date": "2030-03-27", "startTime": "12:00", "endTime": "14:00"},
            ],
        )
        event = make_event_type(client, alice, lengthInMinutes=60)
        found = slots(
            client, eventTypeId=event, start="2030-03-26", end="2030-03-28", timeZone="UTC"
        )
        assert list(found) == ["2030-03-27", "2030-03-28"]
        assert starts({"d": found["2030-03-27"]}) == [
            "2030-03-27T12:00:00.000Z",
            "2030-03-27T13:00:00.000Z",
        ]

    def test_only_the_first_slot_of_each_date_when_the_event_type_says_so(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "Europe/London")
        event = make_event_type(client, alice, onlyShowFirstAvailableSlot=True)
        found = slots(
            client, eventTypeId=event, start="2030-03-28", end="2030-04-01", timeZone="UTC"
        )
        assert found == {
            "2030-03-28": [{"start": "2030-03-28T09:00:00.000Z"}],
            "2030-03-29": [{"start": "2030-03-29T09:00:00.000Z"}],
            "2030-04-01": [{"start": "2030-04-01T08:00:00.000Z"}],
        }

    def test_the_event_types_booking_window_applies(
        self, client: TestClient, alice: Account
    ) -> None:
        make_schedule(client, alice, "UTC")
        event = make_event_type(
            client, alice, bookingWindow={"type": "calendarDays", "value": 3, "rolling": False}
        )
        found = slots(client, eventTypeId=event, start="2030-03-25", end="2030-04-05")
        assert list(found) == ["2030-03-25", "2030-03-26", "2030-03-27", "2030-03-28"]

    def test_an_unknown_event_type_id_is_a_404(self, client: TestClient) -> None:
        response = get_slots(client, eventTypeId=999, **WEEK)
        assert error(response, 404)["code"] == "NotFoundException"

    @pytest.mark.parametrize(
        "params",
        [
            {"eventTypeSlug": "intro", "username": "nobody"},
            {"eventTypeSlug": "missing", "username": "alice"},
            {"eventTypeSlug": "intro", "username": "alice", "teamSlug": "sales"},
            {"eventTypeSlug": "intro", "username": "alice", "organizationSlug": "acme"},
            {"eventTypeSlug": "x" * 300, "username": "alice"},
        ],
    )
    def test_an_unknown_slug_user_team_or_organization_is_a_404(
        self, client: TestClient, london: int, params: dict[str, str]
    ) -> None:
        assert error(get_slots(client, **params, **WEEK), 404)["code"] == "NotFoundException"

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({}, "eventTypeId"),
            ({"eventTypeSlug": "intro"}, "username"),
            ({"eventTypeSlug": "intro", "usernames": "alice,bob"}, "usernames"),
            ({"usernames": "alice,bob"}, "organizationSlug"),
            ({"eventTypeId": "0"}, "eventTypeId"),
            ({"eventTypeId": "abc"}, "eventTypeId"),
        ],
    )
    def test_no_usable_event_type_is_a_400(
        self, client: TestClient, london: int, params: dict[str, str], field: str
    ) -> None:
        found = error(get_slots(client, **params, **WEEK), 400)
        assert field in [detail["field"] for detail in found["details"]]

    def test_a_reschedule_uid_is_accepted(self, client: TestClient, london: int) -> None:
        found = slots(client, eventTypeId=london, bookingUidToReschedule="abc", **WEEK)
        assert found == slots(client, eventTypeId=london, **WEEK)

    def test_a_key_is_optional(self, client: TestClient, alice: Account, london: int) -> None:
        params = {"eventTypeId": london, **WEEK}
        headers = {**alice.headers, "cal-api-version": "2024-09-04"}
        assert data(client.get("/v2/slots", params=params, headers=headers)) == slots(
            client, **params
        )


def test_slots_are_the_engines_over_the_window(
    client: TestClient, alice: Account, london: int
) -> None:
    """Thirty days of the London week: every slot an hour long, on the hour, in hours."""
    found = slots(client, eventTypeId=london, start="2030-03-25", end="2030-04-23")
    every = instants(found)
    assert len(every) == len(set(every)) == 22 * 8
    assert every == sorted(every)
    assert all(t.minute == 0 for t in every)
    assert every[0] == NOW + timedelta(hours=3)
