"""The refusal a caller over its limit gets: 429 in Cal.com's envelope, with ``Retry-After``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from slotwise.errors import SlotwiseError
from slotwise.http.errors import error_response
from slotwise.ratelimit.limits import Decision

THROTTLED = "ThrottlerException"  # the code Cal.com's NestJS throttler puts in its envelope


class RateLimited(SlotwiseError):
    status_code = 429
    code = THROTTLED

    def __init__(self, message: str, decision: Decision) -> None:
        super().__init__(message)
        self.decision = decision


def install_rate_limited_handler(app: FastAPI) -> None:
    """Raised inside a route (a booking for an attendee mailed too often): the envelope every
    error gets, plus the limit's headers."""

    @app.exception_handler(RateLimited)
    async def _rate_limited(request: Request, exc: RateLimited) -> JSONResponse:
        response = error_response(request, exc.status_code, exc.code, exc.message)
        response.headers.update(exc.decision.headers())
        return response
