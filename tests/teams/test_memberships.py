"""/v2/teams/{teamId}/memberships: roles, invitations and who may do what; a team always
keeps an accepted OWNER."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.teams.helpers import add_member, data, make_team


@dataclass
class Team:
    id: int
    owner: Account
    admin: Account
    member: Account
    outsider: Account
    memberships: dict[str, int]

    def path(self, membership: str | None = None) -> str:
        base = f"/v2/teams/{self.id}/memberships"
        return base if membership is None else f"{base}/{self.memberships[membership]}"


@pytest.fixture
def team(client: TestClient, accounts: Accounts) -> Team:
    owner, admin = accounts.create(username="owner"), accounts.create(username="manager")
    member, outsider = accounts.create(username="member"), accounts.create(username="outsider")
    created = make_team(client, owner)
    listed = data(client.get(f"/v2/teams/{created['id']}/memberships", headers=owner.headers))
    ids = {"owner": listed[0]["id"]}
    ids["admin"] = add_member(client, created["id"], owner, admin, "ADMIN")["id"]
    ids["member"] = add_member(client, created["id"], owner, member)["id"]
    return Team(created["id"], owner, admin, member, outsider, ids)


def roles(client: TestClient, team: Team) -> dict[str, tuple[str, bool]]:
    listed = data(client.get(team.path(), headers=team.owner.headers))
    return {m["user"]["username"]: (m["role"], m["accepted"]) for m in listed}


class TestAdd:
    def test_admin_adds_a_member_with_the_calcom_shape(
        self, client: TestClient, team: Team, accounts: Accounts
    ) -> None:
        newcomer = accounts.create(username="newcomer")
        body = {"userId": newcomer.id, "accepted": True, "disableImpersonation": True}
        created = data(client.post(team.path(), headers=team.admin.headers, json=body), 201)
        assert created == {
            "id": created["id"], "userId": newcomer.id, "teamId": team.id, "accepted": True,
            "role": "MEMBER", "disableImpersonation": True,
            "user": {"avatarUrl": None, "username": "newcomer", "name": "Newcomer",
                     "email": "newcomer@example.com", "bio": None},
        }  # fmt: skip

    def test_member_may_not_add(self, client: TestClient, team: Team) -> None:
        body = {"userId": team.outsider.id}
        assert client.post(team.path(), headers=team.member.headers, json=body).status_code == 403
        assert "outsider" not in roles(client, team)

    def test_outsider_gets_404(self, client: TestClient, team: Team) -> None:
        body = {"userId": team.outsider.id}
        response = client.post(team.path(), headers=team.outsider.headers, json=body)
        assert response.status_code == 404
        assert "outsider" not in roles(client, team)

    def test_only_an_owner_makes_owners(self, client: TestClient, team: Team) -> None:
        body = {"userId": team.outsider.id, "role": "OWNER", "accepted": True}
        assert client.post(team.path(), headers=team.admin.headers, json=body).status_code == 403
        assert client.post(team.path(), headers=team.owner.headers, json=body).status_code == 201
        assert roles(client, team)["outsider"] == ("OWNER", True)

    def test_twice_is_409(self, client: TestClient, team: Team) -> None:
        body = {"userId": team.member.id}
        response = client.post(team.path(), headers=team.owner.headers, json=body)
        assert response.status_code == 409

    @pytest.mark.parametrize(
        "body",
        [{"userId": "2"}, {"userId": 0}, {"role": "MEMBER"}, {"userId": 2, "role": "KING"},
         {"userId": 2, "accepted": "yes"}],
    )  # fmt: skip
    def test_bad_input_is_400(self, client: TestClient, team: Team, body: dict[str, Any]) -> None:
        before = roles(client, team)
        response = client.post(team.path(), headers=team.owner.headers, json=body)
        assert response.status_code == 400, response.text
        assert roles(client, team) == before

    def test_unknown_user_is_404(self, client: TestClient, team: Team) -> None:
        body = {"userId": 987654}
        assert client.post(team.path(), headers=team.owner.headers, json=body).status_code == 404


class TestInvitation:
    def test_pending_invitee_grants_nothing_until_they_accept(
        self, client: TestClient, team: Team
    ) -> None:
        invited = add_member(client, team.id, team.owner, team.outsider, "ADMIN", accepted=False)
        path = f"{team.path()}/{invited['id']}"
        guest = team.outsider.headers
        # Invited: sees the team and their own membership, changes nothing.
        assert client.get(f"/v2/teams/{team.id}", headers=guest).status_code == 200
        assert [m["id"] for m in data(client.get(team.path(), headers=guest))] == [invited["id"]]
        rename = client.patch(f"/v2/teams/{team.id}", headers=guest, json={"name": "x"})
        assert rename.status_code == 403
        # May not promote themselves while accepting.
        both = client.patch(path, headers=guest, json={"accepted": True, "role": "OWNER"})
        assert both.status_code == 403
        accepted = data(client.patch(path, headers=guest, json={"accepted": True}))
        assert (accepted["accepted"], accepted["role"]) == (True, "ADMIN")
        renamed = client.patch(f"/v2/teams/{team.id}", headers=guest, json={"name": "x"})
        assert renamed.status_code == 200

    def test_someone_else_cannot_accept_for_the_invitee(
        self, client: TestClient, team: Team, accounts: Accounts
    ) -> None:
        invited = add_member(client, team.id, team.owner, team.outsider, accepted=False)
        path = f"{team.path()}/{invited['id']}"
        response = client.patch(path, headers=team.member.headers, json={"accepted": True})
        assert response.status_code == 403
        assert roles(client, team)["outsider"] == ("MEMBER", False)

    def test_invitee_declines_by_deleting_their_membership(
        self, client: TestClient, team: Team
    ) -> None:
        invited = add_member(client, team.id, team.owner, team.outsider, accepted=False)
        path = f"{team.path()}/{invited['id']}"
        assert client.delete(path, headers=team.outsider.headers).status_code == 200
        assert "outsider" not in roles(client, team)
        assert client.get(f"/v2/teams/{team.id}", headers=team.outsider.headers).status_code == 404


class TestUpdate:
    def test_admin_promotes_a_member(self, client: TestClient, team: Team) -> None:
        response = client.patch(
            team.path("member"), headers=team.admin.headers, json={"role": "ADMIN"}
        )
        assert data(response)["role"] == "ADMIN"

    def test_admin_cannot_make_or_change_owners(self, client: TestClient, team: Team) -> None:
        to_owner = client.patch(
            team.path("member"), headers=team.admin.headers, json={"role": "OWNER"}
        )
        assert to_owner.status_code == 403
        demote = client.patch(
            team.path("owner"), headers=team.admin.headers, json={"role": "ADMIN"}
        )
        assert demote.status_code == 403
        assert roles(client, team) == {
            "owner": ("OWNER", True), "manager": ("ADMIN", True), "member": ("MEMBER", True)
        }  # fmt: skip

    def test_member_cannot_promote_themselves(self, client: TestClient, team: Team) -> None:
        response = client.patch(
            team.path("member"), headers=team.member.headers, json={"role": "ADMIN"}
        )
        assert response.status_code == 403
        assert roles(client, team)["member"] == ("MEMBER", True)

    def test_the_last_owner_cannot_be_demoted_or_unaccepted(
        self, client: TestClient, team: Team
    ) -> None:
        for body in ({"role": "ADMIN"}, {"accepted": False}):
            response = client.patch(team.path("owner"), headers=team.owner.headers, json=body)
            assert response.status_code == 400, body
            assert "owner" in response.json()["error"]["message"]
        assert roles(client, team)["owner"] == ("OWNER", True)

    def test_an_owner_may_step_down_once_another_owner_exists(
        self, client: TestClient, team: Team
    ) -> None:
        promote = client.patch(
            team.path("admin"), headers=team.owner.headers, json={"role": "OWNER"}
        )
        assert promote.status_code == 200
        step_down = client.patch(
            team.path("owner"), headers=team.owner.headers, json={"role": "MEMBER"}
        )
        assert data(step_down)["role"] == "MEMBER"

    def test_outsider_gets_404(self, client: TestClient, team: Team) -> None:
        response = client.patch(
            team.path("member"), headers=team.outsider.headers, json={"role": "ADMIN"}
        )
        assert response.status_code == 404

    def test_unknown_membership_is_404(self, client: TestClient, team: Team) -> None:
        path = f"{team.path()}/987654"
        assert (
            client.patch(path, headers=team.owner.headers, json={"role": "ADMIN"}).status_code
            == 404
        )


class TestRemove:
    def test_the_last_owner_cannot_leave(self, client: TestClient, team: Team) -> None:
        response = client.delete(team.path("owner"), headers=team.owner.headers)
        assert response.status_code == 400
        assert roles(client, team)["owner"] == ("OWNER", True)

    def test_admin_removes_a_member_but_not_an_owner(self, client: TestClient, team: Team) -> None:
        assert client.delete(team.path("owner"), headers=team.admin.headers).status_code == 403
        removed = data(client.delete(team.path("member"), headers=team.admin.headers))
        assert removed["userId"] == team.member.id
        assert set(roles(client, team)) == {"owner", "manager"}

    def test_member_may_leave_but_not_remove_others(self, client: TestClient, team: Team) -> None:
        assert client.delete(team.path("admin"), headers=team.member.headers).status_code == 403
        assert client.delete(team.path("member"), headers=team.member.headers).status_code == 200
        assert set(roles(client, team)) == {"owner", "manager"}
        gone = client.get(f"/v2/teams/{team.id}", headers=team.member.headers)
        assert gone.status_code == 404


class TestRead:
    def test_members_see_the_roster_of_a_public_team(self, client: TestClient, team: Team) -> None:
        listed = data(client.get(team.path(), headers=team.member.headers))
        assert len(listed) == 3
        one = data(client.get(team.path("admin"), headers=team.member.headers))
        assert one["userId"] == team.admin.id

    def test_a_private_team_shows_members_only_their_own(
        self, client: TestClient, team: Team
    ) -> None:
        client.patch(f"/v2/teams/{team.id}", headers=team.owner.headers, json={"isPrivate": True})
        listed = data(client.get(team.path(), headers=team.member.headers))
        assert [m["userId"] for m in listed] == [team.member.id]
        assert client.get(team.path("admin"), headers=team.member.headers).status_code == 404
        assert len(data(client.get(team.path(), headers=team.admin.headers))) == 3

    def test_take_and_skip_page_the_list(self, client: TestClient, team: Team) -> None:
        page = data(
            client.get(team.path(), headers=team.owner.headers, params={"take": 1, "skip": 1})
        )
        assert [m["userId"] for m in page] == [team.admin.id]
        bad = client.get(team.path(), headers=team.owner.headers, params={"take": 0})
        assert bad.status_code == 400
