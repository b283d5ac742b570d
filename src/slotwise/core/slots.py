"""Slot start times inside free ranges (spec/scheduling.md §2, §3)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from itertools import accumulate, repeat
from operator import add
from zoneinfo import ZoneInfo

from slotwise.core.intervals import Interval, Span, spans_of
from slotwise.core.working_hours import local_day

ALIGNMENT_STEPS = (60, 30, 20, 15, 10, 5)

_ONE_MINUTE = timedelta(minutes=1)
_NO_TIME = timedelta()
# Rounding up moves an instant at most one step forward on the local clock; a second round is
# only needed when that move crosses a UTC-offset change that is not a multiple of the step
# (Australia/Lord_Howe's 30-minute DST with a 60-minute step). Four rounds is ample.
_MAX_ALIGN_ROUNDS = 4


def alignment_step(frequency_minutes: int) -> int:
    """The largest of 60, 30, 20, 15, 10, 5 dividing the frequency, else 1 (45 -> 15)."""
    frequency = max(frequency_minutes, 1)
    for step in ALIGNMENT_STEPS:
        if frequency % step == 0:
            return step
    return 1


def slot_starts(
    free: Sequence[Interval],
    *,
    length: timedelta,
    frequency: timedelta,
    earliest: datetime,
    offset_start: timedelta = timedelta(),
    align_zone: ZoneInfo | None = None,
) -> list[datetime]:
    """Sorted, unique UTC starts of every slot that fits wholly in a free range.

    ``earliest`` = now + minimum notice: no slot starts before it. Each range's first
    candidate is max(range start, earliest) rounded up to the alignment step on the clock of
    ``align_zone`` (None = UTC), plus ``offset_start``; then every frequency + offset_start.
    A slot fits when start + length <= range end. Across ranges one slot per instant, and a
    later range's first candidate inside an emitted slot snaps to that slot's grid (§2.5).
    """
    return starts_in_spans(
        spans_of(free),
        length=length,
        frequency=frequency,
        earliest=earliest,
        offset_start=offset_start,
        align_zone=align_zone,
    )


def starts_in_spans(
    free: Sequence[Span],
    *,
    length: timedelta,
    frequency: timedelta,
    earliest: datetime,
    offset_start: timedelta = timedelta(),
    align_zone: ZoneInfo | None = None,
) -> list[datetime]:
    """``slot_starts`` over spans (the engine's form)."""
    # §2: a frequency or length below one minute is raised to one minute; a non-zero offset
    # below one minute (negative included) is raised to one minute; an offset of 0 stays 0.
    length = max(length, _ONE_MINUTE)
    frequency = max(frequency, _ONE_MINUTE)
    if offset_start != _NO_TIME and offset_start < _ONE_MINUTE:
        offset_start = _ONE_MINUTE
    step = timedelta(minutes=alignment_step(frequency // _ONE_MINUTE))
    stride = frequency + offset_start
    earliest = earliest.astimezone(UTC)

    starts: list[datetime] = []  # every start emitted so far, sorted
    for range_start, range_end in sorted(free):
        last_fitting = range_end - length  # a slot fits iff its start <= this
        candidate = max(range_start, earliest)
        if candidate > last_fitting:
            continue  # cannot fit even before rounding
        candidate = _align_up(candidate, step, align_zone) + offset_start
        if starts:
            candidate = _snap(candidate, starts, stride)
        if candidate > last_fitting:
            continue
        count = (last_fitting - candidate) // stride + 1
        emitted = list(accumulate(repeat(stride, count - 1), add, initial=candidate))
        if not starts or emitted[0] > starts[-1]:
            starts.extend(emitted)  # ranges sorted and apart (the usual case)
        else:
            starts = sorted(set(starts).union(emitted))  # overlapping ranges: one per instant
    return starts


def _align_up(instant: datetime, step: timedelta, zone: ZoneInfo | None) -> datetime:
    """The first instant at or after ``instant`` whose local clock (in ``zone``; None = UTC)
    reads a whole multiple of ``step`` minutes past the hour, with zero seconds.

    Sub-minute parts count as lateness: 08:10:07 is past 08:10, so step 5 gives 08:15.
    The result is in UTC.
    """
    instant = instant.astimezone(UTC)
    for _ in range(_MAX_ALIGN_ROUNDS):
        local = instant if zone is None else instant.astimezone(zone)
        past_mark = (
            timedelta(minutes=local.minute, seconds=local.second, microseconds=local.microsecond)
            % step
        )
        if not past_mark:
            break
        instant += step - past_mark
    return instant


def _snap(candidate: datetime, starts: list[datetime], stride: timedelta) -> datetime:
    """§2.5: a first candidate strictly inside an emitted slot's [t, t + stride) joins that
    slot's grid at t + stride.

    Cal.com moves back to t when t is inside the range and forward to t + stride otherwise;
    moving back only emits t again, so both give the same starts and we always move forward.
    Cal.com also takes the first such t in emission order where we take the latest emitted
    start before the candidate. They agree: ranges are taken in start order, so a range's grid
    either continues an earlier one (through this snap) or starts after every earlier slot's
    [t, t + stride); emitted starts are never less than a stride apart and at most one t
    qualifies. (The tests compare with a transcription of Cal.com's loop.)
    """
    position = bisect_left(starts, candidate) - 1
    if position >= 0 and candidate < starts[position] + stride:
        return starts[position] + stride
    return candidate


def by_local_date(starts: Iterable[datetime], zone: ZoneInfo) -> dict[str, list[datetime]]:
    """Starts grouped by their calendar date (YYYY-MM-DD) in ``zone``, dates in order.

    Sorted instants give the dates in order too, so a date's key is computed once: at its
    first start, which also gives the instant the next date begins (one zone conversion per
    date, not per start)."""
    grouped: dict[str, list[datetime]] = {}
    same_date: list[datetime] = []
    next_date_begins: datetime | None = None
    for start in sorted(starts):
        if next_date_begins is None or start >= next_date_begins:
            day = start.astimezone(zone).date()
            same_date = grouped.setdefault(day.isoformat(), [])
            next_date_begins = local_day(zone, day)[1]
        same_date.append(start)
    return grouped


def first_of_each_date(grouped: dict[str, list[datetime]]) -> dict[str, list[datetime]]:
    """onlyShowFirstAvailableSlot: the first slot of each date."""
    return {date: starts[:1] for date, starts in grouped.items()}
