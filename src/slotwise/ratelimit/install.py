"""Wiring the limiter into an application: the middleware, the 429 handler, and the session
factories through which bookings reach the per-attendee limit."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from slotwise.clock import Clock
from slotwise.ratelimit.attendees import attach_limiter
from slotwise.ratelimit.errors import install_rate_limited_handler
from slotwise.ratelimit.limiter import RateLimiter
from slotwise.ratelimit.middleware import EnforceRateLimits


def install_rate_limits(
    app: FastAPI,
    limiter: RateLimiter,
    clock: Clock,
    factories: Iterable[sessionmaker[Session]],
) -> None:
    """Call after every other ``add_middleware``: the limit is checked first, before a
    refused request costs anything else."""
    app.add_middleware(EnforceRateLimits, limiter=limiter, clock=clock)
    install_rate_limited_handler(app)
    for factory in factories:
        attach_limiter(factory, limiter)
