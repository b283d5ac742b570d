"""The CLI's team, membership and organization-user actions (Cal.com operations the catalog
listed as Cal.com-only before slotwise served them) are now generated from slotwise's own
routes: each names the live operation it calls, with Cal.com's method and path."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from slotwise.actions.catalog import load_catalog

# action id -> Cal.com's method and path for it
SERVED = {
    "list-teams": ("GET", "/v2/teams"),
    "get-team": ("GET", "/v2/teams/{teamId}"),
    "create-team": ("POST", "/v2/teams"),
    "update-team": ("PATCH", "/v2/teams/{teamId}"),
    "delete-team": ("DELETE", "/v2/teams/{teamId}"),
    "list-team-memberships": ("GET", "/v2/teams/{teamId}/memberships"),
    "get-team-membership": ("GET", "/v2/teams/{teamId}/memberships/{membershipId}"),
    "create-team-membership": ("POST", "/v2/teams/{teamId}/memberships"),
    "update-team-membership": ("PATCH", "/v2/teams/{teamId}/memberships/{membershipId}"),
    "delete-team-membership": ("DELETE", "/v2/teams/{teamId}/memberships/{membershipId}"),
    "list-organization-users": ("GET", "/v2/organizations/{orgId}/users"),
}


@pytest.mark.parametrize("action_id", sorted(SERVED))
def test_the_action_calls_the_live_route(app: FastAPI, action_id: str) -> None:
    action = next(a for a in load_catalog().actions if a.id == action_id)
    method, path = SERVED[action_id]
    assert (action.method, action.path) == (method, path)
    assert action.operation_id is not None, f"{action_id} is still Cal.com-only"
    operation = app.openapi()["paths"].get(path, {}).get(method.lower())
    assert operation is not None, f"{method} {path} is not served"
    assert operation["operationId"] == action.operation_id
