"""Routing forms' logic (Cal.com's routing forms): which route a set of answers takes, and
which of a team's round-robin hosts an attribute filter leaves.

Pure: the caller hands the form's routes and the visitor's answers; nothing is read.

A condition is a tree: a group (``all`` / ``any`` of its children; an empty group matches)
or a comparison of one key (a field id, or for attribute routing an attribute id) with a
value. Routes are tried in order; the first whose condition holds wins; a fallback route is
taken only when no other route matches (wherever it sits in the list).

Comparisons:
- text answers compare case-insensitively, with surrounding blanks ignored;
- a number answer compares as a number (a text that is not a number matches nothing but
  ``not_equals``, ``not_in`` and ``is_not_empty``);
- a choice answer (select, radio) is an option id; a multi-choice answer (multiselect,
  checkbox) a list of option ids: ``equals`` means the same set, ``contains`` that it holds
  the value, ``in`` that it shares one with the values, ``not_in`` that it shares none;
- ``is_empty``: no answer, a blank text or an empty list.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

Answer = str | int | float | Sequence[str] | None
Value = str | int | float | Sequence[str | int | float] | None


class Operator(enum.StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    CONTAINS = "contains"
    STARTS_WITH = "starts_with"
    IN = "in"
    NOT_IN = "not_in"
    BETWEEN = "between"
    GREATER_THAN = "greater_than"
    LESS_THAN = "less_than"
    IS_EMPTY = "is_empty"
    IS_NOT_EMPTY = "is_not_empty"


class FieldType(enum.StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    EMAIL = "email"
    PHONE = "phone"
    SELECT = "select"
    MULTISELECT = "multiselect"
    RADIO = "radio"
    CHECKBOX = "checkbox"


TEXT_TYPES = frozenset({FieldType.TEXT, FieldType.TEXTAREA, FieldType.EMAIL, FieldType.PHONE})
CHOICE_TYPES = frozenset({FieldType.SELECT, FieldType.RADIO})
MULTI_CHOICE_TYPES = frozenset({FieldType.MULTISELECT, FieldType.CHECKBOX})
OPTION_TYPES = CHOICE_TYPES | MULTI_CHOICE_TYPES

_EMPTINESS = {Operator.IS_EMPTY, Operator.IS_NOT_EMPTY}
_SETS = {Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN}
FITTING_OPERATORS: Mapping[FieldType, frozenset[Operator]] = {
    **{
        t: frozenset(_SETS | _EMPTINESS | {Operator.CONTAINS, Operator.STARTS_WITH})
        for t in TEXT_TYPES
    },
    FieldType.NUMBER: frozenset(
        _SETS | _EMPTINESS | {Operator.BETWEEN, Operator.GREATER_THAN, Operator.LESS_THAN}
    ),
    **{t: frozenset(_SETS | _EMPTINESS) for t in CHOICE_TYPES},
    **{t: frozenset(_SETS | _EMPTINESS | {Operator.CONTAINS}) for t in MULTI_CHOICE_TYPES},
}
# Operators whose value is a list (``between``: exactly two bounds, low then high).
LIST_VALUED = frozenset({Operator.IN, Operator.NOT_IN, Operator.BETWEEN})


def operator_fits(field_type: FieldType, operator: Operator) -> bool:
    return operator in FITTING_OPERATORS[field_type]


@dataclass(frozen=True, slots=True)
class Comparison:
    key: str  # a field id (or an attribute id when filtering members)
    operator: Operator
    value: Value = None


@dataclass(frozen=True, slots=True)
class Group:
    kind: Literal["all", "any"]
    children: tuple[Condition, ...] = ()


Condition = Comparison | Group


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    condition: Condition = field(default_factory=lambda: Group("all"))
    is_fallback: bool = False


def holds(condition: Condition, answers: Mapping[str, Answer]) -> bool:
    """Whether the answers satisfy the condition."""
    if isinstance(condition, Group):
        results = (holds(child, answers) for child in condition.children)
        return all(results) if condition.kind == "all" else any(results)
    return _compare(condition.operator, answers.get(condition.key), condition.value)


def route_for(routes: Sequence[Route], answers: Mapping[str, Answer]) -> Route | None:
    """The first non-fallback route whose condition holds, else the first fallback route,
    else None."""
    for route in routes:
        if not route.is_fallback and holds(route.condition, answers):
            return route
    return next((route for route in routes if route.is_fallback), None)


def members_matching(
    members: Mapping[int, Mapping[str, Answer]], condition: Condition | None
) -> tuple[list[int], bool]:
    """Attribute routing: the member ids (sorted) whose attributes satisfy ``condition``, and
    whether that was a fallback. No condition, or no member matching it, leaves every member
    (Cal.com's documented fallback: the booking goes to the whole round robin)."""
    everyone = sorted(members)
    if condition is None:
        return everyone, False
    chosen = [user_id for user_id in everyone if holds(condition, members[user_id])]
    if not chosen:
        return everyone, True
    return chosen, False


# --- comparisons ---------------------------------------------------------------------------


def _compare(operator: Operator, answer: Answer, value: Value) -> bool:
    if operator is Operator.IS_EMPTY:
        return _is_empty(answer)
    if operator is Operator.IS_NOT_EMPTY:
        return not _is_empty(answer)
    if operator in (Operator.NOT_EQUALS, Operator.NOT_IN):
        positive = Operator.EQUALS if operator is Operator.NOT_EQUALS else Operator.IN
        return not _compare(positive, answer, value)
    if _is_empty(answer):
        return False
    if isinstance(answer, (list, tuple)):
        return _compare_many([_text(a) for a in answer], operator, value)
    return _compare_one(answer, operator, value)  # type: ignore[arg-type]


def _compare_many(answer: list[str], operator: Operator, value: Value) -> bool:
    given = set(answer)
    if operator is Operator.EQUALS:
        return given == {_text(v) for v in _listed(value)}
    if operator is Operator.CONTAINS:
        return _text(value) in given
    if operator is Operator.IN:
        return bool(given & {_text(v) for v in _listed(value)})
    return False


def _compare_one(answer: str | int | float, operator: Operator, value: Value) -> bool:
    if operator in (Operator.BETWEEN, Operator.GREATER_THAN, Operator.LESS_THAN):
        number = _number(answer)
        if number is None:
            return False
        if operator is Operator.BETWEEN:
            bounds = [_number(v) for v in _listed(value)]
            if len(bounds) != 2 or bounds[0] is None or bounds[1] is None:
                return False
            return bounds[0] <= number <= bounds[1]
        other = _number(value) if not isinstance(value, (list, tuple)) else None
        if other is None:
            return False
        return number > other if operator is Operator.GREATER_THAN else number < other
    if operator is Operator.EQUALS:
        return _same(answer, value)
    if operator is Operator.IN:
        return any(_same(answer, v) for v in _listed(value))
    text = _text(answer)
    if operator is Operator.CONTAINS:
        return _text(value) in text
    if operator is Operator.STARTS_WITH:
        return text.startswith(_text(value))
    return False


def _same(answer: str | int | float, value: Value) -> bool:
    if isinstance(value, (list, tuple)) or value is None:
        return False
    left, right = _number(answer), _number(value)
    if left is not None and right is not None:
        return left == right
    return _text(answer) == _text(value)


def _is_empty(answer: Answer) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple)):
        return not [a for a in answer if _text(a)]
    return False


def _listed(value: Value) -> list[str | int | float]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]  # type: ignore[list-item]


def _text(value: object) -> str:
    return str(value).strip().casefold() if value is not None else ""


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
