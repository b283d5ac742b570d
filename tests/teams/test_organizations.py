"""Organizations: ``slotwise admin create-organization`` makes one with an owner; its admins
manage its teams, their memberships, its users and its memberships through
/v2/organizations/{orgId}/...; members reach only ``teams/me``; outsiders get 404."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from slotwise.db import transaction
from slotwise.teams.commands import TeamSettings
from slotwise.teams.organizations import service as organizations
from slotwise.users import repository as users
from tests.cli.helpers import api_client, cli_env, error_line, invoke, json_output
from tests.conftest import Account, Accounts
from tests.teams.helpers import data, make_team


@dataclass
class Org:
    id: int
    owner: Account
    admin: Account
    member: Account
    outsider: Account

    def path(self, tail: str = "") -> str:
        return f"/v2/organizations/{self.id}{tail}"


@pytest.fixture
def org(client: TestClient, accounts: Accounts, app: object, clock: object) -> Org:
    owner, admin = accounts.create(username="boss"), accounts.create(username="deputy")
    member, outsider = accounts.create(username="worker"), accounts.create(username="stranger")
    with transaction(app.state.write_session_factory) as session:  # type: ignore[attr-defined]
        founder = users.get_by_id(session, owner.id)
        assert founder is not None
        created = organizations.create_organization(
            session,
            founder,
            TeamSettings(name="Acme", slug="acme"),
            now=clock.now(),  # type: ignore[attr-defined]
        )
        org_id = created.id
    base = f"/v2/organizations/{org_id}/memberships"
    for person, role in ((admin, "ADMIN"), (member, "MEMBER")):
        body = {"userId": person.id, "role": role, "accepted": True}
        data(client.post(base, headers=owner.headers, json=body), 201)
    return Org(org_id, owner, admin, member, outsider)


class TestTeams:
    def test_admin_creates_and_manages_the_organizations_teams(
        self, client: TestClient, org: Org
    ) -> None:
        body = {"name": "Sales", "slug": "sales", "brandColor": "#00ff00"}
        team = data(client.post(org.path("/teams"), headers=org.admin.headers, json=body), 201)
        assert (team["parentId"], team["isOrganization"]) == (org.id, False)
        listed = data(client.get(org.path("/teams"), headers=org.owner.headers))
        assert [t["id"] for t in listed] == [team["id"]]
        one = org.path(f"/teams/{team['id']}")
        assert data(client.get(one, headers=org.admin.headers))["slug"] == "sales"
        patched = data(client.patch(one, headers=org.admin.headers, json={"bio": "Deals"}))
        assert patched["bio"] == "Deals"
        # The same slug may live in another organization or at the top level, not twice here.
        twice = client.post(org.path("/teams"), headers=org.admin.headers, json=body)
        assert twice.status_code == 409
        make_team(client, org.outsider, slug="sales")
        # An organization admin deletes a team they do not own (Cal.com's ORG_ADMIN).
        assert data(client.delete(one, headers=org.admin.headers))["id"] == team["id"]
        assert client.get(one, headers=org.admin.headers).status_code == 404

    def test_members_see_their_own_teams_only_through_teams_me(
        self, client: TestClient, org: Org
    ) -> None:
        teams = org.path("/teams")
        sales = data(client.post(teams, headers=org.admin.headers, json={"name": "Sales"}), 201)
        data(client.post(teams, headers=org.admin.headers, json={"name": "Legal"}), 201)
        memberships = org.path(f"/teams/{sales['id']}/memberships")
        body = {"userId": org.member.id, "accepted": True}
        data(client.post(memberships, headers=org.admin.headers, json=body), 201)
        mine = data(client.get(org.path("/teams/me"), headers=org.member.headers))
        assert [t["name"] for t in mine] == ["Sales"]
        assert client.get(teams, headers=org.member.headers).status_code == 403
        assert client.get(org.path("/teams/me"), headers=org.outsider.headers).status_code == 404

    def test_team_memberships_take_only_organization_users(
        self, client: TestClient, org: Org
    ) -> None:
        team = data(
            client.post(org.path("/teams"), headers=org.admin.headers, json={"name": "S"}), 201
        )
        memberships = org.path(f"/teams/{team['id']}/memberships")
        outsider = {"userId": org.outsider.id, "accepted": True}
        refused = client.post(memberships, headers=org.admin.headers, json=outsider)
        assert refused.status_code == 400
        assert "userId" in refused.json()["error"]["message"]
        member = {"userId": org.member.id, "accepted": True}
        added = data(client.post(memberships, headers=org.admin.headers, json=member), 201)
        one = f"{memberships}/{added['id']}"
        assert data(client.get(one, headers=org.admin.headers))["userId"] == org.member.id
        promoted = client.patch(one, headers=org.admin.headers, json={"role": "OWNER"})
        assert data(promoted)["role"] == "OWNER"
        assert len(data(client.get(memberships, headers=org.admin.headers))) == 2
        assert data(client.delete(one, headers=org.admin.headers))["userId"] == org.member.id
        # The member's own /v2/teams view agrees.
        assert client.get(f"/v2/teams/{team['id']}", headers=org.member.headers).status_code == 404


class TestUsers:
    def test_creating_a_user_makes_them_an_organization_member(
        self, client: TestClient, org: Org
    ) -> None:
        body = {"email": "New.Hire@Example.com", "timeZone": "Asia/Tokyo", "weekday": "Monday",
                "brandColor": "#abcdef", "organizationRole": "ADMIN"}  # fmt: skip
        created = data(client.post(org.path("/users"), headers=org.admin.headers, json=body), 201)
        assert (created["email"], created["username"], created["organizationId"]) == (
            "new.hire@example.com", "new.hire", org.id,
        )  # fmt: skip
        assert (created["timeZone"], created["weekStart"]) == ("Asia/Tokyo", "Monday")
        roles = {
            m["userId"]: (m["role"], m["accepted"])
            for m in data(client.get(org.path("/memberships"), headers=org.owner.headers))
        }
        assert roles[created["id"]] == ("ADMIN", True)
        listed = data(client.get(org.path("/users"), headers=org.admin.headers))
        assert [u["username"] for u in listed] == ["boss", "deputy", "worker", "new.hire"]
        filtered = client.get(
            org.path("/users"), headers=org.admin.headers,
            params={"emails": ["new.hire@example.com", "worker@example.com"]},
        )  # fmt: skip
        assert [u["username"] for u in data(filtered)] == ["worker", "new.hire"]

    def test_bad_user_input_creates_nothing(self, client: TestClient, org: Org) -> None:
        bad = {"email": "x@example.com", "timeZone": "Nowhere/Else"}
        response = client.post(org.path("/users"), headers=org.admin.headers, json=bad)
        assert response.status_code == 400
        assert "timeZone" in response.json()["error"]["message"]
        taken = {"email": "boss@example.com"}
        assert (
            client.post(org.path("/users"), headers=org.admin.headers, json=taken).status_code
            == 409
        )
        listed = data(client.get(org.path("/users"), headers=org.admin.headers))
        assert len(listed) == 3

    def test_update_and_delete_a_user_of_the_organization_only(
        self, client: TestClient, org: Org
    ) -> None:
        worker = org.path(f"/users/{org.member.id}")
        patched = client.patch(
            worker, headers=org.admin.headers, json={"name": "Wanda", "theme": "dark"}
        )
        assert (data(patched)["name"], data(patched)["theme"]) == ("Wanda", "dark")
        stranger = org.path(f"/users/{org.outsider.id}")
        assert (
            client.patch(stranger, headers=org.admin.headers, json={"name": "x"}).status_code == 404
        )
        assert client.delete(stranger, headers=org.admin.headers).status_code == 404
        assert (
            client.patch(worker, headers=org.member.headers, json={"name": "x"}).status_code == 403
        )
        assert data(client.delete(worker, headers=org.admin.headers))["id"] == org.member.id
        assert client.get("/v2/me", headers=org.member.headers).status_code == 401  # user gone

    def test_the_last_owner_cannot_be_deleted(self, client: TestClient, org: Org) -> None:
        boss = org.path(f"/users/{org.owner.id}")
        assert client.delete(boss, headers=org.owner.headers).status_code == 400
        assert data(client.get("/v2/me", headers=org.owner.headers))["organizationId"] == org.id


class TestMemberships:
    def test_a_user_belongs_to_one_organization_at_most(
        self, client: TestClient, org: Org, accounts: Accounts, app: object, clock: object
    ) -> None:
        rival = accounts.create(username="rival")
        with transaction(app.state.write_session_factory) as session:  # type: ignore[attr-defined]
            founder = users.get_by_id(session, rival.id)
            assert founder is not None
            other = organizations.create_organization(
                session,
                founder,
                TeamSettings(name="Other"),
                now=clock.now(),  # type: ignore[attr-defined]
            ).id
        body = {"userId": org.member.id, "accepted": True}
        joined = client.post(
            f"/v2/organizations/{other}/memberships", headers=rival.headers, json=body
        )
        assert joined.status_code == 409
        assert data(client.get("/v2/me", headers=org.member.headers))["organizationId"] == org.id

    def test_leaving_the_organization_leaves_its_teams(self, client: TestClient, org: Org) -> None:
        team = data(
            client.post(org.path("/teams"), headers=org.admin.headers, json={"name": "S"}), 201
        )
        body = {"userId": org.member.id, "accepted": True}
        data(
            client.post(
                org.path(f"/teams/{team['id']}/memberships"), headers=org.admin.headers, json=body
            ),
            201,
        )
        listed = data(client.get(org.path("/memberships"), headers=org.admin.headers))
        membership = next(m for m in listed if m["userId"] == org.member.id)
        one = org.path(f"/memberships/{membership['id']}")
        assert data(client.get(one, headers=org.admin.headers))["role"] == "MEMBER"
        assert data(client.delete(one, headers=org.admin.headers))["userId"] == org.member.id
        assert data(client.get("/v2/me", headers=org.member.headers))["organizationId"] is None
        assert data(client.get("/v2/teams", headers=org.member.headers)) == []

    def test_an_admin_cannot_make_organization_owners(self, client: TestClient, org: Org) -> None:
        listed = data(client.get(org.path("/memberships"), headers=org.admin.headers))
        membership = next(m for m in listed if m["userId"] == org.member.id)
        one = org.path(f"/memberships/{membership['id']}")
        assert (
            client.patch(one, headers=org.admin.headers, json={"role": "OWNER"}).status_code == 403
        )
        assert (
            data(client.patch(one, headers=org.owner.headers, json={"role": "OWNER"}))["role"]
            == "OWNER"
        )

    def test_outsiders_get_404_and_members_403(self, client: TestClient, org: Org) -> None:
        for path in ("/memberships", "/users", "/teams"):
            assert client.get(org.path(path), headers=org.outsider.headers).status_code == 404
            assert client.get(org.path(path), headers=org.member.headers).status_code == 403
        team = make_team(client, org.outsider)  # a top-level team is no organization
        assert (
            client.get(
                f"/v2/organizations/{team['id']}/teams", headers=org.outsider.headers
            ).status_code
            == 404
        )


class TestCreateOrganizationCommand:
    def test_the_admin_command_creates_an_organization_with_its_owner(
        self, database_url: str, tmp_path: Path
    ) -> None:
        env = cli_env(tmp_path / "data", database_url)
        user = json_output(invoke(
            ["admin", "create-user", "--email", "ceo@example.com", "--username", "ceo",
             "--name", "Ceo", "--time-zone", "UTC", "--json"], env,
        ))  # fmt: skip
        created = json_output(invoke(
            ["admin", "create-organization", "--name", "Acme", "--slug", "acme",
             "--owner", "ceo@example.com", "--json"], env,
        ))  # fmt: skip
        assert (created["name"], created["slug"], created["ownerId"]) == (
            "Acme",
            "acme",
            user["id"],
        )
        with api_client(tmp_path / "data", database_url) as client:
            headers = {"Authorization": f"Bearer {user['apiKey']}"}
            assert data(client.get("/v2/me", headers=headers))["organizationId"] == created["id"]
            teams = data(client.get(f"/v2/organizations/{created['id']}/teams", headers=headers))
            assert teams == []
        again = invoke(
            ["admin", "create-organization", "--name", "Acme 2", "--slug", "acme",
             "--owner", "ceo"], env,
        )  # fmt: skip
        assert again.exit_code != 0
        assert "acme" in error_line(again)
        nobody = invoke(["admin", "create-organization", "--name", "X", "--owner", "ghost"], env)
        assert nobody.exit_code == 2
        assert "ghost" in error_line(nobody)


def test_deleting_an_organization_frees_its_users_and_takes_its_teams(
    client: TestClient, org: Org
) -> None:
    team = data(client.post(org.path("/teams"), headers=org.admin.headers, json={"name": "S"}), 201)
    assert client.delete(f"/v2/teams/{org.id}", headers=org.admin.headers).status_code == 403
    assert data(client.delete(f"/v2/teams/{org.id}", headers=org.owner.headers))["id"] == org.id
    for person in (org.owner, org.admin, org.member):
        assert data(client.get("/v2/me", headers=person.headers))["organizationId"] is None
    assert client.get(f"/v2/teams/{team['id']}", headers=org.admin.headers).status_code == 404
    assert client.get(org.path("/teams"), headers=org.owner.headers).status_code == 404
