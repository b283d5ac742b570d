"""Counting in Redis (``SLOTWISE_REDIS_URL``): one key per bucket and window, INCR and its
expiry set in one server-side script, so a crash between the two never leaves a key forever."""

from __future__ import annotations

from typing import Any

from slotwise.ratelimit.limits import Count, Limit

# KEYS[1]: the window's key; ARGV[1]: its lifetime in milliseconds.
HIT_SCRIPT = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits
"""
EXPIRY_SLACK_MS = 5_000  # a key outlives its window a little: clocks of processes differ


class RedisCounter:
    blocking = True

    def __init__(self, url: str, *, prefix: str = "slotwise:ratelimit:") -> None:
        import redis  # only a deployment that sets SLOTWISE_REDIS_URL needs the client

        self._client: Any = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._hit = self._client.register_script(HIT_SCRIPT)
        self._prefix = prefix

    def hit(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        lifetime_ms = limit.seconds * 1000 + EXPIRY_SLACK_MS
        hits = self._hit(keys=[self._key(bucket, start)], args=[lifetime_ms])
        return Count(int(hits), start)

    def peek(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        hits = self._client.get(self._key(bucket, start))
        return Count(int(hits or 0), start)

    def close(self) -> None:
        self._client.close()

    def _key(self, bucket: str, window_start: int) -> str:
        return f"{self._prefix}{bucket}:{window_start}"
