"""/v2/schedules in Cal.com's legacy 2024-04-15 shapes (spec/legacy.md §4): numbered
weekdays, ISO instants for times, the ``schedule`` wrapper on PATCH, and a 400 for deleting a
schedule that does not exist."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.schedules.helpers import (
    LEGACY,
    LEGACY_RANGE_KEYS,
    LEGACY_ROW_KEYS,
    LEGACY_SCHEDULE_KEYS,
    LEGACY_UPDATE_KEYS,
    LEGACY_UPDATED_SCHEDULE_KEYS,
    LEGACY_WORKING_HOURS_KEYS,
    bad_request,
    create,
    create_body,
    data,
    default_schedule_id,
    get,
    headers,
    listed,
    names_field,
)

NINE = "1970-01-01T09:00:00.000Z"
FIVE = "1970-01-01T17:00:00.000Z"


def assert_legacy_shape(schedule: dict[str, Any]) -> None:
    assert set(schedule) == LEGACY_SCHEDULE_KEYS
    for hours in schedule["workingHours"]:
        assert set(hours) == LEGACY_WORKING_HOURS_KEYS
    for row in schedule["schedule"]:
        assert set(row) == LEGACY_ROW_KEYS
    assert len(schedule["availability"]) == 7
    for day in schedule["availability"]:
        for time_range in day:
            assert set(time_range) == LEGACY_RANGE_KEYS
    for time_range in schedule["dateOverrides"]:
        assert set(time_range) == LEGACY_RANGE_KEYS


def availabilities(days: Any = (1,), start: Any = NINE, end: Any = FIVE) -> dict[str, Any]:
    """``{"availabilities": [<one range>]}``."""
    return {"availabilities": [{"days": list(days), "startTime": start, "endTime": end}]}


def overrides(start: str, end: str) -> dict[str, Any]:
    """``{"dateOverrides": [<one span>]}``."""
    return {"dateOverrides": [{"start": start, "end": end}]}


def without_row_ids(schedule: dict[str, Any]) -> dict[str, Any]:
    rows = [{**row, "id": None} for row in schedule["schedule"]]
    return {**schedule, "schedule": rows}


def week(**days: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """Seven lists, Sunday first: ``week(monday=[...])``."""
    names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    return [days.get(name, []) for name in names]


class TestCreateLegacy:
    def test_answers_201_with_the_legacy_schedule_object(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, LEGACY, name="Office", timeZone="Europe/Rome")
        assert_legacy_shape(schedule)
        schedule_id = schedule["id"]
        (row,) = schedule["schedule"]
        assert schedule == {
            "id": schedule_id,
            "name": "Office",
            "isManaged": False,
            "workingHours": [
                {"days": [1, 2, 3, 4, 5], "startTime": 540, "endTime": 1020, "userId": alice.id}
            ],
            "schedule": [
                {
                    "id": row["id"],
                    "userId": alice.id,
                    "eventTypeId": None,
                    "days": [1, 2, 3, 4, 5],
                    "startTime": NINE,
                    "endTime": FIVE,
                    "date": None,
                    "scheduleId": schedule_id,
                }
            ],
            "availability": [[]] + [[{"start": NINE, "end": FIVE}]] * 5 + [[]],
            "timeZone": "Europe/Rome",
            "dateOverrides": [],
            "isDefault": True,
            "isLastSchedule": True,
            "readOnly": False,
        }
        assert get(client, alice, schedule_id, LEGACY) == schedule

    def test_without_a_version_header_the_legacy_shape_is_used(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, None)
        assert_legacy_shape(schedule)
        assert_legacy_shape(get(client, alice, schedule["id"], None))
        assert_legacy_shape(get(client, alice, schedule["id"], "2099-01-01"))  # unknown: legacy

    def test_only_the_utc_time_of_day_of_each_instant_counts(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            LEGACY,
            availabilities=[
                {
                    "days": [0, 6],
                    "startTime": "2024-05-20T10:30:00+02:00",
                    "endTime": "1999-12-31T23:59:59.999Z",
                },
                {"days": [3], "startTime": "1970-01-01T09:00:00Z", "endTime": FIVE},
            ],
        )
        assert schedule["workingHours"] == [
            {"days": [3], "startTime": 540, "endTime": 1020, "userId": alice.id},
            {"days": [0, 6], "startTime": 510, "endTime": 1439, "userId": alice.id},
        ]
        current = get(client, alice, schedule["id"])
        assert current["availability"] == [
            {"days": ["Wednesday"], "startTime": "09:00", "endTime": "17:00"},
            {"days": ["Saturday", "Sunday"], "startTime": "08:30", "endTime": "23:59"},
        ]

    @pytest.mark.parametrize("availabilities", [None, []])
    def test_no_availabilities_means_monday_to_friday_nine_to_five(
        self, client: TestClient, alice: Account, availabilities: list[Any] | None
    ) -> None:
        fields = {} if availabilities is None else {"availabilities": availabilities}
        schedule = create(client, alice, LEGACY, **fields)
        assert schedule["workingHours"][0]["days"] == [1, 2, 3, 4, 5]

    def test_is_last_schedule_tells_whether_the_user_has_others(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice, LEGACY)
        assert first["isLastSchedule"] is True
        second = create(client, alice, LEGACY, isDefault=True)
        assert second["isLastSchedule"] is False
        assert second["isDefault"] is True
        assert get(client, alice, first["id"], LEGACY)["isDefault"] is False

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"name": ""}, "name"),
            ({"timeZone": "Nowhere/Land"}, "timeZone"),
            ({"isDefault": "yes"}, "isDefault"),
            (availabilities(days=[7]), "days"),
            (availabilities(days=[True]), "days"),
            (availabilities(days=["1"]), "days"),
            (availabilities(days=[]), "days"),
            (availabilities(start="09:00"), "startTime"),
            (availabilities(start=32400), "startTime"),
            (availabilities(start="1970-01-01T09:00:00"), "startTime"),  # no offset
            (availabilities(start="1970-13-01T09:00:00Z"), "startTime"),
            (availabilities(start=FIVE, end=NINE), "endTime"),
            (availabilities(end="1970-01-02T00:00:00Z"), "endTime"),  # 23:59 is until midnight
        ],
    )  # fmt: skip
    def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        response = client.post(
            "/v2/schedules", headers=headers(alice, LEGACY), json=create_body(**change)
        )
        error = bad_request(response, "/v2/schedules")
        if "availabilities" in change:
            field = f"availabilities.0.{field}"
        assert field in error["message"], error
        assert listed(client, alice) == []


class TestReadLegacy:
    def test_the_list_is_an_array_of_legacy_objects(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice, LEGACY)
        second = create(client, alice, LEGACY, name="Second")
        schedules = listed(client, alice, LEGACY)
        assert [schedule["id"] for schedule in schedules] == [first["id"], second["id"]]
        for schedule in schedules:
            assert_legacy_shape(schedule)
            assert schedule["isLastSchedule"] is False

    def test_the_default_is_one_legacy_object_or_null(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.get("/v2/schedules/default", headers=headers(alice, LEGACY))
        assert data(response) is None
        schedule = create(client, alice, LEGACY)
        response = client.get("/v2/schedules/default", headers=headers(alice, LEGACY))
        assert data(response) == schedule

    def test_an_unknown_schedule_is_a_404(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v2/schedules/4242", headers=headers(alice, LEGACY))
        assert response.status_code == 404
        assert response.json()["error"]["message"] == "Schedule with ID=4242 does not exist."

    def test_overrides_are_instants_of_the_local_date_and_times(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            timeZone="America/New_York",
            overrides=[
                {"date": "2024-07-04", "startTime": "00:00", "endTime": "00:00"},
                {"date": "2024-12-24", "startTime": "09:00", "endTime": "12:00"},
            ],
        )
        legacy = get(client, alice, schedule["id"], LEGACY)
        assert legacy["dateOverrides"] == [
            {"start": "2024-07-04T04:00:00.000Z", "end": "2024-07-04T04:00:00.000Z"},
            {"start": "2024-12-24T14:00:00.000Z", "end": "2024-12-24T17:00:00.000Z"},
        ]
        override_rows = [row for row in legacy["schedule"] if row["date"] is not None]
        assert [(row["date"], row["days"], row["startTime"]) for row in override_rows] == [
            ("2024-07-04T00:00:00.000Z", [], "1970-01-01T00:00:00.000Z"),
            ("2024-12-24T00:00:00.000Z", [], NINE),
        ]
        assert legacy["availability"][6] == []  # Saturday


class TestUpdateLegacy:
    def test_answers_the_schedule_wrapper(self, client: TestClient, alice: Account) -> None:
        schedule = create(client, alice, LEGACY)
        response = client.patch(
            f"/v2/schedules/{schedule['id']}",
            headers=headers(alice, LEGACY),
            json={"name": "Renamed", "timeZone": "Asia/Tokyo"},
        )
        updated = data(response)
        assert set(updated) == LEGACY_UPDATE_KEYS
        assert set(updated["schedule"]) == LEGACY_UPDATED_SCHEDULE_KEYS
        for row in updated["schedule"]["availability"]:
            assert set(row) == LEGACY_ROW_KEYS
        assert updated["schedule"]["id"] == schedule["id"]
        assert updated["schedule"]["userId"] == alice.id
        assert updated["schedule"]["name"] == "Renamed"
        assert updated["schedule"]["timeZone"] == "Asia/Tokyo"
        assert updated["schedule"]["availability"] == schedule["schedule"]  # weekly rows kept
        assert updated["isDefault"] is True
        assert updated["timeZone"] == "Asia/Tokyo"
        assert updated["prevDefaultId"] == schedule["id"]
        assert updated["currentDefaultId"] == schedule["id"]

    def test_schedule_replaces_the_weekly_hours_one_list_per_weekday(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, LEGACY)
        morning = {"start": NINE, "end": "1970-01-01T12:00:00.000Z"}
        late = {"start": "1970-01-01T11:00:00.000Z", "end": "1970-01-01T14:00:00.000Z"}
        response = client.patch(
            f"/v2/schedules/{schedule['id']}",
            headers=headers(alice, LEGACY),
            json={"schedule": week(monday=[morning, late], saturday=[morning])},
        )
        assert response.status_code == 200, response.text
        current = get(client, alice, schedule["id"], LEGACY)
        assert current["workingHours"] == [
            {"days": [1], "startTime": 540, "endTime": 840, "userId": alice.id},
            {"days": [6], "startTime": 540, "endTime": 720, "userId": alice.id},
        ]
        assert current["availability"][1] == [{"start": NINE, "end": "1970-01-01T14:00:00.000Z"}]
        assert current["availability"][2] == []

    def test_isdefault_reports_the_previous_and_current_default(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice, LEGACY)
        second = create(client, alice, LEGACY, name="Second")
        response = client.patch(
            f"/v2/schedules/{second['id']}",
            headers=headers(alice, LEGACY),
            json={"isDefault": True},
        )
        updated = data(response)
        assert updated["isDefault"] is True
        assert updated["prevDefaultId"] == first["id"]
        assert updated["currentDefaultId"] == second["id"]
        assert default_schedule_id(client, alice) == second["id"]

    def test_date_overrides_are_read_in_the_schedules_zone_and_read_back_unchanged(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, LEGACY, timeZone="Europe/Rome")
        overrides = [
            {"start": "2024-05-20T07:00:00.000Z", "end": "2024-05-20T10:00:00.000Z"},
            {"start": "2024-12-24T23:00:00.000Z", "end": "2024-12-24T23:00:00.000Z"},
        ]
        path = f"/v2/schedules/{schedule['id']}"
        response = client.patch(
            path, headers=headers(alice, LEGACY), json={"dateOverrides": overrides}
        )
        assert response.status_code == 200, response.text
        assert get(client, alice, schedule["id"])["overrides"] == [
            {"date": "2024-05-20", "startTime": "09:00", "endTime": "12:00"},
            {"date": "2024-12-25", "startTime": "00:00", "endTime": "00:00"},
        ]
        legacy = get(client, alice, schedule["id"], LEGACY)
        assert legacy["dateOverrides"] == overrides
        # What GET wrote can be sent back as it is.
        client.patch(
            path, headers=headers(alice, LEGACY), json={"dateOverrides": legacy["dateOverrides"]}
        )
        assert without_row_ids(get(client, alice, schedule["id"], LEGACY)) == without_row_ids(
            legacy
        )

    def test_date_overrides_are_read_in_the_zone_the_same_patch_sets(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, LEGACY, timeZone="Europe/Rome")
        response = client.patch(
            f"/v2/schedules/{schedule['id']}",
            headers=headers(alice, LEGACY),
            json={
                "timeZone": "Asia/Tokyo",
                "dateOverrides": [
                    {"start": "2024-05-20T00:00:00.000Z", "end": "2024-05-20T03:00:00.000Z"}
                ],
            },
        )
        assert response.status_code == 200, response.text
        assert get(client, alice, schedule["id"])["overrides"] == [
            {"date": "2024-05-20", "startTime": "09:00", "endTime": "12:00"}
        ]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"schedule": [[]] * 6}, "schedule"),
            ({"schedule": [[]] * 8}, "schedule"),
            ({"schedule": week(monday=[{"start": "09:00", "end": FIVE}])}, "schedule.1.0.start"),
            ({"schedule": week(friday=[{"start": FIVE, "end": NINE}])}, "schedule.5.0.end"),
            ({"schedule": None}, "schedule"),
            ({"dateOverrides": [{"start": "2024-05-20T07:00:00Z"}]}, "dateOverrides.0.end"),
            (overrides("2024-05-20T07:00:00Z", "2024-05-21T07:00:00Z"), "dateOverrides.0.end"),
            (overrides("2024-05-20T10:00:00Z", "2024-05-20T07:00:00Z"), "dateOverrides.0.end"),
            (overrides("2024-05-20T10:00:00Z", "2024-05-20T10:00:00Z"), "dateOverrides.0.end"),
            (overrides("9999-12-31T23:00:00Z", "9999-12-31T23:30:00Z"), "dateOverrides.0.start"),
            (overrides("1969-12-31T12:00:00Z", "1969-12-31T13:00:00Z"), "dateOverrides.0.start"),
            ({"timeZone": "Nowhere/Land"}, "timeZone"),
            ({"name": None}, "name"),
        ],
    )  # fmt: skip
    def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        schedule = create(client, alice, LEGACY, timeZone="Europe/Rome")
        path = f"/v2/schedules/{schedule['id']}"
        response = client.patch(
            path, headers=headers(alice, LEGACY), json={"name": "New", **change}
        )
        error = bad_request(response, path)
        assert names_field(error, field), error
        assert get(client, alice, schedule["id"], LEGACY) == schedule


class TestDeleteLegacy:
    def test_answers_status_success_without_data(self, client: TestClient, alice: Account) -> None:
        create(client, alice, LEGACY)
        second = create(client, alice, LEGACY, name="Second")
        response = client.delete(f"/v2/schedules/{second['id']}", headers=headers(alice, LEGACY))
        assert response.status_code == 200
        assert response.json() == {"status": "success"}

    def test_a_missing_schedule_is_a_400_as_in_cal_com(
        self, client: TestClient, alice: Account
    ) -> None:
        error = bad_request(
            client.delete("/v2/schedules/4242", headers=headers(alice, LEGACY)),
            "/v2/schedules/4242",
        )
        assert error["message"] == "Schedule with ID=4242 does not exist."

    def test_someone_elses_schedule_is_the_same_400_and_is_kept(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice, mallory = accounts.create(), accounts.create()
        schedule = create(client, alice, LEGACY)
        path = f"/v2/schedules/{schedule['id']}"
        error = bad_request(client.delete(path, headers=headers(mallory, LEGACY)), path)
        assert error["message"] == f"Schedule with ID={schedule['id']} does not exist."
        assert get(client, alice, schedule["id"], LEGACY) == schedule

    def test_the_default_is_refused_while_other_schedules_exist(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice, LEGACY)
        create(client, alice, LEGACY, name="Second")
        path = f"/v2/schedules/{first['id']}"
        error = bad_request(client.delete(path, headers=headers(alice, LEGACY)), path)
        assert "is your default schedule" in error["message"]
        assert default_schedule_id(client, alice) == first["id"]


class TestOneScheduleTwoShapes:
    def test_both_versions_describe_the_same_rows(self, client: TestClient, alice: Account) -> None:
        current = create(
            client,
            alice,
            availability=[
                {"days": ["Monday", "Sunday"], "startTime": "08:00", "endTime": "12:30"},
                {"days": ["Monday"], "startTime": "13:00", "endTime": "23:59"},
            ],
            overrides=[{"date": "2024-05-20", "startTime": "10:00", "endTime": "11:00"}],
        )
        legacy = get(client, alice, current["id"], LEGACY)
        assert legacy["workingHours"] == [
            {"days": [0, 1], "startTime": 480, "endTime": 750, "userId": alice.id},
            {"days": [1], "startTime": 780, "endTime": 1439, "userId": alice.id},
        ]
        assert legacy["availability"][0] == [
            {"start": "1970-01-01T08:00:00.000Z", "end": "1970-01-01T12:30:00.000Z"}
        ]
        assert legacy["availability"][1] == [
            {"start": "1970-01-01T08:00:00.000Z", "end": "1970-01-01T12:30:00.000Z"},
            {"start": "1970-01-01T13:00:00.000Z", "end": "1970-01-01T23:59:00.000Z"},
        ]
        assert legacy["dateOverrides"] == [
            {"start": "2024-05-20T08:00:00.000Z", "end": "2024-05-20T09:00:00.000Z"}
        ]
        assert [(row["days"], row["date"]) for row in legacy["schedule"]] == [
            ([0, 1], None),
            ([1], None),
            ([], "2024-05-20T00:00:00.000Z"),
        ]
        assert len({row["id"] for row in legacy["schedule"]}) == 3
