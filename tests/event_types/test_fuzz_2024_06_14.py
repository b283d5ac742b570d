"""Fuzzing the event-type operations in the 2024-06-14 shapes.

tests/test_api_fuzz.py sends no ``cal-api-version``, so it reaches the legacy shapes; here
every request asks for 2024-06-14, with the caller's event types present so that ids hit, and
bodies are generated from the 2024-06-14 shape alone (the published schema offers both). The
same checks: never a 5xx, only documented statuses, answers matching the published schema, and
schema-violating input rejected.
"""

from __future__ import annotations

import copy

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from tests.conftest import Account
from tests.event_types.helpers import CURRENT, create

MAX_EXAMPLES = 40
OPERATIONS = [
    ("POST", "/v2/event-types"),
    ("GET", "/v2/event-types"),
    ("GET", "/v2/event-types/{eventTypeId}"),
    ("PATCH", "/v2/event-types/{eventTypeId}"),
    ("DELETE", "/v2/event-types/{eventTypeId}"),
]


@pytest.fixture
def backend() -> str:
    """SQLite only: the point is the HTTP contract, which the backend does not change."""
    return "sqlite"


def current_shape_only(app: FastAPI) -> None:
    """The app's OpenAPI with each body's 2024-06-14 alternative alone (FastAPI serves the
    cached ``openapi_schema``; the app is this test's own)."""
    spec = copy.deepcopy(app.openapi())
    for path, method in (("/v2/event-types", "post"), ("/v2/event-types/{eventTypeId}", "patch")):
        content = spec["paths"][path][method]["requestBody"]["content"]["application/json"]
        content["schema"] = content["schema"]["anyOf"][0]
    app.openapi_schema = spec


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation(
    method: str, path: str, app: FastAPI, client: TestClient, alice: Account
) -> None:
    for slug in ("one", "two", "three"):
        create(client, alice, slug=slug)
    current_shape_only(app)
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]
    cases = st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )
    statuses: list[int] = []

    @given(case=cases)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        response = case.call_and_validate(
            headers={**alice.headers, "cal-api-version": CURRENT},
            excluded_checks=[positive_data_acceptance],
        )
        statuses.append(response.status_code)

    run()
    assert statuses
    assert all(status < 500 for status in statuses)
