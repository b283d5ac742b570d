"""Probe (not collected by default): which operations refuse requests their schema admits?

Runs schemathesis' ``positive_data_acceptance`` alone, on positive cases only, over every
operation of the OpenAPI, on SQLite, and writes one JSON line per refusal (operation, role,
status, the answer's message, the request) to ``$SLOTWISE_PROBE_OUT`` (default
``/tmp/positive_acceptance.jsonl``). Hunting, not gating: nothing fails, every refusal is
recorded. Run it by naming the file:

    pytest tests/probe_positive_acceptance.py -n 2 -p no:cacheprovider
    SLOTWISE_PROBE_EXAMPLES=40 SLOTWISE_FUZZ_EXPLORE=1 pytest tests/probe_positive_acceptance.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzzing
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from tests.conftest import Account
from tests.test_api_fuzz import (
    OPERATIONS,
    settings,  # noqa: F401  (the fuzz's settings fixture)
)

EXAMPLES = int(os.environ.get("SLOTWISE_PROBE_EXAMPLES", "12"))
OUT = Path(os.environ.get("SLOTWISE_PROBE_OUT", "/tmp/positive_acceptance.jsonl"))


@pytest.fixture
def backend() -> str:
    return "sqlite"


# Two halves, so ``-n 2`` splits the work; each half builds one app and one schema (building
# them per operation is most of the cost), so operations see each other's rows.
HALVES = [OPERATIONS[0::2], OPERATIONS[1::2]]


@pytest.mark.parametrize("half", [0, 1])
def test_probe(half: int, app: FastAPI, alice: Account, admin: Account) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(allow_x00=False)  # as tests/test_api_fuzz.py
    for method, path in HALVES[half]:
        for role in ("user", "admin"):
            probe(schema[path][method], method, path, role, admin if role == "admin" else alice)


def probe(operation: Any, method: str, path: str, role: str, caller: Account) -> None:
    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @fuzzing(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=os.environ.get("SLOTWISE_FUZZ_EXPLORE") != "1",
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        if path.startswith("/v1/"):
            case.query = {**(case.query or {}), "apiKey": caller.api_key}
        response = case.call(headers=caller.headers)
        try:
            case.validate_response(response, checks=[positive_data_acceptance])
        except BaseExceptionGroup as refused:  # recorded, not raised
            with OUT.open("a") as out:
                out.write(
                    json.dumps(
                        {
                            "operation": f"{method} {path}",
                            "role": role,
                            "status": response.status_code,
                            "answer": response.text[:400],
                            "query": case.query,
                            "headers": dict(case.headers or {}),
                            "body": case.body,
                            "error": str(refused)[:200],
                        },
                        default=repr,
                    )
                    + "\n"
                )

    run()
