"""The one family of domain errors. Services raise them; app.py maps them to HTTP once.

``code`` is the exception class name Cal.com's API puts in its error envelope.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any


class SlotwiseError(Exception):
    status_code = 500
    code = "InternalServerErrorException"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class Invalid(SlotwiseError):
    """The request can never succeed as sent (400)."""

    status_code = 400
    code = "BadRequestException"

    @classmethod
    def fields(cls, problems: list[dict[str, str]]) -> Invalid:
        """One error naming every bad field: ``problems`` = [{"field", "message"}, ...]."""
        return cls(describe_problems(problems), details=problems)

    @classmethod
    def field(cls, field: str, message: str) -> Invalid:
        return cls.fields([{"field": field, "message": message}])

    def renamed(self, names: Mapping[str, str]) -> Invalid:
        """The same problems under a face's own field names (``names``: domain field -> the
        face's). A path keeps its tail (``booking_fields[2].label`` -> ``bookingFields[2].label``);
        a problem said twice once renamed (two attributes of one nested field) is said once;
        an error without problems is returned as it is."""
        if not isinstance(self.details, list):
            return self
        problems: list[dict[str, str]] = []
        for problem in self.details:
            field = rename_field(str(problem.get("field", "")), names)
            renamed = {**problem, "field": field}
            if renamed not in problems:
                problems.append(renamed)
        return type(self).fields(problems)


@contextmanager
def fields_named(names: Mapping[str, str]) -> Iterator[None]:
    """A face (an API version, the web form) around a service call: the service's ``Invalid``
    names domain fields; the client reads its own."""
    try:
        yield
    except Invalid as exc:
        raise exc.renamed(names) from exc


_HEAD = re.compile(r"^([^.\[]+)(.*)$", re.DOTALL)


def rename_field(field: str, names: Mapping[str, str]) -> str:
    if field in names:
        return names[field]
    match = _HEAD.match(field)
    if match is None or match.group(1) not in names:
        return field
    return names[match.group(1)] + match.group(2)


def describe_problems(problems: list[dict[str, str]]) -> str:
    """'Invalid request: timeZone: must be ...; weekStart: ...': the line clients read."""
    return "Invalid request: " + "; ".join(f"{p['field']}: {p['message']}" for p in problems)


class Unauthorized(SlotwiseError):
    status_code = 401
    code = "UnauthorizedException"


class Forbidden(SlotwiseError):
    status_code = 403
    code = "ForbiddenException"


class NotFound(SlotwiseError):
    """Unknown, or belonging to someone the caller may not see (no existence leak)."""

    status_code = 404
    code = "NotFoundException"


class Conflict(SlotwiseError):
    """The request lost to the current state: a taken slot, a duplicate name (409)."""

    status_code = 409
    code = "ConflictException"

    def __init__(self, message: str, details: Any = None, *, reason: str | None = None) -> None:
        super().__init__(message, details)
        # A machine-readable cause for callers that answer in another vocabulary (the legacy
        # bookings API's error codes); not part of the response.
        self.reason = reason


class Unprocessable(SlotwiseError):
    """Well-formed, but contradicts what the server already holds: an ``Idempotency-Key``
    reused with another body (422)."""

    status_code = 422
    code = "UnprocessableEntityException"


class Unavailable(SlotwiseError):
    """The server cannot take the request right now; a retry later may work (503)."""

    status_code = 503
    code = "ServiceUnavailableException"
