"""Bodies whose shape depends on ``cal-api-version``: routes read the JSON themselves and
validate it with the chosen version's model, so a 400 names fields as that version spells
them. FastAPI documents only bodies it parses, so such routes publish their schemas here."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from slotwise.http.envelope import success_response
from slotwise.http.openapi import inline_json_schema

ModelT = TypeVar("ModelT", bound=BaseModel)


async def json_body(request: Request) -> Any:
    """The request's JSON, parsed but not yet validated; an empty body is ``{}`` (every
    field of an action body may be left out)."""
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python goes
        raise RequestValidationError(
            [{"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error"}]
        ) from None


async def required_json_body(request: Request) -> Any:
    """The request's JSON, as ``json_body``, except that an empty body is a 400 (a body a
    create or update cannot do without)."""
    if not (await request.body()).strip():
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "a JSON body is required"}]
        )
    return await json_body(request)


JsonBody = Annotated[Any, Depends(json_body)]
RequiredJsonBody = Annotated[Any, Depends(required_json_body)]


def parse_body(
    model: type[ModelT], raw: Any, *, hidden: Callable[[str | int], bool] | None = None
) -> ModelT:
    """Validates ``raw`` as ``model``; errors become the usual 400 naming each field.
    ``hidden`` says which parts of an error's location are the model's own bookkeeping
    (e.g. the tags of a tagged union) rather than what the client wrote."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = [
            {
                "type": e["type"],
                "loc": ("body", *(part for part in e["loc"] if not (hidden and hidden(part)))),
                "msg": e["msg"],
            }
            for e in exc.errors(include_url=False, include_input=False, include_context=False)
        ]
        raise RequestValidationError(errors) from None


def json_body_schema(*models: type[BaseModel], required: bool = True) -> dict[str, Any]:
    """``openapi_extra`` publishing the body as any of ``models``."""
    schemas = [inline_json_schema(m) for m in models]
    schema = schemas[0] if len(schemas) == 1 else {"anyOf": schemas}
    return {
        "requestBody": {
            "required": required,
            "content": {"application/json": {"schema": schema}},
        }
    }


def respond(data: Any, status_code: int = 200, **siblings: Any) -> JSONResponse:
    """The success envelope around ``data`` (models, lists of models or plain JSON), with
    optional sibling keys such as ``pagination`` (one serialization pass: see
    ``success_response``)."""
    return success_response(data, status_code, **siblings)
