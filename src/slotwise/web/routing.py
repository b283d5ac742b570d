"""How the pages are routed: a page router whose ``/{username}`` paths never shadow the API,
the readers of a page's query or posted form, and the HTML (or JSON) 404."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import Scope

from slotwise.users.usernames import RESERVED_USERNAMES
from slotwise.web.rendering import branding, render

# First path segments that are never a username (the API, docs, static files ...).
RESERVED_SEGMENTS = RESERVED_USERNAMES | {"v1", "v2", "static", "docs", "redoc", "openapi.json"}


class PageRoute(APIRoute):
    """A page route whose ``{username}`` never matches a reserved first segment, so a
    mistyped ``/v2/...`` path still gets the API's JSON 404 (or 405), not a booking page;
    nor another method (``POST /nowhere`` is a 404, not a 405)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if self.path.startswith("/{username}"):
            first = str(scope.get("path", "")).lstrip("/").split("/", 1)[0]
            if first.lower() in RESERVED_SEGMENTS:
                return Match.NONE, {}
            match, child = super().matches(scope)
            # Another method on a page path is no page at all: 404, as for any unknown path.
            return (Match.NONE, {}) if match is Match.PARTIAL else (match, child)
        return super().matches(scope)


def page_router() -> APIRouter:
    """A router of pages: ``PageRoute``s, none of them in the OpenAPI document."""
    return APIRouter(route_class=PageRoute, include_in_schema=False)


async def posted_form(request: Request) -> dict[str, list[str]]:
    """The posted form as every value of each name (text fields only)."""
    form = await request.form()
    return {
        key: [value for value in form.getlist(key) if isinstance(value, str)]
        for key in form.keys()  # noqa: SIM118 - FormData is a multi-dict, not a dict
    }


PostedForm = Annotated[dict[str, list[str]], Depends(posted_form)]


def query_reader(request: Request) -> Callable[[str], str | None]:
    return lambda name: request.query_params.get(name)


def form_reader(posted: Mapping[str, Sequence[str]]) -> Callable[[str], str | None]:
    def read(name: str) -> str | None:
        values = posted.get(name)
        return values[-1] if values else None

    return read


def not_found(request: Request, embed: bool = False) -> HTMLResponse:
    """A page for people (browsers ask for HTML); any other client gets the API's JSON 404."""
    if "text/html" not in request.headers.get("accept", ""):
        raise StarletteHTTPException(404)
    return render(
        "not_found.html", status_code=404, title="Not found", embed=embed, **branding(None)
    )
