"""Counting in this process: right for SQLite's single server process, and nowhere else."""

from __future__ import annotations

import threading

from slotwise.ratelimit.limits import Count, Limit

SWEEP_EVERY = 1000  # hits between sweeps of ended windows


class InProcessCounter:
    blocking = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, Count] = {}
        self._ends: dict[str, int] = {}
        self._hits_since_sweep = 0

    def hit(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        with self._lock:
            current = self._counts.get(bucket)
            hits = current.hits + 1 if current and current.window_start >= start else 1
            count = Count(hits, max(start, current.window_start) if current else start)
            self._counts[bucket] = count
            self._ends[bucket] = count.window_start + limit.seconds
            self._sweep(now)
            return count

    def peek(self, bucket: str, limit: Limit, now: float) -> Count:
        start = limit.window_start(now)
        with self._lock:
            current = self._counts.get(bucket)
        if current is None or current.window_start < start:
            return Count(0, start)
        return current

    def close(self) -> None:
        pass  # nothing held

    def _sweep(self, now: float) -> None:
        """Forget buckets whose window has ended, so addresses seen once do not pile up."""
        self._hits_since_sweep += 1
        if self._hits_since_sweep < SWEEP_EVERY:
            return
        self._hits_since_sweep = 0
        for bucket in [b for b, ends in self._ends.items() if ends <= now]:
            del self._counts[bucket], self._ends[bucket]
