"""Cal.com's response envelopes: v2 wraps data, v1 answers the bare object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field
from pydantic_core import to_json
from starlette.responses import JSONResponse

T = TypeVar("T")

SUCCESS = "success"


class SuccessEnvelope(BaseModel, Generic[T]):
    status: Literal["success"] = "success"
    data: T


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorEnvelope(BaseModel):
    status: Literal["error"] = "error"
    timestamp: str
    path: str
    error: ErrorBody


class V1Error(BaseModel):
    message: str


def success(data: T) -> SuccessEnvelope[T]:
    return SuccessEnvelope[T](data=data)


class SerializedJSONResponse(JSONResponse):
    """A JSON response whose content is JSON bytes already (``success_response``)."""

    def render(self, content: Any) -> bytes:
        assert isinstance(content, bytes)
        return content


def success_response(
    data: Any, status_code: int = 200, *, exclude_none: bool = False, **siblings: Any
) -> JSONResponse:
    """The success envelope around ``data`` (models, lists of models or plain JSON), with
    optional sibling keys such as ``pagination``, serialized once: pydantic-core writes the
    bytes straight from the models and dicts, where ``model_dump`` to dicts, a second
    envelope model and ``json.dumps`` walked every answer three times. ``exclude_none``
    leaves out a model's unset optional fields (as ``model_dump(exclude_none=True)``)."""
    body = {"status": SUCCESS, "data": data, **siblings}
    return SerializedJSONResponse(
        to_json(body, by_alias=False, exclude_none=exclude_none), status_code=status_code
    )


def v2_error_body(
    path: str, code: str, message: str, details: Any = None, *, now: datetime | None = None
) -> dict[str, Any]:
    """Cal.com's error envelope; ``now`` is the app's clock (the system clock when absent)."""
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {
        "status": "error",
        "timestamp": format_instant(now or datetime.now(UTC)),
        "path": path,
        "error": error,
    }


def format_instant(instant: datetime) -> str:
    """ISO-8601 in UTC with milliseconds and a Z, as Cal.com writes instants."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{instant.microsecond // 1000:03d}Z"
    )


def _is_none(value: object) -> bool:
    return value is None


def absent_when_unset(description: str | None = None) -> Any:
    """An output field Cal.com leaves out of its JSON when unset (undefined), rather than
    write null: left out of the dump when None, and optional (not required) in the OpenAPI,
    so a client validating answers against it knows the key may be absent."""
    return Field(None, exclude_if=_is_none, description=description)


def documented(status: int, model: Any, description: str) -> dict[int | str, dict[str, Any]]:
    """A route's ``responses=`` entry for one success status."""
    return {status: {"model": model, "description": description}}


# Declared on routes so OpenAPI (and schemathesis) know every status a route may answer.
V2_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorEnvelope, "description": "Invalid input"},
    401: {"model": ErrorEnvelope, "description": "Missing, unknown or expired API key"},
    403: {"model": ErrorEnvelope, "description": "Not allowed"},
    404: {"model": ErrorEnvelope, "description": "Not found"},
    409: {"model": ErrorEnvelope, "description": "Conflicts with the current state"},
}
V1_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": V1Error, "description": spec["description"]}
    for code, spec in V2_ERROR_RESPONSES.items()
}
