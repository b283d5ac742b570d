"""The pure side of schedules: rows -> the engine's ScheduleRules, and the normal form that
merges ranges. No database and no HTTP."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from slotwise.core.intervals import Interval
from slotwise.core.working_hours import DateOverride, ScheduleRules, WeeklyHours, working_hours
from slotwise.schedules.models import Availability, Schedule
from slotwise.schedules.service import normalized_overrides, normalized_weekly, schedule_rules

MONDAY, TUESDAY, SATURDAY = 1, 2, 6


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class TestScheduleRules:
    def test_weekly_rows_and_overrides_become_the_engines_rules(self) -> None:
        schedule = Schedule(id=3, user_id=1, name="Office", time_zone="Europe/Berlin")
        rows = [
            Availability(days=[1, 2, 3, 4, 5], start_time=time(9), end_time=time(17), date=None),
            Availability(days=[6], start_time=time(10), end_time=time(23, 59), date=None),
            Availability(days=[], start_time=time(0), end_time=time(0), date=date(2024, 7, 1)),
            Availability(days=[], start_time=time(12), end_time=time(14), date=date(2024, 7, 2)),
        ]
        assert schedule_rules(schedule, rows) == ScheduleRules(
            time_zone="Europe/Berlin",
            weekly=(
                WeeklyHours(frozenset({1, 2, 3, 4, 5}), time(9), time(17)),
                WeeklyHours(frozenset({6}), time(10), time(23, 59)),
            ),
            overrides=(
                DateOverride(date(2024, 7, 1), time(0), time(0)),
                DateOverride(date(2024, 7, 2), time(12), time(14)),
            ),
        )

    def test_a_schedule_without_rows_has_no_hours(self) -> None:
        schedule = Schedule(id=3, user_id=1, name="Empty", time_zone="UTC")
        assert schedule_rules(schedule, []) == ScheduleRules(time_zone="UTC", weekly=())

    def test_the_engine_reads_the_rules_in_the_schedules_zone(self) -> None:
        schedule = Schedule(id=3, user_id=1, name="Office", time_zone="Europe/Berlin")
        rows = [
            Availability(days=[1, 2], start_time=time(9), end_time=time(17), date=None),
            Availability(days=[], start_time=time(0), end_time=time(0), date=date(2024, 7, 1)),
        ]
        week = Interval(at("2024-07-01T00:00:00"), at("2024-07-03T00:00:00"))
        # Monday 2024-07-01 is a day off; Tuesday is 09:00-17:00 Berlin summer time (UTC+2).
        assert working_hours(schedule_rules(schedule, rows), week) == [
            Interval(at("2024-07-02T07:00:00"), at("2024-07-02T15:00:00"))
        ]


class TestNormalForm:
    def test_overlapping_ranges_merge_and_equal_hours_share_a_row(self) -> None:
        hours = [
            WeeklyHours(frozenset({MONDAY}), time(9), time(12)),
            WeeklyHours(frozenset({MONDAY}), time(11), time(14)),
            WeeklyHours(frozenset({TUESDAY}), time(9), time(14)),
        ]
        assert normalized_weekly(hours) == [
            WeeklyHours(frozenset({MONDAY, TUESDAY}), time(9), time(14))
        ]

    def test_until_midnight_merges_with_a_range_that_ends_at_23_59(self) -> None:
        hours = [
            WeeklyHours(frozenset({SATURDAY}), time(22), time(23, 59)),
            WeeklyHours(frozenset({SATURDAY}), time(20), time(22)),
        ]
        assert normalized_weekly(hours) == [
            WeeklyHours(frozenset({SATURDAY}), time(20), time(23, 59))
        ]

    def test_a_day_off_gives_way_to_hours_on_the_same_date(self) -> None:
        day = date(2024, 5, 20)
        assert normalized_overrides(
            [
                DateOverride(day, time(0), time(0)),
                DateOverride(day, time(9), time(10)),
                DateOverride(date(2024, 5, 21), time(0), time(0)),
                DateOverride(date(2024, 5, 21), time(0), time(0)),
            ]
        ) == [
            DateOverride(day, time(9), time(10)),
            DateOverride(date(2024, 5, 21), time(0), time(0)),
        ]


quarter_hours = st.integers(min_value=0, max_value=95).map(lambda q: time(q // 4, q % 4 * 15))
weekly_hours = st.builds(
    lambda days, a, b: WeeklyHours(frozenset(days), min(a, b), max(a, b)),
    st.sets(st.integers(min_value=0, max_value=6), min_size=1),
    quarter_hours,
    quarter_hours,
).filter(lambda hours: hours.start < hours.end)


@given(st.lists(weekly_hours, max_size=8))
def test_the_normal_form_keeps_every_working_minute_and_no_other(
    hours: list[WeeklyHours],
) -> None:
    def minutes_by_day(rows: list[WeeklyHours]) -> dict[int, set[int]]:
        covered: dict[int, set[int]] = {day: set() for day in range(7)}
        for row in rows:
            for day in row.days:
                start = row.start.hour * 60 + row.start.minute
                end = row.end.hour * 60 + row.end.minute
                covered[day].update(range(start, end))
        return covered

    normal = normalized_weekly(hours)
    assert minutes_by_day(normal) == minutes_by_day(hours)
    # Within a day no two rows overlap or touch, and no two rows share the same hours.
    for day in range(7):
        spans = sorted((row.start, row.end) for row in normal if day in row.days)
        assert all(earlier[1] < later[0] for earlier, later in zip(spans, spans[1:], strict=False))
    assert len({(row.start, row.end) for row in normal}) == len(normal)
    assert normalized_weekly(normal) == normal
