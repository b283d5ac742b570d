"""Booking limits and duration limits close whole local periods (spec/scheduling.md §6).

Expected instants are worked out by hand: America/New_York is UTC-4 in summer (EDT) and UTC-5
in winter (EST), switching on 2024-03-10 and 2024-11-03; Europe/Berlin is UTC+1 / UTC+2,
switching on 2026-03-29. June 2024: Sunday 2, Monday 3, Tuesday 4 ... Sunday 9.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.booking_window import CountedBooking, LimitUnit, limit_blocks
from slotwise.core.intervals import Interval, merge, subtract

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
JUNE_WEEK = Interval(datetime(2024, 6, 2, tzinfo=UTC), datetime(2024, 6, 9, tzinfo=UTC))
DAY, WEEK, MONTH, YEAR = LimitUnit.DAY, LimitUnit.WEEK, LimitUnit.MONTH, LimitUnit.YEAR


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def span(start: datetime, end: datetime) -> Interval:
    return Interval(start, end)


def booked(
    zone: ZoneInfo,
    year: int,
    month: int,
    day: int,
    hour: int,
    minute: int = 0,
    minutes: int = 30,
) -> CountedBooking:
    """A booking starting at a local wall-clock time."""
    start = datetime(year, month, day, hour, minute, tzinfo=zone).astimezone(UTC)
    return CountedBooking(start=start, duration=timedelta(minutes=minutes))


def blocks(
    bookings: list[CountedBooking],
    *,
    window: Interval = JUNE_WEEK,
    zone: ZoneInfo = NEW_YORK,
    count: dict[LimitUnit, int] | None = None,
    duration: dict[LimitUnit, int] | None = None,
    requested: int = 30,
    week_start: int = 0,
) -> list[Interval]:
    return limit_blocks(
        bookings,
        window=window,
        zone=zone,
        count_limits=count or {},
        duration_limits=duration or {},
        requested_duration=timedelta(minutes=requested),
        week_start=week_start,
    )


class TestDayLimit:
    def test_two_bookings_on_tuesday_close_exactly_tuesday_local(self) -> None:
        tuesday = [booked(NEW_YORK, 2024, 6, 4, 10), booked(NEW_YORK, 2024, 6, 4, 14)]
        assert blocks(tuesday, count={DAY: 2}) == [span(utc(2024, 6, 4, 4), utc(2024, 6, 5, 4))]

    def test_one_booking_under_the_limit_closes_nothing(self) -> None:
        assert blocks([booked(NEW_YORK, 2024, 6, 4, 10)], count={DAY: 2}) == []

    def test_late_evening_counts_in_its_local_day(self) -> None:
        # 23:30 on Tuesday in New York is 03:30Z on Wednesday.
        late = booked(NEW_YORK, 2024, 6, 4, 23, 30)
        assert late.start == utc(2024, 6, 5, 3, 30)
        bookings = [booked(NEW_YORK, 2024, 6, 4, 10), late]
        assert blocks(bookings, count={DAY: 2}) == [span(utc(2024, 6, 4, 4), utc(2024, 6, 5, 4))]

    def test_the_same_instants_fall_on_two_utc_days(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 10), booked(NEW_YORK, 2024, 6, 4, 23, 30)]
        assert blocks(bookings, zone=ZoneInfo("UTC"), count={DAY: 2}) == []

    def test_just_after_local_midnight_is_the_next_day(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 10), booked(NEW_YORK, 2024, 6, 5, 0, 30)]
        assert blocks(bookings, count={DAY: 2}) == []

    def test_a_booking_at_local_midnight_counts_in_the_day_it_opens(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 5, 0), booked(NEW_YORK, 2024, 6, 5, 9)]
        assert blocks(bookings, count={DAY: 2}) == [span(utc(2024, 6, 5, 4), utc(2024, 6, 6, 4))]

    def test_adjacent_closed_days_merge(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 10), booked(NEW_YORK, 2024, 6, 5, 10)]
        assert blocks(bookings, count={DAY: 1}) == [span(utc(2024, 6, 4, 4), utc(2024, 6, 6, 4))]

    def test_spring_forward_day_has_23_hours(self) -> None:
        sunday = [booked(NEW_YORK, 2024, 3, 10, 9)]
        window = span(utc(2024, 3, 9), utc(2024, 3, 12))
        got = blocks(sunday, window=window, count={DAY: 1})
        assert got == [span(utc(2024, 3, 10, 5), utc(2024, 3, 11, 4))]
        assert got[0].duration == timedelta(hours=23)

    def test_fall_back_day_has_25_hours(self) -> None:
        sunday = [booked(NEW_YORK, 2024, 11, 3, 9)]
        window = span(utc(2024, 11, 2), utc(2024, 11, 5))
        got = blocks(sunday, window=window, count={DAY: 1})
        assert got == [span(utc(2024, 11, 3, 4), utc(2024, 11, 4, 5))]
        assert got[0].duration == timedelta(hours=25)


class TestWeekLimit:
    SUNDAY_AND_TUESDAY = (booked(NEW_YORK, 2024, 6, 2, 12), booked(NEW_YORK, 2024, 6, 4, 12))
    TUESDAY_AND_SUNDAY = (booked(NEW_YORK, 2024, 6, 4, 12), booked(NEW_YORK, 2024, 6, 9, 12))

    def test_sunday_weeks_hold_sunday_and_tuesday(self) -> None:
        got = blocks(list(self.SUNDAY_AND_TUESDAY), count={WEEK: 2}, week_start=0)
        assert got == [span(utc(2024, 6, 2, 4), utc(2024, 6, 9, 4))]

    def test_monday_weeks_split_sunday_from_tuesday(self) -> None:
        assert blocks(list(self.SUNDAY_AND_TUESDAY), count={WEEK: 2}, week_start=1) == []

    def test_sunday_weeks_split_tuesday_from_next_sunday(self) -> None:
        assert blocks(list(self.TUESDAY_AND_SUNDAY), count={WEEK: 2}, week_start=0) == []

    def test_monday_weeks_hold_tuesday_and_next_sunday(self) -> None:
        got = blocks(list(self.TUESDAY_AND_SUNDAY), count={WEEK: 2}, week_start=1)
        assert got == [span(utc(2024, 6, 3, 4), utc(2024, 6, 10, 4))]

    def test_saturday_weeks(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 1, 12), booked(NEW_YORK, 2024, 6, 7, 12)]
        got = blocks(bookings, count={WEEK: 2}, week_start=6)
        assert got == [span(utc(2024, 6, 1, 4), utc(2024, 6, 8, 4))]

    def test_default_week_starts_on_sunday(self) -> None:
        got = limit_blocks(
            list(self.SUNDAY_AND_TUESDAY),
            window=JUNE_WEEK,
            zone=NEW_YORK,
            count_limits={WEEK: 2},
            duration_limits={},
            requested_duration=timedelta(minutes=30),
        )
        assert got == [span(utc(2024, 6, 2, 4), utc(2024, 6, 9, 4))]

    def test_spring_forward_week_has_167_hours(self) -> None:
        window = span(utc(2024, 3, 12), utc(2024, 3, 13))
        got = blocks([booked(NEW_YORK, 2024, 3, 12, 9)], window=window, count={WEEK: 1})
        assert got == [span(utc(2024, 3, 10, 5), utc(2024, 3, 17, 4))]
        assert got[0].duration == timedelta(hours=167)

    def test_monday_week_ending_after_spring_forward(self) -> None:
        window = span(utc(2024, 3, 5), utc(2024, 3, 6))
        got = blocks(
            [booked(NEW_YORK, 2024, 3, 10, 9)], window=window, count={WEEK: 1}, week_start=1
        )
        assert got == [span(utc(2024, 3, 4, 5), utc(2024, 3, 11, 4))]

    def test_fall_back_week_has_169_hours(self) -> None:
        window = span(utc(2024, 11, 5), utc(2024, 11, 6))
        got = blocks([booked(NEW_YORK, 2024, 11, 5, 9)], window=window, count={WEEK: 1})
        assert got == [span(utc(2024, 11, 3, 4), utc(2024, 11, 10, 5))]
        assert got[0].duration == timedelta(hours=169)

    @pytest.mark.parametrize("week_start", [-1, 7])
    def test_week_start_out_of_range_is_refused(self, week_start: int) -> None:
        with pytest.raises(ValueError, match="week_start"):
            blocks([], count={WEEK: 1}, week_start=week_start)


class TestMonthAndYearLimits:
    def test_march_closes_from_est_to_edt_midnight(self) -> None:
        bookings = [
            booked(NEW_YORK, 2024, 3, 1, 9),
            booked(NEW_YORK, 2024, 3, 15, 9),
            booked(NEW_YORK, 2024, 3, 31, 23, 30),  # 2024-04-01T03:30Z
        ]
        window = span(utc(2024, 3, 20), utc(2024, 3, 27))
        got = blocks(bookings, window=window, count={MONTH: 3})
        assert got == [span(utc(2024, 3, 1, 5), utc(2024, 4, 1, 4))]

    def test_last_evening_of_february_counts_in_february(self) -> None:
        bookings = [
            booked(NEW_YORK, 2024, 2, 29, 23, 30),  # 2024-03-01T04:30Z
            booked(NEW_YORK, 2024, 3, 15, 9),
            booked(NEW_YORK, 2024, 3, 20, 9),
        ]
        window = span(utc(2024, 2, 20), utc(2024, 3, 27))
        assert blocks(bookings, window=window, count={MONTH: 3}) == []
        assert blocks(bookings, window=window, count={MONTH: 2}) == [
            span(utc(2024, 3, 1, 5), utc(2024, 4, 1, 4))
        ]

    def test_december_rolls_into_january(self) -> None:
        window = span(utc(2024, 12, 10), utc(2024, 12, 11))
        got = blocks([booked(NEW_YORK, 2024, 12, 10, 9)], window=window, count={MONTH: 1})
        assert got == [span(utc(2024, 12, 1, 5), utc(2025, 1, 1, 5))]

    def test_berlin_march_2026(self) -> None:
        window = span(utc(2026, 3, 10), utc(2026, 3, 11))
        got = blocks([booked(BERLIN, 2026, 3, 10, 9)], window=window, zone=BERLIN, count={MONTH: 1})
        assert got == [span(utc(2026, 2, 28, 23), utc(2026, 3, 31, 22))]

    def test_year_counts_its_first_and_last_instants(self) -> None:
        bookings = [
            booked(NEW_YORK, 2024, 1, 1, 0),  # 2024-01-01T05:00Z
            booked(NEW_YORK, 2024, 12, 31, 23, 30),  # 2025-01-01T04:30Z
        ]
        window = span(utc(2024, 6, 2), utc(2024, 6, 3))
        got = blocks(bookings, window=window, count={YEAR: 2})
        assert got == [span(utc(2024, 1, 1, 5), utc(2025, 1, 1, 5))]

    def test_bookings_of_another_year_do_not_count(self) -> None:
        bookings = [booked(NEW_YORK, 2023, 12, 31, 23, 30), booked(NEW_YORK, 2024, 6, 4, 9)]
        assert blocks(bookings, count={YEAR: 2}) == []


class TestDurationLimit:
    TUESDAY_45 = (booked(NEW_YORK, 2024, 6, 4, 10, minutes=45),)

    def test_45_plus_30_exceeds_60_and_closes_the_day(self) -> None:
        got = blocks(list(self.TUESDAY_45), duration={DAY: 60}, requested=30)
        assert got == [span(utc(2024, 6, 4, 4), utc(2024, 6, 5, 4))]

    def test_45_plus_15_is_exactly_60_and_stays_open(self) -> None:
        assert blocks(list(self.TUESDAY_45), duration={DAY: 60}, requested=15) == []

    def test_sums_every_booking_of_the_period(self) -> None:
        bookings = [
            booked(NEW_YORK, 2024, 6, 3, 9, minutes=60),
            booked(NEW_YORK, 2024, 6, 5, 9, minutes=60),
        ]
        assert blocks(bookings, duration={WEEK: 150}, requested=30) == []
        assert blocks(bookings, duration={WEEK: 149}, requested=30) == [
            span(utc(2024, 6, 2, 4), utc(2024, 6, 9, 4))
        ]

    def test_request_longer_than_the_limit_closes_every_touching_day(self) -> None:
        window = span(utc(2024, 6, 3, 12), utc(2024, 6, 5, 12))  # Mon, Tue, Wed local
        got = blocks([], window=window, duration={DAY: 20}, requested=30)
        assert got == [span(utc(2024, 6, 3, 4), utc(2024, 6, 6, 4))]

    def test_request_longer_than_the_limit_closes_every_touching_week(self) -> None:
        window = span(utc(2024, 6, 5), utc(2024, 6, 12))
        got = blocks([], window=window, duration={WEEK: 20}, requested=30, week_start=1)
        assert got == [span(utc(2024, 6, 3, 4), utc(2024, 6, 17, 4))]

    def test_count_and_duration_limits_combine(self) -> None:
        bookings = [
            booked(NEW_YORK, 2024, 6, 3, 9, minutes=90),  # Monday: duration
            booked(NEW_YORK, 2024, 6, 5, 9),  # Wednesday: count
            booked(NEW_YORK, 2024, 6, 5, 11),
        ]
        got = blocks(bookings, count={DAY: 2}, duration={DAY: 100}, requested=30)
        assert got == [
            span(utc(2024, 6, 3, 4), utc(2024, 6, 4, 4)),
            span(utc(2024, 6, 5, 4), utc(2024, 6, 6, 4)),
        ]


class TestWindow:
    def test_bookings_in_periods_outside_the_window_are_ignored(self) -> None:
        later = [booked(NEW_YORK, 2024, 6, 20, 9), booked(NEW_YORK, 2024, 6, 20, 11)]
        assert blocks(later, count={DAY: 1, WEEK: 1, MONTH: 5}) == []

    def test_period_touching_the_window_closes_whole(self) -> None:
        # The booking is early on Tuesday, before the window opens at noon UTC.
        window = span(utc(2024, 6, 4, 12), utc(2024, 6, 6))
        got = blocks([booked(NEW_YORK, 2024, 6, 4, 1)], window=window, count={DAY: 1})
        assert got == [span(utc(2024, 6, 4, 4), utc(2024, 6, 5, 4))]

    def test_period_only_meeting_the_window_is_left_out(self) -> None:
        wednesday = span(utc(2024, 6, 5, 4), utc(2024, 6, 6, 4))
        bookings = [booked(NEW_YORK, 2024, 6, 4, 9), booked(NEW_YORK, 2024, 6, 6, 9)]
        assert blocks(bookings, window=wednesday, count={DAY: 1}) == []

    def test_larger_period_hides_its_days(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 9), booked(NEW_YORK, 2024, 6, 5, 9)]
        got = blocks(bookings, count={DAY: 1, WEEK: 2})
        assert got == [span(utc(2024, 6, 2, 4), utc(2024, 6, 9, 4))]

    def test_a_limit_below_one_is_no_limit(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 9)]
        assert blocks(bookings, count={DAY: 0}, duration={WEEK: 0}, requested=30) == []

    def test_string_keys_name_the_same_units(self) -> None:
        bookings = [booked(NEW_YORK, 2024, 6, 4, 9)]
        got = limit_blocks(
            bookings,
            window=JUNE_WEEK,
            zone=NEW_YORK,
            count_limits={"PER_DAY": 1},  # type: ignore[dict-item]
            duration_limits={},
            requested_duration=timedelta(minutes=30),
        )
        assert got == [span(utc(2024, 6, 4, 4), utc(2024, 6, 5, 4))]

    def test_naive_booking_start_is_refused(self) -> None:
        naive = CountedBooking(start=datetime(2024, 6, 4, 9), duration=timedelta(minutes=30))
        with pytest.raises(ValueError, match="aware"):
            blocks([naive], count={DAY: 1})


# --- properties --------------------------------------------------------------------------

ZONES = [
    NEW_YORK,
    BERLIN,
    ZoneInfo("Australia/Sydney"),
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("Pacific/Chatham"),
    ZoneInfo("UTC"),
]
BASE = utc(2026, 2, 1)  # 150 days cover the spring changes in New York, Berlin and Sydney
SPAN_MINUTES = 150 * 24 * 60

IS_PERIOD_START: dict[LimitUnit, Callable[[date, int], bool]] = {
    DAY: lambda day, week_start: True,
    WEEK: lambda day, week_start: day.isoweekday() % 7 == week_start,
    MONTH: lambda day, week_start: day.day == 1,
    YEAR: lambda day, week_start: (day.month, day.day) == (1, 1),
}


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def expected_blocks(
    bookings: list[CountedBooking],
    window: Interval,
    zone: ZoneInfo,
    count_limits: dict[LimitUnit, int],
    duration_limits: dict[LimitUnit, int],
    requested: timedelta,
    week_start: int,
) -> list[Interval]:
    """A slow oracle: walk local dates one by one to find each period, then count the bookings
    whose UTC start lies inside the period's UTC interval."""
    closed: list[Interval] = []
    for unit in LimitUnit:
        count_limit = count_limits.get(unit)
        duration_limit = duration_limits.get(unit)
        if count_limit is None and duration_limit is None:
            continue
        is_start = IS_PERIOD_START[unit]
        day = window.start.astimezone(zone).date()
        while not is_start(day, week_start):
            day -= timedelta(days=1)
        while midnight(day, zone) < window.end:
            after = day + timedelta(days=1)
            while not is_start(after, week_start):
                after += timedelta(days=1)
            period = Interval(midnight(day, zone), midnight(after, zone))
            inside = [b for b in bookings if period.start <= b.start < period.end]
            used = sum((b.duration for b in inside), timedelta())
            too_many = count_limit is not None and len(inside) >= count_limit
            too_long = duration_limit is not None and (
                used + requested > timedelta(minutes=duration_limit)
            )
            if (too_many or too_long) and period.overlaps(window):
                closed.append(period)
            day = after
    return merge(closed)


