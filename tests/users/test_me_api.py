"""GET/PATCH /v2/me: the caller's profile, Cal.com's shape, and nothing changed by bad input."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests import spec
from tests.conftest import Account, Accounts

# spec/api.md §2, read by tests/spec.py; its optional organization {isPlatform, id} is left
# out until organizations exist.
ME_FIELDS = spec.me().required


def me(client: TestClient, account: Account) -> dict[str, Any]:
    response = client.get("/v2/me", headers=account.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "success"
    return dict(body["data"])


class TestGetMe:
    def test_returns_the_callers_profile_in_cal_com_shape(
        self, client: TestClient, alice: Account
    ) -> None:
        data = me(client, alice)
        assert set(data) == ME_FIELDS
        assert data["id"] == alice.id
        assert data["username"] == "alice"
        assert data["email"] == "alice@example.com"
        assert data["timeZone"] == "Europe/London"
        assert data["weekStart"] == "Monday"
        assert data["timeFormat"] == 24
        assert data["organizationId"] is None

    def test_each_key_sees_its_own_user(self, client: TestClient, accounts: Accounts) -> None:
        first, second = accounts.create(), accounts.create()
        assert me(client, first)["id"] == first.id
        assert me(client, second)["id"] == second.id


class TestUpdateMe:
    def test_updates_every_documented_field(self, client: TestClient, alice: Account) -> None:
        change = {
            "email": "Alice.New@Example.com",
            "name": "Alice Liddell",
            "timeFormat": 12,
            "weekStart": "Sunday",
            "timeZone": "Asia/Kolkata",
            "locale": "pt-BR",
            "avatarUrl": "https://example.com/alice.png",
            "bio": "Down the rabbit hole",
            "metadata": {"team": "wonderland"},
        }
        response = client.patch("/v2/me", headers=alice.headers, json=change)
        assert response.status_code == 200, response.text
        data = response.json()["data"]
        assert data["email"] == "alice.new@example.com"  # emails are case-insensitive
        assert data["name"] == "Alice Liddell"
        assert data["timeFormat"] == 12
        assert data["weekStart"] == "Sunday"
        assert data["timeZone"] == "Asia/Kolkata"
        assert data["locale"] == "pt-BR"
        assert data["avatarUrl"] == "https://example.com/alice.png"
        assert data["bio"] == "Down the rabbit hole"
        assert me(client, alice) == data  # persisted, not just echoed

    def test_a_partial_update_leaves_other_fields_alone(
        self, client: TestClient, alice: Account
    ) -> None:
        before = me(client, alice)
        response = client.patch("/v2/me", headers=alice.headers, json={"bio": "hello"})
        assert response.status_code == 200
        after = me(client, alice)
        assert after == {**before, "bio": "hello"}

    def test_nullable_fields_can_be_cleared(self, client: TestClient, alice: Account) -> None:
        client.patch("/v2/me", headers=alice.headers, json={"bio": "x", "avatarUrl": None})
        response = client.patch("/v2/me", headers=alice.headers, json={"bio": None})
        assert response.status_code == 200
        assert me(client, alice)["bio"] is None

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
            ({"timeZone": 5}, "timeZone"),
            ({"weekStart": "Funday"}, "weekStart"),
            ({"weekStart": "monday"}, "weekStart"),
            ({"timeFormat": 13}, "timeFormat"),
            ({"timeFormat": "12"}, "timeFormat"),
            ({"locale": "klingon"}, "locale"),
            ({"email": "not-an-email"}, "email"),
            ({"email": None}, "email"),
            ({"name": None}, "name"),
            ({"name": "x" * 201}, "name"),
            ({"avatarUrl": "javascript:alert(1)"}, "avatarUrl"),
            ({"defaultScheduleId": "1"}, "defaultScheduleId"),
            ({"metadata": {f"k{i}": i for i in range(51)}}, "metadata"),
            ({"metadata": "flat"}, "metadata"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(
        self, client: TestClient, alice: Account, body: dict[str, Any], field: str
    ) -> None:
        before = me(client, alice)
        response = client.patch("/v2/me", headers=alice.headers, json=body)
        assert response.status_code == 400, response.text
        error = response.json()
        assert error["status"] == "error"
        assert error["path"] == "/v2/me"
        assert error["error"]["code"] == "BadRequestException"
        assert field in error["error"]["message"]
        assert any(d["field"] == field for d in error["error"]["details"])
        assert me(client, alice) == before

    def test_one_bad_field_among_good_ones_writes_none_of_them(
        self, client: TestClient, alice: Account
    ) -> None:
        before = me(client, alice)
        body = {"name": "Changed", "bio": "changed", "timeZone": "Nowhere/Land"}
        response = client.patch("/v2/me", headers=alice.headers, json=body)
        assert response.status_code == 400
        assert me(client, alice) == before

    def test_unknown_fields_are_dropped_as_cal_com_v2_does(
        self, client: TestClient, alice: Account
    ) -> None:
        before = me(client, alice)
        body = {"timezone": "Europe/Paris", "username": "someone-else", "bio": "kept"}
        response = client.patch("/v2/me", headers=alice.headers, json=body)
        assert response.status_code == 200, response.text
        assert me(client, alice) == {**before, "bio": "kept"}

    def test_a_body_that_is_not_json_is_a_400(self, client: TestClient, alice: Account) -> None:
        response = client.patch(
            "/v2/me",
            headers={**alice.headers, "Content-Type": "application/json"},
            content=b"{not json",
        )
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "BadRequestException"

    def test_taking_another_users_email_is_a_409(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        before = me(client, alice)
        response = client.patch("/v2/me", headers=alice.headers, json={"email": "BOB@example.com"})
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "ConflictException"
        assert me(client, alice) == before
        assert bob.email == "bob@example.com"

    def test_the_default_schedule_cannot_be_cleared_while_schedules_exist(
        self, client: TestClient, alice: Account
    ) -> None:
        body = {"name": "Work", "timeZone": "Europe/London", "isDefault": True}
        headers = {**alice.headers, "cal-api-version": "2024-06-11"}
        created = client.post("/v2/schedules", headers=headers, json=body)
        assert created.status_code == 201, created.text
        schedule_id = created.json()["data"]["id"]
        assert me(client, alice)["defaultScheduleId"] == schedule_id
        response = client.patch("/v2/me", headers=alice.headers, json={"defaultScheduleId": None})
        assert response.status_code == 400
        assert "defaultScheduleId" in response.json()["error"]["message"]
        assert me(client, alice)["defaultScheduleId"] == schedule_id

    def test_someone_elses_schedule_cannot_become_my_default(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.patch("/v2/me", headers=alice.headers, json={"defaultScheduleId": 999})
        assert response.status_code == 404
        assert me(client, alice)["defaultScheduleId"] is None


def profile_v1(client: TestClient, account: Account) -> dict[str, Any]:
    """The caller as /v1/me shows it: the branding fields /v2/me's output leaves out."""
    response = client.get("/v1/me", params=account.v1)
    assert response.status_code == 200, response.text
    return dict(response.json()["user"])


