"""The whole slot pipeline (core.availability) over plain inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.availability import EventRules, Host, Reservation, Slot, available_slots
from slotwise.core.booking_window import BookingWindow, CountedBooking, LimitUnit, PeriodType
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.core.working_hours import DateOverride, ScheduleRules, WeeklyHours, working_hours

UTC_ZONE = ZoneInfo("UTC")
LONDON = "Europe/London"
NEW_YORK = "America/New_York"
WEEKDAYS = frozenset({1, 2, 3, 4, 5})
# Monday 2026-01-05 .. Friday 2026-01-09: London is on GMT (= UTC), New York on EST (UTC-5).
MONDAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 4, 12, 0, tzinfo=UTC)  # the Sunday before, so notice never bites


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def nine_to_five(zone: str = LONDON, **extra: object) -> ScheduleRules:
    return ScheduleRules(zone, (WeeklyHours(WEEKDAYS, time(9), time(17)),), **extra)  # type: ignore[arg-type]


def one_day(day: date = MONDAY) -> Interval:
    return Interval(at(day, 0), at(day + timedelta(days=1), 0))


def thirty(**fields: object) -> EventRules:
    return EventRules(length=timedelta(minutes=30), minimum_notice=timedelta(0), **fields)  # type: ignore[arg-type]


def starts(slots: list[Slot]) -> list[str]:
    return [slot.start.strftime("%H:%M") for slot in slots]


def slots_for(
    event: EventRules, hosts: list[Host], window: Interval | None = None, **kwargs: object
) -> list[Slot]:
    return available_slots(
        event,
        hosts,
        window or one_day(),
        now=kwargs.pop("now", NOW),  # type: ignore[arg-type]
        booker_zone=kwargs.pop("booker_zone", UTC_ZONE),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


class TestOneHost:
    def test_working_hours_give_every_half_hour(self) -> None:
        slots = slots_for(thirty(), [Host(1, nine_to_five())])
        assert starts(slots) == [f"{h:02d}:{m:02d}" for h in range(9, 17) for m in (0, 30)]
        assert all(slot.hosts == (1,) for slot in slots)
        assert all(slot.end - slot.start == timedelta(minutes=30) for slot in slots)

    def test_a_booking_and_its_buffers_block(self) -> None:
        booking = ExistingBooking(Interval(at(MONDAY, 10), at(MONDAY, 11)))
        event = thirty(before_buffer=timedelta(minutes=15), after_buffer=timedelta(minutes=30))
        result = starts(slots_for(event, [Host(1, nine_to_five(), bookings=(booking,))]))
        # Blocked: 10:00 - 30 (new after) = 09:30 .. 11:00 + 15 (new before) = 11:15; the free
        # fragment from 11:15 starts its own grid, rounded up to the 30-minute step: 11:30.
        assert result[:2] == ["09:00", "11:30"]

    def test_notice_hides_the_near_future(self) -> None:
        now = at(MONDAY, 8, 10)
        event = EventRules(length=timedelta(minutes=30), minimum_notice=timedelta(minutes=120))
        assert (
            starts(slots_for(event, [Host(1, nine_to_five(UTC_ZONE.key))], now=now))[0] == "10:30"
        )

    def test_nothing_when_the_window_is_already_past(self) -> None:
        assert slots_for(thirty(), [Host(1, nine_to_five())], now=at(MONDAY, 23)) == []

    def test_a_requested_duration_replaces_the_length(self) -> None:
        slots = slots_for(thirty(), [Host(1, nine_to_five())], duration=timedelta(minutes=60))
        assert starts(slots)[:3] == ["09:00", "10:00", "11:00"]
        assert slots[-1].start == at(MONDAY, 16)

    def test_only_the_first_slot_of_each_date(self) -> None:
        week = Interval(at(MONDAY, 0), at(MONDAY + timedelta(days=5), 0))
        slots = slots_for(thirty(only_first_slot_per_date=True), [Host(1, nine_to_five())], week)
        assert [slot.start for slot in slots] == [
            at(MONDAY + timedelta(days=i), 9) for i in range(5)
        ]

    def test_first_slot_per_date_counts_dates_in_the_bookers_zone(self) -> None:
        # In Tokyo (UTC+9) London's 15:00Z onwards is already the next date.
        slots = slots_for(
            thirty(only_first_slot_per_date=True),
            [Host(1, nine_to_five())],
            booker_zone=ZoneInfo("Asia/Tokyo"),
        )
        assert [slot.start for slot in slots] == [at(MONDAY, 9), at(MONDAY, 15)]


class TestSeveralHosts:
    def test_collective_hosts_must_all_be_free(self) -> None:
        london, new_york = Host(1, nine_to_five(LONDON)), Host(2, nine_to_five(NEW_YORK))
        slots = slots_for(thirty(), [london, new_york])
        # New York 09:00-17:00 EST = 14:00-22:00Z; London 09:00-17:00Z: shared 14:00-17:00Z.
        assert starts(slots) == ["14:00", "14:30", "15:00", "15:30", "16:00", "16:30"]
        assert all(slot.hosts == (1, 2) for slot in slots)

    def test_round_robin_needs_one_free_host_and_says_which(self) -> None:
        busy = ExistingBooking(Interval(at(MONDAY, 9), at(MONDAY, 12)))
        first = Host(1, nine_to_five(), bookings=(busy,), fixed=False)
        second = Host(2, nine_to_five(NEW_YORK), fixed=False)
        slots = {slot.start: slot.hosts for slot in slots_for(thirty(), [first, second])}
        assert at(MONDAY, 9) not in slots  # host 1 busy, host 2 not yet working
        assert slots[at(MONDAY, 12)] == (1,)
        assert slots[at(MONDAY, 15)] == (1, 2)
        assert slots[at(MONDAY, 20)] == (2,)

    def test_a_fixed_host_must_join_every_round_robin_slot(self) -> None:
        fixed = Host(
            1, nine_to_five(), bookings=(ExistingBooking(Interval(at(MONDAY, 15), at(MONDAY, 16))),)
        )
        rotating = Host(2, nine_to_five(NEW_YORK), fixed=False)
        result = starts(slots_for(thirty(), [fixed, rotating]))
        assert result == ["14:00", "14:30", "16:00", "16:30"]


class TestSeats:
    def seated(self, taken: int) -> tuple[EventRules, Host]:
        event = thirty(seats_per_slot=3, event_type_id=7)
        booking = ExistingBooking(
            Interval(at(MONDAY, 10), at(MONDAY, 10, 30)), event_type_id=7, uid="b1", attendees=taken
        )
        return event, Host(1, nine_to_five(), bookings=(booking,))

    def test_a_seated_slot_stays_while_seats_remain(self) -> None:
        event, host = self.seated(taken=1)
        slot = next(s for s in slots_for(event, [host]) if s.start == at(MONDAY, 10))
        assert slot.seats_taken == 1
        assert slot.booking_uid == "b1"

    def test_a_full_seated_slot_is_gone(self) -> None:
        event, host = self.seated(taken=3)
        assert at(MONDAY, 10) not in [s.start for s in slots_for(event, [host])]

    def test_a_seated_booking_still_blocks_other_event_types(self) -> None:
        _, host = self.seated(taken=1)
        other = thirty(seats_per_slot=3, event_type_id=8)
        assert at(MONDAY, 10) not in [s.start for s in slots_for(other, [host])]

    def test_seat_holds_by_others_take_seats(self) -> None:
        event, host = self.seated(taken=1)
        hold = Reservation(Interval(at(MONDAY, 10), at(MONDAY, 10, 30)), holder="x", seat=True)
        slot = next(
            s for s in slots_for(event, [host], reservations=[hold]) if s.start == at(MONDAY, 10)
        )
        assert slot.seats_taken == 2
        two_holds = [hold, Reservation(hold.interval, holder="y", seat=True)]
        assert at(MONDAY, 10) not in [
            s.start for s in slots_for(event, [host], reservations=two_holds)
        ]


class TestReservations:
    def test_another_bookers_hold_hides_the_slot_but_not_from_its_holder(self) -> None:
        hold = Reservation(Interval(at(MONDAY, 11), at(MONDAY, 11, 30)), holder="someone")
        hosts = [Host(1, nine_to_five())]
        assert at(MONDAY, 11) not in [
            s.start for s in slots_for(thirty(), hosts, reservations=[hold])
        ]
        mine = slots_for(thirty(), hosts, reservations=[hold], holder="someone")
        assert at(MONDAY, 11) in [s.start for s in mine]


class TestBookingWindowAndLimits:
    def test_rolling_calendar_days_cut_off_later_dates(self) -> None:
        window = Interval(at(MONDAY, 0), at(MONDAY + timedelta(days=14), 0))
        event = thirty(booking_window=BookingWindow(PeriodType.ROLLING, days=3, calendar_days=True))
        now = at(MONDAY, 7)
        dates = {
            s.start.date() for s in slots_for(event, [Host(1, nine_to_five())], window, now=now)
        }
        assert dates == {MONDAY + timedelta(days=i) for i in range(4)}  # today + 3 days

    def test_a_full_day_limit_closes_that_day(self) -> None:
        window = Interval(at(MONDAY, 0), at(MONDAY + timedelta(days=2), 0))
        counted = tuple(CountedBooking(at(MONDAY, h), timedelta(minutes=30)) for h in (9, 10))
        bookings = tuple(ExistingBooking(Interval(c.start, c.start + c.duration)) for c in counted)
        event = thirty(count_limits={LimitUnit.DAY: 2})
        host = Host(1, nine_to_five(), bookings=bookings, counted=counted)
        dates = {s.start.date() for s in slots_for(event, [host], window)}
        assert dates == {MONDAY + timedelta(days=1)}


# --- properties ------------------------------------------------------------------------------

ZONES = ["UTC", LONDON, NEW_YORK, "Asia/Kolkata", "Australia/Lord_Howe"]
weekly_rows = st.lists(
    st.tuples(
        st.frozensets(st.integers(0, 6), min_size=1),
        st.integers(0, 23 * 4),
        st.integers(1, 16),
    ).map(lambda t: WeeklyHours(t[0], _quarter(t[1]), _quarter(min(t[1] + t[2] * 2, 95)))),
    min_size=1,
    max_size=3,
)
bookings_strategy = st.lists(
    st.tuples(st.integers(0, 7 * 24 * 4), st.integers(1, 12)).map(
        lambda t: ExistingBooking(
            Interval(
                at(MONDAY, 0) + timedelta(minutes=15 * t[0]),
                at(MONDAY, 0) + timedelta(minutes=15 * (t[0] + t[1])),
            )
        )
    ),
    max_size=15,
)


def _quarter(index: int) -> time:
    return time(index // 4, (index % 4) * 15)


WEEK = Interval(at(MONDAY, 0), at(MONDAY + timedelta(days=7), 0))


@settings(max_examples=150, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    rows=weekly_rows,
    bookings=bookings_strategy,
    length=st.sampled_from([15, 20, 30, 45, 60]),
    buffers=st.tuples(st.integers(0, 30), st.integers(0, 30)),
)
def test_pipeline_properties(
    zone: str,
    rows: list[WeeklyHours],
    bookings: list[ExistingBooking],
    length: int,
    buffers: tuple[int, int],
) -> None:
    before, after = (timedelta(minutes=b) for b in buffers)
    event = EventRules(
        length=timedelta(minutes=length),
        minimum_notice=timedelta(0),
        before_buffer=before,
        after_buffer=after,
    )
    schedule = ScheduleRules(zone, tuple(rows))
    host = Host(1, schedule, bookings=tuple(bookings))
    slots = available_slots(event, [host], WEEK, now=NOW, booker_zone=UTC_ZONE)
    hours = working_hours(schedule, WEEK)
    starts_ = [slot.start for slot in slots]
    assert starts_ == sorted(set(starts_))  # sorted and unique
    for slot in slots:
        span = Interval(slot.start, slot.end)
        assert any(h.contains(span) for h in hours)  # inside working hours
        for booking in bookings:  # never overlaps a booking widened by the buffers
            assert not span.overlaps(booking.interval.widened(after, before))
    # Adding a booking never adds a slot, where the grid cannot re-anchor: when the frequency
    # is its own alignment step, every start is on the step's clock grid whatever the busy
    # time (spec §2.7 lets a 45-minute event re-anchor after a booking, so not in general),
    # and the zone's clock changes are whole hours (Lord Howe shifts by 30 minutes).
    if length in (15, 20, 30, 60) and zone != "Australia/Lord_Howe":
        extra = ExistingBooking(Interval(at(MONDAY, 12), at(MONDAY, 13)))
        more_busy = Host(1, schedule, bookings=(*bookings, extra))
        fewer = available_slots(event, [more_busy], WEEK, now=NOW, booker_zone=UTC_ZONE)
        assert {s.start for s in fewer} <= set(starts_)


@settings(max_examples=100, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    start=st.integers(0, 80),
    hours=st.integers(1, 12),
)
def test_a_date_override_wins_over_the_weekday_rule(zone: str, start: int, hours: int) -> None:
    override = DateOverride(MONDAY, _quarter(start), _quarter(min(start + hours * 4, 95)))
    schedule = nine_to_five(zone, overrides=(override,))
    slots = available_slots(
        EventRules(length=timedelta(minutes=15), minimum_notice=timedelta(0)),
        [Host(1, schedule)],
        WEEK,
        now=NOW,
        booker_zone=UTC_ZONE,
    )
    local = ZoneInfo(zone)
    for slot in slots:
        local_start = slot.start.astimezone(local)
        if local_start.date() == MONDAY:
            assert override.start <= local_start.time()
            local_end = slot.end.astimezone(local)
            assert local_end.date() > MONDAY or local_end.time() <= override.end
