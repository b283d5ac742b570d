"""GET /v2/teams/{teamId}/schedules: every schedule of a team's accepted members, in the
2024-06-11 shape, for its admins and owners; a member gets 403, an outsider 404."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.clock import FrozenClock
from slotwise.teams.models import MembershipRole
from tests.conftest import Account, Accounts
from tests.slots.helpers import make_schedule
from tests.team_scheduling.conftest import Teams


@pytest.fixture
def teams(app: FastAPI, clock: FrozenClock) -> Teams:
    return Teams(app, clock)


def test_an_admin_reads_every_members_schedules(
    client: TestClient, accounts: Accounts, teams: Teams
) -> None:
    olga, mia, max_, eve, pat = (
        accounts.create(username=name) for name in ("olga", "mia", "max", "eve", "pat")
    )
    own = make_schedule(client, olga, "Europe/London")
    mias = [
        make_schedule(client, mia, "Europe/Rome"),
        make_schedule(client, mia, "Asia/Tokyo", is_default=False),
    ]
    make_schedule(client, eve, "UTC")  # eve is no member
    make_schedule(client, pat, "UTC")  # pat is only invited (not accepted)
    team = teams.make(olga, members=[mia, max_], pending=[pat])
    path = f"/v2/teams/{team}/schedules"
    response = client.get(path, headers=olga.headers)
    assert response.status_code == 200, response.text
    found = response.json()["data"]
    assert [(s["id"], s["ownerId"]) for s in found] == [
        (own, olga.id), (mias[0], mia.id), (mias[1], mia.id),
    ]  # fmt: skip
    assert found[1]["timeZone"] == "Europe/Rome"
    assert found[1]["isDefault"] is True
    assert found[2]["isDefault"] is False
    assert {"availability", "overrides"} <= set(found[0])
    assert client.get(path, headers=mia.headers).status_code == 403  # a member
    assert client.get(path, headers=eve.headers).status_code == 404  # an outsider
    assert client.get(path).status_code == 401
    teams.join(team, eve, MembershipRole.ADMIN)
    assert len(client.get(path, headers=eve.headers).json()["data"]) == 4  # eve's own too


def test_a_team_without_schedules_has_none(
    client: TestClient, accounts: Accounts, teams: Teams
) -> None:
    olga: Account = accounts.create(username="olga")
    team = teams.make(olga)
    assert client.get(f"/v2/teams/{team}/schedules", headers=olga.headers).json() == {
        "status": "success", "data": [],
    }  # fmt: skip
