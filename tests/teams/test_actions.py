"""The CLI's team, membership and organization-user actions (Cal.com operations the catalog
listed before slotwise served them) now match a live route: same method and path, every
input a path, query or body field the route takes. The lead moves them into the generated
catalog (``operations.py``) when merging."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from slotwise.actions.definitions import CALCOM_ONLY, CalcomOperation

SERVED = (
    "list-teams", "get-team", "create-team", "update-team", "delete-team",
    "list-team-memberships", "get-team-membership", "create-team-membership",
    "update-team-membership", "delete-team-membership", "list-organization-users",
)  # fmt: skip


def _operation(action_id: str) -> CalcomOperation:
    return next(op for op in CALCOM_ONLY if op.action_id == action_id)


def _inputs(openapi: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    names = {p["name"] for p in operation.get("parameters", [])}
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = content.get("schema", {})
    if "$ref" in schema:
        schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return names | set(schema.get("properties", {}))


@pytest.mark.parametrize("action_id", SERVED)
def test_the_action_maps_onto_a_live_route(app: FastAPI, action_id: str) -> None:
    action = _operation(action_id)
    openapi = app.openapi()
    operation = openapi["paths"].get(action.path, {}).get(action.method.lower())
    assert operation is not None, f"{action.method} {action.path} is not served"
    missing = set(action.properties) - _inputs(openapi, operation)
    assert not missing, f"{action_id}: the route takes no {sorted(missing)}"
    for name in action.required:
        assert name in _inputs(openapi, operation)
