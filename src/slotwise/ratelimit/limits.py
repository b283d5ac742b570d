"""Fixed windows and the decision a count makes: allowed or not, and the headers that say so."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``requests`` in each window of ``seconds`` (windows aligned on the epoch, so
    every process agrees where one ends)."""

    requests: int
    seconds: int

    def window_start(self, now: float) -> int:
        return int(now // self.seconds) * self.seconds


@dataclass(frozen=True, slots=True)
class Count:
    """A bucket's hits in its current window, as a counter answered them."""

    hits: int
    window_start: int


class Counter(Protocol):
    """Where hits are counted: in process, a PostgreSQL table, or Redis."""

    #: True when a call may wait on the network (the middleware then runs it in a thread).
    blocking: bool

    def hit(self, bucket: str, limit: Limit, now: float) -> Count:
        """Count one more hit in the bucket's current window and answer the new total,
        atomically (two processes hitting at once both see their own hit counted)."""
        ...

    def peek(self, bucket: str, limit: Limit, now: float) -> Count:
        """The bucket's hits in its current window, counting nothing."""
        ...

    def close(self) -> None:
        """Let go of connections (the application's shutdown)."""
        ...


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_after: int  # whole seconds until the window ends

    @classmethod
    def of(cls, count: Count, limit: Limit, now: float) -> Decision:
        ends = count.window_start + limit.seconds
        return cls(
            allowed=count.hits <= limit.requests,
            limit=limit.requests,
            remaining=max(0, limit.requests - count.hits),
            reset_after=max(1, math.ceil(ends - now)),
        )

    def headers(self) -> dict[str, str]:
        """What every limited response carries; a refusal adds ``Retry-After``."""
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_after),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.reset_after)
        return headers
