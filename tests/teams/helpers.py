"""Helpers for team tests: make a team, add someone to it, read an envelope's data."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Account


def data(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()["data"]


def make_team(client: TestClient, owner: Account, **fields: Any) -> dict[str, Any]:
    body = {"name": "Sales", **fields}
    return data(client.post("/v2/teams", headers=owner.headers, json=body), 201)  # type: ignore[no-any-return]


def add_member(
    client: TestClient,
    team_id: int,
    admin: Account,
    member: Account,
    role: str = "MEMBER",
    *,
    accepted: bool = True,
) -> dict[str, Any]:
    body = {"userId": member.id, "role": role, "accepted": accepted}
    response = client.post(f"/v2/teams/{team_id}/memberships", headers=admin.headers, json=body)
    return data(response, 201)  # type: ignore[no-any-return]
