"""OpenAPI helpers: bodies whose shape depends on ``cal-api-version`` (FastAPI only documents
bodies it parses itself, so those routes publish their schemas by hand), and the statuses
that middleware answers before any route runs."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from slotwise.core.text import NO_NUL_PATTERN
from slotwise.core.timezones import iana_time_zones
from slotwise.http.versioning import API_VERSION_HEADER, version_header_parameter


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
        _declare_version_headers(app, document)
        _declare_named_inputs(document)
        _declare_text_rule(document)
        app.openapi_schema = _DOCUMENTS[key] = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _declare_version_headers(app: FastAPI, document: dict[str, Any]) -> None:
    """Publishes ``cal-api-version`` on every operation whose route depends on
    ``versioning.serving`` and does not declare the header itself: a client (and the fuzzer)
    then knows which values the route takes, and that some routes require it."""
    paths = document.get("paths", {})
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or context.path_format not in paths:
            continue
        served = _served_versions(route.dependant)
        if served is None:
            continue
        for method in route.methods or ():
            operation = paths[context.path_format].get(method.lower())
            if operation is None:
                continue
            parameters = operation.setdefault("parameters", [])
            if not any(p.get("name", "").lower() == API_VERSION_HEADER for p in parameters):
                parameters.append(version_header_parameter(served))


def _served_versions(dependant: Dependant) -> Any:
    pending = list(dependant.dependencies)
    while pending:
        dependency = pending.pop()
        served = getattr(dependency.call, "served_versions", None)
        if served is not None:
            return served
        pending.extend(dependency.dependencies)
    return None


# Every text value and object key, in any request: no NUL (http/nul_guard.py refuses it
# everywhere, as PostgreSQL cannot store it). Written into the document so that it says what
# the server takes; lone surrogates need no rule, as UTF-8 cannot carry them.
NO_NUL = NO_NUL_PATTERN
_SHAPED = ("format", "enum", "const", "pattern")


def _declare_text_rule(document: dict[str, Any]) -> None:
    pending: list[Any] = [document.get("paths", {}), document.get("components", {})]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        kind = node.get("type")
        if (kind == "string" or (isinstance(kind, list) and "string" in kind)) and not any(
            key in node for key in _SHAPED
        ):
            node["pattern"] = NO_NUL
        if kind == "object" and node.get("additionalProperties") is not False:
            node.setdefault("propertyNames", {"pattern": NO_NUL})
        for key, value in node.items():
            if key in ("examples", "example", "default", "enum", "const"):
                continue
            if key == "properties" and isinstance(value, dict):
                pending.extend(value.values())  # property names are names, not schemas
            else:
                pending.append(value)


# Inputs whose every check is a fixed rule, published by the field's name wherever an input
# carries it (request parameters, inline request bodies, the input components): time zones
# from the IANA list (core/timezones.py), http(s) URLs and hex colours (users/service.py,
# teams/validation.py), email addresses and E.164 phone numbers (verification/codes.py).
_TIME_ZONE_REF = {"$ref": "#/components/schemas/TimeZone"}
_URL = {"pattern": "^https?://[^\\x00]*$", "maxLength": 2048}
_COLOUR = {"pattern": "^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"}
# email-validator (users, attendees) refuses the special-use domains of RFC 6761.
_EMAIL = {
    "format": "email",
    "maxLength": 254,
    "pattern": "^(?!.*\\.(?:arpa|invalid|local|localhost|onion|test)$)[^\\x00]*$",
}
_PHONE = {"pattern": "^\\+[1-9][0-9]{6,14}$"}
_NAMED_INPUTS: dict[str, dict[str, Any]] = {
    "timeZone": _TIME_ZONE_REF,
    "loggedInUsersTz": _TIME_ZONE_REF,
    **dict.fromkeys(
        ("avatarUrl", "bannerUrl", "logoUrl", "calVideoLogo", "appLogo", "appIconLogo"), _URL
    ),
    **dict.fromkeys(("brandColor", "darkBrandColor"), _COLOUR),
    **dict.fromkeys(("email", "attendeeEmail"), _EMAIL),
    **dict.fromkeys(("phone", "phoneNumber"), _PHONE),
}


def _declare_named_inputs(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["TimeZone"] = {
        "type": "string",
        "enum": sorted(iana_time_zones()),
        "description": "An IANA time zone name",
    }
    inputs: list[Any] = [
        schema for name, schema in schemas.items() if "Input" in name or "Params" in name
    ]
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                rule = _NAMED_INPUTS.get(parameter.get("name"))
                if rule is not None and "schema" in parameter:
                    parameter["schema"] = _ruled(parameter["schema"], rule)
            inputs.append(operation.get("requestBody", {}))
    while inputs:
        node = inputs.pop()
        if isinstance(node, list):
            inputs.extend(node)
        elif isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                for name in _NAMED_INPUTS.keys() & properties.keys():
                    properties[name] = _ruled(properties[name], _NAMED_INPUTS[name])
            inputs.extend(value for value in node.values() if isinstance(value, dict | list))


def _ruled(schema: dict[str, Any], rule: dict[str, Any]) -> dict[str, Any]:
    """A plain string schema (or a plain string branch of an ``anyOf``) with ``rule``."""
    if schema.get("type") == "string" and not any(key in schema for key in _SHAPED):
        if "$ref" in rule:
            kept = {k: v for k, v in schema.items() if k in ("description", "title")}
            return {**rule, **kept}
        return {**schema, **rule}
    if "anyOf" in schema:
        return {**schema, "anyOf": [_ruled(branch, rule) for branch in schema["anyOf"]]}
    return schema
