"""/v2/schedules with ``cal-api-version: 2024-06-11``: the caller's availability schedules,
Cal.com's shapes, the default-schedule rules, the normal form of hours, and bad input that
writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.schedules.helpers import (
    AVAILABILITY_KEYS,
    NINE_TO_FIVE,
    OVERRIDE_KEYS,
    SCHEDULE_KEYS,
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


def assert_schedule_shape(schedule: dict[str, Any]) -> None:
    assert set(schedule) == SCHEDULE_KEYS
    for row in schedule["availability"]:
        assert set(row) == AVAILABILITY_KEYS
    for override in schedule["overrides"]:
        assert set(override) == OVERRIDE_KEYS


class TestCreateSchedule:
    def test_answers_201_with_the_schedule_in_cal_com_shape(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            name="Office",
            timeZone="Europe/Rome",
            isDefault=True,
            availability=NINE_TO_FIVE,
            overrides=[{"date": "2024-05-20", "startTime": "12:00", "endTime": "13:00"}],
        )
        assert_schedule_shape(schedule)
        assert isinstance(schedule["id"], int)
        assert schedule == {
            "id": schedule["id"],
            "ownerId": alice.id,
            "name": "Office",
            "timeZone": "Europe/Rome",
            "availability": NINE_TO_FIVE,
            "isDefault": True,
            "overrides": [{"date": "2024-05-20", "startTime": "12:00", "endTime": "13:00"}],
        }
        assert get(client, alice, schedule["id"]) == schedule  # stored, not just echoed

    def test_availability_left_out_is_monday_to_friday_nine_to_five(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice)
        assert schedule["availability"] == NINE_TO_FIVE
        assert schedule["overrides"] == []

    def test_an_empty_availability_list_means_no_weekly_hours(
        self, client: TestClient, alice: Account
    ) -> None:
        assert create(client, alice, availability=[])["availability"] == []

    def test_the_first_schedule_becomes_the_default_whatever_isdefault_says(
        self, client: TestClient, alice: Account
    ) -> None:
        assert default_schedule_id(client, alice) is None
        first = create(client, alice, isDefault=False)
        assert first["isDefault"] is True
        assert default_schedule_id(client, alice) == first["id"]

    def test_a_later_schedule_with_isdefault_false_leaves_the_default_alone(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, isDefault=False)
        assert second["isDefault"] is False
        assert default_schedule_id(client, alice) == first["id"]
        assert get(client, alice, first["id"])["isDefault"] is True

    def test_isdefault_true_makes_the_new_schedule_the_default(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, isDefault=True)
        assert second["isDefault"] is True
        assert default_schedule_id(client, alice) == second["id"]
        assert get(client, alice, first["id"])["isDefault"] is False

    def test_overlapping_ranges_of_a_day_merge_and_equal_hours_share_a_row(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            availability=[
                {"days": ["Monday"], "startTime": "09:00", "endTime": "12:00"},
                {"days": ["Monday"], "startTime": "11:00", "endTime": "14:00"},
                {"days": ["Tuesday"], "startTime": "09:00", "endTime": "14:00"},
            ],
        )
        assert schedule["availability"] == [
            {"days": ["Monday", "Tuesday"], "startTime": "09:00", "endTime": "14:00"}
        ]

    def test_touching_ranges_merge_and_separate_ones_stay_apart(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            availability=[
                {"days": ["Wednesday"], "startTime": "09:00", "endTime": "12:00"},
                {"days": ["Wednesday", "Thursday"], "startTime": "12:00", "endTime": "15:00"},
                {"days": ["Thursday"], "startTime": "16:00", "endTime": "17:00"},
                {"days": ["Saturday"], "startTime": "22:00", "endTime": "23:59"},
                {"days": ["Saturday"], "startTime": "23:00", "endTime": "23:59"},
            ],
        )
        assert schedule["availability"] == [
            {"days": ["Wednesday"], "startTime": "09:00", "endTime": "15:00"},
            {"days": ["Thursday"], "startTime": "12:00", "endTime": "15:00"},
            {"days": ["Thursday"], "startTime": "16:00", "endTime": "17:00"},
            {"days": ["Saturday"], "startTime": "22:00", "endTime": "23:59"},
        ]

    def test_days_are_listed_monday_first_without_repeats(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            availability=[
                {
                    "days": ["Sunday", "Friday", "Monday", "Sunday"],
                    "startTime": "10:00",
                    "endTime": "11:00",
                }
            ],
        )
        assert schedule["availability"][0]["days"] == ["Monday", "Friday", "Sunday"]

    def test_a_day_off_override_and_overlapping_overrides_merge(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            overrides=[
                {"date": "2024-05-21", "startTime": "14:00", "endTime": "16:00"},
                {"date": "2024-05-20", "startTime": "00:00", "endTime": "00:00"},
                {"date": "2024-05-21", "startTime": "10:00", "endTime": "12:00"},
                {"date": "2024-05-21", "startTime": "11:00", "endTime": "13:00"},
                {"date": "2024-05-22", "startTime": "00:00", "endTime": "00:00"},
                {"date": "2024-05-22", "startTime": "09:00", "endTime": "10:00"},
            ],
        )
        assert schedule["overrides"] == [
            {"date": "2024-05-20", "startTime": "00:00", "endTime": "00:00"},
            {"date": "2024-05-21", "startTime": "10:00", "endTime": "13:00"},
            {"date": "2024-05-21", "startTime": "14:00", "endTime": "16:00"},
            {"date": "2024-05-22", "startTime": "09:00", "endTime": "10:00"},
        ]

    def test_unknown_fields_are_dropped_as_cal_com_v2_does(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(client, alice, ownerId=999, id=7, color="red")
        assert schedule["ownerId"] == alice.id
        assert_schedule_shape(schedule)


def weekly(start: Any = "09:00", end: Any = "17:00", days: Any = ("Monday",)) -> dict[str, Any]:
    """``{"availability": [<one range>]}``."""
    return {"availability": [{"days": list(days), "startTime": start, "endTime": end}]}


def override(on: Any = "2024-05-20", start: Any = "09:00", end: Any = "10:00") -> dict[str, Any]:
    """``{"overrides": [<one override>]}``."""
    return {"overrides": [{"date": on, "startTime": start, "endTime": end}]}


BAD_CREATE_INPUT: list[tuple[dict[str, Any], str]] = [
    ({"name": None}, "name"),
    ({"name": ""}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": 5}, "name"),
    ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
    ({"timeZone": "europe/rome"}, "timeZone"),
    ({"isDefault": "true"}, "isDefault"),
    ({"isDefault": None}, "isDefault"),
    ({"availability": None}, "availability"),
    ({"availability": {"days": ["Monday"]}}, "availability"),
    (weekly(days=["Funday"]), "availability.0.days.0"),
    (weekly(days=["monday"]), "availability.0.days.0"),
    (weekly(days=[1]), "availability.0.days.0"),
    (weekly(days=[]), "availability.0.days"),
    ({"availability": [{"startTime": "09:00", "endTime": "17:00"}]}, "availability.0.days"),
    (
        {"availability": [*weekly()["availability"], *weekly(start="9:00")["availability"]]},
        "availability.1.startTime",
    ),
    (weekly(start="24:00"), "availability.0.startTime"),
    (weekly(start="09:60"), "availability.0.startTime"),
    (weekly(start="09:00:00"), "availability.0.startTime"),
    (weekly(start="\u0660\u0669:00"), "availability.0.startTime"),  # Arabic-Indic digits
    (weekly(end=1700), "availability.0.endTime"),
    (weekly(end="17:00\n"), "availability.0.endTime"),
    (weekly(start="17:00", end="09:00"), "availability.0.endTime"),
    (weekly(start="09:00", end="09:00"), "availability.0.endTime"),
    (weekly(start="22:00", end="00:00"), "availability.0.endTime"),
    (weekly(start="00:00", end="00:00"), "availability.0.endTime"),  # a day off is an override
    (override(on="2024-02-30"), "overrides.0.date"),
    (override(on="2023-02-29"), "overrides.0.date"),
    (override(on="2024-5-20"), "overrides.0.date"),
    (override(on="20240520"), "overrides.0.date"),
    (override(on="2024-05-20T00:00:00Z"), "overrides.0.date"),
    (override(on="1969-12-31"), "overrides.0.date"),
    (override(start="10:00", end="09:00"), "overrides.0.endTime"),
    (override(start="12:00", end="12:00"), "overrides.0.endTime"),
    ({"overrides": [{"date": "2024-05-20", "startTime": "12:00"}]}, "overrides.0.endTime"),
]


class TestCreateBadInput:
    @pytest.mark.parametrize(("change", "field"), BAD_CREATE_INPUT)
    def test_is_a_400_naming_the_field_and_writes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        response = client.post("/v2/schedules", headers=headers(alice), json=create_body(**change))
        error = bad_request(response, "/v2/schedules")
        assert names_field(error, field), error
        assert listed(client, alice) == []
        assert default_schedule_id(client, alice) is None

    @pytest.mark.parametrize("missing", ["name", "timeZone", "isDefault"])
    def test_a_required_field_left_out_is_a_400_naming_it(
        self, client: TestClient, alice: Account, missing: str
    ) -> None:
        body = create_body()
        del body[missing]
        error = bad_request(
            client.post("/v2/schedules", headers=headers(alice), json=body), "/v2/schedules"
        )
        assert names_field(error, missing)
        assert listed(client, alice) == []

    def test_every_bad_field_is_named_at_once(self, client: TestClient, alice: Account) -> None:
        body = create_body(
            timeZone="Nowhere/Land",
            availability=[
                {"days": ["Monday"], "startTime": "09:00", "endTime": "17:00"},
                {"days": ["Monday"], "startTime": "18:00", "endTime": "08:00"},
            ],
            overrides=[{"date": "2024-05-20", "startTime": "13:00", "endTime": "12:00"}],
        )
        error = bad_request(
            client.post("/v2/schedules", headers=headers(alice), json=body), "/v2/schedules"
        )
        for field in ("timeZone", "availability.1.endTime", "overrides.0.endTime"):
            assert names_field(error, field), field

    @pytest.mark.parametrize("body", [[], "schedule", 5, None])
    def test_a_body_that_is_not_an_object_is_a_400(
        self, client: TestClient, alice: Account, body: Any
    ) -> None:
        response = client.post("/v2/schedules", headers=headers(alice), json=body)
        bad_request(response, "/v2/schedules")
        assert listed(client, alice) == []

    def test_a_body_that_is_not_json_is_a_400(self, client: TestClient, alice: Account) -> None:
        response = client.post(
            "/v2/schedules",
            headers={**headers(alice), "Content-Type": "application/json"},
            content=b"{not json",
        )
        bad_request(response, "/v2/schedules")


class TestListSchedules:
    def test_no_schedules_is_an_empty_list(self, client: TestClient, alice: Account) -> None:
        assert listed(client, alice) == []

    def test_lists_the_callers_schedules_in_creation_order(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(), accounts.create()
        first = create(client, alice, name="First")
        create(client, bob, name="Bob's")
        second = create(client, alice, name="Second")
        schedules = listed(client, alice)
        assert schedules == [first, {**second, "isDefault": False}]
        for schedule in schedules:
            assert_schedule_shape(schedule)


class TestDefaultSchedule:
    def test_is_null_when_the_caller_has_none(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v2/schedules/default", headers=headers(alice))
        assert response.json() == {"status": "success", "data": None}

    def test_is_the_callers_default(self, client: TestClient, alice: Account) -> None:
        create(client, alice)
        second = create(client, alice, name="Second", isDefault=True)
        response = client.get("/v2/schedules/default", headers=headers(alice))
        assert data(response) == second


class TestGetSchedule:
    def test_an_unknown_id_is_a_404(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v2/schedules/4242", headers=headers(alice))
        assert response.status_code == 404
        error = response.json()["error"]
        assert error == {
            "code": "NotFoundException",
            "message": "Schedule with ID=4242 does not exist.",
        }

    @pytest.mark.parametrize("schedule_id", ["0", "-1", "abc", str(2**31)])
    def test_an_id_that_cannot_exist_is_a_400(
        self, client: TestClient, alice: Account, schedule_id: str
    ) -> None:
        response = client.get(f"/v2/schedules/{schedule_id}", headers=headers(alice))
        bad_request(response, f"/v2/schedules/{schedule_id}")


class TestUpdateSchedule:
    def test_changes_only_what_is_sent(self, client: TestClient, alice: Account) -> None:
        schedule = create(
            client,
            alice,
            overrides=[{"date": "2024-05-20", "startTime": "00:00", "endTime": "00:00"}],
        )
        response = client.patch(
            f"/v2/schedules/{schedule['id']}", headers=headers(alice), json={"name": "Renamed"}
        )
        assert data(response) == {**schedule, "name": "Renamed"}
        assert get(client, alice, schedule["id"]) == {**schedule, "name": "Renamed"}

    def test_an_empty_body_changes_nothing(self, client: TestClient, alice: Account) -> None:
        schedule = create(client, alice)
        response = client.patch(f"/v2/schedules/{schedule['id']}", headers=headers(alice), json={})
        assert data(response) == schedule

    def test_availability_replaces_every_weekly_row_and_keeps_overrides(
        self, client: TestClient, alice: Account
    ) -> None:
        override = {"date": "2024-05-20", "startTime": "10:00", "endTime": "11:00"}
        schedule = create(client, alice, overrides=[override])
        weekend = [{"days": ["Saturday", "Sunday"], "startTime": "10:00", "endTime": "14:00"}]
        response = client.patch(
            f"/v2/schedules/{schedule['id']}",
            headers=headers(alice),
            json={"availability": weekend, "timeZone": "America/New_York"},
        )
        updated = data(response)
        assert updated["availability"] == weekend
        assert updated["overrides"] == [override]
        assert updated["timeZone"] == "America/New_York"
        assert get(client, alice, schedule["id"]) == updated

    def test_overrides_replace_every_override_and_keep_weekly_rows(
        self, client: TestClient, alice: Account
    ) -> None:
        schedule = create(
            client,
            alice,
            overrides=[{"date": "2024-05-20", "startTime": "10:00", "endTime": "11:00"}],
        )
        new = [{"date": "2024-06-01", "startTime": "00:00", "endTime": "00:00"}]
        response = client.patch(
            f"/v2/schedules/{schedule['id']}", headers=headers(alice), json={"overrides": new}
        )
        assert data(response) == {**schedule, "overrides": new}
        response = client.patch(
            f"/v2/schedules/{schedule['id']}", headers=headers(alice), json={"overrides": []}
        )
        assert data(response) == {**schedule, "overrides": []}

    def test_isdefault_true_moves_the_default_and_me_shows_it(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, name="Second")
        response = client.patch(
            f"/v2/schedules/{second['id']}", headers=headers(alice), json={"isDefault": True}
        )
        assert data(response)["isDefault"] is True
        assert default_schedule_id(client, alice) == second["id"]
        assert get(client, alice, first["id"])["isDefault"] is False
        assert (
            data(client.get("/v2/schedules/default", headers=headers(alice)))["id"]
            == (second["id"])
        )

    def test_isdefault_false_on_the_default_is_refused_and_changes_nothing(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        create(client, alice, name="Second")
        path = f"/v2/schedules/{first['id']}"
        response = client.patch(
            path, headers=headers(alice), json={"isDefault": False, "name": "Changed"}
        )
        error = bad_request(response, path)
        assert names_field(error, "isDefault")
        assert "default" in error["message"]
        assert get(client, alice, first["id"]) == first
        assert default_schedule_id(client, alice) == first["id"]

    def test_isdefault_false_on_another_schedule_changes_nothing_else(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, name="Second")
        response = client.patch(
            f"/v2/schedules/{second['id']}", headers=headers(alice), json={"isDefault": False}
        )
        assert data(response) == second
        assert default_schedule_id(client, alice) == first["id"]

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"name": None}, "name"),
            ({"name": ""}, "name"),
            ({"timeZone": "Nowhere/Land"}, "timeZone"),
            ({"timeZone": None}, "timeZone"),
            ({"isDefault": 1}, "isDefault"),
            ({"availability": None}, "availability"),
            ({"overrides": None}, "overrides"),
            (weekly(start="18:00", end="17:00"), "availability.0.endTime"),
            (override(on="2023-02-29"), "overrides.0.date"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
        self, client: TestClient, alice: Account, change: dict[str, Any], field: str
    ) -> None:
        schedule = create(client, alice)
        path = f"/v2/schedules/{schedule['id']}"
        error = bad_request(
            client.patch(path, headers=headers(alice), json={"name": "Changed", **change}), path
        )
        assert names_field(error, field), error
        assert get(client, alice, schedule["id"]) == schedule

    def test_an_unknown_schedule_is_a_404(self, client: TestClient, alice: Account) -> None:
        response = client.patch("/v2/schedules/4242", headers=headers(alice), json={"name": "x"})
        assert response.status_code == 404
        assert response.json()["error"]["message"] == "Schedule with ID=4242 does not exist."


class TestDeleteSchedule:
    def test_deletes_a_schedule_that_is_not_the_default(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, name="Second")
        response = client.delete(f"/v2/schedules/{second['id']}", headers=headers(alice))
        assert response.status_code == 200
        assert response.json() == {"status": "success"}
        assert (
            client.get(f"/v2/schedules/{second['id']}", headers=headers(alice)).status_code == 404
        )
        assert listed(client, alice) == [first]

    def test_the_default_is_refused_while_other_schedules_exist(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, name="Second")
        path = f"/v2/schedules/{first['id']}"
        error = bad_request(client.delete(path, headers=headers(alice)), path)
        assert error["message"] == (
            f"Schedule with ID={first['id']} is your default schedule; make another schedule "
            "the default first"
        )
        assert listed(client, alice) == [first, second]
        assert default_schedule_id(client, alice) == first["id"]

    def test_the_default_can_go_once_another_is_the_default(
        self, client: TestClient, alice: Account
    ) -> None:
        first = create(client, alice)
        second = create(client, alice, name="Second")
        client.patch(
            f"/v2/schedules/{second['id']}", headers=headers(alice), json={"isDefault": True}
        )
        response = client.delete(f"/v2/schedules/{first['id']}", headers=headers(alice))
        assert response.json() == {"status": "success"}
        assert default_schedule_id(client, alice) == second["id"]

    def test_the_last_schedule_can_go_and_leaves_no_default(
        self, client: TestClient, alice: Account
    ) -> None:
        only = create(client, alice)
        response = client.delete(f"/v2/schedules/{only['id']}", headers=headers(alice))
        assert response.json() == {"status": "success"}
        assert default_schedule_id(client, alice) is None
        assert data(client.get("/v2/schedules/default", headers=headers(alice))) is None
        assert listed(client, alice) == []
        # The next schedule is a first schedule again.
        assert create(client, alice)["isDefault"] is True

    def test_an_unknown_schedule_is_a_404(self, client: TestClient, alice: Account) -> None:
        response = client.delete("/v2/schedules/4242", headers=headers(alice))
        assert response.status_code == 404
        assert response.json()["error"]["message"] == "Schedule with ID=4242 does not exist."


class TestSomeoneElsesSchedule:
    @pytest.mark.parametrize(
        ("method", "body"), [("GET", None), ("PATCH", {"name": "Mine now"}), ("DELETE", None)]
    )
    def test_is_a_404_and_stays_as_it_was(
        self,
        client: TestClient,
        accounts: Accounts,
        method: str,
        body: dict[str, Any] | None,
    ) -> None:
        alice, mallory = accounts.create(), accounts.create()
        create(client, alice)
        schedule = create(client, alice, name="Second")
        response = client.request(
            method, f"/v2/schedules/{schedule['id']}", headers=headers(mallory), json=body
        )
        assert response.status_code == 404, response.text
        assert response.json()["error"]["message"] == (
            f"Schedule with ID={schedule['id']} does not exist."
        )
        assert get(client, alice, schedule["id"]) == schedule

    def test_an_admin_sees_only_their_own_schedules(
        self, client: TestClient, alice: Account, admin: Account
    ) -> None:
        schedule = create(client, alice)
        assert listed(client, admin) == []
        response = client.get(f"/v2/schedules/{schedule['id']}", headers=headers(admin))
        assert response.status_code == 404


class TestWithoutAKey:
    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("POST", "/v2/schedules"),
            ("GET", "/v2/schedules"),
            ("GET", "/v2/schedules/default"),
            ("GET", "/v2/schedules/1"),
            ("PATCH", "/v2/schedules/1"),
            ("DELETE", "/v2/schedules/1"),
        ],
    )
    @pytest.mark.parametrize("authorization", [None, "Bearer cal_0000", "Bearer "])
    def test_is_a_401(
        self,
        client: TestClient,
        alice: Account,
        method: str,
        path: str,
        authorization: str | None,
    ) -> None:
        create(client, alice)
        request_headers = {"cal-api-version": "2024-06-11"}
        if authorization is not None:
            request_headers["Authorization"] = authorization
        body = create_body() if method in ("POST", "PATCH") else None
        response = client.request(method, path, headers=request_headers, json=body)
        assert response.status_code == 401, response.text
        assert response.json()["error"]["code"] == "UnauthorizedException"
        assert len(listed(client, alice)) == 1