@dataclass(frozen=True)
class LimitCase:
    bookings: list[CountedBooking]
    window: Interval
    zone: ZoneInfo
    count_limits: dict[LimitUnit, int]
    duration_limits: dict[LimitUnit, int]
    requested_duration: timedelta
    week_start: int

    def blocks(self) -> list[Interval]:
        return limit_blocks(
            self.bookings,
            window=self.window,
            zone=self.zone,
            count_limits=self.count_limits,
            duration_limits=self.duration_limits,
            requested_duration=self.requested_duration,
            week_start=self.week_start,
        )

    def expected(self) -> list[Interval]:
        return expected_blocks(
            self.bookings,
            self.window,
            self.zone,
            self.count_limits,
            self.duration_limits,
            self.requested_duration,
            self.week_start,
        )


@st.composite
def limit_cases(draw: st.DrawFn) -> LimitCase:
    bookings = [
        CountedBooking(
            start=BASE + timedelta(minutes=15 * draw(st.integers(0, SPAN_MINUTES // 15))),
            duration=timedelta(minutes=draw(st.sampled_from([15, 30, 45, 60, 90, 120]))),
        )
        for _ in range(draw(st.integers(0, 14)))
    ]
    start = BASE + timedelta(minutes=draw(st.integers(0, SPAN_MINUTES - 60)))
    end = start + timedelta(minutes=draw(st.integers(1, 40 * 24 * 60)))
    units = draw(st.lists(st.sampled_from(list(LimitUnit)), unique=True, max_size=4))
    return LimitCase(
        bookings=bookings,
        window=Interval(start, end),
        zone=draw(st.sampled_from(ZONES)),
        count_limits={u: draw(st.integers(1, 6)) for u in units if draw(st.booleans())},
        duration_limits={u: draw(st.integers(15, 600)) for u in units if draw(st.booleans())},
        requested_duration=timedelta(minutes=draw(st.sampled_from([15, 30, 60, 90]))),
        week_start=draw(st.integers(0, 6)),
    )


class TestLimitProperties:
    @settings(max_examples=200, deadline=None)
    @given(case=limit_cases())
    def test_blocks_are_normalized_whole_local_periods(self, case: LimitCase) -> None:
        got = case.blocks()
        assert got == merge(got)
        for earlier, later in zip(got, got[1:], strict=False):
            assert earlier.end < later.start
        units = set(case.count_limits) | set(case.duration_limits)
        for block in got:
            assert block.overlaps(case.window)
            for edge in (block.start, block.end):
                assert edge.tzinfo is UTC
                day = edge.astimezone(case.zone).date()
                assert edge == midnight(day, case.zone)
                assert any(IS_PERIOD_START[unit](day, case.week_start) for unit in units)

    @settings(max_examples=200, deadline=None)
    @given(case=limit_cases())
    def test_matches_a_day_by_day_oracle(self, case: LimitCase) -> None:
        assert case.blocks() == case.expected()

    @settings(max_examples=200, deadline=None)
    @given(
        case=limit_cases(),
        count=st.booleans(),
        unit=st.sampled_from(list(LimitUnit)),
        more=st.integers(1, 300),
    )
    def test_raising_a_limit_never_closes_more(
        self, case: LimitCase, count: bool, unit: LimitUnit, more: int
    ) -> None:
        limits = dict(case.count_limits if count else case.duration_limits)
        limits.setdefault(unit, 1 if count else 15)
        raised = {**limits, unit: limits[unit] + more}
        if count:
            before = replace(case, count_limits=limits).blocks()
            after = replace(case, count_limits=raised).blocks()
        else:
            before = replace(case, duration_limits=limits).blocks()
            after = replace(case, duration_limits=raised).blocks()
        assert subtract(after, before) == []

    @settings(max_examples=200, deadline=None)
    @given(
        case=limit_cases(),
        minute=st.integers(0, SPAN_MINUTES),
        minutes=st.sampled_from([15, 30, 60]),
    )
    def test_adding_a_booking_never_opens_a_period(
        self, case: LimitCase, minute: int, minutes: int
    ) -> None:
        extra = CountedBooking(BASE + timedelta(minutes=minute), timedelta(minutes=minutes))
        before = case.blocks()
        after = replace(case, bookings=[*case.bookings, extra]).blocks()
        assert subtract(before, after) == []
