"""Counting in PostgreSQL: one atomic upsert per hit, in its own short transaction, so every
server process on the database shares the counts."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, case, delete, func, select
from sqlalchemy.dialects.postgresql import insert

from slotwise.db import make_engine
from slotwise.ratelimit.limits import Count, Limit
from slotwise.ratelimit.models import RateLimitCounter

RATE_LIMIT_POOL = 6  # connections of the counter's own pool, at most
SWEEP_SECONDS = 60  # how often one process deletes ended windows


class DatabaseCounter:
    blocking = True

    def __init__(self, engine: Engine, *, owns_engine: bool = False) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("DatabaseCounter counts in PostgreSQL; SQLite counts in process")
        self._engine = engine
        self._owns_engine = owns_engine
        self._sweep_lock = threading.Lock()
        self._next_sweep = 0.0

    @classmethod
    def of_url(cls, url: str) -> DatabaseCounter:
        """A counter with a connection pool of its own: a booking's per-attendee hit happens
        while the request holds one of the app's connections, and must never wait for
        another from the same pool (requests holding one each could starve it). A hit holds
        its connection for one statement, so a few serve many requests; a bigger pool would
        only take connection slots the server may not have."""
        return cls(
            make_engine(url, pool_size=2, max_overflow=RATE_LIMIT_POOL - 2), owns_engine=True
        )

    def hit(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        new = insert(RateLimitCounter).values(
            bucket=bucket, window_start=start, hits=1, expires_at=start + limit.seconds
        )
        # ON CONFLICT takes the row's lock: concurrent hits queue on it and each sees its own.
        # A newer window starts again at 1; a process whose clock lags counts into the
        # window the row already holds.
        upsert = new.on_conflict_do_update(
            index_elements=[RateLimitCounter.bucket],
            set_={
                "hits": case(
                    (
                        RateLimitCounter.window_start >= new.excluded.window_start,
                        RateLimitCounter.hits + 1,
                    ),
                    else_=1,
                ),
                "window_start": func.greatest(
                    RateLimitCounter.window_start, new.excluded.window_start
                ),
                "expires_at": func.greatest(RateLimitCounter.expires_at, new.excluded.expires_at),
            },
        ).returning(RateLimitCounter.hits, RateLimitCounter.window_start)
        with self._engine.begin() as connection:
            hits, window_start = connection.execute(upsert).one()
        self._sweep_now_and_then(now)
        return Count(hits, window_start)

    def peek(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        query = select(RateLimitCounter.hits, RateLimitCounter.window_start).where(
            RateLimitCounter.bucket == bucket
        )
        with self._engine.connect() as connection:
            found = connection.execute(query).one_or_none()
        if found is None or found.window_start < start:
            return Count(0, start)
        return Count(found.hits, found.window_start)

    def close(self) -> None:
        if self._owns_engine:
            self._engine.dispose()

    def _sweep_now_and_then(self, now: float) -> None:
        """Rows of callers not seen since their window ended (an address that came once)."""
        with self._sweep_lock:
            if now < self._next_sweep:
                return
            self._next_sweep = now + SWEEP_SECONDS
        with self._engine.begin() as connection:
            connection.execute(
                delete(RateLimitCounter).where(RateLimitCounter.expires_at <= int(now))
            )
