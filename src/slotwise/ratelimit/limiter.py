"""The rate limits of one server: which limit applies to whom, counted by one backend."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from slotwise.config import Settings
from slotwise.ratelimit.callers import Caller, attendee_bucket
from slotwise.ratelimit.database import DatabaseCounter
from slotwise.ratelimit.limits import Count, Counter, Decision, Limit
from slotwise.ratelimit.memory import InProcessCounter
from slotwise.ratelimit.redis_counter import RedisCounter

log = logging.getLogger("slotwise.ratelimit")


@dataclass(frozen=True, slots=True)
class RateLimits:
    per_api_key: Limit
    per_address: Limit  # requests that present no API key
    failed_keys_per_address: Limit  # requests whose key was refused (401): guessing keys
    bookings_per_attendee: Limit  # so nobody floods an inbox through the booking form
    sign_ins_per_account: Limit  # web sign-in attempts on one email (password guessing)
    sign_ins_per_address: Limit  # web sign-in attempts from one address (many accounts)

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        window = settings.rate_limit_window_seconds
        return cls(
            per_api_key=Limit(settings.rate_limit_per_api_key, window),
            per_address=Limit(settings.rate_limit_per_address, window),
            failed_keys_per_address=Limit(settings.rate_limit_failed_keys_per_address, window),
            bookings_per_attendee=Limit(
                settings.rate_limit_bookings_per_attendee,
                settings.rate_limit_attendee_window_seconds,
            ),
            sign_ins_per_account=Limit(
                settings.rate_limit_sign_ins_per_account, settings.rate_limit_sign_in_window_seconds
            ),
            sign_ins_per_address=Limit(
                settings.rate_limit_sign_ins_per_address, settings.rate_limit_sign_in_window_seconds
            ),
        )


class RateLimiter:
    """Every method answers None when the backend cannot be reached: a limiter that fails
    must not take the API down with it (the failure is logged)."""

    def __init__(self, counter: Counter, limits: RateLimits) -> None:
        self.counter = counter
        self.limits = limits

    @property
    def blocking(self) -> bool:
        return self.counter.blocking

    def close(self) -> None:
        self.counter.close()

    def charge_request(self, caller: Caller, now: datetime) -> Decision | None:
        limit = self.limits.per_api_key if caller.key_hash else self.limits.per_address
        return self._decide(self.counter.hit, caller.bucket, limit, now)

    def failed_keys(self, caller: Caller, now: datetime) -> Decision | None:
        """Whether this address may still present keys (looked at, not counted)."""
        limit = self.limits.failed_keys_per_address
        return self._decide(self.counter.peek, caller.failed_keys_bucket, limit, now)

    def charge_failed_key(self, caller: Caller, now: datetime) -> None:
        limit = self.limits.failed_keys_per_address
        self._decide(self.counter.hit, caller.failed_keys_bucket, limit, now)

    def charge_booking(self, attendee_email: str, now: datetime) -> Decision | None:
        limit = self.limits.bookings_per_attendee
        return self._decide(self.counter.hit, attendee_bucket(attendee_email), limit, now)

    def charge(self, bucket: str, limit: Limit, now: datetime) -> Decision | None:
        """One more hit in any bucket (the sign-in limits name theirs)."""
        return self._decide(self.counter.hit, bucket, limit, now)

    def _decide(
        self, count: Callable[[str, Limit, float], Count], bucket: str, limit: Limit, now: datetime
    ) -> Decision | None:
        moment = now.timestamp()
        try:
            counted = count(bucket, limit, moment)
        except Exception:
            log.warning(
                "rate limits: the counter failed; letting the request through", exc_info=True
            )
            return None
        return Decision.of(counted, limit, moment)


def rate_limiter(settings: Settings) -> RateLimiter | None:
    """The server's limiter (None when limits are off): Redis when ``SLOTWISE_REDIS_URL`` is
    set, else the PostgreSQL table, else (SQLite: one process) counts in process."""
    if not settings.rate_limits_enabled:
        return None
    counter: Counter
    if settings.redis_url:
        counter = RedisCounter(settings.redis_url, prefix=settings.redis_key_prefix)
    elif not settings.is_sqlite:
        counter = DatabaseCounter.of_url(settings.resolved_database_url)
    else:
        counter = InProcessCounter()
    return RateLimiter(counter, RateLimits.from_settings(settings))
