"""Base classes for request bodies. Known fields are validated strictly (a string is not a
number, a number is not a datetime) in every version; unknown fields follow Cal.com:

- v2 drops them silently (class-validator's whitelist), spec/legacy.md §6;
- v1 refuses them with a 400 naming them (zod ``.strict()``).

Numbers are read as JavaScript reads them: ``30.0`` is the integer 30 (clients generated from
the OpenAPI, or written in Python, send integers as floats), while ``30.5`` stays a float and
is refused where an integer is expected.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel, ConfigDict, ModelWrapValidatorHandler, model_validator

from slotwise.http import ignored_fields

# Set while a top-level input validates, so the models nested in it do not report again.
_validating_input: ContextVar[bool] = ContextVar("validating_input", default=False)


def integral_floats_as_ints(value: Any) -> Any:
    """``value`` with every float that has no fractional part turned into an int, in nested
    objects and arrays too (free-form JSON such as metadata included, as JavaScript would)."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {key: integral_floats_as_ints(item) for key, item in value.items()}
    if isinstance(value, list):
        return [integral_floats_as_ints(item) for item in value]
    return value


class _JsonInput(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def _numbers_as_javascript_reads_them(cls, data: Any) -> Any:
        return integral_floats_as_ints(data)


class V2Input(_JsonInput):
    """Unknown keys are dropped, and named in the response's ``X-Slotwise-Ignored-Fields``."""

    model_config = ConfigDict(extra="ignore", strict=True)

    @model_validator(mode="wrap")
    @classmethod
    def _report_ignored_keys(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        if _validating_input.get():
            return handler(data)
        token = _validating_input.set(True)
        try:
            validated = handler(data)
        finally:
            _validating_input.reset(token)
        ignored_fields.note(list(ignored_fields.ignored_keys(cls, data)))
        return validated


class V1Input(_JsonInput):
    model_config = ConfigDict(extra="forbid", strict=True)
