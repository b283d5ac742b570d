"""The limit on bookings per attendee email, asked by the booking use case through its session
(the application attaches its limiter to the session factories it makes)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from slotwise.ratelimit.errors import RateLimited
from slotwise.ratelimit.limiter import RateLimiter

LIMITER_KEY = "slotwise_rate_limiter"  # Session.info key


def attach_limiter(factory: sessionmaker[Session], limiter: RateLimiter) -> None:
    factory.kw.setdefault("info", {})[LIMITER_KEY] = limiter


def charge_booking_for(session: Session, attendee_email: str, *, now: datetime) -> None:
    """Counts one booking for the attendee; raises ``RateLimited`` past the limit. Sessions
    with no limiter (the CLI, limits switched off) count nothing."""
    limiter = session.info.get(LIMITER_KEY)
    if not isinstance(limiter, RateLimiter):
        return
    decision = limiter.charge_booking(attendee_email, now)
    if decision is not None and not decision.allowed:
        raise RateLimited("Too many bookings for this attendee's email; try again later", decision)
