"""Names the body keys a v2 request sent that no field takes (``X-Slotwise-Ignored-Fields``).

v2 drops unknown keys, as Cal.com's whitelist does, so a client that sends a misspelt or
stored spelling (``bookingLimitsCount: {"PER_DAY": 2}``, ``periodType``) gets a 200 and no
effect. The request is still served; the header (and a debug log line) says what was dropped,
so the mistake can be found. The top-level input model records what it ignored while
validating (``http.inputs``); this middleware gives each request its own record and turns it
into the header.
"""

from __future__ import annotations

import logging
import types
import typing
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Slotwise-Ignored-Fields"
_MAX_REPORTED = 50  # a header stays short whatever the body holds

logger = logging.getLogger(__name__)
_ignored: ContextVar[list[str] | None] = ContextVar("ignored_body_fields", default=None)


def note(paths: list[str]) -> None:
    """Records ignored keys for the current request (nothing outside a request)."""
    record = _ignored.get()
    if record is not None and paths:
        record.extend(paths)
        logger.debug("ignored body fields: %s", ", ".join(paths))


def ignored_keys(model: type[BaseModel], raw: Any, prefix: str = "") -> Iterator[str]:
    """Dotted paths of ``raw``'s keys that ``model`` (and the models nested in it) have no
    field for; an array's items are named ``key[]``."""
    if not isinstance(raw, Mapping):
        return
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    for key, value in raw.items():
        field = fields.get(key) if isinstance(key, str) else None
        if field is None:
            yield f"{prefix}{key}"
            continue
        yield from _ignored_below(field.annotation, value, f"{prefix}{key}")


def _ignored_below(annotation: Any, value: Any, path: str) -> Iterator[str]:
    if isinstance(value, list):
        item_models = _models_in(_list_item(annotation))
        for item in value:
            yield from _ignored_in_any(item_models, item, f"{path}[].")
    elif isinstance(value, Mapping):
        yield from _ignored_in_any(_models_in(annotation), value, f"{path}.")


def _ignored_in_any(models: list[type[BaseModel]], raw: Any, prefix: str) -> Iterator[str]:
    """For a union of shapes: a key is ignored when no shape takes it."""
    if not models or not isinstance(raw, Mapping):
        return
    if len(models) == 1:
        yield from ignored_keys(models[0], raw, prefix)
        return
    for key in raw:
        taker = next((m for m in models if key in _field_names(m)), None)
        if taker is None:
            yield f"{prefix}{key}"
        else:
            yield from ignored_keys(taker, {key: raw[key]}, prefix)


def _field_names(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation admits (through Optional, unions and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [m for member in typing.get_args(annotation) for m in _models_in(member)]
    return []


def _list_item(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _list_item(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        items = [_list_item(member) for member in typing.get_args(annotation)]
        found = [item for item in items if item is not None]
        return found[0] if found else None
    if origin is list:
        return typing.get_args(annotation)[0]
    return None


class ReportIgnoredFields:
    """Pure ASGI middleware: one record per request, sent back as ``HEADER`` when not empty."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        record: list[str] = []
        token = _ignored.set(record)

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start" and record:
                names = list(dict.fromkeys(record))[:_MAX_REPORTED]
                headers = list(message.get("headers", []))
                headers.append((HEADER.lower().encode(), ", ".join(names).encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            _ignored.reset(token)
