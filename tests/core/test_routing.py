"""slotwise.core.routing: every operator over every kind of answer, route order, fallback,
nested groups and attribute routing's narrowing."""

from __future__ import annotations

from typing import Any

import pytest

from slotwise.core.routing import (
    Comparison,
    FieldType,
    Group,
    Operator,
    Route,
    holds,
    members_matching,
    operator_fits,
    route_for,
)

Op = Operator

# (operator, answer, value, expected)
CASES: list[tuple[Operator, Any, Any, bool]] = [
    # equals: text case-insensitive and trimmed, numbers as numbers, choices as option ids
    (Op.EQUALS, "Germany", "germany", True),
    (Op.EQUALS, " DE ", "de", True),
    (Op.EQUALS, "DE", "FR", False),
    (Op.EQUALS, 50, "50.0", True),
    (Op.EQUALS, "50", 51, False),
    (Op.EQUALS, None, "x", False),
    (Op.EQUALS, ["a", "b"], ["b", "a"], True),
    (Op.EQUALS, ["a", "b"], ["a"], False),
    # not equals: the negation, so no answer is "not equal"
    (Op.NOT_EQUALS, "DE", "FR", True),
    (Op.NOT_EQUALS, "DE", "de", False),
    (Op.NOT_EQUALS, None, "de", True),
    (Op.NOT_EQUALS, ["a"], ["a"], False),
    # contains: a substring of a text, a member of a multi-choice
    (Op.CONTAINS, "jane@acme.com", "ACME", True),
    (Op.CONTAINS, "jane@acme.com", "globex", False),
    (Op.CONTAINS, ["opt-a", "opt-b"], "opt-b", True),
    (Op.CONTAINS, ["opt-a"], "opt-b", False),
    (Op.CONTAINS, None, "x", False),
    # starts with
    (Op.STARTS_WITH, "+49 30 1234", "+49", True),
    (Op.STARTS_WITH, "+33 1 2345", "+49", False),
    (Op.STARTS_WITH, "", "", False),
    # in / not in
    (Op.IN, "DE", ["at", "de", "ch"], True),
    (Op.IN, "FR", ["at", "de", "ch"], False),
    (Op.IN, 3, [1, 2, 3], True),
    (Op.IN, ["x", "y"], ["y", "z"], True),
    (Op.IN, ["x"], ["y", "z"], False),
    (Op.NOT_IN, "FR", ["at", "de"], True),
    (Op.NOT_IN, "DE", ["at", "de"], False),
    (Op.NOT_IN, None, ["at"], True),
    (Op.NOT_IN, ["x", "y"], ["y"], False),
    # between (inclusive) and the orderings, on numbers only
    (Op.BETWEEN, 50, [10, 50], True),
    (Op.BETWEEN, "10", ["10", "50"], True),
    (Op.BETWEEN, 51, [10, 50], False),
    (Op.BETWEEN, 9.5, [10, 50], False),
    (Op.BETWEEN, "many", [10, 50], False),
    (Op.BETWEEN, 20, [10], False),
    (Op.GREATER_THAN, 51, 50, True),
    (Op.GREATER_THAN, 50, 50, False),
    (Op.GREATER_THAN, "1e3", "999", True),
    (Op.GREATER_THAN, "lots", 50, False),
    (Op.LESS_THAN, 49, 50, True),
    (Op.LESS_THAN, 50, 50, False),
    (Op.LESS_THAN, None, 50, False),
    # emptiness
    (Op.IS_EMPTY, None, None, True),
    (Op.IS_EMPTY, "  ", None, True),
    (Op.IS_EMPTY, [], None, True),
    (Op.IS_EMPTY, "x", None, False),
    (Op.IS_EMPTY, 0, None, False),
    (Op.IS_NOT_EMPTY, "x", None, True),
    (Op.IS_NOT_EMPTY, ["a"], None, True),
    (Op.IS_NOT_EMPTY, None, None, False),
    (Op.IS_NOT_EMPTY, "", None, False),
]


@pytest.mark.parametrize(("operator", "answer", "value", "expected"), CASES)
def test_operator(operator: Operator, answer: Any, value: Any, expected: bool) -> None:
    condition = Comparison("f", operator, value)
    assert holds(condition, {"f": answer}) is expected


def test_every_operator_has_a_case() -> None:
    assert {case[0] for case in CASES} == set(Operator)


def test_operator_fitness_by_field_type() -> None:
    assert operator_fits(FieldType.NUMBER, Op.BETWEEN)
    assert not operator_fits(FieldType.TEXT, Op.BETWEEN)
    assert not operator_fits(FieldType.SELECT, Op.CONTAINS)
    assert operator_fits(FieldType.MULTISELECT, Op.CONTAINS)
    assert not operator_fits(FieldType.NUMBER, Op.STARTS_WITH)
    assert all(operator_fits(t, Op.IS_EMPTY) for t in FieldType)


SIZE_BIG = Comparison("size", Op.GREATER_THAN, 50)
GERMAN = Comparison("country", Op.EQUALS, "DE")


def test_nested_groups() -> None:
    # size > 50 AND (country = DE OR email ends up at acme)
    acme = Comparison("email", Op.CONTAINS, "acme")
    tree = Group("all", (SIZE_BIG, Group("any", (GERMAN, acme))))
    assert holds(tree, {"size": 80, "country": "DE", "email": "a@b.c"})
    assert holds(tree, {"size": 80, "country": "FR", "email": "x@acme.com"})
    assert not holds(tree, {"size": 80, "country": "FR", "email": "x@b.c"})
    assert not holds(tree, {"size": 10, "country": "DE", "email": "x@acme.com"})
    assert holds(Group("all"), {})  # an empty group matches (a catch-all route)
    assert not holds(Group("any"), {})


ROUTES = [
    Route("enterprise", SIZE_BIG),
    Route("fallback", is_fallback=True),  # wherever it sits, only when nothing else matches
    Route("german", GERMAN),
    Route("also-enterprise", Comparison("size", Op.GREATER_THAN, 10)),
]


@pytest.mark.parametrize(
    ("answers", "route_id"),
    [
        ({"size": 80, "country": "DE"}, "enterprise"),  # first match wins over german
        ({"size": 5, "country": "DE"}, "german"),
        ({"size": 20, "country": "FR"}, "also-enterprise"),
        ({"size": 5, "country": "FR"}, "fallback"),
        ({}, "fallback"),
    ],
)
def test_route_order_and_fallback(answers: dict[str, Any], route_id: str) -> None:
    route = route_for(ROUTES, answers)
    assert route is not None
    assert route.id == route_id


def test_no_route_and_no_fallback() -> None:
    assert route_for([Route("german", GERMAN)], {"country": "FR"}) is None


def test_attribute_routing_narrows_and_falls_back_to_everyone() -> None:
    members = {
        7: {"lang": ["de", "en"], "region": "emea"},
        3: {"lang": ["en"], "region": "amer"},
        5: {"lang": ["de"], "region": "emea"},
    }
    german = Comparison("lang", Op.CONTAINS, "de")
    assert members_matching(members, german) == ([5, 7], False)
    assert members_matching(members, Comparison("region", Op.EQUALS, "amer")) == ([3], False)
    assert members_matching(members, Comparison("lang", Op.CONTAINS, "fr")) == ([3, 5, 7], True)
    assert members_matching(members, None) == ([3, 5, 7], False)
