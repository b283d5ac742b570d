"""A booker's answers against an event type's booking fields (no database)."""

from __future__ import annotations

from typing import Any

import pytest

from slotwise.event_types import booking_fields
from slotwise.event_types.answers import AnswerProblem, answer_problem, checked_answers

OPTIONS = [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}]


def field(type_: str, **extra: Any) -> dict[str, Any]:
    return {"name": "q", "type": type_, "required": False, "hidden": False, **extra}


class TestAnswerProblem:
    @pytest.mark.parametrize(
        ("type_", "value"),
        [
            ("text", "hello"),
            ("textarea", ""),
            ("phone", "+442071234567"),
            ("phone", ""),
            ("url", "https://example.com/x"),
            ("number", 3.5),
            ("boolean", False),
            ("select", "a"),
            ("radio", "b"),
            ("multiselect", ["a", "b"]),
            ("checkbox", []),
            ("multiemail", ["a@example.com"]),
            ("unknown-type", object()),
        ],
    )
    def test_accepts_an_answer_of_its_type(self, type_: str, value: Any) -> None:
        assert answer_problem(field(type_, options=OPTIONS), value) is None

    @pytest.mark.parametrize(
        ("type_", "value", "message"),
        [
            ("text", 3, "must be a string"),
            ("address", "x" * 10_001, "must be at most 10000 characters"),
            ("phone", "0207", "must be an E.164 number such as +442071234567"),
            ("url", "ftp://example.com", "must be an http(s) URL"),
            ("number", float("nan"), "must be a finite number"),
            ("number", True, "must be a finite number"),
            ("boolean", "yes", "must be true or false"),
            ("select", "c", "must be one of: a, b"),
            ("checkbox", ["a", "c"], "must be a list of: a, b"),
            ("multiemail", "a@example.com", "must be a list of email addresses"),
            ("multiemail", ["nope"], "'nope' is not a valid email address"),
        ],
    )
    def test_names_what_is_wrong(self, type_: str, value: Any, message: str) -> None:
        assert answer_problem(field(type_, options=OPTIONS), value) == message

    def test_no_answer_is_no_problem(self) -> None:
        assert answer_problem(field("number"), None) is None


class TestCheckedAnswers:
    def form(self) -> list[dict[str, Any]]:
        return booking_fields.default_booking_fields() + [
            booking_fields.custom_field(name="size", type_="select", label="Size", required=True,
                                        options=OPTIONS),
            booking_fields.custom_field(name="secret", type_="text", label="", required=True,
                                        hidden=True),
        ]  # fmt: skip

    def test_keeps_answers_and_drops_empty_ones(self) -> None:
        kept, problems = checked_answers(self.form(), {"size": "a", "notes": ""})
        assert (kept, problems) == ({"size": "a"}, [])

    def test_names_the_booking_field_of_each_problem(self) -> None:
        _kept, problems = checked_answers(self.form(), {"size": "z", "email": "a@b.c", "x": 1})
        assert problems == [
            AnswerProblem("size", "must be one of: a, b"),
            AnswerProblem("email", "is not a booking field of this event type"),
            AnswerProblem("x", "is not a booking field of this event type"),
        ]

    def test_required_fields_the_booker_answers(self) -> None:
        # The hidden field and the server's title are not the booker's to answer.
        _kept, problems = checked_answers(self.form(), {})
        assert problems == [AnswerProblem("size", "is required")]
