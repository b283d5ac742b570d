"""The booking form: Cal.com's system fields, custom fields, and their two API shapes.

Stored shape (Cal.com's, which the legacy API also answers): one dict per field,
``{"name", "type", "editable", "required", "hidden", "label"?, "placeholder"?,
"options"?: [{"label", "value"}], "disableOnPrefill"?}``. ``editable`` is ``"system"`` or
``"system-but-optional"`` for the system fields and ``"user"`` for custom ones.

A form always has the ``name`` and ``email`` fields. A new event type gets every system field
with Cal.com's defaults; a client's list replaces the custom fields and adjusts the system
fields it names (the rest keep their defaults).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

# Cal.com's system fields, in the order its booking form shows them.
SYSTEM_FIELDS: dict[str, dict[str, Any]] = {
    "name": {
        "name": "name", "type": "name", "editable": "system", "required": True, "hidden": False,
    },
    "email": {
        "name": "email", "type": "email", "editable": "system-but-optional", "required": True,
        "hidden": False,
    },
    "location": {
        "name": "location", "type": "radioInput", "editable": "system", "required": False,
        "hidden": False,
    },
    "title": {
        "name": "title", "type": "text", "editable": "system-but-optional", "required": True,
        "hidden": True,
    },
    "notes": {
        "name": "notes", "type": "textarea", "editable": "system-but-optional",
        "required": False, "hidden": False,
    },
    "guests": {
        "name": "guests", "type": "multiemail", "editable": "system-but-optional",
        "required": False, "hidden": False,
    },
    "rescheduleReason": {
        "name": "rescheduleReason", "type": "textarea", "editable": "system-but-optional",
        "required": False, "hidden": False,
    },
}  # fmt: skip
ALWAYS_PRESENT = ("name", "email")
# Custom field types (spec §3.3); the option types carry a list of choices.
PLAIN_TYPES = ("phone", "address", "text", "number", "textarea", "multiemail", "boolean", "url")
OPTION_TYPES = ("select", "multiselect", "checkbox", "radio")
CUSTOM_TYPES = PLAIN_TYPES + OPTION_TYPES
SYSTEM_EDITABLE = frozenset({"system", "system-but-optional"})
# What a client may change on a system field (the rest is fixed by Cal.com's form).
SYSTEM_SETTINGS = ("label", "placeholder", "required", "hidden", "disableOnPrefill")


def default_booking_fields() -> list[dict[str, Any]]:
    """Every system field with its defaults: a new event type's form."""
    return [copy.deepcopy(field) for field in SYSTEM_FIELDS.values()]


def system_field(name: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """A system field with the client's settings applied over its defaults."""
    field = copy.deepcopy(SYSTEM_FIELDS[name])
    field.update({key: value for key, value in settings.items() if key in SYSTEM_SETTINGS})
    return field


def custom_field(
    *,
    name: str,
    type_: str,
    label: str | None,
    required: bool,
    hidden: bool = False,
    placeholder: str | None = None,
    options: Iterable[Mapping[str, str]] | None = None,
    disable_on_prefill: bool | None = None,
) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": type_,
        "editable": "user",
        "required": required,
        "hidden": hidden,
        "label": label or "",
    }
    if placeholder is not None:
        field["placeholder"] = placeholder
    if type_ in OPTION_TYPES:
        field["options"] = [dict(option) for option in options or ()]
    if disable_on_prefill is not None:
        field["disableOnPrefill"] = disable_on_prefill
    return field


def booking_form(
    system: Mapping[str, Mapping[str, Any]], custom: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The stored form: every system field (adjusted by ``system``), then the custom ones."""
    form = [system_field(name, system.get(name, {})) for name in SYSTEM_FIELDS]
    return form + list(custom)


def is_system(field: Mapping[str, Any]) -> bool:
    return field.get("editable") in SYSTEM_EDITABLE and field.get("name") in SYSTEM_FIELDS


def with_required_fields(stored: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The stored form, with ``name`` and ``email`` put first when a stored form lacks them
    (rows written before the form was filled in)."""
    fields = [dict(field) for field in stored]
    present = {field.get("name") for field in fields}
    missing = [system_field(name, {}) for name in ALWAYS_PRESENT if name not in present]
    return missing + fields


def visible(fields: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a booker sees: hidden fields left out (Cal.com's public answers)."""
    return [field for field in fields if not field.get("hidden")]


# --- the 2024-06-14 shape ----------------------------------------------------------------------


def to_api_2024_06_14(field: Mapping[str, Any]) -> dict[str, Any]:
    """One stored field in the 2024-06-14 output shape (``slug``, ``isDefault``; options as
    their values)."""
    if is_system(field):
        name = field["name"]
        shown: dict[str, Any] = {
            "isDefault": True,
            "type": field["type"],
            "slug": name,
            "required": bool(field.get("required")),
        }
        if name != "name":
            shown["hidden"] = bool(field.get("hidden"))
        for key in ("label", "placeholder"):
            if field.get(key) is not None and not (name == "location" and key == "placeholder"):
                shown[key] = field[key]
        if name != "location":
            shown["disableOnPrefill"] = bool(field.get("disableOnPrefill"))
        return shown
    shown = {
        "isDefault": False,
        "type": field.get("type"),
        "slug": field.get("name"),
        "label": field.get("label") or "",
        "required": bool(field.get("required")),
        "hidden": bool(field.get("hidden")),
        "disableOnPrefill": bool(field.get("disableOnPrefill")),
    }
    if field.get("placeholder") is not None:
        shown["placeholder"] = field["placeholder"]
    if field.get("type") in OPTION_TYPES:
        shown["options"] = [option.get("value") for option in field.get("options") or ()]
    return shown
