"""Half-open intervals of UTC instants, and the set algebra the engine is built from.

An ``Interval`` is ``[start, end)``: two intervals that only touch (one ends when the next
starts) do not overlap, so back-to-back meetings are allowed. Lists of intervals passed to
and returned by these functions are "normalized": sorted, non-overlapping, non-touching
(``merge`` produces that form from anything).

The engine's inner loops work on ``Span``s, plain ``(start, end)`` tuples of the same
instants: a tuple costs a tenth of a checked ``Interval`` to make, sorts and compares in C,
and the pipeline makes tens of thousands of them for a large team. Each operation is written
once, on spans; the ``Interval`` functions are its checked face for everyone else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import attrgetter

Span = tuple[datetime, datetime]  # [start, end), start < end, both aware UTC


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
    return intervals_of(merge_spans(map(_bounds, intervals)))


# attrgetter reads both bounds in C; the dataclass's own accessors are Python-level.
_bounds = attrgetter("start", "end")


def spans_of(intervals: Iterable[Interval]) -> list[Span]:
    return list(map(_bounds, intervals))


def intervals_of(spans: Iterable[Span]) -> list[Interval]:
    return [Interval(start, end) for start, end in spans]


def union(*groups: Iterable[Interval]) -> list[Interval]:
    return merge(interval for group in groups for interval in group)


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """What two normalized lists share (a linear sweep)."""
    return intervals_of(intersect_spans(spans_of(first), spans_of(second)))


def intersect_all(groups: Sequence[Sequence[Interval]]) -> list[Interval]:
    """What every normalized list shares; nothing when there are no lists."""
    return intervals_of(intersect_all_spans([spans_of(group) for group in groups]))


def subtract(ranges: Sequence[Interval], busy: Iterable[Interval]) -> list[Interval]:
    """``ranges`` (normalized) minus every busy interval (any order, may overlap)."""
    return intervals_of(subtract_spans(spans_of(ranges), merge_spans(map(_bounds, busy))))


# --- the same operations on spans (the engine's inner loops) ---------------------------------


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """The union of any spans, normalized (touching spans join)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intersect_spans(first: Sequence[Span], second: Sequence[Span]) -> list[Span]:
    """What two normalized span lists share (a linear sweep)."""
    shared: list[Span] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            shared.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return shared


def intersect_all_spans(groups: Sequence[Sequence[Span]]) -> list[Span]:
    """What every normalized span list shares; nothing when there are no lists."""
    if not groups:
        return []
    shared = list(groups[0])
    for group in groups[1:]:
        shared = intersect_spans(shared, group)
        if not shared:
            break
    return shared


def subtract_spans(ranges: Sequence[Span], blocked: Sequence[Span]) -> list[Span]:
    """Normalized ``ranges`` minus normalized ``blocked`` (a linear sweep)."""
    free: list[Span] = []
    j = 0
    for range_start, range_end in ranges:
        cursor = range_start
        # Skip blocks that end before this range starts (ranges are sorted, so they cannot
        # matter for later ranges either).
        while j < len(blocked) and blocked[j][1] <= cursor:
            j += 1
        k = j
        while k < len(blocked) and blocked[k][0] < range_end:
            if blocked[k][0] > cursor:
                free.append((cursor, blocked[k][0]))
            cursor = max(cursor, blocked[k][1])
            if cursor >= range_end:
                break
            k += 1
        if cursor < range_end:
            free.append((cursor, range_end))
    return free


def clip(ranges: Sequence[Interval], window: Interval) -> list[Interval]:
    """The parts of normalized ``ranges`` inside ``window``."""
    return intersect(ranges, [window])


def total(ranges: Iterable[Interval]) -> timedelta:
    return sum((interval.duration for interval in ranges), timedelta())
