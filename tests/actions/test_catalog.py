"""The catalog against the live OpenAPI: every slotwise operation has an action, every
action that claims a slotwise operation has a live route, and ``catalog.json`` is what the
generator builds from today's OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from slotwise.actions.calcom_later import CALCOM_LATER
from slotwise.actions.catalog import load_catalog
from slotwise.actions.definitions import CALCOM_ONLY, CURATED
from slotwise.actions.generate import CATALOG_PATH, api_operations, build_catalog, live_openapi
from slotwise.actions.operations import OPERATION_ACTIONS

# The connector's popular actions (issue 8), each of which must exist by this id.
_POPULAR_TEXT = (
    "list-bookings list-event-types list-schedules list-users list-teams list-attendees "
    "get-booking get-event-type get-schedule get-user get-team get-attendee get-current-user "
    "create-booking create-event-type create-schedule update-booking update-event-type "
    "update-schedule cancel-booking"
)
POPULAR = _POPULAR_TEXT.split()
REGENERATE = "run: python -m slotwise.actions.generate"


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    return live_openapi()


def test_every_live_operation_has_an_action(openapi: dict[str, Any]) -> None:
    missing = sorted(set(api_operations(openapi)) - set(OPERATION_ACTIONS))
    assert not missing, (
        f"routes without an action: {missing}; add them to slotwise/actions/operations.py "
        f"and definitions.py, then {REGENERATE}"
    )


def test_every_action_of_a_slotwise_operation_has_a_live_route(openapi: dict[str, Any]) -> None:
    gone = sorted(set(OPERATION_ACTIONS) - set(api_operations(openapi)))
    assert not gone, f"actions whose route is gone: {gone}"
    live = api_operations(openapi)
    for action in load_catalog().actions:
        if action.operation_id is not None:
            method, path, _ = live[action.operation_id]
            # The catalog spells v1's {user_id} as {userId}, like every other input.
            for name, camel in action.field_aliases.items():
                path = path.replace("{" + name + "}", "{" + camel + "}")
            assert (action.method, action.path) == (method, path), action.id


def test_the_checked_in_catalog_is_current(openapi: dict[str, Any]) -> None:
    built = build_catalog(openapi)
    assert json.loads(CATALOG_PATH.read_text()) == built, f"catalog.json is stale; {REGENERATE}"


def test_ids_are_unique_and_curated() -> None:
    slotwise_ids = list(OPERATION_ACTIONS.values())
    calcom_ids = [operation.action_id for operation in (*CALCOM_ONLY, *CALCOM_LATER)]
    assert len(set(slotwise_ids)) == len(slotwise_ids)
    assert len(set(calcom_ids)) == len(calcom_ids)
    assert not set(slotwise_ids) & set(calcom_ids)
    assert set(slotwise_ids) == set(CURATED), "every slotwise action has a curated entry"
    catalog = load_catalog()
    aliases = [alias for action in catalog.actions for alias in action.aliases]
    assert not set(aliases) & {action.id for action in catalog.actions}


def test_the_popular_actions_are_there() -> None:
    catalog = load_catalog()
    for action_id in POPULAR:
        action = catalog.find(action_id)
        assert action is not None, action_id
        assert action.popular, action_id


def test_every_input_schema_is_a_valid_json_schema() -> None:
    for action in load_catalog().actions:
        Draft202012Validator.check_schema(action.input_schema)
        assert action.input_schema["type"] == "object", action.id
        properties = action.input_schema["properties"]
        for name in (*action.path_params, *action.query_params, *action.body_params):
            assert name in properties, (action.id, name)
        for name in action.path_params:
            assert name in action.input_schema.get("required", []), (action.id, name)
            assert "{" + name + "}" in action.path, (action.id, name)
        assert action.name, action.id
        assert action.description, action.id
