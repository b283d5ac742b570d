"""The engine's team rules as properties (Hypothesis over random schedules, zones and
bookings): a collective event's slots are exactly the slots every host offers alone, a
round-robin event's exactly those some host offers alone; and the round-robin choice."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slotwise.core.availability import EventRules, Host, available_slots
from slotwise.core.busy import ExistingBooking
from slotwise.core.intervals import Interval
from slotwise.core.round_robin import Candidate, host_for_round_robin
from slotwise.core.working_hours import ScheduleRules, WeeklyHours

UTC_ZONE = ZoneInfo("UTC")
# Zones whose clock changes are whole hours, so a 30-minute grid in UTC is the same grid in
# each host's zone: a team of several zones aligns in UTC, a host alone in their own zone.
ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Tokyo"]
MONDAY = date(2026, 3, 2)  # a week that includes New York's spring-forward on 8 March
NOW = datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
WEEK = Interval(
    datetime.combine(MONDAY, time(0), UTC),
    datetime.combine(MONDAY, time(0), UTC) + timedelta(days=8),
)


def _quarter(index: int) -> time:
    return time(index // 4, (index % 4) * 15)


rows = st.lists(
    st.tuples(
        st.frozensets(st.integers(0, 6), min_size=1),
        st.integers(0, 22 * 4),
        st.integers(2, 40),
    ).map(lambda t: WeeklyHours(t[0], _quarter(t[1]), _quarter(min(t[1] + t[2], 95)))),
    min_size=1,
    max_size=2,
)
bookings = st.lists(
    st.tuples(st.integers(0, 8 * 24 * 12), st.integers(1, 24)).map(
        lambda t: ExistingBooking(
            Interval(
                WEEK.start + timedelta(minutes=5 * t[0]),
                WEEK.start + timedelta(minutes=5 * (t[0] + t[1])),
            )
        )
    ),
    max_size=12,
)
host_strategy = st.tuples(st.sampled_from(ZONES), rows, bookings)
EVENT = EventRules(length=timedelta(minutes=30), minimum_notice=timedelta(0))


def _hosts(
    drawn: list[tuple[str, list[WeeklyHours], list[ExistingBooking]]], *, fixed: bool
) -> list[Host]:
    return [
        Host(index + 1, ScheduleRules(zone, tuple(weekly)), bookings=tuple(booked), fixed=fixed)
        for index, (zone, weekly, booked) in enumerate(drawn)
    ]


def _alone(host: Host) -> dict[datetime, bool]:
    return {
        s.start: True for s in available_slots(EVENT, [host], WEEK, now=NOW, booker_zone=UTC_ZONE)
    }


@settings(max_examples=120, deadline=None)
@given(drawn=st.lists(host_strategy, min_size=1, max_size=4))
def test_collective_slots_are_the_intersection_of_the_hosts_slots(
    drawn: list[tuple[str, list[WeeklyHours], list[ExistingBooking]]],
) -> None:
    hosts = _hosts(drawn, fixed=True)
    team = available_slots(EVENT, hosts, WEEK, now=NOW, booker_zone=UTC_ZONE)
    each = [set(_alone(host)) for host in hosts]
    assert {s.start for s in team} == set.intersection(*each)
    assert all(set(s.hosts) == {h.user_id for h in hosts} for s in team)


@settings(max_examples=120, deadline=None)
@given(drawn=st.lists(host_strategy, min_size=1, max_size=4))
def test_round_robin_slots_are_the_union_of_the_hosts_slots(
    drawn: list[tuple[str, list[WeeklyHours], list[ExistingBooking]]],
) -> None:
    hosts = _hosts(drawn, fixed=False)
    team = available_slots(EVENT, hosts, WEEK, now=NOW, booker_zone=UTC_ZONE)
    alone = {host.user_id: set(_alone(host)) for host in hosts}
    assert {s.start for s in team} == set.union(*alone.values())
    for slot in team:  # each slot names exactly the hosts who offer it alone
        assert set(slot.hosts) == {u for u, starts in alone.items() if slot.start in starts}


@settings(max_examples=80, deadline=None)
@given(
    fixed=st.lists(host_strategy, min_size=1, max_size=2),
    rotating=st.lists(host_strategy, min_size=1, max_size=3),
)
def test_round_robin_with_fixed_hosts_is_the_union_within_the_fixed_intersection(
    fixed: list[tuple[str, list[WeeklyHours], list[ExistingBooking]]],
    rotating: list[tuple[str, list[WeeklyHours], list[ExistingBooking]]],
) -> None:
    hosts = _hosts(fixed, fixed=True)
    hosts += [
        Host(h.user_id + 10, h.schedule, bookings=h.bookings, fixed=False)
        for h in _hosts(rotating, fixed=False)
    ]
    team = available_slots(EVENT, hosts, WEEK, now=NOW, booker_zone=UTC_ZONE)
    alone = {host.user_id: set(_alone(host)) for host in hosts}
    everyone_fixed = set.intersection(*(alone[h.user_id] for h in hosts if h.fixed))
    some_rotating = set.union(*(alone[h.user_id] for h in hosts if not h.fixed))
    assert {s.start for s in team} == everyone_fixed & some_rotating


# --- the round-robin choice --------------------------------------------------------------------


def test_highest_priority_wins_whatever_the_bookings() -> None:
    chosen = host_for_round_robin(
        [Candidate(1, priority=2), Candidate(2, priority=4, bookings_in_period=50, last_booked=9)],
        weights_enabled=True,
    )
    assert chosen == 2


def test_weights_pick_the_host_furthest_below_its_share() -> None:
    # Shares 1:3 of 8 bookings: 2 and 6. Host 1 has 2 (on share), host 2 has 5 (one short).
    candidates = [
        Candidate(1, weight=100, bookings_in_period=2),
        Candidate(2, weight=300, bookings_in_period=5),
    ]
    assert host_for_round_robin(candidates, weights_enabled=True) == 2
    assert host_for_round_robin(candidates, weights_enabled=False) == 1  # never booked: by id


def test_least_recently_booked_breaks_ties_never_booked_first() -> None:
    candidates = [Candidate(1, last_booked=7), Candidate(2, last_booked=3), Candidate(3)]
    assert host_for_round_robin(candidates, weights_enabled=False) == 3
    assert host_for_round_robin(candidates[:2], weights_enabled=False) == 2


def test_no_candidate_is_an_error() -> None:
    with pytest.raises(ValueError, match="no free"):
        host_for_round_robin([], weights_enabled=False)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 500),
            st.integers(0, 50),
            st.none() | st.integers(1, 10_000),
        ),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_the_choice_is_a_free_host_of_the_highest_priority(
    drawn: list[tuple[int, int, int, int | None]], weights: bool
) -> None:
    candidates = [Candidate(i + 1, p, w, b, last) for i, (p, w, b, last) in enumerate(drawn)]
    chosen = host_for_round_robin(candidates, weights_enabled=weights)
    by_id = {c.user_id: c for c in candidates}
    assert chosen in by_id
    assert by_id[chosen].priority == max(c.priority for c in candidates)
    assert host_for_round_robin(list(reversed(candidates)), weights_enabled=weights) == chosen
