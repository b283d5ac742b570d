"""v1 users: ``?apiKey=`` auth, un-enveloped bodies, ``{"message"}`` errors, no partial writes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from slotwise.api_keys.models import ApiKey
from slotwise.users.models import User
from tests.conftest import Account, Accounts

V1_USER_FIELDS = {
    "id", "username", "name", "email", "emailVerified", "bio", "avatarUrl", "timeZone",
    "weekStart", "theme", "appTheme", "defaultScheduleId", "locale", "timeFormat",
    "hideBranding", "brandColor", "darkBrandColor", "allowDynamicBooking", "createdDate", "role",
}  # fmt: skip


def assert_v1_error(response: Any, status: int) -> str:
    """A v1 error: the status asked for and a body that is exactly ``{"message": str}``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"message"}, body
    assert isinstance(body["message"], str)
    assert body["message"]
    return str(body["message"])


def get_user(client: TestClient, caller: Account, user_id: int) -> dict[str, Any]:
    response = client.get(f"/v1/users/{user_id}", params=caller.v1)
    assert response.status_code == 200, response.text
    return dict(response.json()["user"])


def all_users(client: TestClient, admin: Account) -> list[dict[str, Any]]:
    response = client.get("/v1/users", params=admin.v1)
    assert response.status_code == 200, response.text
    return list(response.json()["users"])


def usernames(client: TestClient, admin: Account) -> list[str]:
    return [u["username"] for u in all_users(client, admin)]


def create(client: TestClient, admin: Account, body: dict[str, Any]) -> Any:
    return client.post("/v1/users", params=admin.v1, json=body)


class TestAuthentication:
    def test_missing_api_key_is_a_401_message(self, client: TestClient, alice: Account) -> None:
        assert_v1_error(client.get("/v1/me"), 401)

    def test_unknown_api_key_is_a_401(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v1/me", params={"apiKey": "cal_" + "0" * 32})
        assert_v1_error(response, 401)

    def test_an_empty_api_key_is_a_401(self, client: TestClient, alice: Account) -> None:
        assert_v1_error(client.get("/v1/me", params={"apiKey": ""}), 401)

    def test_an_authorization_header_alone_does_not_authenticate_v1(
        self, client: TestClient, alice: Account
    ) -> None:
        assert client.get("/v2/me", headers=alice.headers).status_code == 200  # key works
        assert_v1_error(client.get("/v1/me", headers=alice.headers), 401)
        assert_v1_error(client.get("/v1/users", headers=alice.headers), 401)

    def test_every_route_requires_the_key(self, client: TestClient, alice: Account) -> None:
        for method, path in [
            ("GET", "/v1/users"),
            ("POST", "/v1/users"),
            ("GET", f"/v1/users/{alice.id}"),
            ("PATCH", f"/v1/users/{alice.id}"),
            ("DELETE", f"/v1/users/{alice.id}"),
        ]:
            response = client.request(method, path, json={} if method != "GET" else None)
            assert_v1_error(response, 401)
        # the one that could have changed something did not
        assert client.get("/v1/me", params=alice.v1).status_code == 200


class TestMe:
    def test_returns_the_caller_unenveloped(self, client: TestClient, alice: Account) -> None:
        response = client.get("/v1/me", params=alice.v1)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"user"}
        user = body["user"]
        assert set(user) == V1_USER_FIELDS
        assert user["id"] == alice.id
        assert user["username"] == "alice"
        assert user["email"] == "alice@example.com"
        assert user["timeZone"] == "Europe/London"
        assert user["role"] == "USER"
        assert user["createdDate"].endswith("Z")
        assert "password" not in str(body).lower()

    def test_each_key_sees_its_own_user(self, client: TestClient, accounts: Accounts) -> None:
        first, second = accounts.create(), accounts.create()
        assert client.get("/v1/me", params=first.v1).json()["user"]["id"] == first.id
        assert client.get("/v1/me", params=second.v1).json()["user"]["id"] == second.id


