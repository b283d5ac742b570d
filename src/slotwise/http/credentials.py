"""Where a request presents its API key: v2 ``Authorization`` (with or without ``Bearer ``,
as Cal.com accepts), v1 the ``apiKey`` query parameter."""

from __future__ import annotations

from starlette.requests import Request

BEARER = "bearer "


def key_from_authorization(header: str | None) -> str | None:
    if header is None:
        return None
    header = header.strip()
    if header[: len(BEARER)].lower() == BEARER:
        header = header[len(BEARER) :].strip()
    return header or None


def presented_key_v2(request: Request) -> str | None:
    return key_from_authorization(request.headers.get("authorization"))


def presented_key_v1(request: Request) -> str | None:
    return request.query_params.get("apiKey") or None
