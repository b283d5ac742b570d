"""Helpers for team tests: make a team, add someone to it, read an envelope's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from slotwise.db import transaction
from slotwise.teams.commands import TeamSettings
from slotwise.teams.organizations import service as organizations
from slotwise.users import repository as users_repository
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


def make_organization(app: FastAPI, owner: Account, now: datetime, name: str = "Acme") -> int:
    """An organization owned by ``owner`` (made as ``slotwise admin create-organization`` does)."""
    with transaction(app.state.write_session_factory) as session:
        founder = users_repository.get_by_id(session, owner.id)
        assert founder is not None
        return organizations.create_organization(
            session, founder, TeamSettings(name=name), now=now
        ).id
