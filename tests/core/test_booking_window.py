"""How far ahead a slot may start: periodType (spec/scheduling.md §5).

Expected instants are worked out by hand: America/New_York is UTC-4 in summer (EDT) and UTC-5
in winter (EST), switching on 2024-03-10 and 2024-11-03; Europe/Berlin is UTC+1 (CET) and
UTC+2 (CEST), switching on 2026-03-29 and 2026-10-25.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.booking_window import (
    ROLLING_WINDOW_MAX_DAYS_TO_CHECK,
    BookingWindow,
    PeriodType,
    earliest_start,
    latest_start,
)

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
HOLIDAY = date(2024, 6, 5)  # a Wednesday


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(zone: ZoneInfo, year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=zone)


def rolling(days: int, *, calendar_days: bool = True) -> BookingWindow:
    return BookingWindow(PeriodType.ROLLING, days=days, calendar_days=calendar_days)


def rolling_window(days: int, *, calendar_days: bool = True) -> BookingWindow:
    return BookingWindow(PeriodType.ROLLING_WINDOW, days=days, calendar_days=calendar_days)


def date_range(start: date, end: date) -> BookingWindow:
    return BookingWindow(PeriodType.RANGE, range_start=start, range_end=end)


def weekdays_but_holiday(day: date) -> bool:
    return day.weekday() < 5 and day != HOLIDAY


def every_day_but_holiday(day: date) -> bool:
    return day != HOLIDAY


def latest(
    window: BookingWindow,
    now: datetime,
    booker_zone: ZoneInfo = NEW_YORK,
    event_zone: ZoneInfo = TOKYO,
    date_has_slots: Callable[[date], bool] | None = None,
) -> datetime | None:
    return latest_start(
        window,
        now=now,
        booker_zone=booker_zone,
        event_zone=event_zone,
        date_has_slots=date_has_slots,
    )


class TestUnlimited:
    def test_has_no_latest_start(self) -> None:
        assert latest(BookingWindow(), utc(2024, 6, 3, 14)) is None

    def test_has_no_earliest_start(self) -> None:
        assert earliest_start(BookingWindow(), event_zone=BERLIN) is None


class TestRollingCalendarDays:
    def test_three_days_from_monday_runs_through_thursday(self) -> None:
        # Spec §5: now 2024-06-03 (Mon) with 3 days -> through the end of 2024-06-06.
        now = local(NEW_YORK, 2024, 6, 3, 10)
        assert latest(rolling(3), now) == utc(2024, 6, 7, 4)  # 2024-06-07T00:00-04:00

    def test_today_is_the_booker_date_not_the_utc_date(self) -> None:
        now = utc(2024, 6, 4, 3, 30)  # Monday 23:30 in New York, already Tuesday in UTC
        assert latest(rolling(3), now, booker_zone=NEW_YORK) == utc(2024, 6, 7, 4)
        assert latest(rolling(3), now, booker_zone=ZoneInfo("UTC")) == utc(2024, 6, 8)

    def test_event_zone_does_not_matter(self) -> None:
        now = local(NEW_YORK, 2024, 6, 3, 10)
        assert latest(rolling(3), now, event_zone=TOKYO) == latest(
            rolling(3), now, event_zone=BERLIN
        )

    def test_zero_days_is_the_end_of_today(self) -> None:
        now = local(NEW_YORK, 2024, 6, 3, 10)
        assert latest(rolling(0), now) == utc(2024, 6, 4, 4)

    def test_unset_days_is_the_end_of_today(self) -> None:
        now = local(NEW_YORK, 2024, 6, 3, 10)
        window = BookingWindow(PeriodType.ROLLING, days=None)
        assert latest(window, now) == utc(2024, 6, 4, 4)

    def test_last_day_on_spring_forward_ends_at_the_summer_midnight(self) -> None:
        # Friday 2024-03-08 (EST) + 2 days = Sunday 03-10, the 23-hour day; it ends at
        # 2024-03-11T00:00-04:00, not at the -05:00 midnight an offset from "now" would give.
        now = local(NEW_YORK, 2024, 3, 8, 12)
        assert latest(rolling(2), now) == utc(2024, 3, 11, 4)

    def test_last_day_on_berlin_spring_forward(self) -> None:
        now = local(BERLIN, 2026, 3, 27, 9)  # Friday, CET
        assert latest(rolling(2), now, booker_zone=BERLIN) == utc(2026, 3, 29, 22)

    def test_last_day_on_fall_back_ends_at_the_winter_midnight(self) -> None:
        now = local(NEW_YORK, 2024, 11, 1, 12)  # Friday, EDT
        # + 2 days = Sunday 2024-11-03 (25 hours), ends 2024-11-04T00:00-05:00.
        assert latest(rolling(2), now) == utc(2024, 11, 4, 5)

    def test_negative_days_are_refused(self) -> None:
        with pytest.raises(ValueError, match="negative"):
            latest(rolling(-1), utc(2024, 6, 3, 14))

    def test_naive_now_is_refused(self) -> None:
        with pytest.raises(ValueError, match="aware"):
            latest(rolling(3), datetime(2024, 6, 3, 10))


class TestRollingBusinessDays:
    @pytest.mark.parametrize(
        ("today", "days", "last_day"),
        [
            (date(2024, 6, 3), 3, date(2024, 6, 6)),  # Mon + 3 -> Thu
            (date(2024, 6, 6), 3, date(2024, 6, 11)),  # Thu + 3 -> Fri, Mon, Tue
            (date(2024, 6, 7), 1, date(2024, 6, 10)),  # Fri + 1 -> Mon
            (date(2024, 6, 7), 0, date(2024, 6, 7)),  # Fri + 0 -> today
            (date(2024, 6, 8), 1, date(2024, 6, 10)),  # Sat + 1 -> Mon (today never counts)
            (date(2024, 6, 9), 1, date(2024, 6, 10)),  # Sun + 1 -> Mon
            (date(2024, 6, 8), 5, date(2024, 6, 14)),  # Sat + 5 -> Mon..Fri
            (date(2024, 6, 9), 0, date(2024, 6, 9)),  # Sun + 0 -> the end of that Sunday
            (date(2024, 6, 3), 10, date(2024, 6, 17)),  # two whole weeks
        ],
    )
    def test_walk_skips_saturday_and_sunday(self, today: date, days: int, last_day: date) -> None:
        now = datetime.combine(today, time(10), tzinfo=NEW_YORK)
        expected = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=NEW_YORK)
        got = latest(rolling(days, calendar_days=False), now)
        assert got == expected.astimezone(UTC)

    def test_walk_over_a_weekend_in_hand_checked_utc(self) -> None:
        now = local(NEW_YORK, 2024, 6, 6, 10)  # Thursday
        assert latest(rolling(3, calendar_days=False), now) == utc(2024, 6, 12, 4)

    def test_walk_over_the_spring_forward_weekend(self) -> None:
        now = local(NEW_YORK, 2024, 3, 8, 12)  # Friday, EST; + 1 business day = Monday, EDT
        assert latest(rolling(1, calendar_days=False), now) == utc(2024, 3, 12, 4)


class TestRollingWindow:
    NOW = local(NEW_YORK, 2024, 6, 3, 10)  # Monday

    def test_holiday_and_weekend_without_slots_are_not_counted(self) -> None:
        # Mon 3, Tue 4, (Wed 5 holiday), Thu 6 -> end of Thursday.
        got = latest(rolling_window(3), self.NOW, date_has_slots=weekdays_but_holiday)
        assert got == utc(2024, 6, 7, 4)

    def test_walk_continues_past_the_weekend(self) -> None:
        # 3, 4, 6, 7, (8, 9 weekend), 10 -> end of Monday 06-10.
        got = latest(rolling_window(5), self.NOW, date_has_slots=weekdays_but_holiday)
        assert got == utc(2024, 6, 11, 4)

    def test_calendar_days_count_bookable_weekends(self) -> None:
        # 3, 4, (5), 6, 7, 8 -> end of Saturday.
        got = latest(rolling_window(5), self.NOW, date_has_slots=every_day_but_holiday)
        assert got == utc(2024, 6, 9, 4)

    def test_business_days_skip_weekends_that_have_slots(self) -> None:
        asked: list[date] = []

        def has_slots(day: date) -> bool:
            asked.append(day)
            return every_day_but_holiday(day)

        got = latest(rolling_window(5, calendar_days=False), self.NOW, date_has_slots=has_slots)
        assert got == utc(2024, 6, 11, 4)  # 3, 4, 6, 7, 10
        assert asked == [date(2024, 6, d) for d in (3, 4, 5, 6, 7, 10)]

    def test_business_days_skip_a_weekend_today(self) -> None:
        saturday = local(NEW_YORK, 2024, 6, 8, 10)
        got = latest(
            rolling_window(1, calendar_days=False), saturday, date_has_slots=lambda _: True
        )
        assert got == utc(2024, 6, 11, 4)  # Monday, not Saturday

    def test_today_counts_when_it_has_slots(self) -> None:
        got = latest(rolling_window(1), self.NOW, date_has_slots=lambda _: True)
        assert got == utc(2024, 6, 4, 4)

    def test_today_is_the_booker_date(self) -> None:
        now = utc(2024, 6, 4, 3, 30)  # Monday 23:30 in New York
        got = latest(rolling_window(1), now, date_has_slots=lambda _: True)
        assert got == utc(2024, 6, 4, 4)

    def test_zero_days_is_the_end_of_today_without_asking(self) -> None:
        def has_slots(day: date) -> bool:
            raise AssertionError("not asked")

        assert latest(rolling_window(0), self.NOW, date_has_slots=has_slots) == utc(2024, 6, 4, 4)

    def test_far_bookable_date_across_fall_back(self) -> None:
        got = latest(
            rolling_window(1), self.NOW, date_has_slots=lambda day: day == date(2024, 12, 25)
        )
        assert got == utc(2024, 12, 26, 5)  # EST midnight

    def test_cap_without_any_bookable_date_is_the_end_of_the_last_date_checked(self) -> None:
        asked: list[date] = []

        def never(day: date) -> bool:
            asked.append(day)
            return False

        got = latest(rolling_window(3), self.NOW, date_has_slots=never)
        assert len(asked) == ROLLING_WINDOW_MAX_DAYS_TO_CHECK
        assert asked[0] == date(2024, 6, 3)
        assert asked[-1] == date(2025, 6, 3)
        assert got == utc(2025, 6, 4, 4)

    def test_cap_with_too_few_bookable_dates(self) -> None:
        got = latest(
            rolling_window(3), self.NOW, date_has_slots=lambda day: day == date(2024, 6, 4)
        )
        assert got == utc(2025, 6, 4, 4)

    def test_cap_for_business_days_spans_the_same_calendar_year(self) -> None:
        asked: list[date] = []

        def never(day: date) -> bool:
            asked.append(day)
            return False

        got = latest(rolling_window(3, calendar_days=False), self.NOW, date_has_slots=never)
        assert all(day.weekday() < 5 for day in asked)
        assert asked[-1] == date(2025, 6, 3)  # a Tuesday
        assert got == utc(2025, 6, 4, 4)

    def test_needs_the_predicate(self) -> None:
        with pytest.raises(ValueError, match="date_has_slots"):
            latest(rolling_window(3), self.NOW)


class TestRange:
    def test_range_over_berlin_spring_forward(self) -> None:
        # 2026-03-28 starts in CET (+1); 2026-03-29 ends at 2026-03-30T00:00 CEST (+2).
        window = date_range(date(2026, 3, 28), date(2026, 3, 29))
        assert earliest_start(window, event_zone=BERLIN) == utc(2026, 3, 27, 23)
        assert latest(window, utc(2026, 1, 1), event_zone=BERLIN) == utc(2026, 3, 29, 22)

    def test_range_from_summer_to_fall_back(self) -> None:
        window = date_range(date(2026, 3, 30), date(2026, 10, 25))
        assert earliest_start(window, event_zone=BERLIN) == utc(2026, 3, 29, 22)
        assert latest(window, utc(2026, 1, 1), event_zone=BERLIN) == utc(2026, 10, 25, 23)

    def test_range_uses_the_event_zone_not_the_booker_zone(self) -> None:
        window = date_range(date(2024, 6, 3), date(2024, 6, 5))
        got = latest(window, utc(2024, 6, 1), booker_zone=TOKYO, event_zone=NEW_YORK)
        assert got == utc(2024, 6, 6, 4)
        assert earliest_start(window, event_zone=NEW_YORK) == utc(2024, 6, 3, 4)

    def test_range_does_not_depend_on_now(self) -> None:
        window = date_range(date(2026, 3, 28), date(2026, 3, 29))
        summer = latest(window, utc(2026, 7, 1), event_zone=BERLIN)
        winter = latest(window, utc(2026, 1, 1), event_zone=BERLIN)
        assert summer == winter == utc(2026, 3, 29, 22)

    def test_range_needs_both_dates(self) -> None:
        window = BookingWindow(PeriodType.RANGE, range_start=date(2026, 3, 28))
        with pytest.raises(ValueError, match="range"):
            latest(window, utc(2026, 1, 1))
        with pytest.raises(ValueError, match="range"):
            earliest_start(window, event_zone=BERLIN)


@pytest.mark.parametrize(
    "window",
    [BookingWindow(), rolling(3), rolling_window(3), rolling(3, calendar_days=False)],
)
def test_only_range_has_an_earliest_start(window: BookingWindow) -> None:
    assert earliest_start(window, event_zone=BERLIN) is None


ZONES = st.sampled_from(
    [NEW_YORK, BERLIN, ZoneInfo("Australia/Sydney"), ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")]
)
NOWS = st.integers(min_value=0, max_value=2 * 366 * 24 * 60).map(
    lambda minutes: utc(2024, 1, 1) + timedelta(minutes=minutes)
)


class TestRollingProperties:
    @settings(max_examples=200, deadline=None)
    @given(
        now=NOWS,
        zone=ZONES,
        days=st.integers(min_value=0, max_value=60),
        calendar_days=st.booleans(),
    )
    def test_latest_start_is_a_local_midnight_after_the_last_counted_day(
        self, now: datetime, zone: ZoneInfo, days: int, calendar_days: bool
    ) -> None:
        got = latest(rolling(days, calendar_days=calendar_days), now, booker_zone=zone)
        assert got is not None
        assert got.tzinfo is UTC
        at = got.astimezone(zone)
        assert at.time() == time(0)
        last_day = at.date() - timedelta(days=1)
        today = now.astimezone(zone).date()
        if calendar_days:
            assert last_day == today + timedelta(days=days)
        else:
            between = [today + timedelta(days=n) for n in range(1, (last_day - today).days + 1)]
            assert sum(day.weekday() < 5 for day in between) == days
            assert days == 0 or last_day.weekday() < 5

    @settings(max_examples=200, deadline=None)
    @given(now=NOWS, zone=ZONES, days=st.integers(min_value=0, max_value=60))
    def test_more_days_never_end_earlier(self, now: datetime, zone: ZoneInfo, days: int) -> None:
        for calendar_days in (True, False):
            shorter = latest(rolling(days, calendar_days=calendar_days), now, booker_zone=zone)
            longer = latest(rolling(days + 1, calendar_days=calendar_days), now, booker_zone=zone)
            assert shorter is not None
            assert longer is not None
            assert shorter < longer
        calendar = latest(rolling(days), now, booker_zone=zone)
        business = latest(rolling(days, calendar_days=False), now, booker_zone=zone)
        assert calendar is not None
        assert business is not None
        assert calendar <= business
