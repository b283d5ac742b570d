"""A booker's answers checked against an event type's booking fields: known fields only,
required ones present, each answer of its field's type (options among the field's options)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

from slotwise.event_types.booking_fields import with_required_fields
from slotwise.event_types.locations import HTTP_URL

MAX_ANSWER_LENGTH = 10_000
E164_PHONE = re.compile(r"^\+[1-9][0-9]{6,14}$")
PHONE_MESSAGE = "must be an E.164 number such as +442071234567"
# Fields answered elsewhere in a booking request (attendee, guests, location), never among
# the answers.
ANSWERED_ELSEWHERE = frozenset({"name", "email", "guests", "location", "attendeePhoneNumber"})
# Cal.com's hidden system title: filled in by the server, never required of the booker.
SERVER_FILLED = frozenset({"title"})


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    field: str  # the booking field's name
    message: str


# (the booking field, an answer that is not None) -> what is wrong with it, or None
AnswerCheck = Callable[[Mapping[str, Any], Any], str | None]


def _text(field: Mapping[str, Any], value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if len(value) > MAX_ANSWER_LENGTH:
        return f"must be at most {MAX_ANSWER_LENGTH} characters"
    return None


def _phone(field: Mapping[str, Any], value: Any) -> str | None:
    problem = _text(field, value)
    if problem is None and value and not E164_PHONE.fullmatch(value):
        return PHONE_MESSAGE
    return problem


def _url(field: Mapping[str, Any], value: Any) -> str | None:
    return (
        None if isinstance(value, str) and HTTP_URL.fullmatch(value) else "must be an http(s) URL"
    )


def _number(field: Mapping[str, Any], value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    # NaN and infinities are not JSON: stored, they would break every webhook body.
    return None if ok and math.isfinite(value) else "must be a finite number"


def _boolean(field: Mapping[str, Any], value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _options(field: Mapping[str, Any]) -> list[Any]:
    return [o.get("value") for o in field.get("options") or [] if isinstance(o, dict)]


def _one_option(field: Mapping[str, Any], value: Any) -> str | None:
    options = _options(field)
    return None if value in options else f"must be one of: {', '.join(map(str, options))}"


def _some_options(field: Mapping[str, Any], value: Any) -> str | None:
    options = _options(field)
    if not isinstance(value, list) or any(v not in options for v in value):
        return f"must be a list of: {', '.join(map(str, options))}"
    return None


def _emails(field: Mapping[str, Any], value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return "must be a list of email addresses"
    for item in value:
        try:
            validate_email(item, check_deliverability=False)
        except EmailNotValidError:
            return f"{item!r} is not a valid email address"
    return None


# Each booking field type's check; a type not listed takes any answer.
ANSWER_CHECKS: dict[str, AnswerCheck] = {
    "text": _text,
    "textarea": _text,
    "address": _text,
    "name": _text,
    "email": _text,
    "radioInput": _text,
    "phone": _phone,
    "url": _url,
    "number": _number,
    "boolean": _boolean,
    "select": _one_option,
    "radio": _one_option,
    "multiselect": _some_options,
    "checkbox": _some_options,
    "multiemail": _emails,
}


def answer_problem(field: Mapping[str, Any], value: Any) -> str | None:
    """What is wrong with one answer to ``field`` (None: nothing; no answer is no problem)."""
    kind = field.get("type")
    check = ANSWER_CHECKS.get(kind) if isinstance(kind, str) else None
    return None if value is None or check is None else check(field, value)


def is_unanswered(value: Any) -> bool:
    return value is None or value == "" or value == []


def _answerable(stored: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The fields a booker answers in their responses, by name."""
    fields = with_required_fields(stored)
    return {f["name"]: f for f in fields if f["name"] not in ANSWERED_ELSEWHERE}


def _missing(fields: Mapping[str, Mapping[str, Any]], answers: Mapping[str, Any]) -> list[str]:
    """The required fields a booker left unanswered (hidden ones are not theirs to answer)."""
    return [
        name
        for name, field in fields.items()
        if field.get("required")
        and not field.get("hidden")
        and name not in SERVER_FILLED
        and is_unanswered(answers.get(name))
    ]


def checked_answers(
    stored: Iterable[Mapping[str, Any]], answers: Mapping[str, Any]
) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """The answers worth keeping (empty ones dropped), and every problem: an answer to no
    field of the form, an answer of the wrong type, a required field left unanswered."""
    fields = _answerable(stored)
    kept: dict[str, Any] = {}
    problems: list[AnswerProblem] = []
    for name, value in answers.items():
        field = fields.get(name)
        problem = (
            "is not a booking field of this event type"
            if field is None
            else answer_problem(field, value)
        )
        if problem:
            problems.append(AnswerProblem(name, problem))
        elif not is_unanswered(value):
            kept[name] = value
    problems += [AnswerProblem(name, "is required") for name in _missing(fields, answers)]
    return kept, problems
