"""/v2/teams: create, list, read, change and delete a team, with every field of spec/api.md
§8; bad input is a 400 naming the field and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.teams.helpers import add_member, data, make_team

EVERY_FIELD: dict[str, Any] = {
    "name": "Sales EMEA",
    "slug": "sales-emea",
    "bio": "We sell.",
    "logoUrl": "https://example.com/logo.png",
    "bannerUrl": "https://example.com/banner.png",
    "calVideoLogo": "https://example.com/video.png",
    "appLogo": "https://example.com/app.png",
    "appIconLogo": "https://example.com/icon.png",
    "brandColor": "#112233",
    "darkBrandColor": "#AABBCC",
    "theme": "dark",
    "hideBranding": True,
    "isPrivate": True,
    "hideBookATeamMember": True,
    "timeFormat": 12,
    "timeZone": "America/New_York",
    "weekStart": "Monday",
    "metadata": {"region": "emea"},
}


class TestCreate:
    def test_every_field_round_trips_and_the_creator_is_the_accepted_owner(
        self, client: TestClient, alice: Account
    ) -> None:
        team = make_team(client, alice, **EVERY_FIELD)
        expected = {**EVERY_FIELD, "darkBrandColor": "#aabbcc"}
        assert {k: team[k] for k in EVERY_FIELD} == expected
        assert team["parentId"] is None
        assert team["isOrganization"] is False
        fetched = data(client.get(f"/v2/teams/{team['id']}", headers=alice.headers))
        assert fetched == team
        members = data(client.get(f"/v2/teams/{team['id']}/memberships", headers=alice.headers))
        assert [(m["userId"], m["role"], m["accepted"]) for m in members] == [
            (alice.id, "OWNER", True)
        ]
        assert members[0]["user"]["username"] == "alice"

    def test_defaults_follow_calcom(self, client: TestClient, alice: Account) -> None:
        team = make_team(client, alice)
        assert team["timeZone"] == "Europe/London"
        assert team["weekStart"] == "Sunday"
        assert team["theme"] is None
        assert team["hideBranding"] is False
        assert team["slug"] is None
        assert team["metadata"] == {}

    def test_auto_accept_creator_false_leaves_the_owner_pending(
        self, client: TestClient, alice: Account
    ) -> None:
        team = make_team(client, alice, autoAcceptCreator=False)
        members = data(client.get(f"/v2/teams/{team['id']}/memberships", headers=alice.headers))
        assert [(m["role"], m["accepted"]) for m in members] == [("OWNER", False)]

    def test_name_is_required(self, client: TestClient, alice: Account) -> None:
        response = client.post("/v2/teams", headers=alice.headers, json={"slug": "x"})
        assert response.status_code == 400
        assert "name" in response.json()["error"]["message"]
        assert data(client.get("/v2/teams", headers=alice.headers)) == []

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("brandColor", "red"),
            ("brandColor", "#12345"),
            ("darkBrandColor", "#GGGGGG"),
            ("theme", "blue"),
            ("timeZone", "Mars/Olympus"),
            ("timeZone", "localtime"),
            ("weekStart", "Funday"),
            ("timeFormat", 13),
            ("slug", "Bad Slug!"),
            ("slug", "-edge"),
            ("slug", ""),
            ("logoUrl", "javascript:alert(1)"),
            ("name", "   "),
            ("hideBranding", "yes"),
            ("metadata", []),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_creates_nothing(
        self, client: TestClient, alice: Account, field: str, value: Any
    ) -> None:
        response = client.post(
            "/v2/teams", headers=alice.headers, json={"name": "Sales", field: value}
        )
        assert response.status_code == 400, response.text
        body = response.json()
        assert body["status"] == "error"
        assert body["error"]["code"] == "BadRequestException"
        assert field in body["error"]["message"]
        assert data(client.get("/v2/teams", headers=alice.headers)) == []

    def test_slug_is_lower_cased_and_unique_among_top_level_teams(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        assert make_team(client, alice, slug="Sales")["slug"] == "sales"
        response = client.post(
            "/v2/teams", headers=bob.headers, json={"name": "Other", "slug": "SALES"}
        )
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "ConflictException"
        assert data(client.get("/v2/teams", headers=bob.headers)) == []

    def test_no_key_is_401(self, client: TestClient) -> None:
        assert client.post("/v2/teams", json={"name": "x"}).status_code == 401
        assert client.get("/v2/teams").status_code == 401


class TestList:
    def test_lists_my_teams_and_invitations_only(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        mine = make_team(client, alice, name="Mine")
        theirs = make_team(client, bob, name="Theirs")
        invited = make_team(client, bob, name="Invited")
        add_member(client, invited["id"], bob, alice, accepted=False)
        names = [t["name"] for t in data(client.get("/v2/teams", headers=alice.headers))]
        assert names == ["Mine", "Invited"]
        assert mine["id"] != theirs["id"]

    def test_outsiders_get_404(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        team = make_team(client, alice)
        response = client.get(f"/v2/teams/{team['id']}", headers=bob.headers)
        assert response.status_code == 404
        assert client.get("/v2/teams/999999", headers=bob.headers).status_code == 404


class TestUpdate:
    def test_admin_changes_fields_and_null_clears(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        team = make_team(client, alice, brandColor="#000000", theme="light")
        add_member(client, team["id"], alice, bob, "ADMIN")
        body = {"name": "Renamed", "brandColor": "#FFFFFF", "theme": None, "slug": "renamed"}
        updated = data(client.patch(f"/v2/teams/{team['id']}", headers=bob.headers, json=body))
        assert (updated["name"], updated["brandColor"], updated["theme"], updated["slug"]) == (
            "Renamed", "#ffffff", None, "renamed",
        )  # fmt: skip

    def test_one_bad_field_changes_nothing(self, client: TestClient, alice: Account) -> None:
        team = make_team(client, alice, name="Before")
        body = {"name": "After", "timeZone": "Nowhere/Town", "brandColor": "blue"}
        response = client.patch(f"/v2/teams/{team['id']}", headers=alice.headers, json=body)
        assert response.status_code == 400
        message = response.json()["error"]["message"]
        assert "timeZone" in message
        assert "brandColor" in message
        assert data(client.get(f"/v2/teams/{team['id']}", headers=alice.headers)) == team

    def test_null_name_is_refused(self, client: TestClient, alice: Account) -> None:
        team = make_team(client, alice)
        response = client.patch(
            f"/v2/teams/{team['id']}", headers=alice.headers, json={"name": None}
        )
        assert response.status_code == 400

    def test_member_may_not_change_the_team(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        team = make_team(client, alice)
        add_member(client, team["id"], alice, bob)
        response = client.patch(f"/v2/teams/{team['id']}", headers=bob.headers, json={"name": "x"})
        assert response.status_code == 403
        assert data(client.get(f"/v2/teams/{team['id']}", headers=alice.headers))["name"] == "Sales"

    def test_slug_taken_by_a_sibling_is_409(self, client: TestClient, alice: Account) -> None:
        make_team(client, alice, name="A", slug="a")
        team = make_team(client, alice, name="B", slug="b")
        response = client.patch(
            f"/v2/teams/{team['id']}", headers=alice.headers, json={"slug": "a"}
        )
        assert response.status_code == 409
        # Its own slug again is no conflict.
        same = client.patch(f"/v2/teams/{team['id']}", headers=alice.headers, json={"slug": "b"})
        assert same.status_code == 200


class TestDelete:
    def test_only_the_owner_deletes(
        self, client: TestClient, alice: Account, accounts: Accounts
    ) -> None:
        bob = accounts.create(username="bob")
        team = make_team(client, alice)
        add_member(client, team["id"], alice, bob, "ADMIN")
        assert client.delete(f"/v2/teams/{team['id']}", headers=bob.headers).status_code == 403
        deleted = data(client.delete(f"/v2/teams/{team['id']}", headers=alice.headers))
        assert deleted["id"] == team["id"]
        assert client.get(f"/v2/teams/{team['id']}", headers=alice.headers).status_code == 404
        assert data(client.get("/v2/teams", headers=bob.headers)) == []