class TestList:
    def test_an_admin_sees_every_user(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        users = all_users(client, admin)
        assert {u["id"] for u in users} == {admin.id, alice.id, bob.id}
        assert all(set(u) == V1_USER_FIELDS for u in users)

    def test_a_non_admin_sees_only_themselves(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        accounts.create(username="bob")
        response = client.get("/v1/users", params=alice.v1)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"users"}
        assert [u["id"] for u in body["users"]] == [alice.id]


class TestCreate:
    def test_an_admin_creates_a_user(self, client: TestClient, admin: Account) -> None:
        body = {
            "email": "Olive@Example.com",
            "username": "Olive",
            "name": "Olive Oyl",
            "timeZone": "America/New_York",
            "weekStart": "Sunday",
            "timeFormat": 12,
            "locale": "fr",
            "brandColor": "#ABCDEF",
            "theme": "dark",
        }
        response = create(client, admin, body)
        assert response.status_code == 201, response.text
        assert set(response.json()) == {"user"}
        user = response.json()["user"]
        assert user["username"] == "olive"  # stored lower-case
        assert user["email"] == "olive@example.com"
        assert user["name"] == "Olive Oyl"
        assert user["timeZone"] == "America/New_York"
        assert user["weekStart"] == "Sunday"
        assert user["timeFormat"] == 12
        assert user["locale"] == "fr"
        assert user["brandColor"] == "#abcdef"
        assert user["theme"] == "dark"
        assert user["role"] == "USER"
        assert get_user(client, admin, user["id"]) == user  # persisted, not just echoed
        assert "olive" in usernames(client, admin)

    def test_an_admin_can_create_an_admin(self, client: TestClient, admin: Account) -> None:
        response = create(
            client, admin, {"email": "b@example.com", "username": "b", "role": "ADMIN"}
        )
        assert response.status_code == 201, response.text
        assert get_user(client, admin, response.json()["user"]["id"])["role"] == "ADMIN"

    def test_a_non_admin_gets_403_and_nothing_is_created(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        before = usernames(client, admin)
        response = create(client, alice, {"email": "mallory@example.com", "username": "mallory"})
        assert_v1_error(response, 403)
        assert usernames(client, admin) == before

    def test_a_duplicate_email_is_a_409(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        before = all_users(client, admin)
        response = create(client, admin, {"email": "ALICE@example.com", "username": "alice2"})
        assert_v1_error(response, 409)
        assert all_users(client, admin) == before

    @pytest.mark.parametrize("username", ["Alice", "ALICE", "alice", " alice "])
    def test_a_username_differing_only_in_case_is_a_409(
        self, client: TestClient, admin: Account, alice: Account, username: str
    ) -> None:
        before = all_users(client, admin)
        response = create(client, admin, {"email": "other@example.com", "username": username})
        assert_v1_error(response, 409)
        assert all_users(client, admin) == before

    @pytest.mark.parametrize(
        "username",
        ["admin", "Admin", "v1", "v2", "health", "docs", "openapi.json", "booking", "embed",
         "team", "api", "me"],
    )  # fmt: skip
    def test_a_reserved_username_is_a_400(
        self, client: TestClient, admin: Account, username: str
    ) -> None:
        before = all_users(client, admin)
        response = create(client, admin, {"email": "new@example.com", "username": username})
        message = assert_v1_error(response, 400)
        assert "username" in message
        assert all_users(client, admin) == before

    @pytest.mark.parametrize(
        "username",
        ["a b", "a/b", "-x", "x-", "a..b", "über", "", "   ", "a?b", "a#b", "a%20b", ".x",
         "x.", "_x", "a" * 65],
    )  # fmt: skip
    def test_a_username_that_is_not_url_safe_is_a_400(
        self, client: TestClient, admin: Account, username: str
    ) -> None:
        before = all_users(client, admin)
        response = create(client, admin, {"email": "new@example.com", "username": username})
        message = assert_v1_error(response, 400)
        assert "username" in message
        assert all_users(client, admin) == before

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
            ({"weekStart": "Funday"}, "weekStart"),
            ({"weekStart": "monday"}, "weekStart"),
            ({"timeFormat": 13}, "timeFormat"),
            ({"timeFormat": "12"}, "timeFormat"),
            ({"locale": "klingon"}, "locale"),
            ({"brandColor": "red"}, "brandColor"),
            ({"brandColor": "#12345"}, "brandColor"),
            ({"darkBrandColor": "#GGGGGG"}, "darkBrandColor"),
            ({"theme": "sepia"}, "theme"),
            ({"role": "OWNER"}, "role"),
            ({"hideBranding": "yes"}, "hideBranding"),
            ({"timezone": "Europe/Paris"}, "timezone"),
            ({"password": "hunter2hunter2"}, "password"),
            ({"email": "not-an-email"}, "email"),
            ({"email": None}, "email"),
            ({"name": "x" * 201}, "name"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_creates_nothing(
        self, client: TestClient, admin: Account, body: dict[str, Any], field: str
    ) -> None:
        before = all_users(client, admin)
        response = create(client, admin, {"email": "new@example.com", "username": "new", **body})
        message = assert_v1_error(response, 400)
        assert field in message
        assert all_users(client, admin) == before

    @pytest.mark.parametrize("missing", ["email", "username"])
    def test_a_missing_required_field_is_a_400(
        self, client: TestClient, admin: Account, missing: str
    ) -> None:
        before = all_users(client, admin)
        body = {"email": "new@example.com", "username": "new"}
        del body[missing]
        message = assert_v1_error(create(client, admin, body), 400)
        assert missing in message
        assert all_users(client, admin) == before

    def test_a_body_that_is_not_json_is_a_400(self, client: TestClient, admin: Account) -> None:
        before = all_users(client, admin)
        response = client.post(
            "/v1/users",
            params=admin.v1,
            headers={"Content-Type": "application/json"},
            content=b"{not json",
        )
        assert_v1_error(response, 400)
        assert all_users(client, admin) == before


class TestGetOne:
    def test_a_user_reads_themselves(self, client: TestClient, alice: Account) -> None:
        user = get_user(client, alice, alice.id)
        assert user["id"] == alice.id
        assert user == client.get("/v1/me", params=alice.v1).json()["user"]

    def test_an_admin_reads_anyone(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        assert get_user(client, admin, alice.id)["username"] == "alice"

    def test_another_users_id_is_a_404_like_an_unknown_id(
        self, client: TestClient, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        foreign = client.get(f"/v1/users/{bob.id}", params=alice.v1)
        unknown = client.get("/v1/users/99999", params=alice.v1)
        foreign_message = assert_v1_error(foreign, 404)
        unknown_message = assert_v1_error(unknown, 404)
        assert "bob" not in foreign_message
        # the same words either way: only the id differs
        assert foreign_message.replace(str(bob.id), "N") == unknown_message.replace("99999", "N")

    def test_an_unknown_id_is_a_404_for_an_admin(self, client: TestClient, admin: Account) -> None:
        assert_v1_error(client.get("/v1/users/99999", params=admin.v1), 404)

    @pytest.mark.parametrize("user_id", ["abc", "1.5", "1e3", "me"])
    def test_a_non_integer_id_is_a_400(
        self, client: TestClient, alice: Account, user_id: str
    ) -> None:
        for method in ("GET", "PATCH", "DELETE"):
            response = client.request(
                method,
                f"/v1/users/{user_id}",
                params=alice.v1,
                json={} if method == "PATCH" else None,
            )
            assert_v1_error(response, 400)
        assert client.get("/v1/me", params=alice.v1).status_code == 200  # still there


class TestUpdate:
    def test_a_user_updates_themselves(self, client: TestClient, alice: Account) -> None:
        change = {
            "name": "Alice Liddell",
            "username": "Wonder.Alice",
            "email": "Alice.L@Example.com",
            "timeZone": "Asia/Kolkata",
            "weekStart": "Saturday",
            "timeFormat": 12,
            "locale": "pt-BR",
            "brandColor": "#FF0000",
            "darkBrandColor": "#000",
            "hideBranding": True,
            "allowDynamicBooking": False,
            "bio": "Down the rabbit hole",
        }
        response = client.patch(f"/v1/users/{alice.id}", params=alice.v1, json=change)
        assert response.status_code == 200, response.text
        assert set(response.json()) == {"user"}
        user = response.json()["user"]
        assert user["username"] == "wonder.alice"
        assert user["email"] == "alice.l@example.com"
        assert user["name"] == "Alice Liddell"
        assert user["timeZone"] == "Asia/Kolkata"
        assert user["weekStart"] == "Saturday"
        assert user["timeFormat"] == 12
        assert user["locale"] == "pt-BR"
        assert user["brandColor"] == "#ff0000"
        assert user["darkBrandColor"] == "#000"
        assert user["hideBranding"] is True
        assert user["allowDynamicBooking"] is False
        assert user["bio"] == "Down the rabbit hole"
        assert get_user(client, alice, alice.id) == user

    def test_a_partial_update_leaves_other_fields_alone(
        self, client: TestClient, alice: Account
    ) -> None:
        before = get_user(client, alice, alice.id)
        response = client.patch(f"/v1/users/{alice.id}", params=alice.v1, json={"bio": "hi"})
        assert response.status_code == 200, response.text
        assert get_user(client, alice, alice.id) == {**before, "bio": "hi"}

    def test_an_admin_updates_anyone(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        response = client.patch(f"/v1/users/{alice.id}", params=admin.v1, json={"name": "A."})
        assert response.status_code == 200, response.text
        assert get_user(client, alice, alice.id)["name"] == "A."

    def test_another_users_id_is_a_404_and_changes_nothing(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        before = get_user(client, admin, bob.id)
        response = client.patch(f"/v1/users/{bob.id}", params=alice.v1, json={"name": "Pwned"})
        assert_v1_error(response, 404)
        assert get_user(client, admin, bob.id) == before

    def test_a_non_admin_cannot_make_themselves_admin(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        before = get_user(client, alice, alice.id)
        response = client.patch(
            f"/v1/users/{alice.id}", params=alice.v1, json={"role": "ADMIN", "name": "Boss"}
        )
        assert_v1_error(response, 403)
        assert get_user(client, alice, alice.id) == before
        assert [u["id"] for u in client.get("/v1/users", params=alice.v1).json()["users"]] == [
            alice.id
        ]

    def test_an_admin_can_change_a_role(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        response = client.patch(f"/v1/users/{alice.id}", params=admin.v1, json={"role": "ADMIN"})
        assert response.status_code == 200, response.text
        assert response.json()["user"]["role"] == "ADMIN"
        # and the new role takes effect: alice now sees everyone
        seen = {u["id"] for u in client.get("/v1/users", params=alice.v1).json()["users"]}
        assert seen == {admin.id, alice.id}
        response = client.patch(f"/v1/users/{alice.id}", params=admin.v1, json={"role": "USER"})
        assert response.status_code == 200
        assert get_user(client, alice, alice.id)["role"] == "USER"

    def test_taking_another_users_email_is_a_409(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        accounts.create(username="bob")
        before = get_user(client, alice, alice.id)
        response = client.patch(
            f"/v1/users/{alice.id}", params=alice.v1, json={"email": "Bob@Example.com"}
        )
        assert_v1_error(response, 409)
        assert get_user(client, alice, alice.id) == before

    def test_taking_another_username_in_other_case_is_a_409(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice = accounts.create(username="alice")
        accounts.create(username="bob")
        before = get_user(client, alice, alice.id)
        response = client.patch(
            f"/v1/users/{alice.id}", params=alice.v1, json={"username": "BOB", "name": "x"}
        )
        assert_v1_error(response, 409)
        assert get_user(client, alice, alice.id) == before

    def test_keeping_ones_own_username_in_other_case_is_fine(
        self, client: TestClient, alice: Account
    ) -> None:
        response = client.patch(
            f"/v1/users/{alice.id}", params=alice.v1, json={"username": "ALICE"}
        )
        assert response.status_code == 200, response.text
        assert get_user(client, alice, alice.id)["username"] == "alice"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
            ({"weekStart": "Funday"}, "weekStart"),
            ({"timeFormat": 13}, "timeFormat"),
            ({"locale": "klingon"}, "locale"),
            ({"brandColor": "blue"}, "brandColor"),
            ({"username": "admin"}, "username"),
            ({"username": "a b"}, "username"),
            ({"username": None}, "username"),
            ({"email": "nope"}, "email"),
            ({"email": None}, "email"),
            ({"favouriteColour": "green"}, "favouriteColour"),
        ],
    )
    def test_bad_input_is_a_400_and_changes_nothing(
        self, client: TestClient, alice: Account, body: dict[str, Any], field: str
    ) -> None:
        before = get_user(client, alice, alice.id)
        response = client.patch(
            f"/v1/users/{alice.id}", params=alice.v1, json={"name": "Changed", **body}
        )
        message = assert_v1_error(response, 400)
        assert field in message
        assert get_user(client, alice, alice.id) == before


class TestDelete:
    def test_a_user_deletes_themselves_and_their_keys_go_too(
        self, client: TestClient, app: FastAPI, admin: Account, alice: Account
    ) -> None:
        response = client.delete(f"/v1/users/{alice.id}", params=alice.v1)
        assert response.status_code == 200, response.text
        assert response.json() == {"message": f"User with id: {alice.id} deleted successfully"}
        assert_v1_error(client.get("/v1/me", params=alice.v1), 401)
        assert client.get("/v2/me", headers=alice.headers).status_code == 401
        assert alice.id not in {u["id"] for u in all_users(client, admin)}
        with app.state.session_factory() as session:
            assert session.get(User, alice.id) is None
            keys = session.scalars(select(ApiKey).where(ApiKey.user_id == alice.id)).all()
            assert keys == []

    def test_an_admin_deletes_anyone(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        response = client.delete(f"/v1/users/{alice.id}", params=admin.v1)
        assert response.status_code == 200, response.text
        assert response.json() == {"message": f"User with id: {alice.id} deleted successfully"}
        assert {u["id"] for u in all_users(client, admin)} == {admin.id, bob.id}
        assert_v1_error(client.get(f"/v1/users/{alice.id}", params=admin.v1), 404)
        assert_v1_error(client.delete(f"/v1/users/{alice.id}", params=admin.v1), 404)
        assert client.get("/v1/me", params=bob.v1).status_code == 200  # bob's key untouched

    def test_another_users_id_is_a_404_and_deletes_nothing(
        self, client: TestClient, admin: Account, accounts: Accounts
    ) -> None:
        alice, bob = accounts.create(username="alice"), accounts.create(username="bob")
        before = all_users(client, admin)
        assert_v1_error(client.delete(f"/v1/users/{bob.id}", params=alice.v1), 404)
        assert all_users(client, admin) == before
        assert client.get("/v1/me", params=bob.v1).status_code == 200

    def test_a_deleted_username_and_email_can_be_reused(
        self, client: TestClient, admin: Account, alice: Account
    ) -> None:
        assert client.delete(f"/v1/users/{alice.id}", params=admin.v1).status_code == 200
        response = create(client, admin, {"email": "alice@example.com", "username": "Alice"})
        assert response.status_code == 201, response.text
        assert response.json()["user"]["username"] == "alice"
        assert_v1_error(client.get("/v1/me", params=alice.v1), 401)  # old key stays dead
