"""Maps every error to Cal.com's shapes, once: the v2 envelope, or v1's ``{"message"}``.

Validation failures are 400 (Cal.com's class-validator behaviour) and name each field.
Ids are bounded where they are parsed (``http/params.py``); a number that still overflows a
PostgreSQL column (SQLSTATE 22003) came from the client and is a 400 too.
A database that cannot take the request (PostgreSQL out of connection slots or starting up,
a pool with no free connection, SQLite's lock held past its timeout) is a 503 with
``Retry-After``: nothing was written, and a retry soon may work.
Unexpected errors are logged with their traceback and answered 500 without one.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from slotwise.errors import SlotwiseError, describe_problems
from slotwise.http.envelope import v2_error_body

logger = logging.getLogger("slotwise.http")

HTTP_STATUS_CODES = {
    400: "BadRequestException",
    401: "UnauthorizedException",
    403: "ForbiddenException",
    404: "NotFoundException",
    405: "MethodNotAllowedException",
    409: "ConflictException",
    413: "PayloadTooLargeException",
    415: "UnsupportedMediaTypeException",
    422: "UnprocessableEntityException",
    429: "ThrottlerException",
    503: "ServiceUnavailableException",
}


def is_v1(request: Request) -> bool:
    path = request.url.path
    return path == "/v1" or path.startswith("/v1/")


def error_response(
    request: Request, status_code: int, code: str, message: str, details: Any = None
) -> JSONResponse:
    if is_v1(request):
        return JSONResponse({"message": message}, status_code=status_code)
    return JSONResponse(
        v2_error_body(request.url.path, code, message, details, now=_clock_now(request)),
        status_code=status_code,
    )


def _clock_now(request: Request) -> datetime | None:
    """The app's injected clock, so error timestamps agree with everything else."""
    clock = getattr(request.app.state, "clock", None)
    return clock.now() if clock is not None else None


def describe_validation_errors(errors: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """One readable line naming every bad field, plus the per-field details."""
    details: list[dict[str, str]] = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        source = location[0] if location else "request"
        field = ".".join(location[1:]) if len(location) > 1 else source
        if error.get("type") == "json_invalid":
            message = "the request body is not valid JSON"
            field = "body"
        elif error.get("type") == "extra_forbidden":
            message = "is not a known field"
        else:
            message = str(error.get("msg", "is invalid"))
            message = message.removeprefix("Value error, ")
        details.append({"field": field, "location": source, "message": message})
    return describe_problems(details), details


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this request's path (asked through the public
    ``matches`` of each route, which also works for FastAPI's nested included routers).

    A path the API documents literally (``/v2/schedules/default``) offers exactly its
    documented methods: ``PATCH /v2/schedules/{scheduleId}`` matches the text ``default``
    but refuses it as an id, so advertising PATCH there would be untrue."""
    documented = request.app.openapi().get("paths", {}).get(request.url.path)
    if documented:
        return [method for method in HTTP_METHODS if method.lower() in documented]
    allowed = []
    for method in HTTP_METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SlotwiseError)
    async def _domain_error(request: Request, exc: SlotwiseError) -> JSONResponse:
        return error_response(request, exc.status_code, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        message, details = describe_validation_errors(list(exc.errors()))
        return error_response(request, 400, "BadRequestException", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_STATUS_CODES.get(exc.status_code, "HttpException")
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"Cannot {request.method} {request.url.path}"
        response = error_response(request, exc.status_code, code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        if exc.status_code == 405:
            # Starlette lists only the first matching route's methods; a resource served by
            # one route per method (GET + PATCH /v2/me) must list them all (RFC 9110 15.5.6).
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> JSONResponse:
        if getattr(exc.orig, "sqlstate", None) == NUMERIC_VALUE_OUT_OF_RANGE:
            return _out_of_range(request)
        return await _unexpected_error(request, exc)

    @app.exception_handler(IntegrityError)
    async def _integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
        if getattr(exc.orig, "sqlstate", None) == EXCLUSION_VIOLATION:
            # The busy-time exclusion constraint (PostgreSQL) refused a double booking that
            # got past the service's check: the request lost the slot.
            logger.warning("exclusion constraint refused a booking on %s", request.url.path)
            return error_response(
                request,
                409,
                "ConflictException",
                "The slot is no longer available: another booking of the host overlaps it",
            )
        return await _unexpected_error(request, exc)

    @app.exception_handler(OperationalError)
    async def _database_error(request: Request, exc: OperationalError) -> JSONResponse:
        if database_busy(exc):
            return _database_unavailable(request, exc)
        return await _unexpected_error(request, exc)

    @app.exception_handler(PoolTimeout)
    async def _pool_timeout(request: Request, exc: PoolTimeout) -> JSONResponse:
        return _database_unavailable(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "InternalServerErrorException", "Internal server error")


NUMERIC_VALUE_OUT_OF_RANGE = "22003"
# SQLSTATE classes of a server that cannot take a session now: connection exceptions (08),
# insufficient resources such as too_many_connections (53), operator intervention such as
# cannot_connect_now while starting or shutting down (57P).
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "53", "57P")
DATABASE_RETRY_AFTER_SECONDS = 1
EXCLUSION_VIOLATION = "23P01"


def database_busy(exc: OperationalError) -> bool:
    """Whether the database refused the session for now, rather than the statement being
    wrong: a retry of the same request may succeed."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is not None:
        return str(sqlstate).startswith(UNAVAILABLE_SQLSTATE_PREFIXES)
    if exc.connection_invalidated:
        return True
    message = str(exc.orig)
    # psycopg reports a refused connection attempt without a SQLSTATE; SQLite its lock.
    return "connection failed" in message or "database is locked" in message


def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    logger.warning(
        "database unavailable on %s %s: %s",
        request.method,
        request.url.path,
        exc.__class__.__name__,
    )
    response = error_response(
        request, 503, "ServiceUnavailableException",
        "The database cannot take the request right now; retry in a moment.",
    )  # fmt: skip
    response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def _out_of_range(request: Request) -> JSONResponse:
    logger.info("number out of range on %s %s", request.method, request.url.path, exc_info=True)
    return error_response(
        request, 400, "BadRequestException", "Invalid request: a number is out of range"
    )
