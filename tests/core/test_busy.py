"""Busy intervals with buffers (spec/scheduling.md §4)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.busy import ExistingBooking, booking_busy, calendar_busy
from slotwise.core.intervals import Interval, subtract
from slotwise.core.slots import slot_starts

DAY = datetime(2025, 3, 3, tzinfo=UTC)
NONE = timedelta()


def minutes(count: int) -> timedelta:
    return timedelta(minutes=count)


def at(clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return DAY + timedelta(hours=hour, minutes=minute)


def span(start: str, end: str) -> Interval:
    return Interval(at(start), at(end))


def half_hour_slots(free: list[Interval]) -> list[str]:
    starts = slot_starts(free, length=minutes(30), frequency=minutes(30), earliest=DAY)
    return [start.strftime("%H:%M") for start in starts]


class TestBookingBusy:
    def test_buffers_add_up_across_bookings(self) -> None:
        booking = ExistingBooking(
            span("12:30", "13:00"), before_buffer=minutes(15), after_buffer=minutes(30)
        )
        busy = booking_busy([booking], new_before=minutes(15), new_after=minutes(30))
        # 12:30 - (15 + 30) and 13:00 + (30 + 15)
        assert busy == [span("11:45", "13:45")]

    def test_own_buffers_only(self) -> None:
        booking = ExistingBooking(
            span("12:30", "13:00"), before_buffer=minutes(15), after_buffer=minutes(30)
        )
        assert booking_busy([booking], new_before=NONE, new_after=NONE) == [span("12:15", "13:30")]

    def test_the_new_events_after_buffer_widens_the_start_and_before_buffer_the_end(
        self,
    ) -> None:
        booking = ExistingBooking(span("12:30", "13:00"))
        busy = booking_busy([booking], new_before=minutes(10), new_after=minutes(20))
        assert busy == [span("12:10", "13:10")]

    def test_no_buffers_keeps_the_booking(self) -> None:
        booking = ExistingBooking(span("12:30", "13:00"))
        assert booking_busy([booking], new_before=NONE, new_after=NONE) == [span("12:30", "13:00")]

    def test_widened_bookings_are_merged_and_sorted(self) -> None:
        bookings = [
            ExistingBooking(span("15:00", "15:30")),
            ExistingBooking(span("12:30", "13:00"), after_buffer=minutes(15)),
            ExistingBooking(span("13:30", "14:00"), before_buffer=minutes(15)),
        ]
        busy = booking_busy(bookings, new_before=NONE, new_after=NONE)
        # 12:30-13:15 and 13:15-14:00 touch, so they join.
        assert busy == [span("12:30", "14:00"), span("15:00", "15:30")]

    def test_no_bookings_no_busy_time(self) -> None:
        assert booking_busy([], new_before=minutes(10), new_after=minutes(10)) == []


class TestCalendarBusy:
    def test_widened_by_the_new_events_opposite_buffers(self) -> None:
        busy = calendar_busy(
            [span("10:00", "11:00")], new_before=minutes(10), new_after=minutes(20)
        )
        assert busy == [span("09:40", "11:10")]

    def test_no_buffers_keeps_the_event(self) -> None:
        assert calendar_busy([span("10:00", "11:00")], new_before=NONE, new_after=NONE) == [
            span("10:00", "11:00")
        ]

    def test_overlapping_events_are_merged_and_sorted(self) -> None:
        events = [span("14:00", "15:00"), span("10:30", "11:30"), span("10:00", "11:00")]
        assert calendar_busy(events, new_before=NONE, new_after=NONE) == [
            span("10:00", "11:30"),
            span("14:00", "15:00"),
        ]

    def test_before_buffer_keeps_slots_clear_after_an_event(self) -> None:
        # 30-minute event with a 15-minute before buffer: nothing may start until 11:15.
        busy = calendar_busy([span("10:00", "11:00")], new_before=minutes(15), new_after=NONE)
        assert busy == [span("10:00", "11:15")]
        assert half_hour_slots(subtract([span("09:00", "12:00")], busy)) == [
            "09:00",
            "09:30",
            "11:30",
        ]

    def test_after_buffer_keeps_slots_clear_before_an_event(self) -> None:
        busy = calendar_busy([span("10:00", "11:00")], new_before=NONE, new_after=minutes(15))
        assert busy == [span("09:45", "11:00")]
        assert half_hour_slots(subtract([span("09:00", "12:00")], busy)) == [
            "09:00",
            "11:00",
            "11:30",
        ]


class TestBusyAndSlots:
    def test_touching_bookings_do_not_block(self) -> None:
        bookings = [
            ExistingBooking(span("09:00", "10:00")),
            ExistingBooking(span("11:00", "12:00")),
        ]
        busy = booking_busy(bookings, new_before=NONE, new_after=NONE)
        starts = slot_starts(
            subtract([span("09:00", "12:00")], busy),
            length=minutes(60),
            frequency=minutes(60),
            earliest=DAY,
        )
        assert starts == [at("10:00")]

    def test_cross_buffers_leave_the_gap_between_two_bookings_empty(self) -> None:
        # Cal.com's integration test: 30-minute event with before 15 / after 30; bookings of
        # the same event type 12:30-13:00 and 14:30-15:00; working hours 09:00-17:00.
        bookings = [
            ExistingBooking(span(start, end), before_buffer=minutes(15), after_buffer=minutes(30))
            for start, end in [("12:30", "13:00"), ("14:30", "15:00")]
        ]
        busy = booking_busy(bookings, new_before=minutes(15), new_after=minutes(30))
        slots = half_hour_slots(subtract([span("09:00", "17:00")], busy))
        assert [slot for slot in slots if "13:00" <= slot < "14:30"] == []
        assert slots == ["09:00", "09:30", "10:00", "10:30", "11:00", "16:00", "16:30"]


# --- properties -------------------------------------------------------------------------------

buffers = st.integers(0, 90).map(minutes)
intervals = st.tuples(st.integers(0, 24 * 60), st.integers(1, 240)).map(
    lambda t: Interval(DAY + minutes(t[0]), DAY + minutes(t[0] + t[1]))
)


def assert_is_the_union_of(busy: list[Interval], widened: list[Interval]) -> None:
    """``busy`` is normalized and covers exactly the widened intervals."""
    for first, second in zip(busy, busy[1:], strict=False):
        assert first.end < second.start  # sorted, apart, not touching
    for interval in widened:
        assert any(b.contains(interval) for b in busy)
    for b in busy:
        assert any(w.start == b.start for w in widened)
        assert any(w.end == b.end for w in widened)
        # No hole inside b: every widened interval either lies in b or outside it.
        covered = sorted((w for w in widened if b.contains(w)), key=lambda w: w.start)
        reach = b.start
        for w in covered:
            assert w.start <= reach
            reach = max(reach, w.end)
        assert reach == b.end


class TestBusyProperties:
    @settings(max_examples=200, deadline=None)
    @given(
        st.lists(st.tuples(intervals, buffers, buffers), max_size=8),
        buffers,
        buffers,
    )
    def test_booking_busy_is_the_union_of_cross_buffered_bookings(
        self,
        rows: list[tuple[Interval, timedelta, timedelta]],
        new_before: timedelta,
        new_after: timedelta,
    ) -> None:
        bookings = [ExistingBooking(i, before_buffer=b, after_buffer=a) for i, b, a in rows]
        widened = [
            Interval(i.start - (b + new_after), i.end + (a + new_before)) for i, b, a in rows
        ]
        busy = booking_busy(bookings, new_before=new_before, new_after=new_after)
        assert_is_the_union_of(busy, widened)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(intervals, max_size=8), buffers, buffers)
    def test_calendar_busy_is_the_union_of_buffered_events(
        self, events: list[Interval], new_before: timedelta, new_after: timedelta
    ) -> None:
        widened = [Interval(e.start - new_after, e.end + new_before) for e in events]
        busy = calendar_busy(events, new_before=new_before, new_after=new_after)
        assert_is_the_union_of(busy, widened)
