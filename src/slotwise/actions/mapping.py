"""From an action and its input to one HTTP request: validation first, then path, query,
body and the ``cal-api-version`` header of the resource's newest shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from slotwise.actions.catalog import Action

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

API_VERSION_HEADER = "cal-api-version"


class InputError(ValueError):
    """The input does not fit the action's schema; the message names the field."""


@dataclass
class ApiRequest:
    method: str
    path: str
    query: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    json_body: Any = None
    has_body: bool = False


def _field_path(error: ValidationError) -> str:
    parts = [str(part) for part in error.absolute_path]
    required, schema, instance = error.validator_value, error.schema, error.instance
    if error.validator == "required" and isinstance(instance, dict) and isinstance(required, list):
        parts += [name for name in required if name not in instance][:1]
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {}) if isinstance(schema, dict) else {}
        parts += [name for name in instance if name not in known][:1]
    return ".".join(parts) or "(input)"


def normalized_input(action: Action, payload: dict[str, Any]) -> dict[str, Any]:
    """The input with other spellings of a field (``user_id``) under the schema's name."""
    normalized = dict(payload)
    for alias, name in action.field_aliases.items():
        if alias in normalized:
            if name in normalized and normalized[name] != normalized[alias]:
                raise InputError(f"input fields {alias!r} and {name!r} disagree; give one")
            normalized[name] = normalized.pop(alias)
    return normalized


def checked_input(action: Action, payload: Any) -> dict[str, Any]:
    """The input ready to send: aliases renamed, then validated against the schema."""
    if not isinstance(payload, dict):
        raise InputError(f"the input of {action.id} must be a JSON object of fields")
    normalized = normalized_input(action, payload)
    validate_input(action, normalized)
    return normalized


def validate_input(action: Action, payload: Any) -> None:
    # jsonschema is imported here, when an input is checked: listing actions, printing help
    # and raw requests never load it (a CLI that starts at once; see ARCHITECTURE.md).
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    validator = Draft202012Validator(action.input_schema)
    error = best_match(validator.iter_errors(payload))
    if error is None:
        return
    where = _field_path(error)
    if error.validator == "required":
        raise InputError(f"input field {where!r} is required by {action.id}")
    if error.validator == "additionalProperties":
        known = ", ".join(sorted(action.input_schema.get("properties", {}))) or "none"
        raise InputError(f"input field {where!r} is not an input of {action.id} (known: {known})")
    if error.validator in ("anyOf", "oneOf") and isinstance(error.validator_value, list):
        shapes = sorted({_shape(option) for option in error.validator_value})
        raise InputError(f"input field {where!r}: expected {' or '.join(shapes)}")
    raise InputError(f"input field {where!r}: {error.message}")


def _shape(schema: Any) -> str:
    """A schema in a few words: "string", "null", "object {type, address}"..."""
    if not isinstance(schema, dict):
        return "anything"
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "value")
    kind = "/".join(kind) if isinstance(kind, list) else str(kind)
    if kind == "object" and schema.get("required"):
        return f"object with {', '.join(schema['required'])}"
    return kind


def _query_value(value: Any) -> Any:
    """Lists as comma lists (Cal.com's style for ids and statuses), booleans in lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(_query_value(item)) for item in value)
    return value


def build_request(action: Action, payload: dict[str, Any]) -> ApiRequest:
    """The request for a validated input. Fields the schema does not know (Cal.com-only
    actions accept them) go to the body of a write and the query of a read."""
    path = action.path
    for name in action.path_params:
        path = path.replace("{" + name + "}", quote(str(payload[name]), safe=""))
    request = ApiRequest(method=action.method, path=path)
    if action.api_version:
        request.headers[API_VERSION_HEADER] = action.api_version
    body: dict[str, Any] = {}
    sends_body = action.method in ("POST", "PUT", "PATCH")
    for name, value in payload.items():
        if name in action.path_params:
            continue
        if name in action.query_params or (name not in action.body_params and not sends_body):
            request.query[name] = _query_value(value)
        elif action.whole_body:
            request.json_body = value
            request.has_body = True
        else:
            body[name] = value
    if body:
        request.json_body, request.has_body = body, True
    elif sends_body and not request.has_body:
        # A POST action with nothing to say still sends {} (Cal.com's validation expects JSON).
        request.json_body, request.has_body = {}, True
    return request
