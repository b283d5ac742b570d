"""The limits on web sign-in attempts, per account (its email) and per address, asked by the
accounts service through its session (as the bookings-per-attendee limit is)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from slotwise.ratelimit.attendees import LIMITER_KEY
from slotwise.ratelimit.callers import sha256
from slotwise.ratelimit.errors import RateLimited
from slotwise.ratelimit.limiter import RateLimiter

TOO_MANY = "Too many sign-in attempts; try again later"


def charge_sign_in_for(session: Session, email: str, address: str, *, now: datetime) -> None:
    """Counts one attempt against the account and the address; raises ``RateLimited`` once
    either is past its limit. Counted before the password is checked, so guessing costs the
    same whether it succeeds or not."""
    limiter = session.info.get(LIMITER_KEY)
    if not isinstance(limiter, RateLimiter):
        return
    limits = limiter.limits
    account = limiter.charge(
        f"sign-in-account:{sha256(email.strip().lower())}", limits.sign_ins_per_account, now
    )
    place = limiter.charge(f"sign-in-address:{address}", limits.sign_ins_per_address, now)
    for decision in (account, place):
        if decision is not None and not decision.allowed:
            raise RateLimited(TOO_MANY, decision)
