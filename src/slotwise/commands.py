"""What every typed command shares: ``UNSET``, the mark of a field its caller left out.

A change (a PATCH) carries only the fields its caller set; ``None`` is a value a caller may
set (clearing a setting), so "not given" needs a mark of its own.
"""

from __future__ import annotations

import enum
from dataclasses import fields
from typing import Any, TypeAlias, TypeVar


class Unset(enum.Enum):
    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET
T = TypeVar("T")
Maybe: TypeAlias = T | Unset  # a value, or UNSET


def given_fields(command: Any) -> dict[str, Any]:
    """The fields of a command dataclass its caller set, by name, in declaration order."""
    given: dict[str, Any] = {}
    for field in fields(command):
        value = getattr(command, field.name)
        if value is not UNSET:
            given[field.name] = value
    return given
