"""The statuses middleware answers before any route runs (the body limit's 413, the rate
limiter's 429) are declared on the operations they can reach, so clients and the fuzzer
expect them."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_413_on_every_body_and_429_on_every_counted_operation(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operations = [(path, op) for path, item in paths.items() for op in item.values()]
    for path, operation in operations:
        responses = operation["responses"]
        assert ("413" in responses) == ("requestBody" in operation and path != "/health"), path
        assert ("429" in responses) == (path != "/health"), path
    v1 = paths["/v1/users"]["post"]["responses"]["429"]["content"]["application/json"]
    assert v1["schema"]["$ref"].endswith("/V1Error")
    v2 = paths["/v2/bookings"]["post"]["responses"]["413"]["content"]["application/json"]
    assert v2["schema"]["$ref"].endswith("/ErrorEnvelope")
