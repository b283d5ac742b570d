"""OpenAPI helpers: bodies whose shape depends on ``cal-api-version`` (FastAPI only documents
bodies it parses itself, so those routes publish their schemas by hand), and the statuses
that middleware answers before any route runs."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel


def inline_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with every reference written out in place (no ``$defs``).

    Alternatives are published as ``anyOf`` (a ``oneOf`` plus discriminator becomes a plain
    ``anyOf``): which alternative a value means is decided from its keys, not by "exactly one".
    """
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    definitions: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            target = definitions[reference.removeprefix("#/$defs/")]
            rest = {key: value for key, value in node.items() if key != "$ref"}
            return resolve({**target, **rest})
        return {
            ("anyOf" if key == "oneOf" else key): resolve(value)
            for key, value in node.items()
            if key != "discriminator"
        }

    inlined: dict[str, Any] = resolve(schema)
    return inlined


# Answers that middleware gives before any route runs, so no route declares them itself.
_GUARD_STATUSES = {
    "413": "The request body is larger than SLOTWISE_MAX_REQUEST_BODY_BYTES",
    "429": "Too many requests: see X-RateLimit-* and Retry-After",
}
_UNCOUNTED_PATHS = ("/health",)  # not rate limited, and no body


# Building the document takes about a second, and every app ``create_app`` builds has the same
# routes: a process that builds several apps (a test worker builds one per test) builds the
# document once per route table. Documents are shared, so they are never changed once built.
_DOCUMENTS: dict[tuple[Any, ...], dict[str, Any]] = {}


def _route_table(app: FastAPI) -> tuple[Any, ...]:
    """Everything the published document is made from, as a key."""
    routes = tuple(
        (
            getattr(route, "path", None),
            tuple(sorted(getattr(route, "methods", None) or ())),
            getattr(route, "include_in_schema", None),
            getattr(getattr(route, "endpoint", None), "__module__", None),
            getattr(getattr(route, "endpoint", None), "__qualname__", None),
        )
        for route in app.routes
    )
    return (app.title, app.version, app.description, app.openapi_version, repr(app.servers), routes)


def declare_guard_statuses(app: FastAPI) -> None:
    """Adds the body limit's 413 (operations with a body) and the rate limiter's 429 (every
    counted operation) to the published document, so clients and the fuzzer know them."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        key = _route_table(app)
        if key in _DOCUMENTS:
            app.openapi_schema = _DOCUMENTS[key]
            return app.openapi_schema
        document = build()
        schemas = document.get("components", {}).get("schemas", {})
        for path, item in document.get("paths", {}).items():
            if path.startswith(_UNCOUNTED_PATHS):
                continue
            error = "V1Error" if path.startswith("/v1/") else "ErrorEnvelope"
            content = (
                {"application/json": {"schema": {"$ref": f"#/components/schemas/{error}"}}}
                if error in schemas
                else {}
            )
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for status, description in _GUARD_STATUSES.items():
                    if status == "413" and "requestBody" not in operation:
                        continue
                    responses.setdefault(status, {"description": description, "content": content})
        app.openapi_schema = _DOCUMENTS[key] = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
