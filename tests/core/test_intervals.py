"""The interval algebra, checked against a minute-by-minute model of the same sets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.intervals import (
    Interval,
    clip,
    intersect,
    intersect_all,
    merge,
    subtract,
    total,
    union,
)

BASE = datetime(2026, 3, 2, tzinfo=UTC)


def at(minute: int) -> datetime:
    return BASE + timedelta(minutes=minute)


def span(start: int, end: int) -> Interval:
    return Interval(at(start), at(end))


def minutes_of(intervals: list[Interval]) -> set[int]:
    """The set a list of intervals stands for, as whole minutes since BASE."""
    covered: set[int] = set()
    for interval in intervals:
        first = int((interval.start - BASE).total_seconds() // 60)
        last = int((interval.end - BASE).total_seconds() // 60)
        covered.update(range(first, last))
    return covered


def is_normalized(intervals: list[Interval]) -> bool:
    return all(a.end < b.start for a, b in zip(intervals, intervals[1:], strict=False))


spans = st.lists(
    st.tuples(st.integers(0, 600), st.integers(1, 120)).map(lambda t: span(t[0], t[0] + t[1])),
    max_size=12,
)


class TestInterval:
    def test_refuses_naive_and_empty_intervals(self) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            Interval(datetime(2026, 1, 1), datetime(2026, 1, 2))
        with pytest.raises(ValueError, match="end after"):
            span(10, 10)

    def test_touching_intervals_do_not_overlap(self) -> None:
        assert not span(0, 30).overlaps(span(30, 60))
        assert span(0, 31).overlaps(span(30, 60))

    def test_of_converts_to_utc(self) -> None:
        from zoneinfo import ZoneInfo

        berlin = ZoneInfo("Europe/Berlin")
        interval = Interval.of(
            datetime(2026, 7, 1, 9, tzinfo=berlin), datetime(2026, 7, 1, 10, tzinfo=berlin)
        )
        assert interval.start == datetime(2026, 7, 1, 7, tzinfo=UTC)
        assert interval.start.tzinfo is UTC

    def test_widened_adds_buffers(self) -> None:
        assert span(60, 90).widened(timedelta(minutes=15), timedelta(minutes=30)) == span(45, 120)


class TestExamples:
    def test_merge_joins_overlapping_and_touching(self) -> None:
        assert merge([span(50, 60), span(0, 10), span(10, 20), span(15, 30)]) == [
            span(0, 30),
            span(50, 60),
        ]

    def test_subtract_cuts_holes_and_edges(self) -> None:
        day = [span(9 * 60, 17 * 60)]
        busy = [span(10 * 60, 11 * 60), span(10 * 60 + 30, 12 * 60), span(16 * 60, 18 * 60)]
        assert subtract(day, busy) == [span(9 * 60, 10 * 60), span(12 * 60, 16 * 60)]

    def test_a_busy_interval_spanning_two_ranges_cuts_both(self) -> None:
        assert subtract([span(0, 60), span(120, 180)], [span(30, 150)]) == [
            span(0, 30),
            span(150, 180),
        ]

    def test_intersect_all_of_nothing_is_nothing(self) -> None:
        assert intersect_all([]) == []
        assert intersect_all([[span(0, 10)], [span(5, 20)], [span(0, 6)]]) == [span(5, 6)]

    def test_total(self) -> None:
        assert total([span(0, 30), span(60, 75)]) == timedelta(minutes=45)


class TestProperties:
    @settings(max_examples=300, deadline=None)
    @given(spans)
    def test_merge_is_the_union_and_normalized(self, intervals: list[Interval]) -> None:
        merged = merge(intervals)
        assert is_normalized(merged)
        assert minutes_of(merged) == minutes_of(intervals)

    @settings(max_examples=300, deadline=None)
    @given(spans, spans)
    def test_set_operations_match_the_model(self, a: list[Interval], b: list[Interval]) -> None:
        first, second = merge(a), merge(b)
        assert minutes_of(union(a, b)) == minutes_of(a) | minutes_of(b)
        assert minutes_of(intersect(first, second)) == minutes_of(a) & minutes_of(b)
        assert minutes_of(subtract(first, b)) == minutes_of(a) - minutes_of(b)
        for result in (union(a, b), intersect(first, second), subtract(first, b)):
            assert result == sorted(result)
            assert all(x.end <= y.start for x, y in zip(result, result[1:], strict=False))

    @settings(max_examples=200, deadline=None)
    @given(spans, st.integers(0, 600), st.integers(1, 200))
    def test_clip_keeps_only_the_window(self, a: list[Interval], start: int, length: int) -> None:
        window = span(start, start + length)
        clipped = clip(merge(a), window)
        assert minutes_of(clipped) == minutes_of(a) & minutes_of([window])
        assert all(window.contains(interval) for interval in clipped)
