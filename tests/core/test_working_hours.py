"""Working hours as UTC intervals (spec/scheduling.md §1).

Expected instants were worked out by hand from the zones' published rules and checked against
zoneinfo's offsets (quoted next to each case). Days in rows use Cal.com's numbering:
0 = Sunday ... 6 = Saturday.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.intervals import Interval, clip, merge, subtract, total
from slotwise.core.working_hours import (
    DEFAULT_WEEKLY,
    DateOverride,
    ScheduleRules,
    WeeklyHours,
    default_schedule,
    local_dates,
    local_instant,
    working_hours,
)

SUN, MON, TUE, WED, THU, FRI, SAT = range(7)
EVERY_DAY = frozenset(range(7))


def at(text: str) -> datetime:
    """An instant written as ISO 8601 with an explicit offset ('Z' for UTC)."""
    return datetime.fromisoformat(text).astimezone(UTC)


def iv(start: str, end: str) -> Interval:
    return Interval(at(start), at(end))


def hm(text: str) -> time:
    return time.fromisoformat(text)


def weekly(days: int | frozenset[int], start: str, end: str) -> WeeklyHours:
    return WeeklyHours(frozenset({days}) if isinstance(days, int) else days, hm(start), hm(end))


def override(day: str, start: str, end: str) -> DateOverride:
    return DateOverride(date.fromisoformat(day), hm(start), hm(end))


def schedule(
    zone: str, *rows: WeeklyHours, overrides: tuple[DateOverride, ...] = ()
) -> ScheduleRules:
    return ScheduleRules(time_zone=zone, weekly=rows, overrides=overrides)


class TestLocalInstant:
    @pytest.mark.parametrize(
        ("day", "wall", "zone", "expected"),
        [
            # Europe/London: GMT (+00:00) until 2026-03-29 01:00, BST (+01:00) after.
            ("2026-03-27", "09:00", "Europe/London", "2026-03-27T09:00Z"),
            ("2026-03-30", "09:00", "Europe/London", "2026-03-30T08:00Z"),
            # 01:00-02:00 does not exist on 2026-03-29: 01:30 moves forward by the gap to
            # 02:30 BST = 01:30Z.
            ("2026-03-29", "01:30", "Europe/London", "2026-03-29T01:30Z"),
            ("2026-03-29", "03:00", "Europe/London", "2026-03-29T02:00Z"),
            # 2026-10-25 02:00 BST -> 01:00 GMT: 01:30 happens twice; first = 01:30 BST.
            ("2026-10-25", "01:30", "Europe/London", "2026-10-25T00:30Z"),
            ("2026-10-25", "00:00", "Europe/London", "2026-10-24T23:00Z"),
            ("2026-10-25", "03:00", "Europe/London", "2026-10-25T03:00Z"),
            # America/New_York 2026-03-08 02:00 EST (-05:00) -> 03:00 EDT (-04:00).
            ("2026-03-08", "02:30", "America/New_York", "2026-03-08T07:30Z"),  # 03:30 EDT
            ("2026-03-08", "01:00", "America/New_York", "2026-03-08T06:00Z"),
            ("2026-03-08", "04:00", "America/New_York", "2026-03-08T08:00Z"),
            # 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 first occurrence is EDT.
            ("2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30Z"),
            # Australia/Lord_Howe: zoneinfo utcoffset on 2026-04-05: 01:00 +11:00, 01:30 and
            # 01:45 ambiguous (fold=0 +11:00, fold=1 +10:30), 02:00 +10:30.
            ("2026-04-05", "01:45", "Australia/Lord_Howe", "2026-04-04T14:45Z"),
            ("2026-04-05", "02:00", "Australia/Lord_Howe", "2026-04-04T15:30Z"),
            # 2026-10-04: 02:00-02:30 does not exist (02:00 +10:30 -> 02:30 +11:00); 02:15
            # (fold=0 +10:30) = 15:45Z = 02:45 +11:00, forward by the 30-minute gap.
            ("2026-10-04", "02:15", "Australia/Lord_Howe", "2026-10-03T15:45Z"),
            ("2026-10-04", "02:30", "Australia/Lord_Howe", "2026-10-03T15:30Z"),
            ("2026-06-01", "09:00", "Asia/Kolkata", "2026-06-01T03:30Z"),
        ],
    )
    def test_wall_clock_on_a_local_date(
        self, day: str, wall: str, zone: str, expected: str
    ) -> None:
        instant = local_instant(date.fromisoformat(day), hm(wall), ZoneInfo(zone))
        assert instant == at(expected)
        assert instant.utcoffset() == timedelta(0)

    def test_23_59_is_literal_here(self) -> None:
        # "23:59 = midnight" is a rule for end times in working_hours, not for instants.
        instant = local_instant(date(2026, 3, 27), time(23, 59), ZoneInfo("Europe/London"))
        assert instant == at("2026-03-27T23:59Z")

    def test_fold_of_the_time_is_ignored(self) -> None:
        # Ambiguous times always resolve to the first occurrence, whatever fold ``at`` has.
        instant = local_instant(date(2026, 10, 25), time(1, 30, fold=1), ZoneInfo("Europe/London"))
        assert instant == at("2026-10-25T00:30Z")


class TestLocalDates:
    def test_utc_window_starts_on_the_previous_local_date(self) -> None:
        # America/Los_Angeles is PDT (-07:00): 2026-03-27T00:00Z is 2026-03-26 17:00.
        window = iv("2026-03-27T00:00Z", "2026-03-28T00:00Z")
        assert list(local_dates(window, ZoneInfo("America/Los_Angeles"))) == [
            date(2026, 3, 26),
            date(2026, 3, 27),
        ]

    def test_end_at_local_midnight_does_not_touch_the_next_date(self) -> None:
        window = iv("2026-03-27T00:00+05:30", "2026-03-29T00:00+05:30")
        assert list(local_dates(window, ZoneInfo("Asia/Kolkata"))) == [
            date(2026, 3, 27),
            date(2026, 3, 28),
        ]

    def test_a_minute_inside_one_date(self) -> None:
        window = iv("2026-10-25T00:30Z", "2026-10-25T00:31Z")
        assert list(local_dates(window, ZoneInfo("Europe/London"))) == [date(2026, 10, 25)]

    def test_a_skipped_date_is_not_touched(self) -> None:
        # Pacific/Apia jumped from 2011-12-29 24:00 -10:00 to 2011-12-31 00:00 +14:00.
        window = iv("2011-12-29T12:00Z", "2011-12-31T12:00Z")
        assert list(local_dates(window, ZoneInfo("Pacific/Apia"))) == [
            date(2011, 12, 29),
            date(2011, 12, 31),
            date(2012, 1, 1),
        ]


class TestDefaultSchedule:
    def test_is_monday_to_friday_nine_to_five(self) -> None:
        rules = default_schedule("Asia/Kolkata")
        assert rules.time_zone == "Asia/Kolkata"
        assert rules.weekly == DEFAULT_WEEKLY
        assert rules.overrides == ()
        # 2026-03-23 is a Monday; Kolkata is +05:30 all year.
        hours = working_hours(rules, iv("2026-03-22T00:00Z", "2026-03-29T00:00Z"))
        assert hours == [
            iv(f"2026-03-{d}T09:00+05:30", f"2026-03-{d}T17:00+05:30") for d in (23, 24, 25, 26, 27)
        ]


class TestWorkingHoursAcrossDst:
    def test_london_before_and_after_spring_forward(self) -> None:
        # Fri 2026-03-27 is GMT, Mon 2026-03-30 is BST; the weekend has no hours.
        hours = working_hours(
            default_schedule("Europe/London"), iv("2026-03-27T00:00Z", "2026-03-31T00:00Z")
        )
        assert hours == [
            iv("2026-03-27T09:00Z", "2026-03-27T17:00Z"),
            iv("2026-03-30T08:00Z", "2026-03-30T16:00Z"),
        ]

    def test_london_row_across_the_spring_gap(self) -> None:
        # Sun 2026-03-29 00:30-03:00: 00:30 GMT = 00:30Z, 03:00 BST = 02:00Z.
        rules = schedule("Europe/London", weekly(SUN, "00:30", "03:00"))
        hours = working_hours(rules, iv("2026-03-28T00:00Z", "2026-03-30T00:00Z"))
        assert hours == [iv("2026-03-29T00:30Z", "2026-03-29T02:00Z")]

    def test_london_row_across_the_repeated_hour(self) -> None:
        # Sun 2026-10-25 00:00-03:00: 00:00 BST = 23:00Z (Sat), 03:00 GMT = 03:00Z: 4 hours.
        rules = schedule("Europe/London", weekly(SUN, "00:00", "03:00"))
        hours = working_hours(rules, iv("2026-10-24T00:00Z", "2026-10-26T00:00Z"))
        assert hours == [iv("2026-10-24T23:00Z", "2026-10-25T03:00Z")]
        assert total(hours) == timedelta(hours=4)

    def test_new_york_spring_forward_loses_an_hour(self) -> None:
        # Sun 2026-03-08 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z: 2 real hours.
        rules = schedule("America/New_York", weekly(SUN, "01:00", "04:00"))
        hours = working_hours(rules, iv("2026-03-07T00:00Z", "2026-03-10T00:00Z"))
        assert hours == [iv("2026-03-08T06:00Z", "2026-03-08T08:00Z")]

    def test_new_york_row_starting_inside_the_gap(self) -> None:
        # 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT = 07:30Z.
        rules = schedule("America/New_York", weekly(SUN, "02:30", "05:00"))
        hours = working_hours(rules, iv("2026-03-08T00:00Z", "2026-03-09T00:00Z"))
        assert hours == [iv("2026-03-08T07:30Z", "2026-03-08T09:00Z")]

    def test_new_york_row_wholly_inside_the_gap_after_shifting_is_empty(self) -> None:
        # 02:30 -> 03:30 EDT (07:30Z) but 03:00 EDT is 07:00Z: the start passes the end.
        rules = schedule("America/New_York", weekly(SUN, "02:30", "03:00"))
        assert working_hours(rules, iv("2026-03-08T00:00Z", "2026-03-09T00:00Z")) == []

    def test_end_before_start_is_judged_on_the_wall_clock(self) -> None:
        # 03:00-02:30 on 2026-03-08: as instants 03:00 EDT = 07:00Z comes before 02:30 ->
        # 03:30 EDT = 07:30Z, but the row ends before it starts, so it yields nothing.
        rules = schedule("America/New_York", weekly(SUN, "03:00", "02:30"))
        assert working_hours(rules, iv("2026-03-08T00:00Z", "2026-03-09T00:00Z")) == []

    def test_new_york_fall_back_day_and_the_day_before(self) -> None:
        # Sat 2026-10-31 is EDT (-04:00); Sun 2026-11-01 09:00 is EST (-05:00).
        rules = schedule("America/New_York", weekly(frozenset({SAT, SUN}), "09:00", "17:00"))
        hours = working_hours(rules, iv("2026-10-31T00:00Z", "2026-11-02T00:00Z"))
        assert hours == [
            iv("2026-10-31T13:00Z", "2026-10-31T21:00Z"),
            iv("2026-11-01T14:00Z", "2026-11-01T22:00Z"),
        ]

    def test_lord_howe_half_hour_shift_in_april(self) -> None:
        # zoneinfo utcoffset at 09:00 local: 2026-04-04 +11:00, 2026-04-05 +10:30 (DST ended
        # at 02:00 -> 01:30 that morning), 2026-04-06 +10:30.
        rules = schedule("Australia/Lord_Howe", weekly(EVERY_DAY, "09:00", "17:00"))
        hours = working_hours(rules, iv("2026-04-03T12:00Z", "2026-04-06T12:00Z"))
        assert hours == [
            iv("2026-04-03T22:00Z", "2026-04-04T06:00Z"),
            iv("2026-04-04T22:30Z", "2026-04-05T06:30Z"),
            iv("2026-04-05T22:30Z", "2026-04-06T06:30Z"),
        ]

    def test_lord_howe_half_hour_shift_in_october(self) -> None:
        # zoneinfo utcoffset at 09:00 local: 2026-10-03 +10:30, 2026-10-04 +11:00 (DST began
        # at 02:00 -> 02:30 that morning), 2026-10-05 +11:00.
        rules = schedule("Australia/Lord_Howe", weekly(EVERY_DAY, "09:00", "17:00"))
        hours = working_hours(rules, iv("2026-10-02T12:00Z", "2026-10-05T12:00Z"))
        assert hours == [
            iv("2026-10-02T22:30Z", "2026-10-03T06:30Z"),
            iv("2026-10-03T22:00Z", "2026-10-04T06:00Z"),
            iv("2026-10-04T22:00Z", "2026-10-05T06:00Z"),
        ]

    def test_lord_howe_early_hours_on_the_change_days(self) -> None:
        # Sun 2026-04-05 01:00-03:00: 01:00 +11:00 = 14:00Z, 03:00 +10:30 = 16:30Z (2.5 h).
        # Sun 2026-10-04 01:00-03:00: 01:00 +10:30 = 14:30Z, 03:00 +11:00 = 16:00Z (1.5 h).
        rules = schedule("Australia/Lord_Howe", weekly(SUN, "01:00", "03:00"))
        april = working_hours(rules, iv("2026-04-04T00:00Z", "2026-04-06T00:00Z"))
        october = working_hours(rules, iv("2026-10-03T00:00Z", "2026-10-05T00:00Z"))
        assert april == [iv("2026-04-04T14:00Z", "2026-04-04T16:30Z")]
        assert october == [iv("2026-10-03T14:30Z", "2026-10-03T16:00Z")]

    def test_kolkata_half_hour_offset(self) -> None:
        rules = schedule("Asia/Kolkata", weekly(MON, "09:00", "17:00"))
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-02T00:00Z"))
        assert hours == [iv("2026-06-01T03:30Z", "2026-06-01T11:30Z")]


class TestEndOfDay:
    def test_23_59_runs_until_local_midnight(self) -> None:
        rules = schedule("Europe/London", weekly(FRI, "09:00", "23:59"))
        hours = working_hours(rules, iv("2026-03-27T00:00Z", "2026-03-28T12:00Z"))
        assert hours == [iv("2026-03-27T09:00Z", "2026-03-28T00:00Z")]

    def test_whole_days_across_spring_forward_and_fall_back(self) -> None:
        # London's whole Sunday 2026-03-29 is 23 real hours; 2026-10-25 is 25.
        rules = schedule("Europe/London", weekly(SUN, "00:00", "23:59"))
        spring = working_hours(rules, iv("2026-03-28T00:00Z", "2026-03-31T00:00Z"))
        autumn = working_hours(rules, iv("2026-10-24T00:00Z", "2026-10-27T00:00Z"))
        assert spring == [iv("2026-03-29T00:00Z", "2026-03-29T23:00Z")]
        assert autumn == [iv("2026-10-24T23:00Z", "2026-10-26T00:00Z")]
        assert total(autumn) == timedelta(hours=25)

    def test_midnight_uses_the_next_dates_rules(self) -> None:
        # America/Santiago falls back at Sat 2026-04-04 24:00 -03:00 -> 23:00 -04:00, so
        # 23:00-24:00 happens twice. 18:00 -03:00 = 21:00Z; midnight (Sun 00:00 -04:00) =
        # 04:00Z: 7 real hours, not the 6 that "23:59 first occurrence + 1 minute" gives.
        rules = schedule("America/Santiago", weekly(SAT, "18:00", "23:59"))
        hours = working_hours(rules, iv("2026-04-04T00:00Z", "2026-04-06T00:00Z"))
        assert hours == [iv("2026-04-04T21:00Z", "2026-04-05T04:00Z")]

    def test_midnight_inside_a_gap(self) -> None:
        # Santiago springs forward at Sun 2026-09-06 00:00 -04:00 -> 01:00 -03:00.
        # Sat 18:00-23:59 = 22:00Z..04:00Z; Sun 00:00-02:00 starts at the transition.
        rules = schedule(
            "America/Santiago",
            weekly(SAT, "18:00", "23:59"),
            weekly(SUN, "00:00", "02:00"),
        )
        window = iv("2026-09-05T00:00Z", "2026-09-07T00:00Z")
        assert working_hours(rules, window) == [iv("2026-09-05T22:00Z", "2026-09-06T05:00Z")]

    def test_override_ending_23_59_runs_until_midnight(self) -> None:
        rules = schedule("Asia/Kolkata", overrides=(override("2026-06-06", "20:00", "23:59"),))
        hours = working_hours(rules, iv("2026-06-06T00:00Z", "2026-06-08T00:00Z"))
        assert hours == [iv("2026-06-06T20:00+05:30", "2026-06-07T00:00+05:30")]

    def test_whole_days_in_a_row_join(self) -> None:
        rules = schedule("UTC", weekly(frozenset({MON, TUE}), "00:00", "23:59"))
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-08T00:00Z"))
        assert hours == [iv("2026-06-01T00:00Z", "2026-06-03T00:00Z")]


class TestWeeklyRows:
    def test_days_use_sunday_as_zero(self) -> None:
        # 2026-06-07 is a Sunday, 2026-06-13 a Saturday.
        window = iv("2026-06-07T00:00Z", "2026-06-14T00:00Z")
        sunday = schedule("UTC", weekly(SUN, "09:00", "10:00"))
        saturday = schedule("UTC", weekly(SAT, "09:00", "10:00"))
        monday = schedule("UTC", weekly(MON, "09:00", "10:00"))
        assert working_hours(sunday, window) == [iv("2026-06-07T09:00Z", "2026-06-07T10:00Z")]
        assert working_hours(saturday, window) == [iv("2026-06-13T09:00Z", "2026-06-13T10:00Z")]
        assert working_hours(monday, window) == [iv("2026-06-08T09:00Z", "2026-06-08T10:00Z")]

    @pytest.mark.parametrize(("start", "end"), [("17:00", "09:00"), ("09:00", "09:00")])
    def test_end_at_or_before_start_yields_nothing(self, start: str, end: str) -> None:
        rules = schedule("UTC", weekly(EVERY_DAY, start, end))
        assert working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-08T00:00Z")) == []

    def test_split_day(self) -> None:
        rules = schedule("UTC", weekly(MON, "09:00", "12:00"), weekly(MON, "13:00", "17:00"))
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-02T00:00Z"))
        assert hours == [
            iv("2026-06-01T09:00Z", "2026-06-01T12:00Z"),
            iv("2026-06-01T13:00Z", "2026-06-01T17:00Z"),
        ]

    def test_overlapping_and_touching_rows_merge(self) -> None:
        rules = schedule(
            "UTC",
            weekly(MON, "09:00", "13:00"),
            weekly(MON, "12:00", "15:00"),
            weekly(MON, "15:00", "17:00"),
        )
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-02T00:00Z"))
        assert hours == [iv("2026-06-01T09:00Z", "2026-06-01T17:00Z")]

    def test_overnight_needs_two_rows_and_they_join(self) -> None:
        rules = schedule("UTC", weekly(MON, "22:00", "23:59"), weekly(TUE, "00:00", "02:00"))
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-03T00:00Z"))
        assert hours == [iv("2026-06-01T22:00Z", "2026-06-02T02:00Z")]

    def test_seconds_are_ignored(self) -> None:
        rules = schedule("UTC", WeeklyHours(frozenset({MON}), time(9, 0, 30), time(23, 59, 59)))
        hours = working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-03T00:00Z"))
        assert hours == [iv("2026-06-01T09:00Z", "2026-06-02T00:00Z")]

    @pytest.mark.parametrize(
        ("day", "start", "end"),
        [(7, "09:00", "17:00"), (-1, "09:00", "17:00"), (7, "17:00", "09:00")],
    )
    def test_day_outside_the_week_is_refused(self, day: int, start: str, end: str) -> None:
        rules = schedule("UTC", weekly(day, start, end))
        with pytest.raises(ValueError, match="weekdays"):
            working_hours(rules, iv("2026-06-01T00:00Z", "2026-06-02T00:00Z"))

    def test_a_skipped_date_has_no_hours(self) -> None:
        # Pacific/Apia had no Friday 2011-12-30. A Friday row must not land on Saturday.
        rules = schedule("Pacific/Apia", weekly(FRI, "09:00", "17:00"))
        assert working_hours(rules, iv("2011-12-28T00:00Z", "2012-01-02T00:00Z")) == []


class TestOverrides:
    window = iv("2026-03-27T00:00Z", "2026-04-01T00:00Z")  # Fri 27 .. Tue 31, London

    def test_replaces_the_weekly_rows_of_its_date_only(self) -> None:
        rules = ScheduleRules(
            "Europe/London", DEFAULT_WEEKLY, (override("2026-03-30", "10:00", "12:00"),)
        )
        assert working_hours(rules, self.window) == [
            iv("2026-03-27T09:00Z", "2026-03-27T17:00Z"),
            iv("2026-03-30T09:00Z", "2026-03-30T11:00Z"),  # 10:00-12:00 BST
            iv("2026-03-31T08:00Z", "2026-03-31T16:00Z"),
        ]

    def test_several_on_one_date_are_all_kept(self) -> None:
        rules = ScheduleRules(
            "Europe/London",
            DEFAULT_WEEKLY,
            (
                override("2026-03-30", "14:00", "15:00"),
                override("2026-03-30", "07:00", "08:00"),
                override("2026-03-30", "14:30", "16:00"),
            ),
        )
        monday = working_hours(rules, iv("2026-03-30T00:00Z", "2026-03-31T00:00Z"))
        assert monday == [
            iv("2026-03-30T06:00Z", "2026-03-30T07:00Z"),
            iv("2026-03-30T13:00Z", "2026-03-30T15:00Z"),
        ]

    def test_midnight_to_midnight_is_a_day_off(self) -> None:
        rules = ScheduleRules(
            "Europe/London", DEFAULT_WEEKLY, (override("2026-03-30", "00:00", "00:00"),)
        )
        assert working_hours(rules, self.window) == [
            iv("2026-03-27T09:00Z", "2026-03-27T17:00Z"),
            iv("2026-03-31T08:00Z", "2026-03-31T16:00Z"),
        ]

    def test_day_off_beside_hours_on_the_same_date_keeps_the_hours(self) -> None:
        rules = ScheduleRules(
            "Europe/London",
            DEFAULT_WEEKLY,
            (override("2026-03-30", "00:00", "00:00"), override("2026-03-30", "10:00", "11:00")),
        )
        monday = working_hours(rules, iv("2026-03-30T00:00Z", "2026-03-31T00:00Z"))
        assert monday == [iv("2026-03-30T09:00Z", "2026-03-30T10:00Z")]

    def test_end_before_start_still_replaces_the_date(self) -> None:
        rules = ScheduleRules(
            "Europe/London", DEFAULT_WEEKLY, (override("2026-03-30", "17:00", "09:00"),)
        )
        monday = working_hours(rules, iv("2026-03-30T00:00Z", "2026-03-31T00:00Z"))
        assert monday == []

    def test_on_a_weekend_day_adds_hours(self) -> None:
        rules = ScheduleRules(
            "Europe/London", DEFAULT_WEEKLY, (override("2026-03-28", "10:00", "14:00"),)
        )
        assert working_hours(rules, self.window) == [
            iv("2026-03-27T09:00Z", "2026-03-27T17:00Z"),
            iv("2026-03-28T10:00Z", "2026-03-28T14:00Z"),  # Saturday, still GMT
            iv("2026-03-30T08:00Z", "2026-03-30T16:00Z"),
            iv("2026-03-31T08:00Z", "2026-03-31T16:00Z"),
        ]

    def test_is_clipped_to_the_window(self) -> None:
        rules = ScheduleRules(
            "Europe/London", DEFAULT_WEEKLY, (override("2026-03-28", "10:00", "14:00"),)
        )
        hours = working_hours(rules, iv("2026-03-28T12:00Z", "2026-03-29T00:00Z"))
        assert hours == [iv("2026-03-28T12:00Z", "2026-03-28T14:00Z")]


class TestWindow:
    def test_window_starting_and_ending_mid_range(self) -> None:
        hours = working_hours(
            default_schedule("Europe/London"), iv("2026-03-27T12:30Z", "2026-03-30T10:15Z")
        )
        assert hours == [
            iv("2026-03-27T12:30Z", "2026-03-27T17:00Z"),
            iv("2026-03-30T08:00Z", "2026-03-30T10:15Z"),
        ]

    def test_window_outside_the_hours_is_empty(self) -> None:
        hours = working_hours(
            default_schedule("Europe/London"), iv("2026-03-27T17:00Z", "2026-03-30T08:00Z")
        )
        assert hours == []

    def test_utc_window_reaching_back_into_the_previous_local_date(self) -> None:
        # Los Angeles is PDT (-07:00): Thu 2026-03-26 09:00-18:00 = 16:00Z..01:00Z (Fri).
        rules = schedule("America/Los_Angeles", weekly(THU, "09:00", "18:00"))
        hours = working_hours(rules, iv("2026-03-27T00:00Z", "2026-03-28T00:00Z"))
        assert hours == [iv("2026-03-27T00:00Z", "2026-03-27T01:00Z")]

    def test_utc_day_spanning_two_auckland_dates(self) -> None:
        # Pacific/Auckland is NZDT (+13:00) until 2026-04-05. The UTC Monday 2026-03-30 runs
        # from Mon 13:00 to Tue 13:00 local: the end of Monday's hours (09:00-17:00 =
        # Sun 20:00Z..Mon 04:00Z) and the start of Tuesday's (Mon 20:00Z..).
        hours = working_hours(
            default_schedule("Pacific/Auckland"), iv("2026-03-30T00:00Z", "2026-03-31T00:00Z")
        )
        assert hours == [
            iv("2026-03-30T00:00Z", "2026-03-30T04:00Z"),
            iv("2026-03-30T20:00Z", "2026-03-31T00:00Z"),
        ]

    def test_one_minute_window(self) -> None:
        hours = working_hours(
            default_schedule("Asia/Kolkata"), iv("2026-06-01T03:30Z", "2026-06-01T03:31Z")
        )
        assert hours == [iv("2026-06-01T03:30Z", "2026-06-01T03:31Z")]


# --- properties ------------------------------------------------------------------------------

FIXED_ZONES = {"UTC": timedelta(0), "Asia/Kolkata": timedelta(hours=5, minutes=30)}
DST_ZONES = [
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "America/Santiago",
]
BASE = datetime(2026, 1, 1, tzinfo=UTC)
# Local dates of each zone's 2026 clock changes, where windows are drawn more often.
CHANGE_DATES = {
    "Europe/London": [date(2026, 3, 29), date(2026, 10, 25)],
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1)],
    "Australia/Lord_Howe": [date(2026, 4, 5), date(2026, 10, 4)],
    "Pacific/Auckland": [date(2026, 4, 5), date(2026, 9, 27)],
    "America/Santiago": [date(2026, 4, 4), date(2026, 9, 6)],  # at 24:00 / 00:00
}


def wall_times() -> st.SearchStrategy[time]:
    hours = st.one_of(st.integers(0, 23), st.integers(0, 3), st.just(23))  # near changes
    minutes = st.one_of(st.sampled_from([0, 15, 30, 45, 59]), st.integers(0, 59))
    return st.builds(time, hours, minutes)


def end_times() -> st.SearchStrategy[time]:
    return st.one_of(wall_times(), st.just(time(23, 59)), st.just(time(0, 0)))


def weekly_rows() -> st.SearchStrategy[WeeklyHours]:
    days = st.frozensets(st.integers(0, 6), min_size=1)
    return st.builds(WeeklyHours, days, wall_times(), end_times())


@st.composite
def cases(draw: st.DrawFn, zones: list[str]) -> tuple[ScheduleRules, Interval]:
    # Windows fall anywhere in 2026, often around a clock change, on whole minutes, from one
    # minute to ten days long.
    zone = draw(st.sampled_from(zones))
    anywhere = st.integers(0, 364 * 24 * 60).map(lambda m: BASE + timedelta(minutes=m))
    near_change = st.builds(
        lambda day, m: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=m),
        st.sampled_from(CHANGE_DATES.get(zone, [date(2026, 6, 1)])),
        st.integers(-3 * 24 * 60, 2 * 24 * 60),
    )
    start = draw(st.one_of(anywhere, near_change))
    window = Interval(start, start + timedelta(minutes=draw(st.integers(1, 10 * 24 * 60))))
    first = start.date()
    override_rows = st.builds(
        DateOverride,
        st.integers(-1, 11).map(lambda n: first + timedelta(days=n)),
        wall_times(),
        end_times(),
    )
    rules = ScheduleRules(
        time_zone=zone,
        weekly=tuple(draw(st.lists(weekly_rows(), max_size=4))),
        overrides=tuple(draw(st.lists(override_rows, max_size=4))),
    )
    return rules, window


ALL_ZONES = [*FIXED_ZONES, *DST_ZONES]


@st.composite
def change_day_cases(draw: st.DrawFn) -> tuple[ScheduleRules, Interval]:
    """Every-day rows in the hours around a clock change, on a window over the change date."""
    zone = draw(st.sampled_from(DST_ZONES))
    day = draw(st.sampled_from(CHANGE_DATES[zone]))
    near = st.builds(time, st.sampled_from([22, 23, 0, 1, 2, 3, 4]), st.integers(0, 59))
    rows = st.builds(WeeklyHours, st.just(EVERY_DAY), near, st.one_of(near, end_times()))
    midday = datetime.combine(day, time(12), tzinfo=UTC)
    window = Interval(midday - timedelta(days=2), midday + timedelta(days=2))
    return ScheduleRules(zone, tuple(draw(st.lists(rows, min_size=1, max_size=3)))), window


def rows_of(rules: ScheduleRules, day: date) -> list[tuple[time, time]]:
    """The (start, end) rows that apply on a local date, written independently of the module:
    overrides of the date if any, else weekly rows whose Cal.com day matches."""
    if any(o.date == day for o in rules.overrides):
        return [(o.start, o.end) for o in rules.overrides if o.date == day]
    calcom_day = day.isoweekday() % 7  # ISO: Monday 1 .. Sunday 7 -> Sunday 0
    return [(w.start, w.end) for w in rules.weekly if calcom_day in w.days]


def expected_by_converting_each_date(rules: ScheduleRules, window: Interval) -> list[Interval]:
    """A slow oracle: every row of every date around the window, converted one by one."""
    zone = ZoneInfo(rules.time_zone)
    pieces = []
    day = window.start.astimezone(zone).date() - timedelta(days=2)
    while day <= window.end.astimezone(zone).date() + timedelta(days=2):
        for start, end in rows_of(rules, day):
            if end <= start:
                continue
            first = datetime.combine(day, start, tzinfo=zone).astimezone(UTC)
            if end == time(23, 59):
                last = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
            else:
                last = datetime.combine(day, end, tzinfo=zone)
            if first < last.astimezone(UTC):
                pieces.append(Interval(first, last.astimezone(UTC)))
        day += timedelta(days=1)
    return clip(merge(pieces), window)


def minutes_of(intervals: list[Interval]) -> set[int]:
    """Every whole UTC minute (counted from BASE) the intervals cover."""
    covered: set[int] = set()
    for interval in intervals:
        first = (interval.start - BASE) // timedelta(minutes=1)
        last = (interval.end - BASE) // timedelta(minutes=1)
        covered.update(range(first, last))
    return covered


def local_minutes(rules: ScheduleRules, window: Interval) -> set[int]:
    """For a fixed-offset zone, the window's UTC minutes whose local wall-clock minute lies in a
    row of its local date: plain arithmetic, no zone conversion."""
    offset = FIXED_ZONES[rules.time_zone]
    wanted = set()
    for minute in minutes_of([window]):
        local = BASE + timedelta(minutes=minute) + offset
        of_day = local.hour * 60 + local.minute
        for start, end in rows_of(rules, local.date()):
            start_m = start.hour * 60 + start.minute
            end_m = 24 * 60 if (end.hour, end.minute) == (23, 59) else end.hour * 60 + end.minute
            if end > start and start_m <= of_day < end_m:
                wanted.add(minute)
                break
    return wanted


class TestProperties:
    @settings(max_examples=200, deadline=None)
    @given(cases(ALL_ZONES))
    def test_inside_the_window_and_normalized(self, case: tuple[ScheduleRules, Interval]) -> None:
        rules, window = case
        hours = working_hours(rules, window)
        assert all(window.contains(interval) for interval in hours)
        assert all(interval.start < interval.end for interval in hours)
        assert all(a.end < b.start for a, b in zip(hours, hours[1:], strict=False))

    @settings(max_examples=200, deadline=None)
    @given(cases(list(FIXED_ZONES)))
    def test_exact_local_times_without_dst(self, case: tuple[ScheduleRules, Interval]) -> None:
        # Every minute returned is in a row of its local date, and every such minute of the
        # window is returned.
        rules, window = case
        assert minutes_of(working_hours(rules, window)) == local_minutes(rules, window)

    @settings(max_examples=200, deadline=None)
    @given(st.one_of(cases(DST_ZONES), change_day_cases()))
    def test_matches_converting_each_date_with_dst(
        self, case: tuple[ScheduleRules, Interval]
    ) -> None:
        rules, window = case
        assert working_hours(rules, window) == expected_by_converting_each_date(rules, window)

    @settings(max_examples=200, deadline=None)
    @given(cases(ALL_ZONES))
    def test_an_override_date_has_only_override_hours(
        self, case: tuple[ScheduleRules, Interval]
    ) -> None:
        rules, window = case
        zone = ZoneInfo(rules.time_zone)
        hours = working_hours(rules, window)
        for day in {o.date for o in rules.overrides}:
            next_midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
            span = Interval(
                datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC),
                next_midnight.astimezone(UTC),
            )
            allowed = []
            for o in rules.overrides:
                if o.date != day or o.end <= o.start:
                    continue
                first = datetime.combine(day, o.start, tzinfo=zone).astimezone(UTC)
                if o.end == time(23, 59):
                    last = next_midnight.astimezone(UTC)
                else:
                    last = datetime.combine(day, o.end, tzinfo=zone).astimezone(UTC)
                # (compared in UTC: same-zone aware datetimes compare by wall clock)
                if first < last:
                    allowed.append(Interval(first, last))
            assert subtract(clip(hours, span), allowed) == []

    @settings(max_examples=200, deadline=None)
    @given(cases(ALL_ZONES), weekly_rows())
    def test_adding_a_weekly_row_never_removes_hours(
        self, case: tuple[ScheduleRules, Interval], extra: WeeklyHours
    ) -> None:
        rules, window = case
        more = ScheduleRules(rules.time_zone, (*rules.weekly, extra), rules.overrides)
        assert subtract(working_hours(rules, window), working_hours(more, window)) == []

    @settings(max_examples=200, deadline=None)
    @given(cases(ALL_ZONES), st.integers(0, 3 * 24 * 60), st.integers(0, 3 * 24 * 60))
    def test_a_wider_window_clipped_gives_the_same_hours(
        self, case: tuple[ScheduleRules, Interval], before: int, after: int
    ) -> None:
        rules, window = case
        wider = window.widened(timedelta(minutes=before), timedelta(minutes=after))
        assert clip(working_hours(rules, wider), window) == working_hours(rules, window)


def test_rules_built_from_lists_and_sets_work_as_tuples_do() -> None:
    """The engine caches a schedule's hours by its rules, so rules must be hashable whatever
    a caller passed: lists and sets become tuples and frozensets."""
    window = Interval(datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC))
    as_lists = ScheduleRules(
        "Europe/London",
        [WeeklyHours({1, 3}, time(9), time(12))],  # type: ignore[arg-type]
        [DateOverride(date(2026, 3, 4), time(10), time(11))],  # type: ignore[arg-type]
    )
    as_tuples = ScheduleRules(
        "Europe/London",
        (WeeklyHours(frozenset({1, 3}), time(9), time(12)),),
        (DateOverride(date(2026, 3, 4), time(10), time(11)),),
    )
    assert as_lists == as_tuples
    assert hash(as_lists) == hash(as_tuples)
    assert (
        working_hours(as_lists, window)
        == working_hours(as_tuples, window)
        == [
            Interval(datetime(2026, 3, 2, 9, tzinfo=UTC), datetime(2026, 3, 2, 12, tzinfo=UTC)),
            Interval(datetime(2026, 3, 4, 10, tzinfo=UTC), datetime(2026, 3, 4, 11, tzinfo=UTC)),
        ]
    )
