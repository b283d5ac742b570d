"""/v2/teams/{teamId}/event-types (and the organization variants): who may read and change a
team's event types, hosts, assignAllTeamMembers, and MANAGED children kept in sync."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from slotwise.teams.models import MembershipRole
from tests.conftest import Account, Accounts
from tests.event_types.helpers import LEFT_OUT_WHEN_UNSET, OUTPUT_KEYS
from tests.team_scheduling.conftest import Teams

V = {"cal-api-version": "2024-06-14"}
TEAM_KEYS = (OUTPUT_KEYS - LEFT_OUT_WHEN_UNSET) | {
    "teamId", "schedulingType", "hosts", "assignAllTeamMembers", "parentEventTypeId",
    "rescheduleWithSameRoundRobinHost", "isRRWeightsEnabled", "unlockedFields",
}  # fmt: skip


def _h(account: Account) -> dict[str, str]:
    return {**account.headers, **V}


def _body(**extra: Any) -> dict[str, Any]:
    return {"title": "Demo", "slug": "demo", "lengthInMinutes": 30, **extra}


@pytest.fixture
def people(accounts: Accounts) -> dict[str, Account]:
    return {name: accounts.create(username=name) for name in ("olga", "adam", "mia", "max", "eve")}


@pytest.fixture
def team(teams: Teams, people: dict[str, Account]) -> int:
    return teams.make(
        people["olga"], admins=[people["adam"]], members=[people["mia"], people["max"]]
    )


def _create(client: TestClient, who: Account, team: int, **extra: Any) -> Any:
    response = client.post(f"/v2/teams/{team}/event-types", json=_body(**extra), headers=_h(who))
    assert response.status_code == 201, response.text
    return response.json()["data"]


class TestCreate:
    def test_an_admin_creates_a_round_robin_event_type_with_hosts(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = _create(
            client, people["adam"], team, schedulingType="roundRobin",
            hosts=[
                {"userId": people["mia"].id, "priority": "high", "weight": 200},
                {"userId": people["max"].id, "mandatory": True},
            ],
        )  # fmt: skip
        assert set(created) == TEAM_KEYS
        assert created["teamId"] == team
        assert created["ownerId"] is None
        assert created["schedulingType"] == "ROUND_ROBIN"
        assert created["bookingUrl"].endswith("/team/sales/demo")
        hosts = created["hosts"]
        assert [(h["userId"], h["mandatory"], h["priority"], h["weight"]) for h in hosts] == [
            (people["mia"].id, False, "high", 200),
            (people["max"].id, True, "medium", 100),
        ]  # fmt: skip

    def test_collective_hosts_are_all_fixed(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = _create(
            client, people["olga"], team, schedulingType="COLLECTIVE",
            hosts=[{"userId": people["mia"].id}, {"userId": people["max"].id}],
        )  # fmt: skip
        assert [h["mandatory"] for h in created["hosts"]] == [True, True]

    def test_assign_all_team_members_makes_every_accepted_member_a_host(
        self, client: TestClient, people: dict[str, Account], team: int, teams: Teams
    ) -> None:
        created = _create(
            client, people["olga"], team, schedulingType="roundRobin", assignAllTeamMembers=True
        )
        members = [people[n].id for n in ("olga", "adam", "mia", "max")]
        assert [h["userId"] for h in created["hosts"]] == members
        teams.join(team, people["eve"], MembershipRole.MEMBER)  # joins later: a host too
        again = TestClient.get(
            client, f"/v2/teams/{team}/event-types/{created['id']}", headers=_h(people["mia"])
        ).json()["data"]
        assert [h["userId"] for h in again["hosts"]] == [*members, people["eve"].id]

    def test_a_member_may_not_create(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        response = client.post(
            f"/v2/teams/{team}/event-types",
            json=_body(schedulingType="collective"),
            headers=_h(people["mia"]),
        )
        assert response.status_code == 403
        assert (
            client.get(f"/v2/teams/{team}/event-types", headers=_h(people["olga"])).json()["data"]
            == []
        )

    def test_an_outsider_gets_404(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        for method, path in (
            ("post", f"/v2/teams/{team}/event-types"),
            ("get", f"/v2/teams/{team}/event-types"),
            ("get", f"/v2/teams/{team + 99}/event-types"),
        ):
            response = client.request(
                method, path, json=_body(schedulingType="collective"), headers=_h(people["eve"])
            )
            assert response.status_code == 404, (method, path)
            assert response.json()["error"]["code"] == "NotFoundException"

    @pytest.mark.parametrize(
        ("extra", "field"),
        [
            ({}, "schedulingType"),
            ({"schedulingType": "solo"}, "schedulingType"),
            ({"schedulingType": "collective", "hosts": [{"userId": 999999}]}, "hosts[0].userId"),
            (
                {
                    "schedulingType": "collective",
                    "hosts": [{"userId": 1}],
                    "assignAllTeamMembers": True,
                },
                "hosts",
            ),
            (
                {"schedulingType": "roundRobin", "hosts": [{"userId": 1, "priority": "top"}]},
                "hosts",
            ),
            ({"schedulingType": "roundRobin", "hosts": [{"userId": 1, "weight": -1}]}, "hosts"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
        self, client: TestClient, people: dict[str, Account], team: int,
        extra: dict[str, Any], field: str,
    ) -> None:  # fmt: skip
        response = client.post(
            f"/v2/teams/{team}/event-types", json=_body(**extra), headers=_h(people["olga"])
        )
        assert response.status_code == 400, response.text
        assert field in response.json()["error"]["message"]
        listed = client.get(f"/v2/teams/{team}/event-types", headers=_h(people["olga"]))
        assert listed.json()["data"] == []

    def test_a_pending_invitee_is_not_a_host(
        self, client: TestClient, people: dict[str, Account], teams: Teams
    ) -> None:
        team = teams.make(people["olga"], pending=[people["eve"]], slug="pending")
        response = client.post(
            f"/v2/teams/{team}/event-types",
            json=_body(schedulingType="collective", hosts=[{"userId": people["eve"].id}]),
            headers=_h(people["olga"]),
        )
        assert response.status_code == 400
        assert "hosts[0].userId" in response.json()["error"]["message"]

    def test_the_slug_is_unique_in_the_team(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        _create(client, people["olga"], team, schedulingType="collective")
        response = client.post(
            f"/v2/teams/{team}/event-types",
            json=_body(schedulingType="collective"),
            headers=_h(people["adam"]),
        )
        assert response.status_code == 409


class TestReadUpdateDelete:
    def test_members_read_admins_change_owners_delete(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = _create(client, people["olga"], team, schedulingType="roundRobin",
                          hosts=[{"userId": people["mia"].id}])  # fmt: skip
        path = f"/v2/teams/{team}/event-types/{created['id']}"
        assert client.get(path, headers=_h(people["mia"])).json()["data"] == created
        assert client.patch(path, json={"title": "X"}, headers=_h(people["mia"])).status_code == 403
        assert client.get(path, headers=_h(people["eve"])).status_code == 404
        changed = client.patch(
            path,
            json={
                "title": "Sales demo",
                "hosts": [{"userId": people["max"].id, "priority": "lowest"}],
                "rescheduleWithSameRoundRobinHost": True,
            },
            headers=_h(people["adam"]),
        )  # fmt: skip
        assert changed.status_code == 200, changed.text
        body = changed.json()["data"]
        assert body["title"] == "Sales demo"
        assert body["rescheduleWithSameRoundRobinHost"] is True
        assert [(h["userId"], h["priority"]) for h in body["hosts"]] == [
            (people["max"].id, "lowest")
        ]
        assert client.delete(path, headers=_h(people["mia"])).status_code == 403
        deleted = client.delete(path, headers=_h(people["adam"]))
        assert deleted.status_code == 200
        assert deleted.json()["data"]["slug"] == "demo"
        assert client.get(path, headers=_h(people["olga"])).status_code == 404

    def test_a_team_event_type_is_not_a_personal_one(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = _create(client, people["olga"], team, schedulingType="collective")
        own = client.get("/v2/event-types", headers=_h(people["olga"])).json()["data"]
        assert own == []
        assert (
            client.get(f"/v2/event-types/{created['id']}", headers=_h(people["olga"])).status_code
            == 404
        )
        public = client.get("/v2/event-types", params={"username": "olga"}, headers=V).json()[
            "data"
        ]
        assert public == []

    def test_the_scheduling_type_cannot_change(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        created = _create(client, people["olga"], team, schedulingType="collective")
        response = client.patch(
            f"/v2/teams/{team}/event-types/{created['id']}",
            json={"schedulingType": "roundRobin"},
            headers=_h(people["olga"]),
        )
        assert response.status_code == 400
        assert "schedulingType" in response.json()["error"]["message"]

    def test_list_by_slug_and_hosts_limit(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        _create(
            client, people["olga"], team, schedulingType="roundRobin", assignAllTeamMembers=True
        )
        _create(client, people["olga"], team, schedulingType="collective", slug="panel")
        listed = client.get(
            f"/v2/teams/{team}/event-types", params={"eventSlug": "demo", "hostsLimit": 2},
            headers=_h(people["max"]),
        ).json()["data"]  # fmt: skip
        assert [e["slug"] for e in listed] == ["demo"]
        assert len(listed[0]["hosts"]) == 2


class TestManaged:
    def test_children_carry_locked_settings_and_follow_the_parent(
        self, client: TestClient, people: dict[str, Account], team: int
    ) -> None:
        parent = _create(
            client, people["olga"], team, schedulingType="managed",
            hosts=[{"userId": people["mia"].id}, {"userId": people["max"].id}],
            unlockedFields=["description"],
        )  # fmt: skip
        assert parent["unlockedFields"] == ["description"]
        mine = client.get("/v2/event-types", headers=_h(people["mia"])).json()["data"]
        assert [(e["slug"], e["lengthInMinutes"]) for e in mine] == [("demo", 30)]
        child = mine[0]
        path = f"/v2/teams/{team}/event-types/{parent['id']}"
        client.patch(path, json={"lengthInMinutes": 45}, headers=_h(people["olga"]))
        again = client.get(f"/v2/event-types/{child['id']}", headers=_h(people["mia"])).json()
        assert again["data"]["lengthInMinutes"] == 45
        # The member changes what is unlocked, not what is locked.
        ok = client.patch(f"/v2/event-types/{child['id']}", json={"description": "Mine"},
                          headers=_h(people["mia"]))  # fmt: skip
        assert ok.status_code == 200
        locked = client.patch(f"/v2/event-types/{child['id']}", json={"lengthInMinutes": 60},
                              headers=_h(people["mia"]))  # fmt: skip
        assert locked.status_code == 400
        assert "lengthInMinutes" in locked.json()["error"]["message"]
        # A host removed loses their child; deleting the parent deletes the rest.
        client.patch(
            path, json={"hosts": [{"userId": people["max"].id}]}, headers=_h(people["olga"])
        )
        assert client.get("/v2/event-types", headers=_h(people["mia"])).json()["data"] == []
        assert len(client.get("/v2/event-types", headers=_h(people["max"])).json()["data"]) == 1
        client.delete(path, headers=_h(people["olga"]))
        assert client.get("/v2/event-types", headers=_h(people["max"])).json()["data"] == []


class TestOrganizationPaths:
    def test_an_organization_team_through_the_org_path(
        self, client: TestClient, people: dict[str, Account], teams: Teams
    ) -> None:
        org = teams.make(people["olga"], slug="acme", is_organization=True)
        team = teams.make(people["olga"], members=[people["mia"]], slug="support", parent_id=org)
        other = teams.make(people["olga"], slug="elsewhere")
        base = f"/v2/organizations/{org}/teams/{team}/event-types"
        created = client.post(
            base, json=_body(schedulingType="collective"), headers=_h(people["olga"])
        )
        assert created.status_code == 201, created.text
        one = client.get(f"{base}/{created.json()['data']['id']}", headers=_h(people["mia"]))
        assert one.status_code == 200
        wrong = f"/v2/organizations/{org}/teams/{other}/event-types"
        assert client.get(wrong, headers=_h(people["olga"])).status_code == 404

    def test_every_team_event_type_of_an_organization(
        self, client: TestClient, people: dict[str, Account], teams: Teams
    ) -> None:
        org = teams.make(people["olga"], admins=[people["adam"]], members=[people["mia"]],
                         slug="acme", is_organization=True)  # fmt: skip
        support = teams.make(people["olga"], members=[people["mia"]], slug="support",
                             parent_id=org)  # fmt: skip
        sales = teams.make(people["olga"], members=[people["max"]], slug="sales", parent_id=org)
        outside = teams.make(people["olga"], slug="elsewhere")
        _create(client, people["olga"], sales, schedulingType="collective", slug="pitch")
        _create(client, people["olga"], support, schedulingType="roundRobin",
                assignAllTeamMembers=True)  # fmt: skip
        _create(client, people["olga"], support, schedulingType="collective", slug="panel")
        _create(client, people["olga"], outside, schedulingType="collective", slug="nope")
        path = f"/v2/organizations/{org}/teams/event-types"
        # adam is no member of either team: the organization's admins read them all.
        listed = client.get(path, headers=_h(people["adam"]))
        assert listed.status_code == 200, listed.text
        found = listed.json()["data"]
        assert {(e["teamId"], e["slug"]) for e in found} == {
            (sales, "pitch"), (support, "demo"), (support, "panel"),
        }  # fmt: skip
        assert all(set(e) >= TEAM_KEYS for e in found)
        page = client.get(path, params={"take": 1, "skip": 1}, headers=_h(people["olga"]))
        assert [e["slug"] for e in page.json()["data"]] == [found[1]["slug"]]
        assert client.get(path, headers=_h(people["mia"])).status_code == 403  # a member
        assert client.get(path, headers=_h(people["eve"])).status_code == 404  # an outsider
        not_an_org = f"/v2/organizations/{outside}/teams/event-types"
        assert client.get(not_an_org, headers=_h(people["olga"])).status_code == 404
        bad = client.get(path, params={"take": 0}, headers=_h(people["olga"]))
        assert bad.status_code == 400
        assert "take" in bad.text

    def test_the_org_path_lists_by_slug_with_a_hosts_limit(
        self, client: TestClient, people: dict[str, Account], teams: Teams
    ) -> None:
        org = teams.make(people["olga"], slug="acme", is_organization=True)
        team = teams.make(people["olga"], members=[people["mia"], people["max"]], slug="support",
                          parent_id=org)  # fmt: skip
        base = f"/v2/organizations/{org}/teams/{team}/event-types"
        _create(client, people["olga"], team, schedulingType="roundRobin",
                assignAllTeamMembers=True)  # fmt: skip
        listed = client.get(base, params={"eventSlug": "demo", "hostsLimit": 1},
                            headers=_h(people["olga"])).json()["data"]  # fmt: skip
        assert [len(e["hosts"]) for e in listed] == [1]
