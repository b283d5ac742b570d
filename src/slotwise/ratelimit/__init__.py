"""Rate limits: how many requests a caller may make in a window, counted where every server
process sees the same numbers (PostgreSQL or Redis; in process on SQLite's single process).

A domain-free layer, like ``slotwise.http``: it knows callers by their API key's hash or
their address, and bookings ask it once per creation about the attendee's email.
"""

from slotwise.ratelimit.attendees import attach_limiter, charge_booking_for
from slotwise.ratelimit.errors import RateLimited
from slotwise.ratelimit.install import install_rate_limits
from slotwise.ratelimit.limiter import RateLimiter, rate_limiter
from slotwise.ratelimit.limits import Decision, Limit
from slotwise.ratelimit.middleware import EnforceRateLimits

__all__ = [
    "Decision",
    "EnforceRateLimits",
    "Limit",
    "RateLimited",
    "RateLimiter",
    "attach_limiter",
    "charge_booking_for",
    "install_rate_limits",
    "rate_limiter",
]
