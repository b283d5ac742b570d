"""The ``cal-api-version`` header, read once per request by middleware and handed to routers.

Cal.com's rule: an exact match with a known version is used as is; anything else (missing,
empty, unknown, other case) means the legacy 2024-04-15 shapes.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.types import ASGIApp, Receive, Scope, Send

from slotwise.errors import Invalid

API_VERSION_HEADER = "cal-api-version"


class ApiVersion(enum.StrEnum):
    V2024_04_15 = "2024-04-15"  # legacy: what version-less requests get
    V2024_06_11 = "2024-06-11"  # schedules
    V2024_06_14 = "2024-06-14"  # event types
    V2024_08_13 = "2024-08-13"  # bookings
    V2024_09_04 = "2024-09-04"  # slots

    @classmethod
    def from_header(cls, raw: str | None) -> ApiVersion:
        if raw is None:
            return cls.V2024_04_15
        try:
            return cls(raw)
        except ValueError:
            return cls.V2024_04_15


LEGACY_API_VERSION = ApiVersion.V2024_04_15
_HEADER_BYTES = API_VERSION_HEADER.encode("latin-1")


class ResolveApiVersion:
    """Pure ASGI middleware: reads the header once into ``request.state.api_version``
    (cheaper than ``BaseHTTPMiddleware``, which runs the app in a separate task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = next((v for k, v in scope["headers"] if k == _HEADER_BYTES), None)
            version = ApiVersion.from_header(raw.decode("latin-1") if raw is not None else None)
            scope.setdefault("state", {})["api_version"] = version
        await self.app(scope, receive, send)


async def api_version(request: Request) -> ApiVersion:
    """The version the middleware resolved for this request."""
    version: ApiVersion = getattr(request.state, "api_version", LEGACY_API_VERSION)
    return version


ApiVersionDep = Annotated[ApiVersion, Depends(api_version)]


def version_not_served(version: ApiVersion, paths: str, served: str, hint: str = "") -> Invalid:
    """The 400 for a known version that these paths do not serve (spec/legacy.md §6: where
    Cal.com answers a bare 404, we name the versions that would work)."""
    message = f"{API_VERSION_HEADER} {version.value} is not served by {paths}, which serve {served}"
    if hint:
        message += f"; {hint}"
    return Invalid(
        message, details=[{"field": API_VERSION_HEADER, "location": "header", "message": message}]
    )


def serving(
    served: tuple[ApiVersion, ...], paths: str, hint: str = ""
) -> Callable[[ApiVersion], Coroutine[Any, Any, ApiVersion]]:
    """A dependency answering the request's version when ``paths`` serve it, else the 400
    of ``version_not_served`` naming the versions they do serve."""

    async def served_version(version: ApiVersionDep) -> ApiVersion:
        if version not in served:
            raise version_not_served(version, paths, ", ".join(v.value for v in served), hint)
        return version

    # Read by the OpenAPI document (http/openapi.py) to publish the header these paths take.
    served_version.served_versions = served  # type: ignore[attr-defined]
    return served_version


def version_header_parameter(served: tuple[ApiVersion, ...]) -> dict[str, Any]:
    """The OpenAPI header parameter for paths serving ``served``: required and one of them
    when the legacy default is not among them; otherwise optional, and any value but a known
    version they refuse (a missing or unknown value means the legacy default)."""
    values = [version.value for version in served]
    if LEGACY_API_VERSION not in served:
        return {
            "name": API_VERSION_HEADER,
            "in": "header",
            "required": True,
            "schema": {"type": "string", "enum": values},
        }
    refused = [version.value for version in ApiVersion if version not in served]
    schema: dict[str, Any] = {"type": "string"}
    if refused:
        schema["not"] = {"enum": refused}
    return {
        "name": API_VERSION_HEADER,
        "in": "header",
        "required": False,
        "schema": schema,
        "description": f"{', '.join(values)}; none or an unknown value means "
        f"{LEGACY_API_VERSION.value}",
    }
