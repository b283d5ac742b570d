"""Build the action catalog (``catalog.json``) from slotwise's OpenAPI and the curated entries.

Run after changing a route: ``python -m slotwise.actions.generate``. A test fails while the
checked-in file differs from what this builds from the live OpenAPI.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from slotwise.actions.calcom_later import CALCOM_LATER
from slotwise.actions.definitions import CALCOM_ONLY, CURATED, CalcomOperation, Curated
from slotwise.actions.operations import OPERATION_ACTIONS
from slotwise.core.text import NO_NUL_PATTERN as NO_NUL

CATALOG_PATH = Path(__file__).with_name("catalog.json")
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
# Schema keywords whose value is a map of name -> schema (so a key there is a field name).
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions")
# Noise pydantic adds to every schema: "Lengthinminutes" tells nobody anything.
_DROPPED_KEYWORDS = ("title",)
WHOLE_BODY = "body"


def camel_case(name: str) -> str:
    """``user_id`` -> ``userId``: the spelling every other action's inputs use."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def is_api_path(path: str) -> bool:
    """The operations that need an action: the REST API (and /health), not web pages."""
    return path.startswith(("/v1/", "/v2/")) or path == "/health"


def api_operations(openapi: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (METHOD, path, operation) for every API operation, except deprecated
    aliases (another path serves them, and its action calls that one)."""
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in openapi.get("paths", {}).items():
        if not is_api_path(path):
            continue
        for method in HTTP_METHODS:
            if method in item and not item[method].get("deprecated"):
                operation = item[method]
                found[operation["operationId"]] = (method.upper(), path, operation)
    return found


def live_openapi() -> dict[str, Any]:
    """slotwise's OpenAPI, built in-process from a throwaway data dir (nothing is served)."""
    from slotwise.app import create_app
    from slotwise.config import Settings

    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(
            environment="test",
            data_dir=Path(data_dir),
            database_url=f"sqlite:///{data_dir}/openapi.db",
            encryption_key=None,
            embedded_worker=False,  # only the routes are wanted: no outbox worker
        )
        app = create_app(settings)
        try:
            return app.openapi()
        finally:
            app.state.engine.dispose()


def _is_text_rule(key: str, value: Any) -> bool:
    """The document's no-NUL rule on every string and key: the server's own, not the CLI's."""
    return (key == "pattern" and value == NO_NUL) or (
        key == "propertyNames" and value == {"pattern": NO_NUL}
    )


# Components published as long enums (http/openapi.py), kept as plain strings in the catalog.
_LONG_ENUMS = frozenset({"TimeZone"})


def _resolve(schema: Any, components: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """The schema with every ``$ref`` inlined and ``title`` noise dropped."""
    if isinstance(schema, list):
        return [_resolve(item, components, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        if name in seen:  # a recursive model: leave it open rather than loop
            return {"type": "object"}
        if name in _LONG_ENUMS:  # hundreds of names per field; the server checks them
            return {"type": "string", "description": components[name].get("description", "")}
        return _resolve(components[name], components, (*seen, name))
    resolved: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _DROPPED_KEYWORDS or _is_text_rule(key, value):
            continue
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            resolved[key] = {name: _resolve(sub, components, seen) for name, sub in value.items()}
        else:
            resolved[key] = _resolve(value, components, seen)
    return resolved


def _body_schema(
    operation: dict[str, Any], curated: Curated, components: dict[str, Any]
) -> dict[str, Any] | None:
    """The JSON body's schema; of a route serving several versions, the newest one's."""
    content = operation.get("requestBody", {}).get("content", {})
    raw = content.get("application/json", {}).get("schema")
    if raw is None:
        return None
    variants = raw.get("anyOf") or raw.get("oneOf")
    if variants:
        wanted = curated.api_version.replace("-", "_") if curated.api_version else None
        chosen = next(
            (v for v in variants if wanted and wanted in _schema_name(v)),
            next((v for v in variants if "Legacy" not in _schema_name(v)), variants[0]),
        )
        raw = chosen
    resolved = _resolve(raw, components)
    assert isinstance(resolved, dict)
    return resolved


def _schema_name(schema: dict[str, Any]) -> str:
    return str(schema.get("title") or schema.get("$ref", "")).rsplit("/", 1)[-1]


def _entry(
    action_id: str,
    curated: Curated,
    *,
    method: str,
    path: str,
    operation_id: str | None,
    path_params: list[str],
    query_params: list[str],
    body_params: list[str],
    properties: dict[str, Any],
    required: list[str],
    closed: bool,
    whole_body: bool = False,
    field_aliases: dict[str, str] | None = None,
) -> dict[str, Any]:
    input_schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        input_schema["required"] = required
    # Closed for slotwise's own operations (their fields are known), so a misspelt field is
    # caught before sending; open for Cal.com-only ones, whose schema here is a summary.
    input_schema["additionalProperties"] = not closed
    return {
        "id": action_id,
        "name": curated.name,
        "description": curated.description,
        "keywords": curated.keywords,
        "aliases": list(curated.aliases),
        "fieldAliases": field_aliases or {},
        "popular": curated.popular,
        "method": method,
        "path": path,
        "apiVersion": curated.api_version,
        "operationId": operation_id,
        "servedBySlotwise": operation_id is not None,
        "pathParams": path_params,
        "queryParams": query_params,
        "bodyParams": body_params,
        "wholeBody": whole_body,
        "pagination": "take-skip" if {"take", "skip"} <= set(query_params) else None,
        "columns": list(curated.columns),
        "inputSchema": input_schema,
    }


def _slotwise_entry(
    action_id: str, method: str, path: str, operation: dict[str, Any], components: dict[str, Any]
) -> dict[str, Any]:
    curated = CURATED[action_id]
    properties: dict[str, Any] = {}
    required: list[str] = []
    path_params: list[str] = []
    query_params: list[str] = []
    field_aliases: dict[str, str] = {}
    for parameter in operation.get("parameters", []):
        where, name = parameter["in"], parameter["name"]
        if where not in ("path", "query"):
            continue  # headers (the version, idempotency keys) and cookies are ours to send
        if where == "path" and camel_case(name) != name:
            # v1 routes name their ids ``user_id``; the input says ``userId`` like every
            # other action (the old spelling stays accepted), and the path follows it.
            field_aliases[name] = camel_case(name)
            path = path.replace("{" + name + "}", "{" + camel_case(name) + "}")
            name = camel_case(name)
        schema = _resolve(parameter.get("schema", {}), components)
        if parameter.get("description"):
            schema = {**schema, "description": parameter["description"]}
        properties[name] = schema
        (path_params if where == "path" else query_params).append(name)
        if parameter.get("required"):
            required.append(name)
    body_params: list[str] = []
    whole_body = False
    body = _body_schema(operation, curated, components)
    if body is not None and "properties" not in body:
        # Not an object of fields (a list, say): the input's ``body`` field is the body.
        whole_body = True
        properties[WHOLE_BODY] = body
        body_params.append(WHOLE_BODY)
        required.append(WHOLE_BODY)
    elif body is not None:
        for name, schema in body.get("properties", {}).items():
            properties[name] = schema
            body_params.append(name)
        required += [name for name in body.get("required", []) if name not in required]
    return _entry(
        action_id,
        curated,
        method=method,
        path=path,
        operation_id=operation["operationId"],
        path_params=path_params,
        query_params=query_params,
        body_params=body_params,
        properties=properties,
        required=required,
        closed=True,
        whole_body=whole_body,
        field_aliases=field_aliases,
    )


def _calcom_entry(operation: CalcomOperation) -> dict[str, Any]:
    path_params = [name for name in operation.properties if "{" + name + "}" in operation.path]
    body_params = [
        name
        for name in operation.properties
        if name not in path_params and name not in operation.query
    ]
    return _entry(
        operation.action_id,
        operation.curated,
        method=operation.method,
        path=operation.path,
        operation_id=None,
        path_params=path_params,
        query_params=list(operation.query),
        body_params=body_params,
        properties=dict(operation.properties),
        required=list(operation.required),
        closed=False,
    )


def build_catalog(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action, sorted by id: slotwise's operations, then Cal.com-only ones."""
    components = openapi.get("components", {}).get("schemas", {})
    operations = api_operations(openapi)
    entries = [
        _slotwise_entry(action_id, *operations[operation_id], components)
        for operation_id, action_id in OPERATION_ACTIONS.items()
        if operation_id in operations
    ]
    entries += [_calcom_entry(operation) for operation in (*CALCOM_ONLY, *CALCOM_LATER)]
    return sorted(entries, key=lambda entry: str(entry["id"]))


def render(catalog: list[dict[str, Any]]) -> str:
    return json.dumps(catalog, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    CATALOG_PATH.write_text(render(build_catalog(live_openapi())))
    print(f"wrote {CATALOG_PATH}")  # noqa: T201


if __name__ == "__main__":
    main()
