"""Counters of every backend, on the real services: PostgreSQL (when configured, as for every
API test) and the Redis at 127.0.0.1:6379 (``SLOTWISE_TEST_REDIS_URL`` to point elsewhere).
Each Redis test counts under a key prefix of its own."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from slotwise.ratelimit.limits import Counter

REDIS_URL = os.environ.get("SLOTWISE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_url() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:  # a missing Redis fails the run, never skips it
        pytest.fail(f"Redis at {REDIS_URL} is unreachable: {exc}")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    prefix = f"slotwise-test:{uuid.uuid4().hex}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


def close(counter: Counter) -> None:
    counter.close()
