"""A routing form's fields and routes, checked as a whole and turned into the engine's terms.

Every problem is named by its path in the request (``fields[1].id``,
``routes[0].queryValue.all[1].operator``), all of them in one 400.

A condition (``queryValue``; ``attributesQueryValue`` over member attributes) is JSON:
``{"all": [...]}`` or ``{"any": [...]}`` (nested freely), or a comparison
``{"field": <field id>, "operator": <operator>, "value": ...}`` (for attributes
``{"attribute": <attribute slug>, "operator", "value"}`` or ``"valueFromField": <field id>``
to compare with the visitor's answer). An empty or missing condition matches every answer.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slotwise.core.routing import (
    LIST_VALUED,
    MULTI_CHOICE_TYPES,
    OPTION_TYPES,
    Comparison,
    Condition,
    FieldType,
    Group,
    Operator,
    Route,
    operator_fits,
)

Problems = list[dict[str, str]]
MAX_DEPTH = 8
IDENTIFIER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ActionType:
    EVENT_TYPE = "eventTypeRedirectUrl"
    EXTERNAL = "externalRedirectUrl"
    MESSAGE = "customPageMessage"


ACTION_TYPES = (ActionType.EVENT_TYPE, ActionType.EXTERNAL, ActionType.MESSAGE)


@dataclass(frozen=True, slots=True)
class FormField:
    id: str
    label: str
    type: FieldType
    required: bool
    identifier: str | None
    placeholder: str | None
    options: tuple[tuple[str, str], ...]  # (id, label)

    @property
    def name(self) -> str:
        """How the field is named in URLs and response bodies: its identifier, else label."""
        return self.identifier or self.label

    @classmethod
    def of(cls, document: Mapping[str, Any]) -> FormField:
        return cls(
            id=document["id"],
            label=document["label"],
            type=FieldType(document["type"]),
            required=bool(document.get("required")),
            identifier=document.get("identifier"),
            placeholder=document.get("placeholder"),
            options=tuple((o["id"], o["label"]) for o in document.get("options") or []),
        )


def fields_of(documents: list[dict[str, Any]]) -> list[FormField]:
    return [FormField.of(d) for d in documents]


def checked_fields(raw: list[dict[str, Any]], problems: Problems) -> list[dict[str, Any]]:
    """The fields as stored (ids given to those without), problems appended."""
    out: list[dict[str, Any]] = []
    seen_ids: set[str] = set()
    seen_identifiers: set[str] = set()
    for index, field in enumerate(raw):
        at = f"fields[{index}]"
        field_id = field.get("id") or str(uuid.uuid4())
        if field_id in seen_ids:
            problems.append({"field": f"{at}.id", "message": f"duplicate field id {field_id!r}"})
        seen_ids.add(field_id)
        identifier = field.get("identifier")
        if identifier is not None:
            if not IDENTIFIER.match(identifier):
                message = "must be 1 to 64 letters, digits, '-' or '_'"
                problems.append({"field": f"{at}.identifier", "message": message})
            elif identifier in seen_identifiers:
                message = f"duplicate identifier {identifier!r}"
                problems.append({"field": f"{at}.identifier", "message": message})
            seen_identifiers.add(identifier or "")
        if not str(field.get("label", "")).strip():
            problems.append({"field": f"{at}.label", "message": "must not be empty"})
        kind = FieldType(field["type"])
        options = field.get("options") or []
        stored_options: list[dict[str, str]] = []
        if kind in OPTION_TYPES:
            if not options:
                message = f"a {kind.value} field needs at least one option"
                problems.append({"field": f"{at}.options", "message": message})
            option_ids: set[str] = set()
            for o_index, option in enumerate(options):
                option_id = option.get("id") or str(uuid.uuid4())
                if option_id in option_ids:
                    problems.append(
                        {
                            "field": f"{at}.options[{o_index}].id",
                            "message": f"duplicate option id {option_id!r}",
                        }
                    )
                option_ids.add(option_id)
                stored_options.append({"id": option_id, "label": option["label"]})
        elif options:
            message = f"a {kind.value} field has no options"
            problems.append({"field": f"{at}.options", "message": message})
        out.append(
            {
                "id": field_id,
                "label": field.get("label", ""),
                "identifier": identifier,
                "type": kind.value,
                "required": bool(field.get("required", False)),
                "placeholder": field.get("placeholder"),
                "options": stored_options,
            }
        )
    return out


# --- conditions ----------------------------------------------------------------------------


def parse_condition(
    raw: Any,
    at: str,
    problems: Problems,
    *,
    key_name: str,
    kind_of: Callable[[str], FieldType | None],
    options_of: Callable[[str], set[str] | None],
    field_ids: set[str] | None = None,
    depth: int = 0,
) -> Condition:
    """The engine's condition for ``raw``; ``key_name``: "field" (answers) or "attribute";
    ``kind_of``: a key's type (None: unknown key); ``options_of``: a key's option ids (None:
    no options to check values against)."""
    if raw is None or raw == {}:
        return Group("all")
    if not isinstance(raw, dict):
        problems.append({"field": at, "message": "must be an object"})
        return Group("all")
    if depth > MAX_DEPTH:
        problems.append({"field": at, "message": f"nests deeper than {MAX_DEPTH} groups"})
        return Group("all")
    groups = [k for k in ("all", "any") if k in raw]
    if groups:
        kind = groups[0]
        children = raw[kind]
        if len(groups) > 1 or set(raw) != {kind} or not isinstance(children, list):
            message = "a group is {'all': [...]} or {'any': [...]}"
            problems.append({"field": at, "message": message})
            return Group("all")
        parsed = tuple(
            parse_condition(
                child,
                f"{at}.{kind}[{i}]",
                problems,
                key_name=key_name,
                kind_of=kind_of,
                options_of=options_of,
                field_ids=field_ids,
                depth=depth + 1,
            )  # fmt: skip
            for i, child in enumerate(children)
        )
        return Group("all" if kind == "all" else "any", parsed)
    return _comparison(raw, at, problems, key_name, kind_of, options_of, field_ids)


def _comparison(
    raw: dict[str, Any],
    at: str,
    problems: Problems,
    key_name: str,
    kind_of: Callable[[str], FieldType | None],
    options_of: Callable[[str], set[str] | None],
    field_ids: set[str] | None,
) -> Condition:
    allowed = {key_name, "operator", "value", "valueFromField"}
    for extra in sorted(set(raw) - allowed):
        problems.append({"field": f"{at}.{extra}", "message": "is not a condition's key"})
    key = raw.get(key_name)
    kind = kind_of(key) if isinstance(key, str) else None
    if kind is None or not isinstance(key, str):
        problems.append({"field": f"{at}.{key_name}", "message": f"no {key_name} {key!r}"})
        return Group("all")
    try:
        operator = Operator(str(raw.get("operator")))
    except ValueError:
        names = ", ".join(o.value for o in Operator)
        problems.append({"field": f"{at}.operator", "message": f"must be one of {names}"})
        return Group("all")
    if not operator_fits(kind, operator):
        message = f"{operator.value} does not fit a {kind.value} {key_name}"
        problems.append({"field": f"{at}.operator", "message": message})
        return Group("all")
    if "valueFromField" in raw:
        source = raw["valueFromField"]
        if field_ids is None or source not in field_ids:
            problems.append({"field": f"{at}.valueFromField", "message": f"no field {source!r}"})
        # Resolved per response (``with_answers_as_values``): a marker until then.
        return Comparison(key, operator, {"valueFromField": source})  # type: ignore[arg-type]
    value = raw.get("value")
    _check_value(value, operator, kind, options_of(key), f"{at}.value", problems)
    if isinstance(value, list):
        return Comparison(key, operator, tuple(value))
    return Comparison(key, operator, value)


def _check_value(
    value: Any,
    operator: Operator,
    kind: FieldType,
    option_ids: set[str] | None,
    at: str,
    problems: Problems,
) -> None:
    if operator in (Operator.IS_EMPTY, Operator.IS_NOT_EMPTY):
        return
    listed = operator in LIST_VALUED or (operator is Operator.EQUALS and kind in MULTI_CHOICE_TYPES)
    if listed:
        if not isinstance(value, list) or not value:
            problems.append({"field": at, "message": f"{operator.value} needs a list of values"})
            return
        values = value
    else:
        if isinstance(value, (list, dict)) or value is None:
            problems.append({"field": at, "message": f"{operator.value} needs one value"})
            return
        values = [value]
    if any(isinstance(v, (list, dict, bool)) or v is None for v in values):
        problems.append({"field": at, "message": "values must be strings or numbers"})
        return
    if operator is Operator.BETWEEN:
        if len(values) != 2 or not all(_is_number(v) for v in values):
            problems.append({"field": at, "message": "between needs [low, high] numbers"})
        elif float(values[0]) > float(values[1]):
            problems.append({"field": at, "message": "between's low bound is above its high"})
        return
    if kind is FieldType.NUMBER and not all(_is_number(v) for v in values):
        problems.append({"field": at, "message": "must be numbers for a number field"})
    if option_ids is not None:
        unknown = [str(v) for v in values if str(v) not in option_ids]
        if unknown:
            problems.append({"field": at, "message": f"no option {', '.join(unknown)}"})


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def with_answers_as_values(condition: Condition, answers: Mapping[str, Any]) -> Condition:
    """``condition`` with each ``valueFromField`` marker replaced by that field's answer."""
    if isinstance(condition, Group):
        children = tuple(with_answers_as_values(c, answers) for c in condition.children)
        return Group(condition.kind, children)
    value = condition.value
    if isinstance(value, dict) and "valueFromField" in value:
        answer = answers.get(value["valueFromField"])
        if isinstance(answer, list):
            answer = tuple(answer)
        return Comparison(condition.key, condition.operator, answer)
    return condition


# --- routes --------------------------------------------------------------------------------


def route_documents_to_engine(routes: list[dict[str, Any]], fields: list[FormField]) -> list[Route]:
    """The stored routes as the engine's (stored routes were checked when written)."""
    by_id = {f.id: f for f in fields}
    problems: Problems = []
    engine_routes = []
    for route in routes:
        condition = parse_condition(
            route.get("queryValue"), "queryValue", problems, key_name="field",
            kind_of=lambda key: by_id[key].type if key in by_id else None,
            options_of=lambda key: None,
        )  # fmt: skip
        engine_routes.append(Route(route["id"], condition, bool(route.get("isFallback"))))
    return engine_routes
