"""/v1/teams and /v1/memberships: the v2 rules in v1's shapes (``?apiKey=``, bare bodies,
``{"message"}`` errors, unknown fields refused) and Cal.com's v1 acceptance rules."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.teams.helpers import add_member, make_team


def test_create_read_update_delete_a_team(client: TestClient, alice: Account) -> None:
    created = client.post(
        "/v1/teams",
        params=alice.v1,
        json={"name": "Sales", "slug": "sales", "brandColor": "#123456"},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) == {"team", "owner", "message"}
    team = body["team"]
    assert (team["name"], team["slug"], team["brandColor"]) == ("Sales", "sales", "#123456")
    assert body["owner"] == {
        "userId": alice.id, "teamId": team["id"], "accepted": True, "role": "OWNER",
        "disableImpersonation": False,
    }  # fmt: skip
    path = f"/v1/teams/{team['id']}"
    assert client.get("/v1/teams", params=alice.v1).json() == {"teams": [team]}
    assert client.get(path, params=alice.v1).json() == {"team": team}
    patched = client.patch(path, params=alice.v1, json={"bio": "We sell."})
    assert patched.json()["team"]["bio"] == "We sell."
    deleted = client.delete(path, params=alice.v1)
    assert deleted.json() == {"message": f"Team with id: {team['id']} deleted successfully"}
    assert client.get(path, params=alice.v1).status_code == 404


def test_errors_are_v1_messages_and_unknown_fields_are_refused(
    client: TestClient, alice: Account, accounts: Accounts
) -> None:
    bob = accounts.create(username="bob")
    unknown = client.post("/v1/teams", params=alice.v1, json={"name": "x", "colour": "red"})
    assert unknown.status_code == 400
    assert "colour" in unknown.json()["message"]
    bad = client.post("/v1/teams", params=alice.v1, json={"name": "x", "timeZone": "Moon/Base"})
    assert bad.status_code == 400
    assert set(bad.json()) == {"message"}
    assert "timeZone" in bad.json()["message"]
    team = make_team(client, alice)
    assert client.get(f"/v1/teams/{team['id']}", params=bob.v1).status_code == 404
    assert client.get("/v1/teams").status_code == 401


def test_memberships_invite_and_the_invitee_alone_accepts(
    client: TestClient, alice: Account, accounts: Accounts
) -> None:
    bob, carol = accounts.create(username="bob"), accounts.create(username="carol")
    team = make_team(client, alice)
    add_member(client, team["id"], alice, carol, "ADMIN")
    # Cal.com's v1 refuses `accepted` on creation: only the invitee accepts.
    auto = {"userId": bob.id, "teamId": team["id"], "accepted": True}
    assert client.post("/v1/memberships", params=alice.v1, json=auto).status_code == 403
    invite = {"userId": bob.id, "teamId": team["id"], "role": "MEMBER"}
    created = client.post("/v1/memberships", params=carol.v1, json=invite)
    assert created.status_code == 201, created.text
    assert created.json()["membership"]["accepted"] is False
    path = f"/v1/memberships/{bob.id}_{team['id']}"
    # The admin may not accept for bob; bob may.
    assert client.patch(path, params=carol.v1, json={"accepted": True}).status_code == 403
    accepted = client.patch(path, params=bob.v1, json={"accepted": True})
    assert accepted.json()["membership"]["accepted"] is True
    mine = client.get("/v1/memberships", params=bob.v1).json()["memberships"]
    assert [(m["teamId"], m["role"], m["accepted"]) for m in mine] == [(team["id"], "MEMBER", True)]
    assert client.get(path, params=alice.v1).json()["membership"]["userId"] == bob.id
    promoted = client.patch(path, params=carol.v1, json={"role": "ADMIN"})
    assert promoted.json()["membership"]["role"] == "ADMIN"
    assert client.delete(path, params=bob.v1).json() == {
        "message": f"Membership with id: {bob.id}_{team['id']} deleted successfully"
    }
    assert client.get(path, params=alice.v1).status_code == 404


def test_the_last_owner_cannot_leave_through_v1(client: TestClient, alice: Account) -> None:
    team = make_team(client, alice)
    path = f"/v1/memberships/{alice.id}_{team['id']}"
    response = client.delete(path, params=alice.v1)
    assert response.status_code == 400
    assert "owner" in response.json()["message"]
    assert client.get(path, params=alice.v1).status_code == 200
