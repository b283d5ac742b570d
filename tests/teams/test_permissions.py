"""Role x route for every team route: the team's OWNER, an ADMIN, a MEMBER, an outsider and
no key, each against a fresh team, compared with the table below. The table is checked
against the app's routes, so a new team route without a row fails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Account, Accounts
from tests.teams.helpers import add_member, make_team
from tests.test_authz_matrix import routes_with_path_parameters

OK = "ok"  # a 2xx
ROLES = ("OWNER", "ADMIN", "MEMBER", "outsider", "no key")
READ = (OK, OK, OK, 404, 401)
MANAGE = (OK, OK, 403, 404, 401)
OWN = (OK, 403, 403, 404, 401)

# "METHOD path" -> (outcome per role in ROLES order, JSON body). {membershipId} and {userId}
# name the target's membership: a MEMBER of the team that nobody calling is.
TABLE: dict[str, tuple[tuple[Any, ...], dict[str, Any] | None]] = {
    "GET /v2/teams/{teamId}": (READ, None),
    "PATCH /v2/teams/{teamId}": (MANAGE, {"bio": "changed"}),
    "DELETE /v2/teams/{teamId}": (OWN, None),
    "GET /v2/teams/{teamId}/memberships": (READ, None),
    "POST /v2/teams/{teamId}/memberships": (MANAGE, {"userId": "{newcomer}"}),
    "GET /v2/teams/{teamId}/memberships/{membershipId}": (READ, None),
    "PATCH /v2/teams/{teamId}/memberships/{membershipId}": (MANAGE, {"role": "ADMIN"}),
    "DELETE /v2/teams/{teamId}/memberships/{membershipId}": (MANAGE, None),
    "GET /v2/teams/{teamId}/schedules": (MANAGE, None),  # members' schedules: admins only
    "GET /v1/teams/{teamId}": (READ, None),
    "PATCH /v1/teams/{teamId}": (MANAGE, {"bio": "changed"}),
    "DELETE /v1/teams/{teamId}": (OWN, None),
    "GET /v1/memberships/{userId}_{teamId}": (READ, None),
    "PATCH /v1/memberships/{userId}_{teamId}": (MANAGE, {"role": "ADMIN"}),
    "DELETE /v1/memberships/{userId}_{teamId}": (MANAGE, None),
}
TEAM_ROUTES = ("/v2/teams/", "/v1/teams/", "/v1/memberships/")
# A team's event types, bookings, workflows and verified contacts belong to other domains;
# tests/test_authz_matrix.py tries each of them as a team member and as another team's admin.
OTHER_DOMAINS = ("/event-types", "/bookings", "/workflows", "/verified-resources")


@dataclass
class World:
    callers: dict[str, Account | None]
    ids: dict[str, int]


@pytest.fixture
def world(client: TestClient, accounts: Accounts) -> World:
    owner, admin = accounts.create(username="owner"), accounts.create(username="manager")
    member, outsider = accounts.create(username="member"), accounts.create(username="outsider")
    target, newcomer = accounts.create(username="target"), accounts.create(username="newcomer")
    team = make_team(client, owner)
    add_member(client, team["id"], owner, admin, "ADMIN")
    add_member(client, team["id"], owner, member)
    membership = add_member(client, team["id"], owner, target)
    callers = {"OWNER": owner, "ADMIN": admin, "MEMBER": member, "outsider": outsider}
    ids = {
        "teamId": team["id"],
        "membershipId": membership["id"],
        "userId": target.id,
        "newcomer": newcomer.id,
    }
    return World({**callers, "no key": None}, ids)


def test_every_team_route_has_a_row(app: FastAPI) -> None:
    live = {
        key
        for key in routes_with_path_parameters(app)
        if key.split(" ")[1].startswith(TEAM_ROUTES)
        and not any(part in key for part in OTHER_DOMAINS)
    }
    assert live == set(TABLE), (
        f"rows missing: {sorted(live - set(TABLE))}; gone: {sorted(set(TABLE) - live)}"
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(TABLE))
def test_role_on_route(client: TestClient, world: World, key: str, role: str) -> None:
    outcomes, body = TABLE[key]
    expected = outcomes[ROLES.index(role)]
    method, template = key.split(" ", 1)
    path = template.format(**world.ids)
    account = world.callers[role]
    headers, params = {}, {}
    if account is not None:
        if template.startswith("/v1/"):
            params = account.v1
        else:
            headers = account.headers
    if body is not None:
        body = {k: world.ids[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v
                for k, v in body.items()}  # fmt: skip
    response = client.request(method, path, headers=headers, params=params, json=body)
    if expected == OK:
        assert 200 <= response.status_code < 300, (key, role, response.text)
    else:
        assert response.status_code == expected, (key, role, response.text)