class TestBrandingOnMe:
    """PATCH /v2/me takes the branding fields a user has (spec/api.md §9 "Branding"), through
    the same service and checks as /v1/users."""

    @pytest.mark.parametrize(
        ("field", "sent", "stored"),
        [
            ("theme", "dark", "dark"),
            ("theme", "light", "light"),
            ("theme", None, None),  # null: follow the system
            ("appTheme", "dark", "dark"),
            ("appTheme", None, None),
            ("brandColor", "#ABCDEF", "#abcdef"),
            ("brandColor", "#123", "#123"),
            ("brandColor", None, None),
            ("darkBrandColor", "#fafafa", "#fafafa"),
            ("darkBrandColor", None, None),
            ("hideBranding", True, True),
            ("hideBranding", False, False),
        ],
    )
    def test_each_field_round_trips(
        self, client: TestClient, alice: Account, field: str, sent: Any, stored: Any
    ) -> None:
        if sent is None or sent is False:  # start from a set value, so the change shows
            start = {"theme": "light", "appTheme": "light", "hideBranding": True}.get(
                field, "#000000"
            )
            assert client.patch("/v2/me", headers=alice.headers, json={field: start}).is_success
        before = profile_v1(client, alice)
        assert before[field] != stored
        response = client.patch("/v2/me", headers=alice.headers, json={field: sent})
        assert response.status_code == 200, response.text
        after = profile_v1(client, alice)
        assert after == {**before, field: stored}
        assert response.json()["data"] == me(client, alice)

    def test_all_at_once_with_profile_fields(self, client: TestClient, alice: Account) -> None:
        body = {
            "bio": "Curiouser and curiouser",
            "theme": "dark",
            "appTheme": "light",
            "brandColor": "#292929",
            "darkBrandColor": "#FAFAFA",
            "hideBranding": True,
        }
        response = client.patch("/v2/me", headers=alice.headers, json=body)
        assert response.status_code == 200, response.text
        user = profile_v1(client, alice)
        assert user["bio"] == "Curiouser and curiouser"
        assert (user["theme"], user["appTheme"]) == ("dark", "light")
        assert (user["brandColor"], user["darkBrandColor"]) == ("#292929", "#fafafa")
        assert user["hideBranding"] is True

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"theme": "sepia"}, "theme"),
            ({"theme": "Dark"}, "theme"),
            ({"theme": 1}, "theme"),
            ({"appTheme": "system"}, "appTheme"),
            ({"brandColor": "red"}, "brandColor"),
            ({"brandColor": "#12345"}, "brandColor"),
            ({"brandColor": 292929}, "brandColor"),
            ({"darkBrandColor": "#GGGGGG"}, "darkBrandColor"),
            ({"hideBranding": "true"}, "hideBranding"),
            ({"hideBranding": None}, "hideBranding"),
            ({"theme": "dark", "brandColor": "blue"}, "brandColor"),
        ],
    )
    def test_bad_values_are_a_400_naming_the_field_and_change_nothing(
        self, client: TestClient, alice: Account, body: dict[str, Any], field: str
    ) -> None:
        before = profile_v1(client, alice)
        response = client.patch("/v2/me", headers=alice.headers, json=body)
        assert response.status_code == 400, response.text
        error = response.json()["error"]
        assert error["code"] == "BadRequestException"
        assert field in error["message"]
        assert any(detail["field"] == field for detail in error["details"])
        assert profile_v1(client, alice) == before
