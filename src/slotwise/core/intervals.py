"""Half-open intervals of UTC instants, and the set algebra the engine is built from.

An ``Interval`` is ``[start, end)``: two intervals that only touch (one ends when the next
starts) do not overlap, so back-to-back meetings are allowed. Lists of intervals passed to
and returned by these functions are "normalized": sorted, non-overlapping, non-touching
(``merge`` produces that form from anything).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import attrgetter


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Interval needs timezone-aware instants")
        if not self.start < self.end:
            raise ValueError(f"Interval must end after it starts: {self.start} .. {self.end}")

    @classmethod
    def of(cls, start: datetime, end: datetime) -> Interval:
        """The interval in UTC (inputs in any zone name the same instants)."""
        return cls(start.astimezone(UTC), end.astimezone(UTC))

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end

    def widened(self, before: timedelta, after: timedelta) -> Interval:
        """Grown by ``before`` at the start and ``after`` at the end (buffers)."""
        return Interval(self.start - before, self.end + after)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of any intervals, normalized (touching intervals join)."""
    # attrgetter keys compare as tuples in C; the dataclass's own __lt__ is Python-level.
    ordered = sorted(intervals, key=_bounds)
    merged: list[Interval] = []
    for interval in ordered:
        if merged and interval.start <= merged[-1].end:
            if interval.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, interval.end)
        else:
            merged.append(interval)
    return merged


_bounds = attrgetter("start", "end")


def union(*groups: Iterable[Interval]) -> list[Interval]:
    return merge(interval for group in groups for interval in group)


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """What two normalized lists share (a linear sweep)."""
    shared: list[Interval] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i].start, second[j].start)
        end = min(first[i].end, second[j].end)
        if start < end:
            shared.append(Interval(start, end))
        if first[i].end < second[j].end:
            i += 1
        else:
            j += 1
    return shared


def intersect_all(groups: Sequence[Sequence[Interval]]) -> list[Interval]:
    """What every normalized list shares; nothing when there are no lists."""
    if not groups:
        return []
    shared = list(groups[0])
    for group in groups[1:]:
        shared = intersect(shared, group)
        if not shared:
            break
    return shared


def subtract(ranges: Sequence[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """``ranges`` (normalized) minus every busy interval (any order, may overlap)."""
    blocked = merge(busy)
    free: list[Interval] = []
    j = 0
    for interval in ranges:
        cursor = interval.start
        # Skip busy intervals that end before this range starts (ranges are sorted, so they
        # cannot matter for later ranges either).
        while j < len(blocked) and blocked[j].end <= cursor:
            j += 1
        k = j
        while k < len(blocked) and blocked[k].start < interval.end:
            if blocked[k].start > cursor:
                free.append(Interval(cursor, blocked[k].start))
            cursor = max(cursor, blocked[k].end)
            if cursor >= interval.end:
                break
            k += 1
        if cursor < interval.end:
            free.append(Interval(cursor, interval.end))
    return free


def clip(ranges: Sequence[Interval], window: Interval) -> list[Interval]:
    """The parts of normalized ``ranges`` inside ``window``."""
    return intersect(ranges, [window])


def total(ranges: Iterable[Interval]) -> timedelta:
    return sum((interval.duration for interval in ranges), timedelta())
