"""OpenAPI helpers for routes whose body shape depends on ``cal-api-version``: FastAPI only
documents bodies it parses itself, so those routes publish their schemas by hand."""

from __future__ import annotations

from typing import Any

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
