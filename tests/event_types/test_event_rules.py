"""service.event_rules: an event type's settings as the engine's EventRules (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from slotwise.core.availability import EventRules
from slotwise.core.booking_window import BookingWindow, LimitUnit, PeriodType
from slotwise.event_types import service
from slotwise.event_types.models import EventType


def event_type(**settings: object) -> EventType:
    """A row as the service creates it (defaults), never stored."""
    values = {**service.defaults(), **settings}
    values.setdefault("length_in_minutes", 30)
    return EventType(
        id=7,
        owner_id=1,
        title="T",
        slug="t",
        position=0,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        **values,
    )


class TestEventRules:
    def test_defaults(self) -> None:
        rules = service.event_rules(event_type())
        assert rules == EventRules(
            length=timedelta(minutes=30),
            slot_interval=None,
            minimum_notice=timedelta(minutes=120),
            before_buffer=timedelta(),
            after_buffer=timedelta(),
            offset_start=timedelta(),
            booking_window=BookingWindow(),
            time_zone=None,
            count_limits={},
            duration_limits={},
            only_first_slot_per_date=False,
            seats_per_slot=None,
            event_type_id=7,
            week_start=0,
        )

    def test_every_setting(self) -> None:
        rules = service.event_rules(
            event_type(
                length_in_minutes=45,
                slot_interval=15,
                minimum_booking_notice=0,
                before_event_buffer=10,
                after_event_buffer=5,
                offset_start=3,
                time_zone="Europe/Berlin",
                booking_limits_count={"PER_DAY": 2, "PER_YEAR": 100},
                booking_limits_duration={"PER_WEEK": 300},
                only_show_first_available_slot=True,
                seats_per_slot=4,
            ),
            week_start=1,
        )
        assert rules.length == timedelta(minutes=45)
        assert rules.slot_interval == timedelta(minutes=15)
        assert rules.minimum_notice == timedelta()
        assert rules.before_buffer == timedelta(minutes=10)
        assert rules.after_buffer == timedelta(minutes=5)
        assert rules.offset_start == timedelta(minutes=3)
        assert rules.time_zone == "Europe/Berlin"
        assert rules.count_limits == {LimitUnit.DAY: 2, LimitUnit.YEAR: 100}
        assert rules.duration_limits == {LimitUnit.WEEK: 300}
        assert rules.only_first_slot_per_date is True
        assert rules.seats_per_slot == 4
        assert rules.week_start == 1

    @pytest.mark.parametrize(
        ("columns", "window"),
        [
            ({}, BookingWindow()),
            (
                {"period_type": "ROLLING", "period_days": 5, "period_count_calendar_days": False},
                BookingWindow(PeriodType.ROLLING, days=5, calendar_days=False),
            ),
            (
                {"period_type": "ROLLING", "period_days": 5, "period_count_calendar_days": True},
                BookingWindow(PeriodType.ROLLING, days=5, calendar_days=True),
            ),
            (
                {"period_type": "ROLLING_WINDOW", "period_days": 9},  # calendar days unset
                BookingWindow(PeriodType.ROLLING_WINDOW, days=9, calendar_days=True),
            ),
            (
                {
                    "period_type": "RANGE",
                    "period_start_date": date(2030, 9, 5),
                    "period_end_date": date(2030, 9, 9),
                },
                BookingWindow(
                    PeriodType.RANGE, range_start=date(2030, 9, 5), range_end=date(2030, 9, 9)
                ),
            ),
        ],
        ids=["unlimited", "rolling-business", "rolling-calendar", "rolling-window", "range"],
    )
    def test_booking_window(self, columns: dict[str, object], window: BookingWindow) -> None:
        assert service.event_rules(event_type(**columns)).booking_window == window

    def test_a_zero_slot_interval_is_the_length(self) -> None:
        assert service.event_rules(event_type(slot_interval=0)).slot_interval is None

    @pytest.mark.parametrize(
        ("week_start", "number"),
        [("Sunday", 0), ("Monday", 1), ("Wednesday", 3), ("Saturday", 6), ("Funday", 0)],
    )
    def test_week_start_number(self, week_start: str, number: int) -> None:
        assert service.week_start_number(week_start) == number
